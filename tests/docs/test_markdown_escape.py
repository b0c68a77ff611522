"""md_escape: catalog text renders as the same characters, as text, in GFM and MkDocs."""

from __future__ import annotations

import pytest

from registry.escape.markdown import fence_for, md_code, md_escape


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain text", "plain text"),
        ("a|b", "a&#124;b"),
        ("`code`", "\\`code\\`"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("<!-- hidden -->", "&lt;!-- hidden --&gt;"),
        ("AT&T", "AT&amp;T"),
        ("**bold** _it_", "\\*\\*bold\\*\\* \\_it\\_"),
        ("[link](http://x)", "\\[link\\](http://x)"),
        ("# heading", "\\# heading"),
        ("not # a heading", "not # a heading"),
        ("- item", "\\- item"),
        ("1. first", "1\\. first"),
        ("2) second", "2&#41; second"),
        ("~~struck~~", "&#126;&#126;struck&#126;&#126;"),
        ("===", "&#61;=="),
        ("back\\slash", "back\\\\slash"),
        ("    indented code", "indented code"),
        (None, ""),
        (42, "42"),
    ],
)
def test_md_escape(text: object, expected: str) -> None:
    assert md_escape(text) == expected


def test_newlines_become_br_in_cells_after_escaping() -> None:
    assert md_escape("one <b>\n# two\r\n\nthree") == "one &lt;b&gt;<br>\\# two<br>three"


def test_newlines_stay_lines_outside_tables() -> None:
    assert md_escape("one\n# two\n\n", table=False) == "one\n\\# two"


def test_escaped_text_has_no_raw_markup_characters() -> None:
    hostile = "<script>x</script> | ` * _ [ ] <!-- -->"
    escaped = md_escape(hostile)
    for char in "<>|":
        assert char not in escaped.replace("<br>", "")
    assert "`" not in escaped.replace("\\`", "")


def test_md_code_wraps_escaped_text() -> None:
    assert md_code("^a_[0-9]|b$") == "<code>^a\\_\\[0-9\\]&#124;b$</code>"
    assert md_code("") == ""


@pytest.mark.parametrize(
    ("text", "fence"), [("no ticks", "```"), ("a ` b", "```"), ("```", "````"), ("x `````", "``````")]
)
def test_fence_is_longer_than_any_backtick_run(text: str, fence: str) -> None:
    assert fence_for(text) == fence
