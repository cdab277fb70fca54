"""A fixture project whose register, bibliography and audit carry script payloads in every
free-text field: what a hostile pull request could submit."""

from __future__ import annotations

from pathlib import Path

from conftest import copy_fixture

PAYLOAD = "<script>alert('xss')</script><img src=x onerror=alert(1)>[link](javascript:alert(2)) *em* `code`"
URL_PAYLOAD = "javascript:alert(3)"


def _replace(path: Path, pairs: list[tuple[str, str]]) -> None:
    text = path.read_text()
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text)


def _yaml(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def make(dest: Path) -> Path:
    root = copy_fixture("good", dest)
    p = _yaml(PAYLOAD)
    _replace(root / "claims/basics.yml", [
        ("statement: In healthy adults, a single dose of intranasal oxytocin may slightly increase trust.",
         f"statement: {_yaml('In healthy adults, a single dose of intranasal oxytocin may slightly increase trust. ' + PAYLOAD)}"),
        ("rationale: One small randomised trial; rated down twice for imprecision.", f"rationale: {p}"),
        ("caveats: Not replicated.", f"caveats: {p}"),
        ("locator: Table 2", f"locator: {p}"),
        ("species: [rat]", "species: [rat, '<img src=x onerror=alert(7)>']"),
    ])
    _replace(root / "references.bib", [
        ("author       = {Smith, Jane A. and Doe, John}", "author       = {Smith, <script>alert(4)</script> and Doe, <img src=x onerror=alert(5)>}"),
        ("title        = {A randomised trial of intranasal oxytocin in healthy adults}", "title        = {" + PAYLOAD + "}"),
        ("journal      = {Journal of Tests}", "journal      = {" + PAYLOAD + "}"),
        ("verified_url = {https://pubmed.ncbi.nlm.nih.gov/12345678/}", "verified_url = {https://pubmed.ncbi.nlm.nih.gov/12345678/\" onmouseover=\"alert(6)},\n  url = {" + URL_PAYLOAD + "}"),
        ("species      = {rat}", "species      = {rat; " + PAYLOAD + "}"),
        ("verification_note = {Page range seen on the publisher's page only.}",
         "verification_note = {" + PAYLOAD + "},\n  copy_seen = {" + PAYLOAD + "}"),
    ])
    _replace(root / "claims/audit/article.yml", [
        ("title: A test article", f"title: {p}"),
        ("kind: A fixture", f"kind: {p}"),
        ("summary: An article used only by the tests.", f"summary: {p}"),
        ("quote: Oxytocin reliably increases trust.", f"quote: {p}"),
        ("locator: Trust, paragraph 1", f"locator: {_yaml(PAYLOAD + ', paragraph 1')}"),
        ("restatement: A single dose of oxytocin makes people more trusting.", f"restatement: {p}"),
        ("cited: Smith J, Doe J. A trial. J Tests 2020.", f"cited: {p}"),
        ("searched: PubMed and Crossref for the title and authors.", f"searched: {p}"),
    ])
    return root
