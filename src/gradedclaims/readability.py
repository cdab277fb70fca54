"""Readability: Flesch-Kincaid grade and sentence length of plain statements, "In plain words"
sections and body text, with thresholds from schema/readability.yml.

Syllables are counted by dictionary hyphenation (pyphen ships its dictionaries, so this works
offline); hyphenation undercounts a few long words ("oxy-tocin"), the same way for every page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyphen
import yaml

from . import markers as markers_mod
from .claims import Claim
from .pages import Page
from .problems import Problem, error, warning

SITE_CONFIG = "schema/readability.yml"  # a site's own thresholds, relative to its root

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z][A-Za-z'’]*)*|\d+(?:[.,]\d+)*")
_SENTENCE_END = re.compile(r"[.!?]+[\"”’)\]]*(?=\s|$)")
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_TAG = re.compile(r"<[^>\n]*>")
_ATTRS = re.compile(r"\{[:#.][^}\n]*\}")
_BLOCK_MARKER = re.compile(r"^\s*\[(?:summary-of-findings|plain):[^\]]*\]\s*$")
_ABBR = re.compile(r"\b(?:e\.g|i\.e|et al|vs|cf|approx|no)\.", re.I)


@dataclass(frozen=True)
class Config:
    """Thresholds; the defaults hold for a site without its own schema/readability.yml."""
    language: str = "en_US"
    plain_statement_max: float = 9
    plain_section_max: float = 8
    body_max: float = 14
    min_section_words: int = 60
    plain_title: str = "In plain words"
    require_plain_section: bool = False
    exempt_pages: tuple[str, ...] = ()


_KEYS = {"language": "language", "plain_statement_max_grade": "plain_statement_max",
         "plain_section_max_grade": "plain_section_max", "body_max_grade": "body_max",
         "min_section_words": "min_section_words", "plain_section_title": "plain_title",
         "require_plain_section": "require_plain_section", "exempt_pages": "exempt_pages"}


@lru_cache(maxsize=8)
def config(root: Path | None = None) -> Config:
    path = (root / SITE_CONFIG) if root else None
    if path is None or not path.is_file():
        return Config()
    raw = yaml.safe_load(path.read_text("utf-8")) or {}
    values = {_KEYS[k]: v for k, v in raw.items() if k in _KEYS}
    if "exempt_pages" in values:
        values["exempt_pages"] = tuple(values["exempt_pages"])
    return Config(**values)


@lru_cache(maxsize=4)
def _dictionary(language: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=language)


@lru_cache(maxsize=65536)
def syllables(word: str, language: str = "en_US") -> int:
    if word[0].isdigit():
        return max(1, len(word.replace(",", "").replace(".", "")) // 2)  # "1998" reads as two
    return sum(len(_dictionary(language).positions(part.lower())) + 1 for part in word.split("-") if part)


@dataclass(frozen=True)
class Score:
    words: int
    sentences: int
    syllables: int

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def grade(self) -> float:
        if not self.words:
            return 0.0
        return 0.39 * self.words_per_sentence + 11.8 * self.syllables / self.words - 15.59


def score(text: str, language: str = "en_US") -> Score:
    """Words, sentences and syllables of prose (one sentence at least, if it has words)."""
    text = _ABBR.sub(lambda m: m.group().rstrip("."), text)
    words = _WORD.findall(text)
    sentences = sum(1 for part in _SENTENCE_END.split(text) if _WORD.search(part))
    return Score(len(words), max(sentences, 1 if words else 0), sum(syllables(w, language) for w in words))


def prose(markdown_lines: list[str]) -> str:
    """The reader's text of some Markdown lines: no code, headings, tables, markers, tags or link
    targets; each list item and paragraph ends a sentence."""
    out: list[str] = []
    for line, in_code in markdown_lines:
        stripped = line.strip()
        if in_code or not stripped or stripped.startswith(("#", "|", "<!--", "---", ":::")):
            out.append("")
            continue
        if _BLOCK_MARKER.match(line):
            continue
        text = markers_mod.MARKER.sub("", line)
        text = _LINK.sub(r"\1", text)
        text = _TAG.sub("", _ATTRS.sub("", text))
        text = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", text).replace("**", "").replace("`", "")
        out.append(text.strip())
    # a paragraph or list item without its own full stop still ends a sentence
    blocks, current = [], []
    for text in out:
        if text:
            current.append(text)
        elif current:
            blocks.append(" ".join(current))
            current = []
    if current:
        blocks.append(" ".join(current))
    return " ".join(b if _SENTENCE_END.search(b[-3:] + " ") else b + "." for b in blocks)


@dataclass(frozen=True)
class SectionScore:
    title: str
    line: int
    plain: bool  # the "In plain words" section, scored from its plain statements
    score: Score


def page_scores(page: Page, claims: dict[str, Claim], cfg: Config) -> tuple[Score, list[SectionScore]]:
    """The body's score (every section but "In plain words") and each section's."""
    lines = list(markers_mod.lines_with_fences(page.text))
    body: list[tuple[str, bool]] = []
    sections: list[SectionScore] = []
    for section in page.sections:
        span = lines[section.line - 1 + (1 if section.level else 0): section.end]
        if section.title.strip().lower() == cfg.plain_title.lower():
            text = " ".join(claims[m.claim].plain for m in section.plains if m.claim in claims and claims[m.claim].plain)
            text = " ".join([text, prose(span)]).strip()
            sections.append(SectionScore(section.title, section.line, True, score(text, cfg.language)))
            continue
        body.extend(span)
        body.append(("", False))
        sections.append(SectionScore(section.title, section.line, False, score(prose(span), cfg.language)))
    return score(prose(body), cfg.language), sections


def applies(page: Page, cfg: Config) -> bool:
    """Pages that cite the register are read by the public, unless the site exempts them."""
    return page.src_uri not in cfg.exempt_pages and bool(page.markers or any(s.plains for s in page.sections))


def check_page(page: Page, claims: dict[str, Claim], cfg: Config) -> list[Problem]:
    if not applies(page, cfg):
        return []
    found: list[Problem] = []
    whole, sections = page_scores(page, claims, cfg)
    plain = next((s for s in sections if s.plain), None)
    if plain is None:
        if cfg.require_plain_section:
            found.append(error(page.path, 1, 1, "plain-section-missing",
                               f"the page cites the register but has no '{cfg.plain_title}' section",
                               f"open the page with '## {cfg.plain_title}' and [plain:claim-id] lines for the claims "
                               "a lay reader needs most"))
    elif plain.score.grade > cfg.plain_section_max:
        found.append(error(page.path, plain.line, 1, "readability-plain-section",
                           f"'{cfg.plain_title}' reads at grade {plain.score.grade:.1f} "
                           f"({plain.score.words_per_sentence:.0f} words a sentence), above {cfg.plain_section_max:g}",
                           "choose claims whose plain statements are short, or make those statements plainer"))
    if whole.words and whole.grade > cfg.body_max:
        found.append(warning(page.path, 1, 1, "readability-body",
                             f"the body reads at grade {whole.grade:.1f} ({whole.words_per_sentence:.0f} words a "
                             f"sentence), above {cfg.body_max:g}",
                             "shorter sentences and plainer words; keep the precise statements in the claims"))
    for s in sections:
        if not s.plain and s.score.words >= cfg.min_section_words and s.score.grade > cfg.body_max:
            found.append(warning(page.path, s.line, 1, "readability-section",
                                 f"section '{s.title}' reads at grade {s.score.grade:.1f} "
                                 f"({s.score.words_per_sentence:.0f} words a sentence), above {cfg.body_max:g}",
                                 "split long sentences; explain or replace technical words"))
    return found


def check_claim(claim: Claim, cfg: Config) -> list[Problem]:
    if not claim.plain:
        return []
    s = score(claim.plain, cfg.language)
    limit = cfg.plain_statement_max
    if s.grade <= limit:
        return []
    pos = claim.at("plain")
    return [error(claim.path, pos.line, pos.column, "readability-plain",
                  f"plain statement of '{claim.id}' reads at grade {s.grade:.1f} ({s.words} words), above {limit:g}",
                  "use shorter, everyday words (say 'brain area' for 'hypothalamus') and one idea per sentence")]
