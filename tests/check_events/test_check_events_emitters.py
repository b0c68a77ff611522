"""The key integration test: what the generated emitters write checks clean.

The fixture catalog (every field kind, every redaction, a credential, a failure with reasons)
and the built-in catalog are generated into tmp_path, imported, and events are emitted into a
chained `JsonLinesSink` (with and without optional fields, with a context, a failure with its
reason, personal data hashed, masked, truncated and dropped, a credential that must never be
written). `registry check-events` must find nothing in that log; breaking one record of it
must be found.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import orjson
import pytest
from check_events_helpers import CATALOG, check_bytes
from click.testing import CliRunner

from registry.catalog.config import build_config
from registry.cli import main
from registry.generate.run import generate
from registry_runtime import Actor, Context, JsonLinesSink, Target

KEY = "check-events-tests-hmac-key-012345"
BUILTIN = str(Path(__file__).resolve().parents[2] / "catalog")


def _generate(out: Path, catalog: str, package: str) -> None:
    config = build_config({}, Path(catalog).parent, None)
    result = generate("python", (catalog,), config, out, package=package)
    assert result.blocking == (), [f.message for f in result.blocking]


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[ModuleType]:
    package = f"shop_events_{id(tmp_path)}"
    _generate(tmp_path, CATALOG, package)
    sys.path.insert(0, str(tmp_path))
    importlib.invalidate_caches()
    try:
        yield importlib.import_module(package)
    finally:
        sys.path.remove(str(tmp_path))
        for name in [n for n in sys.modules if n == package or n.startswith(package + ".")]:
            del sys.modules[name]


def _emit_shop(package: ModuleType, log: Path) -> None:
    user = Actor(type="user", id="u_42")
    with package.AuditLog(JsonLinesSink(log), tenant="acme", hmac_key=KEY) as audit:
        audit.user_placed_order(
            actor=user,
            order_id="ord_8f3k2m1q",
            channel="web",
            item_count=3,
            total_eur=59.9,
            gift=True,
            placed_at="2026-11-27T20:59:58+01:00",
            delivery_on="2026-12-01",
            cart_id="0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
            coupons=["WINTER10", "VIP"],
            shipping={"carrier": "PostNL", "label_text": "Fragile"},
            note="Please ring twice.",
            customer_email="ada@corp.example.net",
            card_number="4111 1111 1111 1111",
            customer_city="Amsterdam-Noord",
            customer_phone="+31 20 123 4567",
            payment_token="tok_live_0123456789abcdef",
            targets=[Target(type="order", id="ord_8f3k2m1q")],
            context=Context(
                ip="198.51.100.7", user_agent="Mozilla/5.0", request_id="r1", session_id="s1"
            ),
        )
        audit.user_placed_order(  # only the required fields
            actor=Actor(type="service", id="checkout"),
            order_id="ord_00000001",
            channel="app",
            item_count=1,
            targets=[],
        )
        audit.user_placed_order(
            actor=user,
            order_id="ord_00000002",
            channel="phone",
            item_count=100,
            total_eur=0,
            coupons=[],
            shipping={"carrier": "DHL"},
            card_number="1234",
            outcome="failure",
            reason="payment_declined",
            targets=[Target(type="order", id="ord_00000002")],
            tenant="other-tenant",
        )
        audit.user_signed_out(actor=user, context=Context(request_id="req_9"))
        audit.user_signed_out(actor=user, outcome="failure", reason="session_expired")


def test_generated_emitters_write_a_stream_that_checks_clean(
    shop: ModuleType, tmp_path: Path
) -> None:
    log = tmp_path / "audit.jsonl"
    _emit_shop(shop, log)
    data = log.read_bytes()
    assert b"tok_live" not in data  # the runtime never writes the credential
    findings, summary = check_bytes(data)
    assert findings == []
    assert summary.records == 5
    assert summary.chained
    assert summary.value_checked == 5
    counts = {c.event: c.total for c in summary.coverage.seen}
    assert counts == {"user.placed_order": 3, "user.signed_out": 2}
    assert summary.coverage.declared_never_seen == ()


def test_the_cli_agrees_and_a_broken_record_is_found(shop: ModuleType, tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    _emit_shop(shop, log)
    runner = CliRunner()
    clean = runner.invoke(main, ["check-events", CATALOG, str(log)])
    assert clean.exit_code == 0, clean.output
    assert "All checks passed: 5 records" in clean.output
    lines = log.read_bytes().splitlines()
    record = orjson.loads(lines[0])
    record["fields"]["note"] = "call me on +31 6 1234 5678 or mail ada@corp.io"
    record["fields"]["payment_token"] = "tok_live_0123456789abcdef"
    lines[0] = orjson.dumps(record)
    broken = tmp_path / "broken.jsonl"
    broken.write_bytes(b"\n".join(lines) + b"\n")
    result = runner.invoke(main, ["check-events", CATALOG, str(broken)])
    assert result.exit_code == 1
    for code in ("E020", "E024", "E026"):
        assert code in result.output
    for secret in ("ada@corp.io", "1234 5678", "tok_live_0123456789abcdef"):
        assert secret not in result.output


def test_on_invalid_record_is_reported(shop: ModuleType, tmp_path: Path) -> None:
    log = tmp_path / "audit.jsonl"
    reports: list[Exception] = []
    with shop.AuditLog(
        JsonLinesSink(log), hmac_key=KEY, on_invalid="record", on_report=reports.append
    ) as audit:
        audit.user_placed_order(
            actor=Actor(type="user", id="u_1"),
            order_id="not-an-order",
            channel="web",
            item_count=500,
            targets=[],
        )
    assert reports
    findings, _ = check_bytes(log.read_bytes())
    found = {(f.rule, f.field) for f in findings}
    assert ("E012", "validation_errors") in found
    assert ("E010", "fields.order_id") in found
    assert ("E011", "fields.item_count") in found


def test_builtin_catalog_emitters_check_clean(tmp_path: Path) -> None:
    """The project's own catalog, through its generated emitters (README example calls)."""
    package = f"builtin_events_{id(tmp_path)}"
    _generate(tmp_path, BUILTIN, package)
    sys.path.insert(0, str(tmp_path))
    importlib.invalidate_caches()
    log = tmp_path / "audit.jsonl"
    try:
        generated = importlib.import_module(package)
        user = Actor(type="user", id="u_42")
        with generated.AuditLog(JsonLinesSink(log), tenant="acme", hmac_key=KEY) as audit:
            audit.user_promoted_production(
                actor=user,
                app_id="app_9x7c2v",
                release_id="rel_8f3k2m1q",
                approver_email="ada@example.com",
                targets=[Target(type="release", id="rel_8f3k2m1q")],
                context=Context(ip="192.0.2.10", request_id="req_1"),
            )
            audit.user_deploy_failed(
                actor=Actor(type="service", id="deployer"),
                app_id="app_9x7c2v",
                release_id="rel_8f3k2m1q",
                environment="production",
                failed_step="build",
                exit_code=1,
                targets=[Target(type="release", id="rel_8f3k2m1q")],
                reason="build_failed",
            )
    finally:
        sys.path.remove(str(tmp_path))
        for name in [n for n in sys.modules if n == package or n.startswith(package + ".")]:
            del sys.modules[name]
    result = CliRunner().invoke(main, ["check-events", BUILTIN, str(log), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = orjson.loads(result.output)
    assert document["findings"] == []
    assert document["summary"]["records"] == 2


def test_what_the_stdlib_fallback_writes_checks_clean(shop: ModuleType, tmp_path: Path) -> None:
    """A lone surrogate makes the runtime fall back to the stdlib encoder (ASCII escapes),
    which orjson cannot read back: the check reads such a line with the stdlib too."""
    log = tmp_path / "audit.jsonl"
    with shop.AuditLog(JsonLinesSink(log), hmac_key=KEY) as audit:
        audit.user_placed_order(
            actor=Actor(type="user", id="u_1"),
            order_id="ord_00000003",
            channel="web",
            item_count=1,
            note="half a pair: \ud800",
            targets=[],
        )
    data = log.read_bytes()
    assert b"\\ud800" in data
    findings, summary = check_bytes(data)
    assert findings == []
    assert summary.records == 1
