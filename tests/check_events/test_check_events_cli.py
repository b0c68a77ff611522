"""`registry check-events` on the command line: formats, exit codes, stdin, thresholds."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from check_events_helpers import CATALOG, FIXTURES, jsonl, valid_order, valid_sign_out
from click.testing import CliRunner

from registry.checkevents.run import parse_sample
from registry.cli import main

STREAMS = FIXTURES / "streams"


def run(*args: str, input: bytes | None = None, actions: bool = False) -> tuple[int, str, str]:
    environment = {"GITHUB_ACTIONS": "true" if actions else ""}
    result = CliRunner().invoke(main, ["check-events", *args], input=input, env=environment)
    return result.exit_code, result.stdout, result.stderr


def test_clean_stream_exits_0_with_a_summary() -> None:
    code, out, _ = run(CATALOG, str(STREAMS / "clean.jsonl"))
    assert code == 0
    assert "Coverage: 2 of 2 declared events seen; 0 never seen; 0 seen but not declared." in out
    assert "All checks passed: 3 records in 3 lines (JSON Lines)." in out


def test_findings_exit_1_located_by_line(tmp_path: Path) -> None:
    code, out, _ = run(CATALOG, str(STREAMS / "E008_wrong_type.jsonl"))
    assert code == 1
    first = out.splitlines()[0]
    assert first == (
        f"{STREAMS / 'E008_wrong_type.jsonl'}:2: E008 [error] user.placed_order "
        "fields.item_count: must be an integer, not string"
    )


def test_warnings_alone_exit_0_unless_strict() -> None:
    stream = str(STREAMS / "E021_ip_address.jsonl")
    assert run(CATALOG, stream)[0] == 0
    assert run(CATALOG, stream, "--strict")[0] == 1


def test_json_format_with_coverage() -> None:
    data = jsonl(valid_order(), {**valid_order(), "event": "user.exported_data"}, valid_order())
    code, out, _ = run(CATALOG, "-", "--format", "json", input=data)
    assert code == 1
    document = orjson.loads(out)
    assert [f["rule"] for f in document["findings"]] == ["E004"]
    assert document["findings"][0]["line"] == 2
    assert document["findings"][0]["path"] == "<stdin>"
    coverage = document["coverage"]
    assert coverage["declared_never_seen"] == ["user.signed_out"]
    assert coverage["seen_not_declared"] == ["user.exported_data"]
    assert coverage["counts"]["user.placed_order"] == {
        "declared": True,
        "deprecated": False,
        "total": 2,
        "versions": {"1": 2},
    }
    assert document["summary"]["records"] == 3
    assert document["summary"]["by_code"] == {"E004": 1}
    assert document["exit_code"] == 1


def test_json_format_of_a_clean_stream_is_valid_json() -> None:
    code, out, _ = run(CATALOG, str(STREAMS / "clean.jsonl"), "--format", "json")
    assert code == 0
    assert orjson.loads(out)["findings"] == []


def test_max_errors_stops_early() -> None:
    bad = {**valid_order(), "tenant": 7}
    data = jsonl(*([bad] * 10))
    code, out, _ = run(CATALOG, "-", "--max-errors", "3", input=data)
    assert code == 1
    assert out.count(": E003 [error]") == 3
    assert "Stopped at line 3 after 3 errors (--max-errors)." in out


def test_sample_is_deterministic_and_schema_checks_stay_complete() -> None:
    leaking = [
        {**valid_order(), "id": f"0193a2b4-5c6d-7e8f-9a0b-{i:012x}", "tenant": f"t{i}@corp.io"}
        for i in range(200)
    ]
    data = jsonl(*leaking, {**valid_order(), "tenant": 7})
    first = run(CATALOG, "-", "--sample", "0.25", "--format", "json", input=data)[1]
    second = run(CATALOG, "-", "--sample", "4", "--format", "json", input=data)[1]
    one, two = orjson.loads(first), orjson.loads(second)
    lines = [f["line"] for f in one["findings"] if f["rule"] == "E020"]
    assert lines == [f["line"] for f in two["findings"] if f["rule"] == "E020"]
    assert 20 < len(lines) < 80  # about a quarter of 200
    # every sampled leaking record is found; the clean last record may be sampled too
    assert one["summary"]["value_checked"] - len(lines) in (0, 1)
    assert any(f["rule"] == "E003" and f["line"] == 201 for f in one["findings"])


@pytest.mark.parametrize(("text", "rate"), [("1", 1.0), ("0.5", 0.5), ("10", 0.1)])
def test_parse_sample(text: str, rate: float) -> None:
    assert parse_sample(text) == rate


@pytest.mark.parametrize("text", ["0", "-1", "2.5", "nan", "x"])
def test_bad_sample_is_a_usage_error(text: str) -> None:
    code, _, err = run(CATALOG, str(STREAMS / "clean.jsonl"), "--sample", text)
    assert code == 2
    assert "--sample" in err


def test_missing_stream_exits_2() -> None:
    code, _, err = run(CATALOG, "no/such/file.jsonl")
    assert code == 2
    assert "no/such/file.jsonl" in err
    assert "Traceback" not in err


def test_missing_catalog_exits_2() -> None:
    code, _, err = run("no/such/catalog", str(STREAMS / "clean.jsonl"))
    assert code == 2
    assert "no such catalog" in err


def test_catalog_with_errors_exits_2(tmp_path: Path) -> None:
    catalog = tmp_path / "broken.yaml"
    catalog.write_text("domain: x\nevents:\n  user.did:\n    fields: {a: {type: nope}}\n")
    code, _, err = run(str(catalog), str(STREAMS / "clean.jsonl"))
    assert code == 2
    assert "R001" in err
    assert "the catalog has errors" in err


def test_a_directory_as_stream_is_a_usage_error(tmp_path: Path) -> None:
    code, _, _ = run(CATALOG, str(tmp_path))
    assert code == 2


def test_garbage_never_crashes(tmp_path: Path) -> None:
    stream = tmp_path / "garbage.jsonl"
    stream.write_bytes(
        b'\xff\xfe\x00garbage\n{"event": 5}\n{}\n\n   \nnull\n'
        + orjson.dumps(valid_sign_out())
        + b'\n{"event":"user.placed_order","version":1,"fields":{"coupons":[[[[]]]]}}'
    )
    code, out, err = run(CATALOG, str(stream))
    assert code == 1
    assert "Traceback" not in out + err
    assert "internal error" not in err
    assert f"{stream}:1: E001" in out
    assert f"{stream}:6: E001" in out
    assert "8 records" not in out  # 3 objects that are records of sorts, plus the valid one


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    stream = tmp_path / "windows.jsonl"
    stream.write_bytes(
        b"\xef\xbb\xbf" + orjson.dumps(valid_order()) + b"\r\n" + orjson.dumps(valid_sign_out())
    )
    assert run(CATALOG, str(stream))[0] == 0


def test_codes_lists_every_code_without_arguments() -> None:
    from registry.checkevents.codes import CODES

    code, out, _ = run("--codes")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == [c.code for c in CODES]


def test_github_annotations_by_default_under_actions() -> None:
    stream = str(STREAMS / "E021_ip_address.jsonl")
    code, out, _ = run(CATALOG, stream, actions=True)
    assert code == 0
    assert out.splitlines()[0] == (
        f"::warning file={stream},line=2,title=E021::E021 user.placed_order fields.note: "
        "holds an IPv4 address (203.***.***.***) in a field not tagged for personal data"
    )
    assert run(CATALOG, stream, "--format", "text", actions=True)[1].startswith(f"{stream}:2:")


def test_deprecated_events_still_seen_are_listed(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog.yaml"
    catalog.write_text(
        "domain: shop\nevents:\n"
        "  user.signed_out:\n    description: A customer signed out.\n"
        "    actor: [user]\n    targets: []\n    version: 2\n"
        "    deprecated: {reason: sessions end on their own now}\n",
        "utf-8",
    )
    code, out, _ = run(str(catalog), str(STREAMS / "clean.jsonl"), "--format", "json")
    assert code == 1  # the stream's user.placed_order records are not declared here
    document = orjson.loads(out)
    assert document["coverage"]["seen_deprecated"] == ["user.signed_out"]
    assert document["coverage"]["counts"]["user.signed_out"]["deprecated"] is True
    text = run(str(catalog), str(STREAMS / "clean.jsonl"))[1]
    assert "user.signed_out  [v2: 1]  (deprecated)" in text


def test_region_decides_which_national_phone_formats_count() -> None:
    record = valid_order()
    record["fields"]["note"] = "Rückruf 0151 40558339"
    data = jsonl(record)
    _, out, _ = run(CATALOG, "-", "--strict", input=data)
    assert "E024" in out  # Germany is among the default regions
    assert "40558339" not in out
    code, out, _ = run(CATALOG, "-", "--strict", "--region", "GB,FR", input=data)
    assert (code, "E024" in out) == (0, False)
    code, out, _ = run(CATALOG, "-", "--strict", "--region", "de", input=data)
    assert (code, "E024" in out) == (1, True)
    # numbers written with + count whatever the regions
    record["fields"]["note"] = "call +44 7700 900123"
    code, out, _ = run(CATALOG, "-", "--strict", "--region", "FR", input=jsonl(record))
    assert (code, "E024" in out) == (1, True)
    # the regions are an option of that run: the next run has the default regions again
    code, out, _ = run(CATALOG, "-", "--strict", input=data)
    assert (code, "E024" in out) == (1, True)


@pytest.mark.parametrize("regions", ["", "XX", "GB,ZZ"])
def test_an_unknown_region_exits_2(regions: str) -> None:
    code, _, err = run(CATALOG, "-", "--region", regions, input=jsonl(valid_order()))
    assert code == 2
    assert "region" in err
