#!/usr/bin/env python3
"""Assemble bench/accuracy/names.tsv: labelled field names, each naming its source.

    pip install --target /tmp/acc-src faker detect-secrets   # python-stdnum, phonenumbers: dev deps
    PYTHONPATH=/tmp/acc-src python bench/accuracy/assemble_names.py
    python bench/accuracy/assemble_names.py --append heldout2   # a later batch, appended

Provenance only: the checked-in TSV is the data, and no test runs this script. The labels are
the tables below and `hand_names.txt`, written by the guide in README.md; nothing here consults
the rules under measurement. Package data gives the *names* (python-stdnum's modules and their
docstrings, Faker's provider methods, detect-secrets' plugins, phonenumbers' number types); the
label of each comes from the tables. A name already in bench/privacy_names.tsv or the shared
corpora (compared word by word, whatever the case style) is left out, and so is a repeat.
Rows of one group share a split, chosen by a hash of the group, so that variants of one word
never sit on both sides.
"""

from __future__ import annotations

import csv
import importlib
import importlib.metadata
import pkgutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench_accuracy import NAME_COLUMNS, excluded_name_keys, name_key, split_of

OUT = HERE / "names.tsv"
HAND = HERE / "hand_names.txt"
# Later batches: labelled before any rule ran on them, appended to names.tsv with their split
# (README.md, "The protocol", rule 6). Their groups carry the split as a prefix.
BATCHES = {
    "heldout2": HERE / "heldout2_names.txt",
    "tune2": HERE / "tune2_names.txt",
    "heldout3": HERE / "heldout3_names.txt",
    "tune3": HERE / "tune3_names.txt",
    "heldout4": HERE / "heldout4_names.txt",
    "heldout5": HERE / "heldout5_names.txt",
    "heldout6": HERE / "heldout6_names.txt",
    "heldout7": HERE / "heldout7_names.txt",
}

# -- python-stdnum: national and other identifiers --------------------------------------------

