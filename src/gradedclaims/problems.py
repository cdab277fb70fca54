"""Problems are values: every check yields them and one reporter prints them.

Modelled on yamllint and check-jsonschema so that editors, CI annotations and humans
all read the same `path:line:col: [level] message (code)` record.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from .excerpt import clip

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One finding, located in a file the contributor wrote.

    `line` and `column` are 1-based; 0 means "the whole file".
    """

    path: str
    line: int
    column: int
    level: str
    code: str
    message: str
    hint: str = ""

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.message)

    def location(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column or 1}"
        return self.path


def error(path: str, line: int, column: int, code: str, message: str, hint: str = "") -> Problem:
    return Problem(clip(path), line, column, ERROR, code, clip(message), clip(hint))


def warning(path: str, line: int, column: int, code: str, message: str, hint: str = "") -> Problem:
    return Problem(clip(path), line, column, WARNING, code, clip(message), clip(hint))


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Sorted by file and line, duplicates removed (two checks may find the same thing)."""
    return sorted(set(problems), key=Problem.sort_key)


def count(problems: Iterable[Problem]) -> tuple[int, int]:
    errors = warnings = 0
    for p in problems:
        if p.level == ERROR:
            errors += 1
        else:
            warnings += 1
    return errors, warnings


def summary(problems: list[Problem]) -> str:
    errors, warnings = count(problems)
    if not problems:
        return "no problems found"
    files = len({p.path for p in problems})
    return (
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} "
        f"in {files} file{'s' * (files != 1)}"
    )


def format_text(problems: list[Problem]) -> str:
    lines = []
    for p in problems:
        lines.append(f"{p.location()}: [{p.level}] {p.message} ({p.code})")
        if p.hint:
            lines.append(f"    hint: {p.hint}")
    lines.append(summary(problems))
    return "\n".join(lines) + "\n"


def _github_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(problems: list[Problem]) -> str:
    """GitHub Actions workflow commands, so problems show on the pull request's diff."""
    lines = []
    for p in problems:
        props = f"file={_github_escape(p.path, prop=True)}"
        if p.line:
            props += f",line={p.line},col={p.column or 1}"
        props += f",title={_github_escape(p.code, prop=True)}"
        message = p.message + (f"\n{p.hint}" if p.hint else "")
        lines.append(f"::{p.level} {props}::{_github_escape(message)}")
    lines.append(summary(problems))
    return "\n".join(lines) + "\n"


def format_json(problems: list[Problem]) -> str:
    errors, warnings = count(problems)
    payload = {
        "problems": [asdict(p) for p in problems],
        "errors": errors,
        "warnings": warnings,
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


FORMATTERS = {"text": format_text, "github": format_github, "json": format_json}
