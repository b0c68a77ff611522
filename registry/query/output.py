"""Answers as text: a table that fits the terminal, CSV a spreadsheet cannot execute, JSON
Lines (a record's exact line when the answer is whole records)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any, Final

from registry.escape.terminal import printable
from registry.query.engine import Answer

FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP, "CSV injection")."""
ELLIPSIS: Final = "…"
MIN_WIDTH: Final = 3
TABLE_COLUMNS: Final = ("occurred_at", "event", "actor", "targets", "outcome", "reason", "tenant")
"""What the table shows of whole records (the other formats carry every column)."""


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list) and all(
        isinstance(v, dict) and set(v) == {"type", "id"} for v in value
    ):
        return ", ".join(f"{v['type']}:{v['id']}" for v in value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str, separators=(",", ":"))
    return str(value)


def neutralised(value: Any) -> Any:
    """A cell a spreadsheet would execute gets a leading `'`; numbers stay numbers."""
    if isinstance(value, bool | int | float) or value is None:
        return value
    text = cell_text(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(answer: Answer) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([neutralised(c) for c in answer.columns])
    for row in answer.rows:
        writer.writerow([neutralised(v) for v in row])
    return buffer.getvalue()


def to_jsonl(answer: Answer) -> Iterator[str]:
    """Whole records as their exact lines; other answers as one JSON object per row."""
    if "line" in answer.columns and "hash" in answer.columns:
        at = answer.columns.index("line")
        yield from (str(row[at]) for row in answer.rows)
        return
    for row in answer.rows:
        yield json.dumps(
            dict(zip(answer.columns, row, strict=True)), ensure_ascii=False, default=str
        )


def actor_text(actor_type: Any, actor_id: Any) -> str:
    """TYPE:ID, or nothing for a record without an actor."""
    if actor_type is None and actor_id is None:
        return ""
    return f"{cell_text(actor_type)}:{cell_text(actor_id)}"


def table_rows(answer: Answer) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """Header and cells of the table: for whole records, the columns an investigator reads
    first (actor as TYPE:ID; `proven` last, after --verify); for `--sql`, every column."""
    columns = answer.columns
    if not {"actor_type", "actor_id", "line"} <= set(columns):
        return columns, [tuple(cell_text(v) for v in row) for row in answer.rows]
    at = {name: i for i, name in enumerate(columns)}
    shown = (*TABLE_COLUMNS, "proven") if "proven" in at else TABLE_COLUMNS
    rows = []
    for row in answer.rows:
        actor = actor_text(row[at["actor_type"]], row[at["actor_id"]])
        rows.append(tuple(actor if c == "actor" else cell_text(row[at[c]]) for c in shown))
    return shown, rows


def fit(widths: Sequence[int], total: int) -> list[int]:
    """Column widths whose sum (with two spaces between columns) is at most `total`: the
    widest column gives way first, none below `MIN_WIDTH`."""
    fitted = list(widths)
    room = total - 2 * (len(fitted) - 1)
    while sum(fitted) > room:
        widest = max(range(len(fitted)), key=fitted.__getitem__)
        if fitted[widest] <= MIN_WIDTH:
            break
        fitted[widest] -= 1
    return fitted


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + ELLIPSIS


def to_table(answer: Answer, width: int) -> str:
    header, rows = table_rows(answer)
    cells = [tuple(printable(c) for c in header)] + [
        tuple(printable(c) for c in row) for row in rows
    ]
    widths = fit([max(len(row[i]) for row in cells) for i in range(len(header))], width)
    lines = []
    for number, row in enumerate(cells):
        line = "  ".join(clip(c, w).ljust(w) for c, w in zip(row, widths, strict=True))
        lines.append(line.rstrip())
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"
