#!/usr/bin/env python3
"""The site's own build at its real size, against Material alone on the same pages.

Measures, in fresh processes on a clean copy of the current commit: the cold build with the claims
plugin and without it (markers left as text, generated pages absent), their peak memory, and, in
one process as `mkdocs serve` does, the rebuild after one claim edit. Writes bench/real-size.md.

Usage: python scripts/bench_real.py [--runs 3] [--out bench/real-size.md]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

_REBUILD = """
import time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

def once():
    config = load_config("mkdocs.yml")
    config.plugins.on_startup(command="serve", dirty=False)
    start = time.perf_counter()
    build(config, serve_url=None, dirty=False)
    return time.perf_counter() - start

once()
path = Path("claims/estradiol.yml")
path.write_text(path.read_text().replace("reviewed: 2026-12-02", "reviewed: 2026-12-01", 1))
print(once())
"""


def _timed(args: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and peak resident KB of one command, from GNU time."""
    out = subprocess.run(["/usr/bin/time", "-f", "%e %M", *args], cwd=cwd, env=ENV, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{out.stderr[-2000:]}")
    seconds, kb = out.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kb)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench_real", description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", default=str(ROOT / "bench" / "real-size.md"))
    args = parser.parse_args(argv)
    mkdocs = str(Path(sys.executable).with_name("mkdocs"))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "site-src"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(work)], check=True)
        config = (work / "mkdocs.yml").read_text("utf-8")
        (work / "material-only.yml").write_text(re.sub(r"\n  - claims(:[^\n]*(\n    [^\n]*)*)?", "", config))
        plain, ours, plain_mb, ours_mb = [], [], [], []
        for _ in range(args.runs):
            t, kb = _timed([mkdocs, "build", "-q", "-f", "material-only.yml", "-d", str(Path(tmp) / "a")], work)
            plain.append(t), plain_mb.append(kb / 1024)
            t, kb = _timed([mkdocs, "build", "-q", "--strict", "-d", str(Path(tmp) / "b")], work)
            ours.append(t), ours_mb.append(kb / 1024)
        rebuild = []
        for _ in range(args.runs):
            subprocess.run(["git", "checkout", "-q", "--", "claims"], cwd=work, check=True)
            out = subprocess.run([sys.executable, "-c", _REBUILD], cwd=work, env=ENV, capture_output=True, text=True)
            if out.returncode != 0:
                raise SystemExit(out.stderr[-2000:])
            rebuild.append(float(out.stdout.strip().splitlines()[-1]))
    med = statistics.median
    load = os.getloadavg()[0]
    rows = [
        ("cold build, Material alone (s)", f"{med(plain):.2f}", ""),
        ("cold build, with the claims plugin (s)", f"{med(ours):.2f}", f"{med(ours) / med(plain):.1f}× (target ≤ 2×)"),
        ("peak memory, Material alone / with plugin (MB)", f"{med(plain_mb):.0f} / {med(ours_mb):.0f}",
         f"{med(ours_mb) / med(plain_mb):.1f}×"),
        ("rebuild after one claim edit, same process (s)", f"{med(rebuild):.2f}", "target ≤ 1 s"),
    ]
    text = [f"# The real site: build against Material alone\n",
            f"Run {dt.datetime.now():%Y-%m-%d %H:%M} on {os.cpu_count()} cores, load average {load:.1f}, "
            f"median of {args.runs}. 'Material alone' builds the same Markdown pages with the plugin removed: "
            "markers stay text and the register, bibliography, glossary, change page, feeds, exports and claim "
            "pages are not made, so the ratio also counts pages Material alone does not build.\n",
            "| measure | value | ratio / target |", "|---|---:|---|"]
    text += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    Path(args.out).write_text("\n".join(text) + "\n", "utf-8")
    print("\n".join(text))
    return 0


if __name__ == "__main__":
    sys.exit(main())
