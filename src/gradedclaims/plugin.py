"""The MkDocs plugin `claims`: routes build events to the gradedclaims library, and does nothing else.

Enabled with `plugins: [search, claims]` in mkdocs.yml; its options (ClaimsConfig) say where the
register, the bibliography and the site's settings are, relative to the folder of mkdocs.yml.
This is the only module of the package that imports MkDocs. MkDocs keeps one plugin instance
across the rebuilds of `mkdocs serve` (the plugin has on_startup), so per-build state is reset in
on_config.

Errors stop `mkdocs build`. Under `mkdocs serve` a build that raises leaves every request
waiting (the live server answers only once a build succeeds), so there, after a first good
build, a rebuild with errors logs them, renders the last good register and pages, and puts a
notice listing the errors on every page; the next save without errors builds normally.
"""

from __future__ import annotations

import shutil
import time
from contextlib import contextmanager
from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File

from . import history, project, publishing
from .pages import parse
from .problems import ERROR
from .render import changes, cite, describe, glossary, notice, site, sitemap, topicpage
from .render.model import SiteModel
from .render.safe import attr
from .rules import ADVISORY_CODES

log = get_plugin_logger("claims")
TEMPLATES = Path(__file__).resolve().parent / "templates"  # the claim-page shell, package data


class ClaimsConfig(Config):
    """The plugin's options; paths are relative to the folder of mkdocs.yml, defaults are this
    project's layout."""

    register = opt.Type(str, default="claims")  # claims/*.yml; audits and interventions in subfolders
    bibliography = opt.Type(str, default="references.bib")
    glossary = opt.Type(str, default="glossary.yml")
    settings_dir = opt.Type(str, default="schema")  # the site's own settings files
    wording = opt.Optional(opt.File(exists=True))  # default: <settings_dir>/wording.yml, else packaged
    policy = opt.Optional(opt.File(exists=True))  # review intervals and notices; same default rule


class _Build:
    """State of the current build."""

    def __init__(self):
        self.model: SiteModel | None = None
        self.generated = site.Generated()
        self.shell_html = ""
        self.pages_by_src: dict = {}
        self.citations: dict[str, dict[str, str]] = {}  # page src -> {comment token: citation HTML}
        self.cite_seconds = 0.0  # summed over pages, for the timing log
        self.failed: list = []  # serve only: the errors of this build, shown on every page
        self.built: list[tuple[str, str]] = []  # (src_uri, url) of every page written, for the sitemap


class ClaimsPlugin(BasePlugin[ClaimsConfig]):
    """Each event hands its work to the library; the plugin keeps only the state between events."""

    def __init__(self):
        self.state = _Build()
        self.mode = "build"  # the command, from on_startup: "serve" under mkdocs serve
        self.last_good: tuple | None = None  # serve only: (model, pages by src) of the last good build

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.mode = command

    def on_config(self, config):
        self.state = _Build()
        root = Path(config.config_file_path).resolve().parent
        with _timed("register loaded and checked"):
            proj = project.load(root, layout(root, self.config))
            problems = project.check(proj)
            errors = _report(problems)
        state = self.state
        if errors and self.mode == "serve" and self.last_good is not None:
            log.error(f"{errors} error(s), listed above: serving the last version without errors, with a notice "
                      "on every page; fix and save to rebuild")
            state.failed = [p for p in problems if p.level == ERROR]
            state.model, state.pages_by_src = self.last_good
            return config
        if errors:
            raise PluginError(f"the claims register has {errors} error(s), listed above; "
                              "fix them (claims check shows the same list)")
        with _timed("history read from git"):
            hist = history.read(root)
        if not hist.available:
            log.info("no git history: the change page and feeds say so, and the sitemap has no lastmod")
        state.model = SiteModel(proj, site_url=config.site_url or "", history=hist,
                                publishing=publishing.load(site_name=config.site_name))
        state.pages_by_src = {p.src_uri: p for p in proj.pages}
        if self.mode == "serve":
            self.last_good = (state.model, state.pages_by_src)
        return config

    def on_files(self, files, *, config):
        with _timed("register, bibliography, audit pages and exports generated"):
            return _add_generated(self.state, files, config)

    def on_env(self, env, *, config, files):
        env.loader = ChoiceLoader([env.loader, FileSystemLoader(str(TEMPLATES))])
        return env

    def on_page_markdown(self, markdown, *, page, config, files):
        # Material prints the description unescaped into an attribute: escape it here, once.
        claims = self.state.model.project.claims if self.state.model else {}
        plain_of = lambda cid: claims[cid].plain if cid in claims else ""  # noqa: E731
        page.meta["description"] = attr(describe.describe(markdown, page.meta, plain_of)) or None
        return _page_markdown(self.state, markdown, page)

    def on_page_content(self, html, *, page, config, files):
        state = self.state
        for token, make in state.generated.content.pop(page.file.src_uri, {}).items():
            html = html.replace(token, make())
        for token, make in state.generated.indexed.pop(page.file.src_uri, {}).items():
            html = html.replace(token, site.search_stand_in(token, make()))
        if page.file.src_uri in state.pages_by_src:  # a content page, with its glossary tooltips
            html = glossary.first_uses(html)
        return site.fill_page_placeholders(html, state.model) if state.model else html

    def on_post_page(self, output, *, page, config):
        state, src = self.state, page.file.src_uri
        if state.model is not None:
            topic = src.removesuffix(".md")
            topics = [None] + ([topic] if topic in state.model.topics() else [])
            output = site.add_head_links(output, changes.feed_links(state.model, page.url, topics))
        if src != site.SHELL_SRC:
            state.built.append((src, page.url))
        if state.failed:
            output = notice.insert(output, notice.notice(state.failed))
        if src == site.SHELL_SRC:
            state.shell_html = output
        for token, make in state.generated.post.pop(src, {}).items():
            output = site.fill_post(output, token, make())
        citations = state.citations.pop(src, None)
        return cite.fill_tokens(output, citations) if citations else output

    def on_post_build(self, *, config):
        state = self.state
        log.debug(f"citations rendered in {state.cite_seconds:.2f} s")
        site_dir = Path(config.site_dir)
        with _timed(f"{len(state.model.project.claims)} claim pages written"):
            _write_claim_pages(site_dir, site.claim_outputs(state.model, state.shell_html))
        shutil.rmtree(site_dir / site.SHELL_URL, ignore_errors=True)
        _write_sitemap(state, site_dir)


