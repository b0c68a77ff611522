"""The one benchmark entry point: registry next to its floors and its peers, in one table.

    python bench/run.py            # 100, 1,000 and 10,000 events, median of 3 (about 15 min)
    python bench/run.py --quick    # 100 and 1,000 events, 1 run (about 4 min)

Builds synthetic catalogs (bench_lint.build_catalogs: 5-15 fields per event, named types,
sensitivity tags, enums, lists, objects; 10 files, or 100 events per file beyond 1,000
events) and measures, every ratio against a baseline measured in the same run:

- lint: PyYAML's C loader loading the same files (the floor) and yaml-rs, the fast parser
  lint uses; `registry lint` in-process, and as a command cold (`--no-cache`), cold on one
  core (`REGISTRY_JOBS=1`), and warm (a second run on unchanged files: the cache);
  start-up (`registry --version` against `python -c pass`);
- `registry generate python / markdown / html` (commands, start-up included);
- the ratios the targets judge (cold lint, lint with findings, generate) take the floor in
  turns with each run of the command and report the median of the per-run ratios
  (`_harness.in_turns`): the shared machine's speed drifts by a third over minutes, and a
  floor measured once, minutes earlier, moved those ratios across their targets;
- emit, per event: `json.dumps` of the envelope (the floor), pydantic v2 (validate plus
  `model_dump_json`), `jsonschema` validation of the same payload, our emitter and the
  generated facade; the chained JSON Lines sink, with and without batched fsync;
- `registry diff` against lint; check-events (bench_check_events.py) and the TypeScript
  emitters and `generate typescript` next to Python's (bench_typescript.py), each printed as it
  reports;
- peers, when installed (see bench/peers.py): datamodel-codegen on our own
  `generate jsonschema` output against our `generate python`, and `datacontract lint` on an
  equivalent ODCS contract against our lint. A peer that is missing is skipped with a note.

Prints the table and writes it to bench/results.md (with the machine, Python and date,
and whether each target of the issue is met); `--quick` writes bench/out/results-quick.md
(ignored by git), so a quick run never replaces the tracked results. `--no-write` only prints.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import yaml
import yaml_rs
from _harness import (
    Row,
    in_turns,
    machine_line,
    markdown_table,
    package_version,
    progress,
    run_command,
    timed,
)
from bench_lint import SEED, build_catalogs
from peers import DATAMODEL_CODEGEN_OPTIONS, DEFAULT_VENV, find_peer, write_odcs

from registry.catalog.config import build_config
from registry.lint.engine import lint

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results.md"
QUICK_RESULTS = BENCH / "out" / "results-quick.md"
GROWTH_LIMIT = 11.0
"""A 10x larger catalog may cost at most about 10x (10% allowed for noise)."""


@dataclasses.dataclass
class Settings:
    sizes: list[int]
    runs: int
    budget: float
    emit_calls: int
    emit_repeats: int
    peer_timeout: float
    quick: bool
    venv: Path | None


def files_for(events: int) -> int:
    return max(10, events // 100)


def _registry() -> list[str]:
    script = shutil.which("registry")
    return [script] if script else [sys.executable, "-m", "registry"]


def command(
    argv: Sequence[str], env: dict[str, str] | None = None, **kw: object
) -> Callable[[], None]:
    def action() -> None:
        run_command(argv, env=env, **kw)

    return action


def pyyaml_floor(directory: Path) -> Callable[[], None]:
    """PyYAML's C loader loading the catalog's files, read once: the floor of lint and generate."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(directory.glob("*.yaml"))]

    def load() -> None:
        for text in texts:
            yaml.load(text, Loader=yaml.CSafeLoader)

    return load


IN_TURNS = "PyYAML floor, in turns"
"""The baseline of a ratio whose floor ran right before each run (`in_turns`)."""


# -- lint ----------------------------------------------------------------------------------------


