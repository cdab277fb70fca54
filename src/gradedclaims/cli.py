"""The `claims` command: one entry point for the register's tools; each subcommand is a module of
gradedclaims.commands whose main() takes the remaining arguments."""

from __future__ import annotations

import importlib
import sys

COMMANDS = {  # subcommand -> (module, what it does)
    "check": ("check", "validate the register, bibliography, audits and markers"),
    "new": ("new", "add a claim (asks for each field, or takes them as options)"),
    "add-ref": ("add_ref", "add a reference from a BibTeX or RIS file"),
    "fmt": ("fmt", "format claims files and references.bib canonically (--check: list, change nothing)"),
    "diff": ("diff", "register changes between two revisions, as Markdown"),
    "export": ("export", "write the data exports and feeds to a folder, without building the site"),
    "readability": ("readability", "reading grade per page, section and plain statement"),
    "refresh-refs": ("refresh_refs", "look every DOI up in Crossref and PMID in PubMed (online)"),
}


def usage() -> str:
    width = max(map(len, COMMANDS))
    lines = [f"  {name:<{width}}  {what}" for name, (_, what) in COMMANDS.items()]
    return "usage: claims <command> [options]   (claims <command> --help for its options)\n\n" + "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help"):
        sys.stdout.write(usage())
        return 0 if args else 2
    name, rest = args[0], args[1:]
    if name not in COMMANDS:
        sys.stderr.write(f"claims: unknown command '{name}'\n" + usage())
        return 2
    module = importlib.import_module(f"gradedclaims.commands.{COMMANDS[name][0]}")
    return module.main(rest)
