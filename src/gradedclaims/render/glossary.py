"""The glossary on the site: the Glossary page, and tooltips on content pages.

Tooltips use Python-Markdown's `abbr` extension (shown by Material's `content.tooltips`): a
page's Markdown gets one `*[term]: definition` line per way it writes a glossary term, so each
page carries only the definitions it uses. The extension marks every use; the HTML then keeps a
term's tooltip at its first use in each section only.
"""

from __future__ import annotations

import re

from ..glossary import Glossary, anchor
from .safe import attr, esc


def body(glossary: Glossary) -> str:
    """Every term in alphabetical order, each with its anchor, definition, aliases and related terms."""
    items = []
    for term in sorted(glossary.terms, key=lambda t: t.term.casefold()):
        also = f'<span class="oxy-glossary__aliases">Also written: {esc(", ".join(term.aliases))}.</span>' if term.aliases else ""
        related = [glossary.by_anchor[anchor(name)] for name in term.see if anchor(name) in glossary.by_anchor]
        see = ", ".join(f'<a href="#{attr(anchor(r.term))}">{esc(r.term)}</a>' for r in related)
        see = f'<span class="oxy-glossary__see">See also: {see}.</span>' if see else ""
        items.append(f'<dt id="{attr(anchor(term.term))}">{esc(term.term)}</dt>'
                     f"<dd>{esc(term.definition)}{also}{see}</dd>")
    return f'<dl class="oxy-glossary">{"".join(items)}</dl>'


def page(glossary: Glossary, placeholder: str) -> str:
    return (
        "# Glossary\n\n"
        f"The {len(glossary.terms)} technical terms used on this site, in plain words. On the other pages, "
        "the first time a section uses one of these terms it has a dotted underline: point at it or tap "
        "it to see its definition. These are definitions only: what the evidence shows is on the pages, "
        "with its certainty.\n\n"
        f"{placeholder}\n"
    )


def with_tooltips(markdown: str, glossary: Glossary | None) -> str:
    """The page's Markdown with an abbreviation line for each way it writes a glossary term.

    Definitions are escaped like register text: the abbr extension copies them into a `title`
    attribute, where the entities read as the characters they stand for.
    """
    if glossary is None:
        return markdown
    lines = [f"*[{surface}]: {esc(term.definition)}"
             for surface, term in glossary.used_in(markdown).items() if "\n" not in surface]
    if not lines:
        return markdown
    return markdown.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n"


_ABBR = re.compile(r'<abbr title="([^"]*)">([^<]*)</abbr>')
_SECTION = re.compile(r"(?=<h2[\s>])")


def first_uses(html: str) -> str:
    """Each term's tooltip at its first use in each section (from one h2 to the next), plain text
    after that: on a long page, every "cortisol" underlined reads as clutter, and a reader who
    jumps to a section still finds the term explained there. Aliases share their term's
    definition, so 'HPA' after 'HPA axis' counts as a repeat."""
    out = []
    for section in _SECTION.split(html):
        seen: set[str] = set()

        def keep_first(m: re.Match) -> str:
            if m.group(1) in seen:
                return m.group(2)
            seen.add(m.group(1))
            return m.group(0)

        out.append(_ABBR.sub(keep_first, section))
    return "".join(out)