def lint_rows(directory: Path, size: int, settings: Settings, work: Path) -> list[Row]:
    runs, budget = settings.runs, settings.budget
    files = sorted(directory.glob("*.yaml"))
    texts = [path.read_text(encoding="utf-8") for path in files]
    pyyaml_load = pyyaml_floor(directory)
    config = build_config({}, work, None)
    events = f"{size:,}"
    env = {**os.environ, "REGISTRY_CACHE_DIR": str(work / f"cache-{size}")}
    serial_env = {**env, "REGISTRY_JOBS": "1"}
    registry = _registry()

    def yaml_rs_load() -> None:
        for text in texts:
            yaml_rs.loads(text, parse_datetime=False)

    findings: list[int] = []

    def in_process() -> None:
        findings.append(len(lint((str(directory),), config).findings))

    cli = [*registry, "lint", "--no-cache", str(directory)]
    cached = [*registry, "lint", str(directory)]
    with_findings = work / f"{directory.name}_with_findings"
    if not with_findings.exists():
        build_catalogs(with_findings, size, files=files_for(size), findings=FINDINGS_PER_FILE)
    cli_findings = [*registry, "lint", "--no-cache", str(with_findings)]
    progress(f"lint, {events} events ...")
    floor, floor_runs = timed(pyyaml_load, runs, budget)
    rs, rs_runs = timed(yaml_rs_load, runs, budget)
    inproc, inproc_runs = timed(in_process, runs, budget)
    cold, cold_ratio, cold_runs = in_turns(pyyaml_load, command(cli, env, cwd=work), runs, budget)
    found, found_ratio, found_runs = in_turns(
        pyyaml_load, command(cli_findings, env, cwd=work), runs, budget
    )
    serial, serial_runs = timed(command(cli, serial_env, cwd=work), runs, budget)
    command(cached, env, cwd=work)()  # fills the cache
    warm, warm_runs = timed(command(cached, env, cwd=work), runs, budget)
    big = size >= 10_000
    return [
        Row("lint", "PyYAML `yaml.load`, CSafeLoader (floor)", events, floor, floor_runs),
        Row(
            "lint",
            "yaml-rs `loads` (the parser lint uses)",
            events,
            rs,
            rs_runs,
            "s",
            "PyYAML floor",
            rs / floor,
        ),
        Row(
            "lint",
            f"`lint()` in-process ({findings[-1]} findings)",
            events,
            inproc,
            inproc_runs,
            "s",
            "PyYAML floor",
            inproc / floor,
        ),
        Row(
            "lint",
            "`registry lint --no-cache` (cold, command)",
            events,
            cold,
            cold_runs,
            "s",
            IN_TURNS,
            cold_ratio,
            "<= 0.5x floor at 10,000" if big else "",
            (cold_ratio <= 0.5) if big else None,
        ),
        Row(
            "lint",
            f"  same, {FINDINGS_PER_FILE} D002 and A003 findings a file",
            events,
            found,
            found_runs,
            "s",
            IN_TURNS,
            found_ratio,
            "<= 0.8x floor at 10,000" if big else "",
            (found_ratio <= 0.8) if big else None,
        ),
        Row(
            "lint",
            "  same, one core (`REGISTRY_JOBS=1`)",
            events,
            serial,
            serial_runs,
            "s",
            "cold",
            serial / cold,
        ),
        Row(
            "lint",
            "`registry lint`, warm cache (unchanged files)",
            events,
            warm,
            warm_runs,
            "s",
            "cold",
            warm / cold,
            "<= 0.2x cold at 10,000" if big else "",
            (warm / cold <= 0.2) if big else None,
        ),
    ]


def startup_rows(settings: Settings) -> list[Row]:
    progress("start-up ...")
    runs = 5 if settings.quick else 10
    bare_command = command([sys.executable, "-c", "pass"])
    version_command = command([*_registry(), "--version"])
    bare_command()
    version_command()
    bare, bare_runs = timed(bare_command, runs)
    version, version_runs = timed(version_command, runs)
    return [
        Row("start-up", "`python -c pass`", "-", bare, bare_runs),
        Row(
            "start-up",
            "`registry --version`",
            "-",
            version,
            version_runs,
            "s",
            "python -c pass",
            version / bare,
            "< 0.2 s",
            version < 0.2,
        ),
    ]


# -- generate and peers -------------------------------------------------------------------------


GENERATE_TARGETS = {"python": 0.6, "markdown": 0.8, "html": 0.8}
"""Each target's time at 10,000 events, at most this ratio to the PyYAML floor."""
FINDINGS_PER_FILE = 3


