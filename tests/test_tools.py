"""Contributor commands through their real interfaces: new-claim, add-ref, fmt, register-diff."""

from __future__ import annotations

import os
import subprocess
import sys

import yaml

from conftest import SCRIPTS, check

PY = sys.executable


def run(script: str, *args: str, cwd=None, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([PY, str(SCRIPTS / script), *args], cwd=cwd, input=stdin, capture_output=True,
                          text=True, timeout=120)


NEW = ["--id", "oxt-trust-replication", "--topic", "basics",
       "--statement", "In healthy adults, a single dose of intranasal oxytocin may not increase trust in a replication study.",
       "--ref", "smith2020trial:supports:Table 3", "--certainty", "low", "--design", "rct",
       "--population", "human", "--rationale", "One trial; rated down twice for imprecision and indirectness.",
       "--start", "high", "--domain", "imprecision=serious:One trial of 40 adults.",
       "--domain", "indirectness=serious:A laboratory trust game, not everyday trust.",
       "--appraised-by", "test-contributor", "--reviewed", "2026-01-20"]


# --- new-claim ---------------------------------------------------------------------------------

def test_new_claim_appends_without_touching_the_rest(good):
    path = good / "claims/basics.yml"
    before = path.read_text()
    result = run("new_claim.py", "--root", str(good), *NEW)
    assert result.returncode == 0, result.stdout + result.stderr
    after = path.read_text()
    assert after.startswith(before)
    assert "added claim 'oxt-trust-replication' to claims/basics.yml at line 82" in result.stdout
    data = yaml.safe_load(after)["claims"][-1]
    assert data["statement"] == NEW[5] and data["sources"] == [{"ref": "smith2020trial", "relation": "supports", "locator": "Table 3"}]
    assert str(data["reviewed"]) == "2026-01-20"
    from gradedclaims import fmt
    assert fmt.format_yaml(after).endswith(after[len(before):])  # the new block is already canonical
    assert [p.code for p in check(good)] == ["unused-claim"]


def test_new_claim_creates_a_topic_file_only_when_asked(good):
    args = [a if a != "basics" else "newtopic" for a in NEW]
    refused = run("new_claim.py", "--root", str(good), *args)
    assert refused.returncode == 1 and not (good / "claims/newtopic.yml").exists()
    assert "there is no topic 'newtopic' (existing: basics); to start one, pass --new-topic" in refused.stderr
    assert run("new_claim.py", "--root", str(good), *args, "--new-topic").returncode == 0
    text = (good / "claims/newtopic.yml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../src/gradedclaims/schema/claims.schema.json\nclaims:\n  - id: oxt-trust-replication\n")


def test_new_claim_refuses_a_taken_id_and_a_failing_grade(good):
    path = good / "claims/basics.yml"
    before = path.read_text()
    taken = run("new_claim.py", "--root", str(good), *[a if a != "oxt-trust-replication" else "oxt-nonapeptide" for a in NEW])
    assert taken.returncode == 1 and "'oxt-nonapeptide' is already used" in taken.stderr
    strong = [a if a != NEW[5] else "Intranasal oxytocin increases trust." for a in NEW]
    bad = run("new_claim.py", "--root", str(good), *strong)
    assert bad.returncode == 1
    assert "claims/basics.yml:84:16: [error] statement of low-certainty claim 'oxt-trust-replication' is stated as plain fact (wording-too-strong)" in bad.stdout
    assert "for low certainty write: Intranasal oxytocin may increase trust." in bad.stdout
    assert path.read_text() == before


def test_new_claim_refuses_a_near_miss_of_an_existing_topic(good):
    for typo in ("basic", "basisc"):
        args = [a if a != "basics" else typo for a in NEW]
        for extra in ([], ["--new-topic"]):  # a typo is refused even when new topics are allowed
            result = run("new_claim.py", "--root", str(good), *args, *extra)
            assert result.returncode == 1 and f"there is no topic '{typo}': did you mean basics?" in result.stderr
    assert sorted(p.name for p in (good / "claims").glob("*.yml")) == ["basics.yml"]


def _converse(good, answers: list[str], *args: str) -> tuple[int, str]:
    """Run new-claim in a pseudo-terminal with these answers; (exit status, what it printed)."""
    import pty

    master, slave = pty.openpty()
    proc = subprocess.Popen([PY, str(SCRIPTS / "new_claim.py"), "--root", str(good), *args],
                            stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    import select
    import time

    for answer in answers:
        os.write(master, (answer + "\n").encode())
    output, deadline = b"", time.monotonic() + 60
    while time.monotonic() < deadline:  # a prompt left unanswered must fail the test, not hang it
        ready, _, _ = select.select([master], [], [], 1)
        if not ready:
            if proc.poll() is not None:
                break
            continue
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    if proc.poll() is None:
        proc.kill()
    return proc.wait(timeout=10), output.decode()


def test_new_claim_asks_before_creating_a_topic_in_a_terminal(good):
    given = [a for a in NEW if a not in ("--topic", "basics")]
    status, out = _converse(good, ["basis", "newtopic", "n", "newtopic", "y", "", ""], *given)
    assert status == 0, out
    assert "did you mean basics?" in out and out.count("create a new topic file claims/newtopic.yml? [y/N]") == 2
    assert yaml.safe_load((good / "claims/newtopic.yml").read_text())["claims"][0]["id"] == "oxt-trust-replication"


def test_new_claim_without_a_terminal_needs_all_flags(good):
    result = run("new_claim.py", "--root", str(good), "--id", "x-y", stdin="")
    assert result.returncode == 2 and "missing --topic, --statement" in result.stderr


def test_new_claim_asks_in_a_terminal(good):
    import pty

    answers = ["oxt-trust-replication", "basics", NEW[5], "smith2020", "1", "supports", "Table 3", "",
               "low", "rct", "human", "One trial; rated down twice for imprecision and indirectness.",
               "high", "", "", "serious", "A laboratory trust game, not everyday trust.", "serious",
               "One trial of 40 adults.", "", "test-contributor", "", ""]
    master, slave = pty.openpty()
    proc = subprocess.Popen([PY, str(SCRIPTS / "new_claim.py"), "--root", str(good), "--reviewed", "2026-01-20"],
                            stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    output = b""
    for answer in answers:
        os.write(master, (answer + "\n").encode())
    try:
        while True:
            chunk = os.read(master, 4096)
            if not chunk:
                break
            output += chunk
    except OSError:
        pass
    assert proc.wait(timeout=60) == 0, output.decode()
    assert b"Existing topics: basics" in output and b"1. smith2020trial" in output
    claim = yaml.safe_load((good / "claims/basics.yml").read_text())["claims"][-1]
    assert claim["id"] == "oxt-trust-replication" and claim["evidence"]["certainty"] == "low"
    judged = claim["evidence"]["appraisal"]
    assert judged["start"] == "high" and judged["risk_of_bias"] in ("no", False)
    assert judged["imprecision"] == {"rating": "serious", "reason": "One trial of 40 adults."}
    assert judged["appraised_by"] == "test-contributor"


# --- add-ref -----------------------------------------------------------------------------------

EXPORTED = """@Article{Zhang_2021,
  title = {The Effects of Oxytocin on Trust: a Replication},
  author = {Zhang, Wei and M{\\"u}ller, Anna},
  journal = {Journal of Tests},
  year = 2021,
  volume = {3},
  doi = {https://doi.org/10.1000/abc.1},
  pmid = {PMID: 99999999},
  abstract = {A long abstract.}
}
"""


RIS = """TY  - JOUR
AU  - Bluthé, Rose-Marie
AU  - Müller, Anna
TI  - Oxytocin in {voles}: a replication
T2  - Journal of Tests
PY  - 2022///
VL  - 9
IS  - 2
SP  - 11
EP  - 19
DO  - https://doi.org/10.1000/ris.2022.9
AN  - PMID: 12341234
ER  - 
"""


def test_add_ref_accepts_ris_from_a_file_or_standard_input(good, tmp_path):
    source = tmp_path / "export.ris"
    source.write_text(RIS)
    result = run("add_ref.py", str(source), "--root", str(good), "--design", "rct", "--population", "human")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "read 1 RIS record(s)" in result.stdout and "added 'bluthe2022oxytocin'" in result.stdout
    from pybtex.database import parse_file
    entry = parse_file(str(good / "references.bib")).entries["bluthe2022oxytocin"]
    assert [str(p) for p in entry.persons["author"]] == ["Bluthé, Rose-Marie", "Müller, Anna"]
    assert entry.fields["doi"] == "10.1000/ris.2022.9" and entry.fields["pmid"] == "12341234"
    assert entry.fields["pages"] == "11--19" and entry.fields["journal"] == "Journal of Tests"
    again = run("add_ref.py", "-", "--root", str(good), stdin=RIS)  # recognised without a file name
    assert again.returncode == 1 and "DOI 10.1000/ris.2022.9 is already in references.bib" in again.stdout


def test_add_ref_says_how_to_export_bibtex_when_ris_is_unreadable(good):
    before = (good / "references.bib").read_text()
    result = run("add_ref.py", "-", "--root", str(good), stdin="TY  - JOUR\nTI  - never closed\n")
    assert result.returncode == 1
    assert "<stdin>:1:1: [error] no RIS record could be read (ris-syntax)" in result.stdout
    assert "export BibTeX instead" in result.stdout
    assert (good / "references.bib").read_text() == before


def test_add_ref_normalises_and_appends(good):
    path = good / "references.bib"
    before = path.read_text()
    result = run("add_ref.py", "-", "--root", str(good), "--design", "rct", "--population", "human",
                 "--verified-url", "https://pubmed.ncbi.nlm.nih.gov/99999999/", "--verified-on", "2026-01-20", stdin=EXPORTED)
    assert result.returncode == 0, result.stdout + result.stderr
    after = path.read_text()
    assert after.startswith(before.rstrip("\n"))
    assert "added 'zhang2021effects' to references.bib at line 50" in result.stdout
    assert "not copied (not used by the register): abstract" in result.stdout
    assert "still to do" not in result.stdout
    entry = after[after.index("@article{zhang2021effects,"):]
    assert "  doi          = {10.1000/abc.1},\n" in entry and "  pmid         = {99999999},\n" in entry
    assert "  verified_url = {https://pubmed.ncbi.nlm.nih.gov/99999999/},\n" in entry
    assert [p for p in check(good, advisories=False)] == []


def test_add_ref_refuses_a_duplicate_doi_and_leaves_the_file(good):
    path = good / "references.bib"
    before = path.read_text()
    dup = EXPORTED.replace("10.1000/abc.1", "10.1000/JT.2020.001").replace("99999999", "1")
    result = run("add_ref.py", "-", "--root", str(good), stdin=dup)
    assert result.returncode == 1
    assert "DOI 10.1000/JT.2020.001 is already in references.bib as 'smith2020trial' (line 1)" in result.stdout
    assert path.read_text() == before


def test_add_ref_reminds_about_the_verification_record(good):
    result = run("add_ref.py", "-", "--root", str(good), stdin=EXPORTED)
    assert result.returncode == 0
    assert "still to do" in result.stdout and "verified_url = {...}" in result.stdout


def test_add_ref_reports_malformed_input_with_its_line(good):
    path = good / "references.bib"
    before = path.read_text()
    result = run("add_ref.py", "-", "--root", str(good), stdin="@article{x,\n  title = {unclosed,\n  year = 2020\n")
    assert result.returncode == 1 and result.stdout.startswith("<stdin>:")
    assert "(bibtex-syntax)" in result.stdout
    assert path.read_text() == before


# --- fmt -----------------------------------------------------------------------------------------

MESSY = """claims:
# first claim
- status: current   # keep me
  statement: "In healthy adults, a single dose of intranasal oxytocin may slightly increase trust in an economic game with strangers."
  id: c-one
  topic: basics
  reviewed: 2026-01-15
  evidence: {rationale: One small trial.,    certainty: low, population: human, design: rct}
  sources:
  - relation: supports
    ref: smith2020trial
"""


def test_fmt_check_lists_then_fmt_fixes_idempotently(good):
    path = good / "claims/basics.yml"
    path.write_text(MESSY)
    check_run = run("fmt.py", "--root", str(good), "--check")
    assert check_run.returncode == 1 and check_run.stdout == "would reformat claims/basics.yml\nwould reformat references.bib\n" or \
        check_run.stdout.startswith("would reformat claims/basics.yml")
    assert path.read_text() == MESSY
    assert run("fmt.py", "--root", str(good)).returncode == 0
    formatted = path.read_text()
    assert yaml.safe_load(formatted) == yaml.safe_load(MESSY)
    assert "# first claim" in formatted and "# keep me" in formatted
    assert formatted.index("id: c-one") < formatted.index("statement:") < formatted.index("status:")
    assert run("fmt.py", "--root", str(good), "--check").returncode == 0
    assert run("fmt.py", "--root", str(good)).stdout == "all files already formatted\n"
    assert path.read_text() == formatted


def test_fmt_refuses_broken_files_with_located_errors(good):
    path = good / "claims/basics.yml"
    path.write_text("claims:\n  - id: x\n\tstatement: y\n")
    result = run("fmt.py", "--root", str(good), "claims/basics.yml")
    assert result.returncode == 1
    assert result.stdout.startswith("claims/basics.yml:3:1: [error] YAML syntax error")
    assert path.read_text() == "claims:\n  - id: x\n\tstatement: y\n"
    bib = good / "references.bib"
    bib.write_text("@article{x,\n  title = {open\n")
    result = run("fmt.py", "--root", str(good), "references.bib")
    assert result.returncode == 1 and "references.bib:2:1: [error] cannot format: unbalanced braces" in result.stdout


def test_fmt_bibtex_keeps_values_and_comments():
    from gradedclaims import fmt
    from pybtex.database import parse_string

    text = "% a comment\n@Article{k1,\n  year=2020,title = \"Quoted {Title}\" ,\n author={A, B and C, D},\n  pages = {1--2}}\n\n\n%another\n@misc{k2, title={T}, note = {x} # \" y\"}\n"
    out = fmt.format_bibtex(text)
    assert out == fmt.format_bibtex(out)
    assert "% a comment" in out and "%another" in out
    a, b = parse_string(text, "bibtex"), parse_string(out, "bibtex")
    for key in a.entries:
        assert dict(a.entries[key].fields) == dict(b.entries[key].fields)
        assert [str(p) for p in a.entries[key].persons.get("author", [])] == [str(p) for p in b.entries[key].persons.get("author", [])]


# --- register-diff ---------------------------------------------------------------------------------

def git(root, *args):
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})


def test_register_diff_reports_each_kind_of_change(good):
    git(good, "init", "-q", "-b", "main")
    git(good, "add", "-A")
    git(good, "commit", "-q", "-m", "base")
    claims_path = good / "claims/basics.yml"
    text = claims_path.read_text()
    text = text.replace("statement: Oxytocin is a peptide hormone made of nine amino acids.",
                        "statement: Oxytocin is a peptide hormone of nine amino acids with a disulfide bridge.")
    text = text.replace("certainty: moderate", "certainty: low").replace(
        "In ovariectomised rats, estradiol probably increases", "In ovariectomised rats, estradiol may increase")
    start = text.index("  - id: in-oxt-trust-trial")
    end = text.index("  - id: oxtr-estradiol-rat")
    text = text[:start] + text[end:]
    text = text.replace("      - ref: lee2019rats\n        relation: supports\n",
                        "      - ref: lee2019rats\n        relation: supports\n      - ref: hall2021guyton\n        relation: qualifies\n")
    claims_path.write_text(text)
    page = good / "docs/index.md"
    page.write_text(page.read_text().replace(" [claim:in-oxt-trust-trial]", "").replace(
        "In ovariectomised rats, estradiol probably increases", "In ovariectomised rats, estradiol may increase"))
    audit = good / "claims/audit/article.yml"
    audit.write_text(audit.read_text().replace("claims: [in-oxt-trust-trial]", "claims: [oxt-nonapeptide]"))
    git(good, "add", "-A")
    git(good, "commit", "-q", "-m", "head")
    result = run("register_diff.py", "main~1", "main", "--root", str(good))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("## Register changes\n\nClaims: 1 removed, 2 reworded, 1 regraded, 1 reappraised, "
                          "1 with changed sources. References: 0 added, 0 removed.\n")
    assert "### Claims removed\n\n- `in-oxt-trust-trial`: In healthy adults" in out
    assert "- `oxt-nonapeptide`: Oxytocin is a peptide hormone ~~made~~ **of nine amino acids with a disulfide bridge.** " not in out
    assert "**with a disulfide bridge.**" in out and "~~made of~~" in out or "~~made~~" in out
    assert "- `oxtr-estradiol-rat`: Moderate (animal, animal) → **Low (animal, animal)**. New rationale:" in out
    assert "- `oxtr-estradiol-rat`: + `hall2021guyton` (qualifies)" in out
    assert "### Pages whose claims changed\n\n- `docs/index.md`" in out


def test_register_diff_says_whether_a_second_appraisal_still_stands(good):
    claims_path = good / "claims/basics.yml"
    second = ("        appraised_on: 2026-01-15\n        second_appraisal: {appraised_by: reviewer-b, appraised_on: 2026-01-20, agrees: true}\n"
              "    map: {hormone: estradiol")
    claims_path.write_text(claims_path.read_text().replace(
        "        appraised_on: 2026-01-15\n    map: {hormone: estradiol", second))
    git(good, "init", "-q", "-b", "main")
    git(good, "add", "-A")
    git(good, "commit", "-q", "-m", "base")
    text = claims_path.read_text()
    start = text.index("  - id: oxtr-estradiol-rat")
    block = text[start:].replace("certainty: moderate", "certainty: low").replace(
        "probably increases", "may increase").replace(
        "        imprecision: no", "        imprecision: {rating: serious, reason: Two small experiments.}")
    claims_path.write_text(text[:start] + block)
    page = good / "docs/index.md"
    page.write_text(page.read_text().replace("estradiol probably increases", "estradiol may increase"))
    git(good, "commit", "-q", "-am", "head")
    out = run("register_diff.py", "main~1", "main", "--root", str(good)).stdout
    assert ("- `oxtr-estradiol-rat`: Moderate → Low; imprecision no → serious; **its second appraisal no longer "
            "stands** (it judged the earlier domains); ask for a new one") in out


def test_register_diff_includes_uncommitted_work_by_default(good):
    git(good, "init", "-q", "-b", "main")
    git(good, "add", "-A")
    git(good, "commit", "-q", "-m", "base")
    claims_path = good / "claims/basics.yml"
    claims_path.write_text(claims_path.read_text().replace("made of nine amino acids", "of nine amino acids"))
    new = good / "claims/untracked.yml"
    text = claims_path.read_text()
    start = text.index("  - id: oxtr-estradiol-rat")
    new.write_text("claims:\n" + text[start:].replace("id: oxtr-estradiol-rat", "id: brand-new-claim"))
    out = run("register_diff.py", "main", "--root", str(good)).stdout
    assert out.startswith("## Register changes\n\nClaims: 1 added, 1 reworded.")
    assert "`brand-new-claim`" in out and "`oxt-nonapeptide`" in out
    committed = run("register_diff.py", "main", "HEAD", "--root", str(good)).stdout
    assert committed.startswith("> **Not included:** 2 register file(s) with uncommitted changes "
                                "(`claims/basics.yml`, `claims/untracked.yml`)")
    assert "Claims: no changes." in committed


def test_register_diff_usage_error_on_unknown_revision(good):
    git(good, "init", "-q", "-b", "main")
    git(good, "add", "-A")
    git(good, "commit", "-q", "-m", "base")
    result = run("register_diff.py", "nope", "main", "--root", str(good))
    assert result.returncode == 2 and "cannot read the register at that revision" in result.stderr
