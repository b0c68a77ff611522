"""National identifiers in values, judged by `python-stdnum` (published formats and check
digits of personal identifiers of many countries), and two of our own (China, Singapore).

A candidate is a run of digits and capital letters (`_CANDIDATE`), at most 40 characters,
separated by single spaces (after a digit), dots, dashes or slashes, holding at least six
digits. At most
`MAX_CANDIDATES` candidates of a value are judged. An identifier is reported when it passes
its validator and one of these holds, by the strength of the scheme (`_SCHEMES`):

- ``bare``: the scheme carries enough structure to stand alone (a birth date and a check
  digit, two check digits, or a shape of letters and digits no id of a thing has), written
  compact or in the scheme's own grouping;
- ``formatted``: written in the scheme's own grouping (``386-23-0530``, ``12.879.797-1``),
  or compact after a label;
- ``label``: only after a word that names a personal identifier (``id``, ``document``,
  ``SSN`` ...): a nine-digit number passes an 11-proof one time in eleven.

A number after a word that names a thing (``Ticket``, ``ISBN`` ...) is never judged.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from typing import Final

from registry.privacy.leakkinds import (
    DATE_OR_QUAD,
    LABEL_WINDOW,
    MAX_CANDIDATES,
    MAX_RUNS,
    NATIONAL_ID,
    NOT_PERSONAL_LABELS,
    Leak,
    fold,
    label_before,
    stars,
)

BARE: Final = "bare"
FORMATTED: Final = "formatted"
LABEL: Final = "label"

_SCHEMES: Final[tuple[tuple[str, str, tuple[int, ...]], ...]] = (
    ("at.vnr", FORMATTED, (10,)),
    ("be.nn", BARE, (11,)),
    ("bg.egn", BARE, (10,)),
    ("br.cpf", BARE, (11,)),
    ("ca.sin", FORMATTED, (9,)),
    ("ch.ssn", BARE, (13,)),
    ("cl.rut", FORMATTED, (8,9,)),
    ("de.idnr", FORMATTED, (11,)),
    ("dk.cpr", FORMATTED, (10,)),
    ("ee.ik", BARE, (11,)),
    ("es.dni", BARE, (9,)),
    ("es.nie", BARE, (9,)),
    ("fi.hetu", BARE, (10,11,)),
    ("fr.nir", BARE, (15,)),
    ("gb.nhs", LABEL, (10,)),
    ("gr.amka", BARE, (11,)),
    ("hr.oib", LABEL, (11,)),
    ("ie.pps", BARE, (8,9,)),
    ("il.idnr", LABEL, (9,)),
    ("in_.aadhaar", FORMATTED, (12,)),
    ("is_.kennitala", FORMATTED, (10,)),
    ("it.codicefiscale", BARE, (16,)),
    ("kr.rrn", BARE, (13,)),
    ("lt.asmens", BARE, (11,)),
    ("mx.curp", BARE, (18,)),
    ("my.nric", FORMATTED, (12,)),
    ("nl.bsn", LABEL, (8,9,)),
    ("no.fodselsnummer", BARE, (11,)),
    ("pl.pesel", BARE, (11,)),
    ("pt.cc", BARE, (12,)),
    ("ro.cnp", BARE, (13,)),
    ("se.personnummer", FORMATTED, (10,12,)),
    ("si.emso", BARE, (13,)),
    ("th.pin", FORMATTED, (13,)),
    ("tr.tckimlik", BARE, (11,)),
    ("us.itin", FORMATTED, (9,)),
    ("us.ssn", FORMATTED, (9,)),
    ("za.idnr", BARE, (13,)),
    ("au.tfn", LABEL, (8,9,)),
    ("jp.in_", FORMATTED, (12,)),
    ("ua.rntrc", LABEL, (10,)),
    ("ec.ci", LABEL, (10,)),
    ("cz.rc", FORMATTED, (9,10,)),
    ("sk.rc", FORMATTED, (9,10,)),
    ("be.bis", BARE, (11,)),
    ("lv.pvn", FORMATTED, (11,)),
    ("do.cedula", FORMATTED, (11,)),
    ("pk.cnic", FORMATTED, (13,)),
    ("us.atin", FORMATTED, (9,)),
    ("bg.pnf", LABEL, (10,)),
    ("ca.bc_phn", LABEL, (10,)),
    ("cr.cpf", LABEL, (10,)),
    ("id.nik", LABEL, (16,)),
    ("in_.vid", LABEL, (16,)),
    ("pe.cui", LABEL, (8,9,)),
    ("nz.ird", LABEL, (8,9,)),
    ("nl.onderwijsnummer", LABEL, (9,)),
    ("ar.dni", LABEL, (7,8,)),
    ("ar.cuit", FORMATTED, (11,)),
    ("pt.nif", LABEL, (9,)),
    ("mx.rfc", BARE, (13,)),
    ("ru.inn", LABEL, (12,)),
    ("gb.utr", LABEL, (10,)),
    ("fr.nif", LABEL, (13,)),
    ("cu.ni", LABEL, (11,)),
    ("fi.veronumero", LABEL, (12,)),
)  # fmt: skip
"""(python-stdnum module, strength, lengths without separators), schemes with a check digit
first. Every python-stdnum module that describes an identifier of natural persons (national,
tax, social security, health, student and voter numbers) is here; identifiers of
organisations (VAT, company numbers) are left out: the labelling guide counts them as none.
The strength follows the scheme: a birth date and a check digit, or two check digits, stand
bare; one check digit needs the scheme's grouping; a weak or missing check needs a label."""

