"""What changed in the register and when, read from the project's git history.

Read once per build, in two git processes whatever the size of the history: one `git log` lists
every commit touching the register, the pages or the bibliography with the files it touched, and
one `git cat-file --batch` returns every version of every claims file those commits wrote. The
claims files are replayed oldest first; for each claim we note when it appeared, when its grade
changed, when it was reworded, withdrawn or marked disputed, and when its record last changed at
all (the claim page's `lastmod`). The date each file was last committed gives the other pages'
`lastmod`.

Without git (a tarball, or outside a repository) there is no history: `History.available` is
False and every page says so instead of failing. Uncommitted edits are not history.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_COMMITS = 2000
TRACKED = ("claims", "docs", "references.bib", "CONTRIBUTING.md")  # the sources of the site's pages


@dataclass(frozen=True)
class Change:
    """One commit's change to one claim."""

    date: str  # YYYY-MM-DD, the commit date
    commit: str
    summary: str  # for readers, e.g. "Grade changed: low → moderate; Wording changed"
    time: str = ""  # the commit time, ISO 8601 with offset (Atom needs a time)
    claim: str = ""
    topic: str = ""  # the claim's topic at that commit
    statement: str = ""  # the statement after the change
    kinds: tuple[str, ...] = ()  # added, regraded, reworded, withdrawn, disputed, reinstated, removed

    @property
    def anchor(self) -> str:
        """The id of this change's row in the claim page's history table."""
        return f"change-{self.commit[:12]}"


@dataclass
class History:
    available: bool = False
    claims: dict[str, list[Change]] = field(default_factory=dict)  # claim id -> changes, oldest first
    file_dates: dict[str, str] = field(default_factory=dict)  # repository path -> date of its last commit
    claim_dates: dict[str, str] = field(default_factory=dict)  # claim id -> date its record last changed

    def events(self) -> list[Change]:
        """Every change, newest first; changes made at the same time in claim id order."""
        by_id = sorted((c for changes in self.claims.values() for c in changes), key=lambda c: c.claim)
        return sorted(by_id, key=lambda c: c.time or c.date, reverse=True)


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


@dataclass(frozen=True)
class _Version:
    statement: str
    certainty: str
    status: str
    topic: str
    digest: str  # the whole record, to date its last change of any kind


def _snapshot(text: bytes, path: str) -> dict[str, _Version]:
    """id -> version, from one historical version of a claims file (topic: the file's name if unset)."""
    try:
        data = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError:
        return {}
    out = {}
    for item in (data or {}).get("claims", []) if isinstance(data, dict) else []:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            evidence = item.get("evidence") if isinstance(item.get("evidence"), dict) else {}
            out[item["id"]] = _Version(" ".join(str(item.get("statement", "")).split()),
                                       str(evidence.get("certainty", "")), str(item.get("status") or "current"),
                                       str(item.get("topic") or path.rsplit("/", 1)[-1].removesuffix(".yml")),
                                       json.dumps(item, sort_keys=True, default=str))
    return out


def _read_blobs(root: Path, specs: list[str]) -> list[bytes | None]:
    """Contents of many `commit:path` blobs in one git process."""
    if not specs:
        return []
    raw = _git(root, "cat-file", "--batch", stdin=("\n".join(specs) + "\n").encode())
    if raw is None:
        return [None] * len(specs)
    out, pos = [], 0
    for _ in specs:
        end = raw.index(b"\n", pos)
        header = raw[pos:end].split()
        pos = end + 1
        if len(header) < 3 or header[1] != b"blob":
            out.append(None)
            continue
        size = int(header[2])
        out.append(raw[pos:pos + size])
        pos += size + 1
    return out


def _commits(root: Path) -> list[tuple[str, str, list[str]]] | None:
    """(commit, ISO time, files) newest first, for commits touching the site's sources."""
    log = _git(root, "log", f"--max-count={MAX_COMMITS}", "--format=%x00%H %cI", "--name-only", "--no-renames",
               # The published line only: a branch's commits interleave by date with main's, so replaying
               # them all shows a claim added on a branch as removed by a later commit on main; a merge
               # lists every file it brought in, so the claim is added when it reached the site.
               "--first-parent", "--diff-merges=first-parent",
               "--", *TRACKED)
    if log is None:
        return None
    commits = []
    for chunk in log.decode("utf-8", "replace").split("\x00")[1:]:
        lines = [line for line in chunk.splitlines() if line.strip()]
        commit, time = lines[0].split()
        commits.append((commit, time, lines[1:]))
    return commits


def _describe(before: _Version | None, after: _Version) -> list[tuple[str, str]]:
    """(kind, text for readers) for what moved between two versions of a claim."""
    if before is None:
        return [("added", f"Added, graded {after.certainty}")]
    notes = []
    if before.certainty != after.certainty:
        notes.append(("regraded", f"Grade changed: {before.certainty} → {after.certainty}"))
    if before.statement != after.statement:
        notes.append(("reworded", "Wording changed"))
    if before.status != after.status:
        kind = {"withdrawn": "withdrawn", "disputed": "disputed"}.get(after.status, "reinstated")
        notes.append((kind, f"Status changed: {before.status} → {after.status}"))
    return notes


_LAST: dict[tuple[str, str], tuple[bytes, History]] = {}  # (root, claims dir) -> (HEAD, its history)


def read(root: Path, claims_dir: str = "claims") -> History:
    """The register's history up to HEAD. History is read from commits only, so under
    `mkdocs serve` a rebuild at the same HEAD reuses it (one `git rev-parse` instead of a log and
    every blob: about 2 s at today's 140 commits)."""
    head = _git(root, "rev-parse", "HEAD")
    key = (str(root), claims_dir)
    if head is not None and key in _LAST and _LAST[key][0] == head:
        return _LAST[key][1]
    hist = _read(root, claims_dir)
    if head is not None:
        _LAST[key] = (head, hist)
    return hist


def _read(root: Path, claims_dir: str) -> History:
    commits = _commits(root)
    if commits is None:
        return History()
    hist = History(available=True)
    for commit, time, files in commits:  # newest first: the first date seen for a path is its last commit
        for path in files:
            hist.file_dates.setdefault(path, time[:10])
    depth = claims_dir.count("/") + 1
    replay = [(c, t, [f for f in files if f.startswith(claims_dir + "/") and f.endswith(".yml") and f.count("/") == depth])
              for c, t, files in reversed(commits)]
    replay = [(c, t, files) for c, t, files in replay if files]
    blobs = iter(_read_blobs(root, [f"{c}:{path}" for c, _, files in replay for path in files]))
    per_file: dict[str, dict[str, _Version]] = {}
    current: dict[str, _Version] = {}
    for commit, time, files in replay:
        for path in files:
            blob = next(blobs)
            per_file[path] = _snapshot(blob, path) if blob is not None else {}
        merged: dict[str, _Version] = {}
        for snap in per_file.values():
            merged.update(snap)
        for cid, version in merged.items():
            before = current.get(cid)
            if before is None or before.digest != version.digest:
                hist.claim_dates[cid] = time[:10]
            notes = _describe(before, version)
            if notes:
                hist.claims.setdefault(cid, []).append(Change(
                    time[:10], commit, "; ".join(text for _, text in notes), time, cid, version.topic,
                    version.statement, tuple(kind for kind, _ in notes)))
        for cid in sorted(current.keys() - merged.keys()):
            version = current[cid]
            hist.claims.setdefault(cid, []).append(Change(
                time[:10], commit, "Removed from the register", time, cid, version.topic, version.statement,
                ("removed",)))
        current = merged
    return hist

