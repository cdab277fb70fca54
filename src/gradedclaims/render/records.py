"""Plain data for one claim with its references resolved: the claim page's JSON, the hover
card's source, and the rows of claims.json all come from here."""

from __future__ import annotations

from ..claims import Claim
from ..vocab import CERTAINTY_LABELS, CERTAINTY_SYMBOLS
from .badges import population_tag
from .model import SiteModel, claim_url
from . import profile
from .refs import links, status_notice_url

RECORD_VERSION = "1.0"


def reference_record(model: SiteModel, key: str) -> dict:
    ref = model.project.bibliography.lookup(key)
    if ref is None:
        return {"key": key, "missing": True}
    return {
        "key": ref.key,
        "citation": ref.citation(),
        "doi": ref.doi or None,
        "pmid": ref.pmid or None,
        "pmcid": ref.pmcid or None,
        "isbn": ref.isbn or None,
        "links": [{"label": label, "url": url} for label, url in links(ref)],
        "design": ref.design,
        "population": ref.population,
        "species": ref.species,
        "verified": ref.verified,
        "verified_url": ref.get("verified_url") or None,
        "verified_on": ref.get("verified_on") or None,
        "status": ref.get("status") or None,
        "status_notice": ref.get("status_notice") or None,
        "status_notice_url": status_notice_url(ref),
        "status_checked": ref.get("status_checked") or None,
    }


def claim_record(model: SiteModel, claim: Claim) -> dict:
    return {
        "id": claim.id,
        "url": model.absolute(claim_url(claim.id)),
        "statement": claim.statement,
        "topic": claim.topic,
        "certainty": claim.certainty,
        "certainty_label": CERTAINTY_LABELS[claim.certainty],
        "certainty_symbols": CERTAINTY_SYMBOLS[claim.certainty],
        "design": claim.design,
        "population": claim.population,
        "population_label": population_tag(claim.population, claim.species) or "human",
        "species": claim.species,
        "rationale": claim.rationale,
        "appraisal": profile.record(claim),
        "caveats": claim.caveats or None,
        "status": claim.status,
        "reviewed": claim.reviewed,
        "review_due_since": due.isoformat() if (due := model.review_due(claim)) else None,
        "as_of": claim.as_of or None,
        "map": {"hormone": claim.hormone, "outcome": claim.outcome} if claim.hormone else None,
        "sources": [
            {"relation": s.relation, "locator": s.locator or None, "reference": reference_record(model, s.ref)}
            for s in claim.sources
        ],
        "pages": [
            {"title": p.title, "url": model.absolute(SiteModel.page_url(p))}
            for p in model.usage.get(claim.id, [])
        ],
    }
