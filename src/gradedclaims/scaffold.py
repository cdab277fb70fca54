"""Write new register content as text, so that nothing else in the file changes.

A new claim is appended to its topic file as a block already in fmt's canonical form; a new
reference is appended to references.bib in the same canonical form as fmt writes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from . import fmt

HEADER = "# yaml-language-server: $schema=../src/gradedclaims/schema/claims.schema.json\nclaims:\n"


def _flow(items: list) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def claim_block(claim: dict) -> str:
    """The claim as a list item under `claims:`, in canonical form, ending with a newline."""
    node = CommentedMap()
    for key in fmt.CLAIM_ORDER:
        if key not in claim or claim[key] in (None, "", [], {}):
            continue
        value = claim[key]
        if key == "sources":
            value = CommentedSeq([CommentedMap((k, s[k]) for k in fmt.SOURCE_ORDER if s.get(k)) for s in value])
        elif key == "evidence":
            value = CommentedMap((k, (_flow(value[k]) if k == "species" else value[k]))
                                 for k in fmt.EVIDENCE_ORDER if value.get(k))
            judged = value.get("appraisal")
            if judged and re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(judged.get("appraised_on", ""))):
                judged = dict(judged, appraised_on=dt.date.fromisoformat(judged["appraised_on"]))
                value["appraisal"] = CommentedMap(judged)
        elif key == "map":
            value = CommentedMap(value)
            value.fa.set_flow_style()
        elif key == "waivers":
            value = CommentedSeq([CommentedMap(w) for w in value])
        elif key == "reviewed" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            value = dt.date.fromisoformat(value)  # written unquoted, as in the rest of the register
        node[key] = value
    doc = CommentedMap([("claims", CommentedSeq([node]))])
    out = io.StringIO()
    fmt._yaml().dump(doc, out)
    canonical = fmt.format_yaml(out.getvalue())
    return canonical.split("\n", 1)[1]


def insert_claim(text: str | None, block: str) -> str:
    """The file with the block appended to its `claims:` list; a new file if text is None."""
    if text is None or not text.strip():
        return HEADER + block
    if re.search(r"^claims:\s*\[\s*\]\s*$", text, re.M):
        text = re.sub(r"^claims:\s*\[\s*\]\s*$", "claims:", text, count=1, flags=re.M)
    if not text.endswith("\n"):
        text += "\n"
    if not text.endswith("\n\n") and not text.rstrip("\n").endswith("claims:"):
        text += "\n"
    return text + block


# --- references -----------------------------------------------------------------------------

STOPWORDS = {"a", "an", "the", "of", "on", "in", "and", "for", "to", "with", "from", "by", "at", "is",
             "are", "does", "do", "as", "into", "its", "their", "how", "what", "why", "when", "or"}


def ascii_word(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if c.isascii() and c.isalpha()).lower()


def citation_key(family: str, year: str, title: str) -> str:
    words = [ascii_word(w) for w in re.split(r"[\s\-:;,.?/()]+", re.sub(r"[{}\\]", "", title))]
    first = next((w for w in words if w and w not in STOPWORDS), "")
    return f"{ascii_word(family) or 'anon'}{re.sub(r'[^0-9]', '', year)[:4]}{first}"


def normalise_doi(value: str) -> str:
    value = value.strip()
    value = re.sub(r"^(?:https?://)?(?:dx\.)?doi\.org/", "", value, flags=re.I)
    value = re.sub(r"^doi:\s*", "", value, flags=re.I)
    return value.strip()


def normalise_pmid(value: str) -> str:
    return re.sub(r"^\s*pmid:?\s*", "", value.strip(), flags=re.I)


def entry_text(entry_type: str, key: str, fields: list[tuple[str, str]]) -> str:
    return fmt._emit_entry({"type": entry_type.lower(), "key": key, "fields": fields})
