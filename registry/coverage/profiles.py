"""Coverage profiles: named lists of security requirements, shipped as YAML data files
(`registry/coverage/profiles/*.yaml`) or written by a team in the same format.

A requirement is identified as PROFILE:ITEM (`baseline:authentication_failure`,
`pci-dss-4:10.2.1.4`). It is covered by events that list it in `covers:`, by events without
`covers:` whose category, outcomes and action words fit its `match`, by other requirements it
names in `satisfied_by` (any of them, or all with `all: true`), or by the envelope.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from registry.catalog.loading.reads import read_noted_text
from registry.catalog.model import ENVELOPE_NAMES, Event
from registry.findings.errors import RegistryError

PROFILES_DIR = Path(__file__).resolve().parent / "profiles"
SCHEMA_PATH = Path(__file__).resolve().parent / "profile.schema.json"
DEFAULT_PROFILE = "baseline"
MAX_PROFILE_BYTES = 1_000_000
"""Profiles are short lists; anything larger is not one (and would be slow to validate)."""
MAX_PROFILE_DEPTH = 32
"""A profile nests five levels deep; much deeper input is not one."""


class ProfileError(RegistryError):
    """A profile cannot be found or is invalid (exit code 2)."""


@dataclass(frozen=True, slots=True)
class Match:
    """Conditions under which an event without `covers:` covers a requirement (all must hold;
    within one condition any listed value is enough)."""

    categories: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    """Phrases of the event name's last segment, words joined by `_` (`signed_in`)."""

    def matches(self, event: Event) -> bool:
        if self.categories and event.category not in self.categories:
            return False
        if self.outcomes and not {o.value for o in event.outcomes} & set(self.outcomes):
            return False
        if self.actions:
            action = "_" + event.name.rsplit(".", 1)[-1] + "_"
            return any(f"_{phrase}_" in action for phrase in self.actions)
        return True


@dataclass(frozen=True, slots=True)
class Requirement:
    profile: str
    item: str
    title: str
    required: bool = True
    match: Match | None = None
    satisfied_by: tuple[str, ...] = ()
    all_of: bool = False
    """Every requirement of `satisfied_by` must be covered, not just one."""
    envelope: str | None = None
    """The envelope member that covers it (every event carries the envelope)."""
    hint: str | None = None
    """The event of builtin:security to add when it is not covered."""

    @property
    def id(self) -> str:
        return f"{self.profile}:{self.item}"


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    title: str
    source: str
    description: str
    requirements: tuple[Requirement, ...]
    path: str | None = None
    """The team's profile file; None for profiles shipped with registry."""


@dataclass(frozen=True, slots=True)
class ProfileSet:
    """The profiles to report on, and every profile their requirements may refer to."""

    selected: tuple[Profile, ...]
    known: tuple[Profile, ...]

    def requirements(self) -> dict[str, Requirement]:
        return {r.id: r for p in self.known for r in p.requirements}


def shipped_names() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in PROFILES_DIR.glob("*.yaml")))


@cache
def shipped_profile(name: str) -> Profile:
    path = PROFILES_DIR / f"{name}.yaml"
    if name not in shipped_names():
        raise ProfileError(
            f"unknown coverage profile {name!r}; shipped profiles: {', '.join(shipped_names())}"
            " (or give the path of a profile file)"
        )
    return _parse(path.read_text("utf-8"), f"builtin profile {name}", shipped=True)


def load_profile_file(path: Path, display: str | None = None) -> Profile:
    """A team's profile file, validated; ProfileError with a located message otherwise."""
    shown = display or str(path)
    try:
        text = read_noted_text(path)  # the lint cache keys on what rules read
    except UnicodeDecodeError:
        raise ProfileError(f"{shown}: not UTF-8 text") from None
    except OSError as error:
        raise ProfileError(f"{shown}: cannot read: {error.strerror or error}") from None
    profile = _parse(text, shown, shipped=False)
    if profile.name in shipped_names():
        raise ProfileError(
            f"{shown}: profile {profile.name!r} has the name of a shipped profile; rename it"
        )
    return profile


