"""`mkdocs serve` after a save with errors: every request is answered promptly with the last
good site and a notice naming the errors; the next good save recovers. Served on 127.0.0.1 at a
free port, every wait bounded."""

from __future__ import annotations

import pytest

from conftest import copy_fixture
from live import NOTICE, WAIT, Served


@pytest.fixture
def served(tmp_path):
    root = copy_fixture("good", tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text() + "watch: [claims, references.bib]\n")
    server = Served(root)
    try:
        yield root, server
    finally:
        server.close()


def test_errors_keep_the_last_good_site_with_a_notice_then_recover(served):
    root, server = served
    good_page = server.wait_for(lambda body: "oxy-cite" in body)
    assert NOTICE not in good_page

    claims = root / "claims/basics.yml"
    page = root / "docs/index.md"
    claims_text, page_text = claims.read_text(), page.read_text()
    claims.write_text(claims_text.replace("certainty: high", "certainty: hihg", 1))
    page.write_text(page_text + "\nPlanted. <script>alert('planted')</script>\n")
    (root / "docs/new.md").write_text("# New\n\n<img src=x onerror=alert(1)>\n")

    broken = server.wait_for(lambda body: NOTICE in body)
    assert "claims/basics.yml:10:18" in broken and "(invalid-value)" in broken
    assert "docs/index.md:15:10" in broken and "(html-script)" in broken
    assert "alert(&#39;planted&#39;)" not in broken and "alert('planted')" not in broken
    assert "oxy-cite" in broken  # the last good page, citations rendered
    new_page = server.get("new/")
    assert NOTICE in new_page and "onerror" not in new_page.split(NOTICE)[1].split("</ul>", 1)[1]
    claim_page = server.get("claims/oxt-nonapeptide/")
    assert NOTICE in claim_page and "Oxytocin is a peptide hormone made of nine amino acids." in claim_page
    register = server.get("register/")
    assert NOTICE in register and 'id="in-oxt-trust-trial"' in register
    log = server.log.read_text()
    assert "claims/basics.yml:10:18:" in log and "serving the last version without errors" in log
    assert "Traceback" not in log

    claims.write_text(claims_text)
    page.write_text(page_text)
    (root / "docs/new.md").unlink()
    recovered = server.wait_for(lambda body: NOTICE not in body)
    assert "oxy-cite" in recovered


def test_first_build_with_errors_stops_serve_with_the_list(tmp_path):
    root = copy_fixture("good", tmp_path)
    claims = root / "claims/basics.yml"
    claims.write_text(claims.read_text().replace("certainty: high", "certainty: hihg", 1))
    server = Served(root)
    try:
        server.process.wait(timeout=WAIT)
    finally:
        server.close()
    log = server.log.read_text()
    assert server.process.returncode != 0
    assert "claims/basics.yml:10:18:" in log and "the claims register has 1 error(s)" in log
