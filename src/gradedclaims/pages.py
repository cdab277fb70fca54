"""Content pages: Markdown files under docs/, with their claim markers."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import limits, markers, memo, sections, textfile
from .limits import Limits
from .problems import Problem, error


@dataclass
class Page:
    path: str  # as shown in problems, e.g. docs/estradiol.md
    src_uri: str  # relative to docs/, as MkDocs names it
    text: str
    markers: list[markers.Marker]
    malformed: list[markers.Malformed]
    title: str
    digest: str = ""  # of the text (memo keys)
    sections: list[sections.Section] = field(default_factory=list)
    block_malformed: list[sections.MalformedBlock] = field(default_factory=list)


def _h1(text: str) -> str:
    """The text of the first ATX level-1 heading (`# Title`, closing #s removed), or "".

    A scan of lines, not `^#[ \t]+(.+?)[ \t#]*$`: that lazy group retries the closing run at each
    character, so a long run of # or spaces in a heading took quadratic time.
    """
    for line in text.split("\n"):
        if len(line) > 1 and line[0] == "#" and line[1] in " \t":
            title = line[1:].strip().rstrip(" \t#").strip()
            if title:
                return title
    return ""


def _title(text: str, src_uri: str) -> str:
    title = _h1(text)
    if title:
        return title
    stem = src_uri.rsplit("/", 1)[-1].removesuffix(".md")
    return stem.replace("-", " ").capitalize()


def url_for(src_uri: str) -> str:
    """The directory-style URL MkDocs gives a page: estradiol.md -> estradiol/, index.md -> ''."""
    path = src_uri.removesuffix(".md")
    if path == "index":
        return ""
    if path.endswith("/index"):
        return path[: -len("index")]
    return path + "/"


def parse(text: str, display: str, src_uri: str) -> Page:
    found, bad = markers.scan(text)
    parts, bad_sof = sections.scan(text, found)
    return Page(display, src_uri, text, found, bad, _title(text, src_uri), memo.digest(text), parts, bad_sof)


def markup_problem(text: str, display: str, lim: Limits) -> Problem | None:
    """A page whose brackets and tags could make the Markdown renderer slow (see limits.yml)."""
    openers = text.count("[") + text.count("<")
    if openers * len(text) <= lim.max_page_markup:
        return None
    return error(display, 1, 1, "page-too-complex",
                 f"the page has {openers} '[' and '<' in {len(text)} characters, more than the Markdown "
                 "renderer can take in reasonable time", "split the page, or write literal brackets as &#91; and "
                 "&lt;; " + limits.hint("max_page_markup"))


def load(paths: list[Path], docs: Path, reader: textfile.Reader, lim: Limits) -> tuple[list[Page], list[Problem]]:
    """The pages at `paths` (listed by gradedclaims.inputs), each read only if `reader` allows it."""
    pages, problems = [], []
    for path in paths:
        display = path.relative_to(reader.root).as_posix()
        text, problem = reader.read(path, display, lim.max_file_bytes)
        if text is None:
            problems.append(problem)
            continue
        problem = markup_problem(text, display, lim)
        if problem:
            problems.append(problem)
        src_uri = path.relative_to(docs).as_posix()
        pages.append(memo.remember("page", display, (text, src_uri),
                                   lambda: parse(text, display, src_uri)))
    return pages, problems
