"""Claim markers rendered by plain Python-Markdown (`markdown.markdown`), without MkDocs: the
extension any engine that runs Python-Markdown can use."""

from __future__ import annotations

import re
import subprocess
import sys

import markdown
import pytest

from conftest import ROOT

from gradedclaims.mdext import ClaimsExtension, RegisterError

TEXT = """# Notes

Oxytocin is a peptide hormone made of nine amino acids. [claim:oxt-nonapeptide]

In healthy adults, a single dose of intranasal oxytocin may slightly increase trust. [claim:in-oxt-trust-trial]

A marker in code stays as it is: `[claim:oxt-nonapeptide]`.
"""


def test_markers_become_numbered_citations_with_a_reference_list(good):
    html = markdown.markdown(TEXT, extensions=["admonition", ClaimsExtension(root=str(good), page_url="notes/")])
    cites = re.findall(r'<span class="oxy-cite" data-claim="([^"]+)"><a class="oxy-cite__link" href="([^"]+)"[^>]*>\[(\d)\]</a>',
                       html)
    assert cites == [("oxt-nonapeptide", "../claims/oxt-nonapeptide/", "1"),
                     ("in-oxt-trust-trial", "../claims/in-oxt-trust-trial/", "2")]
    assert "⊕⊕⊕⊕</span> High" in html and "⊕⊕◯◯</span> Low" in html
    refs = re.findall(r'<li id="oxy-ref-(\d)" value="\d">(.*?)</li>', html)
    assert [n for n, _ in refs] == ["1", "2"]
    assert refs[1][1].startswith("Smith JA, Doe J. A randomised trial of intranasal oxytocin in healthy adults.")
    assert "<code>[claim:oxt-nonapeptide]</code>" in html
    assert "<!--oxy" not in html


def test_a_page_without_markers_is_plain_markdown(good):
    text = "# Plain\n\nNo claims here, *only* prose.\n"
    assert markdown.markdown(text, extensions=[ClaimsExtension(root=str(good))]) == markdown.markdown(text)


def test_a_register_with_errors_is_refused_with_located_problems(good):
    claims = good / "claims" / "basics.yml"
    claims.write_text(claims.read_text().replace("certainty: high", "certainty: sure", 1))
    with pytest.raises(RegisterError, match=r"claims/basics\.yml:\d+:\d+: .*\(invalid-value\)"):
        markdown.markdown(TEXT, extensions=[ClaimsExtension(root=str(good))])


def test_the_extension_is_found_by_its_entry_point_name(good):
    program = ("import markdown, sys\n"
               "print(markdown.markdown(sys.stdin.read(), extensions=['claims'],"
               f" extension_configs={{'claims': {{'root': {str(good)!r}}}}}))")
    out = subprocess.run([sys.executable, "-c", program], input=TEXT, capture_output=True, text=True, timeout=120,
                         cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert 'data-claim="oxt-nonapeptide"' in out.stdout and ">[1]</a>" in out.stdout
