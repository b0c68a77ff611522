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

from registry.catalog.config import Config
from registry.catalog.load import collector_paused
from registry.catalog.model import Catalog
from registry.generate.changelog import ChangelogView, Changes, changelog_view
from registry.generate.docs_model import DocsView, docs_view
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


def render_view(view: DocsView, changelog: ChangelogView | None = None) -> dict[str, str]:
    with collector_paused():  # a 10,000-event page: collections cost 60% of rendering
        return _render_view(view, changelog)


def _render_view(view: DocsView, changelog: ChangelogView | None) -> dict[str, str]:
    script = (templates_dir() / "html" / "app.js").read_text("utf-8")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    env = environment(autoescape=True)
    files: dict[str, str] = {}
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
        )
    return files


def render(
    catalog: Catalog, config: Config, content_hash: str, changes: Changes | None = None
) -> dict[str, str]:
    """Relative path -> file text (the page gains a changelog section when `changes` are
    given)."""
    view = docs_view(catalog, config, content_hash)
    return render_view(view, changelog_view(changes, view))
