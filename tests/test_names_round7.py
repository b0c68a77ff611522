"""Classes of field names of issue 17, round 7: words of thirteen further languages (names, dates
and places of birth, phones, addresses, e-mail, identity cards and passports, passwords,
salaries and bank accounts, blood types, diagnoses, religion, citizenship), names written head
first, vowel-less abbreviations and attributes abbreviated after a person, parties of courts,
claims, leases and benefit cases, the numbers of calls, cells and SIP identities, advertising
and identity-graph identifiers, travel and professional numbers, health-plan members, criminal
proceedings, earnings and sources of wealth, voice recordings, codes that open a physical thing
or pair a device, mesh-network and SIM keys, and the technical look-alikes that must stay
quiet. Examples are written for these tests, not taken from a held-out split."""

from __future__ import annotations

import pytest

from registry.privacy.names import classify_credential, classify_personal
from registry.privacy.personal import PERSON_NOUNS
from registry.privacy.words import name_words


@pytest.mark.parametrize(
    ("name", "words"),
    [
        # vowel-less words of the vocabulary, and what a record abbreviates after a person
        ("cntct_phn", ("contact", "phone")),
        ("tnnt_mbl", ("tenant", "mobile")),
        ("emrg_cntct", ("emergency", "contact")),
        ("ownr_inc", ("owner", "income")),
        ("usr_eml", ("user", "email")),
        ("auto_inc", ("auto", "inc")),  # an increment, not after a person
        ("http_sfx", ("http", "sfx")),  # no word of the vocabulary spells these
        ("pol_hldr_dob", ("policy", "holder", "date", "of", "birth")),
        ("pax_nm", ("passenger", "name")),
        ("rx_sig", ("dosage", "instructions")),
        ("sig_text", ("dosage", "instructions")),
        ("sig_alg", ("sig", "alg")),
        ("client_ips", ("client", "ips")),
        # other languages
        ("data_nasterii_client", ("date", "of", "birth", "client")),
        ("parola_chiave", ("keyword",)),
        ("jina_la_kwanza", ("first", "name")),
        ("nombor_kad_pengenalan", ("national", "id", "number")),
    ],
)
def test_words_abbreviations_and_languages(name: str, words: tuple[str, ...]) -> None:
    assert name_words(name) == words


# One spelling per language of each class, with a metadata word after it that must turn it off.
FOREIGN_POSITIVES = [
    # names
    ("prenume", "pii"),
    ("nume_de_familie", "pii"),
    ("epitheto", "pii"),
    ("shem_mishpakha", "pii"),
    ("laqab", "pii"),
    ("pryzvyshche", "pii"),
    ("cognoms", "pii"),
    ("nama_keluarga", "pii"),
    ("buong_pangalan", "pii"),
    ("jina_la_ukoo", "pii"),
    ("nam_sakun", "pii"),
    ("uzvards", "pii"),
    ("mbiemri", "pii"),
    ("onoma_xristi", "pii"),
    ("ism_al_umm", "pii"),
    ("nama_ibu", "pii"),
    # dates and places of birth
    ("tarikh_al_milad", "pii"),
    ("janam_tithi", "pii"),
    ("datum_rojstva", "pii"),
    ("tarehe_ya_kuzaliwa", "pii"),
    ("gimimo_data", "pii"),
    ("datelindja", "pii"),
    # contact data
    ("kinito", "pii"),
    ("jawwal", "pii"),
    ("thorasap", "pii"),
    ("barua_pepe", "pii"),
    ("correu_electronic", "pii"),
    ("dieuthinsi", "pii"),
    ("anwani", "pii"),
    # identity documents
    ("carte_de_identitate", "pii"),
    ("licna_karta", "pii"),
    ("kitambulisho", "pii"),
    ("darkon", "pii"),
    ("putovnica", "pii"),
    ("kod_melli", "pii"),
    # money, health, beliefs, citizenship
    ("mshahara", "financial"),
    ("tankhwah", "financial"),
    ("akaunti_ya_benki", "financial"),
    ("hisab_bank", "financial"),
    ("krvna_grupa", "special_category"),
    ("golongan_darah", "special_category"),
    ("diagnoz", "special_category"),
    ("satsana", "special_category"),
    ("relihiyon", "special_category"),
    ("drzavljanstvo", "quasi_identifier"),
    ("uraia", "quasi_identifier"),
    ("jantina", "quasi_identifier"),
]


@pytest.mark.parametrize(("name", "tag"), FOREIGN_POSITIVES)
def test_words_of_further_languages(name: str, tag: str) -> None:
    concept = classify_personal(name, "string")
    assert (concept.tag if concept else None) == tag
    assert classify_personal(f"{name}_count", "integer") is None
    assert classify_personal(f"is_{name}_required", "boolean") is None


def test_a_vowel_less_word_that_spells_two_people_is_a_person() -> None:
    assert name_words("grntr_phn")[0] in PERSON_NOUNS  # guarantor or grantor
    assert classify_personal("grntr_phn", "string") is not None


