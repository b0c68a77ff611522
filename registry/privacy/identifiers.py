"""National and other numbers named by python-stdnum, as concepts of field names.

python-stdnum has a module for each number format it knows (`stdnum.br.cpf`,
`stdnum.ke.pin`, `stdnum.gb.nhs` ...), and the first line of each module's docstring says what
the number is: "CPF (Cadastro de Pessoas Físicas, Brazilian national identifier)". This module
reads those names and titles from the installed package's files (no import, about 10 ms, once,
on first use) and turns each into a concept: the module's name and the acronyms of its title
(`niss`, `insz`) name the number, and the title's words decide what it is: numbers of
companies, products and standards (VAT, business, securities, ISBN) are not personal data;
numbers of persons (personal, individual, citizen, tax, identity, social security, pupil) are
`pii`; health numbers are `special_category`; device numbers `quasi_identifier`; bank
accounts `financial`.

Short or common words (`pin`, `cc`, `epic`, `tin`) count only with their country before them
(`ke_pin`, `pt_cc`) or "number" after them (`epic_number`), so that a card PIN stays a
credential and an epic in a tracker stays an epic.
"""

from __future__ import annotations

import importlib.util
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from registry.privacy.concept import NUMERIC, ORGANISATION_OWNERS, TEXTUAL, Concept, wordset
from registry.privacy.credentials import CREDENTIALS
from registry.privacy.personal import PERSON_NOUNS

ID_KINDS = (TEXTUAL - {"uuid"}) | NUMERIC

# What the title of a number says it is, checked in this order; the first that matches wins.
HEALTH = ("health",)
DEVICE = ("mobile equipment", "mobile subscriber", "media access control")
POSTAL = ("postal code", "postcode", "postleitzahl", "postnummer")
BANK = ("bank account", "bitcoin address", "cuenta corriente")
# Words of a person: they win over words of an organisation (`personal and organisation
# identity code`, `tax code for individuals and entities`).
PERSON = (
    "personal",
    "person ",
    "persona ",
    "individual",
    "citizen",
    "identity",
    "identidad",
    "birth",
    "foreigner",
    "extranjero",
    "resident",
    "residencia",
    "passport",
    "paspoort",
    "student",
    "pupil",
    "voter",
    "electoral",
    "social security",
    "social insurance",
    "sozialversicherung",
)
# A tax identification number is a person's, even where it doubles as the VAT number.
FISCAL = ("identificación fiscal", "identificação fiscal", "identification fiscale")
ORGANISATION = (
    "compan",
    "business",
    "enterprise",
    "entreprise",
    "corporate",
    "organisation",
    "organization",
    "association",
    "jurídica",
    "economic units",
    "trade regist",
    "securit",
    "financial instrument",
    "international standard",
    "article number",
    "school",
    "establishment",
    "meter point",
    "payment",
    "receipt",
    "excise",
    "employer",
    "routing",
    "drugs",
    "maritime",
    "container",
    "creditor",
    "librar",
    "chemical",
    "release",
    "product",
    "memorandum",
    "legal entit",
    "entity number",
    "invoice",
    "algorithm",
)
INDIRECT_TAX = ("vat", "value added", "goods and services tax")
# A number of a person that names no person word: tax numbers and national numbers.
TAXPAYER = ("tax", "national", "identification", "fiscal", "tributari", "revenue")
# Words of titles that are not names of the number.
_NOT_NAMES = wordset(
    "id no nr number numbers code the of and a an or for de la du del da di le en in is"
)
# Country codes and module names that are also English or technical words, and very short ones:
# they name the number only when qualified.
AMBIGUOUS = wordset(
    "pin tin sin epic vid pan mac cc rc cr ci ni nn in ik tn mf cn hp vn cf bis nic ice grid "
    "cups isan imo lei oss nace eic upn nid hr "
    # also units, documents, protocols and payment fields (`monitor_nits`, `rfc3339`,
    # `pps` packets per second, `rrn` retrieval reference number, `mst` a time zone)
    "nit inn rfc eid coe ccc ric rut mst cpr pps rrn edb ird nir"
)
QUALIFIERS_AFTER = ("number", "card", "persona", "person", "personal")