_NO_CHECK_DIGIT: Final = {
    "us.ssn": frozenset({"ssn", "social"}),
    "dk.cpr": frozenset({"cpr"}),
    "my.nric": frozenset({"nric", "mykad"}),
    "cz.rc": frozenset({"rc"}),
    "sk.rc": frozenset({"rc"}),
    "pk.cnic": frozenset({"cnic"}),
    "us.atin": frozenset({"atin"}),
    "id.nik": frozenset({"nik"}),
    "ar.dni": frozenset({"dni"}),
    "pt.nif": frozenset({"nif", "contribuinte"}),  # one mod-11 digit: also a company's number
    "cu.ni": frozenset({"ni", "carne", "identidad"}),
    # one check digit (or two over a short body): only their own names
    "co.nit": frozenset({"nit"}),
    "pe.ruc": frozenset({"ruc"}),
    "ve.rif": frozenset({"rif"}),
    "mx.nss": frozenset({"nss", "imss"}),
    "es.nss": frozenset({"nss", "social"}),
    "br.titulo": frozenset({"titulo", "eleitor"}),
    "br.cns": frozenset({"cns", "sus"}),
    "kw.civil": frozenset({"civil"}),
    "hu.szemelyi": frozenset({"szemelyi"}),
    "ec.ruc": frozenset({"ruc"}),
    "py.ruc": frozenset({"ruc"}),
    "sv.nit": frozenset({"nit"}),
    "gt.nit": frozenset({"nit"}),
    "za.tin": frozenset({"tax", "sars", "tin"}),
    "id.npwp": frozenset({"npwp"}),
    "gh.tin": frozenset({"tin"}),
    "tw.arc": frozenset({"arc", "居留證", "居留证", "統一證號", "居留證統一證號"}),
}
"""Schemes without a check digit (or with none before 1954, or with one that nine digits pass
one time in eleven): after a generic label (``id``) any nine digits would pass, so only their
own label or their own grouping counts."""

_LETTERED: Final = {
    "cn.ric": re.compile(r"[0-9]{17}[0-9X]"),
    "tw.id": re.compile(r"[A-Z][12][0-9]{8}"),
    "tw.arc": re.compile(r"[A-Z][89][0-9]{8}"),
    "gh.tin": re.compile(r"P00[0-9]{7}[0-9X]"),
    "mu.nid": re.compile(r"[A-Z][0-9]{12}[0-9A-Z]"),
    "sg.nric": re.compile(r"[STFGM][0-9]{7}[A-Z]"),
    "es.dni": re.compile(r"[KLM]?[0-9]{7,8}[A-Z]"),
    "es.nie": re.compile(r"[XYZ][0-9]{7}[A-Z]"),
    "fi.hetu": re.compile(r"[0-9]{6}[-+A-FU-Y]?[0-9]{3}[0-9A-Y]"),
    "ie.pps": re.compile(r"[0-9]{7}[A-W][A-IW]?"),
    "de.rvnr": re.compile(r"[0-9]{8}[A-Z][0-9]{3}"),
    "it.codicefiscale": re.compile(r"[A-Z]{6}[0-9LMNP-V]{2}[A-EHLMPRST][0-9LMNP-V]{2}[A-Z][0-9LMNP-V]{3}[A-Z]"),
    "mx.curp": re.compile(r"[A-Z]{4}[0-9]{6}[HMX][A-Z]{5}[0-9A-Z][0-9]"),
    "pt.cc": re.compile(r"[0-9]{9}[A-Z0-9]{2}[0-9]"),
    "cl.rut": re.compile(r"[0-9]{7,8}[0-9K]"),
    "hk.hkid": re.compile(r"[A-Z]{1,2}[0-9]{6}[0-9A]"),
    "mx.rfc": re.compile(r"[A-Z]{4}[0-9]{6}[A-Z0-9]{3}"),
    "ve.rif": re.compile(r"[VEJPGC]?[0-9]{9}"),
}  # fmt: skip
"""Schemes whose numbers may hold a letter, and their shape: a value with a letter is judged
only by the schemes whose shape it has (python-stdnum's validators cost microseconds)."""
_ANY_LETTERED: Final = re.compile("|".join(f"(?:{shape.pattern})" for shape in _LETTERED.values()))
_BARE_WITH_A_LETTER: Final = frozenset({"pt.cc"})
"""Schemes that stand bare only when written with their letters: a Cartão de Cidadão's
version is two capitals in practice, and twelve digits alone pass its check one time in ten
(an AWS account id, an MSISDN)."""
_WRITTEN_SIGN: Final = frozenset({"fi.hetu"})
"""Schemes whose written separator is part of the number (a HETU's century sign)."""

_OWN_FORMATS: Final[dict[str, Callable[[str], str]]] = {
    "se.samordningsnummer": lambda compact: compact[:-4] + "-" + compact[-4:],
    "fi.hetu": lambda compact: compact[:6] + "-" + compact[6:],
    "lv.pvn": lambda compact: compact[:6] + "-" + compact[6:],  # a personas kods: DDMMYY-NNNNN
    "at.vnr": lambda compact: compact[:4] + " " + compact[4:],  # serial and check, then DDMMYY
}
"""Groupings python-stdnum has no `format` for: a HETU's century sign ``-`` is a separator to
the candidate expression."""

_OWN_LABELS: Final = frozenset(
    {
        "aadhaar", "ahv", "amka", "bsn", "cc", "citizen", "cnp", "cpf", "cpr", "curp", "dni",
        "doc", "document", "egn", "emso", "hetu", "id", "identity", "idnr", "insee", "kimlik",
        "kennitala", "national", "nhs", "nid", "nie", "nif", "nino", "nir", "nric", "oib",
        "passport", "pesel", "personal", "personnummer", "pin", "pps", "rrn", "rut", "sin",
        "rc", "social", "mykad", "ssn", "svnr", "tckn", "tfn", "tin", "cedula", "kod",
        "kodas", "kods", "numero", "nummer", "personas", "tax", "voter", "adoazonosito",
        "jel", "ci", "hkid", "rfc", "inn", "utr",
        "matricule", "idnp", "iin", "snils", "ird", "eid", "emirates", "iqama", "muqeem",
        "melli", "meli", "pis", "nis", "pasep", "medicare", "rentenversicherungsnummer",
        "sozialversicherungsnummer", "versicherungsnummer", "rvnr", "taj", "jmbg", "embg",
        "samordningsnummer", "titulo", "eleitor", "cns", "sus", "imss", "nss", "civil",
        "szemelyi", "nit", "ruc", "rif", "steuer", "steuerid", "spi",
        "chi", "hc", "arc", "npwp", "sars", "cuil",
        # in the scripts of their countries
        "תז", "זהות", "身份证", "身份證", "身分證", "身分證字號", "香港身份證", "주민등록번호",
        "マイナンバー", "個人番号", "егн", "лнч", "инн", "снилс", "αμκα", "αφμ",
        "เลขประจำตัวประชาชน", "іпн", "ипн", "рнокпп", "иин", "ембг", "јмбг", "ملی",
        "إقامة", "اقامة", "居留證", "統一證號", "居留證統一證號", "居留证",
    }
)  # fmt: skip
"""Words before a personal identifier, ours: what the schemes are called in use (in Latin
letters and in their own scripts), and the words for "code" and "number" of the languages
whose schemes are here."""
_NOT_A_LABEL: Final = frozenset(
    {
        "number", "swiss", "card", "the", "security", "code", "codes", "account", "unique",
        "single", "master", "register", "registration", "electronic", "permanent",
        "reference", "department", "revenue", "inland", "income", "physical", "person",
        "individual", "foreigner", "and", "for", "with", "sometimes", "goods",
        "services", "value", "added", "company", "business", "vat", "iban", "bank",
        "international", "tari", "take", "photo", "electoral", "united", "kingdom",
        "birth", "federal", "public", "service", "lithuanian", "norwegian",
    }
)  # fmt: skip