# Labelled by what the number identifies (README.md, "Field names"): a natural person (or an
# identifier that individuals hold, as most tax numbers) -> pii; an organisation, a bank, a
# product or a standard -> none; an account -> financial; a health-service number ->
# special_category; a postal code or a device -> quasi_identifier.
PERSONAL_IDS = [
    "ad.nrt",
    "al.nipt",
    "ar.cuit",
    "ar.dni",
    "at.tin",
    "at.vnr",
    "au.tfn",
    "az.voen",
    "be.bis",
    "be.eid",
    "be.nn",
    "be.ssn",
    "bg.egn",
    "bg.pnf",
    "br.cpf",
    "ca.sin",
    "ch.ssn",
    "cl.rut",
    "cn.ric",
    "co.nit",
    "cr.cpf",
    "cr.cr",
    "cu.ni",
    "cz.rc",
    "de.idnr",
    "de.stnr",
    "dk.cpr",
    "do.cedula",
    "do.rnc",
    "dz.nif",
    "ec.ci",
    "ee.ik",
    "eg.tn",
    "es.dni",
    "es.nie",
    "es.nif",
    "fi.hetu",
    "fi.veronumero",
    "fo.vn",
    "fr.nif",
    "fr.nir",
    "gb.upn",
    "gb.utr",
    "gh.tin",
    "gn.nifp",
    "gr.amka",
    "gt.nit",
    "hr.oib",
    "id.nik",
    "id.npwp",
    "ie.pps",
    "il.idnr",
    "in_.aadhaar",
    "in_.epic",
    "in_.pan",
    "in_.vid",
    "is_.kennitala",
    "it.codicefiscale",
    "jp.in_",
    "ke.pin",
    "kr.rrn",
    "li.peid",
    "lt.asmens",
    "me.pib",
    "mk.edb",
    "mu.nid",
    "mx.curp",
    "mx.rfc",
    "my.nric",
    "mz.nuit",
    "nl.bsn",
    "nl.identiteitskaartnummer",
    "nl.onderwijsnummer",
    "no.fodselsnummer",
    "nz.ird",
    "pe.cui",
    "pk.cnic",
    "pl.nip",
    "pl.pesel",
    "pt.cc",
    "pt.nif",
    "py.ruc",
    "ro.cnp",
    "rs.pib",
    "ru.inn",
    "se.personnummer",
    "si.emso",
    "sk.rc",
    "sv.nit",
    "th.pin",
    "th.tin",
    "tn.mf",
    "tr.tckimlik",
    "tr.vkn",
    "ua.rntrc",
    "us.atin",
    "us.itin",
    "us.ptin",
    "us.ssn",
    "us.tin",
    "uy.rut",
    "vn.mst",
    "za.idnr",
    "za.tin",
]
ACCOUNTS = ["ar.cbu", "cz.bankaccount", "es.ccc", "no.kontonr", "nz.bankaccount", "iban", "bitcoin"]
HEALTH_IDS = ["ca.bc_phn", "gb.nhs"]
POSTAL = ["at.postleitzahl", "es.postal_code", "nl.postcode", "se.postnummer"]
DEVICES = ["imei", "imsi", "meid", "mac"]
SKIP = [
    "damm",
    "luhn",
    "verhoeff",
    "exceptions",
    "util",
    "numdb",
    "iso7064.mod_11_10",
    "iso7064.mod_11_2",
    "iso7064.mod_37_2",
    "iso7064.mod_37_36",
    "iso7064.mod_97_10",
    "be.iban",
    "es.iban",
    "me.iban",
    "no.iban",
]
# Short or ambiguous abbreviations are qualified by the country (`pt_cc`, `ke_pin`).
TOO_SHORT = 4
AMBIGUOUS = {"pin", "mac", "nif", "tin", "nit", "ruc", "rut", "pib", "vat", "ssn", "cpf", "edb"}
OVERRIDES = {
    "mac": ["router_mac", "deviceMac"],
    "imei": ["handset_imei", "deviceImei"],
    "imsi": ["sim_imsi", "subscriberImsi"],
    "meid": ["device_meid"],
    "iban": ["payout_iban", "refundIban"],
    "bitcoin": ["bitcoin_address", "payoutBtcAddress"],
    "bic": ["bank_bic"],
    "gb.nhs": ["nhs_no", "patientNhsNumber"],
    "ca.bc_phn": ["bc_phn", "personal_health_number"],
    "at.postleitzahl": ["postleitzahl", "customer_plz"],
    "es.postal_code": ["codigo_postal"],
    "nl.postcode": ["nl_postcode"],
    "se.postnummer": ["postnummer"],
    "jp.in_": ["my_number", "myNumberCard"],
    "in_.aadhaar": ["aadhaar", "aadhaarNo", "customer_aadhaar"],
    "it.codicefiscale": ["codice_fiscale", "codiceFiscale", "cliente_cf"],
    "us.ssn": ["social_sec_no", "applicantSsn"],
}
PERSON_OWNERS = (
    "customer",
    "employee",
    "applicant",
    "taxpayer",
    "holder",
    "beneficiary",
    "borrower",
    "guarantor",
    "policyholder",
    "resident",
    "student",
    "contractor",
)
ORG_OWNERS = ("merchant", "supplier", "vendor", "company", "issuer", "legal_entity", "partner")


def _camel(words: list[str]) -> str:
    return words[0] + "".join(w.capitalize() for w in words[1:])


def _styles(words: list[str], index: int) -> str:
    """One spelling of the words, rotating through the case styles."""
    style = index % 5
    if style == 0:
        return "_".join(words)
    if style == 1:
        return _camel(words)
    if style == 2:
        return "_".join(words).upper()
    if style == 3:
        return "".join(w.capitalize() for w in words)
    return "-".join(words)


