#!/usr/bin/env python3
"""Build the site with MkDocs and with ProperDocs and check that both write the same files.

ProperDocs is a maintained fork of MkDocs 1.6 (MkDocs has had no release since 2024-08). The two
builds run side by side into OUT/mkdocs and OUT/properdocs (kept for inspection); every file
must match once the generator meta tag is blanked (src/gradedclaims/sitediff.py).

Usage: python scripts/engines.py [--root DIR] [--out .cache/engines] [--show 10]
Exit status: 0 the outputs agree, 1 they differ or a build failed, 2 usage error.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from gradedclaims.sitediff import compare

ENGINES = ("mkdocs", "properdocs")


def build_all(root: Path, out: Path) -> dict[str, tuple[subprocess.CompletedProcess, float]]:
    """Both builds at once (one per core), with the same SOURCE_DATE_EPOCH so dates agree."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    env.setdefault("SOURCE_DATE_EPOCH", str(int(time.time())))
    running = {}
    for engine in ENGINES:
        shutil.rmtree(out / engine, ignore_errors=True)
        argv = [sys.executable, "-m", engine, "build", "--strict", "--quiet", "--site-dir", str((out / engine).resolve())]
        running[engine] = (subprocess.Popen(argv, cwd=root, env=env, stdout=subprocess.PIPE,
                                            stderr=subprocess.STDOUT, text=True), time.perf_counter())
    results = {}
    for engine, (process, start) in running.items():
        output, _ = process.communicate()
        results[engine] = (subprocess.CompletedProcess(process.args, process.returncode, output),
                           time.perf_counter() - start)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="engines", description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=".", help="project root with mkdocs.yml (default: .)")
    parser.add_argument("--out", default=".cache/engines", help="where both builds are written")
    parser.add_argument("--show", type=int, default=10, help="differences to print at most")
    args = parser.parse_args(argv)
    root = Path(args.root)
    if not (root / "mkdocs.yml").is_file():
        parser.error(f"{root.resolve()} has no mkdocs.yml; run from the project root or pass --root")
    missing = [engine for engine in ENGINES if importlib.util.find_spec(engine) is None]
    if missing:
        print(f"error: {', '.join(missing)} not installed in {sys.prefix}\n"
              f"    hint: both are in the test extra of pyproject.toml; run `make venv`", file=sys.stderr)
        return 2
    out = root / args.out
    results = build_all(root, out)
    versions = {engine: f"{engine} {importlib.metadata.version(engine)}" for engine in ENGINES}
    failed = False
    for engine, (result, seconds) in results.items():
        print(f"{versions[engine]}: built in {seconds:.1f} s into {out / engine}")
        if result.returncode != 0:
            failed = True
            print(f"error: {versions[engine]} build failed (exit {result.returncode}):\n{result.stdout}")
    if failed:
        return 1
    differences, files = compare(out / "mkdocs", out / "properdocs", names=ENGINES)
    if not differences:
        print(f"the two builds agree: {files} files identical apart from the generator tag")
        return 0
    print(f"error: {len(differences)} of {files} files differ between the builds (first shown):")
    for difference in differences[:args.show]:
        print(f"  {difference}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
