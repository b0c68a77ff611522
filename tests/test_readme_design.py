"""The README's "Design" section is the map of the repository: every folder of `registry/`,
and `registry_runtime/`, `generators/` and `catalog/`, has its line there, and every line
names a folder that exists."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import REPO

TOP_LEVEL = ("registry_runtime", "generators", "catalog")


def design_section() -> str:
    text = (REPO / "README.md").read_text("utf-8")
    start = text.index("\n## Design\n")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def entries() -> dict[str, str]:
    """Folder named at the head of a list item (`- `registry/lint/`: ...`) -> the item's text."""
    items: dict[str, str] = {}
    for item in re.split(r"\n(?=- `)", design_section())[1:]:
        head = re.match(r"- `([\w/]+)/`:", item)
        assert head, f"a list item of the Design section names no folder: {item[:60]!r}"
        items[head.group(1)] = item
    return items


def folders(root: Path) -> list[Path]:
    return sorted(
        path
        for path in root.rglob("*")
        if path.is_dir() and "__pycache__" not in path.parts and not path.name.startswith(".")
    )


def test_every_folder_of_the_package_is_on_the_map() -> None:
    items = entries()
    for folder in folders(REPO / "registry"):
        parts = folder.relative_to(REPO / "registry").parts
        top = f"registry/{parts[0]}"
        assert top in items, f"README Design names no `{top}/`"
        if len(parts) > 1:
            assert f"`{folder.name}/`" in items[top], (
                f"README Design: the line of `{top}/` does not name `{folder.name}/`"
            )


def test_the_runtime_templates_and_catalogs_are_on_the_map() -> None:
    items = entries()
    for name in TOP_LEVEL:
        assert name in items, f"README Design names no `{name}/`"


def test_the_map_names_only_folders_that_exist() -> None:
    for name in entries():
        assert (REPO / name).is_dir(), f"README Design names `{name}/`, which does not exist"
