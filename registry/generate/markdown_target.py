"""The `markdown` target: an index, one page per domain and a rules reference, for GitHub and
MkDocs (relative links between pages; explicit anchors named after the event)."""

from __future__ import annotations

from registry.config import Config
from registry.generate.docs_model import DocsView, docs_view
from registry.generate.environment import environment, manifest
from registry.model import Catalog


def render_view(view: DocsView) -> dict[str, str]:
    env = environment()
    files: dict[str, str] = {}
    for entry in manifest("markdown")["files"]:
        template = env.get_template(f"markdown/{entry['template']}")
        if entry.get("per") == "domain":
            for domain in view.domains:
                path = entry["output"].format(page=domain.page)
                files[path] = template.render(header=view.header, docs=view, domain=domain)
        else:
            files[entry["output"]] = template.render(header=view.header, docs=view)
    return files


def render(catalog: Catalog, config: Config, content_hash: str) -> dict[str, str]:
    """Relative path -> file text."""
    return render_view(docs_view(catalog, config, content_hash))
