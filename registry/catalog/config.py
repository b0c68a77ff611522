"""Configuration: `registry.yaml` or `[tool.registry]` in pyproject.toml, over a preset.

Validated by its own JSON Schema; problems are located findings. Errors stop the run
(exit 2), unknown keys are warnings. Paths the configuration names (`catalogs`, `templates`,
`record_access`) are relative to the directory of the configuration file.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from registry.catalog.loading.compose import Limits, compose
from registry.catalog.usable_pattern import pattern_problem
from registry.findings import Finding, Pointer, Severity, finding_at_line
from registry.findings.codes import (
    AMBIGUOUS_NUMBER,
    INVALID_CONFIG,
    UNKNOWN_CONFIG_KEY,
    UNKNOWN_KEY,
    Code,
    KnownCodes,
)
from registry.findings.errors import ConfigError

CONFIG_FILES = ("registry.yaml", ".registry.yaml")
PRESETS = ("default", "strict", "okta")
SNAKE_SEGMENT = r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*"
CASE_SEGMENTS = {
    "snake": SNAKE_SEGMENT,
    "camel": r"[a-z][a-zA-Z0-9]*",
    "kebab": r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*",
}
RuleSeverity = Severity | Literal["off"]
_CODE = re.compile(r"[A-Z][0-9]{0,3}")


@dataclass(frozen=True, slots=True)
class Naming:
    event_pattern: str = rf"^{SNAKE_SEGMENT}(?:\.{SNAKE_SEGMENT})*$"
    min_segments: int = 2
    max_segments: int = 3
    namespaces: tuple[str, ...] = ()
    verb_tense: Literal["past", "base", "any"] = "past"
    past_verbs: tuple[str, ...] = ()
    base_verbs: tuple[str, ...] = ()
    reserved_words: tuple[str, ...] = ()
    max_length: int = 64
    field_pattern: str = rf"^{SNAKE_SEGMENT}$"
    vague_actions: tuple[str, ...] = ()
    noise_words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Vocabularies:
    categories: tuple[str, ...] = ()
    actor_types: tuple[str, ...] = ()
    target_types: tuple[str, ...] = ()
    sensitivity: tuple[tuple[str, str], ...] = (
        ("pii", "hash"),
        ("quasi_identifier", "hash"),
        ("special_category", "drop"),
        ("financial", "mask"),
        ("credential", "drop"),
        ("confidential", "hash"),
    )
    """(tag, default redaction) pairs."""


@dataclass(frozen=True, slots=True)
class RuleSetting:
    severity: RuleSeverity | None = None
    options: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class TemplatePack:
    """A `templates:` entry: a template pack and the directory it renders into."""

    pack: Path
    out: Path


@dataclass(frozen=True, slots=True)
class Config:
    root: Path = field(default_factory=Path.cwd)
    source: str | None = None
    catalogs: tuple[str, ...] = ()
    parser: str = "yaml-rs"
    strict: bool = False
    compatibility: str = "backward"
    """How `registry diff` decides what breaks: backward, forward, full or none."""
    limits: Limits = field(default_factory=Limits)
    naming: Naming = field(default_factory=Naming)
    vocabularies: Vocabularies = field(default_factory=Vocabularies)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rules: tuple[tuple[str, RuleSetting], ...] = ()
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    templates: tuple[TemplatePack, ...] = ()
    """The packs `registry generate templates` and `registry build` render, in their order."""
    record_access: Path | None = None
    """The chained log `registry query` and `registry export` record their use in, unless
    `--record-access` or REGISTRY_RECORD_ACCESS names another."""
    warnings: tuple[Finding, ...] = ()
    """Non-fatal configuration findings (unknown keys) to show the user."""

    def rule_setting(self, code: str) -> RuleSetting:
        return dict(self.rules).get(code, RuleSetting())


# -- reading ------------------------------------------------------------------------------


def find_config(start: Path) -> Path | None:
    """The nearest registry.yaml, or pyproject.toml with [tool.registry], from `start` up."""
    for directory in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file():
                return candidate
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _has_tool_registry(pyproject):
            return pyproject
    return None


def _has_tool_registry(path: Path) -> bool:
    try:
        data = path.read_bytes()
    except OSError:
        return False
    # Bytes, so a file that is not UTF-8 is still found (and then reported), not passed over.
    return re.search(rb"^\[tool\.registry(?:\.|\])", data, re.MULTILINE) is not None


@dataclass(slots=True)
class _Raw:
    data: dict[str, Any]
    path: str
    locate: Any  # Callable[[Pointer, bool], tuple[int, int]]
    raw_text: Any = None  # Callable[[Pointer], str | None]: how YAML scalars were written


def _read_yaml(path: Path, display: str) -> _Raw:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{display}: cannot read configuration: {error}") from None
    composed = compose(text, display)
    if composed.findings:
        numbers = all(f.rule == AMBIGUOUS_NUMBER.id for f in composed.findings)
        what = "invalid configuration" if numbers else "invalid YAML"
        raise ConfigError(f"{display}: {what}", tuple(composed.findings))
    data = composed.data if composed.data is not None else {}
    if not isinstance(data, dict):
        raise ConfigError(
            f"{display}: the configuration must be a mapping",
            (
                finding_at_line(
                    display, 1, 1, INVALID_CONFIG, "the configuration must be a mapping"
                ),
            ),
        )
    spans = composed.spans

    def locate(pointer: Pointer, at_key: bool) -> tuple[int, int]:
        probe = pointer
        while probe and probe not in spans:
            probe = probe[:-1]
        span = spans.get(probe, (1, 1, 1, 1))
        return (span[0], span[1]) if at_key or probe != pointer else (span[2], span[3])

    return _Raw(data, display, locate, composed.raw.get)


def _read_pyproject(path: Path, display: str) -> _Raw:
    import tomllib

    try:
        text = path.read_text("utf-8")
        document = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{display}: cannot read configuration: {error}") from None
    except tomllib.TOMLDecodeError as error:
        # tomllib puts the position only into the message: "... (at line 5, column 10)".
        where = re.search(r"\(at line (\d+), column (\d+)\)$", str(error))
        line, column = (int(where[1]), int(where[2])) if where else (1, 1)
        message = f"invalid TOML: {str(error).rsplit(' (at ', 1)[0]}"
        raise ConfigError(
            f"{display}: invalid TOML",
            (finding_at_line(display, line, column, INVALID_CONFIG, message),),
        ) from None
    except ValueError:  # an integer longer than Python converts (4,300 digits)
        raise ConfigError(
            f"{display}: invalid configuration",
            (
                finding_at_line(
                    display,
                    1,
                    1,
                    AMBIGUOUS_NUMBER,
                    "an integer of more than 4,300 digits, too large for any reader",
                    hint="configuration integers fit in 64 bits",
                ),
            ),
        ) from None
    data = document.get("tool", {}).get("registry", {})
    lines = text.splitlines()

    def locate(pointer: Pointer, at_key: bool) -> tuple[int, int]:
        # TOML carries no positions: find the section header, then the key under it.
        section = 0
        for number, line in enumerate(lines):
            if re.match(r"^\[tool\.registry(?:\.|\])", line):
                section = number
                break
        wanted = [str(p) for p in pointer if isinstance(p, str)]
        for key in reversed(wanted):
            pattern = re.compile(
                rf'^\s*(?:"?{re.escape(key)}"?)\s*=|^\[tool\.registry.*\b{re.escape(key)}\]'
            )
            for number in range(section, len(lines)):
                if pattern.search(lines[number]):
                    return number + 1, lines[number].find(key) + 1 if key in lines[number] else 1
        return section + 1, 1

    return _Raw(data if isinstance(data, dict) else {}, display, locate)


def _read_preset(name: str) -> dict[str, Any]:
    text = resources.files("registry.catalog.presets").joinpath(f"{name}.yaml").read_text("utf-8")
    composed = compose(text, f"preset:{name}")
    data: dict[str, Any] = composed.data or {}
    return data


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _expand_preset(data: dict[str, Any], seen: tuple[str, ...] = ()) -> dict[str, Any]:
    parent = data.get("extends", "default" if "default" not in seen else None)
    if parent is None or parent in seen:
        return {k: v for k, v in data.items() if k != "extends"}
    if parent not in PRESETS:
        return {k: v for k, v in data.items() if k != "extends"}
    base = _expand_preset(_read_preset(parent), (*seen, parent))
    return _merge(base, {k: v for k, v in data.items() if k != "extends"})


# -- validating -----------------------------------------------------------------------------


CodesSource = KnownCodes | Callable[[], KnownCodes]
"""The rule codes, or how to get them: only a configuration that names codes (select, ignore,
rules, per_path_ignores) needs them, and importing every rule is most of the cost of a
command such as `registry query`."""


def _validate(raw: _Raw, codes: CodesSource) -> tuple[list[Finding], list[Finding]]:
    """(errors, warnings) for the user's own configuration data."""
    names_codes = any(key in raw.data for key in ("select", "ignore", "rules", "per_path_ignores"))
    known_codes = (
        codes if isinstance(codes, KnownCodes) else codes() if names_codes else KnownCodes({})
    )
    from registry.catalog.schema import load_schema
    from registry.catalog.validate import SchemaChecker

    checker = SchemaChecker(load_schema("config"))
    errors: list[Finding] = []
    warnings: list[Finding] = []

    def located(finding: Finding, code: Code) -> Finding:
        line, column = raw.locate(finding.pointer or (), finding.at_key)
        return dataclasses.replace(
            finding, path=raw.path, line=line, column=column, rule=code.id, severity=code.severity
        )

    for finding in checker.check(raw.data, raw.path):
        if finding.rule == UNKNOWN_KEY.id:
            warnings.append(located(finding, UNKNOWN_CONFIG_KEY))
        else:
            errors.append(located(finding, INVALID_CONFIG))
    if _has_floats_or_huge(raw.data):
        from registry.catalog.loading.numbers import number_findings

        numbers = number_findings(raw.data, raw.path, raw.raw_text, schema_name="config")
        errors.extend(located(finding, AMBIGUOUS_NUMBER) for finding in numbers)
    extends = raw.data.get("extends")
    if isinstance(extends, str) and extends not in PRESETS:
        errors.append(
            _at(raw, ("extends",), f"unknown preset {extends!r}; use one of " + ", ".join(PRESETS))
        )
    naming = raw.data.get("naming")
    if isinstance(naming, dict):
        for key in ("event_pattern", "field_pattern"):
            pattern = naming.get(key)
            problem = pattern_problem(pattern) if isinstance(pattern, str) else None
            if problem is not None:
                errors.append(_at(raw, ("naming", key), f"naming.{key}: {problem}"))
        segments = naming.get("segments")
        if isinstance(segments, dict):
            low, high = segments.get("min"), segments.get("max")
            if isinstance(low, int) and isinstance(high, int) and low > high:
                errors.append(
                    _at(
                        raw,
                        ("naming", "segments", "min"),
                        f"naming.segments.min ({low}) is greater than naming.segments.max "
                        f"({high}): no event name could match",
                    )
                )
    for key in ("select", "ignore"):
        values = raw.data.get(key)
        if isinstance(values, list):
            for index, code in enumerate(values):
                if (
                    isinstance(code, str)
                    and _CODE.fullmatch(code)
                    and not any(c.startswith(code) for c in known_codes)
                ):
                    errors.append(_at(raw, (key, index), f"{key}: no rule matches {code!r}"))
    rules = raw.data.get("rules")
    if isinstance(rules, dict):
        for code, setting in rules.items():
            if isinstance(code, str) and code not in known_codes:
                errors.append(_at(raw, ("rules", code), f"rules: unknown rule {code!r}", True))
            elif isinstance(setting, dict) and isinstance(setting.get("options"), dict):
                errors.extend(
                    _check_options(raw, code, known_codes.options[code], setting["options"])
                )
    per_path = raw.data.get("per_path_ignores")
    if isinstance(per_path, dict):
        for pattern, values in per_path.items():
            for index, code in enumerate(values if isinstance(values, list) else []):
                if isinstance(code, str) and not any(c.startswith(code) for c in known_codes):
                    errors.append(
                        _at(
                            raw,
                            ("per_path_ignores", pattern, index),
                            f"per_path_ignores: no rule matches {code!r}",
                        )
                    )
    templates = raw.data.get("templates")
    if isinstance(templates, list):
        errors.extend(_shared_outs(raw, templates))
    return errors, warnings


