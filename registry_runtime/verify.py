"""Check a hash-chained JSON Lines audit log (`registry verify-log FILE`).

Every line is checked in order, without re-serializing any JSON (see `registry_runtime.chain`):

- ``"edited"``: the line has the chain suffix but its hash is not ``sha256(prev_hash + body)``:
  the record was changed after it was written;
- ``"broken_chain"``: the line is intact but its ``prev_hash`` is not the hash of the record
  before it (or, for the first record, not 64 zeros): records were deleted, inserted or
  reordered just before this line;
- ``"malformed"``: an empty line, or a line that is neither a record nor what a crash leaves
  (garbage, a plain JSON object without the chain keys): never written by the sink;
- ``"torn"``: a line that is not a complete record, as left by a writer that crashed in the
  middle of a write (the next writer terminates it and chains from the record before it). Torn
  lines are reported but are the one kind that does not make ``ok`` false: a crash is not
  tampering, and the chain around the torn line is still checked in full (the record after it
  must chain from the last complete record). A tamperer cannot use this to hide a change:
  cutting a record short makes the next record's ``prev_hash`` point at a hash that no longer
  exists (``broken_chain``), and cutting the last record short is a truncation (below);
- ``"truncated"``: the head file says the log had ``n`` records ending with hash ``h``, and the
  log has fewer records, or its record ``n`` has another hash. Removing records from the end
  leaves a valid chain, so this is only visible against a head file (`JsonLinesSink` writes
  ``<path>.head``; keep copies elsewhere, see `registry_runtime.jsonl`).
- ``"bad_head"``: the head file cannot be read or is not a head document.

After an ``edited`` or ``broken_chain`` line, checking continues from that line's own hash, so
one tampered record gives one problem rather than a cascade (a swap of two records gives
three). ``problems[0]`` is the first bad record.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Final

from .chain import ZERO_HASH, body_hash, parse

#: Problem kinds that do not make a verification fail.
NON_FATAL: Final = frozenset({"torn"})


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding: 1-based line number in the log, kind (see module docstring), message."""

    line: int
    kind: str
    message: str


@dataclass(frozen=True, slots=True)
class VerifyResult:
    """``ok``: no fatal problem; ``records``: complete records read; ``last_hash``: of the last."""

    ok: bool
    records: int
    problems: list[Problem] = field(default_factory=list)
    last_hash: str | None = None
    problems_left_off: int = 0

    @property
    def first_problem(self) -> Problem | None:
        """The first fatal problem (the first bad record), if any."""
        for problem in self.problems:
            if problem.kind not in NON_FATAL:
                return problem
        return None


def _short(value: bytes | str) -> str:
    text = value.decode("ascii", "replace") if isinstance(value, bytes) else value
    return text[:12] + "..."


def _crash_remnant(line: bytes) -> bool:
    """Whether a line that is not a complete record can be what a writer killed mid-write
    leaves: the start of a record (`{` and no complete JSON object, which a cut record never
    is: the chain suffix replaces its closing brace), or the zeros a file system may leave
    after a power loss. Anything else (garbage, a plain JSON Lines record) was written by
    something other than the sink."""
    if not line.strip(b"\x00"):
        return True
    if line[:1] != b"{":
        return False
    try:
        return not isinstance(json.loads(line), dict)
    except RecursionError:  # deeper than any record orjson writes (it stops at 255 levels)
        return False
    except ValueError:
        return True


def verify_log(
    path: str | os.PathLike[str],
    head: str | os.PathLike[str] | None = None,
    *,
    sidecar: bool = True,
    max_problems: int = 1000,
) -> VerifyResult:
    """Verify the chained log at ``path``.

    ``head`` is a head file to check truncation against; when it is None and ``sidecar`` is
    true, ``<path>.head`` is used if it exists. At most ``max_problems`` problems are listed
    (``problems_left_off`` counts the rest). Raises `OSError` if the log cannot be read.
    """
    problems: list[Problem] = []
    left_off = 0
    fatal = False

    def report(line: int, kind: str, message: str) -> None:
        nonlocal left_off, fatal
        if kind not in NON_FATAL:
            fatal = True
        if len(problems) < max_problems:
            problems.append(Problem(line, kind, message))
        else:
            left_off += 1

    head_path: str | None = None
    if head is not None:
        head_path = os.fspath(head)
    elif sidecar and os.path.exists(os.fspath(path) + ".head"):
        head_path = os.fspath(path) + ".head"
    head_records: int | None = None
    head_hash: str | None = None
    if head_path is not None:
        try:
            with open(head_path, "rb") as handle:
                document = json.loads(handle.read(1 << 16))
            head_records = document["records"]
            head_hash = document["last_hash"]
            if not (
                isinstance(head_records, int) and head_records >= 0 and isinstance(head_hash, str)
            ):
                raise TypeError("records must be a count and last_hash a string")
        except (OSError, ValueError, KeyError, TypeError) as error:
            report(0, "bad_head", f"head file {head_path} is unusable: {error}")
            head_records = head_hash = None

    expected = ZERO_HASH
    records = 0
    last_hash: bytes | None = None
    line_number = 0
    at_head: tuple[int, bytes] | None = None
    with open(path, "rb") as log:
        for raw in log:
            line_number += 1
            line = raw[:-1] if raw.endswith(b"\n") else raw
            if not line:
                report(line_number, "malformed", "empty line")
                continue
            parsed = parse(line)
            if parsed is None and not _crash_remnant(line):
                report(
                    line_number,
                    "malformed",
                    "not a record of a chained log, nor what a crashed writer leaves (a record "
                    "cut short): a line written by something else",
                )
                continue
            if parsed is None:
                where = "" if raw.endswith(b"\n") else " at the end of the log"
                report(
                    line_number,
                    "torn",
                    f"incomplete record{where} (a writer crashed mid-write); the chain "
                    f"continues from the last complete record",
                )
                continue
            prev_hash, own_hash = parsed
            records += 1
            if body_hash(prev_hash, line) != own_hash:
                report(
                    line_number,
                    "edited",
                    f"record {records} does not match its hash {_short(own_hash)}: "
                    f"it was changed after it was written",
                )
            elif prev_hash != expected:
                if expected == ZERO_HASH:
                    what = "the first record does not start a chain (records removed before it?)"
                else:
                    what = (
                        f"prev_hash {_short(prev_hash)} is not the hash of the previous "
                        f"record ({_short(expected)}): a record was deleted, inserted or "
                        f"moved here"
                    )
                report(line_number, "broken_chain", f"record {records}: {what}")
            expected = own_hash
            last_hash = own_hash
            if records == head_records:
                at_head = (line_number, own_hash)

    if head_records is not None and head_hash is not None and head_records > 0:
        if records < head_records:
            report(
                line_number + 1,
                "truncated",
                f"the head file says {head_records} records ending with hash "
                f"{_short(head_hash)}, but the log has only {records}: records were removed "
                f"from the end",
            )
        elif at_head is not None and at_head[1].decode("ascii") != head_hash:
            report(
                at_head[0],
                "truncated",
                f"record {head_records} has hash {_short(at_head[1])} but the head file says "
                f"{_short(head_hash)}: the log was truncated and rewritten",
            )
    return VerifyResult(
        ok=not fatal,
        records=records,
        problems=problems,
        last_hash=None if last_hash is None else last_hash.decode("ascii"),
        problems_left_off=left_off,
    )
