"""`registry query --format html`: the answer as one self-contained timeline page.

The page has the docs site's look (its stylesheet, `generators/html/style.css`, read from the
installed `registry.generators` package: this stage sits below `registry.generate` and reads
the file, not that module), no external resource, and a Content-Security-Policy that allows
its own style and script only, by hash. Record values are hostile: they reach the page only
through Jinja's autoescaping, after `printable` has written control, format and bidi
characters as visible escapes, so no value can add markup, run script or reorder the text
around it. The search box filters rows by their text (`textContent`, never markup).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any, Final

from registry.escape.terminal import plural, printable
from registry.query.engine import Answer
from registry.query.output import actor_text, cell_text

TEMPLATE: Final = "timeline.html.j2"
SCRIPT: Final = """\
const q = document.getElementById("ui.q");
const count = document.getElementById("ui.count");
const rows = Array.from(document.querySelectorAll("tbody tr"));
function search() {
  const words = q.value.toLowerCase().split(/\\s+/).filter(Boolean);
  let shown = 0;
  for (const row of rows) {
    const text = row.textContent.toLowerCase();
    row.hidden = !words.every((w) => text.includes(w));
    if (!row.hidden) shown += 1;
  }
  count.textContent = `${shown} of ${rows.length} rows`;
}
q.addEventListener("input", search);
"""
STYLE: Final = """\
table.timeline { width: 100%; font-size: 13px; margin: 6px 0 16px; }
table.timeline th, table.timeline td { border: 1px solid var(--line); padding: 3px 6px; \
text-align: left; vertical-align: top; overflow-wrap: anywhere; }
table.timeline th { background: #f6f8fa; position: sticky; top: 0; }
table.timeline td.time { white-space: nowrap; font-family: ui-monospace, monospace; }
table.timeline .what { display: block; color: var(--muted); font-size: 12px; }
table.timeline tr.failure td.outcome { color: #b42318; font-weight: 600; }
table.timeline tr.success td.outcome { color: #1a7f37; }
"""


@dataclass(frozen=True, slots=True)
class Entry:
    """One record on the timeline, every value already text."""

    time: str
    event: str
    description: str
    actor: str
    targets: str
    outcome: str
    reason: str
    tenant: str
    record_id: str
    proven: bool | None
    """With `--verify`: whether the record is proven (None: not verified)."""


@dataclass(frozen=True, slots=True)
class Page:
    """What the template lays out: a timeline of whole records, or (for `--sql`) a table."""

    title: str
    summary: str
    entries: tuple[Entry, ...]
    header: tuple[str, ...]
    cells: tuple[tuple[str, ...], ...]
    verified: bool = False


def _text(value: Any) -> str:
    return printable(cell_text(value))


def page_view(answer: Answer, descriptions: Mapping[str, str], title: str) -> Page:
    """The view-model: whole records become timeline entries (actor and targets as TYPE:ID,
    the catalog's description under the event name); any other answer stays a table."""
    at = {name: i for i, name in enumerate(answer.columns)}
    if not {"occurred_at", "event", "actor_type", "actor_id", "targets", "outcome"} <= set(at):
        cells = tuple(tuple(_text(v) for v in row) for row in answer.rows)
        summary = f"{plural(len(cells), 'row')}."
        return Page(title, summary, (), tuple(printable(c) for c in answer.columns), cells)
    entries = []
    for row in answer.rows:

        def get(name: str, row: tuple[Any, ...] = row) -> Any:
            return row[at[name]] if name in at else None

        event = cell_text(get("event"))
        entries.append(
            Entry(
                time=_text(get("occurred_at")),
                event=printable(event),
                description=printable(descriptions.get(event, "")),
                actor=printable(actor_text(get("actor_type"), get("actor_id"))),
                targets=_text(get("targets")),
                outcome=_text(get("outcome")),
                reason=_text(get("reason")),
                tenant=_text(get("tenant")),
                record_id=_text(get("id")),
                proven=None if get("proven") is None else bool(get("proven")),
            )
        )
    summary = f"{plural(len(entries), 'record')}, oldest first."
    verified = "proven" in at
    if verified:
        unproven = sum(1 for e in entries if not e.proven)
        summary += f" Verified: {plural(unproven, 'record')} not proven."
    return Page(title, summary, tuple(entries), (), (), verified)


def csp_hash(text: str) -> str:
    """The CSP hash of an inline element's text: `sha256-...`."""
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"sha256-{digest}"


def docs_stylesheet() -> str:
    """The docs site's stylesheet, from the installed templates of the `html` target."""
    return (files("registry.generators") / "html" / "style.css").read_text("utf-8")


def render(
    answer: Answer,
    descriptions: Mapping[str, str] | None = None,
    title: str = "Audit trail",
) -> str:
    """The page's HTML text."""
    import jinja2

    style = docs_stylesheet() + STYLE
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).parent)),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env.get_template(TEMPLATE).render(
        page=page_view(answer, descriptions or {}, title),
        style=style,
        script=SCRIPT,
        style_hash=csp_hash(style),
        script_hash=csp_hash(SCRIPT),
    )
