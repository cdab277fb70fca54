#!/usr/bin/env python3
"""Reader-side scores of the built site: Lighthouse (mobile profile) on four kinds of page.

The site is served on 127.0.0.1 at an ephemeral port and Lighthouse (the npm package pinned in
bench/package.json) drives Debian's Chromium headless, offline. Each page is measured --runs
times; the table gives the median run by performance score. By default files are served
uncompressed (byte weights are then uncompressed: compare runs with each other, not with the web);
--gzip compresses text files as a static host does.
Writes bench/lighthouse.md and bench/lighthouse.json; full reports go to bench/work/lighthouse/.

Usage: python scripts/lighthouse.py [SITE] [--runs 3] [--gzip] [--pages /estradiol/,/register/,...]
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import json
import os
import platform
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
CATEGORIES = {"performance": "perf", "accessibility": "a11y", "best-practices": "best practices", "seo": "SEO"}
METRICS = {  # audit id -> (column, unit divisor, format)
    "first-contentful-paint": ("FCP s", 1000, "{:.1f}"),
    "largest-contentful-paint": ("LCP s", 1000, "{:.1f}"),
    "total-blocking-time": ("TBT ms", 1, "{:.0f}"),
    "cumulative-layout-shift": ("CLS", 1, "{:.3f}"),
    "speed-index": ("SI s", 1000, "{:.1f}"),
    "total-byte-weight": ("bytes KB", 1000, "{:.0f}"),
    "dom-size": ("DOM nodes", 1, "{:.0f}"),
}
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"}
HISTORY = "\n## History\n"  # this heading and what follows it are kept when the file is rewritten
SIZES = {  # built files whose weight the issue tracks
    "search index (search/search_index.json)": "search/search_index.json",
    "content page (estradiol/index.html)": "estradiol/index.html",
    "register (register/index.html)": "register/index.html",
    "bibliography (references/index.html)": "references/index.html",
}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Gzip(_Quiet):
    """Text files gzip-compressed when the browser accepts it, as static hosts (GitHub Pages,
    Netlify, nginx with gzip on) serve them."""

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in COMPRESSED or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def default_pages(site: Path) -> list[str]:
    """A content page, the register, the first claim page and the bibliography."""
    claim = min(p.parent.name for p in (site / "claims").glob("*/index.html"))
    return ["/estradiol/", "/register/", f"/claims/{claim}/", "/references/"]


def run_lighthouse(url: str, report: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    argv = [str(LIGHTHOUSE), url, "--quiet", "--form-factor=mobile", "--output=json",
            f"--output-path={report}", f"--chrome-flags={CHROME_FLAGS}",
            f"--only-categories={','.join(CATEGORIES)}"]
    result = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise SystemExit(f"error: lighthouse failed on {url} (exit {result.returncode}):\n{result.stderr[-2000:]}")
    return json.loads(report.read_text(encoding="utf-8"))


def summarise(report: dict) -> dict:
    """Category scores (0-100) and the main metrics of one Lighthouse report."""
    return {
        "scores": {cat: round(report["categories"][cat]["score"] * 100) for cat in CATEGORIES},
        "metrics": {audit: report["audits"][audit]["numericValue"] for audit in METRICS},
        "failed audits": sorted(
            audit_id for cat in CATEGORIES if cat != "performance"
            for ref in report["categories"][cat]["auditRefs"]
            if ref["weight"] and (audit_id := ref["id"]) and report["audits"][audit_id]["score"] not in (None, 1)),
    }


def median_run(runs: list[dict]) -> dict:
    """The run with the median performance score (a real run, so its metrics belong together)."""
    ordered = sorted(runs, key=lambda r: r["scores"]["performance"])
    return {**ordered[len(ordered) // 2], "performance runs": [r["scores"]["performance"] for r in runs]}


def to_markdown(result: dict) -> str:
    head = ["page", *CATEGORIES.values(), "perf runs", *(m[0] for m in METRICS.values())]
    lines = [
        "# Lighthouse results", "",
        f"Run on {result['date']} ({result['machine']}); Lighthouse {result['lighthouse']}, mobile profile "
        f"(simulated throttling), Chromium at {result['chrome']}, served {result.get('served', 'uncompressed')} "
        "by Python's http.server. "
        f"Median of {result['runs']} run(s) per page by performance score. The simulated throttling scales "
        "the CPU time it observes, so a busy machine lowers the performance score and raises TBT: compare runs "
        "made at a similar load. Regenerate: `make lighthouse`.", "",
        "| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1),
    ]
    for page, row in result["pages"].items():
        metrics = [fmt.format(row["metrics"][audit] / div) for audit, (_, div, fmt) in METRICS.items()]
        cells = [f"`{page}`", *(str(row["scores"][c]) for c in CATEGORIES),
                 "/".join(map(str, row["performance runs"])), *metrics]
        lines.append("| " + " | ".join(cells) + " |")
    failed = {page: row["failed audits"] for page, row in result["pages"].items() if row["failed audits"]}
    if failed:
        lines += ["", "Audits below full marks outside performance: " +
                  "; ".join(f"`{page}` {', '.join(audits)}" for page, audits in failed.items()) + "."]
    lines += ["", "## Built file sizes", "", "| file | KB |", "|---|---:|"]
    lines += [f"| {name} | {kb:.0f} |" for name, kb in result["sizes KB"].items()]
    return "\n".join(lines) + "\n"


def write_markdown(path: Path, table: str) -> None:
    """Replace the results, keeping the file's History section (before/after records)."""
    kept = path.read_text(encoding="utf-8") if path.exists() else ""
    path.write_text(table + (kept[kept.index(HISTORY):] if HISTORY in kept else ""), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="lighthouse", description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default="site", help="the built site directory (default: site)")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median kept)")
    parser.add_argument("--pages", help="comma-separated URL paths (default: a content page, the "
                                        "register, the first claim page, the bibliography)")
    parser.add_argument("--gzip", action="store_true", help="serve text files gzip-compressed, as a static "
                                                             "host does (default: uncompressed)")
    parser.add_argument("--out", default=str(ROOT / "bench" / "lighthouse"), help="output path without suffix")
    args = parser.parse_args(argv)
    site = Path(args.site).resolve()
    if not (site / "index.html").is_file():
        parser.error(f"{site} has no index.html; build the site first (make build)")
    if not LIGHTHOUSE.exists():
        parser.error(f"{LIGHTHOUSE} is missing; install it with `npm ci --prefix bench` (make lighthouse does)")
    pages = args.pages.split(",") if args.pages else default_pages(site)
    reports = ROOT / "bench" / "work" / "lighthouse"
    reports.mkdir(parents=True, exist_ok=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Gzip if args.gzip else _Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    rows, version, load = {}, "", [os.getloadavg()[0]]
    try:
        for page in pages:
            runs = []
            for n in range(args.runs):
                report = run_lighthouse(base + page, reports / f"{page.strip('/').replace('/', '_') or 'home'}-{n}.json")
                version = report["lighthouseVersion"]
                runs.append(summarise(report))
                print(f"{page} run {n + 1}: {runs[-1]['scores']}", file=sys.stderr)
            rows[page] = median_run(runs)
    finally:
        load.append(os.getloadavg()[0])
        server.shutdown()
        server.server_close()
    result = {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, load average "
                   f"{load[0]:.1f} at the start and {load[1]:.1f} at the end",
        "lighthouse": version, "chrome": os.environ.get("CHROME_PATH", "/usr/bin/chromium"),
        "runs": args.runs, "pages": rows, "served": "gzip-compressed" if args.gzip else "uncompressed",
        "sizes KB": {name: (site / rel).stat().st_size / 1000 for name, rel in SIZES.items() if (site / rel).exists()},
    }
    out = Path(args.out)
    out.with_suffix(".json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    write_markdown(out.with_suffix(".md"), to_markdown(result))
    print(to_markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
