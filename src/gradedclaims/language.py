"""Wording must match the evidence: a certainty-aware check of each claim's statement and of
the page sentence that carries its marker.

Rules (codes as reported; the vocabulary lives in schema/wording.yml):
- wording-too-strong   the sentence lacks the hedge its certainty needs (plain fact for a
                       low claim, "probably" for a low claim, ...)
- wording-too-weak     a weaker hedge than the certainty needs (advisory)
- wording-hedged-high  a hedge on a high-certainty claim (advisory)
- wording-strong-verb  proves, demonstrates, establishes, causes, cures ... at low or very low
- wording-marketing    marketing vocabulary (optimal, balance, vitality, ...)
- wording-indirect     animal or in-vitro evidence, but the sentence names no species, or
                       speaks of people
- wording-drift        the page sentence says something different from the statement
- waiver-unused / waiver-unknown-rule   a waiver that matches nothing, or names no rule
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from . import paraphrase, sentences, wording
from .claims import Claim
from .pages import Page
from .excerpt import quote
from .problems import Problem, error, warning
from .vocab import CERTAINTY_RANK, NON_HUMAN

RULES = ("wording-too-strong", "wording-too-weak", "wording-hedged-high", "wording-strong-verb",
         "wording-marketing", "wording-indirect", "wording-drift", "plain-drift")
LEVELS = ("moderate", "low", "very-low")


_TOKEN = re.compile(r"[\w'-]+")


class Terms:
    """A word list from wording.yml. Single words are looked up in a set of the sentence's
    words; only phrases and the rare hit need a regular expression (a large alternation is
    slow on tens of thousands of sentences)."""

    def __init__(self, terms):
        terms = [" ".join(t.lower().split()) for t in terms]
        self.words = frozenset(t for t in terms if " " not in t)
        self.phrases = tuple(t for t in terms if " " in t)
        alternatives = sorted((re.escape(t).replace(r"\ ", r"\s+") for t in terms), key=len, reverse=True)
        self.pattern = re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.I)

    def present(self, words: frozenset, lower: str) -> bool:
        return bool(self.words & words) or any(p in lower for p in self.phrases)

    def search(self, text: str, words: frozenset | None = None):
        """The first match in the text (a re.Match), or None."""
        if words is not None and not self.present(words, " ".join(text.lower().split())):
            return None
        return self.pattern.search(text)

    def finditer(self, text: str):
        return self.pattern.finditer(text)

    def sub(self, replacement: str, text: str) -> str:
        return self.pattern.sub(replacement, text)


@dataclass(frozen=True)
class _Vocabulary:
    hedges: dict[str, Terms]
    strong: Terms
    marketing: Terms
    human: Terms
    templates: dict[str, str]


def vocabulary() -> _Vocabulary:
    return _vocabulary(wording.rules_file())


@lru_cache(maxsize=None)
def _vocabulary(path) -> _Vocabulary:
    r = wording.read(path)
    return _Vocabulary(
        hedges={level: Terms(r["hedges"][level]) for level in LEVELS},
        strong=Terms(r["strong_verbs"]),
        marketing=Terms(r["marketing"]),
        human=Terms(r["human_terms"]),
        templates=r["templates"],
    )


def words_of(text: str) -> frozenset:
    return frozenset(_TOKEN.findall(text.lower()))


# A quotation stops at the next opening mark too, so unclosed marks are not rescanned (linear).
_QUOTED = re.compile(r'"[^"]*"|“[^“”]*”|‘[^‘’]*’')


def unquoted(text: str) -> str:
    """The text without quoted passages: a word in quotation marks is mentioned, not used."""
    return _QUOTED.sub(" ", text)


def hedge_levels(text: str, words: frozenset | None = None) -> set[str]:
    """Certainty levels whose hedge phrases the (unquoted) text uses."""
    v = vocabulary()
    if words is None:
        text = unquoted(text)
        words = words_of(text)
    lower = " ".join(text.lower().split())
    return {level for level in LEVELS if v.hedges[level].present(words, lower)}


# --- a concrete suggestion for the hint -----------------------------------------------------

_IRREGULAR = {"is": "be", "are": "be", "has": "have", "does": "do", "was": "be", "were": "be"}
_VERB = re.compile(r"\b(does not|do not|is not|are not|is|are|has|have|(?:[a-z]+(?:es|s)))\b")
_LIKELY_VERBS = re.compile(
    r"\b(increases|decreases|reduces|raises|lowers|improves|impairs|changes|alters|affects|predicts|"
    r"prevents|produces|causes|acts|binds|blocks|enhances|shows|leads|helps|makes|drives|depends|"
    r"differs|rises|falls|protects|suppresses|stimulates|activates|inhibits|modulates|mediates|"
    r"correlates|contributes|promotes|restores|boosts|does not|do not|is not|are not|is|are|has|have)\b")


def _base(verb: str) -> str:
    if verb in _IRREGULAR:
        return _IRREGULAR[verb]
    if verb.endswith("ies"):
        return verb[:-3] + "y"
    if re.search(r"(ches|shes|sses|xes|zes|oes)$", verb):
        return verb[:-2]
    return verb[:-1] if verb.endswith("s") else verb


def suggest(sentence: str, certainty: str) -> str:
    """The sentence rewritten for its certainty, when a main verb can be found; else a template."""
    template = vocabulary().templates[certainty]
    clean = vocabulary().hedges["moderate"].sub("", sentence)
    clean = " ".join(clean.split())
    match = _LIKELY_VERBS.search(clean)
    if certainty == "very-low":
        if match:
            body = clean[0].lower() + clean[1:] if not clean[:2].isupper() else clean
            return f"The evidence is very uncertain about whether {body.rstrip('.')}."
        return template
    if not match:
        return template
    verb = match.group(1)
    negated = verb.endswith(" not")
    head = verb.split()[0]
    if certainty == "low":
        new = "may not" if negated else f"may {_base(head)}"
        if negated and head in ("is", "are"):
            new = "may not be"
    elif certainty == "moderate":
        new = f"probably {verb}"
    else:
        return template
    return clean[: match.start()] + new + clean[match.end():]


# --- checks on one text ----------------------------------------------------------------------

@dataclass(frozen=True)
class Finding:
    rule: str
    level: str
    message: str
    hint: str = ""


def _negated(text: str, start: int) -> bool:
    """True if one of the four words before `start` negates it ("not be presented as established")."""
    return bool(_NEGATION.search(" ".join(text[:start].split()[-4:])))


def check_text(text: str, claim: Claim, *, what: str, mixed: bool = False) -> list[Finding]:
    """Wording findings for one sentence (the statement, or a page sentence) of one claim.

    `mixed`: the sentence also carries claims of lower certainty, so hedges in it are expected.
    """
    v = vocabulary()
    found: list[Finding] = []
    text = unquoted(text)
    words = words_of(text)
    levels = hedge_levels(text, words)
    c = claim.certainty
    if c == "high" and mixed:
        pass
    elif c == "high":
        if levels:
            found.append(Finding("wording-hedged-high", "warning",
                                 f"{what} of high-certainty claim '{claim.id}' is hedged ({', '.join(sorted(levels))})",
                                 "high certainty reads as a plain statement: " + v.templates["high"]))
    elif c not in levels:
        weaker = [lv for lv in levels if CERTAINTY_RANK[lv] > CERTAINTY_RANK[c]]
        if weaker:
            found.append(Finding("wording-too-weak", "warning",
                                 f"{what} of {c}-certainty claim '{claim.id}' is worded as {weaker[0]} certainty",
                                 f"for {c} certainty write: {suggest(text, c)}"))
        else:
            stated = max(levels, key=CERTAINTY_RANK.get) if levels else None
            how = f"worded as {stated} certainty" if stated else "stated as plain fact"
            found.append(Finding("wording-too-strong", "error",
                                 f"{what} of {c}-certainty claim '{claim.id}' is {how}",
                                 f"for {c} certainty write: {suggest(text, c)}"))
    if c in ("low", "very-low"):
        m = next((m for m in v.strong.finditer(text) if not _negated(text, m.start())), None) \
            if v.strong.present(words, text.lower()) else None
        if m:
            found.append(Finding("wording-strong-verb", "error",
                                 f"{what} of {c}-certainty claim '{claim.id}' uses '{m.group()}'",
                                 "strong verbs assert proof; say what was found and how certain it is"))
    m = v.marketing.search(text, words)
    if m:
        found.append(Finding("wording-marketing", "error",
                             f"{what} of claim '{claim.id}' uses marketing vocabulary '{m.group()}'",
                             "say what was measured instead, e.g. 'serum testosterone in the normal range'"))
    if claim.population in NON_HUMAN:
        names = wording.names_non_human(text, claim.species)
        if not names:
            speaks = v.human.search(text, words)
            detail = f" and speaks of '{speaks.group()}'" if speaks else ""
            found.append(Finding("wording-indirect", "error",
                                 f"{what} of claim '{claim.id}' rests on {claim.population} evidence but names no species{detail}",
                                 "name the species ('in rats', 'in mice') or say 'in animals' or 'in vitro'"))
    return found


_NEGATION = re.compile(r"\b(not|no|never|neither|nor|without|cannot)\b|n't\b", re.I)


def drift(sentence: str, claim: Claim) -> Finding | None:
    """The paraphrase rule: the sentence may reword its claim but must keep its certainty and
    what paraphrase.disagreements compares (population, measurement, numbers, direction, no
    advice)."""
    statement = claim.statement
    if sentence.rstrip(". ").lower() == statement.rstrip(". ").lower():
        return None
    reasons = []
    if hedge_levels(sentence) != hedge_levels(statement):
        reasons.append("its hedging differs from the statement's")
    reasons += paraphrase.disagreements(sentence, statement)
    if not reasons:
        return None
    return Finding("wording-drift", "error",
                   f"page sentence differs from claim '{claim.id}': " + "; ".join(reasons),
                   f"registered statement: {statement}")


def plain_drift(claim: Claim) -> Finding | None:
    """A plain statement keeps the statement's numbers and direction and adds no advice."""
    reasons = paraphrase.disagreements(claim.plain, claim.statement, plain=True)
    if not reasons:
        return None
    return Finding("plain-drift", "error",
                   f"plain statement of '{claim.id}' differs from its statement: " + "; ".join(reasons),
                   f"registered statement: {claim.statement}")


