"""Putting citation HTML in place of the comment tokens that Markdown and search pass through."""

from gradedclaims.render.cite import fill_tokens


def test_every_known_token_is_filled_and_unknown_ones_are_left():
    html = {"<!--oxy-cite-0-->": "<b>A</b>", "<!--oxy-cite-1-->": "<i>B</i>", "<!--oxy-references-->": "<ol></ol>"}
    text = "x <!--oxy-cite-0--> y <!--oxy-cite-1--><!--oxy-cite-7--> <!--oxy-references-->"
    assert fill_tokens(text, html) == "x <b>A</b> y <i>B</i><!--oxy-cite-7--> <ol></ol>"


def test_replacement_text_is_inserted_literally():
    # Backslashes and group references in the HTML must not be read as regex replacement syntax.
    html = {"<!--oxy-cite-0-->": r"a\1b\g<0>c"}
    assert fill_tokens("<!--oxy-cite-0-->", html) == r"a\1b\g<0>c"


def test_text_without_tokens_is_unchanged():
    text = "<p>No citations &lt;!--oxy-cite-0--&gt; here.</p>"
    assert fill_tokens(text, {"<!--oxy-cite-0-->": "X"}) == text
