"""Writes the fixture streams in fixtures/streams/ and their expected findings
(fixtures/streams/expected.tsv: file, line, code, field). Run it after changing a case:

    python tests/check_events/make_streams.py

Each stream starts with a valid record (line 1), so every expected line number is real.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import orjson
from check_events_helpers import FIXTURES, valid_order, valid_sign_out

Record = dict[str, Any]
Case = tuple[str, Callable[[Record], Record | bytes], list[tuple[str, str]]]

JWT = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkFkYSJ9."
    "c2lnbmF0dXJlLW9mLXRoZS10b2tlbg"
)
PRIVATE_KEY = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bq\n-----END RSA PRIVATE KEY-----"


def edit(function: Callable[[Record], None]) -> Callable[[Record], Record]:
    def apply(record: Record) -> Record:
        copied = copy.deepcopy(record)
        function(copied)
        return copied

    return apply


def note(text: str) -> Callable[[Record], Record]:
    return edit(lambda r: r["fields"].__setitem__("note", text))


def drop(key: str) -> Callable[[Record], Record]:
    return edit(lambda r: r.pop(key))


def setkey(key: str, value: Any) -> Callable[[Record], Record]:
    return edit(lambda r: r.__setitem__(key, value))


def setfield(key: str, value: Any) -> Callable[[Record], Record]:
    return edit(lambda r: r["fields"].__setitem__(key, value))


def dropfield(key: str) -> Callable[[Record], Record]:
    return edit(lambda r: r["fields"].pop(key))


def raw(data: bytes) -> Callable[[Record], bytes]:
    return lambda _: data


STREAMS: dict[str, list[Case]] = {
    "E001_not_json": [
        ("text", raw(b"this is not json"), [("E001", "")]),
        ("array", raw(b"[1, 2]"), [("E001", "")]),
        ("string", raw(b'"a string"'), [("E001", "")]),
        ("forged record, then more", raw(orjson.dumps(valid_order()) + b" {}"), [("E001", "")]),
        ("cut short, not the last line", raw(orjson.dumps(valid_order())[:-40]), [("E001", "")]),
    ],
    "E003_malformed_envelope": [
        ("no actor", drop("actor"), [("E003", "actor")]),
        (
            "offset",
            setkey("occurred_at", "2026-11-27T23:00:00.123+02:00"),
            [("E003", "occurred_at")],
        ),
        ("no zone", setkey("occurred_at", "2026-11-27T21:00:00"), [("E003", "occurred_at")]),
        ("bad day", setkey("occurred_at", "2026-02-30T21:00:00Z"), [("E003", "occurred_at")]),
        ("id", setkey("id", "42"), [("E003", "id")]),
        ("version text", setkey("version", "1"), [("E003", "version")]),
        ("actor id", edit(lambda r: r["actor"].__setitem__("id", "")), [("E003", "actor.id")]),
        ("targets", setkey("targets", {"type": "order"}), [("E003", "targets")]),
        (
            "context",
            edit(lambda r: r["context"].__setitem__("city", None)),
            [("E003", "context.city")],
        ),
        ("reason on success", setkey("reason", "payment_declined"), [("E003", "reason")]),
        ("failure without reason", setkey("outcome", "failure"), [("E003", "reason")]),
        ("extra key", setkey("severity", "high"), [("E003", "severity")]),
        ("tenant", setkey("tenant", 7), [("E003", "tenant")]),
        ("fields", setkey("fields", []), [("E003", "fields")]),
        ("hash", edit(lambda r: r.update(prev_hash="0" * 64, hash="abc")), [("E003", "hash")]),
    ],
    "E004_unknown_event": [
        ("typo", setkey("event", "user.placed_ordr"), [("E004", "event")]),
        (
            "undeclared, with a secret",
            edit(
                lambda r: r.update(
                    event="user.exported_data", fields={"token": "AKIAIOSFODNN7EXAMPLE"}
                )
            ),
            [("E004", "event"), ("E025", "fields.token")],
        ),
    ],
    "E005_unknown_version": [
        ("newer", setkey("version", 2), [("E005", "version")]),
    ],
    "E006_missing_required_field": [
        ("field", dropfield("order_id"), [("E006", "fields.order_id")]),
        (
            "member",
            setfield("shipping", {"label_text": "x"}),
            [("E006", "fields.shipping.carrier")],
        ),
    ],
    "E007_unexpected_field": [
        ("field", setfield("coupon_code", "WINTER10"), [("E007", "fields.coupon_code")]),
        (
            "member",
            setfield("shipping", {"carrier": "DHL", "floor": 3}),
            [("E007", "fields.shipping.floor")],
        ),
    ],
    "E008_wrong_type": [
        ("integer as text", setfield("item_count", "3"), [("E008", "fields.item_count")]),
        ("boolean", setfield("gift", "yes"), [("E008", "fields.gift")]),
        ("list", setfield("coupons", "WINTER10"), [("E008", "fields.coupons")]),
        ("null", setfield("note", None), [("E008", "fields.note")]),
        ("object", setfield("shipping", "DHL"), [("E008", "fields.shipping")]),
        ("list item", setfield("coupons", ["A", 7]), [("E008", "fields.coupons[1]")]),
    ],
    "E009_value_not_allowed": [
        ("enum", setfield("channel", "fax"), [("E009", "fields.channel")]),
        (
            "actor type",
            edit(lambda r: r["actor"].__setitem__("type", "robot")),
            [("E009", "actor.type")],
        ),
        (
            "target type",
            edit(lambda r: r["targets"][0].__setitem__("type", "cart")),
            [("E009", "targets[0].type")],
        ),
        ("outcome", setkey("outcome", "unknown"), [("E009", "outcome")]),
        (
            "reason",
            edit(lambda r: r.update(outcome="failure", reason="bad_luck")),
            [("E009", "reason")],
        ),
    ],
    "E010_pattern_mismatch": [
        ("pattern", setfield("order_id", "ORD-1"), [("E010", "fields.order_id")]),
    ],
    "E011_constraint_violated": [
        ("minimum", setfield("item_count", 0), [("E011", "fields.item_count")]),
        ("maximum", setfield("total_eur", 100000.5), [("E011", "fields.total_eur")]),
        ("length", note("x" * 201), [("E011", "fields.note")]),
        ("timestamp", setfield("placed_at", "yesterday"), [("E011", "fields.placed_at")]),
        ("date", setfield("delivery_on", "2026-02-30"), [("E011", "fields.delivery_on")]),
        ("uuid", setfield("cart_id", "cart-1"), [("E011", "fields.cart_id")]),
        (
            "item length",
            setfield("coupons", ["OK", "MUCH-TOO-LONG-CODE"]),
            [("E011", "fields.coupons[1]")],
        ),
    ],
    "E012_recorded_invalid": [
        (
            "marker",
            setkey("validation_errors", [{"field": "item_count", "problem": "must be at least 1"}]),
            [("E012", "validation_errors")],
        ),
    ],
    "E013_duplicate_key": [
        (
            "a raw value hidden by a hashed one",
            raw(
                orjson.dumps(valid_order()).replace(
                    b'"customer_email":', b'"customer_email":"ada.lovelace@corp.io","customer_email":'
                )
            ),
            [("E013", ""), ("E020", "customer_email (a value hidden by a duplicate key)")],
        ),
        (
            "envelope",
            raw(orjson.dumps(valid_order()).replace(b'"version":1', b'"version":1,"version":2')),
            [("E013", ""), ("E005", "version")],  # checked as orjson reads it: the last value
        ),
    ],
    "E020_email": [
        ("note", note("Reach me at ada.lovelace@corp.io"), [("E020", "fields.note")]),
        (
            "actor id",
            edit(lambda r: r["actor"].__setitem__("id", "ada@corp.io")),
            [("E020", "actor.id")],
        ),
        (
            "confidential is not personal",
            setfield("internal_note", "escalated by ada@corp.io"),
            [("E020", "fields.internal_note")],
        ),
        (
            "session id",
            edit(lambda r: r["context"].__setitem__("session_id", "ada@corp.io")),
            [("E020", "context.session_id")],
        ),
    ],
    "E021_ip_address": [
        ("ipv4", note("from 203.0.113.54"), [("E021", "fields.note")]),
        ("ipv6", note("from 2001:db8:85a3::8a2e:370:7334"), [("E021", "fields.note")]),
        ("list item", setfield("coupons", ["10.1.2.3"]), [("E021", "fields.coupons[0]")]),
        (
            "ip not hashed",
            edit(lambda r: r["context"].__setitem__("ip", "203.0.113.54")),
            [("E021", "context.ip")],
        ),
    ],
    "E022_card_number": [
        ("spaced", note("card 4111 1111 1111 1111"), [("E022", "fields.note")]),
        (
            "member",
            setfield("shipping", {"carrier": "5500000000000004"}),
            [("E022", "fields.shipping.carrier")],
        ),
        (
            "text in an integer field",
            setfield("item_count", "4111 1111 1111 1111"),
            [("E008", "fields.item_count"), ("E022", "fields.item_count")],
        ),
        (
            "unknown member of a declared object",
            setfield("shipping", {"carrier": "DHL", "card": "4111 1111 1111 1111"}),
            [("E007", "fields.shipping.card"), ("E022", "fields.shipping.card")],
        ),
    ],
    "E023_iban": [
        ("compact", note("refund to NL91ABNA0417164300"), [("E023", "fields.note")]),
        ("spaced", note("refund to GB82 WEST 1234 5698 7654 32"), [("E023", "fields.note")]),
    ],
    "E024_phone_number": [
        ("international", note("call +31 20 123 4567"), [("E024", "fields.note")]),
        ("north american", note("call (555) 555-0134 after six"), [("E024", "fields.note")]),
        ("national, German", note("Rückruf 0151 40558339"), [("E024", "fields.note")]),
    ],
    "E025_secret": [
        ("jwt", note(JWT), [("E025", "fields.note")]),
        ("aws", note("key AKIAIOSFODNN7EXAMPLE"), [("E025", "fields.note")]),
        ("github", note("ghp_" + "A1b2C3d4E5" * 3 + "f6G7h8"), [("E025", "fields.note")]),
        ("slack", note("xoxb-1234567890-abcdefghijklmnop"), [("E025", "fields.note")]),
        ("private key", note(PRIVATE_KEY[:150]), [("E025", "fields.note")]),
        ("bearer", note("Authorization: Bearer abc123def456ghi789"), [("E025", "fields.note")]),
        ("basic", note("Authorization: Basic dXNlcjpwYXNzd29yZA=="), [("E025", "fields.note")]),
        (
            "url password",
            note("postgres://admin:s3cret@db.internal/shop"),
            [("E025", "fields.note")],
        ),
        ("tenant", setkey("tenant", "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc"), [("E025", "tenant")]),
        (
            "user agent",
            edit(lambda r: r["context"].__setitem__("user_agent", JWT)),
            [("E025", "context.user_agent")],
        ),
        (
            "request id",
            edit(lambda r: r["context"].__setitem__("request_id", "AKIAIOSFODNN7EXAMPLE")),
            [("E025", "context.request_id")],
        ),
        (
            "failure reason",
            edit(lambda r: r.update(outcome="failure", reason="AKIAIOSFODNN7EXAMPLE")),
            [("E009", "reason"), ("E025", "reason")],
        ),
        (
            "validation errors",
            setkey("validation_errors", [{"field": "note", "problem": "xoxb-1234567890-abcdefghij"}]),
            [("E012", "validation_errors"), ("E025", "validation_errors[0].problem")],
        ),
    ],
    "E026_credential_written": [
        (
            "token",
            setfield("payment_token", "tok_live_0123456789abcdef"),
            [("E026", "fields.payment_token")],
        ),
        (
            "hashed token",
            setfield("payment_token", "hmac:" + "d" * 64),
            [("E026", "fields.payment_token")],
        ),
    ],
    "E027_dropped_written": [
        (
            "phone",
            setfield("customer_phone", "+31 20 123 4567"),
            [("E027", "fields.customer_phone")],
        ),
    ],
    "E029_national_id": [
        ("brazilian cpf", note("CPF 111.444.777-35"), [("E029", "fields.note")]),
        ("spanish dni", setfield("shipping", {"carrier": "12345678Z"}), [("E029", "fields.shipping.carrier")]),
    ],
    "E028_not_redacted": [
        ("hash", setfield("customer_email", "ada@corp.io"), [("E028", "fields.customer_email")]),
        ("mask", setfield("card_number", "4111111111111111"), [("E028", "fields.card_number")]),
        ("truncate", setfield("customer_city", 12), [("E028", "fields.customer_city")]),
    ],
}

CHAINED = {"E002_torn_record"}


def chained(record: Record, previous: str) -> Record:
    return {**record, "prev_hash": previous, "hash": "1" * 64}


def main() -> None:
    directory = FIXTURES / "streams"
    directory.mkdir(exist_ok=True)
    expected: list[str] = ["file\tline\tcode\tfield"]
    valid_line = orjson.dumps(valid_order())
    for name, cases in STREAMS.items():
        lines = [valid_line]
        for _, make, findings in cases:
            made = make(valid_order())
            lines.append(made if isinstance(made, bytes) else orjson.dumps(made))
            for code, field in findings:
                expected.append(f"{name}.jsonl\t{len(lines)}\t{code}\t{field}")
        (directory / f"{name}.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    # a chained log whose last write was cut short (no line break after it); a line cut
    # short before the end is no crash but an error
    first = chained(valid_order(), "0" * 64)
    second = chained(valid_sign_out(), "1" * 64)
    torn = orjson.dumps(chained(valid_order(), "1" * 64))[:-40]
    (directory / "E002_torn_record.jsonl").write_bytes(
        orjson.dumps(first) + b"\n" + torn + b"\n" + orjson.dumps(second) + b"\n" + torn
    )
    expected.append("E002_torn_record.jsonl\t2\tE001\t")
    expected.append("E002_torn_record.jsonl\t4\tE002\t")
    clean = [
        valid_order(),
        valid_sign_out(),
        {**valid_order(), "outcome": "failure", "reason": "out_of_stock"},
    ]
    (directory / "clean.jsonl").write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in clean))
    (directory / "expected.tsv").write_text("\n".join(expected) + "\n", "utf-8")
    print(f"wrote {len(STREAMS) + 2} streams to {directory}")


if __name__ == "__main__":
    main()
