"""Fuzz the catalog loader and resolver (and the rules after them) for a fixed time.

    pip install -e '.[fuzz]'                 # atheris (coverage-guided, libFuzzer)
    python scripts/fuzz.py --seconds 600     # atheris when installed, else hypothesis
    python scripts/fuzz.py --seconds 60 --engine hypothesis
    python scripts/fuzz.py --replay fuzz-artifacts/crash-...    # run one input again
    python scripts/fuzz.py --promote fuzz-artifacts/crash-... NAME  # make it a bad-inputs case

Each input is written as a catalog file and linted with both parsers (`registry.lint.engine.lint`:
discovery, reading, YAML composition, schema validation, includes, resolution, every rule).
A *crash* is any exception (library code reports bad input as findings, it never raises), any
warning or printed output (library code never prints), a finding without a line and column,
or one input taking longer than `--timeout` seconds.
Crashing inputs are saved under `--artifacts` (default `fuzz-artifacts/`); after the bug is
fixed, `--promote` copies one into `tests/bad_inputs/cases/fuzz-NAME/` with its findings and
exit code as the expected record (review it before committing), so every crash found becomes
a regression test.

Seeds: the bad-inputs corpus, the built-in catalogs, and the rule-test cases. Atheris mutates
bytes guided by the line coverage of `registry` (instrumented on import) with a dictionary of
YAML and catalog tokens; the hypothesis engine mutates seeds with the same tokens, and also
writes random catalogs from two strategies (hostile text in every free-text position; values
of any type under every known key), until the time is up. Not part of the test run (see the
README): run it on a schedule, or before a release.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import hashlib
import io
import json
import os
import random
import shutil
import signal
import sys
import tempfile
import time
import traceback
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CASES = REPO / "tests" / "bad_inputs" / "cases"
TOKENS = [
    "\n", "\n  ", "\n    ", "\n      ", ": ", "- ", "? ", "[", "]", "{", "}", ", ", "'", '"', "#",
    "&a ", "*a", "!!str ", "!!python/object ", "!foo ", "---\n", "...\n", "|\n", ">-\n", "\t",
    "\\u0000", "\\x85", "\xef\xbb\xbf", "\x00", "\xff", "~", "null", "true", "yes", "1.10", "0x1F",
    "1e9", ".inf", "<<: *a", "domain: ", "description: ", "owners: ", "include: ", "types: ",
    "events: ", "fields: ", "type: ", "values: ", "items: ", "pattern: ", "required: ",
    "sensitivity: ", "redact: ", "redact_reason: ", "examples: ", "deprecated: ", "replaced_by: ",
    "lint: ", "ignore: ", "rule: ", "reason: ", "category: ", "actor: ", "targets: ",
    "outcomes: ", "failure_reasons: ", "version: ", "metadata: ", "max_length: ", "min: ",
    "max: ", "format: ", "object", "enum", "list", "string", "integer", "uuid", "timestamp",
    "builtin:security", "a.yaml", "../", "user.added_thing", "user.аdded", "class", "from",
    "pii", "credential", "hash", "drop", "none", "(?P<", "[a-", "\\", "{{ x }}",
]  # fmt: skip


@dataclasses.dataclass
class Crash:
    data: bytes
    error: str


class Slow(Exception):
    """An input took longer than the time limit."""


class Target:
    """Writes one input as a catalog and lints it with both parsers."""

    def __init__(self, timeout: float | None) -> None:
        from registry.catalog.config import load_config
        from registry.lint.rules import known_codes

        self.directory = Path(tempfile.mkdtemp(prefix="registry-fuzz-"))
        self.path = self.directory / "catalog.yaml"
        (self.directory / "a.yaml").write_text("domain: a\nevents: {}\n")  # an include target
        self.config = load_config(None, self.directory, known_codes())
        self.timeout = timeout
        """None under atheris: libFuzzer's own -timeout stops a slow input."""

    def __call__(self, data: bytes) -> None:
        from registry.lint.engine import lint

        self.path.write_bytes(data)
        cwd = os.getcwd()
        os.chdir(self.directory)
        printed = io.StringIO()
        if self.timeout is not None:
            signal.signal(signal.SIGALRM, _on_alarm)
            signal.setitimer(signal.ITIMER_REAL, self.timeout)
        try:
            with (
                warnings.catch_warnings(),
                contextlib.redirect_stdout(printed),
                contextlib.redirect_stderr(printed),
            ):
                warnings.simplefilter("error")  # a warning would reach the user's terminal
                for parser in ("yaml-rs", "pyyaml"):
                    config = dataclasses.replace(self.config, parser=parser)
                    result = lint(("catalog.yaml",), config)
                    for finding in result.findings:
                        if finding.line < 1 or finding.column < 1:
                            raise AssertionError(f"finding without a position: {finding}")
                    if result.exit_code not in (0, 1):
                        raise AssertionError(f"exit code {result.exit_code}")
        finally:
            if self.timeout is not None:
                signal.setitimer(signal.ITIMER_REAL, 0)
            os.chdir(cwd)
        if printed.getvalue():
            raise AssertionError(f"library code printed: {printed.getvalue()[:500]!r}")

    def close(self) -> None:
        shutil.rmtree(self.directory, ignore_errors=True)


