"""The wording vocabulary (schema/wording.yml) and the helpers that read sentences with it."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from . import sitefiles

def rules_file() -> Path:
    """The site's wording rules (schema/wording.yml, else the packaged default)."""
    return sitefiles.path("wording.yml")


def rules() -> dict:
    return read(rules_file())


@lru_cache(maxsize=None)
def read(path: Path) -> dict:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _plural_forms(word: str) -> list[str]:
    word = word.lower().strip()
    forms = [word, word + "s"]
    if word.endswith("mouse"):
        forms.append(word[:-5] + "mice")
    return forms


def _species_pattern(species: tuple[str, ...]) -> re.Pattern:
    return _pattern(tuple(rules()["non_human_terms"]), species)


@lru_cache(maxsize=4096)
def _pattern(non_human_terms: tuple[str, ...], species: tuple[str, ...]) -> re.Pattern:
    terms = set(non_human_terms)
    for s in species:
        terms.update(_plural_forms(s))
    alternatives = sorted((re.escape(t) for t in terms), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.I)


def names_non_human(sentence: str, species: list[str] | tuple[str, ...] = ()) -> bool:
    """True if the sentence tells the reader the evidence is from animals or cells."""
    return bool(_species_pattern(tuple(species)).search(sentence))