def _stdnum_label_schemes() -> dict[str, frozenset[str]]:
    """Each of python-stdnum's label words (`_stdnum_labels`) and the schemes whose first
    line holds it (``kennitala``: ``is_.kennitala``; ``nif``: ``pt.nif``, ``fr.nif``)."""
    schemes: dict[str, set[str]] = {}
    for name, _, _ in _SCHEMES:
        for word in _stdnum_words(name):
            if word not in _GENERIC_LABELS:
                schemes.setdefault(word, set()).add(name)
    return {word: frozenset(names) for word, names in schemes.items()}


def _stdnum_words(name: str) -> set[str]:
    try:
        module = importlib.import_module(f"stdnum.{name}")
    except ImportError:
        return set()
    first = (module.__doc__ or "").strip().split("\n", 1)[0]
    name_part, _, inside = first.partition("(")
    names = ", ".join([name_part, *inside.split(",")[:-1]])
    return {
        word
        for word in _WORD.findall(fold(names))
        if (len(word) >= 3 or (len(word) == 2 and word.upper() == word.lower()))
        and word not in _NOT_A_LABEL
    }


def _stdnum_labels() -> frozenset[str]:
    """The names python-stdnum gives the schemes: the words of each module's first line
    before its parenthesis and inside it but for the last part, an English description
    that names the country (``VNR, SVNR, VSNR``, ``Asmens kodas``, ``EGN (ЕГН, Единен
    граждански номер, ...)``, ``Mispar Zehut, מספר זהות``), folded, words of three letters
    or more (two in a script without case, ``番号``), generic words and nationalities left
    out."""
    words: set[str] = set()
    for name, _, _ in _SCHEMES:
        try:
            module = importlib.import_module(f"stdnum.{name}")
        except ImportError:
            continue
        first = (module.__doc__ or "").strip().split("\n", 1)[0]
        name_part, _, inside = first.partition("(")
        # inside the parenthesis: the scheme's own names, then an English description that
        # names its country (``Bulgarian personal identity codes``): left out
        names = ", ".join([name_part, *inside.split(",")[:-1]])
        words.update(
            word
            for word in _WORD.findall(fold(names))
            if (len(word) >= 3 or (len(word) == 2 and word.upper() == word.lower()))
            and word not in _NOT_A_LABEL
        )
    return frozenset(words)


_WORD: Final = re.compile(r"[^\W\d_]+")


PERSONAL_ID_LABELS: Final = _OWN_LABELS | _stdnum_labels()
"""The words that name a personal identifier (see `label_before`, which folds accents)."""

_GENERIC_LABELS: Final = frozenset(
    {
        "id", "doc", "document", "documento", "national", "nacional", "identity", "identidad",
        "personal", "persona", "numero", "nummer", "nomor", "номер", "mispar", "מספר",
        "αριθμος", "kod", "kodas", "kods", "cod", "codigo", "codice", "clave", "citizen",
        "social", "tax", "pin", "nid", "tin", "cc", "ci", "cui", "registro", "unica", "unico",
        "numeric", "fiscal", "fiscale", "cartao", "broj", "cislo", "stevilka", "rol", "bis",
        "vid", "voter", "passport", "eid", "nis", "pis", "cadastro", "tributaria",
        "tributario", "fisica", "fisicas", "pessoas", "identificacion", "identificacao",
        "matricule", "phn",
    }
)  # fmt: skip
"""Labels that name an identifier in general or in more than one use (``id``, ``number`` in
a language, ``tax``): a number after one may still be a phone number."""
_LABEL_SCHEMES: Final = {
    **_stdnum_label_schemes(),
    "cedula": frozenset({"cr.cpf", "do.cedula", "ec.ci", "pe.cui", "uy.ci"}),
    "personnummer": frozenset({"dk.cpr", "se.personnummer", "se.samordningsnummer"}),
    "versicherungsnummer": frozenset({"at.vnr", "de.rvnr"}),
    "kennitala": frozenset({"is_.kennitala"}),
    "cpr": frozenset({"dk.cpr"}),
    "idnp": frozenset({"md.idnp"}),
    "iin": frozenset({"kz.iin"}),
    "иин": frozenset({"kz.iin"}),
    "snils": frozenset({"ru.snils"}),
    "снилс": frozenset({"ru.snils"}),
    "ird": frozenset({"nz.ird"}),
    "iqama": frozenset({"sa.nid"}),
    "medicare": frozenset({"au.medicare"}),
    "taj": frozenset({"hu.taj"}),
    "samordningsnummer": frozenset({"se.samordningsnummer"}),
    "tfn": frozenset({"au.tfn"}),
    "titulo": frozenset({"br.titulo"}),
    "eleitor": frozenset({"br.titulo"}),
    "cns": frozenset({"br.cns"}),
    "sus": frozenset({"br.cns"}),
    "imss": frozenset({"mx.nss"}),
    "nss": frozenset({"es.nss", "mx.nss"}),
    "civil": frozenset({"kw.civil"}),
    "szemelyi": frozenset({"hu.szemelyi"}),
    "nit": frozenset({"co.nit", "sv.nit", "gt.nit"}),
    "ruc": frozenset({"pe.ruc", "ec.ruc", "py.ruc"}),
    "dni": frozenset({"ar.dni", "es.dni", "pe.cui"}),
    "bis": frozenset({"be.bis", "be.nn"}),
    "chi": frozenset({"gb.nhs"}),
    "hc": frozenset({"gb.nhs"}),
    "arc": frozenset({"tw.arc"}),
    "居留證": frozenset({"tw.arc"}),
    "居留证": frozenset({"tw.arc"}),
    "統一證號": frozenset({"tw.arc"}),
    "居留證統一證號": frozenset({"tw.arc"}),
    "npwp": frozenset({"id.npwp"}),
    "sars": frozenset({"za.tin"}),
    "rif": frozenset({"ve.rif"}),
    "steuer": frozenset({"de.idnr"}),
    "steuerid": frozenset({"de.idnr"}),
    "idnr": frozenset({"de.idnr"}),
    "spi": frozenset({"fr.nif"}),
}
"""Labels that name one scheme (or a few): a number after one that fails them is not
reported as an identifier of another scheme whose check is weak (``kennitala 231065-5999``
with a wrong check digit has a Danish CPR's shape)."""
ID_SCHEME_LABELS: Final = (PERSONAL_ID_LABELS - _GENERIC_LABELS) | frozenset(_LABEL_SCHEMES)
"""Labels that name a personal identifier's scheme (``SSN``, ``TFN``, ``RUT``, ``NHS``):
the number after one is that identifier, valid or not, never a phone number (and a
generic word that names one scheme, ``BIS`` before ``nummer``)."""
_HEAD_NOUNS: Final = frozenset(
    {
        "number",
        "no",
        "nr",
        "num",
        "card",
        "code",
        "szam",
        "nomer",
        "numer",
        "nummer",
        "numero",
        "id",
        "ref",
        "reference",
    }
)
"""Words written after a scheme's name (``NHS number``, ``Medicare card``, ``TAJ szám``,
``Steuer-ID``, ``Civil ID``): the name before them is the label."""