def _on_alarm(_signum: int, _frame: FrameType | None) -> None:
    raise Slow("one input took longer than the time limit")


def seeds() -> list[bytes]:
    found: list[bytes] = []
    for pattern, root in (
        ("*.yaml", CASES),
        ("*.yaml", REPO / "catalog"),
        ("*.yaml", REPO / "tests" / "rules" / "cases"),
    ):
        for path in sorted(root.rglob(pattern)):
            data = path.read_bytes()
            if len(data) <= 64_000:
                found.append(data)
    return found or [b"domain: seed\nevents: {}\n"]


def save(artifacts: Path, data: bytes, error: str) -> Path:
    artifacts.mkdir(parents=True, exist_ok=True)
    path = artifacts / f"crash-{hashlib.sha256(data).hexdigest()[:16]}"
    path.write_bytes(data)
    path.with_suffix(".txt").write_text(error)
    return path


# -- engines -----------------------------------------------------------------------------------


def run_atheris(seconds: int, timeout: float, artifacts: Path) -> int:
    import atheris

    with atheris.instrument_imports(include=["registry"]):
        import registry.catalog.loading.compose
        import registry.catalog.validate  # noqa: F401

    target = Target(None)

    def one_input(data: bytes) -> None:
        target(data)

    corpus = Path(tempfile.mkdtemp(prefix="registry-fuzz-corpus-"))
    for index, seed in enumerate(seeds()):
        (corpus / f"seed-{index}").write_bytes(seed)
    dictionary = corpus.parent / f"{corpus.name}.dict"
    dictionary.write_text(
        "".join(f'"{_dict_escape(token)}"\n' for token in TOKENS), encoding="latin-1"
    )
    artifacts.mkdir(parents=True, exist_ok=True)
    argv = [
        sys.argv[0],
        f"-max_total_time={seconds}",
        f"-timeout={int(timeout) + 1}",
        "-max_len=65536",
        "-rss_limit_mb=4096",
        f"-dict={dictionary}",
        f"-artifact_prefix={artifacts}/",
        "-print_final_stats=1",
        str(corpus),
    ]
    atheris.Setup(argv, one_input)
    atheris.Fuzz()  # exits the process: 0 when the time ran out, non-zero on a crash
    return 0


def _dict_escape(token: str) -> str:
    return "".join(
        c if 32 <= ord(c) < 127 and c not in '"\\' else f"\\x{ord(c) & 0xFF:02X}" for c in token
    )


def mutate(rng: random.Random, data: bytes) -> bytes:
    """A few random byte- and token-level edits of `data`."""
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        choice = rng.randrange(7)
        at = rng.randint(0, len(buffer))
        if choice == 0:
            buffer[at:at] = rng.choice(TOKENS).encode("utf-8", "surrogateescape")
        elif choice == 1 and buffer:
            del buffer[at : at + rng.randint(1, 16)]
        elif choice == 2 and buffer:
            buffer[min(at, len(buffer) - 1)] = rng.randrange(256)
        elif choice == 3:
            lines = bytes(buffer).split(b"\n")
            line = rng.randrange(len(lines))
            lines.insert(line, lines[line])
            buffer = bytearray(b"\n".join(lines))
        elif choice == 4:
            lines = bytes(buffer).split(b"\n")
            line = rng.randrange(len(lines))
            lines[line] = b" " * rng.choice((1, 2, 4)) + lines[line]
            buffer = bytearray(b"\n".join(lines))
        elif choice == 5:
            start = rng.randint(0, len(buffer))
            piece = bytes(buffer[start : start + rng.randint(1, 64)])
            buffer[at:at] = piece * rng.randint(1, 4)
        else:
            other = rng.choice(SEEDS)
            start = rng.randint(0, len(other))
            buffer[at:at] = other[start : start + rng.randint(1, 200)]
    return bytes(buffer)


SEEDS: list[bytes] = []


