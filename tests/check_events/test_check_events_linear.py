"""Every value recogniser of check-events runs in time linear in the value, and catalog
patterns cannot blow up: adversarial values for each recogniser (1 MB in under 100 ms of
CPU), a property test that the time grows linearly, and both pattern engines."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from check_events_helpers import check_bytes, jsonl, valid_order
from hypothesis import given, settings
from hypothesis import strategies as st

from registry.checkevents.patterns import RE2, pattern_search
from registry.privacy import leaks

MB = 1 << 20


def cpu_seconds(function: Callable[[], object], repeat: int = 3) -> float:
    """The least CPU time of ``repeat`` runs (the machine is shared: wall-clock time is not)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        function()
        best = min(best, time.process_time() - start)
    return best


def fill(unit: str, size: int = MB, head: str = "", tail: str = "") -> str:
    return head + unit * ((size - len(head) - len(tail)) // len(unit)) + tail


# (recogniser, value): runs that start a match at every position and fail late, near-miss
# prefixes, and long runs of the characters each expression repeats.
ADVERSARIAL: list[tuple[str, str]] = [
    ("card: digit run", fill("1", tail="x")),
    ("card: spaced digits", fill("1 ")),
    ("card: dashed digits", fill("1-")),
    ("card: invalid Luhn numbers", fill("4111 1111 1111 1112 ")),
    ("phone: dotted near misses", fill(" 1.")),
    ("phone: digits then a separator", fill("1", head="+", tail="-")),
    ("phone: two groups", fill("12345678 12345678 ")),
    ("phone: parentheses", fill("(1) ")),
    ("dotted numbers: digits before a dot", fill("1", tail=".")),
    ("dates: near misses", fill("2026-01-0 ")),
    ("e-mail: at signs", fill("@")),
    ("e-mail: local parts", fill("a@")),
    ("e-mail: long domain", fill("a.", head="a@", tail="1")),
    ("e-mail: dots", fill(".")),
    ("ipv4: dotted quads too long", fill("1.1.1.")),
    ("ipv6: colons", fill(":", tail="x")),
    ("ipv6: hex and colons", fill("a:", tail="g")),
    ("ipv6: colon runs between words", fill("::x")),
    ("iban: country prefixes", fill("NL91")),
    ("iban: spaced groups", fill("NL91 ABCD ")),
    ("jwt: prefixes", fill("eyJ")),
    ("jwt: segments", fill("eyJaaaaaaaa.")),
    ("aws: prefixes", fill("AKIA")),
    ("github: prefixes", fill("ghp_")),
    ("slack: prefixes", fill("xoxb-", head="_")),
    ("slack: webhook", fill("1", head="hooks.slack.com/services/T")),
    ("stripe: prefixes", fill("sk_live_")),
    ("google: prefixes", fill("AIza")),
    ("private key: header", fill("A ", head="-----BEGIN ")),
    ("bearer: spaces", fill(" ", head="bearer")),
    ("bearer: tokens", fill("eyJ", head="bearer ")),
    ("basic: line breaks", fill("\n", head="basic ")),
    ("basic: base64-ish", fill("A", head="basic ", tail="===")),
    ("url: scheme runs", fill("a", tail="://@")),
    ("url: user and password", fill(":", head="x://a:", tail="@")),
    ("url: repeated schemes", fill("a://")),
    ("mixed separators", fill("1.2-3 ")),
    # phonenumbers, python-stdnum and the new secret shapes: many candidates that each pass
    # the expression (only a bounded number reach the library), near misses, long runs
    ("phone: national candidates", fill("0151 4055833 ")),
    ("phone: international candidates", fill("+49 151 4055833 ")),
    ("phone: north american near misses", fill("(212) 555-01 ")),
    ("phone: labelled runs", fill("Ticket 2023 9988 9605 ")),
    ("national id: grouped digits", fill("111.444.777-3 ")),
    ("national id: letters and digits", fill("X1234567 ")),
    ("national id: fiscal code shapes", fill("RCCMNL83S18D969 ")),
    ("national id: labels", fill("id: 12345678 ")),
    ("national id: one long candidate", fill("1-")),
    ("secret: prefixes", fill("glpat-npm_shpat_sk-hf_PMAK-SG.hvs.dapi")),
    ("secret: assignments", fill("password=")),
    ("secret: assignment near misses", fill("passwor")),
    ("secret: base64 runs", fill("Ab1+", tail=" ")),
    ("secret: base64 keys", fill("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE= ")),
    ("secret: telegram", fill("123456:A")),
    ("secret: azure ad", fill("abc1Q~")),
    ("secret: token users", fill("a", head="https://", tail="@")),
    ("secret: urls with tokens", fill("https://0123456789abcdef0123@h ")),
    ("secret: issuer-shaped near misses", fill("abc_live_" + "Ab1" * 10 + " ")),
    ("secret: issuer-shaped words", fill("word_")),
    ("secret: issuer-shaped runs", fill("aB3", head="xy_")),
    ("secret: keyed tokens", fill("aB3+", head="k=")),
    ("e-mail: in url user parts", fill("a@b.io", head="https://")),
    ("secret: base64 pem headers", fill("LS0tLS1CRUdJTi")),
    ("secret: issuer-shaped hex", fill("sha_" + "0a1b2c3d4e" * 4 + " ")),
    ("labels: accented words before numbers", fill("cédula 1234567 ")),
    # issue 17, round 4: region hints, key pairs, long tokens, capital and separated bodies
    ("phone: region names before numbers", fill("Pakistan 0320 0591012 ")),
    ("phone: region codes before numbers", fill("(DE) 12 34 ")),
    ("phone: phone words before identifier-shaped numbers", fill("phone 647 527 720 ")),
    ("phone: dotted pairs", fill("06.43.00.63.56 ")),
    ("national id: bracketed check digits", fill("A123456(7) ")),
    ("national id: capitals before digits", fill("ABCDEF123456 ")),
    ("labels: abbreviations before numbers", fill("a.b.c. 1234567 ")),
    ("secret: key id pairs", fill("ab_12345:")),
    ("secret: key id pair near misses", fill("key_1234:" + "aB3" * 7 + " ")),
    ("secret: long url-safe runs", fill("aB3-" * 11 + " ")),
    ("secret: long runs with zero bytes", fill("AAAA" * 11 + "1aB ")),
    ("secret: capital issuer runs", fill("NRAK-" + "A1B2" * 7 + " ")),
    ("secret: issuer runs with separators", fill("ab_" + "aB3_" * 8 + " ")),
    ("secret: url users with at signs", fill("x://j@ne:")),
]


BUDGET = 0.15
"""The issue's 100 ms of CPU for 1 MB, and half as much again for a loaded or slower CI
machine. Since the one-pass shape of a value (`registry.privacy.valueshape`) skips the
recognisers that cannot match, the slowest of these values takes 66 ms of CPU on a 2-core VM
at a load of 2.6 (`secret: issuer-shaped runs`, `iban: spaced groups`, `secret: base64
keys`); before it, 132 ms (`secret: urls with tokens`). The same scan once took over 120 ms
at a load of 3.3, so a tighter budget fails on a busy machine. What this test guards is the
class: a quadratic recogniser takes seconds here."""


@pytest.mark.parametrize(("name", "value"), ADVERSARIAL, ids=[a for a, _ in ADVERSARIAL])
def test_a_megabyte_value_is_scanned_in_under_100_ms(name: str, value: str) -> None:
    assert cpu_seconds(lambda: leaks.find_leaks(value)) < BUDGET, name


@pytest.mark.parametrize(
    "value",
    [fill("1", 200_000, tail="-"), fill("a", 200_000, tail="://@"), fill(":", 200_000, tail="x")],
    ids=["dotted numbers", "url credentials", "ipv6 tokens"],
)
def test_the_shapes_that_backtracked_are_linear(value: str) -> None:
    """Each took over a minute at 200 KB before (quadratic backtracking)."""
    assert cpu_seconds(lambda: leaks.find_leaks(value), 1) < 0.05


UNITS = ["1", " ", ".", "-", ":", "@", "a", "A", "+", "(", "/", "=", "eyJ", "AKIA", "ghp_",
         "xoxb-", "NL91", "bearer ", "basic ", "://", "x://a:", "a@b.", "1.2.", "4111 ",
         "0151 ", "+49 ", "X123", "83S18", "id: ", "password=", "glpat-", "sk-", "Q~",
         ":AA", "Ab1+/", "ab_", "_live_", "cédula ", "EUR "]  # fmt: skip


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(UNITS), min_size=1, max_size=4), st.sampled_from(UNITS))
def test_scan_time_grows_linearly(pattern: list[str], tail: str) -> None:
    """Eight times the text costs at most about eight times the time (quadratic: 64)."""
    unit = "".join(pattern)
    small = fill(unit, 32_768, tail=tail)
    large = fill(unit, 262_144, tail=tail)
    small_time = cpu_seconds(lambda: leaks.find_leaks(small))
    large_time = cpu_seconds(lambda: leaks.find_leaks(large))
    assert large_time < 0.02 + 16 * small_time, (unit, tail, small_time, large_time)