_QUALIFIERS: Final = frozenset(
    {"persona", "natural", "fisica", "individual", "person", "del", "de", "of", "the"}
)
"""Words written between a scheme's name and its number that qualify the holder (``RUC
persona natural``): the name before them is the label."""
_LAST_WORD: Final = re.compile(r"[^\W\d_][^\W\d]*(?=[^\w]*$)")


def _word_start(text: str, start: int) -> int | None:
    """Where the last word before ``text[start:]`` begins (at most `LABEL_WINDOW` back)."""
    window_start = max(0, start - LABEL_WINDOW)
    match = _LAST_WORD.search(text, window_start, start)
    return match.start() if match is not None else None


def _label_behind(text: str, start: int, label: str) -> str | None:
    """The label a head noun or a qualifier stands for: the scheme's name before ``NHS
    number``, ``H&C number``, ``income tax reference number`` or ``RUC persona natural``,
    or a thing's name before its head noun (``OCR-nummer``); at most three words back."""
    for _ in range(3):
        before = _word_start(text, start)
        if before is None:
            return None
        earlier = label_before(text, before)
        if earlier in _QUALIFIERS or (earlier in _HEAD_NOUNS and label in _HEAD_NOUNS):
            label, start = earlier, before
            continue
        if earlier in PERSONAL_ID_LABELS:
            return earlier
        if earlier in NOT_PERSONAL_LABELS and label in _HEAD_NOUNS:
            return earlier
        return None
    return None


def id_label(text: str, start: int, label: str | None = None) -> str:
    """The label of the number at ``text[start:]`` (`label_before`, or ``label`` when the
    caller has read it), read as a personal identifier's: the scheme's name before a head
    noun (``IRD`` in ``IRD number``) or a qualifier (``RUC persona natural``), a thing's
    name before a head noun (``OCR-nummer``), the first of two labels joined by a slash
    (``ЛНЧ/ПНФ``), and the first part of a key in snake case (``nhs`` in ``"nhs_no": "``)
    when that names one."""
    if label is None:
        label = label_before(text, start)
    if label in _HEAD_NOUNS or label in _QUALIFIERS:
        behind = _label_behind(text, start, label)
        if behind is not None:
            return behind
    elif label and label not in PERSONAL_ID_LABELS and label not in NOT_PERSONAL_LABELS:
        before = _word_start(text, start)
        if before is not None and text[before - 1 : before] == "/":
            earlier = label_before(text, before - 1)
            if earlier in PERSONAL_ID_LABELS:
                return earlier
    if "_" in label and label not in PERSONAL_ID_LABELS:
        head = label.split("_", 1)[0]
        if head in PERSONAL_ID_LABELS:
            return head
    return label


_CANDIDATE: Final = re.compile(
    r"(?<![0-9A-Za-z+/_])(?:[A-Z]{1,2}|[A-Z]{4}(?:[A-Z]{2})?)?[0-9]"
    r"(?:(?:(?<=[0-9]) |[./-])?[0-9A-Z]){4,30}(?![0-9A-Za-z])"
)
"""A digit, after none, one, two, four or six capitals (the NIE, NRIC, HKID; RFC, CURP;
codice fiscale), then digits and capitals with single separators (a space only after a
digit)."""
_SEPARATORS: Final = re.compile(r"[ ./-]")
_DIGIT: Final = re.compile(r"[0-9]")
_COUNTRY_CODE: Final = re.compile(r"(?:\+|00)[0-9]{1,3}[ .-]?(?:\(0\) ?)?\(?$")
"""A run after ``+61 `` (or ``+61 (0) ``, the trunk prefix in brackets) is the rest of an
international phone number."""
_LONGEST: Final = 40


def _groups(text: str) -> tuple[int, ...]:
    return tuple(len(part) for part in _SEPARATORS.split(text))