def _shared_outs(raw: _Raw, templates: list[Any]) -> list[Finding]:
    """Two packs may not render into one directory, nor one inside the other's: each removes
    the generated files in its directory that it no longer writes."""
    problems = []
    seen: list[tuple[Path, str]] = []
    for index, entry in enumerate(templates):
        out = entry.get("out") if isinstance(entry, dict) else None
        if not isinstance(out, str) or not out:
            continue
        normal = Path(os.path.normpath(out))
        for other, other_out in seen:
            if normal == other or other in normal.parents or normal in other.parents:
                how = (
                    f"is the directory of an earlier pack ({other_out!r})"
                    if normal == other
                    else f"and {other_out!r} of an earlier pack are one inside the other"
                )
                problems.append(
                    _at(
                        raw,
                        ("templates", index, "out"),
                        f"templates: out {out!r} {how}; give each pack a directory of its own "
                        "(a pack removes the generated files in its directory it no longer "
                        "writes)",
                    )
                )
                break
        seen.append((normal, out))
    return problems


def _has_floats_or_huge(data: Any) -> bool:
    """A float or an integer beyond 64 bits anywhere (the number check looks closer then)."""
    from registry.catalog.loading.compose import INT64_MAX, INT64_MIN

    stack = [data]
    while stack:
        node = stack.pop()
        for value in node.values() if isinstance(node, dict) else node:
            if isinstance(value, (dict, list)):
                stack.append(value)
            elif type(value) is float or (
                type(value) is int and not INT64_MIN <= value <= INT64_MAX
            ):
                return True
    return False


