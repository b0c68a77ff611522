"""The pull-request comment (markdown) keeps catalog text as text: hostile enum values in a
change message cannot break the table or inject HTML."""

from __future__ import annotations

from registry.diff.changes import Change, ChangeKind, DiffResult
from registry.diff.formats import render_markdown, render_text
from registry.findings import Origin


def _result(*changes: Change) -> DiffResult:
    return DiffResult(changes=changes, findings=(), mode="backward")


def test_hostile_message_is_escaped_in_the_markdown_table() -> None:
    change = Change(
        ChangeKind.BREAKING,
        "B009",
        "user.changed_plan",
        "plan",
        "enum value '<script>alert(1)</script> | x' removed from 'plan'",
        Origin("catalog/a.yaml"),
        line=3,
        column=7,
    )
    out = render_markdown(_result(change))
    row = next(line for line in out.splitlines() if line.startswith("| B009"))
    assert "<script>" not in out
    assert "&lt;script&gt;" in row
    assert row.count("|") == 6  # five cells, none split by the value
    assert "`user.changed_plan`" in row
    assert "`catalog/a.yaml:3:7`" in row


def test_file_level_change_has_an_empty_event_cell() -> None:
    change = Change(
        ChangeKind.NON_BREAKING,
        "B029",
        "",
        None,
        "compatibility mode of the 'accounts' catalog changed from full to none",
        Origin("a`b.yaml", ("compatibility",)),
        line=1,
        column=1,
    )
    out = render_markdown(_result(change))
    row = next(line for line in out.splitlines() if line.startswith("| B029"))
    assert row.startswith("| B029 |  |  | ")
    assert "a\\`b.yaml:1:1" in row  # a backtick in a path is escaped, not a code span
    assert "B029 compatibility mode" in render_text(_result(change))
