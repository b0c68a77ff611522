"""Words of field names (issue 17): case styles, abbreviations, python-stdnum's numbers, head
nouns; and a property: the case style of a name never changes P001's or P002's verdict."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from registry.privacy import compounds, identifiers
from registry.privacy.concept import ORGANISATION_OWNERS, TECHNICAL_HEADS, wordset
from registry.privacy.names import classify_credential, classify_personal
from registry.privacy.words import ABBREVIATIONS, name_words


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("usr_tel_no", ("user", "telephone", "number")),
        ("UsrTelNo", ("user", "telephone", "number")),
        ("usr-tel-no", ("user", "telephone", "number")),
        ("USR_TEL_NO", ("user", "telephone", "number")),
        ("custMobNum", ("customer", "mobile", "number")),
        ("no_reply", ("no", "reply")),  # a leading `no` is "no", not "number"
        ("f_name", ("first", "name")),
        ("l_nm", ("last", "name")),
        ("f_stop", ("f", "stop")),  # an initial only before a name
        ("addr1", ("address",)),
        ("addressLine2", ("address", "line2")),
        ("ipv4_addr", ("ipv4", "address")),
        ("pass_wd", ("password",)),
        ("PHPSESSIONID", ("php", "session", "id")),
        ("hh_income", ("household", "income")),
        ("user.email", ("user", "email")),
        ("zip_cd", ("zip", "code")),
        ("birth_dt", ("birth", "date")),
        ("ph_no", ("phone", "number")),
        ("ph", ("ph",)),  # a leading abbreviation only before another word
        ("sec_ans", ("security", "answer")),
        ("nokPhone", ("next", "of", "kin", "phone")),
        ("id_ed25519", ("id", "ed25519")),  # a key format keeps its digits
        ("pkcs8_key", ("pkcs8", "key")),
        ("redis_conn_string", ("redis", "connection", "string")),
        ("PrivateIPv4Address", ("private", "ipv4", "address")),  # mixed case read whole
        ("OAuthClientId", ("oauth", "client", "id")),
        ("rx_number", ("prescription", "number")),
        ("rx_bytes", ("rx", "bytes")),  # `rx` is "receive" elsewhere
        ("diag_cd", ("diagnosis", "code")),
        ("marital_stat", ("marital", "status")),
        ("avatar_img", ("avatar", "image")),
    ],
)
def test_name_words(name: str, words: tuple[str, ...]) -> None:
    assert name_words(name) == words


@pytest.mark.parametrize(
    ("title", "tag"),
    [
        ("CPF (Cadastro de Pessoas Físicas, Brazilian national identifier).", "pii"),
        ("ABN (Australian Business Number).", None),
        ("Kennitala (Icelandic personal and organisation identity code).", "pii"),
        ("NIF (Número de Identificación Fiscal, Spanish VAT number).", "pii"),
        ("CIF (Código de Identificación Fiscal, Spanish company tax number).", None),
        ("BTW (Belgian VAT number).", None),
        ("RUT (Registro Único Tributario, Uruguay tax number).", "pii"),
        ("NHS (United Kingdom National Health Service patient identifier).", "special_category"),
        ("MEID (Mobile Equipment Identifier).", "quasi_identifier"),
        ("Postcode (the Dutch postal code).", "quasi_identifier"),
        ("CBU (Clave Bancaria Uniforme, Argentine bank account number).", "financial"),
        ("ISBN (International Standard Book Number).", None),
        ("The Luhn and Luhn mod N algorithms.", None),
    ],
)
def test_tag_of_a_number_title(title: str, tag: str | None) -> None:
    assert identifiers.tag_of(title) == tag


def test_every_country_of_stdnum_is_read() -> None:
    numbers = identifiers.numbers()
    countries = {n.country for n in numbers if n.country}
    personal = [n for n in numbers if n.tag == "pii"]
    assert len(countries) >= 60
    assert len(personal) >= 80
    assert {"br.cpf", "nl.bsn", "in.aadhaar", "kr.rrn"} <= {n.module for n in personal}
    assert not any(n.tag for n in numbers if n.module in ("isbn", "lei", "be.vat", "fr.siren"))


@pytest.mark.parametrize(
    ("name", "kind", "tag"),
    [
        ("se_personnummer", "string", "pii"),
        ("BeNissNumber", "string", "pii"),  # an acronym of the title, not the module's name
        ("pt_cc", "string", "pii"),  # a short name with its country
        ("cc", "string", None),  # ... and without it
        ("cpf_verified", "boolean", None),  # metadata of a number
        ("supplier_cpf", "string", None),  # an organisation's number
        ("gb_nhs", "string", "special_category"),
        ("nextOfKin", "string", "pii"),
        ("palm_vein_template", "string", "special_category"),
        ("key_fingerprint", "string", None),
        ("credit_score", "integer", "financial"),
        ("gender_code", "string", "quasi_identifier"),
        ("age_seconds", "integer", None),
        ("user_age", "integer", "quasi_identifier"),
        ("font_family", "string", None),
        ("child_count", "integer", None),
        ("name_server", "string", None),
    ],
)
def test_personal_verdicts(name: str, kind: str, tag: str | None) -> None:
    concept = classify_personal(name, kind)
    assert (concept.tag if concept else None) == tag


@pytest.mark.parametrize(
    ("name", "credential"),
    [
        ("env_vars", True),
        ("docker_config_json", True),
        ("saml_assertion", True),
        ("usr_pwd", True),
        ("ke_pin", False),  # Kenyan tax number
        ("pin", True),
        ("device_push_token", False),
        ("config_version", False),
        ("gait_signature", False),
    ],
)
def test_credential_verdicts(name: str, credential: bool) -> None:
    assert (classify_credential(name, "string") is not None) is credential


# -- the case style never changes the verdict --------------------------------------------------

VOCABULARY = sorted(
    {
        *ABBREVIATIONS,
        *wordset(
            "email phone name first last address ip user customer date of birth password token "
            "api key id count template family page server income national insurance number "
            "mother maiden kin next health status card cpf bsn ke pin nl br session env vars "
            "config json hash ntlm zip code archive path f l no nr addr1 line2"
        ),
    }
)


def _styles(words: list[str]) -> list[str]:
    return [
        "_".join(words),
        "-".join(words),
        "_".join(words).upper(),
        words[0] + "".join(w.capitalize() for w in words[1:]),
        "".join(w.capitalize() for w in words),
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=5),
    st.sampled_from(["string", "integer", "boolean", "timestamp", "object"]),
)
def test_case_style_never_changes_the_verdict(words: list[str], kind: str) -> None:
    # `fFNm` and `FFNm` split differently: one-letter words side by side are ambiguous in
    # camelCase itself
    assume(not any(len(a) == len(b) == 1 for a, b in itertools.pairwise(words)))
    verdicts = {
        (classify_personal(name, kind), classify_credential(name, kind)) for name in _styles(words)
    }
    assert len(verdicts) == 1, _styles(words)


# -- modifier and head: classes of words, not lists of names -----------------------------------


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(sorted(compounds.IDENTITY_MODIFIERS)),
    st.sampled_from(sorted(compounds.NUMBER_HEADS)),
    st.booleans(),
    # `employer` alone is a person's demographic (`employer_name`)
    st.sampled_from(sorted(ORGANISATION_OWNERS - {"employer"})),
)
def test_an_identity_word_and_a_number_word_name_a_persons_number(
    modifier: str, head: str, head_first: bool, owner: str
) -> None:
    """Any identity word with any number word, in either order and any case style, is a
    person's government number; an organisation before it makes it the organisation's."""
    words = [head, modifier] if head_first else [modifier, head]
    for name in _styles(words):
        concept = classify_personal(name, "string")
        assert concept is not None, name
        assert concept.tag == "pii", name
    assert classify_personal("_".join([owner, *words]), "string") is None


PERSONAL_COMPOUNDS = sorted(
    "_".join(c.words) for c in compounds.COMPOUNDS if c.tag != "credential" and not c.keeps
)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(PERSONAL_COMPOUNDS),
    st.sampled_from(sorted(TECHNICAL_HEADS)),
)
def test_a_technical_head_makes_a_personal_word_technical(name: str, head: str) -> None:
    """`viber_number` is a phone number, `viber_number_pool` is not: whatever the compound, a
    technical head noun after it names the technical thing."""
    assert classify_personal(name, "string") is not None, name
    assert classify_personal(f"{name}_{head}", "string") is None, f"{name}_{head}"


@pytest.mark.parametrize(
    ("module", "native"),
    [
        ("nl.bsn", "burgerservicenummer"),
        ("cz.rc", "rodne cislo"),
        ("fi.hetu", "henkilotunnus"),
        ("be.nn", "rijksregisternummer"),
    ],
)
def test_native_names_of_numbers_come_from_python_stdnum(module: str, native: str) -> None:
    """The parentheses of a number's title and description name it in its own language."""
    names = {n.module: n.names for n in identifiers.numbers()}
    assert native in names[module]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "BSN (Burgerservicenummer, the Dutch citizen identification number)",
            {"burgerservicenummer"},
        ),
        ("RC (Rodné číslo, the Czech birth number)", {"rodne cislo"}),
        ("X (Lithuanian, personal numbers)", set()),  # a country's adjective
        ("X (with chip)", set()),  # English words
        ("X (IMEISV)", set()),  # an acronym
    ],
)
def test_native_name_rules(text: str, names: set[str]) -> None:
    assert identifiers._native_names(text) == names
