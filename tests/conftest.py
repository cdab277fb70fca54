"""Shared test helpers: copy a fixture project, write files, run the validator or a build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Reviews fall due relative to the build's date (SOURCE_DATE_EPOCH): pinned, so that the fixtures'
# dates never age into warnings. 1700000000 is 2023-11-14, as in the site builds below.
BUILD_EPOCH = "1700000000"
os.environ["SOURCE_DATE_EPOCH"] = BUILD_EPOCH
SCRIPTS = ROOT / "scripts"
SITE_SETTINGS = ("wording.yml", "policy.yml", "publishing.yml", "evidence-map.yml")  # this site's own, copied into each fixture
sys.path.insert(0, str(ROOT / "src"))  # the library, also when it is not installed

from gradedclaims import project  # noqa: E402


def copy_fixture(name: str, dest: Path) -> Path:
    """A private copy of tests/fixtures/<name>, with the site assets copied in.

    The fixtures are small copies of this site, so they get its wording rules and policy (the
    site's own schema files; a site without them gets the library's defaults)."""
    target = dest / name
    shutil.copytree(FIXTURES / name, target)
    (target / "schema").mkdir(exist_ok=True)
    for name_ in SITE_SETTINGS:
        shutil.copy(ROOT / "schema" / name_, target / "schema" / name_)
    if (target / "mkdocs.yml").exists():
        shutil.copytree(ROOT / "docs" / "assets", target / "docs" / "assets")
    return target


def check(root: Path, **kwargs):
    return project.check(project.load(root), **kwargs)


def codes(problems) -> list[tuple[str, int, str]]:
    return [(p.path, p.line, p.code) for p in problems]


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPTS / "check_claims.py"), *args],
                          cwd=cwd, capture_output=True, text=True, timeout=120)


def mkdocs_build(root: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *extra],
                          cwd=root, capture_output=True, text=True, timeout=600,
                          env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": BUILD_EPOCH,
                               **(env or {})})


@pytest.fixture
def good(tmp_path) -> Path:
    return copy_fixture("good", tmp_path)
