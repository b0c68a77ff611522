"""The conformance vectors (tests/vectors/emit_v1.json) are what Python's runtime writes today
(`--update-goldens` rewrites them: review the diff), and they cover every hard case that
docs/typescript.md names."""

from __future__ import annotations

import json

from emit_vectors import VECTORS, build, dump


def test_python_runtime_reproduces_the_vectors(update_goldens: bool) -> None:
    text = dump(build())
    if update_goldens:
        VECTORS.write_text(text, "utf-8")
    assert VECTORS.read_text("utf-8") == text


def test_the_vectors_cover_the_hard_cases() -> None:
    cases = json.loads(VECTORS.read_text("utf-8"))["cases"]
    lines = [bytes.fromhex(case["line_hex"]) for case in cases]
    joined = b"\n".join(lines)
    for needle in (
        b"1e+16", b"1.5e-7", b"0.00001", b"-0.0", b"5e-324",  # orjson's floats
        b"1e-05", b"1.5e-07",  # the json module's, in a record with a huge integer
        b"18446744073709551616", b"9007199254740993",  # beyond 64 bits, beyond 2^53
        "\U0001f600".encode(), b"\\ud800", b"\\ud83d\\ude00",  # non-BMP, lone surrogate
        b'"*****\xf0\x9f\x98\x85', b"\\u0000", "\u2028".encode(),
    ):
        assert needle in joined, needle
    for credential in (b'"password"', b'"token"', b'"pin"'):
        assert credential not in joined
    for case, line in zip(cases, lines, strict=True):
        assert line.decode("utf-8") == case["line"]
        assert line.startswith(bytes.fromhex(case["body_hex"])[:-1])
