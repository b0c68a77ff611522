"""The labelled field names of bench/privacy_names.tsv are the contract of P001 and P002.

The list is linted the way `bench/bench_privacy.py` does it (every row an untagged field of
an in-memory catalog, `select=("P001", "P002")`); precision and recall of each class and
overall must stay >= 0.95. The value recognisers of `registry.privacy.values` (used by P004)
are tested directly.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from registry.privacy import values
from registry.privacy.names import classify_credential, classify_personal

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench" / "bench_privacy.py"
TARGET = 0.95


def _load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_privacy", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


bench = _load_bench()
ROWS = bench.load_rows()

ISSUE_NEGATIVES = [
    ("email_template_id", "uuid"),
    ("email_verified", "boolean"),
    ("phone_count", "integer"),
    ("project_name", "string"),
    ("team_name", "string"),
    ("file_name", "string"),
    ("password_changed_at", "timestamp"),
    ("ip_allowlist_enabled", "boolean"),
    ("api_key_id", "string"),
    ("token_type", "enum"),
    ("token_expires_at", "timestamp"),
    ("token_last4", "string"),
]


@pytest.fixture(scope="module")
def report() -> Any:
    return bench.measure(ROWS)


# -- the list itself -------------------------------------------------------------------------


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_row_is_well_formed(row: Any) -> None:
    assert row.type in bench.TYPES
    assert row.expected in bench.EXPECTED_VALUES
    if row.expected == "personal":
        assert row.category in bench.PERSONAL_CATEGORIES
    elif row.expected == "credential":
        assert row.category in bench.CREDENTIAL_CATEGORIES
    else:
        assert row.category
        assert row.category not in (*bench.PERSONAL_CATEGORIES, *bench.CREDENTIAL_CATEGORIES)


def test_list_size_and_coverage() -> None:
    names = [row.name for row in ROWS]
    assert len(names) == len(set(names)), "names must be unique"
    assert len(ROWS) >= 230
    assert sum(row.expected == "none" for row in ROWS) >= 90
    per_category = Counter((row.expected, row.category) for row in ROWS)
    for category in bench.PERSONAL_CATEGORIES:
        assert per_category["personal", category] >= 8, category
    for category in bench.CREDENTIAL_CATEGORIES:
        assert per_category["credential", category] >= 8, category
    positives = [row.name for row in ROWS if row.expected != "none"]
    assert any(re.search(r"[a-z][A-Z]", name) for name in positives), "camelCase positives"
    assert any("-" in name for name in positives), "kebab-case positives"
    assert {(row.name, row.type) for row in ROWS} >= set(ISSUE_NEGATIVES)


# -- the contract ----------------------------------------------------------------------------


@pytest.mark.parametrize("cls", [*bench.CLASSES, "overall"])
def test_precision(report: Any, cls: str) -> None:
    score = report.scores[cls]
    wrong = [
        r.name for c in bench.CLASSES if cls in (c, "overall") for r in report.false_positives[c]
    ]
    assert score.precision >= TARGET, f"{cls}: precision {score.precision:.3f}, FP {wrong}"


@pytest.mark.parametrize("cls", [*bench.CLASSES, "overall"])
def test_recall(report: Any, cls: str) -> None:
    score = report.scores[cls]
    missed = [
        r.name for c in bench.CLASSES if cls in (c, "overall") for r in report.false_negatives[c]
    ]
    assert score.recall >= TARGET, f"{cls}: recall {score.recall:.3f}, FN {missed}"


@pytest.mark.parametrize(("name", "kind"), ISSUE_NEGATIVES)
def test_issue_negatives_are_never_reported(report: Any, name: str, kind: str) -> None:
    """Issue 3 names them explicitly: no miss is tolerated here."""
    assert report.found[name] == frozenset()


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("signature_line", "string", None),  # an e-mail signature, not a credential
        ("email_signature", "string", None),
        ("webhook_signature", "string", "signature"),
        ("hashed_password", "string", "password"),  # crackable offline
        ("password_hash_algorithm", "enum", None),
        ("delivery_status", "enum", None),
        ("session_id", "uuid", "session credential"),
    ],
)
def test_credential_classifier(name: str, kind: str, expected: str | None) -> None:
    concept = classify_credential(name, kind)
    assert (concept.label if concept else None) == expected


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("passport_id", "string", "pii"),  # the passport's number
        ("passport_id", "uuid", None),  # a uuid cannot hold one
        ("pregnancy_status", "enum", "special_category"),
        ("health_status", "enum", None),  # service health
        ("app_display_name", "string", None),
        ("smtp_server_address", "string", None),
        ("zip_file_name", "string", None),
        ("birth_year", "integer", "quasi_identifier"),
    ],
)
def test_personal_classifier(name: str, kind: str, expected: str | None) -> None:
    concept = classify_personal(name, kind)
    assert (concept.tag if concept else None) == expected


# -- the classes of issue 17's second round, as a user sees them ------------------------------

# (name, type, rule that must fire or None, tag P001 suggests). Each row stands for a class of
# words, not for itself: a modifier class meeting a head class (`registry/privacy/compounds.py`),
# a technical head or modifier that turns a personal word off, an abbreviation.
CLASS_CASES = [
    # a person's government number, by its descriptive words, in either order
    ("citizen_card_no", "string", "P001", "pii"),
    ("numeroIdentificacion", "string", "P001", "pii"),
    ("personalausweis_nr", "string", "P001", "pii"),
    ("resident_registration_no", "string", "P001", "pii"),
    ("company_tax_number", "string", None, None),  # an organisation's
    ("business_license_no", "string", None, None),
    # relatives and channels
    ("stepmother_name", "string", "P001", "pii"),
    ("grandfather_name", "string", "P001", "pii"),
    ("nok_phone", "string", "P001", "pii"),
    ("viber_number", "string", "P001", "pii"),
    ("tiktok_username", "string", "P001", "pii"),
    ("channel_name", "string", None, None),
    # address parts; memory and network addresses
    ("door_number", "string", "P001", "pii"),
    ("register_address", "string", None, None),
    ("virtual_address_space", "string", None, None),
    # life events: a date of one; the same word of a system's event or a count is not
    ("adoption_date", "date", "P001", "quasi_identifier"),
    ("retired_on", "date", "P001", "quasi_identifier"),
    ("death_dt", "string", "P001", "quasi_identifier"),
    ("instance_termination_time", "timestamp", None, None),
    ("death_test_count", "integer", None, None),
    # device fingerprints and biometrics
    ("webgl_fingerprint", "string", "P001", "quasi_identifier"),
    ("hw_serial", "string", "P001", "quasi_identifier"),
    ("fingerprint_scheme", "string", None, None),
    ("palm_scan_data", "string", "P001", "special_category"),
    ("face_count", "integer", None, None),
    # special categories and their technical look-alikes
    ("felony_flag", "boolean", "P001", "special_category"),
    ("surgery_date", "date", "P001", "special_category"),
    ("tribe_affiliation", "string", "P001", "special_category"),
    ("criminal_records_api_timeout", "integer", None, None),
    ("race_condition_count", "integer", None, None),
    ("union_find_parent", "string", None, None),
    # money of a person
    ("outstanding_debt", "number", "P001", "financial"),
    ("ltc_wallet", "string", "P001", "financial"),
    ("bank_acc", "string", "P001", "financial"),
    ("salary_currency", "string", None, None),
    ("load_balance_ratio", "number", None, None),
    # technical heads after a personal word
    ("phone_book_size", "integer", None, None),
    ("sin_wave_period", "number", None, None),
    ("age_of_cache_seconds", "integer", None, None),
    # credentials in URLs, key files, recovery secrets
    ("mysql_uri", "string", "P002", None),
    ("redis_conn_string", "string", "P002", None),
    ("ftp_url_with_creds", "string", "P002", None),
    ("id_ed25519", "string", "P002", None),
    ("pkcs8_key", "string", "P002", None),
    ("wallet_mnemonic", "string", "P002", None),
    ("sec_ans", "string", "P002", None),
    ("env_dump", "string", "P002", None),
    ("REDIS_PASS", "string", "P002", None),
    ("boarding_pass", "string", None, None),
    ("keystore_file", "string", "P002", None),
    ("keystore_type", "string", None, None),
    ("rsa_key_bits", "integer", None, None),
    ("survey_answer", "string", None, None),
    ("dsn_host", "string", None, None),
    ("broker_url_scheme", "string", None, None),
    # third round: identifiers, options and filters of things after a personal word
    ("credential_uid", "string", None, None),
    ("gender_options", "list", None, None),
    ("pregnancy_test_sku", "string", None, None),
    ("candidate_name_equals", "string", None, None),
    ("end_associated_emails_action", "string", None, None),
    ("mail_from_attributes", "object", None, None),
    ("PasswordButtonXpath", "string", None, None),
    # software roles named like people, and things with display names
    ("cicd_worker_name", "string", None, None),
    ("build_agent_name", "string", None, None),
    ("worker_name", "string", "P001", "pii"),
    ("recommendations_display_name", "string", None, None),
    ("sender_display_name", "string", "P001", "pii"),
    # addresses, IPs and devices of infrastructure
    ("load_balancer_ip", "string", None, None),
    ("PrivateIPv4Address", "string", None, None),
    ("peer_address", "string", None, None),
    ("logical_device_id", "string", None, None),
    ("storage_virtual_machine_id", "string", None, None),
    ("os_machine_uuid", "uuid", "P001", "quasi_identifier"),
    # tokens that mark a position, DNS proofs, grants, public signatures
    ("checkpoint_token", "string", None, None),
    ("client_request_token", "string", None, None),
    ("dkim_tokens", "list", None, None),
    ("cross_account_authorization", "string", None, None),
    ("authorization", "string", "P002", None),
    ("dkim_signature", "string", None, None),
    ("webhook_signature", "string", "P002", None),
    ("message_dsn", "object", None, None),
    ("digest_algorithm_mnemonic", "string", None, None),
    ("traffic_mirror_session_id", "string", None, None),
    ("public_signing_key_url", "string", None, None),
    # service health, cloud savings, cloud accounts, sales taxes, units and RFCs
    ("instance_health", "string", None, None),
    ("patient_health", "string", "P001", "special_category"),
    ("estimated_monthly_savings_amount", "string", None, None),
    ("savings_balance", "number", "P001", "financial"),
    ("aws_account_number", "string", None, None),
    ("sales_tax_number", "string", None, None),
    ("monitor_nits", "integer", None, None),
    ("timestamp_rfc3339", "string", None, None),
    ("rx_bytes", "integer", None, None),
    ("rx_number", "string", "P001", "special_category"),
    ("definition_zip", "string", None, None),
    ("bot_email", "string", None, None),
    # mail headers, directory names, photos, pay, clinical values, native names of numbers
    ("smtp_from", "string", "P001", "pii"),
    ("bcc_addresses", "list", "P001", "pii"),
    ("ldap_cn", "string", "P001", "pii"),
    ("avatar_img", "string", "P001", "pii"),
    ("net_pay", "number", "P001", "financial"),
    ("card_expiry_date", "date", "P001", "financial"),
    ("bp_systolic", "integer", "P001", "special_category"),
    ("disability_flag", "boolean", "P001", "special_category"),
    ("diag_cd", "string", "P001", "special_category"),
    ("veteran_flag", "boolean", "P001", "quasi_identifier"),
    ("burgerservicenummer", "string", "P001", "pii"),
    ("rodne_cislo", "string", "P001", "pii"),
    ("curp_code", "string", "P001", "pii"),
    ("work_permit_number", "string", "P001", "pii"),
    ("tls_key_pem", "string", "P002", None),
    ("sso_assertion", "string", "P002", None),
    ("tech_contact", "object", "P001", "pii"),
    # what is said of a credential or a phone: its rotation, detections, management
    ("refresh_token_rotation", "object", None, None),
    ("signature_detections", "list", None, None),
    ("mobile_device_management", "object", None, None),
    ("service_account_key_json", "string", "P002", None),
    ("input_device_id", "string", None, None),
    ("underlay_ip_address", "string", None, None),
    ("manufacturer_legal_name", "string", None, None),
    # fourth round: national numbers python-stdnum does not know
    ("hkid_no", "string", "P001", "pii"),
    ("customer_ktp", "string", "P001", "pii"),
    ("emirates_id_number", "string", "P001", "pii"),
    # a concept the type cannot hold yields to a shorter one; one turned into metadata yields
    # to a concept after it
    ("date_of_birth_year", "integer", "P001", "quasi_identifier"),
    ("account_holder_address_postcode", "string", "P001", "pii"),
    ("email_template_postcode", "string", "P001", "quasi_identifier"),
    ("user_agent_name", "string", None, None),
    # places as fine as a city; places and contact points of an organisation
    ("village_name", "string", "P001", "quasi_identifier"),
    ("home_locality", "string", "P001", "quasi_identifier"),
    ("data_locality", "string", None, None),
    ("office_city", "string", None, None),
    ("warehouse_address", "string", None, None),
    ("helpdesk_email", "string", None, None),
    ("sales_phone", "string", None, None),
    ("address_collection", "string", None, None),
    # holders, people and software roles
    ("account_holder_name", "string", "P001", "pii"),
    ("retiree_name", "string", "P001", "pii"),
    ("media_player_name", "string", None, None),
    ("born_on", "date", "P001", "pii"),
    ("app_install_id", "string", "P001", "quasi_identifier"),
    # a fingerprint alone is a hash of something; of a person with a word of capture
    ("fingerprint", "string", None, None),
    ("fingerprint_sample", "string", "P001", "special_category"),
    # clinical records, wearables, money, payment handles
    ("onset_date", "date", "P001", "special_category"),
    ("ovulation_day", "date", "P001", "special_category"),
    ("snomed_code", "string", "P001", "special_category"),
    ("stored_procedure_name", "string", None, None),
    ("card_exp_month", "integer", "P001", "financial"),
    ("token_expiry_month", "integer", None, None),
    ("upi_id", "string", "P001", "financial"),
    ("venmo_handle", "string", "P001", "pii"),
    ("credit_report", "object", "P001", "financial"),
    # credentials: security questions by topic, registry logins, sign-in links, SAS tokens
    ("first_school_answer", "string", "P002", None),
    ("docker_auth", "string", "P002", None),
    ("magic_link", "string", "P002", None),
    ("sas_url", "string", "P002", None),
    # plurals in -sses, profile links, gamer tags, people at work, demographics
    ("addresses", "list", "P001", "pii"),
    ("bind_addresses", "list", None, None),
    ("profile_url", "string", "P001", "pii"),
    ("cpu_profile_url", "string", None, None),
    ("steam_id", "string", "P001", "pii"),
    ("supervisor_name", "string", "P001", "pii"),
    ("billing_name", "string", "P001", "pii"),
    ("relationship_status", "string", "P001", "quasi_identifier"),
    ("asset_impairment", "number", None, None),
    # card tracks, OAuth verifiers, headers that carry a grant, pre-shared keys
    ("track2_data", "string", "P002", None),
    ("audio_track_data", "string", None, None),
    ("cvv2_code", "string", "P002", None),
    ("code_verifier", "string", "P002", None),
    ("bearer_header", "string", "P002", None),
    ("cookie_header_name", "string", None, None),
    ("wpa_psk", "string", "P002", None),
    ("shared_key_id", "string", None, None),
    # special categories written as a code or a hash, background checks, DNA sequences
    ("ethnicity_code", "string", "P001", "special_category"),
    ("biometric_hash", "string", "P001", "special_category"),
    ("dbs_check", "string", "P001", "special_category"),
    ("dna_sequence", "string", "P001", "special_category"),
    ("patient_type", "string", None, None),
    # pronouns, birth places, driving licences, push tokens
    ("preferred_pronouns", "string", "P001", "quasi_identifier"),
    ("birth_place", "string", "P001", "quasi_identifier"),
    ("dl_number", "string", "P001", "pii"),
    ("dl_url", "string", None, None),
    ("fcm_token", "string", "P001", "quasi_identifier"),
    # the same words of systems: network neighbours, dose-response curves, onsets of attacks
    ("neighbour_ip", "string", None, None),
    ("dose_response_curve", "string", None, None),
    ("attack_onset", "string", None, None),
    ("born_in_cluster", "string", None, None),
    ("psk_modulation", "string", None, None),
]


@pytest.fixture(scope="module")
def class_findings() -> dict[str, tuple[set[str], str | None]]:
    """One lint of a catalog holding every case, as a user runs P001 and P002."""
    rows = [bench.Row(name, kind, "none", "case", "") for name, kind, _, _ in CLASS_CASES]
    found: dict[str, tuple[set[str], str | None]] = {
        name: (set(), None) for name, *_ in CLASS_CASES
    }
    for finding in bench.lint_rows(rows).findings:
        rules, tag = found[finding.field]
        rules.add(finding.rule)
        match = re.search(r"sensitivity: ([a-z_]+)", finding.hint or "")
        found[finding.field] = (rules, match.group(1) if match else tag)
    return found


@pytest.mark.parametrize(
    ("name", "kind", "rule", "tag"), CLASS_CASES, ids=[c[0] for c in CLASS_CASES]
)
def test_the_classes_of_issue_17(
    class_findings: dict[str, tuple[set[str], str | None]],
    name: str,
    kind: str,
    rule: str | None,
    tag: str | None,
) -> None:
    rules, suggested = class_findings[name]
    assert rules == ({rule} if rule else set()), (name, kind)
    assert suggested == tag


# -- registry.privacy.values -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("digits", "valid"),
    [
        ("4111111111111111", True),
        ("4111111111111112", False),
        ("79927398713", True),  # the textbook example
        ("79927398710", False),
        ("0", True),
        ("", False),
        ("4111 1111", False),  # digits only
        ("4111-1111-1111-1111", False),
    ],
)
def test_luhn_valid(digits: str, valid: bool) -> None:
    assert values.luhn_valid(digits) is valid


@pytest.mark.parametrize(
    ("text", "domain"),
    [
        ("ada.lovelace@gmail.com", "gmail.com"),
        ("Contact: Bob@Outlook.COM.", "outlook.com"),
        ("ada@example.com", None),
        ("ada@mail.example.org", None),
        ("grace@EXAMPLE.NET", None),
        ("alan@school.test", None),
        ("x@host.invalid", None),
        ("ada@example.com, linus@kernel.org", "kernel.org"),
        ("not an address", None),
        ("ada@localhost", None),
    ],
)
def test_real_email(text: str, domain: str | None) -> None:
    assert values.real_email(text) == domain


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("8.8.8.8", "8.8.8.8"),
        ("from 10.1.2.3 via proxy", "10.1.2.3"),
        ("2606:4700::1111", "2606:4700::1111"),
        ("192.0.2.1", None),
        ("198.51.100.7", None),
        ("203.0.113.254", None),
        ("2001:db8::1", None),
        ("2001:DB8:0:0:0:0:0:1", None),
        ("1.2.3", None),
        ("2024-03-05T10:15:00Z", None),
        ("release 42", None),
    ],
)
def test_real_ip(text: str, address: str | None) -> None:
    assert values.real_ip(text) == address


@pytest.mark.parametrize(
    ("text", "real"),
    [
        ("+1 415 555 2671", True),
        ("(415) 555-2671", True),
        ("+44 20 7123 4567", True),
        ("+1 555 0100", False),  # North American fictional range 555-0100..0199
        ("+1 415 555 0199", False),
        ("+44 20 7946 0123", False),  # Ofcom drama range
        ("07700 900123", False),
        ("4155552671", False),  # a bare run of digits is more likely an id
        ("555-2671", False),  # too short
        ("2024-03-05T10:15:00+01:00", False),
        ("198.51.100.7", False),  # an IP address, not a phone number
        ("203.0.113.25", False),
    ],
)
def test_real_phone(text: str, real: bool) -> None:
    assert values.real_phone(text) is real


@pytest.mark.parametrize(
    ("value", "what"),
    [
        ("4111 1111 1111 1111", "a card number that passes the Luhn check"),
        ("4111 1111 1111 1112", None),
        ("1234 5678 9012 3456", None),
        ("0000 0000 0000 0000", None),  # Luhn-valid but one repeated digit
        (4111111111111111, "a card number that passes the Luhn check"),
        ("ada@gmail.com", "an e-mail address at gmail.com"),
        ("8.8.8.8", "the IP address 8.8.8.8"),
        ("+1 415 555 2671", "a real-looking phone number"),
        ("198.51.100.7", None),
        (True, None),
        (None, None),
        (3.5, None),
    ],
)
def test_looks_real(value: object, what: str | None) -> None:
    assert values.looks_real(value) == what
