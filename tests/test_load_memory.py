"""What loading keeps in memory (issue 14): parsed documents are let go once the model is
built, unless `registry diff` asks for them; parsed keys and short strings are shared; source
texts are kept compressed and inflated a few files at a time; rules leave no cycles."""

from __future__ import annotations

import gc
import hashlib
from pathlib import Path

import pytest

from registry.catalog.load import collector_paused, load_catalog
from registry.catalog.loading import Document, load_documents
from registry.catalog.loading.compose import Limits
from registry.catalog.loading.locate import CACHED_FILES
from registry.catalog.loading.parsers import SHARED_MAX_LENGTH, YamlRsParser
from registry.catalog.loading.source import SourceFile
from registry.catalog.resolve import resolve
from registry.findings import Finding, Origin, Severity
from registry.lint.rules import LINT_RULES, RuleContext

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


def test_source_text_is_kept_compressed_and_read_back_whole(tmp_path: Path) -> None:
    text = "\ufeff-free: " + CATALOG.format(n=0) * 40 + "note: é\n"
    source = SourceFile("c.yaml", tmp_path / "c.yaml", text)
    assert source.text == text
    assert source.size == len(text.encode("utf-8"))
    assert source.digest == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert len(source._packed) < len(text) // 10  # a repetitive text: deflated well
    assert not any(isinstance(value, str) and len(value) > 100 for value in _slots(source))


def _slots(source: SourceFile) -> list[object]:
    return [getattr(source, name) for name in SourceFile.__slots__]


def test_locate_keeps_few_files_inflated_and_keeps_the_order(tmp_path: Path) -> None:
    files = CACHED_FILES * 3
    loaded = load_catalog(_write(tmp_path, files), make_config(tmp_path), keep_clean=False)
    paths = {source.fs_path.name: source.path for source in loaded.locator.sources()}
    findings = [  # each file twice, far apart
        Finding(
            paths[f"c{n}.yaml"],
            0,
            0,
            "X001",
            Severity.WARNING,
            "m",
            pointer=("events", f"user.invited_{n}", "fields", "invitee_id"),
            at_key=True,
        )
        for n in [*range(files), *reversed(range(files))]
    ]
    located = loaded.locator.locate(findings)
    assert [(f.path, f.line, f.column) for f in located] == [(f.path, 10, 7) for f in findings]
    assert len(loaded.locator._texts) <= CACHED_FILES


def test_rules_leave_no_reference_cycles(tmp_path: Path) -> None:
    """Lint pauses the cyclic collector: anything a rule leaves in a cycle (a recursive
    closure and what it holds) would stay until the run ends."""
    config = make_config(tmp_path)
    loaded = load_catalog(_write(tmp_path, 3), config, keep_clean=False)
    gc.collect()
    with collector_paused():
        for rule in LINT_RULES:
            if rule.check is None:
                continue
            options = {**rule.option_defaults(), **dict(config.rule_setting(rule.code).options)}
            list(rule.check(loaded.catalog, RuleContext(config, options)))
            assert (rule.code, gc.collect()) == (rule.code, 0)


def test_fields_share_their_mapping_origin_and_keep_their_own(tmp_path: Path) -> None:
    text = CATALOG.format(n=0) + "      note: {type: string, description: A note.}\n"
    (tmp_path / "c.yaml").write_text(text, encoding="utf-8")
    loaded = load_catalog((str(tmp_path / "c.yaml"),), make_config(tmp_path), keep_clean=False)
    (event,) = loaded.catalog.events
    first, second = event.fields
    assert first.parent is second.parent
    assert [f.origin for f in event.fields] == [
        Origin(event.origin.path, ("events", "user.invited_0", "fields", name))
        for name in ("invitee_id", "note")
    ]
    assert list(loaded.catalog.field_uses) == [(event, first), (event, second)]
    assert len(loaded.catalog.field_uses) == 2


def test_lint_sets_each_files_events_aside_packed_and_builds_the_same_catalog(
    tmp_path: Path,
) -> None:
    paths = _write(tmp_path, 3)
    checked: list[str] = []

    def check(document: Document, locator: object) -> list[Finding]:
        checked.append(document.source.path)
        assert "events" in document.data  # checked whole, before it is set aside
        return []

    loaded = load_documents(paths, keep_clean=False, check=check)
    assert len(checked) == 3
    for document in loaded.documents:
        assert document.packed is not None
        assert "events" not in document.data
        assert list(document.events()) == [f"user.invited_{document.source.path[-6]}"]
    config = make_config(tmp_path)
    lint_view = load_catalog(paths, config, keep_clean=False)
    diff_view = load_catalog(paths, config, keep_clean=True)
    assert lint_view.catalog == diff_view.catalog
    assert lint_view.findings == diff_view.findings