def _china(number: str) -> bool:
    """China's resident identity number: 17 digits (birth date at 6..14), ISO 7064 mod 11-2."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    year, month, day = int(number[6:10]), int(number[10:12]), int(number[12:14])
    if not (1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return False
    total = sum(int(d) * (2 ** (17 - i) % 11) for i, d in enumerate(number[:17]))
    return "10X98765432"[total % 11] == number[17]


def _singapore(number: str) -> bool:
    """Singapore's NRIC/FIN: a letter, seven digits, a check letter (weighted mod 11)."""
    if len(number) != 9 or number[0] not in "STFGM" or not number[1:8].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[1:8], (2, 7, 6, 5, 4, 3, 2), strict=True))
    total += {"S": 0, "T": 4, "F": 0, "G": 4, "M": 3}[number[0]]
    letters = "JZIHGFEDCBA" if number[0] in "ST" else "XWUTRQPNMLK"
    if number[0] == "M":
        letters = "XWUTRQPNJLK"
    return letters[total % 11] == number[8]


_TAIWAN_LETTERS: Final = dict(zip("ABCDEFGHJKLMNPQRSTUVXYWZIO", range(10, 36), strict=True))
"""The number each first letter of a Taiwanese identity card number stands for."""


def _taiwan(number: str, sexes: str = "12") -> bool:
    """Taiwan's national identification number: a letter, 1 or 2 (sex), seven digits and a
    check digit: the letter's two digits and the nine weighted 1, 9, 8 ... 1, 1, mod 10."""
    code = _TAIWAN_LETTERS.get(number[:1])
    if code is None or len(number) != 10 or not number[1:].isdigit() or number[1] not in sexes:
        return False
    digits = [code // 10, code % 10, *(int(char) for char in number[1:])]
    weights = (1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1)
    return sum(d * w for d, w in zip(digits, weights, strict=True)) % 10 == 0


def _taiwan_resident(number: str) -> bool:
    """Taiwan's resident certificate number of 2021 (foreign residents): the identity card's
    rule with 8 or 9 in the sex digit's place."""
    return _taiwan(number, "89")


def _uruguay(number: str) -> bool:
    """Uruguay's cédula de identidad: seven digits weighted 2, 9, 8, 7, 6, 3, 4 and a check
    digit that brings the sum to a multiple of 10."""
    if len(number) != 8 or not number.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:7], (2, 9, 8, 7, 6, 3, 4), strict=True))
    return (10 - total % 10) % 10 == int(number[7])


def _hungary(number: str) -> bool:
    """Hungary's tax identification number of a person (adóazonosító jel): 8, nine digits
    weighted by their position, mod 11, equal to the tenth."""
    if len(number) != 10 or not number.isdigit() or number[0] != "8":
        return False
    return sum(int(d) * (i + 1) for i, d in enumerate(number[:9])) % 11 == int(number[9])


_HK_PREFIX: Final = {char: 10 + index for index, char in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}


def _hong_kong(number: str) -> bool:
    """Hong Kong's identity card number: one or two letters (a lone letter counts as 36 and
    a space before it), six digits, and a check digit or ``A`` (10): weighted 9 ... 2,
    with the check the sum is a multiple of 11."""
    letters = number[:-7]
    if not 1 <= len(letters) <= 2 or not number[-7:-1].isdigit():
        return False
    if len(letters) == 1:
        letters = " " + letters
    values = [36 if char == " " else _HK_PREFIX.get(char, -1) for char in letters]
    if min(values) < 0:
        return False
    check = 10 if number[-1] == "A" else int(number[-1]) if number[-1].isdigit() else -1
    if check < 0:
        return False
    digits = [*values, *(int(char) for char in number[-7:-1])]
    total = sum(value * weight for value, weight in zip(digits, range(9, 1, -1), strict=True))
    return (total + check) % 11 == 0