def _check_options(
    raw: _Raw, code: str, declared: Mapping[str, Any], options: dict[str, Any]
) -> list[Finding]:
    """Options must be ones the rule declares, of the type of their default."""
    problems = []
    for name, value in options.items():
        pointer: Pointer = ("rules", code, "options", name)
        if name not in declared:
            known = ", ".join(sorted(declared)) or "none"
            problems.append(
                _at(raw, pointer, f"rule {code} has no option {name!r} (options: {known})", True)
            )
            continue
        default = declared[name]
        expected: tuple[type, ...] = (
            (list,)
            if isinstance(default, (tuple, list))
            else (dict,)
            if isinstance(default, dict)
            else (int, float)
            if isinstance(default, (int, float)) and not isinstance(default, bool)
            else (type(default),)
        )
        if not isinstance(value, expected) or isinstance(value, bool) != isinstance(default, bool):
            problems.append(
                _at(
                    raw,
                    pointer,
                    f"option {name!r} of rule {code} must be "
                    f"{_KIND_NAMES.get(list if list in expected else type(default), 'a value')}",
                )
            )
    return problems


_KIND_NAMES: dict[type, str] = {
    list: "a list",
    int: "an integer",
    float: "a number",
    bool: "true or false",
    str: "a string",
    dict: "a mapping",
}