def load_profiles(refs: Iterable[str], base: Path | None = None) -> ProfileSet:
    """Profiles by name (shipped) or path (a team's file, relative to `base`); the default
    is the baseline. Every shipped profile is known, so team profiles may refer to them."""
    names = list(refs) or [DEFAULT_PROFILE]
    shipped = {name: shipped_profile(name) for name in shipped_names()}
    selected: list[Profile] = []
    extra: list[Profile] = []
    for ref in names:
        if ref in shipped:
            profile = shipped[ref]
        else:
            path = Path(ref) if base is None else base / ref
            if not path.is_file():
                raise ProfileError(
                    f"{ref}: neither a shipped coverage profile ({', '.join(shipped)}) nor a"
                    " profile file"
                )
            profile = load_profile_file(path, ref)
            if any(p.name == profile.name for p in extra):
                raise ProfileError(f"{ref}: profile {profile.name!r} is given twice")
            extra.append(profile)
        if profile not in selected:
            selected.append(profile)
    profiles = ProfileSet(tuple(selected), (*shipped.values(), *extra))
    _check_references(profiles)
    return profiles


def _check_references(profiles: ProfileSet) -> None:
    known = profiles.requirements()
    for profile in profiles.known:
        where = profile.path or f"builtin profile {profile.name}"
        for requirement in profile.requirements:
            for ref in requirement.satisfied_by:
                if ref not in known:
                    raise ProfileError(
                        f"{where}: requirement {requirement.item!r}: satisfied_by names"
                        f" {ref!r}, which no profile defines"
                    )
    _check_cycles(known)


def _check_cycles(known: dict[str, Requirement]) -> None:
    done: set[str] = set()

    def visit(rid: str, path: tuple[str, ...]) -> None:
        if rid in path:
            cycle = " -> ".join([*path[path.index(rid) :], rid])
            raise ProfileError(f"coverage requirements refer to each other: {cycle}")
        if rid in done:
            return
        for ref in known[rid].satisfied_by:
            visit(ref, (*path, rid))
        done.add(rid)

    for rid in known:
        visit(rid, ())


# -- parsing -------------------------------------------------------------------------------------


def _schema() -> Any:
    return json.loads(SCHEMA_PATH.read_text("utf-8"))


@cache
def _validator() -> Any:
    """The `jsonschema` validator, whose errors say what is wrong and where (imported only then:
    about 0.1 s, which every docs run paid for the shipped profiles)."""
    import jsonschema

    return jsonschema.Draft202012Validator(_schema())


@cache
def _fast_check() -> Callable[[Any], bool] | None:
    """jsonschema-rs's verdict on a profile (the check `registry lint` makes of catalogs)."""
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - jsonschema-rs is a dependency
        return None
    check: Callable[[Any], bool] = jsonschema_rs.validator_for(_schema()).is_valid
    return check


def _valid(data: Any) -> bool:
    check = _fast_check()
    if check is not None:
        try:
            return check(data)
        except (ValueError, TypeError, OverflowError):
            pass  # a value JSON has no word for (a YAML date): jsonschema decides
    return bool(_validator().is_valid(data))


def _yaml_data(text: str, display: str, *, shipped: bool) -> Any:
    """The profile's data. A shipped profile is read by libyaml (PyYAML's C loader, when
    installed) first: the pure-Python reader took about 0.1 s of every docs run for the five
    shipped profiles. Whatever the C reader refuses, and every team's file, goes through the
    pure-Python reader, whose messages and positions are the ones users see."""
    import yaml

    fast = getattr(yaml, "CSafeLoader", None) if shipped else None
    if fast is not None:
        try:
            return _checked_yaml(text, display, fast)
        except (ProfileError, yaml.YAMLError):
            pass
    return _checked_yaml(text, display, yaml.SafeLoader)


