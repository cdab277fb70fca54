"""`make refresh-refs` offline: the real clients, transport and script, against a local HTTP
server that answers with the response fixtures in tests/fixtures/refresh/ (hand-written in the
services' documented formats; see the README there)."""

from __future__ import annotations

import difflib
import json
import os
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import FIXTURES, SCRIPTS

RESPONSES = FIXTURES / "refresh"
SMITH, LEE = "10.1000/jt.2020.001", "10.1000/et.2019.4"
CONTACT = "tests@example.org"


class Services:
    """Crossref under /crossref, E-utilities under /eutils, each route answered from a fixture file;
    every request is recorded (path, query, User-Agent)."""

    def __init__(self, routes: dict[tuple[str, str], str], failures: int = 0):
        self.routes = routes
        self.requests: list[tuple[str, dict, str]] = []
        self.failures = failures  # answer this many requests with 503 first
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                parts = urlsplit(self.path)
                query = parse_qs(parts.query)
                outer.requests.append((parts.path, query, self.headers.get("User-Agent", "")))
                if outer.failures:
                    outer.failures -= 1
                    self.send_response(503)
                    self.send_header("Retry-After", "0")
                    self.end_headers()
                    return
                name = outer.routes.get((parts.path, query.get("filter", [""])[0]))
                if name is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                body = (RESPONSES / name).read_bytes()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def routes(*, crossref_retraction=False, pubmed_retracted=False, lee_unknown=False) -> dict:
    table = {
        ("/crossref/works/10.1000%2Fjt.2020.001", ""): "crossref-work-smith2020trial.json",
        ("/crossref/works", f"updates:{SMITH}"): ("crossref-updates-smith2020trial-retraction.json"
                                                 if crossref_retraction else "crossref-updates-none.json"),
        ("/crossref/works/10.1000%2Fet.2019.4", ""): "crossref-work-lee2019rats-differs.json",
        ("/crossref/works", f"updates:{LEE}"): "crossref-updates-none.json",
        ("/eutils/esummary.fcgi", ""): ("pubmed-esummary-retracted.json" if pubmed_retracted
                                        else "pubmed-esummary-not-retracted.json"),
    }
    if lee_unknown:  # Crossref answers 404 for a DOI it does not hold
        del table[("/crossref/works/10.1000%2Fet.2019.4", "")]
    return table


@pytest.fixture
def services():
    made = []

    def start(**kwargs):
        failures = kwargs.pop("failures", 0)
        server = Services(routes(**kwargs), failures)
        made.append(server)
        return server

    yield start
    for server in made:
        server.close()


def settings_file(tmp_path: Path, **changes) -> Path:
    values = {"mailto": CONTACT, "tool": "gradedclaims-tests", "crossref_url": "http://unused.invalid",
              "pubmed_url": "http://unused.invalid", "requests_per_second": 1000, "timeout_seconds": 5,
              "retries": 2, "backoff_seconds": 0.01, "cache_dir": ".cache/refresh", "cache_days": 6,
              "pubmed_batch": 200, **changes}
    path = tmp_path / "refresh.yml"
    path.write_text(json.dumps(values))  # JSON is YAML
    return path


def run(root: Path, server_url: str, tmp_path: Path, *extra: str, env: dict | None = None,
        **settings) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPTS / "refresh_refs.py"), "--root", str(root), "--quiet",
         "--settings", str(settings_file(tmp_path, **settings)),
         "--crossref-url", server_url + "/crossref", "--pubmed-url", server_url + "/eutils", *extra],
        capture_output=True, text=True, timeout=120, env={**os.environ, **(env or {})})


def report(root: Path) -> str:
    return (root / ".cache/refresh/report.md").read_text("utf-8")


def test_retraction_found_through_crossref_update_to(good, services, tmp_path):
    server = services(crossref_retraction=True)
    result = run(good, server.url, tmp_path)
    assert result.returncode == 0, result.stderr
    text = report(good)
    assert ("| smith2020trial | none | **Retracted** (Retraction, 2022-03-01) | <https://doi.org/10.1000/jt.2022.900> "
            "| Crossref |") in text
    assert "Run `make refresh-refs ARGS=--write` to record them." in text
    # polite: the contact address in Crossref's mailto, NCBI's email and tool, and the User-Agent
    for path, query, agent in server.requests:
        assert agent == f"gradedclaims-tests/1.0 (mailto:{CONTACT})"
        if path.startswith("/crossref"):
            assert query["mailto"] == [CONTACT]
        else:
            assert (query["email"], query["tool"], query["retmode"]) == ([CONTACT], ["gradedclaims-tests"], ["json"])
    # two DOIs, each looked up and searched for notices; one esummary for the one PMID
    assert sorted(p for p, _, _ in server.requests) == sorted(
        ["/crossref/works/10.1000%2Fjt.2020.001", "/crossref/works", "/crossref/works/10.1000%2Fet.2019.4",
         "/crossref/works", "/eutils/esummary.fcgi"])
    assert "status" not in (good / "references.bib").read_text().split("smith2020trial")[1].split("@")[0]