def run_hypothesis(seconds: int, timeout: float, artifacts: Path, seed: int | None) -> int:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    sys.path[:0] = [str(REPO / "tests" / "hostile"), str(REPO / "tests")]
    from hostile_text import catalog, catalog_yaml, texts
    from test_confused_catalogs import catalogs as confused

    SEEDS.extend(seeds())
    target = Target(timeout)
    rng = random.Random(seed)
    deadline = time.monotonic() + seconds
    runs = 0
    crashes: list[Crash] = []

    def check(data: bytes) -> None:
        nonlocal runs
        runs += 1
        try:
            target(data)
        except BaseException as error:
            if isinstance(error, KeyboardInterrupt):
                raise
            crashes.append(Crash(data, "".join(traceback.format_exception(error))))

    def mutated() -> Iterator[bytes]:
        while time.monotonic() < deadline:
            yield mutate(rng, rng.choice(SEEDS))

    inputs = mutated()
    generated = st.one_of(
        texts.map(lambda t: catalog_yaml(catalog(t)).encode("utf-8")),
        confused.map(lambda data: catalog_yaml(data).encode("utf-8")),
        st.binary(max_size=2000),
    )

    @settings(
        max_examples=100,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=generated)
    def from_strategy(data: bytes) -> None:
        check(data)

    while time.monotonic() < deadline and not crashes:
        for data in inputs:
            check(data)
            if crashes or runs % 500 == 0:
                break
        if crashes or time.monotonic() >= deadline:
            break
        from_strategy()
    target.close()
    return _report(crashes, runs, seconds, artifacts)


def _report(crashes: list[Crash], runs: int, seconds: int, artifacts: Path) -> int:
    print(f"{runs:,} inputs in {seconds} s", file=sys.stderr)
    for crash in crashes:
        path = save(artifacts, crash.data, crash.error)
        print(f"CRASH, input saved to {path}:\n{crash.error}", file=sys.stderr)
    return 1 if crashes else 0


# -- replay and promote -------------------------------------------------------------------------


def replay(path: Path, timeout: float) -> int:
    target = Target(timeout)
    try:
        target(path.read_bytes())
    except Exception:  # noqa: BLE001 - whatever it raises is the crash to show
        traceback.print_exc()
        return 1
    finally:
        target.close()
    print(f"{path}: no crash", file=sys.stderr)
    return 0


def promote(path: Path, name: str) -> int:
    """Make a crashing input a bad-inputs case, with today's findings as the expectation."""
    from click.testing import CliRunner

    from registry.cli import main

    sys.path.insert(0, str(CASES.parent))
    from test_bad_inputs import findings_in  # reads the cases: before this one is made

    case = CASES / f"fuzz-{name}"
    if case.exists():
        print(f"{case} exists", file=sys.stderr)
        return 2
    case.mkdir(parents=True)
    shutil.copyfile(path, case / "catalog.yaml")
    cwd = os.getcwd()
    os.chdir(case)
    try:
        result = CliRunner().invoke(main, ["lint", "catalog.yaml"])
    finally:
        os.chdir(cwd)
    record: dict[str, Any] = {
        "about": f"Found by scripts/fuzz.py ({path.name}).",
        "lint": ["catalog.yaml"],
        "exit": result.exit_code,
        "findings": findings_in(result.output),
    }
    (case / "case.json").write_text(json.dumps(record, indent=2) + "\n")
    print(f"wrote {case}; review case.json before committing", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="time budget (default 60)")
    parser.add_argument("--engine", choices=("auto", "atheris", "hypothesis"), default="auto")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per input")
    parser.add_argument("--artifacts", type=Path, default=Path("fuzz-artifacts"))
    parser.add_argument("--seed", type=int, default=None, help="seed of the hypothesis engine")
    parser.add_argument("--replay", type=Path, help="run one saved input and show its error")
    parser.add_argument("--promote", nargs=2, metavar=("INPUT", "NAME"))
    options = parser.parse_args(argv)
    if options.replay:
        return replay(options.replay, options.timeout)
    if options.promote:
        return promote(Path(options.promote[0]), options.promote[1])
    engine: str = options.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401
        except ImportError:
            engine = "hypothesis"
        else:
            engine = "atheris"
    print(f"fuzzing the loader and resolver with {engine} for {options.seconds} s", file=sys.stderr)
    if engine == "atheris":
        return run_atheris(options.seconds, options.timeout, options.artifacts)
    return run_hypothesis(options.seconds, options.timeout, options.artifacts, options.seed)


if __name__ == "__main__":
    sys.exit(main())