@pytest.mark.parametrize("name", ["locul_nasterii", "tempat_lahir", "mjesto_rodjenja"])
def test_places_of_birth_of_further_languages_read_as_in_english(name: str) -> None:
    assert classify_personal(name, "string") == classify_personal("place_of_birth", "string")


@pytest.mark.parametrize(
    "name", ["nenosiri", "rahat_phan", "fjalekalimi", "kalimat_al_murur", "gupt_shabd", "parool"]
)
def test_passwords_of_further_languages(name: str) -> None:
    assert classify_credential(name, "string") is not None
    assert classify_credential(f"{name}_length", "integer") is None


@pytest.mark.parametrize(
    ("name", "kind", "tag"),
    [
        # parties of courts, claims, leases, benefit cases and payments
        ("appellant_name", "string", "pii"),
        ("obligee_surname", "string", "pii"),
        ("lessee_first_name", "string", "pii"),
        ("underwriter_name", "string", "pii"),
        ("remitter_name", "string", "pii"),
        ("tenant_surname", "string", "pii"),
        ("tenant_name", "string", None),  # a platform's tenant
        ("affected_party_name", "string", "pii"),
        ("name_on_cheque", "string", "pii"),
        ("clinician_initials", "string", "pii"),
        ("grntr_phn", "string", "pii"),
        ("pax_nm", "string", "pii"),
        ("gen_ai_judge_name", "string", None),
        ("build_originator_name", "string", None),
        # calls, cells and SIP identities
        ("dialled_number", "string", "pii"),
        ("calling_party_num", "string", "pii"),
        ("callee_sip_uri", "string", "pii"),
        ("trunk_sip_uri", "string", None),
        ("serving_cell_tac", "string", "quasi_identifier"),
        ("cell_tower_count", "integer", None),
        ("api_deny_source_ips", "list", None),
        ("client_ips", "list", "quasi_identifier"),
        # advertising and identity graphs
        ("apple_ad_id", "string", "quasi_identifier"),
        ("ad_id", "string", None),  # an ad's id
        ("euid_token", "string", "quasi_identifier"),
        ("ats_envelope", "string", "quasi_identifier"),
        # travel, professional and health-plan numbers
        ("global_entry_number", "string", "pii"),
        ("traveller_document_number", "string", "pii"),
        ("document_number", "string", None),
        ("lawyer_bar_number", "string", "pii"),
        ("progress_bar_number", "integer", None),
        ("nmls_id", "string", "pii"),
        ("pharmacy_dea_number", "string", None),
        ("dental_subscriber_id", "string", "special_category"),
        ("medicare_beneficiary_number", "string", "special_category"),
        ("workspace_member_id", "string", None),
        # health, criminal and special categories
        ("manner_of_death", "string", "special_category"),
        ("medication_dispensed", "string", "special_category"),
        ("chronic_condition_flag", "boolean", "special_category"),
        ("pax_ssr_wchc", "string", "special_category"),
        ("bail_bond", "string", "special_category"),
        ("bail_on_error", "boolean", None),
        ("jail_term_days", "integer", "special_category"),
        ("political_stance", "string", "special_category"),
        ("religious_affiliation_preference", "string", "special_category"),
        ("notification_preferences", "object", None),
        ("speech_recording", "string", "special_category"),
        ("alexa_recordings", "list", "special_category"),
        ("audio_codec", "string", None),
        ("driver_face_ids", "list", "special_category"),
        # money
        ("claimant_weekly_earnings", "number", "financial"),
        ("quarterly_earnings", "number", None),
        ("wealth_source", "string", "financial"),
        ("disability_benefit_amount", "number", "financial"),
        ("payout_iban", "string", "financial"),
        ("heart_balance", "integer", None),
        ("spins_balance", "integer", None),
        # photos and their measurements
        ("display_picture", "string", "pii"),
        ("selfie_match_image", "string", "pii"),
        ("selfie_match_status", "string", None),
        ("id_photo_dimensions", "string", None),
        ("avatar_dpi", "integer", None),
    ],
)
def test_personal_verdicts_of_round_7(name: str, kind: str, tag: str | None) -> None:
    concept = classify_personal(name, kind)
    assert (concept.tag if concept else None) == tag


@pytest.mark.parametrize(
    ("name", "credential"),
    [
        ("garage_code", True),
        ("door_entry_code", True),
        ("homekit_setup_code", True),
        ("immobilizer_code", True),
        ("totp_seed", True),
        ("authenticator_key", True),
        ("zprv", True),
        ("usim_opc", True),
        ("thread_network_key", True),
        ("card_encoding_key", True),
        ("error_code", False),
        ("promo_code", False),
        ("euid_token", False),
        ("rx_sig", False),
        ("webhook_sig", True),
    ],
)
def test_credential_verdicts_of_round_7(name: str, credential: bool) -> None:
    assert (classify_credential(name, "string") is not None) is credential