def test_retraction_found_through_pubmed_publication_type(good, services, tmp_path):
    server = services(pubmed_retracted=True)
    result = run(good, server.url, tmp_path)
    assert result.returncode == 0, result.stderr
    assert ("| smith2020trial | none | **Retracted** (Retraction in) | <https://pubmed.ncbi.nlm.nih.gov/35000001/> "
            "| PubMed |") in report(good)


def test_correction_via_updated_by_and_title_and_year_mismatch_reported(good, services, tmp_path):
    server = services()
    result = run(good, server.url, tmp_path)
    assert result.returncode == 0, result.stderr
    text = report(good)
    assert "| lee2019rats | none | **Corrected** (Correction, 2019-05-06) | <https://doi.org/10.1000/et.2019.77> " in text
    assert ("| lee2019rats | Crossref | title | Estradiol and oxytocin receptor binding in ovariectomised rats | "
            "Oestradiol and oxytocin receptor binding in the ovariectomised rat brain |") in text
    assert "| lee2019rats | Crossref | year | 2019 | 2018 |" in text
    # PubMed's shortened '100-10' is 100-110, and a trailing period or case is no difference
    assert "smith2020trial | PubMed" not in text and "smith2020trial | Crossref" not in text
    assert "1 entries have no DOI or PMID and were not looked up: hall2021guyton." in text


def test_offline_fails_cleanly_and_writes_nothing(good, tmp_path):
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}"
    before = (good / "references.bib").read_bytes()
    result = run(good, closed, tmp_path, "--write")
    assert result.returncode == 1
    assert result.stderr.startswith(f"refresh-refs: cannot reach 127.0.0.1:{closed.rsplit(':', 1)[1]} (")
    assert "Are you offline? Nothing was written" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert (good / "references.bib").read_bytes() == before
    assert not (good / ".cache/refresh/report.md").exists()


def test_second_run_is_served_from_the_cache(good, services, tmp_path):
    server = services(crossref_retraction=True)
    assert run(good, server.url, tmp_path).returncode == 0
    first = report(good)
    asked = len(server.requests)
    assert asked == 5
    result = run(good, server.url, tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(server.requests) == asked  # nothing asked again
    assert report(good) == first
    assert len(list((good / ".cache/refresh").glob("*.json"))) == 5
    assert run(good, server.url, tmp_path, "--no-cache").returncode == 0
    assert len(server.requests) == 2 * asked


def test_retries_after_service_unavailable(good, services, tmp_path):
    server = services(crossref_retraction=True, failures=2)
    result = run(good, server.url, tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(server.requests) == 5 + 2
    assert "**Retracted**" in report(good)


def test_write_changes_only_the_status_fields(good, services, tmp_path):
    import datetime as dt

    server = services(crossref_retraction=True)
    before = (good / "references.bib").read_text()
    result = run(good, server.url, tmp_path, "--write")
    assert result.returncode == 0, result.stderr
    after = (good / "references.bib").read_text()
    changed = [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"]
    today = dt.date.today().isoformat()
    assert changed == ["+   status       = {retracted},", "+   status_notice = {10.1000/jt.2022.900},",
                       f"+   status_checked = {{{today}}},",
                       "+   status       = {corrected},", "+   status_notice = {10.1000/et.2019.77},",
                       f"+   status_checked = {{{today}}},"]
    assert "These were written to references.bib" in report(good)
    # the validator now refuses the claim resting only on the retracted trial, with its location
    check = subprocess.run([sys.executable, str(SCRIPTS / "check_claims.py"), "--root", str(good)],
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 1
    assert "claims/basics.yml:31:7: [error] claim 'in-oxt-trust-trial' rests only on retracted" in check.stdout
    # a second --write finds the statuses recorded and changes nothing
    assert run(good, server.url, tmp_path, "--write").returncode == 0
    assert (good / "references.bib").read_text() == after
    assert "Recorded statuses still shown by the services: lee2019rats (Corrected), smith2020trial (Retracted)." \
        in report(good)


def test_step_outputs_for_the_scheduled_workflow(good, services, tmp_path):
    server = services()
    outputs = tmp_path / "github-output"
    assert run(good, server.url, tmp_path, env={"GITHUB_OUTPUT": str(outputs)}).returncode == 0
    assert outputs.read_text() == "changes=1\nfindings=2\n"  # lee's correction; its title and year differ


def test_report_cells_cannot_break_the_table():
    from gradedclaims.refresh.compare import Difference
    from gradedclaims.refresh.report import markdown
    from gradedclaims.refresh.run import Outcome

    hostile = Outcome(dois=1, differences=[Difference("k", "Crossref", "title", "A | B", "[x](javascript:y) *z*\nrow")])
    row = [line for line in markdown(hostile, "2026-12-02", written=False).splitlines() if line.startswith("| k |")]
    assert row == ["| k | Crossref | title | A \\| B | \\[x\\](javascript:y) \\*z\\* row |"]


def test_unknown_doi_is_listed_not_fatal(good, services, tmp_path):
    server = services(lee_unknown=True)
    result = run(good, server.url, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "- Crossref has no record of 10.1000/et.2019.4 (<https://doi.org/10.1000/et.2019.4>)" in report(good)
    # a DOI Crossref does not hold is not searched for notices
    assert ("/crossref/works", {"filter": [f"updates:{LEE}"]}) not in [(p, {k: v for k, v in q.items() if k == "filter"})
                                                                     for p, q, _ in server.requests]
