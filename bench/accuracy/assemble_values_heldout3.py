#!/usr/bin/env python3
"""Assemble bench/accuracy/values_heldout3.tsv: a third held-out split of labelled values.

    python bench/accuracy/assemble_values_heldout3.py

Labelled by the guide in bench/accuracy/README.md and committed before any tuning change of
the round that follows it (issue 17, values part); never tuned on. Measure it with

    python bench/bench_accuracy.py --values bench/accuracy/values_heldout3.tsv --split all

What is new here is where a value sits: audit fields hold free text, so each value is written
inside a sentence, a log line, a form note or a key-value string written by hand for this
file (`CONTEXTS`), never alone. The numbers themselves come from the generators of
`assemble_values.py` and `assemble_values_heldout2.py` (published check-digit algorithms,
numbering plans, vendors' token formats written down by hand), reseeded here, so no value is
shared with the other splits. The clean values are hand-written text a service emits, with
the near misses the guide names (versions, catalogue and order numbers, `@` that is not
mail, hashes, placeholders). Nothing is drawn from phonenumbers, python-stdnum or a secret
scanner's rule set (the recognisers use them). The seed is fixed.
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import assemble_values as first
import assemble_values_heldout2 as second

OUT = HERE / "values_heldout3.tsv"
COLUMNS = ("value", "expected", "format", "group", "source", "split", "note")
SPLIT = "heldout3"
R = random.Random(20261203)
first.R = random.Random(31)  # type: ignore[attr-defined]
second.R = random.Random(32)  # type: ignore[attr-defined]

CONTEXTS = {
    "email": [
        "Invitation sent to {v} by the workspace owner",
        "reply-to changed from support desk to {v}",
        "user requested export; deliver to <{v}>",
        "bounce: mailbox {v} unavailable (550)",
        "contact={v}; source=signup_form",
    ],
    "phone": [
        "callback requested on {v} after 17:00",
        "SMS code sent to {v}",
        "Customer rang from {v} about the late parcel",
        "mobile: {v}",
        "updated contact number to {v}",
    ],
    "card": [
        "payment declined for card {v}",
        "card_number={v} expiry=09/29",
        "refund issued to {v}",
        "customer read out {v} over the phone",
    ],
    "iban": [
        "payout account changed to {v}",
        "SEPA mandate signed for {v}",
        "beneficiary IBAN: {v}",
        "refund by bank transfer to {v}",
    ],
    "national_id": [
        "identity verified with document {v}",
        "tax number {v} added to the profile",
        "id: {v}",
        "KYC check passed, national id {v}",
    ],
    "secret": [
        "retrying with credentials {v}",
        "config reloaded: {v}",
        "request header was {v}",
        "webhook registered {v}",
    ],
    "ip": [
        "login from {v} blocked by policy",
        "client address {v}",
        "rate limit exceeded for {v}",
        "forwarded-for: {v}",
    ],
}

EMAILS = [
    "marta.kowalska@pocztex-mail.pl", "j.okafor+billing@lagosfreight.ng",
    "noor_al.hashimi@corp-mail.ae", "ines.duarte@correio.example-co.pt",
    "h.tanaka@keiretsu-shoji.co.jp", "frida.lund@fjordhus.no", "k9.walker@dogsitters.io",
    "accounts-payable@brightwater-ltd.co.uk", "o'connor.sean@dublinmail.ie",
    "zoe.li@mail.tsinghua-alumni.cn",
]  # fmt: skip
IPS = [
    "203.0.113.77", "100.64.12.9", "172.31.255.4:8443", "[2001:db8:85a3::8a2e:370:7334]:443",
    "fe80::1c2b:3aff:fe4d:5e6f%en0", "::ffff:198.51.100.23", "45.33.32.156",
    "2a02:c7f:5e12:ab00::1", "10.0.7.200", "192.168.178.21",
]  # fmt: skip
PHONES = [
    # national formats, drama or test ranges where a plan has them
    "07700 900583", "+44 20 7946 0321", "(02) 9876 5432", "0491 570 159", "+61 491 570 006",
    "030 901820", "+49 30 901820", "06 12 34 56 78", "+33 6 12 34 56 78", "612 345 678",
    "+34 612 345 678", "020 794 6032", "+31 20 794 6032", "+1 (415) 555-0134",
    "415.555.0198", "+55 11 98765-4321", "(11) 98765-4321", "+91 98765 43210",
    "098765 43210", "+81 90-1234-5678", "090-1234-5678", "+82 10-1234-5678", "+27 82 555 0123",
    "+353 87 123 4567", "087 123 4567",
]  # fmt: skip
SECRETS = [
    "Authorization: Bearer ya29.a0AfB_byC7qN3xLm2R8sT5vW1yZ4pQ6kJ9hG0fD3sA",
    "postgres://app_user:Tr0ub4dor-3xample@db.internal:5432/orders",
    "amqp://guest:9fK2mQ7xLp4R@rabbit.svc:5672/",
    "DB_PASSWORD=Vq8#pL2!zR5m",
    "redis://:s3cr3tP4ssw0rdX1@cache.svc:6379/0",
    "api_key: 4f9d2c7a1b8e6f3d5c0a9b7e2d4f6a8c",
    "-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAA",
    "https://hooks.slack.com/services/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",
    "token=ghp_" + "R8mK2pX7qL4vN9tZ3cW6yB1dF5hJ0sA2eG4u",
    "X-Api-Key: sk_live_" + "51Hq8RkL2mN4pQ7sT0vW3xY6zA9bC2dE",
    "Server=sql01;Database=crm;User Id=svc_crm;Password=Pl4tyPus!2026;",
    "aws_secret_access_key = h7Rk2Lp9QwXz4Vn8Bt3Mc6Yd1Fg5Js0HaWe7Ur2K",
    "https://x-access-token:ghs_7Yq2Lm9Rk4Xp1Vn8Bt3Mc6Zd5Fg0Js2HaWe@github.com/org/repo.git",
    "Basic YWRtaW46Y29ycmVjdC1ob3JzZS1iYXR0ZXJ5",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0MjQyIiwicm9sZSI6ImFkbWluIn0.Qm7Xp2LwR9tZc4VnB8yHs1KdF6gJe3Ua5WqT",
    "xoxb-2841736592-5839201746-Kq8Lm2Rx7Vp4Nt9Zc3Wy6Bd",
    "glpat-Xk7Rm2Lq9Vp4Nt8Zc3Wy",
    "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",
    "passwd: 'Autumn-Leaves-4471'",
    "ftp://deploy:W7x!kq29Lm@files.example-host.net/releases",
]  # fmt: skip
CLEAN = [
    "npm install left-pad@1.3.0 finished in 2.1s", "pinned image nginx@sha256:" + "3f" * 32,
    "@here the nightly export is late", "decorator @Transactional added to OrderService",
    "3 seats @ 12.50 EUR each", "mention @marta.k in the ticket", "git@gitlab.internal:ops/deploy.git",
    "user@localhost tried sudo", "see icon@3x.webp in the asset bundle",
    "version 10.0.19045.3570 installed", "kernel 6.1.0.18-cloud-amd64", "chrome/124.0.6367.91",
    "OID 1.3.6.1.4.1.311.21.8 in certificate policy", "build 2026.12.03.1147",
    "order 4400 1234 5678 9012 shipped", "Invoice INV-2026-000488 paid", "SKU 0412-7781-2301",
    "ISBN 978-0-306-40615-7", "tracking 1Z 999 AA1 01 2345 6784", "EAN 4006381333931",
    "ticket #2026-11-30-0042 closed", "quote Q-88 1200 4431 99 accepted",
    "reference 2026 1203 0915 4477", "batch 20261203-114700-0007",
    "commit 9fceb02d0ae598e95dc970b74767f19372d61af8 deployed",
    "sha256 digest e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "request id 0f8fad5b-d9cb-469f-a165-70867728950e", "trace 4bf92f3577b34da6a3ce929d0e0e4736",
    "password reset link expired", "token refresh failed: expired", "secret rotated (version 14)",
    "password=********", "api_key=<redacted>", "DB_PASSWORD=${DB_PASSWORD}",
    "Authorization: Bearer [REDACTED]", "publishable key pk_live_placeholder rotated",
    "customer cus_Pq4Lm8Rk2Xz9 upgraded", "subscription sub_1Hq8Rk upgraded to annual",
    "duration 00:04:17.250", "elapsed 1234567 ms", "amount 1 234 567.89 PLN",
    "price USD 1299.00", "coordinates 52.2297,21.0122", "temperature 21.5 C at 09:30",
    "ratio 0.000123456789", "port 8443 opened", "MAC 3c:22:fb:9a:10:7e", "pid 448812 exited",
    "s3://audit-archive/2026/12/03/part-0001.parquet", "https://status.example-host.net/incidents/88",
    "arn:aws:iam::123456789012:role/deploy-bot", "projects/my-proj-4471/locations/europe-west1",
    "feature flag checkout_v2 enabled for 25% of tenants", "retry 3 of 5 after 1.2.3 backoff",
    "schema version 3.12.1.0 migrated", "CIDR /24 expanded",
    "phone verification disabled for tenant", "card on file removed", "iban field left empty",
    "ssn masked as ***-**-1234", "card ending 4242", "IBAN GB** **** **** **** 1234",
    "lat 51.5072 lon -0.1276", "order total 4,000,123.00", "serial SN-7781-2390-4410",
    "page 12 of 340", "12 345 678 rows scanned", "between 2026-12-01 and 2026-12-03",
    "nonce 8f14e45fceea167a5a36dedd4bea2543", "etag \"33a64df551425fcc55e4d42a148795d9f25f89d4\"",
]  # fmt: skip


def _cards() -> list[tuple[str, str]]:
    out = []
    for prefix, length, fmt in [
        ("4", 16, "Visa 4-4-4-4"), ("51", 16, "Mastercard compact"), ("2221", 16, "Mastercard 2-series"),
        ("37", 15, "Amex 4-6-5"), ("6011", 16, "Discover"), ("3528", 16, "JCB"),
        ("62", 19, "UnionPay 19"), ("4", 13, "Visa 13"),
    ]:  # fmt: skip
        number = second.card(prefix, length)
        if "4-6-5" in fmt:
            number = second.group(number, [4, 6, 5])
        elif "compact" not in fmt and length == 16:
            number = second.group(number, [4, 4, 4, 4], R.choice([" ", "-"]))
        out.append((number, fmt))
    return out


def _ibans() -> list[tuple[str, str]]:
    out = []
    for country in ("DE", "FR", "ES", "NL", "BE", "NO", "PL", "IT"):
        try:
            value = first.iban(country)
        except (KeyError, ValueError):
            continue
        out.append((first.iban_format(value) if R.random() < 0.5 else value, f"{country} IBAN"))
    return out


def _national_ids() -> list[tuple[str, str]]:
    makers = [
        (first.pl_pesel, "PL PESEL"), (first.se_personnummer, "SE personnummer"),
        (first.fi_hetu, "FI HETU"), (first.no_fodselsnummer, "NO fodselsnummer"),
        (first.br_cpf, "BR CPF"), (first.es_dni, "ES DNI"), (first.us_ssn, "US SSN"),
        (first.it_codice_fiscale, "IT codice fiscale"), (first.ro_cnp, "RO CNP"),
        (first.za_id, "ZA ID"), (second.bg_egn, "BG EGN"), (second.ee_isikukood, "EE isikukood"),
        (second.hr_oib, "HR OIB"), (second.ch_ahv, "CH AHV"), (second.cz_rodne_cislo, "CZ rodne cislo"),
        (first.cn_ric, "CN RIC"), (first.mx_curp, "MX CURP"), (first.tr_kimlik, "TR kimlik"),
    ]  # fmt: skip
    return [(make(), fmt) for make, fmt in makers]


def rows() -> list[dict[str, str]]:
    kinds: list[tuple[str, list[tuple[str, str]], str]] = [
        ("email", [(v, "addr-spec") for v in EMAILS], "hand: addresses written for this file"),
        ("ip", [(v, "address in text form") for v in IPS], "hand: documentation and private ranges"),
        ("phone", [(v, "national or international format") for v in PHONES],
         "hand: numbering plan (drama and test ranges where published)"),
        ("card", _cards(), "generated: brand prefix and length, Luhn (assemble_values_heldout2.card)"),
        ("iban", _ibans(), "generated: ISO 13616 mod 97 (assemble_values.iban)"),
        ("national_id", _national_ids(), "generated: published check-digit algorithm (assemble_values*)"),
        ("secret", [(v, "credential in text") for v in SECRETS], "hand: vendor token format or credential container"),
    ]  # fmt: skip
    out = []
    for kind, values, source in kinds:
        for index, (value, fmt) in enumerate(values):
            context = CONTEXTS[kind][index % len(CONTEXTS[kind])]
            out.append(
                {
                    "value": context.format(v=value),
                    "expected": kind,
                    "format": f"{fmt} in text",
                    "group": f"{SPLIT}.{kind}:{fmt}",
                    "source": f"{source}; context: hand",
                    "split": SPLIT,
                    "note": "",
                }
            )
    for value in CLEAN:
        out.append(
            {
                "value": value,
                "expected": "none",
                "format": "text a service emits",
                "group": f"{SPLIT}.none:service text",
                "source": "hand: values a service emits, with the guide's near misses",
                "split": SPLIT,
                "note": "",
            }
        )
    return out


def main() -> int:
    data = rows()
    values = [row["value"] for row in data]
    assert len(values) == len(set(values)), "duplicate value"
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(data)
    print(f"{len(data)} rows -> {OUT.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
