"""Marker syntax and scanning."""

from gradedclaims import markers


def test_single_and_multiple_ids_with_positions():
    text = "# T\n\nA sentence. [claim:one] More. [claim:two, three-x]\n"
    found, bad = markers.scan(text)
    assert bad == []
    assert [(m.ids, m.line, m.column) for m in found] == [(("one",), 3, 13), (("two", "three-x"), 3, 31)]
    assert text[found[0].start:found[0].end] == "[claim:one]"


def test_markers_in_code_are_examples_not_citations():
    text = "Use `[claim:x]` like this.\n\n```md\n[claim:y]\n```\n\n~~~\n[claim:z]\n~~~\nReal. [claim:w]\n"
    found, bad = markers.scan(text)
    assert [m.ids for m in found] == [("w",)] and bad == []


def test_malformed_markers_are_reported():
    found, bad = markers.scan("A. [claim:Bad_Id] B. [Claim:x] C. [claims:y] D. [claim:]\n")
    assert found == []
    assert [b.text for b in bad] == ["[claim:Bad_Id]", "[Claim:x]", "[claims:y]", "[claim:]"]


def test_replace_keeps_other_text_exactly():
    text = "α. [claim:a]\nβ [claim:b]."
    found, _ = markers.scan(text)
    assert markers.replace(text, found, lambda m: "<" + m.ids[0] + ">") == "α. <a>\nβ <b>."
