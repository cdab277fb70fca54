"""When a claim's grade or wording changed, read from the project's git history.

Every commit that touched claims/*.yml is replayed in order; for each claim we note when it
appeared, when its certainty changed and when its statement was reworded. Without git (or
outside a repository) there is simply no history.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_COMMITS = 500


@dataclass(frozen=True)
class Change:
    date: str
    commit: str
    summary: str


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def _snapshot(text: bytes) -> dict[str, tuple[str, str]]:
    """id -> (statement, certainty) from one historical version of a claims file."""
    try:
        data = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError:
        return {}
    out = {}
    for item in (data or {}).get("claims", []) if isinstance(data, dict) else []:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            evidence = item.get("evidence") if isinstance(item.get("evidence"), dict) else {}
            out[item["id"]] = (" ".join(str(item.get("statement", "")).split()), str(evidence.get("certainty", "")))
    return out


def _read_blobs(root: Path, specs: list[str]) -> list[bytes | None]:
    """Contents of many `commit:path` blobs in one git process."""
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


def claim_history(root: Path, claims_dir: str = "claims") -> dict[str, list[Change]]:
    log = _git(root, "log", "--reverse", f"--max-count={MAX_COMMITS}", "--format=%x00%H %cs",
               "--name-only", "--no-renames", "--", f"{claims_dir}/*.yml")
    if not log:
        return {}
    commits = []
    for chunk in log.decode("utf-8", "replace").split("\x00")[1:]:
        lines = [line for line in chunk.splitlines() if line.strip()]
        commit, date = lines[0].split()
        files = [f for f in lines[1:] if f.count("/") == claims_dir.count("/") + 1]
        commits.append((commit, date, files))
    specs = [f"{commit}:{path}" for commit, _, files in commits for path in files]
    blobs = iter(_read_blobs(root, specs))
    per_file: dict[str, dict[str, tuple[str, str]]] = {}
    current: dict[str, tuple[str, str]] = {}
    history: dict[str, list[Change]] = {}
    for commit, date, files in commits:
        for path in files:
            blob = next(blobs)
            per_file[path] = _snapshot(blob) if blob is not None else {}
        merged: dict[str, tuple[str, str]] = {}
        for snap in per_file.values():
            merged.update(snap)
        for cid, (statement, certainty) in merged.items():
            before = current.get(cid)
            notes = []
            if before is None:
                notes.append(f"Added, graded {certainty}")
            else:
                if before[1] != certainty:
                    notes.append(f"Grade changed: {before[1]} → {certainty}")
                if before[0] != statement:
                    notes.append("Wording changed")
            if notes:
                history.setdefault(cid, []).append(Change(date, commit, "; ".join(notes)))
        current = merged
    return history