_DOCSTRING = re.compile(r'"""\s*(.*?)"""', re.DOTALL)
# Names of numbers in common use that are not python-stdnum's module names, with their tags.
ALIASES = {
    "my number": "pii",
    "cuil": "pii",
    "nuss": "pii",
    "kvnr": "pii",
    "birth number": "pii",
    "personal number": "pii",
    "citizen number": "pii",
    "elector code": "pii",
    "voter id": "pii",
    # National numbers that python-stdnum does not know, as engineers in those countries
    # write them: Hong Kong, Malaysia, the Emirates, Saudi Arabia, former Yugoslavia,
    # Indonesia, the Philippines, Botswana, Singapore, Nigeria, Kenya, India, Austria, France.
    "hkid": "pii",
    "mykad": "pii",
    "mykas": "pii",
    "emirates id": "pii",
    "iqama": "pii",
    "jmbg": "pii",
    "embg": "pii",
    "npwp": "pii",
    "ktp": "pii",
    "nik ktp": "pii",
    "philsys": "pii",
    "sss number": "pii",
    "umid": "pii",
    "omang": "pii",
    "fin number": "pii",
    "bvn": "pii",
    "nin number": "pii",
    "huduma number": "pii",
    "ghana card": "pii",
    "epic number": "pii",
    "aadhar": "pii",
    "sv nummer": "pii",
    "sozialversicherungsnummer": "pii",
    "securite sociale": "pii",
    "numero securite sociale": "pii",
}
_ACRONYM = re.compile(r"\b[A-Z][A-Za-z]*[A-Z]\b")


@dataclass(frozen=True, slots=True)
class Number:
    module: str
    """`br.cpf`, `iban`."""
    country: str
    """ISO code of the country (`br`), or empty for international formats."""
    title: str
    tag: str | None
    """The sensitivity tag of a field holding it, or None when it is not personal data."""
    names: tuple[str, ...]
    """Lower-case words that name it: the module's name and the acronyms of its title."""


def tag_of(title: str, description: str = "") -> str | None:
    """The tag a number's title implies (None: not personal data); when the title says
    nothing either way, its description decides."""
    text = f" {title.lower()} "
    for words, tag in (
        (HEALTH, "special_category"),
        (DEVICE, "quasi_identifier"),
        (POSTAL, "quasi_identifier"),
        (BANK, "financial"),
        (PERSON, "pii"),
        (ORGANISATION, None),
        (FISCAL, "pii"),
        (INDIRECT_TAX, None),
        (TAXPAYER, "pii"),
    ):
        if any(w in text for w in words):
            return tag
    return tag_of(description) if description else None


def _modules() -> Iterator[tuple[str, str, str]]:
    """(country, module name, path) of every number module of the installed python-stdnum."""
    spec = importlib.util.find_spec("stdnum")
    if spec is None or spec.origin is None:
        return
    root = os.path.dirname(spec.origin)
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        if entry.is_dir() and not entry.name.startswith(("_", "iso7064")):
            for inner in sorted(os.scandir(entry.path), key=lambda e: e.name):
                if inner.name.endswith(".py") and not inner.name.startswith("_"):
                    yield entry.name.rstrip("_"), inner.name[:-3].rstrip("_"), inner.path
        elif entry.name.endswith(".py") and not entry.name.startswith("_"):
            yield "", entry.name[:-3], entry.path


def _docstring(path: str) -> tuple[str, str]:
    """The title (first line) and the first paragraph after it."""
    try:
        with open(path, encoding="utf-8") as handle:
            head = handle.read(6000)
    except OSError:
        return "", ""
    match = _DOCSTRING.search(head)
    paragraphs = [p.strip() for p in (match.group(1) if match else "").split("\n\n")]
    paragraphs = [p for p in paragraphs if p]
    title = paragraphs[0].split("\n")[0] if paragraphs else ""
    return title, (paragraphs[1] if len(paragraphs) > 1 else "")