def _checked_yaml(text: str, display: str, loader: Any) -> Any:
    """`text` loaded by `loader`; ProfileError, located, for aliases, nesting too deep, input
    that is not YAML and a key given twice."""
    import yaml

    try:
        depth = 0
        for event in yaml.parse(text, Loader=loader):
            mark = event.start_mark
            where = f"{display}:{mark.line + 1}" if mark is not None else display
            if isinstance(event, yaml.AliasEvent):
                raise ProfileError(f"{where}: aliases (*name) are not allowed in profiles")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_PROFILE_DEPTH:
                    # Deeper input makes PyYAML recurse past Python's limit (and scan slowly).
                    raise ProfileError(
                        f"{where}: nesting deeper than {MAX_PROFILE_DEPTH} levels; not a profile"
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{display}:{mark.line + 1}:{mark.column + 1}" if mark else display
        problem = getattr(error, "problem", None) or str(error)
        raise ProfileError(f"{where}: not valid YAML: {problem}") from None
    duplicate = _duplicate_key(yaml.compose(text, Loader=loader))
    if duplicate is not None:
        raise ProfileError(
            f"{display}:{duplicate.start_mark.line + 1}: key {duplicate.value!r} is given twice"
        )
    return data


def _parse(text: str, display: str, *, shipped: bool) -> Profile:
    if len(text) > MAX_PROFILE_BYTES:
        raise ProfileError(f"{display}: larger than {MAX_PROFILE_BYTES} bytes; not a profile")
    data = _yaml_data(text, display, shipped=shipped)
    errors = [] if _valid(data) else list(_validator().iter_errors(data))
    if errors:
        first = min(errors, key=lambda e: list(e.absolute_path))
        line = _line_of(text, tuple(first.absolute_path))
        where = f"{display}:{line}" if line else display
        pointer = "/".join(str(p) for p in first.absolute_path) or "(top level)"
        raise ProfileError(f"{where}: {pointer}: {first.message}")
    name = data["profile"]
    requirements = []
    seen: set[str] = set()
    for index, node in enumerate(data["requirements"]):
        item = node["id"]
        if item in seen:
            line = _line_of(text, ("requirements", index, "id"))
            raise ProfileError(f"{display}:{line}: requirement {item!r} is defined twice")
        seen.add(item)
        envelope = node.get("envelope")
        if envelope is not None and envelope not in ENVELOPE_NAMES:
            line = _line_of(text, ("requirements", index, "envelope"))
            raise ProfileError(
                f"{display}:{line}: requirement {item!r}: envelope {envelope!r} is not a member"
                f" of the envelope ({', '.join(sorted(ENVELOPE_NAMES))})"
            )
        match = node.get("match")
        requirements.append(
            Requirement(
                profile=name,
                item=item,
                title=" ".join(node["title"].split()),
                required=node.get("required", True),
                match=Match(
                    tuple(match.get("categories", ())),
                    tuple(match.get("outcomes", ())),
                    tuple(match.get("actions", ())),
                )
                if match
                else None,
                satisfied_by=tuple(node.get("satisfied_by", ())),
                all_of=node.get("all", False),
                envelope=node.get("envelope"),
                hint=node.get("hint"),
            )
        )
    return Profile(
        name=name,
        title=data["title"],
        source=" ".join(str(data.get("source", "")).split()),
        description=" ".join(str(data.get("description", "")).split()),
        requirements=tuple(requirements),
        path=None if shipped else display,
    )


def _duplicate_key(root: Any) -> Any:
    """The second of two equal keys of one mapping (YAML keeps only the last), or None."""
    import yaml

    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen: set[tuple[str, str]] = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if (key.tag, key.value) in seen:
                        return key
                    seen.add((key.tag, key.value))
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return None


def _line_of(text: str, pointer: tuple[Any, ...]) -> int:
    """1-based line of the node at `pointer`, 0 when it cannot be found."""
    import yaml

    try:
        node: Any = yaml.compose(text)
    except yaml.YAMLError:
        return 0
    for part in pointer:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            node = node.value[part] if part < len(node.value) else None
        else:
            node = None
        if node is None:
            return 0
    return int(node.start_mark.line) + 1 if node is not None else 0
