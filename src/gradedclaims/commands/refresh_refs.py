#!/usr/bin/env python3
"""Look every reference up online: DOIs in Crossref (metadata and update notices: retractions,
corrections, expressions of concern, withdrawals), PMIDs in PubMed (publication types and
correction links); compare title, authors, year, volume and pages with references.bib; write a
Markdown report and, with --write, the status fields (status, status_notice, status_checked).

Usage: python scripts/refresh_refs.py [--root DIR] [--report FILE] [--write] [--mailto ADDRESS]
       [--settings FILE] [--no-cache] [--quiet]
Exit status: 0 done (findings are in the report), 1 a service could not be reached or answered
badly (nothing written), 2 usage error or an unreadable bibliography.
Settings (contact address, rate, retries, cache): schema/refresh.yml.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from gradedclaims import bib, sitefiles, textfile
from gradedclaims.problems import FORMATTERS
from gradedclaims.refresh import report, settings
from gradedclaims.refresh.crossref import CrossrefClient
from gradedclaims.refresh.pubmed import PubMedClient
from gradedclaims.refresh.run import apply, refresh
from gradedclaims.refresh.transport import ServiceError, Transport, Unreachable


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="refresh-refs", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=".", help="project root (default: current directory)")
    parser.add_argument("--report", help="where to write the Markdown report (default: <cache_dir>/report.md)")
    parser.add_argument("--write", action="store_true", help="write the status fields into references.bib")
    parser.add_argument("--mailto", help="contact address sent to the services (default: schema/refresh.yml)")
    parser.add_argument("--settings", type=Path,
                        help="settings file (default: <root>/schema/refresh.yml, else the packaged default)")
    parser.add_argument("--crossref-url", help=argparse.SUPPRESS)  # tests and mirrors
    parser.add_argument("--pubmed-url", help=argparse.SUPPRESS)
    parser.add_argument("--no-cache", action="store_true", help="ask the services even for fresh cached answers")
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    target = root / "references.bib"
    if not target.is_file():
        parser.error(f"{target} does not exist; run from the project root or pass --root")
    args.settings = args.settings or sitefiles.path("refresh.yml", root)
    if not args.settings.is_file():
        parser.error(f"settings file {args.settings} does not exist")
    conf = settings.load(args.settings, mailto=args.mailto, crossref_url=args.crossref_url, pubmed_url=args.pubmed_url,
                         cache_days=0 if args.no_cache else None)
    bibliography = bib.load(target, "references.bib", textfile.Reader(root))
    if bibliography.data is None or any(p.code == "bibtex-syntax" for p in bibliography.problems):
        sys.stdout.write(FORMATTERS["text"](bibliography.problems))
        print("refresh-refs: references.bib cannot be read; fix it first (make check)", file=sys.stderr)
        return 2
    transport = Transport(conf, root)
    crossref = CrossrefClient(transport, conf.crossref_url, conf.mailto)
    pubmed = PubMedClient(transport, conf.pubmed_url, conf.mailto, conf.tool, conf.pubmed_batch)
    say = (lambda _: None) if args.quiet else (lambda line: print(line, file=sys.stderr))
    try:
        outcome = refresh(bibliography, crossref, pubmed, say)
    except Unreachable as exc:
        print(f"refresh-refs: cannot reach {exc.host} ({exc.reason}). Are you offline? Nothing was written; "
              f"answers received so far are cached in {conf.cache_dir}/ and a re-run starts from them.", file=sys.stderr)
        return 1
    except ServiceError as exc:
        print(f"refresh-refs: {exc}. Nothing was written; try again later.", file=sys.stderr)
        return 1
    day = dt.date.today().isoformat()  # the day the notices were checked, not the build's date
    written = False
    if args.write and outcome.changes:
        text = target.read_text("utf-8")
        target.write_text(apply(text, outcome.changes, day), "utf-8")
        written = True
    report_path = Path(args.report) if args.report else root / conf.cache_dir / "report.md"
    report_path.parent.mkdir(parents=True, exist_ok=True)
    report_path.write_text(report.markdown(outcome, day, written=written), "utf-8")
    _github_outputs(outcome)
    say(f"{transport.requests} requests, {transport.cached} answers from the cache; "
        f"{len(outcome.changes)} status changes{' written' if written else ''}, "
        f"{len(outcome.differences)} differences; report: {report_path}")
    return 0


def _github_outputs(outcome) -> None:
    """Step outputs for the scheduled workflow: status changes, and other findings for an issue."""
    target = os.environ.get("GITHUB_OUTPUT")
    if not target:
        return
    findings = len(outcome.differences) + len(outcome.not_found) + len(outcome.remarks) + len(outcome.unconfirmed)
    with open(target, "a", encoding="utf-8") as out:
        out.write(f"changes={len(outcome.changes)}\nfindings={findings}\n")


if __name__ == "__main__":
    sys.exit(main())