def stdnum_rows() -> list[dict[str, str]]:
    import stdnum

    version = importlib.metadata.version("python-stdnum")
    rows: list[dict[str, str]] = []
    modules = sorted(
        m.name.removeprefix("stdnum.")
        for m in pkgutil.walk_packages(stdnum.__path__, "stdnum.")
        if not m.ispkg
    )
    for index, module in enumerate(modules):
        if module in SKIP:
            continue
        doc = (importlib.import_module("stdnum." + module).__doc__ or "").strip().split("\n")[0]
        if module in PERSONAL_IDS:
            expected, category, owners = "pii", "government_id", PERSON_OWNERS
        elif module in ACCOUNTS:
            expected, category, owners = "financial", "card_bank", PERSON_OWNERS
        elif module in HEALTH_IDS:
            expected, category, owners = "special_category", "health", PERSON_OWNERS
        elif module in POSTAL:
            expected, category, owners = "quasi_identifier", "postal_code", PERSON_OWNERS
        elif module in DEVICES:
            expected, category, owners = "quasi_identifier", "device_id", PERSON_OWNERS
        else:
            expected, category, owners = "none", "business_or_standard_id", ORG_OWNERS
        if module in OVERRIDES:
            names = OVERRIDES[module]
        else:
            country, _, base = module.rpartition(".")
            base = base.rstrip("_")
            words = base.split("_")
            if len(base) < TOO_SHORT or base in AMBIGUOUS:
                words = [w for w in (country, *words) if w]
            owner = owners[index % len(owners)].split("_")
            names = [
                _styles(words, index),
                _styles([*owner, *words], index + 1),
            ]
            if expected != "none":
                names.append(_styles([*words, "number"], index + 2))
        source = f"python-stdnum {version}: stdnum.{module} ({doc})"
        rows += [_row(n, "string", expected, category, "stdnum." + module, source) for n in names]
    return rows


# -- Faker: provider methods ------------------------------------------------------------------

FAKER = {
    ("pii", "person_name"): """first_name_female last_name_male name_nonbinary first_name_unisex
        last_name_unisex middle_name_female given_name_male first_kana_name last_kana_name
        first_romanized_name romanized_name kana_name full_name last_name_pair""",
    ("quasi_identifier", "demographic"): "civil_status passport_gender nationality",
    ("pii", "postal_address"): """building_number street_name secondary_address house_number
        land_address road_address street_address_with_county building_unit_number
        floor_number address_detail line_address rd_number""",
    ("quasi_identifier", "postal_code"): """postalcode zipcode_plus4 postcode_in_state
        postal_code_letter old_postal_code pincode_in_state postalcode_plus4""",
    ("quasi_identifier", "geolocation"): """local_latlng location_on_land latlng
        local_latitude local_longitude neighborhood bairro village borough township""",
    ("pii", "phone"): """cellphone_number landline_number telephone_number mobile_number
        basic_phone_number service_phone_number""",
    ("pii", "email"): "free_email ascii_free_email company_email ascii_company_email",
    ("pii", "online_identifier"): "user_name",
    ("pii", "date_of_birth"): "passport_dob",
    (
        "pii",
        "government_id",
    ): """license_plate vin passport_number passport_full identity_card_number
        birth_number elector_code police_id cedula cuil dni nuss kvnr rvnr umid gsis philhealth
        pagibig sss person_rut natural_person_nit automobile_license_plate
        motorcycle_license_plate""",
    ("financial", "card_bank"): """bban credit_card_number credit_card_full credit_card_expire
        checking_account clabe correspondent_account""",
    ("credential", "card_verification"): "credit_card_security_code",
    ("credential", "password"): "password",
    ("quasi_identifier", "ip_address"): "ipv4_private ipv4_public ipv6",
    ("quasi_identifier", "device_id"): "mac_address",
    ("quasi_identifier", "user_agent"): "user_agent",
    ("none", "technical"): """city_suffix street_suffix country_code current_country_code
        state_abbr company_suffix catch_phrase bs color_name hex_color rgb_css_color
        cryptocurrency_code currency_symbol pricetag day_of_week month_name am_pm century
        unix_time iso8601 timezone time_delta mime_type file_extension unix_device
        unix_partition file_path domain_word free_email_domain tld http_method
        http_status_code port_number uri_path uri_extension image_url slug dga
        ipv4_network_class md5 sha256 uuid4 null_boolean isbn13 ean8 sbn9 doi
        emoji paragraph sentence android_platform_token linux_processor mac_processor
        credit_card_provider bank_country company_vat company_business_id ein org_id
        legal_person_nit company_cuit company_rut siren siret cnpj businesses_inn kpp
        regon local_regon rcs_number ape_code gstin""",
}


