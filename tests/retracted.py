"""Plant reference statuses in a copy of the good fixture (validator, render and browser tests)."""

from __future__ import annotations

from pathlib import Path

STATUS_FIELDS = ("  status       = {{{status}}},\n  status_notice = {{{notice}}},\n"
                 "  status_checked = {{2026-11-30}},\n")

SECOND_TRIAL = """
@article{{jones2021trust,
  author       = {{Jones, Alex}},
  title        = {{Intranasal oxytocin and trust: a second trial}},
  journal      = {{Journal of Tests}},
  year         = {{2021}},
  volume       = {{13}},
  pages        = {{5--15}},
  doi          = {{10.1000/jt.2021.005}},
  design       = {{rct}},
  population   = {{human}},
  verification = {{verified}},
  verified_url = {{https://doi.org/10.1000/jt.2021.005}},
  verified_on  = {{2026-01-15}},
{status}}}
"""

WAIVER = """    waivers:
      - rule: retracted-source
        reason: Kept so that readers see the second trial was retracted.
"""


def set_status(root: Path, key: str, status: str, notice: str = "10.1000/jt.2022.900") -> None:
    """Give entry `key` of the fixture's references.bib a status, notice and check date."""
    bib = root / "references.bib"
    text = bib.read_text()
    start = text.index("{" + key + ",")
    end = text.index("\n}", start)
    bib.write_text(text[:end + 1] + STATUS_FIELDS.format(status=status, notice=notice) + text[end + 1:])


def add_second_source(root: Path, status: str = "retracted", waive: bool = True) -> None:
    """A second supporting trial for 'in-oxt-trust-trial', carrying `status`; optionally waived."""
    bib = root / "references.bib"
    fields = STATUS_FIELDS.format(status=status, notice="10.1000/jt.2022.900") if status else ""
    bib.write_text(bib.read_text() + SECOND_TRIAL.format(status=fields))
    claims = root / "claims/basics.yml"
    text = claims.read_text().replace(
        "        locator: Table 2\n",
        "        locator: Table 2\n      - ref: jones2021trust\n        relation: supports\n        locator: Table 1\n")
    if waive:
        text = text.replace("    caveats: Not replicated.\n", WAIVER + "    caveats: Not replicated.\n")
    claims.write_text(text)
