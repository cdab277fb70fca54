"""What changed in the register: the "What changed" page and its Atom feeds, one for the whole
site and one per topic, built from the history read from git (gradedclaims.history).

Each change links to its row in the claim page's history table; a feed entry's id is that
link, so it stays the same from build to build while the site's address does not change.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from itertools import groupby

from ..history import Change
from .model import CHANGES_URL, SiteModel, build_date, claim_url, feed_url
from .safe import attr, esc, rel

ATOM = "http://www.w3.org/2005/Atom"
ATOM_TYPE = "application/atom+xml"
NO_HISTORY = ("This copy of the site was built without its git history (for example from a release archive), "
              "so the changes to claims cannot be listed. The published site lists them.")


def feed_title(model: SiteModel, topic: str | None) -> str:
    name = model.publishing.publisher
    return f"{name}: changes to {topic} claims" if topic else f"{name}: changes to claims"


def feed_links(model: SiteModel, page_url: str, topics: list[str | None]) -> str:
    """`<link rel="alternate">` elements for a page's head, one per feed (None: the site's feed).
    Relative, so that the sitemap Material fetches beside them comes from the same server."""
    return "".join(
        f'<link rel="alternate" type="{ATOM_TYPE}" title="{attr(feed_title(model, t))}" '
        f'href="{attr(rel(page_url, feed_url(t)))}">'
        for t in topics
    )


def _link(model: SiteModel, change: Change, from_url: str) -> str:
    if change.claim not in model.project.claims:  # removed from the register: no page to link to
        return f"<code>{esc(change.claim)}</code>"
    return f'<a href="{attr(rel(from_url, claim_url(change.claim)) + "#" + change.anchor)}"><code>{esc(change.claim)}</code></a>'


def page_body(model: SiteModel) -> str:
    """The list of changes, newest first, grouped by date, with the feeds to subscribe to."""
    here = CHANGES_URL
    topics = model.topics()
    feeds = (
        '<p class="oxy-feeds">Subscribe in a feed reader: '
        f'<a href="{attr(rel(here, feed_url()))}" type="{ATOM_TYPE}">all changes (Atom)</a>. '
        "By topic: " + ", ".join(
            f'<a href="{attr(rel(here, feed_url(t)))}" type="{ATOM_TYPE}">{esc(t)}</a>' for t in topics) + ".</p>"
    )
    if not model.history.available:
        return feeds + f'<p class="oxy-notice oxy-notice--no-history">{esc(NO_HISTORY)}</p>'
    events = model.history.events()
    limit = model.publishing.changes_page_entries
    shown = events[:limit]
    if not shown:
        return feeds + "<p>No changes to claims are recorded yet.</p>"
    parts = [feeds]
    if len(events) > limit:
        parts.append(f"<p>The {limit} most recent of {len(events)} changes; each claim's page lists all of its own.</p>")
    for date, group in groupby(shown, key=lambda c: c.date):
        items = "".join(
            f'<li class="oxy-change" data-kinds="{attr(" ".join(c.kinds))}">{_link(model, c, here)} '
            f'<span class="oxy-change__topic">({esc(c.topic)})</span>: {esc(c.summary)}. '
            f'<span class="oxy-change__statement">{esc(c.statement)}</span></li>'
            for c in group
        )
        parts.append(f'<h2 id="{attr("d-" + date)}"><time datetime="{attr(date)}">{esc(date)}</time></h2>'
                     f'<ul class="oxy-changes">{items}</ul>')
    return "".join(parts)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


def _build_time(model: SiteModel) -> str:
    return dt.datetime.combine(build_date(), dt.time(), dt.timezone.utc).isoformat()


def feed(model: SiteModel, topic: str | None = None) -> bytes:
    """An Atom 1.0 feed (RFC 4287) of the newest changes, to the whole register or one topic."""
    events = [c for c in model.history.events() if topic is None or c.topic == topic]
    events = events[:model.publishing.feed_entries]
    self_url = model.absolute(feed_url(topic))
    root = ET.Element("feed", xmlns=ATOM)  # plain names under a default namespace: no ns0: prefixes
    _sub(root, "title", feed_title(model, topic))
    _sub(root, "subtitle", "Claims added, regraded, reworded or withdrawn in the evidence register."
         if model.history.available else NO_HISTORY)
    _sub(root, "id", self_url)
    _sub(root, "link", rel="self", type=ATOM_TYPE, href=self_url)
    _sub(root, "link", rel="alternate", type="text/html", href=model.absolute(CHANGES_URL))
    _sub(root, "updated", events[0].time if events else _build_time(model))
    author = _sub(root, "author")
    _sub(author, "name", model.publishing.publisher)
    if model.site_url:
        _sub(author, "uri", model.site_url)
    for c in events:
        link = model.absolute(claim_url(c.claim)) + "#" + c.anchor
        entry = _sub(root, "entry")
        _sub(entry, "title", f"{c.claim}: {c.summary}")
        _sub(entry, "id", link)
        # a removed claim has no page: its entry points at the change page (Atom needs a link)
        _sub(entry, "link", rel="alternate", type="text/html",
             href=link if c.claim in model.project.claims else model.absolute(CHANGES_URL))
        _sub(entry, "published", c.time)
        _sub(entry, "updated", c.time)
        _sub(entry, "category", term=c.topic)
        _sub(entry, "summary", f"{c.summary}. {c.statement}", type="text")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def feeds(model: SiteModel) -> dict[str, bytes]:
    """Site path -> Atom document, for the whole site and every topic."""
    return {feed_url(): feed(model), **{feed_url(t): feed(model, t) for t in model.topics()}}
