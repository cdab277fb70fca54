"""Does a sentence say what its claim says? The paraphrase rule for page sentences and plain
statements.

A page sentence may word its claim freely; what must agree with the registered statement is what
changes the meaning for a reader: the certainty level, who was studied (population, species), how
it was measured or given, the numbers, the direction of the finding, and the absence of advice.
The vocabulary is in schema/wording.yml (`paraphrase:`). Plain statements are held to the parts a
plain rewording keeps word for word (numbers, direction, no advice); their species and
certainty are checked by the language rules like any statement; negation is not compared for them,
because a plain rewording often drops a clause that carries a "not".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import wording

_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*")
_NEGATION = re.compile(r"\b(not|no|never|neither|nor|without|cannot|none)\b|n't\b", re.I)
_STOP = frozenset("""about above after again against also among because been before being below between
both could does doing down during each from further have having here into itself just more most
other over same some such than that their them then there these they this those through under until
very were what when where which while will with would your only than whether evidence certainty
probably likely uncertain""".split())


@dataclass(frozen=True)
class _Group:
    name: str  # its first term, as listed: shown in messages
    words: frozenset[str]
    phrases: re.Pattern | None  # the multi-word terms, as whole words

    def used_in(self, words: frozenset[str], text: str) -> bool:
        """A listed word, or a listed phrase as whole words ("talk to", not "talk toward")."""
        return bool(self.words & words) or bool(self.phrases and self.phrases.search(text))


def _group(terms) -> _Group:
    terms = [" ".join(str(t).lower().split()) for t in terms]
    phrases = [re.escape(t) for t in terms if " " in t]
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(phrases) + r")(?![\w-])") if phrases else None
    return _Group(terms[0], frozenset(t for t in terms if " " not in t), pattern)


@dataclass(frozen=True)
class Rules:
    population: tuple[_Group, ...]
    measurement: tuple[_Group, ...]
    up: _Group
    down: _Group
    advice: _Group
    min_shared: float


def rules() -> Rules:
    return _rules(wording.rules_file())


@lru_cache(maxsize=None)
def _rules(path) -> Rules:
    r = wording.read(path)["paraphrase"]
    return Rules(
        population=tuple(_group(g) for g in r["population"]),
        measurement=tuple(_group(g) for g in r["measurement"]),
        up=_group(r["direction"]["up"]),
        down=_group(r["direction"]["down"]),
        advice=_group(r["advice"]),
        min_shared=float(r["min_shared_content"]),
    )


def _norm(text: str) -> tuple[str, frozenset[str]]:
    lower = " ".join(text.lower().replace("’", "'").split())
    return lower, frozenset(w.removesuffix("'s") for w in _WORD.findall(lower))


_NUMBER_WORDS = re.compile(r"\b(?:[a-z]+fold|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                           r"twenty|thirty|forty|fifty|hundred|thousand|half|third|quarter|twice|thrice)\b")


_DIGITS = {w: str(i) for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
_DIGITS.update(twenty="20", thirty="30", forty="40", fifty="50", hundred="100", thousand="1000")


def numbers(text: str) -> set[str]:
    """Numbers as written, in digits (thousands separators removed: "1,406" and "1406" are one)
    or in words ("tenfold", "three"); a number word and its digits are the same number."""
    lower = text.lower()
    words = {_DIGITS.get(w, w) for w in _NUMBER_WORDS.findall(lower)}
    return {n.replace(",", "") for n in _NUMBER.findall(lower)} | words


def _stem(word: str) -> str:
    return word[:5]


def content_stems(words: frozenset[str]) -> set[str]:
    return {_stem(w) for w in words if len(w) >= 4 and w not in _STOP and not w[0].isdigit()}


def _direction(words: frozenset[str], text: str, r: Rules) -> str | None:
    up, down = r.up.used_in(words, text), r.down.used_in(words, text)
    return "up" if up and not down else "down" if down and not up else None


def disagreements(sentence: str, statement: str, *, plain: bool = False) -> list[str]:
    """What the sentence changes in the statement's meaning, in words for the error message.

    Certainty is compared by the caller's hedge reader (language.hedge_levels), which knows the
    hedges; everything else is compared here.
    """
    r = rules()
    s_text, s_words = _norm(sentence)
    c_text, c_words = _norm(statement)
    reasons: list[str] = []
    stated = numbers(statement)
    offered = numbers(sentence)
    if not stated:  # "two areas" restating two named areas is a count, not a new figure
        offered = set(numbers(_NUMBER_WORDS.sub(" ", sentence.lower())))
    added = sorted(offered - stated)
    if added:
        reasons.append(f"it gives {', '.join(added)}, which the statement does not")
    if not plain and bool(_NEGATION.search(s_text)) != bool(_NEGATION.search(c_text)):
        # a plain statement often drops a clause that carries a "not" ("no significant difference")
        reasons.append("one of the two is negated")
    s_dir, c_dir = _direction(s_words, s_text, r), _direction(c_words, c_text, r)
    if s_dir and c_dir and s_dir != c_dir:
        reasons.append(f"it says the finding goes {s_dir}, the statement {c_dir}")
    if r.advice.used_in(s_words, s_text) and not r.advice.used_in(c_words, c_text):
        reasons.append("it adds advice")
    if plain:
        return reasons
    for kind, groups in (("population", r.population), ("measurement", r.measurement)):
        dropped = [g.name for g in groups if g.used_in(c_words, c_text) and not g.used_in(s_words, s_text)]
        if dropped:
            reasons.append(f"it drops the statement's {kind} qualifier ({', '.join(dropped)})")
    wanted = content_stems(c_words)
    if wanted:
        shared = len(wanted & content_stems(s_words)) / len(wanted)
        if shared < r.min_shared:
            reasons.append(f"it shares {shared:.0%} of the statement's content words (at least "
                           f"{r.min_shared:.0%} expected): is the marker on the right sentence?")
    return reasons