def _at(raw: _Raw, pointer: Pointer, message: str, at_key: bool = False) -> Finding:
    line, column = raw.locate(pointer, at_key)
    return finding_at_line(raw.path, line, column, INVALID_CONFIG, message)


# -- building -------------------------------------------------------------------------------


def _tuple(value: Any) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, list) else ()


def _naming(data: dict[str, Any]) -> Naming:
    segments = data.get("segments", {})
    case = data.get("event_case", "snake")
    segment = CASE_SEGMENTS.get(case, SNAKE_SEGMENT)
    pattern = data.get("event_pattern") or rf"^{segment}(?:\.{segment})*$"
    defaults = Naming()
    return Naming(
        event_pattern=pattern,
        min_segments=segments.get("min", defaults.min_segments),
        max_segments=segments.get("max", defaults.max_segments),
        namespaces=_tuple(data.get("namespaces")),
        verb_tense=data.get("verb_tense", defaults.verb_tense),
        past_verbs=_tuple(data.get("past_verbs")),
        base_verbs=_tuple(data.get("base_verbs")),
        reserved_words=_tuple(data.get("reserved_words")),
        max_length=data.get("max_length", defaults.max_length),
        field_pattern=data.get("field_pattern", defaults.field_pattern),
        vague_actions=_tuple(data.get("vague_actions")),
        noise_words=_tuple(data.get("noise_words")),
    )


