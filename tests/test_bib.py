"""The bibliography: every syntax error and duplicate in one run, with lines; identifiers."""

from gradedclaims import bib, bibcheck, identifiers

ENTRY = """@article{{{key},
  author       = {{Smith, Jane}},
  title        = {{A title}},
  journal      = {{J Tests}},
  year         = {{2020}},
  doi          = {{{doi}}},
  design       = {{rct}},
  population   = {{human}},
  verification = {{verified}},
  verified_url = {{https://pubmed.ncbi.nlm.nih.gov/1/}},
  verified_on  = {{2026-01-15}},
}}
"""


def entry(key="smith2020a", doi="10.1000/x.1"):
    return ENTRY.format(key=key, doi=doi)


def problems(text):
    b = bib.parse(text, "references.bib")
    return b, sorted(b.problems + list(bibcheck.check_bibliography(b)), key=lambda p: (p.line, p.code))


def test_good_entry_has_no_problems_and_formats_in_vancouver_style():
    b, found = problems(entry())
    assert found == []
    assert b.lookup("smith2020a").citation() == "Smith J. A title. J Tests. 2020."


def test_all_syntax_errors_and_duplicate_keys_in_one_run():
    text = entry() + "\n" + entry("broken", "10.1000/x.2").replace("  title", "  title = {x}\n  bad", 1).replace("{x}\n  bad        = {A title},", "{x}\n  bad") + "\n" + entry(doi="10.1000/x.3")
    b, found = problems(text)
    dup = [p for p in found if p.code == "duplicate-key"]
    third = text.count("\n", 0, text.rindex("@article{smith2020a")) + 1
    assert [(p.line, p.message) for p in dup] == [(third, "citation key 'smith2020a' is already used at line 1")]
    assert any(p.code == "bibtex-syntax" and p.line > 13 for p in found)


def test_missing_author_fails_formatting_with_a_hint():
    _, found = problems(entry().replace("  author       = {Smith, Jane},\n", ""))
    assert [(p.line, p.code) for p in found] == [(1, "missing-field")]


def test_doi_with_prefix_and_bad_pmid_and_isbn_checksum_are_located():
    text = entry(doi="https://doi.org/10.1000/x.1").replace("  design", "  pmid = {012},\n  isbn = {978-0-323-59712-9},\n  design")
    _, found = problems(text)
    assert [(p.line, p.code) for p in found] == [(6, "invalid-doi"), (7, "invalid-pmid"), (8, "invalid-isbn")]


def test_verified_entry_needs_an_identifier_url_and_date():
    text = entry().replace("  doi          = {10.1000/x.1},\n", "").replace("https://pubmed.ncbi.nlm.nih.gov/1/", "javascript:alert(1)").replace("2026-01-15", "2026-02-30")
    _, found = problems(text)
    assert {p.code for p in found} == {"missing-identifier", "missing-verified-url", "invalid-date"}


def test_unverified_entry_needs_a_note_and_no_identifier():
    text = entry().replace("verification = {verified}", "verification = {unverified}")
    _, found = problems(text)
    assert [p.code for p in found] == ["missing-verification-note"]
    _, found = problems(text.replace("  design", "  verification_note = {Searched PubMed; no record.},\n  design"))
    assert found == []


def test_duplicate_doi_across_entries():
    _, found = problems(entry() + "\n" + entry("other2021b"))
    assert [(p.line, p.code) for p in found] == [(19, "duplicate-identifier")]


def test_misspelt_field_is_a_warning_with_suggestion():
    _, found = problems(entry().replace("design       =", "desing       ="))
    codes = [(p.code, p.level) for p in found]
    assert ("unknown-bib-field", "warning") in codes and ("missing-design", "error") in codes
    warn = next(p for p in found if p.code == "unknown-bib-field")
    assert warn.line == 7 and warn.hint == "did you mean 'design'?"


def test_identifier_checks():
    assert identifiers.isbn_problem("978-0-323-59712-8") is None
    assert identifiers.isbn_problem("0-7216-0240-1") is None
    assert identifiers.isbn_problem("0-7216-0240-2") is not None
    assert identifiers.doi_problem("10.1016/j.neuron.2010.03.005") is None
    assert identifiers.doi_problem("doi:10.1016/x") is not None
    assert identifiers.pmid_problem("20346754") is None
    assert identifiers.pmid_problem("PMID20346754") is not None


def test_hostile_bibtex_never_raises():
    for text in ("@article{", "@@@@", "\x00\x01", "@article{x, title = {" * 50, "}" * 100, "@comment{x}"):
        bib.parse(text, "references.bib")


def test_undated_record_is_n_d_and_left_out_of_the_exports():
    from gradedclaims import export
    text = entry().replace("{2020}", "{n.d.}")
    b, found = problems(text)
    assert [p.code for p in found] == []
    bad = entry().replace("{2020}", "{not seen}")
    assert [p.code for p in problems(bad)[1]] == ["invalid-year"]
    from types import SimpleNamespace
    model = SimpleNamespace(project=SimpleNamespace(bibliography=b))
    ris = export.references_ris(model).decode()
    assert "TI  - A title" in ris and "PY  -" not in ris
    assert '"issued"' not in export.references_csl(model).decode()
    dated = SimpleNamespace(project=SimpleNamespace(bibliography=problems(entry())[0]))
    assert "PY  - 2020" in export.references_ris(dated).decode()
