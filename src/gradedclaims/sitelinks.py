"""Internal links and anchors of a built site, checked from its files in one pass.

linkchecker fetched every page over HTTP and re-parsed it for each link (1,400 to 2,700 URLs,
one to several minutes). The site is static, so the same coverage needs only its files: parse
each HTML page once, collect its ids, then resolve every internal link (a, link, script, img,
srcset, CSS url(), ...) to a file and every #fragment to an id of the target page. Links to
other hosts, mailto: and data: URLs are not checked, as before: nothing leaves the machine.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .excerpt import quote
from .problems import Problem, error

# Attributes that hold one URL, per element (as linkchecker reads them); srcset holds several.
URL_ATTRS = {
    "a": ("href",), "area": ("href",), "link": ("href",), "base": ("href",),
    "img": ("src", "longdesc"), "script": ("src",), "iframe": ("src",), "frame": ("src",),
    "embed": ("src",), "source": ("src",), "track": ("src",), "audio": ("src",),
    "video": ("src", "poster"), "input": ("src",), "object": ("data",), "form": ("action",),
    "button": ("formaction",), "blockquote": ("cite",), "q": ("cite",), "ins": ("cite",),
    "del": ("cite",),
}
SRCSET_TAGS = {"img", "source"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
NOT_CHECKED = ("mailto:", "tel:", "javascript:", "data:", "blob:", "about:")
HINT = ("fix the link in the Markdown page, template or generator that wrote this page, then "
        "rebuild (make build)")


@dataclass(frozen=True)
class Link:
    """One URL as written in a file, with where it was written (1-based line and column)."""

    url: str
    line: int
    column: int


@dataclass
class Page:
    """What a check needs from one HTML file: the ids it defines and the links it makes."""

    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.page.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.page.ids.add(values["name"])
        line, col = self.getpos()
        for name in URL_ATTRS.get(tag, ()):
            if values.get(name) is not None:
                self.page.links.append(Link(values[name].strip(), line, col + 1))
        if tag in SRCSET_TAGS and values.get("srcset"):
            for candidate in values["srcset"].split(","):
                if candidate.strip():
                    self.page.links.append(Link(candidate.split()[0], line, col + 1))
        if values.get("style"):
            for match in CSS_URL.finditer(values["style"]):
                self.page.links.append(Link(match.group(2).strip(), line, col + 1))

    handle_startendtag = handle_starttag


def parse_page(text: str) -> Page:
    parser = _PageParser()
    parser.feed(text)
    parser.close()
    return parser.page


def css_links(text: str) -> list[Link]:
    links = []
    for match in CSS_URL.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        links.append(Link(match.group(2).strip(), line, column))
    return links


CANONICAL = re.compile(r'<link\s+rel="canonical"\s+href="([^"]+)"')


def base_path(root: Path) -> str:
    """The URL path the site is published under ('/fixture/' for site_url
    https://example.org/fixture/), read from the home page's canonical link; '/' without one.
    Root-relative links (404.html uses them) start with it."""
    match = CANONICAL.search((root / "index.html").read_text(encoding="utf-8", errors="replace"))
    path = urlsplit(match.group(1)).path if match else "/"
    return path if path.endswith("/") else path + "/"


class Site:
    """The built site's files, with each HTML page parsed at most once."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.base = base_path(self.root)
        self._pages: dict[Path, Page] = {}
        self._targets: dict[tuple[Path, str], Path | None] = {}

    def page(self, path: Path) -> Page:
        if path not in self._pages:
            self._pages[path] = parse_page(path.read_text(encoding="utf-8", errors="replace"))
        return self._pages[path]

    def target(self, source: Path, url_path: str) -> Path | None:
        """The file an internal URL path serves, as a static server would; None if none does."""
        if url_path.startswith("/"):
            if not url_path.startswith(self.base):
                return None
            base, url_path = self.root, url_path[len(self.base):]
        else:
            base = source.parent
        key = (base, url_path)
        if key not in self._targets:
            self._targets[key] = self._serve(base, url_path)
        return self._targets[key]

    def _serve(self, base: Path, url_path: str) -> Path | None:
        candidate = (base / unquote(url_path)).resolve()
        if not candidate.is_relative_to(self.root):
            return None
        if candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None


def _check_link(site: Site, source: Path, link: Link, shown: str, stats: Counter) -> Problem | None:
    url = link.url
    if not url or url.lower().startswith(NOT_CHECKED):
        return None
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None  # another host (or an absolute URL): never fetched
    stats["internal links"] += 1
    target = site.target(source, parts.path) if parts.path else source
    if target is None:
        return error(shown, link.line, link.column, "broken-link",
                     f"link {quote(url)} points to nothing in the built site", HINT)
    fragment = unquote(parts.fragment)
    if not fragment or target.suffix != ".html":
        return None
    stats["anchors"] += 1
    if fragment not in site.page(target).ids:
        where = "this page" if target == source else target.relative_to(site.root).as_posix()
        return error(shown, link.line, link.column, "broken-anchor",
                     f"link {quote(url)}: {where} has no element with id {quote(fragment)}", HINT)
    return None


def check_site(root: Path, shown_root: str | None = None) -> tuple[list[Problem], Counter]:
    """Every problem with the site's internal links and anchors, and what was checked.

    `shown_root` is how paths in messages start (default: `root` as given).
    """
    site = Site(root)
    shown_root = shown_root if shown_root is not None else str(root)
    problems: list[Problem] = []
    stats: Counter = Counter()
    for source in sorted(site.root.rglob("*")):
        if source.suffix == ".html":
            links = site.page(source).links
            stats["pages"] += 1
        elif source.suffix == ".css":
            links = css_links(source.read_text(encoding="utf-8", errors="replace"))
            stats["stylesheets"] += 1
        else:
            continue
        shown = f"{shown_root.rstrip('/')}/{source.relative_to(site.root).as_posix()}"
        for link in links:
            problem = _check_link(site, source, link, shown, stats)
            if problem:
                problems.append(problem)
    return problems, stats


