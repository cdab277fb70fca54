"""The Lighthouse summary: scores out of 100, the median run kept whole, failed audits named."""

from __future__ import annotations

import lighthouse


def report(performance: float, lcp: float, failing: str | None = None) -> dict:
    audits = {audit: {"numericValue": 1.0, "score": 1} for audit in lighthouse.METRICS}
    audits["largest-contentful-paint"]["numericValue"] = lcp
    categories = {cat: {"score": 1.0, "auditRefs": []} for cat in lighthouse.CATEGORIES}
    categories["performance"]["score"] = performance
    for cat, audit in (("accessibility", "color-contrast"), ("seo", "document-title")):
        audits[audit] = {"score": 0 if audit == failing else 1, "numericValue": None}
        categories[cat]["auditRefs"].append({"id": audit, "weight": 3})
    if failing:
        categories["accessibility"]["score"] = 0.91
    return {"categories": categories, "audits": audits}


def test_median_run_keeps_the_metrics_of_the_run_it_picks():
    runs = [lighthouse.summarise(report(p, lcp)) for p, lcp in ((0.70, 4000), (0.914, 2500), (0.86, 3100))]
    row = lighthouse.median_run(runs)
    assert row["scores"] == {"performance": 86, "accessibility": 100, "best-practices": 100, "seo": 100}
    assert row["metrics"]["largest-contentful-paint"] == 3100
    assert row["performance runs"] == [70, 91, 86]


def test_table_names_failed_audits_and_sizes():
    row = lighthouse.median_run([lighthouse.summarise(report(0.5, 5200, failing="color-contrast"))])
    result = {"date": "2026-12-02 03:00 UTC", "machine": "test", "lighthouse": "12.8.2", "chrome": "/usr/bin/chromium",
              "runs": 1, "pages": {"/register/": row}, "sizes KB": {"search index": 531.9}}
    table = lighthouse.to_markdown(result)
    assert "| `/register/` | 50 | 91 | 100 | 100 | 50 | 0.0 | 5.2 |" in table
    assert "`/register/` color-contrast." in table
    assert "| search index | 532 |" in table


def test_gzip_server_compresses_text_as_a_static_host_does(tmp_path):
    import functools
    import gzip
    import threading
    import urllib.request
    from http.server import ThreadingHTTPServer

    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text("<p>hello</p>" * 100, encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(lighthouse._Gzip, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/page/"
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})) as r:
            assert r.headers["Content-Encoding"] == "gzip" and r.headers["Content-Type"] == "text/html"
            assert gzip.decompress(r.read()).decode() == "<p>hello</p>" * 100
        with urllib.request.urlopen(url) as r:  # a client that does not accept gzip gets the file as is
            assert r.headers["Content-Encoding"] is None and r.read().decode() == "<p>hello</p>" * 100
    finally:
        server.shutdown()
        server.server_close()


def test_rewriting_the_results_keeps_the_history_section(tmp_path):
    md = tmp_path / "lighthouse.md"
    md.write_text("# Lighthouse results\n\nold table\n\n## History\n\nbefore: 55\n", encoding="utf-8")
    lighthouse.write_markdown(md, "# Lighthouse results\n\nnew table\n")
    assert md.read_text(encoding="utf-8") == "# Lighthouse results\n\nnew table\n\n## History\n\nbefore: 55\n"
