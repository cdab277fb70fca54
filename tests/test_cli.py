"""The validator's command line: exact output, formats and exit codes."""

import json

from conftest import ROOT, run_cli


def break_fixture(root):
    claims = root / "claims/basics.yml"
    claims.write_text(claims.read_text().replace("    sources:\n      - ref: hall2021guyton", "    sorces:\n      - ref: hall2021guyton"))
    page = root / "docs/index.md"
    page.write_text(page.read_text().replace("[claim:in-oxt-trust-trial]", "[claim:in-oxt-trust-trail]"))


EXPECTED_TEXT = """\
claims/basics.yml:2:5: [error] missing required field 'sources' in claim 'oxt-nonapeptide' (missing-field)
claims/basics.yml:5:5: [error] unknown field 'sorces' in claim 'oxt-nonapeptide' (unknown-field)
    hint: did you mean 'sources'? allowed fields: as_of, caveats, evidence, id, map, notices, plain, reviewed, sources, statement, status, topic, waivers
docs/index.md:5:86: [error] marker cites claim 'in-oxt-trust-trail', which is not in the register (unknown-claim)
    hint: did you mean 'in-oxt-trust-trial'?
3 errors, 0 warnings in 2 files
"""


def test_clean_project_exits_zero(good):
    result = run_cli("--root", str(good))
    assert (result.returncode, result.stdout, result.stderr) == (0, "no problems found\n", "")


def test_errors_exact_text_output_and_exit_one(good):
    break_fixture(good)
    result = run_cli("--root", str(good), "--no-advisories")
    assert result.returncode == 1
    assert result.stdout == EXPECTED_TEXT


def test_json_output_for_tools(good):
    break_fixture(good)
    result = run_cli("--root", str(good), "--no-advisories", "--format", "json")
    payload = json.loads(result.stdout)
    assert (payload["errors"], payload["warnings"]) == (3, 0)
    assert payload["problems"][2] == {
        "path": "docs/index.md", "line": 5, "column": 86, "level": "error", "code": "unknown-claim",
        "message": "marker cites claim 'in-oxt-trust-trail', which is not in the register",
        "hint": "did you mean 'in-oxt-trust-trial'?",
    }


def test_github_annotations(good):
    break_fixture(good)
    result = run_cli("--root", str(good), "--no-advisories", "--format", "github")
    first = result.stdout.splitlines()[0]
    assert first == "::error file=claims/basics.yml,line=2,col=5,title=missing-field::missing required field 'sources' in claim 'oxt-nonapeptide'"
    assert "::error file=docs/index.md,line=5,col=86,title=unknown-claim::marker cites claim 'in-oxt-trust-trail', which is not in the register%0Adid you mean 'in-oxt-trust-trial'?" in result.stdout


def test_warnings_pass_unless_strict(good):
    page = good / "docs/index.md"
    page.write_text(page.read_text().replace("In healthy adults, a single dose of intranasal oxytocin may slightly increase trust. [claim:in-oxt-trust-trial]", ""))
    audit = good / "claims/audit/article.yml"  # an audit page shows the claims it links: link another
    audit.write_text(audit.read_text().replace("claims: [in-oxt-trust-trial]", "claims: [oxt-nonapeptide]"))
    assert run_cli("--root", str(good)).returncode == 0
    strict = run_cli("--root", str(good), "--strict")
    assert strict.returncode == 1
    assert "claims/basics.yml:27:5: [warning] claim 'in-oxt-trust-trial' is not used on any page (unused-claim)" in strict.stdout


def test_usage_errors_exit_two(tmp_path):
    assert run_cli("--format", "xml", "--root", str(tmp_path)).returncode == 2
    result = run_cli("--root", str(tmp_path))
    assert result.returncode == 2 and "has no claims/ directory" in result.stderr


def test_hostile_files_give_located_errors_not_tracebacks(good):
    (good / "claims/binary.yml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00garbage")
    (good / "claims/empty.yml").write_text("")
    (good / "claims/strings.yml").write_text("- just\n- strings\n")
    (good / "references.bib").write_bytes((good / "references.bib").read_bytes() + b"\n@article{bad, title = {caf\xe9}}\n")
    result = run_cli("--root", str(good), "--no-advisories")
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert "claims/binary.yml:1:1: [error] byte 0x89 is not valid UTF-8 (encoding)" in lines
    assert "claims/empty.yml: [error] the file is empty (empty-file)" in lines
    assert any(line.startswith("claims/strings.yml:1:1: [error] the file must be a mapping") for line in lines)
    assert "references.bib:50:27: [error] byte 0xe9 is not valid UTF-8 (encoding)" in lines
    assert "unknown-ref" not in result.stdout  # no cascade from an unreadable bibliography


def test_the_real_register_has_no_errors():
    result = run_cli("--root", str(ROOT), "--no-advisories")
    assert result.returncode == 0, result.stdout
    assert result.stdout == "no problems found\n"
