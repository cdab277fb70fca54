"""Which files the validator reads, listed before any is opened, within the configured limits.

Claims files are `claims/*.yml`, audits `claims/audit/*.yml`, intervention records
`claims/interventions/*.yml`, pages `docs/**/*.md`. Anything
else under claims/ is reported, not skipped in silence: a `topic.yaml` or a file in a subfolder
would otherwise drop its claims from the register without a word. Under docs/, files that are
not pages are published by MkDocs as they are, so a link leaving the repository or a device or
pipe there is refused too. Hidden entries (a leading ".") are editor and system files (swap
files, .DS_Store, .gitkeep): they are not reported, but a hidden `.yml` file under claims/ is read
like any other, and MkDocs ignores hidden files under docs/, so the validator does too.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from . import limits, textfile
from .limits import Limits
from .problems import Problem, error

_OTHER_YAML = (".yaml", ".YAML", ".YML")


@dataclass
class Inputs:
    claim_files: list[Path] = field(default_factory=list)
    audit_files: list[Path] = field(default_factory=list)
    intervention_files: list[Path] = field(default_factory=list)
    pages: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    stopped: bool = False  # a limit was passed: nothing more is read


class _TooMany(Exception):
    pass


def _entries(folder: Path, budget: list[int], *, keep_hidden_yml: bool) -> list[os.DirEntry]:
    """A folder's entries but hidden ones, sorted by name; raises _TooMany past the listing budget."""
    if not folder.is_dir():
        return []
    out = []
    with os.scandir(folder) as it:
        for entry in it:
            if entry.name.startswith(".") and not (keep_hidden_yml and entry.name.endswith(".yml")):
                continue
            budget[0] -= 1
            if budget[0] < 0:
                raise _TooMany
            out.append(entry)
    return sorted(out, key=lambda e: e.name)


def _unread(display: str, entry: os.DirEntry, where: str) -> Problem:
    if entry.is_dir(follow_symlinks=False):
        return error(display, 0, 0, "unread-file", "a folder under claims/ that the validator does not read",
                     "claims files go directly in claims/ (one <topic>.yml per topic), audits in "
                     "claims/audit/ and intervention records in claims/interventions/; move its files there")
    if entry.name.endswith(_OTHER_YAML):
        stem = entry.name.rsplit(".", 1)[0]
        return error(display, 0, 0, "unread-file", "the validator reads only .yml files; this file is ignored",
                     f"rename it to {where}{stem}.yml")
    return error(display, 0, 0, "unread-file", f"a file under {where} that the validator does not read",
                 f"{where} holds only .yml files; move other files elsewhere")


def collect(reader: textfile.Reader, claims_dir: str, audit_dir: str, docs_dir: str, lim: Limits, *,
            with_pages: bool, interventions_dir: str = "claims/interventions") -> Inputs:
    root = reader.root
    found = Inputs()
    folder = claims_dir
    subfolders = {audit_dir: found.audit_files, interventions_dir: found.intervention_files}
    try:
        budget = [lim.max_files]
        for entry in _entries(root / claims_dir, budget, keep_hidden_yml=True):
            rel = f"{claims_dir}/{entry.name}"
            if rel in subfolders and entry.is_dir(follow_symlinks=False):
                for item in _entries(root / rel, budget, keep_hidden_yml=True):
                    if item.name.endswith(".yml"):
                        subfolders[rel].append(Path(item.path))
                    else:
                        found.problems.append(_unread(f"{rel}/{item.name}", item, rel + "/"))
            elif entry.name.endswith(".yml"):
                found.claim_files.append(Path(entry.path))
            else:
                found.problems.append(_unread(rel, entry, claims_dir + "/"))
        if with_pages:
            folder = docs_dir
            _collect_docs(reader, docs_dir, lim, found)
    except _TooMany:
        found.problems.append(error(folder, 0, 0, "too-many-files",
                                    f"{folder}/ holds more than {lim.max_files} files and folders; the validator stops here",
                                    limits.hint("max_files")))
        found.stopped = True
    return found


def _collect_docs(reader: textfile.Reader, docs_dir: str, lim: Limits, found: Inputs) -> None:
    root = reader.root
    budget = [lim.max_files]
    pending = [root / docs_dir]
    while pending:
        folder = pending.pop()
        for entry in _entries(folder, budget, keep_hidden_yml=False):
            path = Path(entry.path)
            display = path.relative_to(root).as_posix()
            if entry.is_dir(follow_symlinks=False):
                pending.append(path)
            elif entry.name.endswith(".md"):
                found.pages.append(path)
            else:  # published as it is by MkDocs: refuse links out of the repository and devices
                problem, _, _ = reader.inspect(path, display)
                if problem:
                    found.problems.append(problem)
    found.pages.sort()
    if len(found.pages) > lim.max_pages:
        found.problems.append(error(docs_dir, 0, 0, "too-many-pages",
                                    f"{docs_dir}/ holds {len(found.pages)} pages; the limit is {lim.max_pages}; "
                                    "the validator stops here", limits.hint("max_pages")))
        found.stopped = True


def total_bytes(paths: list[Path]) -> int:
    """The sizes of the files that will be read, from metadata (links are followed; what is not a
    regular file counts nothing here and is refused when it would be read)."""
    total = 0
    for path in paths:
        try:
            total += os.stat(path).st_size if path.is_file() else 0
        except OSError:
            pass
    return total
