"""`registry query --verify`: which records the chain and the signed checkpoints prove.

The runtime's verifier (`registry_runtime.verify.verify_logs`) checks every family; this module
only reads its result. A record is *proven* when it lies in a range of its stream sealed by a
checkpoint whose signature is valid under a trusted key, the verifier closed that range (the
range's records are all there, chained, and their Merkle root is the signed one), and none of
the verifier's problems falls inside it. Everything else is *unproven*: records of a damaged
range, records after the last valid checkpoint (not sealed yet), first-format records (no
checkpoints) and files the verifier cannot read as a chained log (`.gz`, Parquet, plain JSON
Lines). When a problem cannot be placed in a range, the whole stream is unproven.
"""

from __future__ import annotations

import os
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from registry_runtime.chain import stream_seq
from registry_runtime.checkpoint import parse_checkpoint
from registry_runtime.rotation import CHECKPOINT_SUFFIX, families
from registry_runtime.signing import PublicKeys
from registry_runtime.verify import NON_FATAL, Problem, VerifyResult, verify_logs
from registry_runtime.verify_scan import read_lines

MAX_PROBLEMS: Final = 1_000_000
"""Problems the verifier keeps: enough to place every one of them in its range."""


@dataclass(frozen=True, slots=True)
class Span:
    """Records `first` to `last` (sequence numbers) of `stream`, read from `files`."""

    stream: str
    first: int
    last: int
    files: tuple[str, ...]
    reason: str = ""
    """Why the records are unproven (empty for a proven span)."""

    @property
    def count(self) -> int:
        return self.last - self.first + 1


@dataclass(frozen=True, slots=True)
class Proof:
    """What `--verify` found: the verifier's verdict and the proven and unproven spans."""

    result: VerifyResult
    proven: tuple[Span, ...]
    unproven: tuple[Span, ...]

    @property
    def proven_records(self) -> int:
        return sum(span.count for span in self.proven)


def prove(files: Iterable[str], keys: PublicKeys, checkpoint_files: Iterable[str] = ()) -> Proof:
    """Verify the chained JSON Lines `files` with the trusted `keys` and say which records are
    proven. `checkpoint_files`: used instead of each family's `<active>.checkpoints`. Raises
    `OSError` when a file cannot be read."""
    paths = list(files)
    given = list(checkpoint_files)
    result = verify_logs(
        list(paths), public_keys=keys, checkpoints=list(given) or None, max_problems=MAX_PROBLEMS
    )
    sealing = given or [
        active + CHECKPOINT_SUFFIX
        for active in families(paths)
        if os.path.isfile(active + CHECKPOINT_SUFFIX)
    ]
    located = _located(result, set(sealing))
    ranges = _signed_ranges(sealing, {(p.file, p.line) for p in result.problems})
    counts, problem_seqs = _scan_damaged(result, located, ranges)
    proven: list[Span] = []
    unproven: list[Span] = []
    for report in result.streams:
        stream = report.stream
        damaged = stream in located.damaged
        good: list[tuple[int, int]] = []
        if stream not in located.whole and not result.problems_left_off:
            for first, last in ranges.get(stream, []):
                if last > report.sealed_to:
                    continue
                if damaged and (
                    counts.get((stream, first), 0) != last - first + 1
                    or any(first <= seq <= last for seq in problem_seqs.get(stream, ()))
                ):
                    continue
                good.append((first, last))
        runs = _merged(good)
        proven.extend(Span(stream, a, b, report.files) for a, b in runs)
        kinds = located.kinds.get(stream)
        reason = (
            "damaged: " + ", ".join(sorted(kinds))
            if kinds
            else "not sealed by a signed checkpoint yet"
        )
        unproven.extend(
            Span(stream, a, b, report.files, reason) for a, b in _gaps(runs, report.last_seq)
        )
    return Proof(result, tuple(proven), tuple(unproven))


@dataclass(frozen=True, slots=True)
class _Located:
    damaged: frozenset[str]
    """Streams with a fatal problem in their records."""
    whole: frozenset[str]
    """Streams with a problem that no record line locates: unproven as a whole."""
    lines: dict[str, frozenset[int]]
    """file -> the lines of its records that have a problem."""
    kinds: dict[str, set[str]]


def _located(result: VerifyResult, sealing: set[str]) -> _Located:
    damaged: set[str] = set()
    whole: set[str] = set()
    lines: dict[str, set[int]] = {}
    kinds: dict[str, set[str]] = {}
    for problem in result.problems:
        if problem.kind in NON_FATAL or problem.stream is None:
            continue
        kinds.setdefault(problem.stream, set()).add(problem.kind)
        if problem.file in sealing:
            continue  # checkpoint lines with a problem are left out of the signed ranges
        damaged.add(problem.stream)
        if problem.kind == "truncated":
            continue  # the ranges past the log's end are never closed
        if _on_a_record(problem):
            lines.setdefault(problem.file, set()).add(problem.line)
        else:
            whole.add(problem.stream)
    return _Located(
        frozenset(damaged),
        frozenset(whole),
        {file: frozenset(numbers) for file, numbers in lines.items()},
        kinds,
    )