def test_a_long_value_in_a_record_is_checked_quickly() -> None:
    record = valid_order()
    record["fields"]["note"] = fill(" 1.", 200_000)
    seconds = cpu_seconds(lambda: check_bytes(jsonl(record)), 1)
    assert seconds < 0.1


SLOW = r"^(a+)+$"


@pytest.mark.parametrize("engine", [RE2, None], ids=["google-re2", "re"])
def test_patterns_search_as_re_does(engine: object) -> None:
    for regex, text, found in [
        (r"^ord_[a-z0-9]{8}$", "ord_8f3k2m1q", True),
        (r"^ord_[a-z0-9]{8}$", "ORD-1", False),
        (r"[0-9]{3}", "ab123", True),
        (r"(a)\1", "xaa", True),  # RE2 refuses backreferences: `re` searches it
        (SLOW, "aaaa", True),
        (SLOW, "aaab", False),
    ]:
        assert pattern_search(regex, engine)(text) is found, (regex, text)  # type: ignore[arg-type]


@pytest.mark.skipif(RE2 is None, reason="google-re2 is not installed")
def test_a_slow_pattern_runs_on_re2_in_linear_time() -> None:
    search = pattern_search(SLOW, RE2)
    assert cpu_seconds(lambda: search("a" * 100_000 + "b"), 1) < 0.05


