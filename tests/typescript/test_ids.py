"""The ids the TypeScript runtime writes are UUIDv7 (RFC 9562: version 7, variant 10) and
strictly increasing within a process: 5,000 from the clock, 5,000 within one millisecond (the
counter) and some with the clock going back, in one Node run."""

from __future__ import annotations

import json
import subprocess
import uuid
from itertools import pairwise

from ts_helpers import Compiled, compiled

__all__ = ["compiled"]  # the session fixture

SCRIPT = """
const { uuid7 } = await import(process.argv[1]);
const ids = [];
for (let i = 0; i < 5000; i++) ids.push(uuid7());
const now = Date.now() + 1000;
for (let i = 0; i < 5000; i++) ids.push(uuid7(now));
for (let i = 0; i < 100; i++) ids.push(uuid7(now - 5000 + i));
process.stdout.write(JSON.stringify({ ids, now }));
"""


def test_ids_are_increasing_uuid7(compiled: Compiled) -> None:
    module = (compiled.package / "dist" / "runtime" / "ids.js").as_uri()
    run = subprocess.run(
        [compiled.node, "--input-type=module", "-e", SCRIPT, module],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    produced = json.loads(run.stdout)
    ids = [uuid.UUID(text) for text in produced["ids"]]
    assert [str(u) for u in ids] == produced["ids"]  # canonical lower-case text
    assert {u.version for u in ids} == {7}
    assert {u.variant for u in ids} == {uuid.RFC_4122}
    numbers = [u.int for u in ids]
    assert all(a < b for a, b in pairwise(numbers))
    assert all(a < b for a, b in pairwise(produced["ids"]))
    assert ids[5000].int >> 80 == produced["now"]  # the millisecond of the clock, 48 bits
