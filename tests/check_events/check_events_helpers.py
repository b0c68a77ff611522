"""Shared by the check-events tests: the fixture catalog, a valid record, running a check."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import orjson

from registry.catalog.config import Config, build_config
from registry.catalog.load import load_catalog
from registry.catalog.model import Catalog
from registry.checkevents.run import StreamCheck, Summary
from registry.findings import Finding

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
CATALOG = str(FIXTURES / "catalog")

_loaded: dict[str, tuple[Catalog, Config]] = {}


def fixture_catalog(path: str = CATALOG) -> tuple[Catalog, Config]:
    if path not in _loaded:
        config = build_config({}, Path(path).parent, None)
        loaded = load_catalog((path,), config)
        assert not loaded.findings, loaded.findings
        _loaded[path] = (loaded.catalog, config)
    return _loaded[path]


def valid_order() -> dict[str, Any]:
    """A record of user.placed_order as the generated emitters write it (every field set)."""
    return {
        "id": "0193a2b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b",
        "event": "user.placed_order",
        "version": 1,
        "occurred_at": "2026-11-27T21:00:00.123Z",
        "actor": {"type": "user", "id": "u_42"},
        "targets": [{"type": "order", "id": "ord_8f3k2m1q"}],
        "outcome": "success",
        "reason": None,
        "context": {
            "ip": "hmac:" + "a" * 64,
            "user_agent": None,
            "request_id": "req_1",
            "session_id": "hmac:" + "b" * 64,
        },
        "tenant": "acme",
        "fields": {
            "order_id": "ord_8f3k2m1q",
            "channel": "web",
            "item_count": 3,
            "total_eur": 59.9,
            "gift": False,
            "placed_at": "2026-11-27T20:59:58+01:00",
            "delivery_on": "2026-12-01",
            "cart_id": "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
            "coupons": ["WINTER10"],
            "shipping": {"carrier": "PostNL", "label_text": "Fragile"},
            "note": "Please ring twice.",
            "customer_email": "hmac:" + "c" * 64,
            "card_number": "************1111",
            "customer_city": "Amsterda",
        },
    }


def valid_sign_out() -> dict[str, Any]:
    return {
        "id": "0193a2b4-5c6d-7e8f-9a0b-1c2d3e4f5a6c",
        "event": "user.signed_out",
        "version": 2,
        "occurred_at": "2026-11-27T21:00:01.000Z",
        "actor": {"type": "user", "id": "u_42"},
        "targets": [],
        "outcome": "success",
        "reason": None,
        "context": {"ip": None, "user_agent": None, "request_id": None, "session_id": None},
        "tenant": None,
        "fields": {},
    }


def jsonl(*records: dict[str, Any]) -> bytes:
    return b"".join(orjson.dumps(record) + b"\n" for record in records)


def check_bytes(
    data: bytes, catalog: str = CATALOG, **options: Any
) -> tuple[list[Finding], Summary]:
    catalog_model, config = fixture_catalog(catalog)
    checker = StreamCheck(catalog_model, config, path="stream.jsonl", **options)
    findings = list(checker.findings(io.BytesIO(data)))
    return findings, checker.summary


def codes_of(findings: list[Finding]) -> list[tuple[int, str, str | None]]:
    return [(f.line, f.rule, f.field) for f in findings]