def generate_rows(
    directory: Path, size: int, settings: Settings, work: Path, lint_cold: float
) -> list[Row]:
    events = f"{size:,}"
    registry = _registry()
    floor = pyyaml_floor(directory)
    rows: list[Row] = []
    seconds: dict[str, float] = {}
    for target in ("python", "markdown", "html", "jsonschema"):
        runs_wanted = 1 if target == "jsonschema" else settings.runs
        out = work / f"gen-{target}-{size}"
        argv = [*registry, "generate", target, str(directory), "--out", str(out)]
        progress(f"generate {target}, {events} events ...")
        if target == "jsonschema":  # the peers' input; measured to make it, not reported
            seconds[target], _runs = timed(command(argv, cwd=work), runs_wanted, settings.budget)
            continue
        value, ratio, runs = in_turns(floor, command(argv, cwd=work), runs_wanted, settings.budget)
        seconds[target] = value
        big = size >= 10_000
        limit = GENERATE_TARGETS[target]
        rows.append(
            Row(
                "generate",
                f"`registry generate {target}`",
                events,
                value,
                runs,
                "s",
                IN_TURNS,
                ratio,
                f"<= {limit}x floor at 10,000" if big else "",
                (ratio <= limit) if big else None,
            )
        )
    if size >= 10_000:
        rows.extend(_distinct_rows(size, settings, work))
    rows.extend(peer_rows(directory, size, settings, work, seconds["python"], lint_cold))
    return rows


def _distinct_rows(size: int, settings: Settings, work: Path) -> list[Row]:
    """The generators on the held-out shape: a catalog whose events share no field (the
    speed work used the synthetic catalogs, whose events repeat fields from a small pool)."""
    directory = work / f"catalog_{size}_distinct_fields"
    build_catalogs(directory, size, files=files_for(size), distinct_fields=True)
    pyyaml_load = pyyaml_floor(directory)
    floor, floor_runs = timed(pyyaml_load, settings.runs, settings.budget)
    registry = _registry()
    rows = [
        Row(
            "generate",
            "  PyYAML floor of the catalog whose events share no field",
            f"{size:,}",
            floor,
            floor_runs,
        )
    ]
    for target in GENERATE_TARGETS:
        out = work / f"gen-{target}-{size}-distinct"
        argv = [*registry, "generate", target, str(directory), "--out", str(out)]
        progress(f"generate {target}, {size:,} events sharing no field ...")
        value, ratio, runs = in_turns(
            pyyaml_load, command(argv, cwd=work), settings.runs, settings.budget
        )
        rows.append(
            Row(
                "generate",
                f"  same, `{target}` on events that share no field (held out)",
                f"{size:,}",
                value,
                runs,
                "s",
                IN_TURNS,
                ratio,
            )
        )
    return rows


def peer_rows(
    directory: Path, size: int, settings: Settings, work: Path, ours: float, ours_lint: float
) -> list[Row]:
    events = f"{size:,}"
    rows: list[Row] = []
    codegen = find_peer("datamodel-codegen", settings.venv)
    if codegen is None:
        rows.append(
            Row(
                "peers",
                "datamodel-codegen",
                events,
                None,
                note="skipped: not installed (pip install datamodel-code-generator)",
            )
        )
    else:
        schemas = work / f"gen-jsonschema-{size}"
        out = work / f"dmcg-{size}"
        argv = [codegen, "--input", str(schemas), *DATAMODEL_CODEGEN_OPTIONS, "--output", str(out)]
        progress(f"datamodel-codegen, {events} events ...")
        runs = 1 if size >= 10_000 else settings.runs
        rows.append(
            _peer_row(
                "datamodel-codegen → pydantic v2 (on our JSON Schemas)",
                events,
                argv,
                runs,
                settings,
                ours,
                "`generate python`",
                5.0,
                ">= 5x slower than ours",
            )
        )
    contract_cli = find_peer("datacontract", settings.venv)
    if contract_cli is None:
        rows.append(
            Row(
                "peers",
                "datacontract lint",
                events,
                None,
                note="skipped: not installed (pip install datacontract-cli)",
            )
        )
    else:
        contract = work / f"odcs-{size}.yaml"
        config = build_config({}, work, None)
        write_odcs(lint((str(directory),), config).catalog, contract)
        progress(f"datacontract lint, {events} events ...")
        runs = 1 if size >= 10_000 else settings.runs
        rows.append(
            _peer_row(
                "datacontract lint (equivalent ODCS contract)",
                events,
                [contract_cli, "lint", str(contract)],
                runs,
                settings,
                ours_lint,
                "`registry lint --no-cache`",
                None,
                "",
            )
        )
    return rows