# --- the project-wide check -------------------------------------------------------------------
#
# Split into units that depend on as little as possible (one claim's statement; one page and the
# claims it cites), so that the project check can reuse a unit's result while its inputs are
# unchanged. A unit returns its problems and the waivers that removed a finding from them; the
# waivers are reconciled once, over the whole register.

Waived = set[tuple[str, str]]  # (claim id, rule) of findings that a waiver removed


def _emit(claim: Claim, finding: Finding, path: str, line: int, column: int,
          out: list[Problem], waived: Waived) -> None:
    if any(w.rule == finding.rule for w in claim.waivers):
        waived.add((claim.id, finding.rule))
        return
    make = error if finding.level == "error" else warning
    out.append(make(path, line, column, finding.rule, finding.message, finding.hint))


def check_statement(claim: Claim) -> tuple[list[Problem], Waived]:
    """The statement's wording, and the plain statement's: the same certainty, no stronger verb,
    the species named, and what paraphrase.disagreements compares."""
    out: list[Problem] = []
    waived: Waived = set()
    pos = claim.at("statement")
    for f in check_text(claim.statement, claim, what="statement"):
        if f.rule == "wording-indirect":
            continue  # the grade rules report this for statements (statement-names-species)
        _emit(claim, f, claim.path, pos.line, pos.column, out, waived)
    if claim.plain:
        pos = claim.at("plain")
        found = check_text(claim.plain, claim, what="plain statement")
        d = plain_drift(claim)
        for f in found + ([d] if d else []):
            _emit(claim, f, claim.path, pos.line, pos.column, out, waived)
    return out, waived


