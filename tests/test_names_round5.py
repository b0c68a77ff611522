"""Classes of field names of issue 17, round 5: names in other languages, photos and signatures,
health and pupils' data, resource SIDs, token endpoints, and the technical look-alikes that
must stay quiet. Examples are written for these tests, not taken from a held-out split."""

from __future__ import annotations

import pytest

from registry.privacy.names import classify_credential, classify_personal
from registry.privacy.words import FOREIGN, name_words


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("data_de_nascimento_cliente", ("date", "of", "birth", "cliente")),
        ("apellidoPaterno", ("last", "name", "paterno")),
        ("kennwort_hash", ("password", "hash")),
        ("nome_arquivo", ("nome", "arquivo")),  # `nome` alone is a name of anything
        ("tel_no", ("telephone", "number")),
        ("emp_fnm", ("employee", "first", "name")),
        ("date_fmt", ("date", "format")),
    ],
)
def test_foreign_words_and_abbreviations(name: str, words: tuple[str, ...]) -> None:
    assert name_words(name) == words


def test_every_foreign_entry_reads_as_english_words() -> None:
    for foreign, english in FOREIGN.items():
        assert foreign, english
        assert all(w.isalpha() and w.islower() for w in (*foreign, *english))


@pytest.mark.parametrize(
    ("name", "kind", "tag"),
    [
        # other languages
        ("vorname_kunde", "string", "pii"),
        ("fecha_de_nacimiento_titular", "date", "pii"),
        ("endereco_cobranca", "string", "pii"),
        ("telefono_movil", "string", "pii"),
        ("correo_electronico_contacto", "string", "pii"),
        ("codigo_postal_entrega", "string", "quasi_identifier"),
        ("stato_civile", "string", "quasi_identifier"),
        ("konfession", "string", "special_category"),
        ("nacionalidade", "string", "quasi_identifier"),
        ("cuenta_bancaria", "string", "financial"),
        ("direccion_ip_cliente", "string", "quasi_identifier"),
        ("nombre_archivo", "string", None),
        ("nome_servidor", "string", None),
        ("adresse_mail_template", "string", None),
        ("geburtsdatum_format", "string", None),
        # photos and signatures
        ("photo_url", "string", "pii"),
        ("profile_photo_bytes", "string", "pii"),
        ("gravatar_hash", "string", "pii"),
        ("signature_scan", "string", "pii"),
        ("product_photo_url", "string", None),
        ("photo_etag", "string", None),
        ("photo_width", "integer", None),
        ("image_url", "string", None),
        # health, pupils, records
        ("has_diabetes", "boolean", "special_category"),
        ("is_pregnant", "boolean", "special_category"),
        ("spo2_percent", "number", "special_category"),
        ("presenting_complaint", "string", "special_category"),
        ("medicare_id", "string", "special_category"),
        ("apoe_genotype", "string", "special_category"),
        ("pupil_number", "string", "pii"),
        ("matriculation_number", "string", "pii"),
        ("company_matriculation_number", "string", None),
        ("employment_start_date", "date", "quasi_identifier"),
        ("background_check_registry", "string", "special_category"),
        # devices and places
        ("gaid_sha256", "string", "quasi_identifier"),
        ("child_device_id", "string", None),
        ("hub_zip_code", "string", None),
        ("depot_zip", "string", None),
        ("geofence_radius", "number", None),
        ("server_ip", "string", None),
        ("ip_gateway", "string", None),
        ("twitch_online_id", "string", "pii"),
        ("steam_online_status", "string", None),
        ("carrier_phone", "string", None),
        ("room_email", "string", None),
        ("printer_mac_address", "string", None),
        ("email_address_sid", "string", None),
        ("beats_per_minute", "number", "special_category"),
        # demographics of a campaign, not of a person
        ("audience_gender", "string", None),
        ("age_gate", "integer", None),
        ("rider_display_name", "string", "pii"),
        ("npc_last_name", "string", None),
        ("character_full_name", "string", None),
        # money, and balances that are not
        ("hourly_pay_rate", "number", "financial"),
        ("pto_balance", "number", None),
        ("gem_balance", "integer", None),
        ("card_fee_pct", "number", None),
    ],
)
def test_personal_verdicts_of_round_5(name: str, kind: str, tag: str | None) -> None:
    concept = classify_personal(name, kind)
    assert (concept.tag if concept else None) == tag


@pytest.mark.parametrize(
    ("name", "credential"),
    [
        ("passwort", True),
        ("mot_de_passe_utilisateur", True),
        ("senha_hash", True),
        ("sid", True),
        ("connect_sid", True),
        ("session_sid", True),
        ("message_sid", False),
        ("recording_sid", False),
        ("user_sid", False),
        ("token_uri", False),
        ("refresh_tokens_url", False),
        ("reset_password_page", False),
        ("change_password", False),
        ("forgot_password_url", False),
        ("old_password", True),
        ("auth_ticket", True),
        ("activation_code", True),
        ("oob_link", True),
        ("postgres_connection_url", True),
        ("htpasswd", True),
        ("p12", True),
        ("cvc_response", False),
        ("notification_token", False),
    ],
)
def test_credential_verdicts_of_round_5(name: str, credential: bool) -> None:
    assert (classify_credential(name, "string") is not None) is credential
