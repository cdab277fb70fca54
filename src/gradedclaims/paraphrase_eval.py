"""Precision and recall of the page-sentence rules on a labelled set of paraphrases.

"Flagged" means the wording check would refuse the sentence for its claim: an error-level finding
of the certainty rules (language.check_text) or the paraphrase rule (language.drift). The old
rule, a word-sequence similarity of at least 0.6 plus equal hedges and negation, is scored on the
same set for comparison.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import language
from .claims import Claim, Pos

_WORD = re.compile(r"[\w'-]+")
_NEGATION = re.compile(r"\b(not|no|never|neither|nor|without|cannot)\b|n't\b", re.I)


@dataclass(frozen=True)
class Item:
    statement: str
    certainty: str
    sentence: str
    faithful: bool
    kind: str


@dataclass(frozen=True)
class Scores:
    true_pos: int  # unfaithful and flagged
    false_pos: int  # faithful but flagged
    false_neg: int  # unfaithful but passed
    true_neg: int

    @property
    def precision(self) -> float:
        flagged = self.true_pos + self.false_pos
        return self.true_pos / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        unfaithful = self.true_pos + self.false_neg
        return self.true_pos / unfaithful if unfaithful else 1.0


def load(path: Path) -> list[Item]:
    raw = yaml.safe_load(path.read_text("utf-8"))["items"]
    return [Item(i["statement"], i["certainty"], i["sentence"], bool(i["faithful"]), i.get("kind", "")) for i in raw]


def _claim(item: Item) -> Claim:
    return Claim(id="labelled", statement=item.statement, topic="t", sources=[], certainty=item.certainty,
                 design="rct", population="human", species=[], rationale="", caveats="", status="current",
                 reviewed="2026-01-01", hormone="", outcome="", waivers=[], path="labelled.yml", pos=Pos(1, 1))


def flagged_now(item: Item) -> bool:
    claim = _claim(item)
    errors = [f for f in language.check_text(item.sentence, claim, what="page sentence") if f.level == "error"]
    return bool(errors or language.drift(item.sentence, claim))


def flagged_by_similarity(item: Item, threshold: float = 0.6) -> bool:
    """The rule this replaced: hedges and negation equal, and word-sequence similarity >= 0.6."""
    a = [w.lower() for w in _WORD.findall(item.sentence)]
    b = [w.lower() for w in _WORD.findall(item.statement)]
    ratio = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
    claim = _claim(item)
    errors = [f for f in language.check_text(item.sentence, claim, what="page sentence") if f.level == "error"]
    return bool(errors or language.hedge_levels(item.sentence) != language.hedge_levels(item.statement)
                or bool(_NEGATION.search(item.sentence)) != bool(_NEGATION.search(item.statement))
                or ratio < threshold)


def score(items: list[Item], rule) -> tuple[Scores, list[Item], list[Item]]:
    """Scores, and the items it got wrong (false positives, false negatives)."""
    tp = fp = fn = tn = 0
    wrong_pos, wrong_neg = [], []
    for item in items:
        flagged = rule(item)
        if flagged and not item.faithful:
            tp += 1
        elif flagged:
            fp += 1
            wrong_pos.append(item)
        elif not item.faithful:
            fn += 1
            wrong_neg.append(item)
        else:
            tn += 1
    return Scores(tp, fp, fn, tn), wrong_pos, wrong_neg
