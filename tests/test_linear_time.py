"""Every regular expression and scanner that reads contributor text runs in linear time.

Each case builds a pathological input at two sizes (n and 8n) and times the function on both
in a forked child process that is killed after a timeout, so a regression fails the test
instead of hanging the suite. Linear work grows about 8x; quadratic grows 64x. The bound (30x)
leaves room for a noisy machine, and an absolute cap catches anything slow at any growth.
"""

from __future__ import annotations

import multiprocessing
import time

import pytest

from gradedclaims import bib, identifiers, language, markers, pagepolicy, pages, sentences, textfile, yamlload
from gradedclaims.fmt import format_yaml
from gradedclaims.render import describe

N = 4000
GROWTH_BOUND = 30.0
CAP_SECONDS = 3.0
TIMEOUT_SECONDS = 20.0


def _sentence_before(text: str):
    found, _ = markers.scan(text)
    return [sentences.before(text, m) for m in found]


def _terms(text: str):
    return language.vocabulary().hedges["very-low"].search(text)


CASES = {
    # marker scanner: the inline-code masking that hung on a run of backticks
    "backtick-run": (markers.scan, lambda n: "[claim:a] " + "`" * n + "\n"),
    "backtick-runs-of-growing-length": (markers.scan, lambda n: "[ " + " ".join("`" * k for k in range(1, int(n ** 0.5))) + "\n"),
    "backtick-pairs": (markers.scan, lambda n: "[claim:a] " + "`a" * n + "\n"),
    "loose-marker-openers": (markers.scan, lambda n: "[claim:" * n + "\n"),
    "marker-ids-unclosed": (markers.scan, lambda n: "[claim:a" + ",a" * n + "\n"),
    "marker-id-hyphens": (markers.scan, lambda n: "[claim:" + "a-" * n + "\n"),
    # page titles
    "heading-closing-hashes": (lambda t: pages.parse(t, "docs/x.md", "x.md"), lambda n: "# a" + " #" * n + "b\n"),
    "heading-hashes": (lambda t: pages.parse(t, "docs/x.md", "x.md"), lambda n: "# " + "#" * n + "x\n"),
    # sentence recovery for the wording check
    "sentence-link-openers": (_sentence_before, lambda n: "A " + "[" * n + " b. [claim:a]\n"),
    "sentence-link-targets": (_sentence_before, lambda n: "A " + "[a](" * n + " b. [claim:a]\n"),
    "sentence-tag-openers": (_sentence_before, lambda n: "A " + "<" * n + " b. [claim:a]\n"),
    "sentence-boundaries": (_sentence_before, lambda n: "A" + ".)" * n + " " * n + "b [claim:a]\n"),
    "sentence-spaces": (_sentence_before, lambda n: "A." + " " * n + "b [claim:a]\n"),
    "plain-text": (sentences.plain, lambda n: "*_`" * n + "[" * n + "](" * n),
    # page descriptions
    "description-link-openers": (describe.describe, lambda n: "A " + "[" * n + "](" * n + "<" * n + "\n"),
    "description-marker-openers": (describe.describe, lambda n: "A " + "[claim:" * n + "\n"),
    "description-lines": (describe.describe, lambda n: "---\n" + "a: b\n" * n),
    # wording
    "quote-openers": (language.unquoted, lambda n: "“" * n + "‘" * n + '"' + "a" * n),
    "hedge-phrase-spaces": (_terms, lambda n: ("the" + " " * 50) * (n // 10)),
    "statement-words": (lambda t: language.suggest(t, "low"), lambda n: "a" * n + "s " + "is " * n),
    # bibliography
    "bib-entry-lines": (lambda t: bib.parse(t, "references.bib"), lambda n: ("@article{" + " " * 40 + "\n") * (n // 10)),
    "bib-field-lines": (lambda t: bib.parse(t, "references.bib"), lambda n: "@article{k,\n" + (" " * 40 + "a" * 40 + "\n") * (n // 20) + "}\n"),
    "bib-key": (lambda t: bib.parse(t, "references.bib"), lambda n: "@article{" + "k" * n + "\n"),
    "doi": (identifiers.doi_problem, lambda n: "10.1234/" + "a" * n + " x"),
    # text files and YAML
    "control-characters": (lambda t: textfile.decode(t.encode(), "x"), lambda n: "a" * n + "\x01"),
    "yaml-flow-openers": (lambda t: yamlload.loads(t, "x.yml"), lambda n: "a: " + "[" * min(n, 5000)),
    "yaml-long-scalar": (lambda t: yamlload.loads(t, "x.yml"), lambda n: "a: " + "x " * n + "\n"),
    "fmt-trailing-blanks": (format_yaml, lambda n: "a: 'x" + " " * n + "y'\n"),
    # page policy (raw HTML and link targets in docs/)
    "policy-tag-openers": (pagepolicy.check_text, lambda n: "<" * n + "\n"),
    "policy-unclosed-tags": (pagepolicy.check_text, lambda n: "<a " * n + "\n"),
    "policy-attributes": (pagepolicy.check_text, lambda n: "<span " + "a=b " * n + ">\n"),
    "policy-comments": (pagepolicy.check_text, lambda n: "<!--" * n + "\n"),
    "policy-link-targets": (pagepolicy.check_text, lambda n: "[a](" * n + "\n"),
    "policy-attr-lists": (pagepolicy.check_text, lambda n: "# T {" + "onx" * n + "\n"),
    "policy-attr-list-openers": (pagepolicy.check_text, lambda n: "{: " * n + "\n"),
    "policy-backticks": (pagepolicy.check_text, lambda n: "<span>" + "`" * n + "\n"),
    "policy-entities": (pagepolicy.check_text, lambda n: "<a href='" + "&#0" * n + "'>\n"),
    "policy-long-entity": (pagepolicy.check_text, lambda n: "[x](&#" + "0" * n + "106;avascript:x)\n"),
    "policy-unclosed-quotes": (pagepolicy.check_text, lambda n: "<a href='x\n" * n),
}


def _time(function, text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        function(text)
        best = min(best, time.perf_counter() - start)
    return best


def _measure(name: str, conn) -> None:
    function, make = CASES[name]
    small, large = make(N), make(8 * N)
    function(small)  # warm caches (compiled patterns, vocabularies)
    conn.send((_time(function, small), _time(function, large)))


@pytest.mark.parametrize("name", sorted(CASES))
def test_time_grows_linearly(name):
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_measure, args=(name, child))
    process.start()
    try:
        assert parent.poll(TIMEOUT_SECONDS), f"{name}: no answer within {TIMEOUT_SECONDS} s (a hang)"
        small, large = parent.recv()
    finally:
        process.kill()
        process.join()
    assert large < CAP_SECONDS, f"{name}: {large:.2f} s for {8 * N} units"
    # below a millisecond, timer noise dominates the ratio; the cap above still holds
    assert large < max(small, 0.001) * GROWTH_BOUND, f"{name}: {small:.4f} s -> {large:.4f} s for 8x the input"

