#!/usr/bin/env python3
"""Add a claim to the register: asks for each field in a terminal, or takes flags in scripts.

The id must be free and the claim must pass the schema, the grade rules and the wording rules
before anything is written; the claim is appended to claims/<topic>.yml and nothing else in that
file changes.

Example:
  python scripts/new_claim.py --id oxtr-estradiol-rat --topic estradiol \\
      --statement "In ovariectomised rats, estradiol probably increases oxytocin receptor binding." \\
      --ref lee2019rats --certainty moderate --design animal --population animal --species rat \\
      --rationale "Consistent studies in rats; animal evidence is capped at moderate." \
      --start high --domain "imprecision=serious:Two small studies." --appraised-by your-handle
Domains not given are 'no' (not rated down). The topic must be an existing claims file; a new
topic is created only with --new-topic (or after a yes in a terminal), and a topic close to an
existing one is refused with "did you mean". Exit status: 0 written (or would be, with --dry-run), 1 the claim fails a check, 2 usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import re
import sys
from pathlib import Path

from gradedclaims import appraisal, project, scaffold
from gradedclaims.problems import ERROR, FORMATTERS, sort_problems
from gradedclaims import evidencemap
from gradedclaims.vocab import CERTAINTIES, DESIGNS, POPULATIONS, RELATIONS, STATUSES

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
NEAR_MISS = 0.8  # difflib similarity above which a new topic is taken for a typo of an existing one


def topic_problem(value: str, topics: list[str], new_topic: bool) -> str | None:
    """Why a topic cannot be used, or None. A topic close to an existing one is refused even with
    --new-topic (a typo would otherwise start a second, nearly empty topic file)."""
    if not SLUG.match(value):
        return "kebab-case, e.g. estradiol"
    if value in topics:
        return None
    close = difflib.get_close_matches(value, topics, n=1, cutoff=NEAR_MISS)
    if close:
        return f"there is no topic '{value}': did you mean {close[0]}?"
    if not new_topic:
        return (f"there is no topic '{value}' (existing: {', '.join(topics) or 'none'}); "
                f"to start one, pass --new-topic and it will create claims/{value}.yml")
    return None


def _ask_topic(topics: list[str]) -> str:
    """A topic from the terminal: an existing one, or a new one after a yes."""
    while True:
        topic = _ask("topic", default=topics[0] if topics else "",
                     check=lambda v: None if v in topics else topic_problem(v, topics, new_topic=True))
        if topic in topics or input(f"  create a new topic file claims/{topic}.yml? [y/N]: ").strip().lower() in ("y", "yes"):
            return topic


def _ask(prompt: str, *, choices=None, default: str = "", required: bool = True, check=None) -> str:
    while True:
        shown = f" [{'/'.join(choices)}]" if choices and len(choices) <= 8 else ""
        shown += f" (default {default})" if default else ""
        answer = input(f"{prompt}{shown}: ").strip() or default
        if not answer and not required:
            return ""
        if choices and answer not in choices:
            close = difflib.get_close_matches(answer, choices, n=3, cutoff=0.3)
            print(f"  choose one of: {', '.join(choices)}" + (f" (did you mean {', '.join(close)}?)" if close else ""))
            continue
        problem = check(answer) if check else None
        if problem:
            print(f"  {problem}")
            continue
        if answer or not required:
            return answer


def _ask_refs(keys: list[str]) -> list[dict]:
    print("Sources: type part of a reference key to search; an empty line ends the list.")
    sources = []
    while True:
        query = input("  reference (key or search words): ").strip()
        if not query:
            if sources:
                return sources
            print("  a claim needs at least one supporting reference")
            continue
        if query in keys:
            key = query
        else:
            found = [k for k in keys if all(w in k for w in query.lower().split())][:10]
            if not found:
                print("  no match; add the reference first with: make add-ref")
                continue
            for i, k in enumerate(found, 1):
                print(f"    {i}. {k}")
            pick = input("  number: ").strip()
            if not pick.isdigit() or not 1 <= int(pick) <= len(found):
                continue
            key = found[int(pick) - 1]
        relation = _ask("  relation", choices=list(RELATIONS), default="supports")
        locator = _ask("  locator (page, figure, table; optional)", required=False)
        sources.append({"ref": key, "relation": relation, "locator": locator})


def _parse_domain(value: str) -> tuple[str, dict | str]:
    """NAME=RATING:REASON, e.g. imprecision=serious:One trial of 40 adults."""
    name, _, rest = value.partition("=")
    rating, _, reason = rest.partition(":")
    if name not in appraisal.DOMAINS or rating not in ("no", "serious", "very-serious"):
        raise argparse.ArgumentTypeError(
            f"--domain {value!r}: write NAME=RATING:REASON with NAME one of {', '.join(appraisal.DOMAINS)} "
            "and RATING no, serious or very-serious")
    return name, ("no" if rating == "no" else {"rating": rating, "reason": reason.strip()})


def _parse_upgrade(value: str) -> dict:
    factor, _, reason = value.partition(":")
    return {"factor": factor, "reason": reason.strip()}


def _ask_appraisal() -> tuple[dict, list]:
    print("GRADE domains: no, serious or very-serious (with a reason); see the methodology page.")
    domains = {}
    for name in appraisal.DOMAINS:
        rating = _ask(f"  {name.replace('_', ' ')}", choices=["no", "serious", "very-serious"], default="no")
        domains[name] = "no" if rating == "no" else {"rating": rating, "reason": _ask("    reason")}
    return domains, []


def _parse_ref(value: str) -> dict:
    key, _, rest = value.partition(":")
    relation, _, locator = rest.partition(":")
    return {"ref": key, "relation": relation or "supports", "locator": locator}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="new-claim", description="Add a claim to the register.",
                                     epilog="In a terminal, missing fields are asked for one by one.")
    parser.add_argument("--root", default=".")
    parser.add_argument("--id")
    parser.add_argument("--topic")
    parser.add_argument("--statement")
    parser.add_argument("--ref", action="append", default=[], metavar="KEY[:RELATION[:LOCATOR]]",
                        help="a source; repeat for several (relation defaults to supports)")
    parser.add_argument("--certainty", choices=CERTAINTIES)
    parser.add_argument("--design", choices=DESIGNS)
    parser.add_argument("--population", choices=POPULATIONS)
    parser.add_argument("--species", action="append", default=[], help="repeat for several")
    parser.add_argument("--rationale")
    parser.add_argument("--start", choices=("high", "low"),
                        help="GRADE starting level: high for randomised or controlled experiments, low for observational")
    parser.add_argument("--domain", action="append", default=[], type=_parse_domain, metavar="NAME=RATING:REASON",
                        help="a domain rated down; repeat for several (the others are 'no')")
    parser.add_argument("--upgrade", action="append", default=[], type=_parse_upgrade, metavar="FACTOR:REASON",
                        help="a reason to rate up observational evidence: large-effect, dose-response, opposing-confounding")
    parser.add_argument("--appraised-by", help="your role or handle (never an invented name)")
    parser.add_argument("--caveats", default="")
    parser.add_argument("--hormone", help="a row of the evidence map (the site's schema/evidence-map.yml)")
    parser.add_argument("--outcome", help="a column of the evidence map")
    parser.add_argument("--new-topic", action="store_true", help="allow --topic to name a topic that has no file yet")
    parser.add_argument("--status", choices=STATUSES, default="current")
    parser.add_argument("--reviewed", default=dt.date.today().isoformat())
    parser.add_argument("--dry-run", action="store_true", help="check and print the block; write nothing")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    if not (root / "claims").is_dir():
        parser.error(f"{root} has no claims/ directory")

    proj = project.load(root)
    emap = evidencemap.load()
    for axis, value in zip(emap.axes(), (args.hormone, args.outcome)):
        if value and value not in axis.values:
            parser.error(f"--{axis.key} {value!r} is not on the evidence map; use one of: {', '.join(axis.values)}")
    map_rows, map_columns = list(emap.rows.values), list(emap.columns.values)
    taken = set(proj.claims) | proj.invalid_ids
    keys = sorted(proj.bibliography.references)
    topics = sorted({Path(f.path).stem for f in proj.claim_files})
    interactive = sys.stdin.isatty()

    def id_problem(value: str) -> str | None:
        if not SLUG.match(value):
            return "use lowercase letters, digits and single hyphens"
        if value in taken:
            return f"'{value}' is already used; ids are never reused"
        return None

    required = ("id", "topic", "statement", "certainty", "design", "population", "rationale", "start", "appraised_by")
    missing = [name for name in required if not getattr(args, name)] + ([] if args.ref else ["ref"])
    if missing and not interactive:
        parser.error("missing " + ", ".join("--" + m for m in missing) + " (or run it in a terminal to be asked)")
    problem = topic_problem(args.topic, topics, args.new_topic) if args.topic else None
    if problem:  # before any question: a wrong topic is found before the contributor types a claim
        print(f"new-claim: {problem}", file=sys.stderr)
        return 1
    try:
        if interactive and missing:
            print(f"Existing topics: {', '.join(topics)}")
        claim_id = args.id or _ask("id (kebab-case)", check=id_problem)
        topic = args.topic or _ask_topic(topics)
        statement = args.statement or _ask("statement (one sentence, worded for its certainty)")
        sources = [_parse_ref(r) for r in args.ref] or _ask_refs(keys)
        certainty = args.certainty or _ask("certainty", choices=list(CERTAINTIES))
        design = args.design or _ask("best design", choices=list(DESIGNS))
        population = args.population or _ask("population", choices=list(POPULATIONS))
        species = args.species or ([s.strip() for s in _ask("species, comma-separated").split(",") if s.strip()]
                                   if interactive and population in ("animal", "mixed") else [])
        rationale = args.rationale or _ask("rationale (one or two sentences for readers)")
        start = args.start or _ask("GRADE starting level", choices=["high", "low"])
        if args.domain or not interactive or args.start:
            domains, upgrades = dict(args.domain), args.upgrade
        else:
            domains, upgrades = _ask_appraisal()
        appraised_by = args.appraised_by or _ask("appraised by (your role or handle)")
        caveats = args.caveats or (_ask("caveats (optional)", required=False) if interactive and missing else "")
        hormone = args.hormone or (_ask("evidence map: hormone (optional)", choices=map_rows + [""], required=False)
                                   if interactive and missing else "")
        outcome = args.outcome or (_ask("evidence map: outcome", choices=map_columns) if hormone and not args.outcome else "")
    except (EOFError, KeyboardInterrupt):
        print("\nnothing written", file=sys.stderr)
        return 2

    problem = id_problem(claim_id)
    if problem:
        print(f"new-claim: {problem}", file=sys.stderr)
        return 1
    claim = {
        "id": claim_id, "topic": topic, "statement": " ".join(statement.split()), "sources": sources,
        "evidence": {"certainty": certainty, "design": design, "population": population, "species": species,
                     "rationale": " ".join(rationale.split()),
                     "appraisal": {"start": start, **{d: domains.get(d, "no") for d in appraisal.DOMAINS},
                                   **({"upgrades": upgrades} if upgrades else {}), "appraised_by": appraised_by,
                                   "appraised_on": dt.date.today().isoformat()}},
        "caveats": " ".join(caveats.split()), "map": {"hormone": hormone, "outcome": outcome} if hormone else None,
        "status": args.status, "reviewed": args.reviewed,
    }
    path = root / "claims" / f"{topic}.yml"
    display = f"claims/{topic}.yml"
    old = path.read_text("utf-8") if path.exists() else None
    block = scaffold.claim_block(claim)
    new = scaffold.insert_claim(old, block)
    start_line = new.count("\n", 0, len(new) - len(block)) + 1

    checked = project.with_claims_text(proj, display, new)
    found = [p for p in project.check(checked, advisories=False)
             if p.level == ERROR and ((p.path == display and p.line >= start_line) or f"'{claim_id}'" in p.message)]
    if found:
        sys.stdout.write(FORMATTERS["text"](sort_problems(found)))
        print(f"new-claim: nothing written; fix the problems above ({display} would start the claim at line {start_line})")
        return 1
    if args.dry_run:
        sys.stdout.write(block)
        return 0
    path.write_text(new, encoding="utf-8")
    print(f"added claim '{claim_id}' to {display} at line {start_line}")
    print(f"cite it on a page after its sentence: [claim:{claim_id}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