def _date(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= 31 and 1850 <= year <= 2100


def _luxembourg(number: str) -> bool:
    """Luxembourg's matricule: a birth date (YYYYMMDD), three digits, a Luhn digit and a
    Verhoeff digit, each over the first eleven."""
    from stdnum import luhn, verhoeff

    if len(number) != 13 or not number.isdigit():
        return False
    if not _date(int(number[:4]), int(number[4:6]), int(number[6:8])):
        return False
    return bool(luhn.is_valid(number[:12]) and verhoeff.is_valid(number[:11] + number[12]))


def _weighted(number: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(number, weights, strict=False))


def _moldova(number: str) -> bool:
    """Moldova's IDNP: 13 digits, the first twelve weighted 7, 3, 1 ... mod 10 is the last."""
    if len(number) != 13 or not number.isdigit() or number[0] not in "02":
        return False
    return _weighted(number, (7, 3, 1) * 4) % 10 == int(number[12])


def _kazakhstan(number: str) -> bool:
    """Kazakhstan's IIN: a birth date (YYMMDD), a century and sex digit (1-6), four digits,
    a check digit: weighted 1 ... 11 mod 11, or 3 ... 11, 1, 2 when that gives 10."""
    if len(number) != 12 or not number.isdigit() or number[6] not in "123456":
        return False
    if not _date(2000, int(number[2:4]), int(number[4:6])):
        return False
    check = _weighted(number, tuple(range(1, 12))) % 11
    if check == 10:
        check = _weighted(number, (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)) % 11
    return check < 10 and check == int(number[11])


def _snils(number: str) -> bool:
    """Russia's SNILS: nine digits weighted 9 ... 1; the sum below 100 is the check (two
    digits), 100 and 101 give 00, a larger one is taken mod 101 first."""
    if len(number) != 11 or not number.isdigit() or int(number[:9]) <= 1001998:
        return False
    total = _weighted(number, tuple(range(9, 0, -1)))
    if total > 101:
        total %= 101
    return (0 if total in (100, 101) else total) == int(number[9:])


def _snils_format(compact: str) -> str:
    return f"{compact[:3]}-{compact[3:6]}-{compact[6:9]} {compact[9:]}"


def _luhn(number: str) -> bool:
    from stdnum import luhn

    return bool(luhn.is_valid(number))


def _emirates(number: str) -> bool:
    """The Emirates ID: 784, the year of birth, seven digits, a Luhn check digit."""
    return len(number) == 15 and number.startswith("784") and number.isdigit() and _luhn(number)


def _emirates_format(compact: str) -> str:
    return f"{compact[:3]}-{compact[3:7]}-{compact[7:14]}-{compact[14]}"


def _saudi(number: str) -> bool:
    """Saudi Arabia's national id (1) and iqama (2): ten digits, Luhn."""
    return len(number) == 10 and number[0] in "12" and number.isdigit() and _luhn(number)


def _iran(number: str) -> bool:
    """Iran's national code (kod-e melli): nine digits weighted 10 ... 2, r = sum mod 11; the
    check is r below 2, else 11 - r."""
    if len(number) != 10 or not number.isdigit():
        return False
    r = _weighted(number, tuple(range(10, 1, -1))) % 11
    return (r if r < 2 else 11 - r) == int(number[9])


def _pis(number: str) -> bool:
    """Brazil's PIS/PASEP/NIS: ten digits weighted 3, 2, 9 ... 2; 11 - r, 10 and 11 give 0."""
    if len(number) != 11 or not number.isdigit():
        return False
    check = 11 - _weighted(number, (3, 2, 9, 8, 7, 6, 5, 4, 3, 2)) % 11
    return (0 if check >= 10 else check) == int(number[10])


def _pis_format(compact: str) -> str:
    return f"{compact[:3]}.{compact[3:8]}.{compact[8:10]}-{compact[10]}"


def _medicare(number: str) -> bool:
    """Australia's Medicare card number: a first digit 2-6, seven digits, a check digit
    (weighted 1, 3, 7, 9, 1, 3, 7, 9 mod 10), the card's issue number (and a person's)."""
    if len(number) not in (10, 11) or not number.isdigit() or number[0] not in "23456":
        return False
    return _weighted(number, (1, 3, 7, 9, 1, 3, 7, 9)) % 10 == int(number[8])


def _medicare_format(compact: str) -> str:
    return f"{compact[:4]} {compact[4:9]} {compact[9:]}"


def _taj(number: str) -> bool:
    """Hungary's TAJ number: eight digits weighted 3, 7, 3, 7 ... mod 10 is the ninth."""
    if len(number) != 9 or not number.isdigit():
        return False
    return _weighted(number, (3, 7) * 4) % 10 == int(number[8])


def _rvnr(number: str) -> bool:
    """Germany's Rentenversicherungsnummer: area (2), birth date (DDMMYY), the birth name's
    initial, a serial (2), a check digit: the letter as its place in the alphabet (two
    digits), weighted 2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1, the digit sums of the products."""
    if len(number) != 12 or not number[:8].isdigit() or not number[9:].isdigit():
        return False
    if not "A" <= number[8] <= "Z" or not _date(2000, int(number[4:6]), int(number[2:4])):
        return False
    expanded = number[:8] + f"{ord(number[8]) - 64:02d}" + number[9:11]
    weights = (2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1)
    total = sum(sum(divmod(int(d) * w, 10)) for d, w in zip(expanded, weights, strict=True))
    return total % 10 == int(number[11])


def _samordning(number: str) -> bool:
    """Sweden's samordningsnummer: a personnummer whose day is raised by 60 (its birth date
    valid with the day lowered by 60), Luhn over the last ten digits as written."""
    if len(number) not in (10, 12) or not number.isdigit():
        return False
    day = int(number[-6:-4]) - 60
    if not _date(2000, int(number[-8:-6]), day):
        return False
    return _luhn(number[-10:])


def _uruguay_format(compact: str) -> str:
    return f"{compact[0]}.{compact[1:4]}.{compact[4:7]}-{compact[7]}"


def _titulo(number: str) -> bool:
    """Brazil's título de eleitor: eight digits, a state code (01-28), two check digits: the
    eight weighted 2 ... 9 mod 11, then the state's digits and the first check weighted 7, 8,
    9 mod 11 (10 gives 0; São Paulo and Minas Gerais write 1 for a 0)."""
    if len(number) != 12 or not number.isdigit() or not 1 <= int(number[8:10]) <= 28:
        return False
    first = _weighted(number, tuple(range(2, 10))) % 11
    second = (int(number[8]) * 7 + int(number[9]) * 8 + first * 9) % 11
    if number[8:10] in ("01", "02"):
        first, second = first or 1, second or 1
    return f"{first % 10}{second % 10}" == number[10:]


def _cns(number: str) -> bool:
    """Brazil's Cartão Nacional de Saúde: 15 digits starting 1, 2 (definitive) or 7-9
    (provisional), weighted 15 ... 1, a multiple of 11."""
    if len(number) != 15 or not number.isdigit() or number[0] not in "12789":
        return False
    return _weighted(number, tuple(range(15, 0, -1))) % 11 == 0


def _imss(number: str) -> bool:
    """Mexico's número de seguridad social (IMSS): eleven digits, Luhn."""
    return len(number) == 11 and number.isdigit() and _luhn(number)


def _es_nss(number: str) -> bool:
    """Spain's número de la Seguridad Social: a province (2), a number (8), and the two
    check digits: the first ten read as one number mod 97 (a number below 10^7 is read
    without its leading zero after the province)."""
    if len(number) != 12 or not number.isdigit():
        return False
    body = int(number[2:10])
    value = body + int(number[:2]) * 10**7 if body < 10**7 else int(number[:10])
    return value % 97 == int(number[10:])


def _kuwait(number: str) -> bool:
    """Kuwait's civil id: the century (2: 1900s, 3: 2000s), a birth date (YYMMDD), four
    digits, a check digit: 11 - (weighted 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 mod 11)."""
    if len(number) != 12 or not number.isdigit() or number[0] not in "123":
        return False
    if not _date(2000, int(number[3:5]), int(number[5:7])):
        return False
    check = 11 - _weighted(number, (2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)) % 11
    return check < 10 and check == int(number[11])


_HU_CENTURY: Final = {"1": 1900, "2": 1900, "3": 2000, "4": 2000, "5": 1800, "6": 1800}


def _szemelyi(number: str) -> bool:
    """Hungary's személyi szám: a sex and century digit, a birth date (YYMMDD), a serial (3)
    and a check digit: weighted 1 ... 10 mod 11 for births before 1997, 10 ... 1 after."""
    if len(number) != 11 or not number.isdigit():
        return False
    century = _HU_CENTURY.get(number[0], 1900 if number[0] in "78" else 0)
    if not century or not _date(century + int(number[1:3]), int(number[3:5]), int(number[5:7])):
        return False
    year = century + int(number[1:3])
    weights = tuple(range(1, 11)) if year < 1997 else tuple(range(10, 0, -1))
    check = _weighted(number, weights) % 11
    return check < 10 and check == int(number[10])


def _nit(number: str) -> bool:
    """Colombia's NIT of a person: a cédula (7 to 10 digits) and its check digit."""
    from stdnum.co import nit

    return 8 <= len(number) <= 11 and number.isdigit() and bool(nit.is_valid(number))


def _ruc_person(number: str) -> bool:
    """Peru's RUC of a natural person: 10, 15 or 17, then a DNI or other number, mod 11."""
    from stdnum.pe import ruc

    return len(number) == 11 and number[:2] in ("10", "15", "17") and bool(ruc.is_valid(number))


def _rif_person(number: str) -> bool:
    """Venezuela's RIF of a natural person (V: a Venezuelan, E: a foreigner): eight digits
    and a check digit (the letter's value weighted 4, the digits 3, 2, 7 ... 2; 11 - r)."""
    from stdnum.ve import rif

    if number[:1] in ("V", "E") and len(number) == 10:
        return bool(rif.is_valid(number))
    if len(number) != 9 or not number.isdigit():
        return False  # J, G, C: a company's, a body's (the guide's none)
    return bool(rif.is_valid("V" + number) or rif.is_valid("E" + number))


def _ec_ruc_person(number: str) -> bool:
    """Ecuador's RUC of a natural person: a cédula (third digit below 6) and ``001``."""
    from stdnum.ec import ruc

    return (
        len(number) == 13
        and number.isdigit()
        and number[2] < "6"
        and number.endswith("001")
        and bool(ruc.is_valid(number))
    )


def _py_ruc_person(number: str) -> bool:
    """Paraguay's RUC of a person: the cédula and a mod-11 check digit (a company's starts
    with 80)."""
    from stdnum.py import ruc

    return number.isdigit() and not number.startswith("80") and bool(ruc.is_valid(number))


def _sv_nit(number: str) -> bool:
    """El Salvador's NIT: municipality, date, serial and a mod-11 check digit."""
    from stdnum.sv import nit

    return number.isdigit() and bool(nit.is_valid(number))


def _gt_nit(number: str) -> bool:
    """Guatemala's NIT: digits and a mod-11 check (``K`` for 10)."""
    from stdnum.gt import nit

    return bool(nit.is_valid(number))


def _za_tin(number: str) -> bool:
    """South Africa's income tax reference number: ten digits (0-3 or 9 first), Luhn."""
    from stdnum.za import tin

    return number.isdigit() and bool(tin.is_valid(number))


def _npwp(number: str) -> bool:
    """Indonesia's NPWP: nine digits with a Luhn check, the tax office and the branch."""
    from stdnum.id import npwp

    return number.isdigit() and bool(npwp.is_valid(number))


def _gh_tin(number: str) -> bool:
    """Ghana's TIN of an individual (``P00``): a weighted mod-11 check."""
    from stdnum.gh import tin

    return number.startswith("P00") and bool(tin.is_valid(number))


def _mu_nid(number: str) -> bool:
    """Mauritius' national identity card number: the surname's initial, the birth date, six
    digits and a mod-17 check character."""
    from stdnum.mu import nid

    return bool(nid.is_valid(number))


_PERSONS_ONLY: Final[dict[str, Callable[[str], bool]]] = {
    "ar.cuit": lambda number: number[:2] in ("20", "23", "24", "25", "26", "27"),
}
"""python-stdnum schemes that number organisations too, and the test that tells a person's
number (an Argentinian CUIT of a company starts with 30, 33 or 34: the guide's none)."""


def _persons_only(name: str, valid: Callable[[str], bool]) -> Callable[[str], bool]:
    test = _PERSONS_ONLY.get(name)
    if test is None:
        return valid
    return lambda number: test(number) and bool(valid(number))


Scheme = tuple[str, str, frozenset[int], Callable[[str], bool], Callable[[str], str] | None]


def _load() -> tuple[Scheme, ...]:
    schemes: list[Scheme] = [
        ("cn.ric", BARE, frozenset({18}), _china, None),
        ("sg.nric", BARE, frozenset({9}), _singapore, None),
        ("tw.id", BARE, frozenset({10}), _taiwan, None),
        ("uy.ci", FORMATTED, frozenset({8}), _uruguay, _uruguay_format),
        ("hu.adoazonosito", LABEL, frozenset({10}), _hungary, None),
        ("hk.hkid", FORMATTED, frozenset({8, 9}), _hong_kong, None),
        ("lu.matricule", BARE, frozenset({13}), _luxembourg, None),
        ("md.idnp", LABEL, frozenset({13}), _moldova, None),
        ("kz.iin", LABEL, frozenset({12}), _kazakhstan, None),
        ("ru.snils", FORMATTED, frozenset({11}), _snils, _snils_format),
        ("ae.eid", FORMATTED, frozenset({15}), _emirates, _emirates_format),
        ("sa.nid", LABEL, frozenset({10}), _saudi, None),
        ("ir.nid", LABEL, frozenset({10}), _iran, None),
        ("br.pis", FORMATTED, frozenset({11}), _pis, _pis_format),
        ("au.medicare", LABEL, frozenset({10, 11}), _medicare, _medicare_format),
        ("hu.taj", LABEL, frozenset({9}), _taj, None),
        ("de.rvnr", LABEL, frozenset({12}), _rvnr, None),
        ("se.samordningsnummer", FORMATTED, frozenset({10, 12}), _samordning, None),
        ("br.titulo", LABEL, frozenset({12}), _titulo, None),
        ("br.cns", LABEL, frozenset({15}), _cns, None),
        ("mx.nss", LABEL, frozenset({11}), _imss, None),
        ("es.nss", LABEL, frozenset({12}), _es_nss, None),
        ("kw.civil", LABEL, frozenset({12}), _kuwait, None),
        ("hu.szemelyi", LABEL, frozenset({11}), _szemelyi, None),
        ("co.nit", LABEL, frozenset(range(8, 12)), _nit, None),
        ("pe.ruc", LABEL, frozenset({11}), _ruc_person, None),
        ("ve.rif", LABEL, frozenset({9, 10}), _rif_person, None),
        ("tw.arc", LABEL, frozenset({10}), _taiwan_resident, None),
        ("ec.ruc", LABEL, frozenset({13}), _ec_ruc_person, None),
        ("py.ruc", LABEL, frozenset(range(6, 11)), _py_ruc_person, None),
        ("sv.nit", LABEL, frozenset({14}), _sv_nit, None),
        ("gt.nit", LABEL, frozenset(range(6, 14)), _gt_nit, None),
        ("za.tin", LABEL, frozenset({10}), _za_tin, None),
        ("id.npwp", LABEL, frozenset({15}), _npwp, None),
        ("gh.tin", LABEL, frozenset({11}), _gh_tin, None),
        ("mu.nid", LABEL, frozenset({14}), _mu_nid, None),
    ]
    for name, strength, lengths in _SCHEMES:
        try:
            module = importlib.import_module(f"stdnum.{name}")
        except ImportError:  # an older python-stdnum: that country is not recognised
            continue
        schemes.append(
            (
                name,
                strength,
                frozenset(lengths),
                _persons_only(name, module.is_valid),
                getattr(module, "format", None),
            )
        )
    return tuple(schemes)


_by_length: dict[int, tuple[Scheme, ...]] = {}
_STRENGTH: dict[str, str] = {}
"""Each loaded scheme's strength, by name."""


def _schemes(length: int) -> tuple[Scheme, ...]:
    """The schemes whose numbers have ``length`` characters without separators (python-stdnum
    is imported on the first call)."""
    if not _by_length:
        schemes = _load()
        _STRENGTH.update((scheme[0], scheme[1]) for scheme in schemes)
        for size in range(1, 41):
            _by_length[size] = tuple(scheme for scheme in schemes if size in scheme[2])
    return _by_length.get(length, ())


def identify(candidate: str, label: str = "") -> str | None:
    """The scheme (``"br.cpf"``) that ``candidate`` (one number as written) is a valid
    identifier of, given the word before it, or None."""
    if len(candidate) > _LONGEST:
        return None
    labelled = label in PERSONAL_ID_LABELS
    compact = _SEPARATORS.sub("", candidate)
    written = _groups(candidate)
    digits = compact.isdigit()
    if not digits and _ANY_LETTERED.fullmatch(compact) is None:
        return None
    if len(set(compact)) <= 2:
        return None  # 00000000, 11112222: a placeholder or a counter, not an identifier
    for name, strength, _, valid, format_ in _schemes(len(compact)):
        if (strength == LABEL or (digits and name in _BARE_WITH_A_LETTER)) and not labelled:
            continue
        if not digits:
            shape = _LETTERED.get(name)
            if shape is None or not shape.fullmatch(compact):
                continue
        if not valid(compact) and not (name in _WRITTEN_SIGN and valid(candidate)):
            continue
        named = _LABEL_SCHEMES.get(label)
        if named is not None and name not in named and strength != BARE:
            continue  # the label names another scheme, and this one's check is weak
        own_labels = _NO_CHECK_DIGIT.get(name)
        if (labelled and (own_labels is None or label in own_labels)) or (
            strength == BARE and len(written) == 1
        ):
            return name
        format_ = _OWN_FORMATS.get(name, format_)
        if format_ is not None and len(written) > 1:
            try:
                if _groups(format_(compact)) == written:
                    return name
            except ValueError:
                continue
    return None


_PAREN_CHECK: Final = re.compile(r"\(([0-9A])\)")
"""A check digit in brackets after the number: how Hong Kong writes its identity cards'."""


def _leak(name: str, run: str) -> Leak:
    country = name.split(".", 1)[0].rstrip("_").upper()
    return Leak(NATIONAL_ID, f"a national identifier ({country})", stars(len(run)))


def find_national_id(text: str, phone: Callable[[str, int], bool] | None = None) -> Leak | None:
    """The first national identifier in ``text``, masked, or None. ``phone(run, start)``
    tells a phone number that the text calls one: a run that it accepts is not reported as
    an identifier of a scheme that needs its grouping (one check digit, which one number in
    ten or eleven passes) unless a label names an identifier (``contact number 612 345 678``
    is a Spanish mobile, and its digits pass the Canadian SIN's Luhn check)."""
    judged = 0
    for count, match in enumerate(_CANDIDATE.finditer(text)):
        if count >= MAX_RUNS:
            break
        run = match.group(0)
        if len(_DIGIT.findall(run)) < 6 or DATE_OR_QUAD.search(run):
            continue
        start = match.start()
        glued = text[start - 1 : start] == "-" and text[start - 2 : start - 1].isalpha()
        if glued and (
            text[start - 3 : start - 2].isalpha() or id_label(text, start - 2) not in _LABEL_SCHEMES
        ):
            continue  # the number of a thing glued to its name (``CV-254660``)
        paren = _PAREN_CHECK.match(text, match.end())
        lettered = not run[0].isdigit()
        if lettered and paren is None and _ANY_LETTERED.fullmatch(_SEPARATORS.sub("", run)) is None:
            continue  # capitals before the digits in no scheme's shape (``CHG001234``)
        # a scheme's letter before its number (``RIF: V-12345678-9``): the label is before it
        label = id_label(text, start - 2 if glued else start)
        if glued:
            run = text[start - 2] + run  # the letter is part of the number
        if label in NOT_PERSONAL_LABELS or _COUNTRY_CODE.search(text, max(0, start - 10), start):
            continue
        judged += 1
        if paren is not None and _hong_kong(run + paren.group(1)):
            return _leak("hk.hkid", run + paren.group(0))
        name = identify(run, label)
        if name is not None and not (
            phone is not None
            and label not in PERSONAL_ID_LABELS
            and _STRENGTH.get(name) != BARE
            and phone(run, start)
        ):
            return _leak(name, run)
        if judged >= MAX_CANDIDATES:
            break
    return None
