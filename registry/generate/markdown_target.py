"""The `markdown` target: an index, one page per domain and a rules reference, for GitHub and
MkDocs (relative links between pages; explicit anchors named after the event)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache, partial

from registry.catalog.config import Config
from registry.catalog.load import collector_paused
from registry.catalog.model import Catalog
from registry.escape.markdown import fence_for, md_code, md_escape
from registry.generate.changelog import ChangelogView, Changes, changelog_view
from registry.generate.docs_model import DocsView, FieldRow, RowLines, docs_view
from registry.generate.environment import environment, manifest


def code_span(value: object) -> str:
    """`value` as a backtick code span, so patterns read in the raw file as they are written
    (no backslash escapes): a fence longer than any run of backticks inside, padded when the
    text starts or ends with a backtick or a space, line breaks as spaces (a table cell is one
    line), and `|` as `\\|`, which GFM tables read as a pipe inside the span (Python-Markdown
    shows the backslash: docs/decisions.md)."""
    return _code_span(str(value))


@lru_cache(maxsize=1 << 16)
def _code_span(text: str) -> str:
    """`code_span` of a string; cached, as field tables repeat names, types and bounds."""
    text = text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")
    if not text:
        return ""
    fence = fence_for(text, minimum=1)
    if text[0] in "` " or text[-1] in "` ":
        text = f" {text} "
    return fence + text.replace("|", "\\|") + fence


def md_list(values: Iterable[object]) -> str:
    """The values escaped (`md_escape`) and joined by commas: what `map('md') | join(', ')`
    writes, without a filter pipeline for each of the five lists of 10,000 events (a third of
    the time of their pages once the field tables were laid out in Python)."""
    return ", ".join([md_escape(value) for value in values])


def code_list(values: Iterable[object]) -> str:
    """The values as inline code (`md_code`), joined by commas."""
    return ", ".join([md_code(value) for value in values])


FIELD_COLUMNS = (
    "Field",
    "Type",
    "Required",
    "Constraints",
    "Sensitivity",
    "Redaction",
    "Description",
)
_FIELD_HEAD = f"| {' | '.join(FIELD_COLUMNS)} |\n|{'---|' * len(FIELD_COLUMNS)}"


def field_line(row: FieldRow) -> str:
    """A field row of an event's table: name, constraint values as code spans, tags (inherited
    ones marked), the redaction the record holds."""
    required = "–" if row.required is None else "yes" if row.required else "no"
    constraints = "<br>".join(f"{md_escape(c.label)} {code_span(c.value)}" for c in row.constraints)
    tags = [md_escape(tag) for tag in row.sensitivity]
    tags += [f"{md_escape(tag)} (inherited)" for tag in row.inherited]
    description = md_escape(row.description)
    if row.deprecated:
        description += f"<br>**Deprecated:** {md_escape(row.deprecated)}"
    return (
        f"| {code_span(row.name)} | {md_escape(row.type)} | {required} | {constraints} |"
        f" {', '.join(tags) or '–'} | {md_escape(row.redaction)} | {description} |"
    )


def field_table(rows: tuple[FieldRow, ...], lines: RowLines) -> str:
    """An event's field table (no final line break). Laid out here, not in the template: as
    template code its 117,000 rows took 80% of rendering a 10,000-event catalog, and each
    row shared by events is laid out once (`RowLines`)."""
    return "\n".join([_FIELD_HEAD, *lines(rows)])


def render_view(view: DocsView, changelog: ChangelogView | None = None) -> dict[str, str]:
    with collector_paused():  # a 10,000-event page: collections cost 60% of rendering
        return _render_view(view, changelog)


def _render_view(view: DocsView, changelog: ChangelogView | None) -> dict[str, str]:
    env = environment()
    files: dict[str, str] = {}
    common = {
        "header": view.header,
        "docs": view,
        "changelog": changelog,
        "code": code_span,
        "md_list": md_list,
        "code_list": code_list,
        "field_table": partial(field_table, lines=RowLines(field_line)),
    }
    for entry in manifest("markdown")["files"]:
        if entry.get("when") == "changelog" and changelog is None:
            continue
        template = env.get_template(f"markdown/{entry['template']}")
        if entry.get("per") == "domain":
            for domain in view.domains:
                path = entry["output"].format(page=domain.page)
                files[path] = template.render(**common, domain=domain)
        else:
            files[entry["output"]] = template.render(**common)
    return files


def render(
    catalog: Catalog, config: Config, content_hash: str, changes: Changes | None = None
) -> dict[str, str]:
    """Relative path -> file text (with `changelog.md` when `changes` are given)."""
    view = docs_view(catalog, config, content_hash)
    return render_view(view, changelog_view(changes, view))