def faker_rows() -> list[dict[str, str]]:
    version = importlib.metadata.version("faker")
    rows: list[dict[str, str]] = []
    for (expected, category), text in FAKER.items():
        for index, method in enumerate(text.split()):
            words = method.split("_")
            name = _styles(words, index) if index % 2 else method
            if expected == "none" and index % 3 == 0:
                name = f"{method}_value"  # as a generated column: still not personal
            source = f"faker {version}: provider method {method}"
            rows.append(_row(name, "string", expected, category, "faker." + method, source))
    return rows


# -- detect-secrets: the secrets its plugins look for ------------------------------------------

DETECT_SECRETS = {
    "artifactory": ["artifactory_api_token", "artifactoryPassword"],
    "aws": ["aws_secret_key", "awsSessionCredentials"],
    "azure_storage_key": ["azure_storage_account_key", "AZURE_STORAGE_KEY"],
    "basic_auth": ["basic_auth_credentials", "basicAuthHeader"],
    "cloudant": ["cloudant_password", "cloudantApiKey"],
    "discord": ["discord_bot_token", "DiscordBotToken"],
    "github_token": ["gh_pat", "githubAppPrivateKey"],
    "gitlab_token": ["gitlab_pat", "gitlab-runner-token"],
    "ibm_cloud_iam": ["ibm_cloud_iam_key", "ibmCloudApiKey"],
    "ibm_cos_hmac": ["cos_hmac_secret_access_key", "cosHmacKeys"],
    "jwt": ["jwt_assertion", "jwtBearer"],
    "mailchimp": ["mailchimp_api_key", "mailchimpAccessKey"],
    "npm": ["npm_auth_token", "NPM_TOKEN"],
    "openai": ["openai_key", "openAiSecret"],
    "private_key": ["private_key_pem_block", "privateKeyBytes"],
    "pypi_token": ["pypi_upload_token", "PYPI_API_TOKEN"],
    "sendgrid": ["sendgrid_api_key", "sendgridKey"],
    "slack": ["slack_bot_token", "slackWebhookSecret"],
    "softlayer": ["softlayer_api_key", "slApiKey"],
    "square_oauth": ["square_oauth_secret", "squareAccessToken"],
    "stripe": ["stripe_restricted_key", "stripeSecretKey"],
    "telegram_token": ["telegram_bot_token", "tgBotToken"],
    "twilio": ["twilio_auth_token", "twilioApiSecret"],
}


def detect_secrets_rows() -> list[dict[str, str]]:
    version = importlib.metadata.version("detect-secrets")
    rows: list[dict[str, str]] = []
    for plugin, names in DETECT_SECRETS.items():
        source = f"detect-secrets {version}: plugin detect_secrets.plugins.{plugin}"
        for name in names:
            category = "private_key" if "private" in name.lower() else "api_key"
            rows.append(_row(name, "string", "credential", category, "ds." + plugin, source))
    return rows


# -- phonenumbers: number types as field names -------------------------------------------------