def _on_a_record(problem: Problem) -> bool:
    return problem.line > 0 and os.path.isfile(problem.file)


def _signed_ranges(
    sealing: list[str], bad: set[tuple[str, int]]
) -> dict[str, list[tuple[int, int]]]:
    """Per stream, the ranges of the checkpoints the verifier raised no problem about."""
    ranges: dict[str, list[tuple[int, int]]] = {}
    for path in sealing:
        with open(path, "rb") as handle:
            for number, text in enumerate(handle, 1):
                if (path, number) in bad:
                    continue
                checkpoint = parse_checkpoint(text.rstrip(b"\n"))
                if checkpoint is not None and checkpoint.count:
                    ranges.setdefault(checkpoint.stream, []).append(
                        (checkpoint.first, checkpoint.last)
                    )
    return {stream: sorted(found) for stream, found in ranges.items()}


def _scan_damaged(
    result: VerifyResult, located: _Located, ranges: dict[str, list[tuple[int, int]]]
) -> tuple[dict[tuple[str, int], int], dict[str, set[int]]]:
    """One pass over the files of the damaged streams: how many chained lines each of their
    signed ranges holds (a range is closed only when it holds each of its records once), and
    the sequence numbers of the lines with a problem."""
    counts: dict[tuple[str, int], int] = {}
    seqs: dict[str, set[int]] = {}
    if not located.damaged:
        return counts, seqs
    starts = {stream: [first for first, _last in found] for stream, found in ranges.items()}
    files = sorted(
        {f for s in result.streams if s.stream in located.damaged for f in s.files}
        | set(located.lines)
    )
    for path in files:
        wanted = located.lines.get(path, frozenset())
        with open(path, "rb") as handle:
            for number, (line, _newline) in enumerate(read_lines(handle), 1):
                position = None if line is None else stream_seq(line)
                if position is None:
                    continue
                stream, seq = position
                if number in wanted:
                    seqs.setdefault(stream, set()).add(seq)
                if stream not in located.damaged or stream not in starts:
                    continue
                at = bisect_right(starts[stream], seq) - 1
                if at >= 0 and seq <= ranges[stream][at][1]:
                    key = (stream, ranges[stream][at][0])
                    counts[key] = counts.get(key, 0) + 1
    return counts, seqs


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for first, last in sorted(ranges):
        if runs and first <= runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], max(runs[-1][1], last))
        else:
            runs.append((first, last))
    return runs


def _gaps(runs: list[tuple[int, int]], last_seq: int) -> list[tuple[int, int]]:
    """The sequence numbers 0..`last_seq` that no run covers."""
    gaps: list[tuple[int, int]] = []
    start = 0
    for first, last in runs:
        if first > start:
            gaps.append((start, min(first - 1, last_seq)))
        start = max(start, last + 1)
    if start <= last_seq:
        gaps.append((start, last_seq))
    return gaps


SHOWN: Final = 20
"""Unproven spans listed one per line before the rest are counted."""


def summary(proofs: Iterable[Proof], unprovable: Iterable[str] = ()) -> tuple[list[str], int]:
    """What `--verify` states on stderr, and its exit code: 0 every record proven, 1 a chain
    damaged (the answer is still given), 3 intact but records unproven (not sealed yet, first
    format, or in `unprovable` files: compressed logs, Parquet files outside an archive)."""
    from registry.escape.terminal import plural

    found = list(proofs)
    chained = sum(p.result.records for p in found)
    proven = sum(p.proven_records for p in found)
    problems = sum(len(p.result.problems) + p.result.problems_left_off for p in found)
    damaged = not all(p.result.ok for p in found)
    verdict = f"DAMAGED ({plural(problems, 'problem')})" if damaged else "intact"
    total = plural(chained, "chained record", grouped=True)
    lines = [f"verified: chain {verdict}; {proven:,} of {total} proven by signed checkpoints"]
    spans = [span for p in found for span in p.unproven]
    for span in spans[:SHOWN]:
        lines.append(
            f"  unproven: stream {span.stream} records {span.first} to {span.last} ({span.reason})"
        )
    if len(spans) > SHOWN:
        lines.append(f"  ... and {plural(len(spans) - SHOWN, 'more unproven span')}")
    legacy = sum(p.result.legacy_records for p in found)
    if legacy:
        lines.append(
            f"  unproven: {plural(legacy, 'first-format record', grouped=True)} (no checkpoints)"
        )
    others = list(unprovable)
    for path in others:
        lines.append(f"  unproven: every record of {path} (not a log the verifier reads)")
    code = 1 if damaged else 3 if spans or legacy or others else 0
    return lines, code
