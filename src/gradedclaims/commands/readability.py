#!/usr/bin/env python3
"""Readability of every page, section and plain statement, as a Markdown table.

Usage: python scripts/readability_report.py [--root DIR]
Grades are Flesch-Kincaid (schema/readability.yml says how they are counted and the thresholds);
rows above a threshold are marked. `make check` reports the same crossings as problems.
Exit status: 0, or 1 if a plain statement or an "In plain words" section is above its limit.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gradedclaims import project, readability


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="readability", description=__doc__.split("\n")[0])
    parser.add_argument("--root", default=".", help="project root (default: current directory)")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    proj = project.load(root)
    cfg = readability.config(root)
    out = ["| page | section | line | words | words/sentence | grade | |", "|---|---|---:|---:|---:|---:|---|"]
    failing = 0
    for page in proj.pages:
        if not readability.applies(page, cfg):
            continue
        whole, sections = readability.page_scores(page, proj.claims, cfg)
        out.append(f"| {page.path} | (body) | 1 | {whole.words} | {whole.words_per_sentence:.1f} | {whole.grade:.1f} | "
                   f"{'above ' + format(cfg.body_max, 'g') if whole.grade > cfg.body_max else ''} |")
        for s in sections:
            limit = cfg.plain_section_max if s.plain else cfg.body_max
            over = s.score.grade > limit and (s.plain or s.score.words >= cfg.min_section_words)
            failing += over and s.plain
            title = s.title.replace("|", "\\|") or "(before the first heading)"
            out.append(f"| | {title} | {s.line} | {s.score.words} | {s.score.words_per_sentence:.1f} | "
                       f"{s.score.grade:.1f} | {'above ' + format(limit, 'g') if over else ''} |")
    plains = [(c, readability.score(c.plain, cfg.language)) for c in proj.claims.values() if c.plain]
    over = [(c, s) for c, s in plains if s.grade > cfg.plain_statement_max]
    failing += len(over)
    out.append("")
    if plains:
        mean = sum(s.grade for _, s in plains) / len(plains)
        out.append(f"Plain statements: {len(plains)} of {len(proj.claims)} claims; mean grade {mean:.1f}; "
                   f"{len(over)} above {cfg.plain_statement_max:g}.")
    for c, s in sorted(over, key=lambda x: -x[1].grade):
        out.append(f"- {c.path}: {c.id}: grade {s.grade:.1f}: {c.plain}")
    print("\n".join(out))
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