_PARENTHESIS = re.compile(r"\(([^()]*)\)")
# Words of an English description: a name in parentheses that holds one is not the number's
# name in its own language.
_ENGLISH = wordset(
    """
    number numbers code identifier identification identity national personal tax taxpayer
    postal bank account international individual unique registration card document service
    patient health mobile equipment subscriber media access control address the of for and
    in state public master citizen primary energy european student passport birth with or as
    by such when which should be from to on at a an is are was its it this that also known
    sometimes new old chip
    """
)


def _native_names(*texts: str) -> set[str]:
    """The number's names in its own language, from the parentheses of its title and
    description: "BSN (Burgerservicenummer, ...)" names `burgerservicenummer`, "(RČ, Rodné
    číslo)" `rodne cislo`, "(Rijksregisternummer, Numéro de registre national, ...)"
    `rijksregisternummer`. A name counts when it has one or two words of three letters or more,
    none of them English, ASCII-folded; a single word needs eight letters (not an acronym, not
    a country's adjective)."""
    found: set[str] = set()
    for text in texts:
        for inner in _PARENTHESIS.findall(text):
            for item in inner.replace("\n", " ").split(","):
                folded = unicodedata.normalize("NFKD", item).encode("ascii", "ignore").decode()
                words = re.findall(r"[a-z]+", folded.lower())
                if not 1 <= len(words) <= 2 or any(w in _ENGLISH or len(w) < 3 for w in words):
                    continue
                if len(words) == 1 and (
                    len(words[0]) < 8 or words[0].endswith(("an", "ish", "ese"))
                ):
                    continue
                found.add(" ".join(words))
    return found


@lru_cache(maxsize=1)
def numbers() -> tuple[Number, ...]:
    """Every number python-stdnum knows, read once."""
    found = []
    for country, module, path in _modules():
        title, description = _docstring(path)
        lead = title.split("(")[0]
        acronyms = {a.lower() for a in _ACRONYM.findall(lead) if a.isascii()}
        native = _native_names(title, description)
        names = (module, *sorted((acronyms | native) - {module} - _NOT_NAMES))
        qualified = f"{country}.{module}" if country else module
        found.append(Number(qualified, country, title, tag_of(title, description), names))
    return tuple(found)


_LABELS = {
    "quasi_identifier": "a device identifier or postal code",
    "pii": "a government identifier",
    "special_category": "health data",
    "financial": "a card or bank number",
}


@lru_cache(maxsize=1)
def _credential_words() -> frozenset[str]:
    """`pin_number` is a card PIN, whatever Kenya calls its tax number."""
    return frozenset(c.words[0] for c in CREDENTIALS if len(c.words) == 1)


_OWNERS = frozenset(ORGANISATION_OWNERS)
_KEEPS = frozenset({"id", "ids", "code", "codes"})
"""After a number's name these words name the number itself (`curp_code`, `cnp_cod`)."""


def _concept(words: tuple[str, ...], tag: str, before: frozenset[str] = frozenset()) -> Concept:
    return Concept(words, tag, _LABELS[tag], ID_KINDS, before, not_after=_OWNERS, keeps=_KEEPS)


@lru_cache(maxsize=1)
def concepts() -> tuple[Concept, ...]:
    """Concepts for the names of the numbers of persons. A name that is a common word, or
    that some country uses for an organisation's number, counts only with its country
    before it, a person before it, or "number" after it."""
    people = frozenset(PERSON_NOUNS)
    by_name: dict[str, list[Number]] = {}
    for number in numbers():
        for name in number.names:
            by_name.setdefault(name.replace("_", " "), []).append(number)
    out = [_concept(tuple(name.split()), tag) for name, tag in ALIASES.items()]
    for name, owners in sorted(by_name.items()):
        words = tuple(name.split())
        personal = [n for n in owners if n.tag is not None]
        for number in personal:
            if number.country:
                out.append(_concept(words, number.tag or "pii", frozenset({number.country})))
        if not personal:
            continue
        tag = personal[0].tag or "pii"
        if len({n.tag for n in owners}) == 1 and name not in AMBIGUOUS and len(name) > 2:
            out.append(_concept(words, tag))
        elif words[0] not in _credential_words():
            out.extend(_concept((*words, after), tag) for after in QUALIFIERS_AFTER)
            out.append(_concept(words, tag, people))
    return tuple(out)
