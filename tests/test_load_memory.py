"""What loading keeps in memory (issue 14): parsed documents are let go once the model is
built, unless `registry diff` asks for them; parsed keys and short strings are shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from registry.catalog.load import load_catalog
from registry.catalog.loading import Document, load_documents
from registry.catalog.loading.compose import Limits
from registry.catalog.loading.parsers import SHARED_MAX_LENGTH, YamlRsParser
from registry.catalog.loading.source import SourceFile
from registry.catalog.resolve import resolve
from registry.findings import Finding

from conftest import make_config

CATALOG = """description: Test catalog.
owners: [team]
events:
  user.invited_{n}:
    description: A user invited another user to the workspace.
    category: deployment
    actor: [user]
    targets: [release]
    fields:
      invitee_id: {{type: string, description: Who was invited.}}
"""


def _write(tmp_path: Path, files: int) -> tuple[str, ...]:
    paths = []
    for n in range(files):
        path = tmp_path / f"c{n}.yaml"
        path.write_text(CATALOG.format(n=n), encoding="utf-8")
        paths.append(str(path))
    return tuple(paths)


@pytest.mark.parametrize(("keep_clean", "kept"), [(True, 2), (False, 0)])
def test_load_keeps_parsed_data_only_when_asked(
    tmp_path: Path, keep_clean: bool, kept: int
) -> None:
    loaded = load_catalog(_write(tmp_path, 2), make_config(tmp_path), keep_clean=keep_clean)
    assert len(loaded.clean) == kept
    assert [e.name for e in loaded.catalog.events] == ["user.invited_0", "user.invited_1"]


@pytest.mark.parametrize("release", [False, True])
def test_resolve_releases_documents_only_when_asked(tmp_path: Path, release: bool) -> None:
    config = make_config(tmp_path)
    loaded = load_documents(_write(tmp_path, 3))
    documents = list(loaded.documents)

    def fetch(ref: str, includer: Document) -> tuple[Document | None, list[Finding]]:
        return None, []

    catalog, _ = resolve(documents, config, fetch, loaded.locator.position, release=release)
    reference, _ = resolve(loaded.documents, config, fetch, loaded.locator.position)
    assert catalog == reference
    assert len(documents) == (0 if release else 3)


def test_parsed_keys_and_short_strings_are_one_object_across_files(tmp_path: Path) -> None:
    parser = YamlRsParser()
    long_text = "x" * (SHARED_MAX_LENGTH + 1)
    text = CATALOG.format(n=0) + f"      note: {{type: string, description: {long_text}}}\n"
    first, second = (
        parser.parse(SourceFile(f"{name}.yaml", tmp_path / name, text), Limits()).data
        for name in ("a", "b")
    )
    a_fields = first["events"]["user.invited_0"]["fields"]
    b_fields = second["events"]["user.invited_0"]["fields"]
    a_key, b_key = next(iter(a_fields)), next(iter(b_fields))
    assert a_key == "invitee_id"
    assert a_key is b_key
    assert a_fields["invitee_id"]["type"] is b_fields["invitee_id"]["type"]
    a_long, b_long = a_fields["note"]["description"], b_fields["note"]["description"]
    assert a_long == b_long == long_text
    assert a_long is not b_long
