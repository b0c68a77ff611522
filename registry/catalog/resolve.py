"""Turn validated documents into the typed Catalog model, with R-findings.

Resolution is tolerant: parts the schema already rejected are skipped, never guessed,
so one bad event does not hide the findings of the others.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from registry.catalog.config import Config
from registry.catalog.loading import Document
from registry.catalog.loading.source import SourceFile
from registry.catalog.model import (
    BUILTIN_KINDS,
    Catalog,
    CatalogFile,
    Deprecation,
    Event,
    Field,
    FieldUses,
    Kind,
    NamedType,
    Outcome,
    Redaction,
    Suppression,
    TypeSpec,
)
from registry.catalog.pattern_position import column_in_scalar
from registry.catalog.patterns import slow_pattern
from registry.catalog.usable_pattern import pattern_problem
from registry.findings import Finding, Origin, Pointer, finding_at
from registry.findings.codes import (
    DUPLICATE_EVENT,
    DUPLICATE_TYPE,
    INCLUDE_CYCLE,
    INVALID_PATTERN,
    MISSING_INCLUDE,
    SLOW_PATTERN,
    TYPE_CYCLE,
    UNKNOWN_TYPE,
)

BUILTIN_PREFIX = "builtin:"
_BUILTIN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
_BUILTIN_SPECS = {kind.value: TypeSpec(kind) for kind in Kind}
_PLAIN_KEYS = frozenset({"type", "required", "description", "redact_reason", "deprecated", "lint"})
_REDACTIONS = frozenset(r.value for r in Redaction)

Fetch = Callable[[str, Document], tuple[Document | None, list[Finding]]]
"""Load (and schema-check) an included catalog, given the include text and the includer."""
Position = Callable[[str, Pointer, bool], tuple[int, int]]


@dataclass(slots=True)
class _State:
    config: Config
    position: Position
    findings: list[Finding] = field(default_factory=list)
    raw_types: dict[str, tuple[Any, Origin]] = field(default_factory=dict)
    types: dict[str, TypeSpec] = field(default_factory=dict)
    resolving: list[str] = field(default_factory=list)
    builtin_paths: set[str] = field(default_factory=set)
    broken: set[str] = field(default_factory=set)
    """Named types already reported as unresolvable (reported once, not at every use)."""
    specs: dict[str, TypeSpec] = field(default_factory=dict)
    """TypeSpecs already built, by the type node's content (see `_spec_key`)."""
    tag_sets: dict[frozenset[str], frozenset[str]] = field(default_factory=dict)
    """Each distinct set of sensitivity tags, shared by the TypeSpecs that have it."""
    name_lists: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    """Each distinct list of actors, targets or outcomes, shared by the events that have it:
    three tuples per event took 0.15 KB of a large catalog's (issue 14)."""
    outcome_lists: dict[tuple[Outcome, ...], tuple[Outcome, ...]] = field(default_factory=dict)
    """Apart from `name_lists`: an Outcome equals its string, so the two would mix."""
    sources: dict[str, SourceFile] = field(default_factory=dict)
    """Source file by path, to point inside a pattern scalar (its text is read only then)."""
    lines: dict[str, list[str]] = field(default_factory=dict)

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)

    def shared(self, names: tuple[str, ...]) -> tuple[str, ...]:
        """`names`, or the equal tuple seen before."""
        return self.name_lists.setdefault(names, names)

    def where(self, origin: Origin) -> str:
        line, _ = self.position(origin.path, origin.pointer, True)
        return f"{origin.path}:{line}"


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _names(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(v for v in value if isinstance(v, str))
    return ()


def _suppressions(node: Any, origin: Origin) -> tuple[Suppression, ...]:
    lint = node.get("lint") if isinstance(node, dict) else None
    entries = lint.get("ignore") if isinstance(lint, dict) else None
    if not isinstance(entries, list):
        return ()
    found = []
    for index, entry in enumerate(entries):
        if isinstance(entry, dict) and isinstance(entry.get("rule"), str):
            reason = entry.get("reason")
            found.append(
                Suppression(
                    entry["rule"],
                    reason if isinstance(reason, str) else "",
                    Origin(origin.path, (*origin.pointer, "lint", "ignore", index)),
                )
            )
    return tuple(found)


def _deprecation(node: Any, origin: Origin) -> Deprecation | None:
    value = node.get("deprecated") if isinstance(node, dict) else None
    if not isinstance(value, dict) or not isinstance(value.get("reason"), str):
        return None
    since = value.get("since")
    return Deprecation(
        value["reason"],
        _text(value.get("replaced_by")),
        str(since) if since is not None else None,
        Origin(origin.path, (*origin.pointer, "deprecated")),
    )


# -- includes -------------------------------------------------------------------------------


def builtin_catalog_dir() -> Path:
    """Where the shipped catalogs are: inside the installed package, or `catalog/` in a
    source checkout installed in editable mode."""
    package = Path(__file__).resolve().parent.parent  # registry/
    installed = package / "builtin_catalog"
    return installed if installed.is_dir() else package.parent / "catalog"


def include_target(ref: str, includer: Document) -> Path:
    """The file an `include` entry points to."""
    if ref.startswith(BUILTIN_PREFIX):
        name = ref[len(BUILTIN_PREFIX) :]
        base = builtin_catalog_dir()
        for suffix in (".yaml", ".yml"):
            if (base / f"{name}{suffix}").is_file():
                return base / f"{name}{suffix}"
        return base / name
    return (includer.source.fs_path.parent / ref).resolve()


def _collect_includes(documents: list[Document], fetch: Fetch, state: _State) -> list[Document]:
    by_path = {doc.source.fs_path.resolve(): doc for doc in documents}
    graph: dict[Path, list[tuple[Path, Origin]]] = {}
    queue = list(documents)
    while queue:
        doc = queue.pop(0)
        here = doc.source.fs_path.resolve()
        includes = doc.data.get("include") if isinstance(doc.data, dict) else None
        edges = graph.setdefault(here, [])
        for index, ref in enumerate(includes if isinstance(includes, list) else []):
            if not isinstance(ref, str):
                continue
            origin = Origin(doc.source.path, ("include", index))
            if ref.startswith(BUILTIN_PREFIX) and not _BUILTIN_NAME.fullmatch(
                ref[len(BUILTIN_PREFIX) :]
            ):
                # `builtin:../x` would reach any file, and findings in built-in catalogs
                # are not reported: a way to hide a catalog from the lint.
                state.add(
                    finding_at(
                        origin,
                        MISSING_INCLUDE,
                        f"{ref!r} is not a built-in catalog: builtin: takes a plain name",
                        hint="for example builtin:security; include your own files by path",
                    )
                )
                continue
            if "\x00" in ref:  # no file system takes it (Path.resolve raises ValueError)
                state.add(
                    finding_at(
                        origin, MISSING_INCLUDE, f"{ref!r} is not a path: it holds a NUL character"
                    )
                )
                continue
            target = include_target(ref, doc)
            edges.append((target, origin))
            if target in by_path:
                continue
            included, problems = fetch(ref, doc)
            if included is None:
                state.add(
                    finding_at(
                        origin,
                        MISSING_INCLUDE,
                        f"included catalog {ref!r} not found or unreadable",
                        hint=_first_message(problems),
                    )
                )
                continue
            state.findings.extend(problems)
            if ref.startswith(BUILTIN_PREFIX):
                state.builtin_paths.add(included.source.path)
            by_path[target] = included
            queue.append(included)
    _report_cycles(graph, state)
    return list(by_path.values())


def _first_message(findings: list[Finding]) -> str | None:
    return findings[0].message if findings else None


def _report_cycles(graph: dict[Path, list[tuple[Path, Origin]]], state: _State) -> None:
    done: set[Path] = set()
    for start in sorted(graph):
        stack: list[tuple[Path, int]] = [(start, 0)]
        on_path = [start]
        while stack:
            node, index = stack[-1]
            edges = graph.get(node, [])
            if index >= len(edges) or node in done:
                stack.pop()
                on_path.pop()
                done.add(node)
                continue
            stack[-1] = (node, index + 1)
            target, origin = edges[index]
            if target in on_path:
                cycle = [p.name for p in on_path[on_path.index(target) :]] + [target.name]
                state.add(finding_at(origin, INCLUDE_CYCLE, "include cycle: " + " -> ".join(cycle)))
            elif target not in done and target in graph:
                stack.append((target, 0))
                on_path.append(target)


# -- types ----------------------------------------------------------------------------------


def _spec(node: Any, origin: Origin, state: _State) -> TypeSpec | None:
    """A TypeSpec from a field or type node; None when the node is unusable."""
    if isinstance(node, str):
        node = {"type": node}
    if not isinstance(node, dict) or not isinstance(node.get("type"), str):
        return None
    type_name = node["type"]
    base: TypeSpec | None
    if type_name in BUILTIN_KINDS:
        base = _BUILTIN_SPECS[type_name]
    else:
        base = _named(type_name, Origin(origin.path, (*origin.pointer, "type")), state)
        if base is None:
            return None
    if node.keys() <= _PLAIN_KEYS:
        # Only the type and per-field keys: the base spec as it is (the common case).
        description = node.get("description")
        if not isinstance(description, str) or description == base.description:
            return base
    key = _spec_key(node)
    built = state.specs.get(key) if key is not None else None
    if built is None:
        reported = len(state.findings)
        built = _build_spec(node, type_name, base, origin, state)
        if key is not None and len(state.findings) == reported:  # R008 is per node
            state.specs[key] = built
    return built


def _spec_key(node: dict[str, Any]) -> str | None:
    """The content of a type node as a key: a TypeSpec can be shared by every node equal to
    it (catalogs repeat the same field spec many times). `repr` tells 1, 1.0, True and -0.0
    apart and is the cheapest such key for the plain data a parser returns. None for nodes
    with members (`fields`, at any depth of `items`: their Fields carry their own origins)."""
    if "fields" in node:
        return None
    key = repr(node)
    if "items" in node and "'fields'" in key:
        return None
    return key


def _check_pattern(pattern: str, origin: Origin, state: _State) -> None:
    """R008 for a pattern that does not compile, else R013 for one that can take
    super-linear time, at its quantifier when the scalar's text tells where that is."""
    problem = pattern_problem(pattern)
    if problem is not None:
        state.add(finding_at(origin, INVALID_PATTERN, problem))
        return
    slow = slow_pattern(pattern)
    if slow is None:
        return
    finding = finding_at(origin, SLOW_PATTERN, slow.message, hint=slow.hint)
    source = state.sources.get(origin.path)
    if slow.offset is not None and source is not None:
        line, column = state.position(origin.path, origin.pointer, False)
        lines = state.lines.get(origin.path)
        if lines is None:
            lines = source.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
            state.lines[origin.path] = lines
        inside = (
            column_in_scalar(lines[line - 1], column, pattern, slow.offset)
            if 0 < line <= len(lines)
            else None
        )
        if inside is not None:
            finding = dataclasses.replace(finding, line=line, column=inside)
    state.add(finding)


def _build_spec(
    node: dict[str, Any], type_name: str, base: TypeSpec, origin: Origin, state: _State
) -> TypeSpec:
    if node.keys() <= _PLAIN_KEYS:
        return dataclasses.replace(base, description=node["description"])
    pattern = _text(node.get("pattern"))
    if pattern is not None:
        _check_pattern(pattern, Origin(origin.path, (*origin.pointer, "pattern")), state)
    items = None
    if "items" in node:
        items = _spec(node["items"], Origin(origin.path, (*origin.pointer, "items")), state)
    fields = base.fields
    if isinstance(node.get("fields"), dict):
        fields = _fields(node["fields"], Origin(origin.path, (*origin.pointer, "fields")), state)
    values = node.get("values")
    redact = node.get("redact")
    examples = node.get("examples")
    return TypeSpec(
        kind=base.kind,
        type_name=base.type_name if type_name in BUILTIN_KINDS else type_name,
        pattern=pattern if pattern is not None else base.pattern,
        format=_text(node.get("format")) or base.format,
        minimum=_number(node.get("min"), base.minimum),
        maximum=_number(node.get("max"), base.maximum),
        max_length=node["max_length"]
        if isinstance(node.get("max_length"), int)
        else base.max_length,
        values=tuple(v for v in values if isinstance(v, (str, int)))
        if isinstance(values, list)
        else base.values,
        items=items or base.items,
        fields=fields,
        sensitivity=_sensitivity(base.sensitivity, node.get("sensitivity"), state),
        redact=Redaction(redact)
        if isinstance(redact, str) and redact in _REDACTIONS
        else base.redact,
        description=_text(node.get("description")) or base.description,
        examples=tuple(examples) if isinstance(examples, list) else base.examples,
    )


def _sensitivity(base: frozenset[str], value: Any, state: _State) -> frozenset[str]:
    """`base` with the tags of `value`, one frozenset for each set of tags: catalogs repeat a
    few sets on many fields (issue 14: 0.3 KB per event of equal sets)."""
    tags = base | frozenset(_names(value))
    return state.tag_sets.setdefault(tags, tags)


def _number(value: Any, default: float | None) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return default


def _named(name: str, origin: Origin, state: _State) -> TypeSpec | None:
    if name in state.types:
        return state.types[name]
    if name in state.broken:
        return None
    if name not in state.raw_types:
        known = sorted(state.raw_types)
        import difflib

        close = difflib.get_close_matches(name, [*BUILTIN_KINDS, *known], n=1)
        state.add(
            finding_at(
                origin,
                UNKNOWN_TYPE,
                f"unknown type {name!r}",
                hint=f"did you mean {close[0]!r}?"
                if close
                else "use a built-in type or declare it under `types:`",
            )
        )
        return None
    if name in state.resolving:
        cycle = " -> ".join([*state.resolving[state.resolving.index(name) :], name])
        state.add(finding_at(origin, TYPE_CYCLE, f"type definitions refer to each other: {cycle}"))
        return None
    node, type_origin = state.raw_types[name]
    state.resolving.append(name)
    spec = _spec(node, type_origin, state)
    state.resolving.pop()
    if spec is None:
        state.broken.add(name)
        return None
    spec = dataclasses.replace(spec, type_name=name)
    state.types[name] = spec
    return spec


def _fields(node: dict[str, Any], origin: Origin, state: _State) -> tuple[Field, ...]:
    fields = []
    for name, value in node.items():
        field_origin = Origin(origin.path, (*origin.pointer, name))
        spec = _spec(value, field_origin, state)
        if spec is None:
            continue
        raw = value if isinstance(value, dict) else {}
        fields.append(
            Field(
                name=name,
                type=spec,
                required=raw.get("required") is True,
                description=_text(raw.get("description")) or spec.description,
                parent=origin,
                redact_reason=_text(raw.get("redact_reason")),
                deprecated=_deprecation(raw, field_origin),
                suppressions=_suppressions(raw, field_origin),
            )
        )
    return tuple(fields)


# -- events ---------------------------------------------------------------------------------


def _event(name: str, node: Any, domain: str, origin: Origin, state: _State) -> Event | None:
    if not isinstance(node, dict):
        return None
    fields_node = node.get("fields")
    fields = (
        _fields(fields_node, Origin(origin.path, (*origin.pointer, "fields")), state)
        if isinstance(fields_node, dict)
        else ()
    )
    outcomes = tuple(
        Outcome(o) for o in _names(node.get("outcomes")) if o in Outcome.__members__.values()
    ) or (Outcome.SUCCESS,)
    version = node.get("version")
    metadata = node.get("metadata")
    return Event(
        name=name,
        domain=domain,
        description=_text(node.get("description")),
        category=_text(node.get("category")),
        actors=state.shared(_names(node.get("actor"))),
        targets=state.shared(_names(node.get("targets"))),
        outcomes=state.outcome_lists.setdefault(outcomes, outcomes),
        version=version if isinstance(version, int) and not isinstance(version, bool) else 1,
        fields=fields,
        origin=origin,
        deprecated=_deprecation(node, origin),
        suppressions=_suppressions(node, origin),
        metadata=tuple(sorted(metadata.items())) if isinstance(metadata, dict) else (),
        failure_reasons=_names(node.get("failure_reasons")),
        targets_declared="targets" in node,
        covers=_names(node["covers"]) if isinstance(node.get("covers"), list) else None,
        xref=_xref(node.get("xref")),
    )


def _xref(node: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Cross-references as (key, values) in the order written; one value or a list."""
    if not isinstance(node, dict):
        return ()
    return tuple((k, v) for k, v in ((k, _names(v)) for k, v in node.items()) if v)


def resolve(
    documents: Iterable[Document],
    config: Config,
    fetch: Fetch,
    position: Position,
    reuse: Callable[[Document], Mapping[str, Event] | None] | None = None,
    *,
    release: bool = False,
) -> tuple[Catalog, list[Finding]]:
    """The typed model of `documents`. `reuse` may offer already resolved events for a
    document (see `registry.catalog.reuse`); they are taken instead of resolving the nodes again.

    `release`: `documents` is a list that this call empties, and each file's document is let
    go as soon as its events are built: when the caller holds no other reference, a file's
    parsed data (more memory than its model, issue 14) is freed then, not at the end."""
    state = _State(config, position)
    docs = _collect_includes(list(documents), fetch, state)
    if release and isinstance(documents, list):
        documents.clear()
    state.sources = {doc.source.path: doc.source for doc in docs}
    type_homes: dict[str, Origin] = {}
    for doc in docs:
        types = doc.data.get("types") if isinstance(doc.data, dict) else None
        for name, node in types.items() if isinstance(types, dict) else ():
            origin = Origin(doc.source.path, ("types", name))
            if name in type_homes:
                state.add(
                    finding_at(
                        origin,
                        DUPLICATE_TYPE,
                        f"type {name!r} is declared twice"
                        f" (first at {state.where(type_homes[name])})",
                        at_key=True,
                    )
                )
                continue
            type_homes[name] = origin
            state.raw_types[name] = (node, origin)
    for name, (_, origin) in state.raw_types.items():
        _named(name, origin, state)
    files: list[CatalogFile] = []
    events: dict[str, Event] = {}
    for doc in _handed_out(docs, release):
        data = doc.data if isinstance(doc.data, dict) else {}
        path = doc.source.path
        domain = _text(data.get("domain")) or _stem(path)
        is_builtin = path in state.builtin_paths
        files.append(
            CatalogFile(
                path=path,
                domain=domain,
                description=_text(data.get("description")),
                owners=_names(data.get("owners")),
                includes=_names(data.get("include")),
                origin=Origin(path),
                suppressions=_suppressions(data, Origin(path)),
                builtin=is_builtin,
                compatibility=_text(data.get("compatibility")),
            )
        )
        nodes = doc.events()
        known = reuse(doc) if reuse is not None else None
        for name, node in nodes.items() if isinstance(nodes, dict) else ():
            origin = Origin(path, ("events", name))
            event = known.get(name) if known else None
            if event is None:
                event = _event(name, node, domain, origin, state)
            if event is None:
                continue
            if name in events:
                state.add(
                    finding_at(
                        origin,
                        DUPLICATE_EVENT,
                        f"event {name!r} is defined twice (first at"
                        f" {state.where(events[name].origin)})",
                        event=name,
                        at_key=True,
                    )
                )
                continue
            events[name] = event
    ordered = tuple(sorted(events.values(), key=lambda e: e.name))
    catalog = Catalog(
        files=tuple(files),
        events=ordered,
        types=tuple(NamedType(n, s, type_homes[n]) for n, s in sorted(state.types.items())),
        field_uses=_field_uses(ordered),
    )
    return catalog, state.findings


def _handed_out(docs: list[Document], release: bool) -> Iterator[Document]:
    """`docs` in order; with `release`, each is taken out of `docs` as it is handed out."""
    if not release:
        yield from docs
        return
    docs.reverse()
    while docs:
        yield docs.pop()


def _field_uses(events: tuple[Event, ...]) -> FieldUses:
    """Each field once, by origin (parent and name). Only members of named types (under
    `types`) can be reached from several events; a field written under an event belongs to
    that event alone, so only the former are remembered: a key per field made 1.17 million
    tuples at 100,000 events, freed at once, and left 76 MB free but resident (issue 14)."""
    seen: set[tuple[Origin, str]] = set()
    users: list[Event] = []
    counts: list[int] = []
    uses: list[Field] = []
    for event in events:
        before = len(uses)
        stack = list(reversed(event.fields))
        while stack:
            field = stack.pop()
            if field.parent.pointer[:1] != ("events",):
                key = (field.parent, field.name)
                if key in seen:
                    continue
                seen.add(key)
            uses.append(field)
            members: list[Field] = list(field.type.fields)
            items = field.type.items
            while items is not None:
                members.extend(items.fields)
                items = items.items
            stack.extend(reversed(members))
        if len(uses) > before:
            users.append(event)
            counts.append(len(uses) - before)
    return FieldUses(tuple(users), tuple(counts), tuple(uses))


def _stem(path: str) -> str:
    return re.sub(r"[^a-z0-9_]", "_", PurePath(path).stem.lower()) or "catalog"
