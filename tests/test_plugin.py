"""The MkDocs plugin `claims`: its options move the register, the bibliography and the site's
settings; a named settings file that does not exist is a configuration error naming it."""

from __future__ import annotations

import shutil

from conftest import copy_fixture, mkdocs_build


def configure(root, options: str) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text()
    assert "plugins: [search, claims]" in text
    config.write_text(text.replace("plugins: [search, claims]", "plugins:\n  - search\n  - claims:\n" + options))


def test_options_move_the_register_bibliography_and_settings(tmp_path):
    root = copy_fixture("good", tmp_path)
    shutil.move(root / "claims", root / "evidence")
    shutil.move(root / "references.bib", root / "sources.bib")
    shutil.move(root / "schema", root / "settings")
    configure(root, "      register: evidence\n      bibliography: sources.bib\n      settings_dir: settings\n")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    claim = (root / "site/claims/oxt-nonapeptide/index.html").read_text("utf-8")
    assert "⊕⊕⊕⊕" in claim
    assert "Smith JA, Doe J." in (root / "site/references/index.html").read_text("utf-8")


def test_the_default_layout_fails_when_the_register_is_elsewhere(tmp_path):
    root = copy_fixture("good", tmp_path)
    shutil.move(root / "claims", root / "evidence")
    result = mkdocs_build(root)
    assert result.returncode != 0
    assert "unknown-claim" in result.stderr


def test_a_named_settings_file_must_exist(tmp_path):
    root = copy_fixture("good", tmp_path)
    configure(root, "      wording: rules/wording.yml\n")
    result = mkdocs_build(root)
    assert result.returncode != 0
    assert "wording" in result.stderr and "rules/wording.yml" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_named_policy_file_is_used(tmp_path):
    root = copy_fixture("good", tmp_path)
    policy = root / "schema" / "policy.yml"
    (root / "elsewhere.yml").write_text(policy.read_text().replace("Not medical advice", "Nothing here is advice"))
    policy.unlink()
    configure(root, "      policy: elsewhere.yml\n")
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    assert "Nothing here is advice" in (root / "site/index.html").read_text("utf-8")
