"""What a change does to the register, as Markdown for a pull-request comment.

Both sides are read from git revisions, or the head from the working tree (uncommitted and new
files included), parsed with the same loaders as the validator, and compared claim by claim: added, removed, reworded (with a word diff), grade
changes with the new rationale, appraisal changes (which GRADE domains moved, and whether a
second appraisal still stands), sources added or removed, references added or removed, and the
pages whose claims changed.
"""

from __future__ import annotations

import difflib
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from . import bib, claims, pages
from .claims import Claim
from .appraisal import DOMAINS
from .render.safe import esc
from .vocab import CERTAINTY_LABELS


class GitError(RuntimeError):
    pass


@dataclass
class Snapshot:
    claims: dict[str, Claim] = field(default_factory=dict)
    references: dict[str, str] = field(default_factory=dict)  # key -> citation text
    page_claims: dict[str, set[str]] = field(default_factory=dict)  # page path -> claim ids


def _git(root: Path, *args: str) -> bytes:
    result = subprocess.run(["git", "-C", str(root), *args], capture_output=True)
    if result.returncode != 0:
        raise GitError(result.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return result.stdout


SOURCES = ("claims", "docs", "references.bib")


def _parse(files) -> Snapshot:
    """The register from (repository path, text) pairs."""
    snap = Snapshot()
    for name, text in files:
        if name.startswith("claims/") and name.count("/") == 1 and name.endswith(".yml"):
            for c in claims.parse(text, name).claims:
                snap.claims[c.id] = c
        elif name == "references.bib":
            for key, ref in bib.parse(text, name).references.items():
                try:
                    snap.references[key] = ref.citation()
                except Exception:  # an entry that cannot be formatted is still a change worth listing
                    snap.references[key] = key
        elif name.startswith("docs/") and name.endswith(".md"):
            page = pages.parse(text, name, name[len("docs/"):])
            snap.page_claims[name] = {cid for m in page.markers for cid in m.ids}
    return snap


def snapshot(root: Path, rev: str) -> Snapshot:
    """The register as it is at a git revision."""
    _git(root, "rev-parse", "--verify", "--quiet", rev + "^{commit}")
    names = _git(root, "ls-tree", "-r", "--name-only", rev, "--", *SOURCES).decode().split("\n")
    return _parse((name, _git(root, "show", f"{rev}:{name}").decode("utf-8", "replace")) for name in filter(None, names))


def worktree_snapshot(root: Path) -> Snapshot:
    """The register as it is on disk: committed, modified and new files (not those git ignores)."""
    names = _git(root, "ls-files", "--cached", "--others", "--exclude-standard", "-z", "--", *SOURCES).decode().split("\0")
    files = ((name, (root / name).read_text("utf-8", "replace")) for name in sorted(set(filter(None, names)))
             if (root / name).is_file())  # a deleted file is still listed as cached
    return _parse(files)


def uncommitted(root: Path) -> list[str]:
    """Register files with changes not committed (modified, added, deleted or new), as git lists them."""
    out = _git(root, "status", "--porcelain", "--untracked-files=all", "--no-renames", "-z", "--", *SOURCES).decode()
    return sorted({entry[3:] for entry in out.split("\0") if len(entry) > 3})


def word_diff(old: str, new: str) -> str:
    a, b = old.split(), new.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(esc(" ".join(a[i1:i2])))
        if op in ("delete", "replace"):
            out.append("~~" + esc(" ".join(a[i1:i2])) + "~~")
        if op in ("insert", "replace"):
            out.append("**" + esc(" ".join(b[j1:j2])) + "**")
    return " ".join(out)


def _grade(c: Claim) -> str:
    return f"{CERTAINTY_LABELS[c.certainty]} ({c.design}, {c.population})"


def _judgments(c: Claim) -> tuple:
    a = c.appraisal
    return (c.certainty, a.start, a.ratings(), a.upgrades) if a else (c.certainty,)


def appraisal_change(old: Claim, new: Claim) -> str | None:
    """One line on what moved in the appraisal, and the fate of the second appraisal."""
    if _judgments(old) == _judgments(new):
        return None
    parts = []
    if old.appraisal and new.appraisal:
        if old.appraisal.start != new.appraisal.start:
            parts.append(f"start {old.appraisal.start} → {new.appraisal.start}")
        for name in DOMAINS:
            a, b = old.appraisal.domains[name].rating, new.appraisal.domains[name].rating
            if a != b:
                parts.append(f"{name.replace('_', ' ')} {a} → {b}")
        if old.appraisal.upgrades != new.appraisal.upgrades:
            parts.append("upgrades changed")
    elif new.appraisal:
        parts.append("appraisal added")
    second_old = old.appraisal.second if old.appraisal else None
    second_new = new.appraisal.second if new.appraisal else None
    if not second_new:
        fate = "no second appraisal"
    elif second_new == second_old:
        fate = "**its second appraisal no longer stands** (it judged the earlier domains); ask for a new one"
    else:
        fate = "second appraisal renewed in this change"
    return f"{CERTAINTY_LABELS[old.certainty]} → {CERTAINTY_LABELS[new.certainty]}; " + \
        ("; ".join(parts) + "; " if parts else "") + fate


def diff(base: Snapshot, head: Snapshot) -> str:
    added = sorted(set(head.claims) - set(base.claims))
    removed = sorted(set(base.claims) - set(head.claims))
    common = sorted(set(base.claims) & set(head.claims))
    reworded, regraded, resourced, reappraised = [], [], [], []
    for cid in common:
        old, new = base.claims[cid], head.claims[cid]
        if old.statement != new.statement:
            reworded.append(cid)
        if (old.certainty, old.design, old.population) != (new.certainty, new.design, new.population):
            regraded.append(cid)
        if {(s.ref, s.relation) for s in old.sources} != {(s.ref, s.relation) for s in new.sources}:
            resourced.append(cid)
        change = appraisal_change(old, new)
        if change:
            reappraised.append((cid, change))
    refs_added = sorted(set(head.references) - set(base.references))
    refs_removed = sorted(set(base.references) - set(head.references))
    changed_claims = set(added) | set(removed) | set(reworded) | set(regraded) | set(resourced)
    pages_changed = sorted(
        path for path in set(base.page_claims) | set(head.page_claims)
        if base.page_claims.get(path) != head.page_claims.get(path)
        or (head.page_claims.get(path, set()) & changed_claims)
    )

    lines = ["## Register changes", ""]
    counts = [(len(added), "added"), (len(removed), "removed"), (len(reworded), "reworded"),
              (len(regraded), "regraded"), (len(reappraised), "reappraised"),
              (len(resourced), "with changed sources")]
    summary = ", ".join(f"{n} {label}" for n, label in counts if n)
    lines.append(f"Claims: {summary or 'no changes'}. References: {len(refs_added)} added, {len(refs_removed)} removed.")
    if added:
        lines += ["", "### Claims added", ""]
        lines += [f"- `{cid}` ({_grade(head.claims[cid])}): {esc(head.claims[cid].statement)}" for cid in added]
    if removed:
        lines += ["", "### Claims removed", ""]
        lines += [f"- `{cid}`: {esc(base.claims[cid].statement)}" for cid in removed]
    if reworded:
        lines += ["", "### Claims reworded", ""]
        lines += [f"- `{cid}`: {word_diff(base.claims[cid].statement, head.claims[cid].statement)}" for cid in reworded]
    if regraded:
        lines += ["", "### Grade changes", ""]
        for cid in regraded:
            new = head.claims[cid]
            lines.append(f"- `{cid}`: {_grade(base.claims[cid])} → **{_grade(new)}**. New rationale: {esc(new.rationale)}")
    if reappraised:
        lines += ["", "### Appraisal changes", ""]
        lines += [f"- `{cid}`: {change}" for cid, change in reappraised]  # fixed vocabulary only
    if resourced:
        lines += ["", "### Sources changed", ""]
        for cid in resourced:
            old = {(s.ref, s.relation) for s in base.claims[cid].sources}
            new = {(s.ref, s.relation) for s in head.claims[cid].sources}
            parts = [f"+ `{r}` ({rel})" for r, rel in sorted(new - old)] + [f"− `{r}` ({rel})" for r, rel in sorted(old - new)]
            lines.append(f"- `{cid}`: " + "; ".join(parts))
    if refs_added:
        lines += ["", "### References added", ""]
        lines += [f"- `{k}`: {esc(head.references[k])}" for k in refs_added]
    if refs_removed:
        lines += ["", "### References removed", ""]
        lines += [f"- `{k}`: {esc(base.references[k])}" for k in refs_removed]
    if pages_changed:
        lines += ["", "### Pages whose claims changed", ""]
        lines += [f"- `{p}`" for p in pages_changed]
    return "\n".join(lines) + "\n"
