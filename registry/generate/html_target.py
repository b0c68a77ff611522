"""The `html` target: one self-contained page (inline CSS and JS, no network, works from
file://) with search, filters, the domain x category matrix and a section per event.

Catalog text reaches the page two ways, both escaped: through Jinja's autoescaping into the
markup, and as JSON in a `<script type="application/json">` block where every `<` is written
`\\u003c`, so no catalog text can close the block. A Content-Security-Policy allows only the
page's own script (by hash), as a second line of defence.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable
from functools import lru_cache, partial

from markupsafe import Markup, escape

from registry.catalog.config import Config
from registry.catalog.load import collector_paused
from registry.catalog.model import Catalog
from registry.generate.changelog import ChangelogView, Changes, changelog_view
from registry.generate.docs_model import DocsView, FieldRow, RowLines, docs_view
from registry.generate.environment import environment, manifest, templates_dir


def script_json(value: object) -> str:
    """JSON that is safe inside a `<script>` element (no `</script>`, no `<!--`)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def search_data(view: DocsView) -> dict[str, object]:
    actors = {a: i for i, a in enumerate(view.actors)}
    tags = {t: i for i, t in enumerate(view.sensitivity_tags)}
    categories = {c: i for i, c in enumerate(view.categories)}
    events = []
    for d, domain in enumerate(view.domains):
        for event in domain.events:
            haystack = f"{event.name} {event.description}".lower()
            events.append(
                [
                    event.anchor,
                    d,
                    categories[event.category],
                    [actors[a] for a in event.actors],
                    [tags[t] for t in event.sensitivity],
                    haystack,
                ]
            )
    return {"events": events}


def shade(count: int, largest: int) -> str:
    """Cell shading for the matrices, 0 to 1, rounded so the output is stable."""
    return "0" if not count or not largest else f"{0.12 + 0.88 * count / largest:.2f}"


FIELD_COLUMNS = ("Field", "Type", "Req.", "Constraints", "Sensitivity", "Redaction", "Description")
_FIELD_HEAD = (
    '<div class="scroll"><table class="fields"><thead><tr>'
    + "".join(f"<th>{column}</th>" for column in FIELD_COLUMNS)
    + "</tr></thead><tbody>"
)
_FIELD_FOOT = "</tbody></table></div>"
_INHERITED = "inherited from an enclosing value"


@lru_cache(maxsize=1 << 16)
def _text(text: str) -> str:
    """`text` escaped as Jinja's autoescaping escapes it (`markupsafe.escape`), as a plain
    string; cached, as field tables repeat types, tags and labels (escape costs about 1 µs)."""
    return str(escape(text))


def text_list(values: Iterable[str]) -> Markup:
    """The values escaped and joined by commas: what `join(', ')` writes under autoescaping,
    without a filter call for each of the three lists of 10,000 events."""
    return Markup(", ".join([_text(value) for value in values]))


def field_line(row: FieldRow) -> str:
    """A field row of an event's table, every catalog text escaped (`_text`): indented by
    depth, tags as badges (inherited ones marked), values the record changes marked
    `redacted`."""
    required = "–" if row.required is None else "yes" if row.required else "no"
    constraints = "<br>".join(
        f"{_text(c.label)} <code>{_text(c.value)}</code>" for c in row.constraints
    )
    tags = "".join(
        f'<span class="badge" data-tag="{tag}">{tag}</span> ' for tag in map(_text, row.sensitivity)
    ) + "".join(
        f'<span class="badge inherited" data-tag="{tag}" title="{_INHERITED}">{tag} (inherited)'
        "</span> "
        for tag in map(_text, row.inherited)
    )
    redacted = ' class="redacted"' if row.redaction != "none" else ""
    description = _text(row.description)
    if row.deprecated:
        description += f" <em>Deprecated: {_text(row.deprecated)}</em>"
    return (
        f'<tr><td class="d{min(row.depth, 4)}"><code>{_text(row.name)}</code></td>'
        f"<td>{_text(row.type)}</td><td>{required}</td><td>{constraints}</td><td>{tags}</td>"
        f"<td{redacted}>{_text(row.redaction)}</td><td>{description}</td></tr>"
    )


def field_table(rows: tuple[FieldRow, ...], lines: RowLines) -> Markup:
    """An event's field table, markup (no final line break). Laid out here, not in the
    template, for speed (see `markdown_target.field_table`)."""
    return Markup("\n".join([_FIELD_HEAD, *lines(rows), _FIELD_FOOT]))


def render_view(view: DocsView, changelog: ChangelogView | None = None) -> dict[str, str]:
    with collector_paused():  # a 10,000-event page: collections cost 60% of rendering
        return _render_view(view, changelog)


def _render_view(view: DocsView, changelog: ChangelogView | None) -> dict[str, str]:
    script = (templates_dir() / "html" / "app.js").read_text("utf-8")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    env = environment(autoescape=True)
    files: dict[str, str] = {}
    tables = partial(field_table, lines=RowLines(field_line))
    for entry in manifest("html")["files"]:
        template = env.get_template(f"html/{entry['template']}")
        files[entry["output"]] = template.render(
            header=view.header,
            docs=view,
            changelog=changelog,
            shade=shade,
            data_json=script_json(search_data(view)),
            script=script,
            script_hash=f"sha256-{digest}",
            field_table=tables,
            text_list=text_list,
        )
    return files


def render(
    catalog: Catalog, config: Config, content_hash: str, changes: Changes | None = None
) -> dict[str, str]:
    """Relative path -> file text (the page gains a changelog section when `changes` are
    given)."""
    view = docs_view(catalog, config, content_hash)
    return render_view(view, changelog_view(changes, view))