def check_page(page: Page, claims: dict[str, Claim],
               seen: dict[tuple, list[Finding]] | None = None) -> tuple[list[Problem], Waived]:
    """`seen` carries findings between pages of one run: a page sentence is usually its claim's
    statement, so the same sentence and claim recur across a large site."""
    out: list[Problem] = []
    waived: Waived = set()
    seen = {} if seen is None else seen
    for marker in page.markers:
        found = [claims[cid] for cid in marker.ids if cid in claims]
        if not found:
            continue
        sentence = sentences.before(page.text, marker)
        if not sentence.text:
            continue
        # A sentence carrying several claims is checked against the best-supported one, and
        # named as non-human only when all of them are.
        lead = min(found, key=lambda c: CERTAINTY_RANK[c.certainty])
        mixed = any(c.certainty != lead.certainty for c in found)
        key = (sentence.text, lead.fingerprint, mixed)
        if key not in seen:
            seen[key] = check_text(sentence.text, lead, what="page sentence", mixed=mixed)
        for f in seen[key]:
            if f.rule == "wording-indirect" and not all(c.population in NON_HUMAN for c in found):
                continue
            _emit(lead, f, page.path, sentence.line, sentence.column, out, waived)
        if len(found) == 1:
            d = drift(sentence.text, lead)
            if d:
                _emit(lead, d, page.path, sentence.line, sentence.column, out, waived)
    return out, waived


def check_waivers(claims: dict[str, Claim], waived: Waived, other_rules: tuple[str, ...] = ()) -> Iterator[Problem]:
    """A waiver must name a waivable rule (wording, or `other_rules` such as source flags) and
    still remove a finding."""
    rules = RULES + tuple(other_rules)
    for claim in claims.values():
        for w in claim.waivers:
            if w.rule not in rules:
                close = difflib.get_close_matches(w.rule, rules, n=1)
                yield error(claim.path, w.pos.line, w.pos.column, "waiver-unknown-rule",
                            f"claim '{claim.id}' waives {quote(w.rule)}, which is not a waivable rule",
                            (f"did you mean '{close[0]}'? " if close else "") + "rules: " + ", ".join(rules))
            elif (claim.id, w.rule) not in waived:
                yield error(claim.path, w.pos.line, w.pos.column, "waiver-unused",
                            f"claim '{claim.id}' waives '{w.rule}', but nothing triggers that rule any more",
                            "remove the waiver")


def check(claims: dict[str, Claim], pages: list[Page]) -> Iterator[Problem]:
    """Every wording problem in the register and its pages, computed afresh."""
    waived: Waived = set()
    seen: dict[tuple, list[Finding]] = {}
    units = [check_statement(c) for c in claims.values()] + [check_page(p, claims, seen) for p in pages]
    for problems, used in units:
        yield from problems
        waived |= used
    yield from check_waivers(claims, waived)