def _peer_row(
    label: str,
    events: str,
    argv: list[str],
    runs: int,
    settings: Settings,
    ours: float,
    baseline: str,
    wanted: float | None,
    target: str,
) -> Row:
    try:
        value, done = timed(command(argv, timeout=settings.peer_timeout), runs, settings.budget)
    except subprocess.TimeoutExpired:
        bound = settings.peer_timeout / ours
        return Row(
            "peers",
            label,
            events,
            None,
            1,
            "s",
            f"ours: {baseline}",
            None,
            target,
            (bound >= wanted) if wanted is not None else None,
            note=f"stopped after {settings.peer_timeout:.0f} s, so at least "
            f"{bound:.0f}x ours ({ours:.2f} s)",
        )
    except RuntimeError as error:
        return Row("peers", label, events, None, note=f"failed: {str(error)[:120]}")
    ratio = value / ours
    return Row(
        "peers",
        label,
        events,
        value,
        done,
        "s",
        f"ours: {baseline}",
        ratio,
        target,
        (ratio >= wanted) if wanted is not None else None,
        note=f"ours {ours:.2f} s",
    )


# -- emit, sinks, diff, check-events ------------------------------------------------------------


class DiscardSink:
    """A sink that keeps nothing: the emit is timed, not the growth of a list of records."""

    def write(self, record: object, line: bytes) -> None:
        pass

    def close(self) -> None:
        pass

    def clear(self) -> None:
        pass


