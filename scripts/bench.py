#!/usr/bin/env python3
"""Benchmarks: validation and site build at several sizes, side by side, in one run.

Validation: full validation (load + every check) of 1k, 10k and 100k claims, against the bare
load of the same files (PyYAML's C loader + pybtex parse), in alternating runs.

Build, for each size (pages / claims / references, about 20 markers per page):
  (a) plain Material build of the same pages, markers left as text (the floor);
  (b) this project's build: citations, claim pages, register and bibliography;
  (c) the same citations through mkdocs-bibtex in its non-pandoc mode.
Each measurement runs in a fresh process; the table reports medians of wall time and peak
memory, built-site size, search-index size and one content page's HTML weight.

Usage: python scripts/bench.py [--sizes small,medium,large] [--runs 3] [--large-runs 1]
                               [--validate 1000,10000,100000] [--out bench/results.md]
                               [--work bench/work]

--work /dev/shm/oxybench builds in memory: on a virtual machine whose disk is slow to take many
small files, that measures the build's own work rather than the disk's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from gradedclaims.synthetic import Size, generate  # noqa: E402

SIZES = {
    "small": Size(claims=500, refs=200, pages=50),
    "medium": Size(claims=2000, refs=1000, pages=200),
    "large": Size(claims=10000, refs=5000, pages=1000),
}
WORK = ROOT / "bench" / "work"


# --- measuring one thing in a fresh process -------------------------------------------------

def measure(argv: list[str]) -> dict:
    """Run this script in --child mode; it reports seconds and its own peak memory."""
    out = subprocess.run([sys.executable, str(Path(__file__)), "--child", *argv], capture_output=True, text=True,
                         env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    if out.returncode != 0:
        raise RuntimeError(f"benchmark step failed: {' '.join(argv)}\n{out.stdout}\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def child(argv: list[str]) -> None:
    kind, target = argv[0], Path(argv[1])
    if kind in ("bare", "full"):
        import glob

        if kind == "bare":
            import pybtex.database
            import yaml

            start = time.perf_counter()
            for path in sorted(glob.glob(str(target / "claims" / "*.yml"))):
                with open(path, encoding="utf-8") as fh:
                    yaml.load(fh.read(), Loader=yaml.CSafeLoader)
            pybtex.database.parse_file(str(target / "references.bib"))
        else:
            from gradedclaims import project

            start = time.perf_counter()
            problems = project.check(project.load(target))
            errors = [p for p in problems if p.level == "error"]
            if errors:
                raise SystemExit(f"synthetic register has errors: {errors[:3]}")
        seconds = time.perf_counter() - start
    elif kind == "wording":  # the certainty-aware wording check alone, vocabulary compiled included
        from gradedclaims import language, project

        loaded = project.load(target)
        start = time.perf_counter()
        list(language.check(loaded.claims, loaded.pages))
        seconds = time.perf_counter() - start
    elif kind == "rerun":  # what `mkdocs serve` does after an edit: validate again in the same process
        from gradedclaims import project

        project.check(project.load(target))
        path = sorted((target / "claims").glob("*.yml"))[0]
        original = path.read_text("utf-8")
        try:
            path.write_text(original.replace("reviewed: ", "reviewed:  ", 1), "utf-8")
            start = time.perf_counter()
            project.check(project.load(target))
            seconds = time.perf_counter() - start
        finally:
            path.write_text(original, "utf-8")
    elif kind == "rebuild":  # what `mkdocs serve` does after an edit: build again in the same process
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        def once() -> float:
            config = load_config(str(target))
            config.plugins.on_startup(command="build", dirty=False)
            begin = time.perf_counter()
            build(config)
            return time.perf_counter() - begin

        once()
        path = sorted((target.parent / "claims").glob("*.yml"))[0]
        original = path.read_text("utf-8")
        try:
            path.write_text(original.replace("reviewed: ", "reviewed:  ", 1), "utf-8")
            seconds = once()
        finally:
            path.write_text(original, "utf-8")
    else:  # a build: mkdocs in this process, so the peak memory is the build's own
        from mkdocs.__main__ import cli

        start = time.perf_counter()
        try:
            cli.main(["build", "-q", "-f", str(target)], standalone_mode=False)
        except SystemExit as exc:
            if exc.code:
                raise
        seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak_mb": _peak_mb()}))


def _peak_mb() -> float:
    """This process's peak resident memory. VmHWM starts afresh at exec; ru_maxrss does not
    (on Linux it keeps the forking parent's high-water mark), so it is read first."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- synthetic sites -------------------------------------------------------------------------

PLAIN = """site_name: Synthetic {name}
docs_dir: {docs}
site_dir: {site}
theme:
  name: material
  features: [navigation.instant]
plugins: [search]
markdown_extensions: [attr_list, md_in_html, tables, toc{extra_ext}]
{extra}"""


def build_site(work: Path, name: str, size: Size) -> Path:
    """Generate the synthetic project and the three mkdocs configurations (cached by size)."""
    base = work / f"site-{name}"
    stamp = base / "size.json"
    wanted = json.dumps(size.__dict__)
    if stamp.exists() and stamp.read_text() == wanted:
        return base
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    info = generate(base, size)
    shutil.copytree(ROOT / "docs" / "assets", base / "docs" / "assets")
    refs_of = {cid: refs for cid, _, refs in info["claims"]}
    # (c) mkdocs-bibtex: the same pages with each marker as a pandoc-style citation
    marker = re.compile(r"\[claim:([a-z0-9,-]+)\]")
    for page in (base / "docs").rglob("*.md"):
        out = base / "docs-bibtex" / page.relative_to(base / "docs")
        out.parent.mkdir(parents=True, exist_ok=True)
        text = marker.sub(lambda m: "[" + "; ".join("@" + r for cid in m.group(1).split(",") for r in refs_of[cid]) + "]",
                          page.read_text("utf-8"))
        out.write_text(text, encoding="utf-8")
    (base / "mkdocs-plain.yml").write_text(PLAIN.format(name=name, docs="docs", site="site-plain", extra_ext="", extra=""))
    (base / "mkdocs-ours.yml").write_text(PLAIN.format(
        name=name, docs="docs", site="site-ours", extra_ext="",
        extra="plugins: [search, claims]\nextra_css: [assets/oxy.css]\nextra_javascript: [assets/oxy.js]\n"
              "not_in_nav: |\n  /claims/_shell.md\n").replace("plugins: [search]\n", ""))
    (base / "mkdocs-bibtex.yml").write_text(PLAIN.format(
        name=name, docs="docs-bibtex", site="site-bibtex", extra_ext=", footnotes",
        extra="plugins:\n  - search\n  - bibtex:\n      bib_file: references.bib\n").replace("plugins: [search]\n", ""))
    stamp.write_text(wanted)
    return base


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# --- the benchmark ---------------------------------------------------------------------------

def bench_validation(work: Path, counts: list[int], runs: int) -> list[dict]:
    rows = []
    for n in counts:
        target = work / f"validate-{n}"
        size = Size(n, max(1, n // 2), max(1, n // 10))
        stamp = target / "size.json"
        if not (stamp.exists() and stamp.read_text() == json.dumps(size.__dict__)):
            shutil.rmtree(target, ignore_errors=True)
            generate(target, size)
            stamp.write_text(json.dumps(size.__dict__))
        bare, full, rerun, words = [], [], [], []
        for _ in range(runs):
            bare.append(measure(["bare", str(target)]))
            full.append(measure(["full", str(target)]))
            rerun.append(measure(["rerun", str(target)]))
            words.append(measure(["wording", str(target)]))
        row = {
            "claims": n,
            "bare_s": statistics.median(r["seconds"] for r in bare),
            "full_s": statistics.median(r["seconds"] for r in full),
            "rerun_s": statistics.median(r["seconds"] for r in rerun),
            "wording_s": statistics.median(r["seconds"] for r in words),
            "bare_mb": statistics.median(r["peak_mb"] for r in bare),
            "full_mb": statistics.median(r["peak_mb"] for r in full),
        }
        row["ratio"] = row["full_s"] / row["bare_s"]
        rows.append(row)
        print(f"validate {n}: bare {row['bare_s']:.2f} s, full {row['full_s']:.2f} s, ratio {row['ratio']:.2f}, "
              f"again after one edit {row['rerun_s']:.2f} s", flush=True)
    return rows


def bench_build(work: Path, name: str, size: Size, runs: int) -> dict:
    base = build_site(work, name, size)
    variants = {"a": "mkdocs-plain.yml", "b": "mkdocs-ours.yml", "c": "mkdocs-bibtex.yml"}
    sites = {"a": "site-plain", "b": "site-ours", "c": "site-bibtex"}
    results: dict[str, list[dict]] = {v: [] for v in variants}
    rebuilds = []
    for _ in range(runs):
        for v, config in variants.items():
            results[v].append(measure(["build", str(base / config)]))
        rebuilds.append(measure(["rebuild", str(base / variants["b"])]))
    page = Path("section-00") / "page-00000" / "index.html"
    row = {"size": name, "pages": size.pages, "claims": size.claims, "refs": size.refs, "runs": runs}
    for v in variants:
        site = base / sites[v]
        row[f"{v}_s"] = statistics.median(r["seconds"] for r in results[v])
        row[f"{v}_mb"] = statistics.median(r["peak_mb"] for r in results[v])
        row[f"{v}_site_mb"] = dir_size(site) / 1e6
        index = site / "search" / "search_index.json"
        row[f"{v}_search_mb"] = index.stat().st_size / 1e6 if index.exists() else 0.0
        row[f"{v}_page_kb"] = (site / page).stat().st_size / 1e3
    row["b_rebuild_s"] = statistics.median(r["seconds"] for r in rebuilds)
    print(f"build {name}: a {row['a_s']:.1f} s, b {row['b_s']:.1f} s, c {row['c_s']:.1f} s", flush=True)
    return row


def report(validation: list[dict], builds: list[dict], started: str, work: Path) -> str:
    machine = f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    lines = ["# Benchmark results", "", f"Run on {started} ({machine}); files in {work}.", ""]
    if validation:
        lines += ["## Validation (full load and every check) against the bare load", "",
                  "| claims | bare load (s) | full validation (s) | ratio | bare peak (MB) | full peak (MB) | time ×10 input "
                  "| again after one file changed (s) | share of full | of which wording check (s) |",
                  "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        previous = None
        for row in validation:
            growth = f"{row['full_s'] / previous:.1f}×" if previous else ""
            previous = row["full_s"]
            lines.append(f"| {row['claims']:,} | {row['bare_s']:.2f} | {row['full_s']:.2f} | {row['ratio']:.2f} | "
                         f"{row['bare_mb']:.0f} | {row['full_mb']:.0f} | {growth} | {row['rerun_s']:.2f} | "
                         f"{row['rerun_s'] / row['full_s']:.0%} | {row['wording_s']:.2f} |")
        lines += ["", "Targets: ratio at most 1.5 at 10,000 claims; about 10× time for 10× input; validating again "
                  "in the same process (as `mkdocs serve` does) after one claims file changed, under 10% of a full run; "
                  "the wording check under 1 s at 10,000 claims."]
    if builds:
        lines += ["", "## Site build: (a) plain Material, (b) this project, (c) mkdocs-bibtex", "",
                  "| size (pages/claims/refs) | runs | (a) s | (b) s | (c) s | b/a | b/c | (b) again after one edit, s | "
                  "(a) MB | (b) MB | b/a mem | site MB a/b/c | search MB a/b/c | page KB a/b/c |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|"]
        for r in builds:
            lines.append(
                f"| {r['size']} ({r['pages']}/{r['claims']:,}/{r['refs']:,}) | {r['runs']} | {r['a_s']:.1f} | {r['b_s']:.1f} | "
                f"{r['c_s']:.1f} | {r['b_s'] / r['a_s']:.2f} | {r['b_s'] / r['c_s']:.2f} | {r['b_rebuild_s']:.1f} | "
                f"{r['a_mb']:.0f} | {r['b_mb']:.0f} | "
                f"{r['b_mb'] / r['a_mb']:.2f} | {r['a_site_mb']:.1f}/{r['b_site_mb']:.1f}/{r['c_site_mb']:.1f} | "
                f"{r['a_search_mb']:.2f}/{r['b_search_mb']:.2f}/{r['c_search_mb']:.2f} | "
                f"{r['a_page_kb']:.0f}/{r['b_page_kb']:.0f}/{r['c_page_kb']:.0f} |")
        lines += ["", "Targets: b/a at most 1.15 in time and 1.5 in memory; a content page within 15% of (a). "
                  "'Again after one edit': a second build in the same process after one claims file changed, "
                  "as under `mkdocs serve`."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        child(argv[1:])
        return 0
    parser = argparse.ArgumentParser(prog="bench", description="Validation and build benchmarks.")
    parser.add_argument("--sizes", default="small,medium,large", help="build sizes (empty to skip builds)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--large-runs", type=int, default=1, help="runs for the large size (each build is minutes)")
    parser.add_argument("--validate", default="1000,10000,100000", help="claim counts (empty to skip)")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results.md"))
    parser.add_argument("--work", type=Path, default=WORK, help="where synthetic projects and built sites go")
    args = parser.parse_args(argv)
    started = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    counts = [int(c) for c in args.validate.split(",") if c]
    validation = bench_validation(work, counts, args.runs) if counts else []
    builds = []
    for name in [s for s in args.sizes.split(",") if s]:
        builds.append(bench_build(work, name, SIZES[name], args.large_runs if name == "large" else args.runs))
    text = report(validation, builds, started, work.relative_to(ROOT) if work.is_relative_to(ROOT) else work)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
