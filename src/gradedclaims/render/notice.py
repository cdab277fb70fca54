"""The error notice shown on every page under `mkdocs serve` while the sources have errors.

MkDocs' live server waits for a build to succeed before it answers any request, so a build
that stops on a validation error leaves every browser tab spinning. Under `serve` the build
instead goes on with the last version that passed, and each page carries this notice (the
same list the console shows), until a save fixes the errors.
"""

from __future__ import annotations

from ..problems import Problem
from .safe import esc

SHOWN = 20  # problems listed in the notice; the console and check_claims.py list them all
_ANCHORS = ('<article class="md-content__inner md-typeset">', "<body")


def notice(problems: list[Problem]) -> str:
    """An admonition listing the first problems, every value escaped."""
    items = "".join(f"<li><code>{esc(p.location())}</code> {esc(p.message)} ({esc(p.code)})</li>"
                    for p in problems[:SHOWN])
    more = len(problems) - SHOWN
    rest = f"<p>… and {more} more (run <code>make check</code>).</p>" if more > 0 else ""
    return ('<div class="admonition failure oxy-serve-errors" role="alert">'
            f'<p class="admonition-title">The sources have {len(problems)} error{"s" * (len(problems) != 1)}: '
            "this is the last version without errors</p>"
            f"<ul>{items}</ul>{rest}<p>Fix and save: the site rebuilds on its own.</p></div>")


def insert(page_html: str, notice_html: str) -> str:
    """The page with the notice at the top of its content (or of its body)."""
    for anchor in _ANCHORS:
        at = page_html.find(anchor)
        if at != -1:
            end = page_html.index(">", at) + 1
            return page_html[:end] + notice_html + page_html[end:]
    return notice_html + page_html


WITHHELD = ("# Not shown yet\n\nThis page is new since the last version without errors. It is shown "
            "once the errors listed above are fixed.\n")
