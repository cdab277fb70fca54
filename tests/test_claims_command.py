"""The `claims` console command: each subcommand is the tool it names; export writes the data
without a site build."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import run_cli


def claims(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gradedclaims", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def test_check_is_the_validator(good):
    claim_file = good / "claims/basics.yml"
    claim_file.write_text(claim_file.read_text().replace("certainty: high", "certainty: sure", 1))
    via_command, via_script = claims("check", "--root", str(good)), run_cli("--root", str(good))
    assert via_command.returncode == via_script.returncode == 1
    assert "invalid-value" in via_command.stdout
    assert via_command.stdout == via_script.stdout


def test_an_unknown_subcommand_is_a_usage_error_listing_the_commands():
    result = claims("chek")
    assert result.returncode == 2
    assert "unknown command 'chek'" in result.stderr
    for name in ("check", "new", "add-ref", "fmt", "diff", "export", "readability", "refresh-refs"):
        assert f"\n  {name} " in result.stderr


def test_export_writes_the_register_data(good, tmp_path):
    out = tmp_path / "out"
    result = claims("export", "--root", str(good), "--out", str(out))
    assert result.returncode == 0, result.stderr
    data = json.loads((out / "data/claims.json").read_text("utf-8"))
    ids = {c["id"] for c in (data["claims"] if isinstance(data, dict) else data)}
    assert "oxt-nonapeptide" in ids
    assert "@article{" in (out / "data/references.bib").read_text("utf-8").lower()


def test_export_refuses_a_register_with_errors(good, tmp_path):
    claim_file = good / "claims/basics.yml"
    claim_file.write_text(claim_file.read_text().replace("certainty: high", "certainty: sure", 1))
    result = claims("export", "--root", str(good), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "invalid-value" in result.stdout
    assert not (tmp_path / "out").exists()