def emit_rows(settings: Settings, work: Path) -> list[Row]:
    import bench_emit as emit

    progress("emit ...")
    n, repeats = settings.emit_calls, settings.emit_repeats
    envelope = emit.ready_envelope()
    sink = DiscardSink()  # a MemorySink keeping 20,000 records would time the collector too
    emitter = emit.Emitter(sink, hmac_key=emit.KEY)
    fields = dict(emit.FIELDS)

    def emit_one() -> object:
        return emitter._emit(
            emit.SPEC,
            fields,
            actor=emit.ACTOR,
            targets=emit.TARGETS,
            outcome="success",
            reason=None,
            context=None,
            tenant="acme",
        )

    def per_event(function: Callable[[], object] | None, calls: int = n) -> float | None:
        if function is None:
            return None
        return emit.per_call_us(function, calls, repeats, between=sink.clear)

    import json

    floor = per_event(lambda: json.dumps(envelope))
    assert floor is not None
    pydantic = per_event(emit.pydantic_case(envelope))
    schema = per_event(emit.jsonschema_case(envelope), max(n // 10, 500))
    ours = per_event(emit_one)
    facade_call = emit.generated_facade_call(sink)
    facade = per_event(facade_call)
    rows = [Row("emit", "`json.dumps(envelope)` (floor)", "1", floor, repeats, "us")]

    def add(
        label: str,
        value: float | None,
        baseline: str,
        base: float | None,
        target: str = "",
        note: str = "",
    ) -> None:
        ratio = value / base if value is not None and base else None
        met = (value <= base) if target and value is not None and base else None
        rows.append(
            Row("emit", label, "1", value, repeats, "us", baseline, ratio, target, met, note)
        )

    add(
        "pydantic v2 `model_validate` + `model_dump_json`",
        pydantic,
        "json.dumps",
        floor,
        note="" if pydantic is not None else "skipped: pydantic not installed",
    )
    add(
        "`jsonschema` Draft 2020-12 validate",
        schema,
        "pydantic" if pydantic else "json.dumps",
        pydantic or floor,
    )
    add(
        "`Emitter` full emit: id, timestamp, checks, 1 HMAC, orjson, to a sink that keeps nothing",
        ours,
        "pydantic" if pydantic else "json.dumps",
        pydantic or floor,
        "<= pydantic" if pydantic else "",
    )
    add(
        "generated facade `AuditLog.user_promoted_production`, same sink",
        facade,
        "pydantic" if pydantic else "json.dumps",
        pydantic or floor,
        "<= pydantic" if pydantic else "",
        "" if facade is not None else "skipped: generation failed",
    )
    count = 20_000 if settings.quick else 100_000
    progress("sinks ...")
    body = emit.orjson.dumps(envelope)
    with tempfile.TemporaryDirectory(dir=work) as directory:
        never = emit.throughput(directory, "never", count, body, envelope)
        batch = emit.throughput(directory, "batch", count, body, envelope)
        always = emit.throughput(directory, "always", min(1_000, count), body, envelope)
        chained = emit.emit_throughput(directory, count)
    for label, rate in (
        ("`JsonLinesSink` write, chained, fsync never", never),
        ("`JsonLinesSink` write, chained, fsync batch (1,000)", batch),
        ("`JsonLinesSink` write, chained, fsync always", always),
        ("full emit → `JsonLinesSink`, fsync never", chained),
    ):
        rows.append(Row("sink", label, f"{count:,}", rate, 1, "/s", "fsync never", rate / never))
    return rows


def diff_rows(size: int, settings: Settings, work: Path) -> list[Row]:
    import bench_diff

    progress(f"diff, {size:,} events ...")
    directory = work / f"diff-{size}"
    directory.mkdir()
    times = bench_diff.measure(size, settings.runs, directory)
    events = f"{size:,}"
    lint_s, (whole_s, whole_runs) = times.lint[0], times.whole
    return [
        Row(
            "diff",
            f"`diff` BASE HEAD, load both ({times.changes} changes)",
            events,
            whole_s,
            whole_runs,
            "s",
            "lint() of HEAD",
            whole_s / lint_s,
        ),
        Row(
            "diff",
            "`diff_catalogs` alone",
            events,
            times.core[0],
            times.core[1],
            "s",
            "lint() of HEAD",
            times.core[0] / lint_s,
        ),
    ]


def script_report(name: str, script_name: str, settings: Settings) -> str:
    """The output of a benchmark script that prints its own tables (``--quick`` when this
    run is quick), or a line saying why there is none."""
    script = BENCH / script_name
    if not script.exists():
        return f"{name}: skipped (bench/{script_name} is not there yet)."
    progress(f"{name} ...")
    argv = [sys.executable, str(script), *(["--quick"] if settings.quick else [])]
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=600, check=False)
    except subprocess.TimeoutExpired:
        return f"{name}: stopped after 600 s."
    if done.returncode != 0:
        return f"{name}: failed (exit {done.returncode}):\n\n    " + "\n    ".join(
            done.stderr.strip().splitlines()[-5:]
        )
    return done.stdout.strip()


def growth_rows(rows: list[Row]) -> list[Row]:
    """Cost of a 10x larger catalog, for the measurements taken at several sizes."""
    by_label: dict[tuple[str, str], dict[str, float]] = {}
    for row in rows:
        if row.value is not None and row.size not in ("-", "1") and row.unit == "s":
            by_label.setdefault((row.section, row.measurement), {})[row.size] = row.value
    growth: list[Row] = []
    wanted = (
        ("lint", "`registry lint --no-cache` (cold, command)"),
        ("generate", "`registry generate python`"),
        ("generate", "`registry generate html`"),
    )
    for section, label in wanted:
        sizes = by_label.get((section, label), {})
        for small, large in (("100", "1,000"), ("1,000", "10,000")):
            if small in sizes and large in sizes:
                ratio = sizes[large] / sizes[small]
                growth.append(
                    Row(
                        "growth",
                        f"{label}: {small} → {large} events",
                        large,
                        sizes[large],
                        1,
                        "s",
                        f"{small} events",
                        ratio,
                        "<= ~10x",
                        ratio <= GROWTH_LIMIT,
                    )
                )
    return growth


# -- main ---------------------------------------------------------------------------------------


def report(rows: list[Row], scripts: dict[str, str], settings: Settings, elapsed: float) -> str:
    targets = [row for row in rows if row.met is not None]
    met = sum(bool(row.met) for row in targets)
    versions = ", ".join(
        f"{name} {package_version(name)}"
        for name in (
            "registry",
            "PyYAML",
            "yaml-rs",
            "jsonschema",
            "jsonschema-rs",
            "pydantic",
            "orjson",
        )
    )
    peers = []
    for command_name, distribution in (
        ("datamodel-codegen", "datamodel-code-generator"),
        ("datacontract", "datacontract-cli"),
    ):
        where = find_peer(command_name, settings.venv)
        peers.append(f"{distribution}: {_peer_version(where) if where else 'not installed'}")
    quick_note = (
        " (--quick: the targets at 10,000 events are not measured.)" if settings.quick else ""
    )
    sizes = ", ".join(f"{size:,} ({files_for(size)} files)" for size in settings.sizes)
    mode = "quick (1 run)" if settings.quick else f"median of up to {settings.runs} runs"
    return f"""# Benchmark results

Measured {machine_line()}.
`python bench/run.py{" --quick" if settings.quick else ""}` ({mode}; a measurement stops
repeating once it has taken {settings.budget:g} s), {elapsed / 60:.1f} min in all. Catalogs:
{sizes} events, synthetic (bench_lint.build_catalogs, seed {SEED}: 5-15 fields per event,
named types, sensitivity tags, enums, lists, objects). Ratios are against the baseline
named in the "vs" column, measured in the same run; the machine is shared, so the ratios
carry over better than the seconds. Emit figures are per event (median of {settings.emit_repeats}
runs of {settings.emit_calls:,} calls); sink figures are events per second.

Versions: {versions}. Peers: {"; ".join(peers)}.

**Targets met: {met} of {len(targets)}.**{quick_note}

{markdown_table(rows)}

## check-events (`bench/bench_check_events.py`)

```
{scripts["check-events"]}
```

## TypeScript (`bench/bench_typescript.py`)

{scripts["typescript"]}
"""


def _peer_version(executable: str) -> str:
    try:
        done = subprocess.run(
            [executable, "--version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    text = (done.stdout or done.stderr).strip().splitlines()
    return text[-1] if text else "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 and 1,000 events, 1 run")
    parser.add_argument("--runs", type=int, default=None, help="runs per measurement (3)")
    parser.add_argument(
        "--budget",
        type=float,
        default=20.0,
        help="seconds after which a measurement stops repeating (20)",
    )
    parser.add_argument(
        "--peers-venv",
        type=Path,
        default=DEFAULT_VENV,
        help=f"virtual environment holding the peers ({DEFAULT_VENV})",
    )
    parser.add_argument(
        "--peer-timeout", type=float, default=90.0, help="seconds one peer run may take (90)"
    )
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    quick = bool(args.quick)
    settings = Settings(
        sizes=[100, 1_000] if quick else [100, 1_000, 10_000],
        runs=args.runs or (1 if quick else 3),
        budget=args.budget,
        emit_calls=3_000 if quick else 20_000,
        emit_repeats=3 if quick else 7,
        peer_timeout=args.peer_timeout,
        quick=quick,
        venv=args.peers_venv if args.peers_venv and args.peers_venv.is_dir() else None,
    )
    started = time.perf_counter()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="registry-bench-") as temporary:
        work = Path(temporary)
        catalogs = {}
        for size in settings.sizes:
            directory = work / f"catalog_{size}"
            progress(f"building {size:,} events ...")
            build_catalogs(directory, size, files=files_for(size))
            catalogs[size] = directory
        lint((str(catalogs[settings.sizes[0]]),), build_config({}, work, None))  # warm up
        lint_cold: dict[int, float] = {}
        for size in settings.sizes:
            size_rows = guarded(
                "lint", size, lambda s=size: lint_rows(catalogs[s], s, settings, work)
            )
            lint_cold[size] = next(
                (r.value or 0.0 for r in size_rows if "cold, command" in r.measurement), 1.0
            )
            rows += size_rows
        rows += guarded("start-up", 0, lambda: startup_rows(settings))
        for size in settings.sizes:
            rows += guarded(
                "generate",
                size,
                lambda s=size: generate_rows(catalogs[s], s, settings, work, lint_cold[s]),
            )
        rows += guarded("emit", 1, lambda: emit_rows(settings, work))
        for size in settings.sizes[1:]:
            rows += guarded("diff", size, lambda s=size: diff_rows(s, settings, work))
        rows += growth_rows(rows)
        scripts = {
            "check-events": script_report("check-events", "bench_check_events.py", settings),
            "typescript": script_report("typescript", "bench_typescript.py", settings),
        }
    text = report(_ordered(rows), scripts, settings, time.perf_counter() - started)
    print(text)
    if not args.no_write:
        written = QUICK_RESULTS if settings.quick else RESULTS
        written.parent.mkdir(parents=True, exist_ok=True)
        written.write_text(text, encoding="utf-8")
        progress(f"wrote {written}")
    return 0


def guarded(section: str, size: int, measure: Callable[[], list[Row]]) -> list[Row]:
    """The rows of one section; a section that fails becomes a row saying so (the rest of
    the run goes on, so an unattended run always ends with a table)."""
    try:
        return measure()
    except Exception as error:  # noqa: BLE001 - reported in the table
        progress(f"{section} failed: {error!r}")
        return [Row(section, "failed", f"{size:,}", None, note=f"{type(error).__name__}: {error}")]


def _ordered(rows: list[Row]) -> list[Row]:
    order = ["lint", "start-up", "generate", "peers", "growth", "emit", "sink", "diff"]
    return sorted(rows, key=lambda row: order.index(row.section))


if __name__ == "__main__":
    raise SystemExit(main())
