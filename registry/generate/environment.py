"""The Jinja environment shared by all targets: templates from the installed package,
strict undefined names, one place for filters."""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from markupsafe import escape

from registry.escape.markdown import fence_for, md_code, md_escape
from registry.generate.literals import py_literal


def templates_dir() -> Path:
    """generators/ inside the installed package, or in the source checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "generators"
    return installed if installed.is_dir() else package.parent / "generators"


@cache
def environment(autoescape: bool = False) -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=autoescape,
    )
    if autoescape:
        env.template_class = _remembering_template()
    env.filters["pyliteral"] = py_literal
    env.filters["md"] = md_escape
    env.filters["md_code"] = md_code
    env.filters["fence"] = fence_for
    return env


def manifest(target: str) -> dict[str, Any]:
    from registry.catalog.loading.compose import compose

    path = templates_dir() / target / "manifest.yaml"
    data: dict[str, Any] = compose(path.read_text("utf-8"), str(path)).data
    return data


def _remembering_template() -> Any:
    """A template class whose autoescaping remembers the strings it escaped: a page of
    10,000 events escapes the same type names, tags and field names over a million times.
    Autoescaped output goes through the name `escape` of the template's compiled module;
    each template loaded gets the remembering one there instead (same results)."""
    import jinja2

    class RememberingTemplate(jinja2.Template):
        @classmethod
        def from_code(cls, *args: Any, **kwargs: Any) -> Any:
            template = super().from_code(*args, **kwargs)
            template.root_render_func.__globals__["escape"] = _escape
            return template

    return RememberingTemplate


def _escape(value: object) -> Any:
    return _escaped(value) if type(value) is str else escape(value)


@lru_cache(maxsize=1 << 16)
def _escaped(text: str) -> Any:
    return escape(text)