def test_without_re2_the_length_is_checked_before_a_slow_pattern(tmp_path: object) -> None:
    """The fallback: `re` runs the pattern only on values within max_length."""
    from pathlib import Path

    from registry.catalog.config import build_config
    from registry.catalog.load import load_catalog
    from registry.checkevents import patterns
    from registry.checkevents.run import StreamCheck

    assert isinstance(tmp_path, Path)
    (tmp_path / "c.yaml").write_text(
        "domain: c\ndescription: d.\nowners: [t]\nevents:\n  user.did_it:\n"
        "    description: d.\n    category: data_change\n    actor: [user]\n    targets: []\n"
        "    outcomes: [success]\n    fields:\n"
        f"      code: {{type: string, max_length: 20, pattern: '{SLOW}', description: c.}}\n",
        "utf-8",
    )
    config = build_config({}, tmp_path, None)
    catalog = load_catalog((str(tmp_path),), config).catalog
    record = {**valid_order(), "event": "user.did_it", "targets": []}
    record["fields"] = {"code": "a" * 5000 + "b"}
    original = patterns.RE2
    try:
        patterns.RE2 = None  # type: ignore[misc]
        checker = StreamCheck(catalog, config, path="s.jsonl")
        import io

        start = time.process_time()
        findings = list(checker.findings(io.BytesIO(jsonl(record))))
        assert time.process_time() - start < 0.5
    finally:
        patterns.RE2 = original  # type: ignore[misc]
    assert [(f.rule, f.field) for f in findings] == [("E011", "fields.code")]
