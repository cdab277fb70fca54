"""What every renderer needs besides the project: where things live on the site."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .. import reviewdue
from ..claims import Claim
from ..dates import build_date
from ..history import History
from ..pages import Page, url_for
from ..policy import Policy, load as load_policy
from ..project import Project
from ..evidencemap import EvidenceMap, load as load_evidence_map
from ..publishing import Publishing, load as load_publishing

REGISTER_URL = "register/"
BIBLIOGRAPHY_URL = "references/"
DATA_URL = "data/"
EXPORT_DIR = "data/"
CHANGES_URL = "changes/"


def feed_url(topic: str | None = None) -> str:
    """The Atom feed of all changes (changes.atom.xml) or of one topic's (changes-<topic>.atom.xml).

    At the site's root on purpose: Material for MkDocs fetches "sitemap.xml" beside every
    `<link rel="alternate">` of a page (it takes them for language versions), so a feed in a
    folder made every page request a sitemap that does not exist, an error in every console."""
    return f"changes-{topic}.atom.xml" if topic else "changes.atom.xml"


def claim_url(claim_id: str) -> str:
    return f"claims/{claim_id}/"


def claim_json_url(claim_id: str) -> str:
    return f"claims/{claim_id}/claim.json"


def audit_url(audit_id: str) -> str:
    return f"audit/{audit_id}/"


def reference_anchor(key: str) -> str:
    return "ref-" + "".join(c if c.isalnum() or c in "-_" else "-" for c in key)


@dataclass
class SiteModel:
    project: Project
    site_url: str = ""  # absolute base for JSON-LD and permalinks, if configured
    history: History = field(default_factory=History)  # from git, read once per build
    publishing: Publishing = field(default_factory=load_publishing)
    evidence_map: EvidenceMap = field(default_factory=load_evidence_map)  # the site's axes and labels
    usage: dict[str, list[Page]] = field(default_factory=dict)  # claim id -> pages that cite it
    cited_by: dict[str, list[Claim]] = field(default_factory=dict)  # reference key -> claims
    policy: Policy = field(default_factory=load_policy)
    today: dt.date = field(default_factory=build_date)

    def __post_init__(self):
        for page in self.project.pages:
            seen = set()
            for marker in page.markers:
                for cid in marker.ids:
                    if cid not in seen:
                        seen.add(cid)
                        self.usage.setdefault(cid, []).append(page)
        for claim in self.project.claims.values():
            for key in dict.fromkeys(s.ref for s in claim.sources):
                self.cited_by.setdefault(key, []).append(claim)

    def overdue(self, claim: Claim) -> bool:
        """A dated fact whose re-check interval has passed at the build's date."""
        if not claim.as_of:
            return False
        try:
            return (self.today - dt.date.fromisoformat(claim.as_of)).days > self.policy.status_review_days
        except ValueError:
            return False

    def review_due(self, claim: Claim) -> dt.date | None:
        """The day the claim's review fell due, if that is on or before the build's date."""
        return reviewdue.due_since(claim, self.policy, self.today)

    def absolute(self, url: str) -> str:
        return (self.site_url.rstrip("/") + "/" + url) if self.site_url else url

    def topics(self) -> list[str]:
        return sorted({c.topic for c in self.project.claims.values()})

    @staticmethod
    def page_url(page: Page) -> str:
        return url_for(page.src_uri)
