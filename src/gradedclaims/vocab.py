"""Controlled vocabularies, read from the JSON Schema so they are defined in one place."""

from __future__ import annotations

import json
from pathlib import Path

_SCHEMA = json.loads((Path(__file__).resolve().parent / "schema" / "claims.schema.json").read_text("utf-8"))
_DEFS = _SCHEMA["definitions"]
_CLAIM = _DEFS["claim"]["properties"]

DESIGNS: tuple[str, ...] = tuple(_DEFS["design"]["enum"])
POPULATIONS: tuple[str, ...] = tuple(_DEFS["population"]["enum"])
CERTAINTIES: tuple[str, ...] = tuple(_CLAIM["evidence"]["properties"]["certainty"]["enum"])
STATUSES: tuple[str, ...] = tuple(_CLAIM["status"]["enum"])
RELATIONS: tuple[str, ...] = tuple(_CLAIM["sources"]["items"]["properties"]["relation"]["enum"])

# Certainty order, highest first (index 0 = high).
CERTAINTY_RANK = {c: i for i, c in enumerate(CERTAINTIES)}

# GRADE-style symbols and labels shown on badges.
CERTAINTY_SYMBOLS = {"high": "⊕⊕⊕⊕", "moderate": "⊕⊕⊕◯", "low": "⊕⊕◯◯", "very-low": "⊕◯◯◯"}
CERTAINTY_LABELS = {"high": "High", "moderate": "Moderate", "low": "Low", "very-low": "Very low"}

# Designs that can carry high certainty (with a human population), per the methodology page.
HIGH_DESIGNS = frozenset({"meta-analysis", "systematic-review", "rct", "guideline", "textbook", "regulatory"})
# Designs that cannot, on their own, support more than low certainty.
LOW_CEILING_DESIGNS = frozenset({"expert-opinion"})
NON_HUMAN = frozenset({"animal", "in-vitro"})

VERIFICATION_STATES = ("verified", "unverified")
