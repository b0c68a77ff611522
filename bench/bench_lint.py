"""How fast is `registry lint` next to the cost of just parsing the YAML?

Builds synthetic catalogs shaped like the ones in `catalog/` (100 files; 5-15 fields per event;
named types, sensitivity tags, enums, lists, objects, flow mappings) with a fixed seed in a
temporary directory, then times, as the median of N runs (fewer when one more run would take a
measurement past --budget seconds, so that the whole script stays under 3 minutes on 2 cores):

  (a) the floor: PyYAML `yaml.load(text, Loader=yaml.CSafeLoader)` of every file;
  (b) yaml-rs `loads` of every file;
  (c) the registry composer (`registry.catalog.loading.compose.compose`), PyYAML events with positions;
  (d) `registry.lint.engine.lint` end to end (read, parse, validate, resolve, rules), with the
      default parser (yaml-rs) and with `parser="pyyaml"`;
  (e) meta-schema validation alone: `jsonschema` Draft202012Validator.is_valid against a
      jsonschema-rs validator's is_valid, over every document (validators built beforehand);
  (f) start-up: `registry --version` in a subprocess (median of 10) against `python -c pass`.

Ratios are against the PyYAML floor of the same size measured in the same run (start-up:
against bare Python), so they carry over between machines better than the seconds do.

    python bench/bench_lint.py            # 1,000 and 10,000 events, median of 3 (< 3 min)
    python bench/bench_lint.py --quick    # 1,000 events, 1 run
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
import yaml
import yaml_rs
from _harness import timed

from registry.catalog.config import build_config
from registry.catalog.loading.compose import compose
from registry.catalog.schema import load_schema
from registry.lint.engine import lint

SEED = 20261127
FILES = 100
STARTUP_RUNS = 10

# -- synthetic catalogs ------------------------------------------------------------------------

AREAS = [
    "billing", "identity", "deployments", "storage", "messaging", "analytics", "support",
    "projects", "security", "networking", "compliance", "payments", "search", "reports",
]  # fmt: skip
OBJECTS = [
    "user", "team", "channel", "release", "application", "project", "repository", "invoice",
    "subscription", "workspace", "document", "folder", "dashboard", "report", "webhook",
    "integration", "policy", "role", "group", "printer", "meeting", "ticket", "pipeline",
    "environment", "bucket", "dataset", "model", "alert", "incident", "domain", "certificate",
    "mailbox", "calendar", "contract", "order", "shipment", "catalog", "schedule", "budget",
    "license",
]  # fmt: skip
VERBS = [
    "created", "deleted", "renamed", "archived", "restored", "shared", "exported", "imported",
    "approved", "rejected", "assigned", "unassigned", "published", "revoked", "granted",
    "suspended", "reactivated", "transferred", "locked", "unlocked", "invited", "removed",
    "enabled", "disabled", "rotated", "verified", "promoted", "downgraded", "scheduled",
    "cancelled",
]  # fmt: skip
QUALIFIERS = [
    "owner", "member", "guest", "admin", "billing_contact", "retention", "visibility",
    "quota", "region", "plan", "label", "template", "webhook_secret_rotation", "sso_provider",
    "audit_export", "legal_hold", "custom_domain", "api_access", "seat", "tier", "mfa_policy",
    "ip_allowlist", "data_residency", "backup", "schedule", "notification_rule", "approver",
    "reviewer", "parent", "language",
]  # fmt: skip
CHANGE_VERBS = {"renamed", "rotated"}
BEFORE = {"description": "Name before the change."}
AFTER = {"description": "Name after the change.", "required": True}
CATEGORIES = ["data_change", "collaboration", "integration", "billing", "deployment"]
WORDS = [
    "the", "a", "of", "to", "in", "for", "on", "with", "by", "from", "after", "before", "when",
    "which", "this", "that", "request", "change", "account", "member", "team", "release",
    "production", "staging", "policy", "value", "record", "reviewer", "access", "permission",
    "retention", "period", "setting", "owner", "approval", "window", "external", "internal",
    "customer", "workspace", "project", "limit", "quota", "region", "schedule", "report",
    "export", "identifier", "version",
]  # fmt: skip


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _named_types(rng: random.Random, objects: list[str], index: int) -> dict[str, Any]:
    """Identifier types, named per file (named types are global across a catalog)."""
    types: dict[str, Any] = {}
    for obj in objects:
        prefix = obj[:3]
        types[f"{obj}_ref_{index:03d}"] = {
            "type": "string",
            "pattern": f"^{prefix}_[a-z0-9]{{8,}}$",
            "description": f"Identifier of a {obj.replace('_', ' ')}.",
            "examples": [f"{prefix}_{rng.getrandbits(40):010x}"],
        }
    return types


def _field_pool(rng: random.Random, type_names: list[str]) -> list[tuple[str, Any]]:
    """(name, spec) candidates; flow mappings for the leaves, as people write them."""
    enum_values = rng.sample(["staging", "production", "development", "preview", "sandbox"], 3)
    pool: list[tuple[str, Any]] = [
        (name.split("_ref_")[0] + "_id", {"type": name, "required": rng.random() < 0.7})
        for name in type_names
    ]
    pool += [
        (
            "environment",
            {
                "type": "enum",
                "values": enum_values,
                "required": True,
                "description": "Environment the change applies to.",
            },
        ),
        (
            "reason_code",
            {
                "type": "enum",
                "values": ["policy", "request", "expiry", "abuse"],
                "description": "Why the change was made.",
            },
        ),
        (
            "approver_email",
            {
                "type": "string",
                "format": "email",
                "max_length": 254,
                "sensitivity": "pii",
                "redact": "hash",
                "description": "E-mail address of the person who approved the change.",
            },
        ),
        (
            "requester_name",
            {
                "type": "string",
                "max_length": 200,
                "sensitivity": ["pii"],
                "redact": "mask",
                "description": "Display name of the person who asked for the change.",
            },
        ),
        (
            "client_ip",
            {
                "type": "string",
                "format": "ip",
                "sensitivity": "quasi_identifier",
                "description": "Address the request came from.",
            },
        ),
        ("note", {"type": "string", "max_length": 500, "description": "Free-form remark."}),
        (
            "seat_count",
            {"type": "integer", "min": 0, "max": 100000, "description": "Seats after it."},
        ),
        ("amount_cents", {"type": "integer", "min": 0, "description": "Amount in cents."}),
        ("ratio", {"type": "number", "min": 0, "max": 1, "description": "Share affected."}),
        ("dry_run", {"type": "boolean", "description": "Nothing was changed for real."}),
        ("effective_at", {"type": "timestamp", "description": "When the change takes effect."}),
        ("valid_until", {"type": "date", "description": "Last day it is valid."}),
        ("correlation_key", {"type": "uuid", "description": "Joins related events."}),
        (
            "country",
            {"type": "string", "format": "country_code", "description": "ISO 3166 country."},
        ),
        (
            "permissions",
            {
                "type": "list",
                "items": {"type": "enum", "values": ["read", "write", "admin", "billing"]},
                "required": True,
                "description": "Permissions granted by the change.",
            },
        ),
        (
            "labels",
            {
                "type": "list",
                "items": {"type": "string", "max_length": 64},
                "description": "Labels attached to the object.",
            },
        ),
        (
            "previous_settings",
            {
                "type": "object",
                "description": "Settings before the change.",
                "fields": {
                    "retention_days": {
                        "type": "integer",
                        "min": 0,
                        "max": 3650,
                        "description": "Days records are kept.",
                    },
                    "visibility": {
                        "type": "enum",
                        "values": ["private", "internal", "public"],
                        "description": "Who can see it.",
                    },
                },
            },
        ),
        (
            "new_settings",
            {
                "type": "object",
                "description": "Settings after the change.",
                "required": True,
                "fields": {
                    "retention_days": {
                        "type": "integer",
                        "min": 0,
                        "max": 3650,
                        "description": "Days records are kept.",
                    },
                    "visibility": {
                        "type": "enum",
                        "values": ["private", "internal", "public"],
                        "description": "Who can see it.",
                    },
                },
            },
        ),
        (
            "card_last_four",
            {
                "type": "string",
                "pattern": "^[0-9]{4}$",
                "sensitivity": "financial",
                "redact": "mask",
                "description": "Last four digits of the card charged.",
            },
        ),
        (
            "ticket",
            {
                "type": "string",
                "pattern": "^CHG[0-9]{6,}$",
                "description": "Change ticket that authorised it.",
            },
        ),
    ]
    return pool


def build_catalogs(
    directory: Path,
    events: int,
    seed: int = SEED,
    files: int = FILES,
    findings: int = 0,
    distinct_fields: bool = False,
) -> int:
    """Write `files` catalog files holding `events` events in total; returns the bytes
    written. `findings`: in each file, that many events get a description too short to help
    (D002) and that many change events lose their after-value (A003), as catalogs being worked
    on have; the rest is the same catalog as with none. `distinct_fields`: every field name
    gets its event's number as a prefix, so that no two events share a field (the synthetic
    catalogs draw fields from a small pool per file, which caches keyed by field favour: this
    is the held-out shape the generators are also measured on)."""
    rng = random.Random(seed)
    names = {
        f"{o}.{v}_{q}" for o in OBJECTS for v in VERBS for q in QUALIFIERS
    }  # 36,000 distinct names
    chosen = rng.sample(sorted(names), events)
    directory.mkdir(parents=True)
    size = 0
    per_file = events // files
    for index in range(files):
        objects = rng.sample(OBJECTS, 5)
        types = _named_types(rng, objects, index)
        pool = _field_pool(rng, list(types))
        document: dict[str, Any] = {
            "domain": f"{rng.choice(AREAS)}_{index:03d}",
            "description": _sentence(rng, 8, 20),
            "owners": [f"{rng.choice(AREAS)}-team"],
            "types": types,
            "events": {},
        }
        short, changes = findings, findings
        for number, name in enumerate(chosen[index * per_file : (index + 1) * per_file]):
            fields = copy.deepcopy(dict(rng.sample(pool, rng.randint(5, 15))))  # no aliases
            if name.split(".")[1].split("_")[0] in CHANGE_VERBS:
                fields["name_before"] = {"type": "string", "max_length": 200, **BEFORE}
                if changes:
                    changes -= 1
                else:
                    fields["name_after"] = {"type": "string", "max_length": 200, **AFTER}
            if distinct_fields:
                fields = {f"f{index}n{number}_{key}": spec for key, spec in fields.items()}
            event: dict[str, Any] = {
                "description": _sentence(rng, 10, 30),
                "category": rng.choice(CATEGORIES),
                "actor": rng.sample(["user", "service", "admin", "system"], rng.randint(1, 2)),
                "targets": [name.split(".")[0]],
                "outcomes": ["success", "failure"] if rng.random() < 0.5 else ["success"],
                "version": rng.randint(1, 3),
                "fields": fields,
            }
            if short:
                short -= 1
                event["description"] = "Done."
            document["events"][name] = event
        text = "# yaml-language-server: $schema=../registry/catalog/schema/catalog.schema.json\n"
        text += yaml.safe_dump(document, sort_keys=False, default_flow_style=None, width=100)
        path = directory / f"{document['domain']}.yaml"
        path.write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
    return size


# -- timing ------------------------------------------------------------------------------------


@dataclasses.dataclass
class Row:
    measurement: str
    events: str
    seconds: float
    runs: int
    ratio: float
    baseline: str


def measure_size(
    directory: Path, events: int, runs: int, budget: float, progress: Callable[[str], None]
) -> tuple[list[Row], int]:
    """The rows for one catalog size, and the number of findings lint reported."""
    files = sorted(directory.glob("*.yaml"))
    texts = [(str(path), path.read_text(encoding="utf-8")) for path in files]
    config = build_config({}, directory, None)
    pyyaml_config = dataclasses.replace(config, parser="pyyaml")
    paths = (str(directory),)
    documents: list[Any] = []  # parsed only for the schema steps: live objects slow the GC
    schema = load_schema("catalog")
    slow_validator = jsonschema.Draft202012Validator(schema)
    fast_validator = jsonschema_rs.validator_for(schema)

    def pyyaml_load() -> None:
        for _, text in texts:
            yaml.load(text, Loader=yaml.CSafeLoader)  # CSafeLoader: no arbitrary objects

    def yaml_rs_load() -> None:
        for _, text in texts:
            yaml_rs.loads(text, parse_datetime=False)

    def composer() -> None:
        for path, text in texts:
            compose(text, path)

    results: list[tuple[str, float, int]] = []
    lint_findings: dict[str, int] = {}

    def run_lint(cfg: Any, label: str) -> Callable[[], None]:
        def action() -> None:
            lint_findings[label] = len(lint(paths, cfg).findings)

        return action

    valid: dict[str, int] = {}

    def slow_schema() -> None:
        valid["jsonschema"] = sum(map(slow_validator.is_valid, documents))

    def fast_schema() -> None:
        valid["jsonschema_rs"] = sum(map(fast_validator.is_valid, documents))

    plan: list[tuple[str, Callable[[], None]]] = [
        ("PyYAML `yaml.load`, CSafeLoader (floor)", pyyaml_load),
        ("yaml-rs `loads`", yaml_rs_load),
        ("registry composer (`compose`, positions)", composer),
        ("`registry lint` in-process, yaml-rs parser (default)", run_lint(config, "yaml-rs")),
        ('`registry lint` in-process, `parser="pyyaml"`', run_lint(pyyaml_config, "pyyaml")),
        ("meta-schema: `jsonschema` Draft202012Validator.is_valid", slow_schema),
        ("meta-schema: `jsonschema_rs` validator.is_valid", fast_schema),
    ]
    for label, action in plan:
        if "meta-schema" in label and not documents:
            documents.extend(yaml_rs.loads(text, parse_datetime=False) for _, text in texts)
        progress(f"{events:,} events: {label} ...")
        results.append((label, *timed(action, runs, budget)))
    if lint_findings["yaml-rs"] != lint_findings["pyyaml"]:
        progress(f"warning: the parsers disagree: {lint_findings}")
    if set(valid.values()) != {len(documents)}:
        progress(f"warning: not every document is valid: {valid} of {len(documents)}")
    floor = results[0][1]
    rows = [
        Row(label, f"{events:,}", seconds, done, seconds / floor, "PyYAML")
        for label, seconds, done in results
    ]
    return rows, lint_findings["yaml-rs"]


def measure_startup(progress: Callable[[str], None]) -> list[Row]:
    script = shutil.which("registry")
    command = [script, "--version"] if script else [sys.executable, "-m", "registry", "--version"]
    label = "`registry --version`" if script else "`python -m registry --version`"

    def process(argv: list[str]) -> Callable[[], None]:
        def action() -> None:
            subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)

        return action

    progress("start-up ...")
    process([sys.executable, "-c", "pass"])()  # warm the file cache
    process(command)()
    bare, runs = timed(process([sys.executable, "-c", "pass"]), STARTUP_RUNS)
    cli, _ = timed(process(command), STARTUP_RUNS)
    return [
        Row("start-up: `python -c pass`", "-", bare, runs, 1.0, "python"),
        Row(f"start-up: {label}", "-", cli, runs, cli / bare, "python"),
    ]


def table(rows: list[Row]) -> str:
    lines = [
        "| measurement | events | median s | runs | ratio |",
        "|---|---:|---:|---:|---:|",
    ]
    for row in rows:
        ratio = f"{row.ratio:.2f}x" + (" python" if row.baseline == "python" else "")
        lines.append(
            f"| {row.measurement} | {row.events} | {row.seconds:.3f} | {row.runs} | {ratio} |"
        )
    return "\n".join(lines)


def warm_up(directory: Path) -> None:
    """Imports and caches (validators, rule tables) load once, outside the timings."""
    config = build_config({}, directory, None)
    first = sorted(directory.glob("*.yaml"))[:1]
    lint(tuple(str(p) for p in first), config)
    lint(tuple(str(p) for p in first), dataclasses.replace(config, parser="pyyaml"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 run, 1,000 events only")
    parser.add_argument("--runs", type=int, default=None, help="runs per measurement (3)")
    parser.add_argument(
        "--budget",
        type=float,
        default=12.0,
        help="seconds one measurement may take before it stops repeating (12)",
    )
    args = parser.parse_args(argv)
    runs = args.runs or (1 if args.quick else 3)
    sizes = [1_000] if args.quick else [1_000, 10_000]

    def progress(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    started = time.perf_counter()
    rows: list[Row] = []
    described = []
    findings = []
    with tempfile.TemporaryDirectory(prefix="registry-bench-") as tmp:
        for size in sizes:
            directory = Path(tmp) / f"catalog_{size}"
            written = build_catalogs(directory, size)
            described.append(f"{size:,} events ({written / 1e6:.1f} MB)")
            if size == sizes[0]:
                warm_up(directory)
            size_rows, found = measure_size(directory, size, runs, args.budget, progress)
            rows += size_rows
            findings.append(found)
    rows += measure_startup(progress)
    elapsed = time.perf_counter() - started
    repeats = (
        f"median of up to {runs} runs (fewer when one more would take a measurement past "
        f"{args.budget:g} s)"
        if runs > 1
        else "1 run"
    )
    print(
        f"Synthetic catalogs of {' and '.join(described)}, {FILES} files each, seed {SEED}; "
        f"lint reports {' and '.join(map(str, findings))} findings on them; {repeats}; "
        f"start-up: median of {STARTUP_RUNS}; "
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs; "
        f"PyYAML {yaml.__version__}, jsonschema {_version('jsonschema')}, "
        f"yaml-rs {_version('yaml-rs')}, jsonschema-rs {_version('jsonschema-rs')}; "
        f"{elapsed:.0f} s in all.\n"
    )
    print(table(rows))
    return 0


def _version(distribution: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return "?"


if __name__ == "__main__":
    raise SystemExit(main())