TYPES = """types:
  address:
    type: object
    fields:
      street: {type: string, max_length: 100}
"""
SHARED = """description: Test catalog.
owners: [team]
events:
  user.moved_{n}:
    description: A user moved to another address.
    category: deployment
    actor: [user]
    targets: [release]
    fields:
      home: {{type: address}}
      tags: {{type: list, items: {{type: string, max_length: 10}}, sensitivity: [pii, contact]}}
      note: {{type: string, max_length: 10, sensitivity: [contact, pii]}}
      where:
        type: object
        fields:
          room: {{type: string, max_length: 10}}
"""


def test_equal_tag_sets_and_list_specs_are_shared_and_each_field_used_once(
    tmp_path: Path,
) -> None:
    paths = []
    for n in range(2):
        types = TYPES if n == 0 else ""  # one declaration, used by both files' events
        (tmp_path / f"c{n}.yaml").write_text(SHARED.format(n=n) + types, "utf-8")
        paths.append(str(tmp_path / f"c{n}.yaml"))
    loaded = load_catalog(tuple(paths), make_config(tmp_path), keep_clean=False)
    assert loaded.findings == ()
    first, second = loaded.catalog.events
    assert first.field("tags").type is second.field("tags").type  # a list spec, shared
    assert first.field("tags").sensitivity is first.field("note").sensitivity
    assert first.field("note").sensitivity == {"pii", "contact"}
    uses = [(event.name, field.origin.pointer) for event, field in loaded.catalog.field_uses]
    member = ("types", "address", "fields", "street")
    assert uses == [
        *(
            (event, pointer)
            for event in ("user.moved_0", "user.moved_1")
            for pointer in [
                ("events", event, "fields", "home"),
                *([member] if event == "user.moved_0" else []),
                ("events", event, "fields", "tags"),
                ("events", event, "fields", "note"),
                ("events", event, "fields", "where"),
                ("events", event, "fields", "where", "fields", "room"),
            ]
        )
    ]


def test_rules_forget_cached_names_on_large_catalogs_with_the_same_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past `NAME_CACHE_SIZE` events the caches of names are emptied after each rule."""
    from registry.catalog.identifiers import snake
    from registry.lint import run_rules as module
    from registry.lint.rules._naming import split_name
    from registry.lint.selection import Selector

    config = make_config(tmp_path)
    catalog = load_catalog(_write(tmp_path, 3), config, keep_clean=False).catalog
    selector = Selector(config, (), ())
    kept = module.run_rules(catalog, config, selector)
    assert split_name.cache_info().currsize > 0
    monkeypatch.setattr(module, "NAME_CACHE_SIZE", 2)  # three events: "large"
    forgot = module.run_rules(catalog, config, selector)
    assert forgot == kept
    assert kept  # the comparison is of findings, not of two empty lists
    assert (split_name.cache_info().currsize, snake.cache_info().currsize) == (0, 0)


def test_events_share_equal_party_and_outcome_lists_and_fields_their_notes(
    tmp_path: Path,
) -> None:
    text = CATALOG.format(n=0) + "      note: {type: string, required: true}\n"
    text += CATALOG.format(n=1).split("events:\n", 1)[1]
    text += (
        "  user.left:\n    description: A user left.\n    category: deployment\n"
        "    actor: [release]\n    targets: [user]\n    outcomes: [success]\n"
        "    fields:\n      reason: {type: string, redact_reason: Free text.}\n"
    )
    (tmp_path / "c.yaml").write_text(text, encoding="utf-8")
    loaded = load_catalog((str(tmp_path / "c.yaml"),), make_config(tmp_path), keep_clean=False)
    first, second, third = loaded.catalog.events
    assert first.actors is second.actors
    assert first.targets is second.targets
    assert first.outcomes is second.outcomes is third.outcomes
    assert first.actors == third.targets == ("user",)
    assert first.targets == third.actors == ("release",)
    assert third.actors is first.targets  # equal lists are shared, whoever holds them
    invitee, note = first.fields
    (reason,) = third.fields
    assert [invitee.required, note.required, second.fields[0].required] == [False, True, False]
    assert invitee.notes is second.fields[0].notes is not note.notes
    assert (reason.required, reason.redact_reason) == (False, "Free text.")
    assert list(loaded.catalog.field_uses) == [
        (first, invitee),
        (first, note),
        (second, second.fields[0]),
        (third, reason),
    ]
