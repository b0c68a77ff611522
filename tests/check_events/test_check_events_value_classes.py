"""Round 4 of issue 17's value recognisers, one class of miss per table: a phone number's
region named in the text, a phone number that an identifier's check also accepts, national
identifiers after labels in their own scripts or abbreviations and in their own written form,
vendors' token shapes with ``_`` and ``-`` in the body or in capitals, key id and secret pairs,
long tokens without a prefix, and an ``@`` in a URL's user part. Each case is written from
the rule, never from a labelled split; the values are synthetic."""

from __future__ import annotations

import pytest

from registry.privacy import leaks

SIN_AND_MOBILE = "647 527 720"
"""A Spanish mobile in its usual grouping whose nine digits also pass the Canadian SIN's
Luhn check."""


def kinds(text: str) -> set[str]:
    return {leak.kind for leak in leaks.find_leaks(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0320 0591012", set()),  # a Pakistani mobile: no configured region's grouping
        ("Pakistan 0320 0591012", {leaks.PHONE_NUMBER}),  # its name
        ("mobile (PK) 0320-0591012", {leaks.PHONE_NUMBER}),  # its ISO code
        ("Islamic Republic of Pakistan 0320 0591012", {leaks.PHONE_NUMBER}),
        ("order Pakistan 0320 0591012", {leaks.PHONE_NUMBER}),  # the region is the label
        ("Pakistan order 0320 0591012", set()),  # the number of a thing, whatever the region
        ("TV 0320 0591012", set()),  # two capitals that are no region here
        ("06.12.34.56.78", {leaks.PHONE_NUMBER}),  # French pairs with dots: five groups
        ("+33 6.12.34.56.78", {leaks.PHONE_NUMBER}),
        ("version 10.12.34.56", set()),  # four dotted groups after a version word
    ],
)
def test_a_region_named_before_a_number_is_a_hint(text: str, expected: set[str]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"call back on {SIN_AND_MOBILE}", {leaks.PHONE_NUMBER}),  # the text says phone
        (f"mobile: {SIN_AND_MOBILE}", {leaks.PHONE_NUMBER}),
        (f"SIN {SIN_AND_MOBILE}", {leaks.NATIONAL_ID}),  # a label names the identifier
        (SIN_AND_MOBILE, {leaks.NATIONAL_ID}),  # nothing says which: the identifier
    ],
)
def test_a_number_both_schemes_accept_follows_the_text(text: str, expected: set[str]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ת.ז. 377594585", {leaks.NATIONAL_ID}),  # Israel, its Hebrew abbreviation
        ("377594585", set()),  # a weak check digit needs a label
        ("N.I.F. 159298180", {leaks.NATIONAL_ID}),  # Portugal, an abbreviation with dots
        ("ИНН 770740560833", {leaks.NATIONAL_ID}),  # Russia, a Cyrillic label
        ("A798694(A)", {leaks.NATIONAL_ID}),  # Hong Kong, the check in brackets
        ("holder C115109(4) verified", {leaks.NATIONAL_ID}),
        ("C115109(5)", set()),  # a wrong check digit
        ("5494 1348 2692", {leaks.NATIONAL_ID}),  # Japan's My Number in its grouping
        ("Serial No. 5494 1348 2692", set()),  # "No." after a thing's word
    ],
)
def test_national_identifiers_in_their_own_labels_and_forms(text: str, expected: set[str]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ACME-0XYA2CLMHP3W6W7Q3GXSC1FNV6X", {leaks.SECRET}),  # capitals throughout
        ("ORDER-01J9Z3K4M5N6P7Q8R9S0T1V2W3", set()),  # a ULID after a word: an id
        ("qq_tok_6JVR7siFTrUT_LzFoJusTeKuD", {leaks.SECRET}),  # `_` inside the body
        ("pk_test_6JVR7siFTrUT_LzFoJusTeKuD", set()),  # public by design
        ("ab_6JVR7siFTrUT_LzFoJ", set()),  # under 32 characters in all
        ("feature_flag_for_all_enterprise_users_on", set()),  # words
    ],
)
def test_issuer_tokens_with_separators_or_capitals(text: str, expected: set[str]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rk_acct_BU8Tf7SJ:Fmi7ZCPvmW0QdpaJD6oCzf", {leaks.SECRET}),  # key id, colon, secret
        ("sha256:Fmi7ZCPvmW0QdpaJD6oCzf", set()),  # a digest's word before the colon
        ("Subject:Fmi7ZCPvmW0QdpaJD6oCzf", set()),  # a word, not a key id
        ("rk_acct_BU8Tf7SJ:aaaaaaaaaaaaaaaaaaaaaaaa", set()),  # nothing random after it
    ],
)
def test_a_key_id_and_its_secret(text: str, expected: set[str]) -> None:
    assert kinds(text) == expected


LONG = "V1NIuk8Io5yaGKbXJD2aSJd7n2Khd9fsuUeRSeZ5JHY0i9Lo7f3VLFfRgyj3"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"token {LONG}", {leaks.SECRET}),  # 60 random characters, no prefix
        (f"x {LONG[:20]}AAAA{LONG[20:]}", set()),  # zero bytes: binary data in base64
        (f"a+{LONG}/b", set()),  # a piece of a base64 blob
        (f"sha512 {LONG}", set()),  # after a digest's word
        (f"pk.{LONG}", set()),  # a part of a dotted token
    ],
)
def test_a_long_token_without_a_prefix(text: str, expected: set[str]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("AKIDgXEyyxWslqCwTXjtqR1fQxstS98VpLl2", {leaks.SECRET}),  # Tencent Cloud
        (
            "AejxQUqRdS0gpr.atlasv1.zWWRpWv81aW71L33scX9VhJhKM1X72eSsFuquaKnx7lhq7aTnjx3oRuBMKlc",
            {leaks.SECRET},
        ),  # Terraform Cloud
        ("NRAK-LC4OKDIHUL4M9C03WYENPXAWZR0", {leaks.SECRET}),  # New Relic
        ("CFPAT-3Hs1jX9CjnTGSigV8lS9W0Iaa0kpiXdJKmYke9M9ImF", {leaks.SECRET}),  # Contentful
        ("sk.eyJ1IjoiYWNtZSJ9Fmi7ZCPvmW0QdpaJ.D6oCzfV1NIuk8Io5yaGKbXJD", {leaks.SECRET}),
        ("pk.eyJ1IjoiYWNtZSJ9Fmi7ZCPvmW0QdpaJ.D6oCzfV1NIuk8Io5yaGKbXJD", set()),  # public
        ("SSWS 00W05qAYGUk6niJUo45kYbbOfSetYY926KmmQvTfQa", {leaks.SECRET}),  # Okta's scheme
        ("http://ad@min:S3cretPw9@files.example.net/", {leaks.SECRET}),  # `@` in the user
        ("http://admin@files.example.net:8080/x", set()),  # a user and a port, no password
    ],
)
def test_vendor_formats_and_url_users(text: str, expected: set[str]) -> None:
    assert kinds(text) == expected


def test_no_message_holds_the_value() -> None:
    for text in (f"token {LONG}", "rk_acct_BU8Tf7SJ:Fmi7ZCPvmW0QdpaJD6oCzf", "A798694(A)"):
        for leak in leaks.find_leaks(text):
            assert "Fmi7ZCPvmW0Qd" not in leak.masked
            assert LONG[:12] not in leak.masked
            assert "798694" not in leak.masked
