"""MkDocs and ProperDocs build the same site; the comparison ignores only the generator tag."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

from conftest import SCRIPTS, copy_fixture
from gradedclaims.sitediff import compare

PAGE = '<html><head>\n<meta name="generator" content="{engine}">\n</head>\n<body>\n<p>{body}</p>\n</body></html>\n'


def tree(root: Path, engine: str, body: str = "same", files: dict[str, bytes] | None = None) -> Path:
    (root / "page").mkdir(parents=True)
    (root / "page" / "index.html").write_text(PAGE.format(engine=engine, body=body), "utf-8")
    for rel, data in (files or {}).items():
        (root / rel).write_bytes(data)
    return root


def test_builds_differing_only_in_generator_and_gzip_timestamp_agree(tmp_path):
    sitemap = b"<urlset><url><loc>https://example.org/</loc></url></urlset>\n"
    a = tree(tmp_path / "a", "mkdocs-1.6.1, mkdocs-material-9.8.1", files={"sitemap.xml.gz": gzip.compress(sitemap, mtime=1)})
    b = tree(tmp_path / "b", "mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1",
             files={"sitemap.xml.gz": gzip.compress(sitemap, mtime=2)})
    assert (a / "sitemap.xml.gz").read_bytes() != (b / "sitemap.xml.gz").read_bytes()
    assert compare(a, b) == ([], 2)


def test_a_changed_line_and_a_missing_file_are_reported_with_their_place(tmp_path):
    a = tree(tmp_path / "a", "mkdocs", body="Oxytocin may increase trust.", files={"only-a.txt": b"x"})
    b = tree(tmp_path / "b", "properdocs", body="Oxytocin may increase trusts.")
    differences, files = compare(a, b, names=("mkdocs", "properdocs"))
    assert files == 2
    assert [str(d) for d in differences] == [
        "only-a.txt: only in the mkdocs build",
        "page/index.html:5: mkdocs '<p>Oxytocin may increase trust.</p>' but properdocs "
        "'<p>Oxytocin may increase trusts.</p>'",
    ]


def test_the_fixture_site_builds_the_same_with_both_engines(tmp_path):
    root = copy_fixture("good", tmp_path)
    result = subprocess.run([sys.executable, str(SCRIPTS / "engines.py"), "--root", str(root)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "mkdocs 1.6.1: built" in result.stdout and "properdocs 1.6." in result.stdout
    assert "the two builds agree" in result.stdout
    generators = {engine: (root / ".cache/engines" / engine / "index.html").read_text("utf-8") for engine in ("mkdocs", "properdocs")}
    assert 'content="mkdocs-1.6.1' in generators["mkdocs"] and "ProperDocs" in generators["properdocs"]