PHONE_TYPES = {
    "MOBILE": ["mobile_phone_no"],
    "FIXED_LINE": ["landline", "fixedLinePhone"],
    "TOLL_FREE": [],
    "PREMIUM_RATE": [],
    "VOIP": ["voip_number", "voipPhone"],
    "PERSONAL_NUMBER": ["personal_number"],
    "PAGER": ["pager_number", "pagerNo"],
    "UAN": [],
    "VOICEMAIL": ["voicemail_number"],
}
PHONE_NEGATIVES = [
    "toll_free_number_pool",
    "premium_rate_tariff",
    "uan_prefix",
    "dial_plan",
    "phone_carrier_name",
    "sms_sender_id",
    "e164_format_enabled",
]


def phonenumbers_rows() -> list[dict[str, str]]:
    version = importlib.metadata.version("phonenumbers")
    rows: list[dict[str, str]] = []
    for number_type, names in PHONE_TYPES.items():
        source = f"phonenumbers {version}: PhoneNumberType.{number_type}"
        for name in names:
            rows.append(_row(name, "string", "pii", "phone", "pn." + number_type, source))
    source = f"phonenumbers {version}: metadata terms (carrier, UAN, tariffs)"
    for name in PHONE_NEGATIVES:
        kind = "boolean" if name.endswith("enabled") else "string"
        rows.append(_row(name, kind, "none", "metadata", "pn.terms." + name, source))
    return rows


# -- hand-assembled ---------------------------------------------------------------------------


def hand_rows(path: Path = HAND, batch: str | None = None) -> list[dict[str, str]]:
    """Rows of a file in the hand format; a later batch's groups start with its name, which
    gives them its split (`split_of`)."""
    rows: list[dict[str, str]] = []
    source, group = "hand", "hand"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or (line.startswith("# ") and not line.startswith("# source:")):
            continue
        if line.startswith("# source:"):
            source = line.removeprefix("# source:").strip()
            continue
        if line.startswith("#"):
            continue
        if line.startswith("@"):
            group = line[1:].strip()
            prefix = f"{batch}." if batch else "hand."
            group = group if group.startswith(prefix) else prefix + group  # written out, or not
            continue
        head, expected, category, *note = line.split()
        name, _, kind = head.partition(":")
        row = _row(name, kind or "string", expected, category, group, source, " ".join(note))
        rows.append(row)
    return rows


def _row(
    name: str, kind: str, expected: str, category: str, group: str, source: str, note: str = ""
) -> dict[str, str]:
    return {
        "name": name,
        "type": kind,
        "expected": expected,
        "category": category,
        "group": group,
        "source": source.replace('"', "'"),
        "split": split_of(group),
        "note": note,
    }


def append_batch(batch: str) -> int:
    """Append a later batch to names.tsv, leaving out names it or the fitted lists hold."""
    with OUT.open(encoding="utf-8", newline="") as handle:
        existing = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    seen = excluded_name_keys() | {name_key(r["name"]) for r in existing}
    added: list[dict[str, str]] = []
    for row in hand_rows(BATCHES[batch], batch):
        key = name_key(row["name"])
        if key not in seen:
            seen.add(key)
            added.append(row)
    with OUT.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(
            handle, NAME_COLUMNS, delimiter="\t", quoting=csv.QUOTE_NONE, lineterminator="\n"
        )
        writer.writerows(added)
    print(f"{len(added)} rows of {batch} appended to {OUT.name}")
    return 0


def main() -> int:
    if sys.argv[1:2] == ["--append"]:
        return append_batch(sys.argv[2])
    excluded = excluded_name_keys()
    seen: set[str] = set()
    rows: list[dict[str, str]] = []
    dropped = 0
    for row in [
        *hand_rows(),
        *stdnum_rows(),
        *faker_rows(),
        *detect_secrets_rows(),
        *phonenumbers_rows(),
        *(row for batch, path in BATCHES.items() for row in hand_rows(path, batch)),
    ]:
        key = name_key(row["name"])
        if key in excluded or key in seen:
            dropped += 1
            continue
        seen.add(key)
        rows.append(row)
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(
            handle, NAME_COLUMNS, delimiter="\t", quoting=csv.QUOTE_NONE, lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} rows written to {OUT.name} ({dropped} repeats or known names left out)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