def _vocabularies(data: dict[str, Any]) -> Vocabularies:
    defaults = Vocabularies()
    sensitivity = data.get("sensitivity")
    tags = defaults.sensitivity
    if isinstance(sensitivity, dict):
        merged = dict(defaults.sensitivity)
        for tag, spec in sensitivity.items():
            merged[tag] = (spec or {}).get("redact", merged.get(tag, "hash"))
        tags = tuple(sorted(merged.items()))
    return Vocabularies(
        categories=_tuple(data.get("categories")),
        actor_types=_tuple(data.get("actor_types")),
        target_types=_tuple(data.get("target_types")),
        sensitivity=tags,
    )


def _rules(data: dict[str, Any]) -> tuple[tuple[str, RuleSetting], ...]:
    settings = []
    for code, value in sorted(data.items()):
        if isinstance(value, str):
            settings.append((code, RuleSetting(_severity(value))))
        elif isinstance(value, dict):
            options = value.get("options") or {}
            settings.append(
                (
                    code,
                    RuleSetting(
                        _severity(value["severity"]) if "severity" in value else None,
                        tuple(sorted(options.items())),
                    ),
                )
            )
    return tuple(settings)


def _severity(value: str) -> RuleSeverity:
    return "off" if value == "off" else Severity(value)


def build_config(
    data: dict[str, Any], root: Path, source: str | None, warnings: tuple[Finding, ...] = ()
) -> Config:
    """A Config from already validated data (the preset is expanded here)."""
    merged = _expand_preset(data)
    limits = merged.get("limits", {})
    per_path = merged.get("per_path_ignores", {})
    return Config(
        root=root,
        source=source,
        catalogs=_tuple(merged.get("catalogs")),
        parser=merged.get("parser", "yaml-rs"),
        strict=bool(merged.get("strict", False)),
        compatibility=str(merged.get("compatibility", "backward")),
        limits=Limits(**{k: v for k, v in limits.items() if k in Limits.__dataclass_fields__}),
        naming=_naming(merged.get("naming", {})),
        vocabularies=_vocabularies(merged.get("vocabularies", {})),
        select=_tuple(merged.get("select")),
        ignore=_tuple(merged.get("ignore")),
        rules=_rules(merged.get("rules", {})),
        per_path_ignores=tuple((glob, tuple(codes)) for glob, codes in sorted(per_path.items())),
        templates=tuple(
            TemplatePack(root / entry["pack"], root / entry["out"])
            for entry in merged.get("templates", ())
        ),
        record_access=root / merged["record_access"] if "record_access" in merged else None,
        warnings=warnings,
    )


def load_config(explicit: str | None, cwd: Path, known_codes: CodesSource) -> Config:
    """Read, validate and build the configuration. Raises ConfigError on invalid input."""
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"{explicit}: configuration file not found")
    else:
        found = find_config(cwd)
        if found is None:
            return build_config({}, cwd, None)
        path = found
    display = explicit if explicit is not None else _relative(path, cwd)
    raw = (
        _read_pyproject(path, display)
        if path.name == "pyproject.toml"
        else _read_yaml(path, display)
    )
    errors, warnings = _validate(raw, known_codes)
    if errors:
        raise ConfigError(f"{display}: invalid configuration", tuple(errors))
    return build_config(raw.data, path.parent.resolve(), display, tuple(warnings))


def _relative(path: Path, cwd: Path) -> str:
    try:
        return path.resolve().relative_to(cwd.resolve()).as_posix()
    except ValueError:
        return str(path)