def layout(root: Path, options: ClaimsConfig) -> project.Layout:
    """Where the library finds the site's files, from the plugin's options."""
    register = options.register.rstrip("/")
    named = tuple((name, str(value)) for name, value in (("wording.yml", options.wording), ("policy.yml", options.policy))
                  if value)  # absolute paths: MkDocs resolved them against the folder of mkdocs.yml
    return project.Layout(root, claims_dir=register, audit_dir=f"{register}/audit",
                          interventions_dir=f"{register}/interventions", bibliography=options.bibliography,
                          glossary=options.glossary, settings_dir=options.settings_dir, settings_files=named)


@contextmanager
def _timed(what: str):
    """Log how long a phase took and the memory held after it (`mkdocs build -v`), so a slow
    or large build shows where its time and memory go."""
    start = time.perf_counter()
    yield
    log.debug(f"{what} in {time.perf_counter() - start:.2f} s{_memory()}")


def _memory() -> str:
    """Resident and peak memory from /proc (Linux); nothing elsewhere."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return ""
    kb = {}
    for line in status.splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            kb[name] = int(value.split()[0])
    if len(kb) < 2:
        return ""
    return f"; {kb['VmRSS'] // 1024} MB resident, peak {kb['VmHWM'] // 1024} MB"


def _report(problems) -> int:
    errors = 0
    for p in problems:
        text = f"{p.location()}: {p.message} ({p.code})" + (f"\n  hint: {p.hint}" if p.hint else "")
        if p.level == ERROR:
            errors += 1
            log.error(text)
        elif p.code in ADVISORY_CODES:
            log.info(text)
        else:
            log.warning(text)
    return errors


def _add_generated(state: _Build, files, config):
    state.generated = site.generated_pages(state.model)
    for src, content in state.generated.pages.items():
        if files.get_file_from_path(src) is not None:
            raise PluginError(f"docs/{src} would be replaced by a generated page; rename or remove docs/{src}")
        files.append(File.generated(config, src, content=content))
    for path, content in site.export_files(state.model).items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} clashes with a generated export; remove docs/{path}")
        files.append(File.generated(config, path, content=content))
    return files


def _page_markdown(state: _Build, markdown: str, page) -> str:
    source = state.pages_by_src.get(page.file.src_uri)
    if state.failed and page.file.src_uri not in state.generated.pages:
        # serve with errors: a content page as it was in the last good build
        if source is None:
            return notice.WITHHELD
        markdown = source.text
    if source is None:
        return markdown
    if topicpage.is_topic_page(source):
        if source.text != markdown:  # another plugin (or the front matter split) changed the text
            source = parse(markdown, source.path, source.src_uri)
        start = time.perf_counter()
        markdown, html = topicpage.render_with_tokens(source, state.model, page.file.url)
        state.cite_seconds += time.perf_counter() - start
        state.citations[page.file.src_uri] = html
    # last, on the page as rendered: tooltips for the glossary terms it uses
    return glossary.with_tooltips(markdown, state.model.project.glossary)


def _write_claim_pages(site_dir: Path, outputs) -> None:
    made: set[Path] = set()  # a claim's page and JSON share a folder: one mkdir, not two
    for rel_path, text in outputs:
        target = site_dir / rel_path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_text(text, encoding="utf-8")


def _write_sitemap(state: _Build, site_dir: Path) -> None:
    """Replace MkDocs' sitemap (content pages only, the page shell included) with one listing every
    page, claim pages included, at absolute URLs with their lastmod from git."""
    data = sitemap.sitemap_xml(sitemap.entries(state.model, state.built))
    (site_dir / "sitemap.xml").write_bytes(data)
    (site_dir / "sitemap.xml.gz").write_bytes(sitemap.gzipped(data))
