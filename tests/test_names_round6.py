"""Classes of field names of issue 17, round 6: HL7 segment prefixes and clinical
abbreviations, payment parties as ISO 20022 abbreviates them, more words of other languages
(relatives, deaths, blood types, disabilities, unions, medical and criminal records, income,
bank and card numbers, credentials), glued credential words, people named by a role, signed-in
users of proxies, clinicians' numbers, behavioural biometrics and ancestry, and the technical
look-alikes that must stay quiet. Examples are written for these tests, not taken from a
held-out split."""

from __future__ import annotations

import pytest

from registry.privacy.names import classify_credential, classify_personal
from registry.privacy.words import name_words


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("nk1_address", ("next", "of", "kin", "address")),
        ("pt_cc", ("pt", "cc")),  # Portugal's citizen card, not a patient's
        ("pt_dob", ("patient", "dob")),
        ("pid_file", ("patient", "file")),
        ("file_pid", ("file", "pid")),  # only a leading `pid` is a patient segment
        ("ultmtCdtrNm", ("ultimate", "creditor", "name")),
        ("rx_num", ("prescription", "number")),
        ("card_exp_yr", ("card", "expiry", "year")),
        ("bp_dia", ("diastolic",)),
        ("refreshtoken", ("refresh", "token")),
        ("nome_da_mae", ("mother", "name")),
        ("fecha_de_defuncion", ("date", "of", "death")),
    ],
)
def test_abbreviations_segments_and_foreign_words(name: str, words: tuple[str, ...]) -> None:
    assert name_words(name) == words


@pytest.mark.parametrize(
    ("name", "kind", "tag"),
    [
        # HL7 segments and clinical abbreviations
        ("nk1_phone", "string", "pii"),
        ("pid_birth_date_time", "timestamp", "pii"),
        ("pid_file_path", "string", None),
        ("al1_allergen", "string", "special_category"),
        ("pt_height_cm", "number", "special_category"),
        ("hdl_mmol_l", "number", "special_category"),
        ("bp_diastolic", "integer", "special_category"),
        ("ins_mbr_no", "string", "special_category"),
        ("ordering_physician", "string", "pii"),
        ("age_of_onset", "integer", "special_category"),
        ("package_weight_kg", "number", None),
        # payment parties and their accounts
        ("dbtr_name", "string", "pii"),
        ("creditor_name", "string", "pii"),
        ("card_exp_month", "integer", "financial"),
        ("sol_wallet", "string", "financial"),
        ("ypub", "string", "financial"),
        # people by role, signed-in users, clinicians' numbers
        ("committer_email", "string", "pii"),
        ("ci_commit_committer", "string", "pii"),
        ("obs_observation_result", "string", "special_category"),
        ("adverse_reaction", "string", "special_category"),
        ("prescriber_name", "string", "pii"),
        ("assistant_name", "string", "pii"),
        ("ai_assistant_name", "string", None),
        ("shipping_name", "string", "pii"),
        ("remote_user", "string", "pii"),
        ("userPrincipalName", "string", "pii"),
        ("service_principal_name", "string", None),
        ("gitlab_actor", "string", "pii"),
        ("provider_npi", "string", "pii"),
        ("laboratory_npi", "string", None),
        ("billing_npi", "string", None),
        # languages and locales of people, not of code
        ("member_locale", "string", "quasi_identifier"),
        ("spoken_language", "string", "quasi_identifier"),
        ("repo_primary_language", "string", None),
        ("locale", "string", None),
        ("census_block", "string", "quasi_identifier"),
        # other languages
        ("grupo_sanguineo", "string", "special_category"),
        ("discapacidad", "string", "special_category"),
        ("sindicato", "string", "special_category"),
        ("historia_clinica", "string", "special_category"),
        ("certificato_penale", "string", "special_category"),
        ("ingresos", "number", "financial"),
        ("numero_tarjeta", "string", "financial"),
        ("dados_bancarios", "string", "financial"),
        ("data_de_obito", "date", "quasi_identifier"),
        ("nome_do_pai", "string", "pii"),
        ("miejscowosc", "string", "quasi_identifier"),
        # biometrics and ancestry
        ("typing_pattern", "string", "special_category"),
        ("genetic_ancestry", "string", "special_category"),
        ("retina_code", "string", "special_category"),
        # technical heads
        ("age_distribution", "string", None),
    ],
)
def test_personal_verdicts_of_round_6(name: str, kind: str, tag: str | None) -> None:
    concept = classify_personal(name, kind)
    assert (concept.tag if concept else None) == tag


@pytest.mark.parametrize(
    ("name", "credential"),
    [
        ("credenciales", True),
        ("clave_de_acceso", True),
        ("parol_hash", True),
        ("apitoken", True),
        ("clientsecret", True),
        ("discord_webhook", True),
        ("teams_webhook_url", True),
        ("slack_webhook_enabled", False),
        ("webhook_url", False),
        ("pgpass_file", True),
        ("server_key", True),
        ("server_key_id", False),
    ],
)
def test_credential_verdicts_of_round_6(name: str, credential: bool) -> None:
    assert (classify_credential(name, "string") is not None) is credential
