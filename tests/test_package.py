"""The library as a package: site settings come from the site root, with packaged defaults, and
nothing but the plugin module imports MkDocs."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, check, codes, copy_fixture

from gradedclaims import policy, sitefiles


def test_a_site_setting_comes_from_the_site_root_else_the_packaged_default(tmp_path):
    assert sitefiles.path("policy.yml", tmp_path) == sitefiles.DEFAULTS / "policy.yml"
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "policy.yml").write_text(
        "review_months: 6\nnotices:\n  not-medical-advice: {title: T, text: X}\n")
    assert sitefiles.path("policy.yml", tmp_path) == tmp_path / "schema" / "policy.yml"
    assert policy.load(sitefiles.path("policy.yml", tmp_path)).review_months == 6
    assert policy.load(sitefiles.path("policy.yml", ROOT)).review_topics == {"therapies": 12}


def test_checks_read_the_wording_of_the_site_being_loaded(tmp_path):
    plain, strict = copy_fixture("good", tmp_path / "plain"), copy_fixture("good", tmp_path / "strict")
    for site in (plain, strict):
        claims = site / "claims" / "basics.yml"
        claims.write_text(claims.read_text().replace("statement: ", "statement: Zorblax aside, ", 1))
    rules = strict / "schema" / "wording.yml"
    rules.write_text(rules.read_text().replace("marketing: [", "marketing: [zorblax, "))
    assert [c for _, _, c in codes(check(strict)) if c == "wording-marketing"] == ["wording-marketing"]
    assert "wording-marketing" not in [c for _, _, c in codes(check(plain))]


def test_the_library_does_not_import_mkdocs():
    program = ("import pkgutil, sys, gradedclaims\n"
               "for m in pkgutil.walk_packages(gradedclaims.__path__, 'gradedclaims.'):\n"
               "    if m.name not in ('gradedclaims.plugin', 'gradedclaims.__main__'): __import__(m.name)\n"
               "print(sorted(n for n in sys.modules if n.split('.')[0] == 'mkdocs'))")
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120,
                         cwd=ROOT, env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_a_map_value_the_site_does_not_list_is_a_located_error(tmp_path):
    listed, unlisted = copy_fixture("good", tmp_path / "listed"), copy_fixture("good", tmp_path / "unlisted")
    for site in (listed, unlisted):
        claims = site / "claims" / "basics.yml"
        claims.write_text(claims.read_text().replace("map: {hormone: oxytocin, outcome: release}",
                                                     "map: {hormone: caffeine, outcome: release}"))
    line = next(i for i, l in enumerate((unlisted / "claims/basics.yml").read_text().splitlines(), 1)
                if "hormone: caffeine" in l)
    found = [(p.path, p.line, p.column, p.code) for p in check(unlisted) if p.code == "unknown-map-value"]
    assert found == [("claims/basics.yml", line, 20, "unknown-map-value")]
    axes = listed / "schema" / "evidence-map.yml"
    axes.write_text(axes.read_text().replace("    oxytocin: Oxytocin itself\n", "    oxytocin: Oxytocin itself\n    caffeine: Caffeine\n"))
    assert "unknown-map-value" not in [p.code for p in check(listed)]
