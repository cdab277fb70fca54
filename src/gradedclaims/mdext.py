"""Claim markers as a Python-Markdown extension, so that any engine that runs Python-Markdown
(MkDocs, ProperDocs, Zensical, a plain `markdown.markdown` call) renders `[claim:id]`,
`[plain:id]` and `[summary-of-findings:id]` the way the MkDocs plugin does: numbered citations
with their certainty, plain statements, summary tables and the page's reference list.

    markdown.markdown(text, extensions=[ClaimsExtension(root="path/to/site")])
    markdown.markdown(text, extensions=["claims"], extension_configs={"claims": {"root": "."}})

The register is loaded and checked once per extension object; a register with errors raises
RegisterError listing them (path:line:col), so a page is never rendered from a broken register.
Generated pages (register, bibliography, claim pages) and exports stay with the plugin or
`claims export`.
"""

from __future__ import annotations

from pathlib import Path

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from . import project
from .pages import parse
from .problems import ERROR
from .render import cite, topicpage
from .render.model import SiteModel


class RegisterError(ValueError):
    """The register has errors; the message lists them, one located problem a line."""


class ClaimsExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "root": [".", "the site root: the folder with claims/ and references.bib"],
            "page_url": ["", "the URL of the page being rendered, relative to the site (links to claim pages)"],
            "site_url": ["", "the site's address, for absolute links"],
        }
        super().__init__(**kwargs)
        self._model: SiteModel | None = None

    def model(self) -> SiteModel:
        """The register, loaded and checked on first use."""
        if self._model is None:
            root = Path(self.getConfig("root")).resolve()
            proj = project.load(root, with_pages=False)
            errors = [p for p in project.check(proj, advisories=False) if p.level == ERROR]
            if errors:
                raise RegisterError("the claims register has errors:\n" + "\n".join(
                    f"{p.location()}: {p.message} ({p.code})" for p in errors))
            self._model = SiteModel(proj, site_url=self.getConfig("site_url"))
        return self._model

    def extendMarkdown(self, md: Markdown) -> None:
        tokens: dict[str, str] = {}
        md.preprocessors.register(_Markers(md, self, tokens), "claims-markers", 27)  # before the raw-HTML block stash (20)
        md.postprocessors.register(_Fill(md, tokens), "claims-fill", 5)  # after raw HTML is put back (30)


class _Markers(Preprocessor):
    """Markers to comment tokens (kept through Markdown as raw HTML), with the reference list."""

    def __init__(self, md: Markdown, extension: ClaimsExtension, tokens: dict[str, str]):
        super().__init__(md)
        self.extension, self.tokens = extension, tokens

    def run(self, lines: list[str]) -> list[str]:
        self.tokens.clear()
        page = parse("\n".join(lines), "<markdown>", "page.md")
        if not topicpage.is_topic_page(page):
            return lines
        body, html = topicpage.render_with_tokens(page, self.extension.model(), self.extension.getConfig("page_url"))
        self.tokens.update(html)
        return body.split("\n")


class _Fill(Postprocessor):
    def __init__(self, md: Markdown, tokens: dict[str, str]):
        super().__init__(md)
        self.tokens = tokens

    def run(self, text: str) -> str:
        return cite.fill_tokens(text, self.tokens) if self.tokens else text


def makeExtension(**kwargs) -> ClaimsExtension:  # noqa: N802 (Python-Markdown's name)
    return ClaimsExtension(**kwargs)
