"""P001 privacy.untagged-personal-data: a field looks like personal data but has no tag."""

from collections.abc import Iterator

from registry.catalog.model import Catalog, Field
from registry.findings import Finding, finding_at
from registry.findings.codes import UNTAGGED_PERSONAL_DATA
from registry.lint.rules._common import event_fields, name_key, name_set
from registry.lint.rules._privacy_examples import CATALOG
from registry.lint.rules.base import Rule, RuleContext, RuleDocs
from registry.privacy.names import Concept, classify_personal, concepts_from_config
from registry.privacy.policy import default_redactions

_FORMATS = {
    "email": ("pii", "an e-mail address"),
    "ip": ("quasi_identifier", "an IP address"),
    "ipv4": ("quasi_identifier", "an IP address"),
    "ipv6": ("quasi_identifier", "an IP address"),
    "phone": ("pii", "a phone number"),
}


def suggestion(field: Field, extra: tuple[Concept, ...]) -> tuple[str, str, str] | None:
    """(tag, what it looks like, why) when the field looks like personal data."""
    kind = field.type.kind.value
    concept = classify_personal(field.name, kind, extra)
    if concept is not None:
        return concept.tag, concept.label, "its name"
    if field.type.format in _FORMATS:
        tag, label = _FORMATS[field.type.format]
        return tag, label, f"its format ({field.type.format})"
    if field.type.type_name is not None:
        concept = classify_personal(field.type.type_name, kind, extra)
        if concept is not None:
            return concept.tag, concept.label, f"its type ({field.type.type_name})"
    return None


def _extra(ctx: RuleContext) -> tuple[Concept, ...]:
    deny = ctx.options.get("deny") or {}
    return tuple(
        c
        for name, tag in sorted(deny.items())
        for c in concepts_from_config(
            [name], str(tag), "personal data (named in the configuration)"
        )
    )


def _shielded(catalog: Catalog) -> set[int]:
    """Ids of the fields that sit, in every event, under an enclosing field with a tag or a
    redaction: a member of a tagged or redacted object inherits its protection (a member of a
    named type counts as exposed when any use of it is).

    Two walks over the events: the first finds the fields under protection somewhere (few),
    the second drops those also used where nothing protects them. A set of the exposed fields
    instead, nearly every field, took 0.7 KB per event while the rule ran (issue 14)."""
    shielded: set[int] = set()
    for event in catalog.events:
        _walk(event.fields, False, shielded, None)
    if shielded:
        exposed: set[int] = set()
        for event in catalog.events:
            _walk(event.fields, False, exposed, shielded)
        shielded -= exposed
    return shielded


def _walk(
    fields: tuple[Field, ...], protected: bool, found: set[int], shielded: set[int] | None
) -> None:
    """Adds to `found` the ids of the fields met under protection (`shielded` None), or those
    of `shielded` met without it. A module function, not a closure: a recursive closure is a
    reference cycle, and lint pauses the cyclic collector, so the set it holds would stay
    until the run ends (issue 14)."""
    for field in fields:
        if shielded is None:
            if protected:
                found.add(id(field))
        elif not protected and id(field) in shielded:
            found.add(id(field))
        inner = protected or bool(field.type.sensitivity) or field.type.redact is not None
        spec = field.type
        if spec.fields:
            _walk(spec.fields, inner, found, shielded)
        items = spec.items
        while items is not None:
            inner = inner or bool(items.sensitivity) or items.redact is not None
            if items.fields:
                _walk(items.fields, inner, found, shielded)
            items = items.items


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    allow = name_set(ctx.options.get("allow"))
    extra = _extra(ctx)
    defaults = default_redactions(ctx.config)
    shielded = _shielded(catalog)
    for event, field in event_fields(catalog):
        if field.sensitivity or (allow and name_key(field.name) in allow):
            continue
        if id(field) in shielded:
            continue  # inside a tagged or redacted field: protected as its parent is
        found = suggestion(field, extra)
        if found is None:
            continue
        tag, label, why = found
        redaction = defaults.get(tag)
        yield finding_at(
            field.origin,
            UNTAGGED_PERSONAL_DATA,
            f"field {field.name!r} looks like {label}, judging by {why}, but has no"
            " sensitivity tag",
            event=event.name,
            field_name=field.name,
            at_key=True,
            hint=f"add `sensitivity: {tag}`"
            + (f" (redacted by {redaction.value} by default)" if redaction else "")
            + "; if it is not personal data, add the name to the rule's `allow` option",
        )


RULE = Rule(
    UNTAGGED_PERSONAL_DATA,
    docs=RuleDocs(
        what="Reports untagged fields whose name (snake_case, camelCase or kebab-case), "
        "`format` (email, ip, phone) or named type suggests personal data: e-mail, phone, "
        "names of people, postal address, date of birth, government ids, IP address and "
        "forwarded-for headers, user agent, device ids, geolocation, card and bank numbers, "
        "health and other special-category data. Names that only mention such a word are "
        "not reported: `email_template_id`, `email_verified` (boolean), `phone_count`, "
        "`project_name`, `ip_allowlist_enabled`. Options: `allow` (names never reported) and "
        "`deny` (name: tag pairs for the team's own vocabulary).",
        why="Tags drive redaction: an untagged e-mail address is written to the trail in "
        "clear and kept for years, where GDPR and most audit policies want it pseudonymised. "
        "The catalog is the one place to catch it before it ships.",
        bad=CATALOG.replace("        sensitivity: pii\n", ""),
        good=CATALOG,
    ),
    check=check,
    options=(("allow", ()), ("deny", {})),
)
