"""Shared vocabulary of the audit-completeness rules."""

from registry.catalog.model import Event
from registry.lint.rules._common import action_words
from registry.privacy.names import Concept, classify_credential

SECURITY_CATEGORIES = (
    "authentication",
    "authorization",
    "session",
    "privilege",
    "admin_configuration",
    "data_export",
)
# Past and base forms, so that both naming conventions (user.changed_role, role.update) match.
_CHANGE = (
    "changed updated modified edited renamed reconfigured adjusted altered amended replaced "
    "rotated moved reassigned change update modify edit rename reconfigure adjust alter amend "
    "replace rotate move reassign"
)
_DELETE = (
    "deleted removed revoked destroyed purged erased wiped deprovisioned uninstalled unlinked "
    "disconnected terminated unassigned detached discarded delete remove revoke destroy purge "
    "erase wipe deprovision uninstall unlink disconnect terminate unassign detach discard"
)
CHANGE_WORDS = frozenset(_CHANGE.split())
DELETE_WORDS = frozenset(_DELETE.split())
SETTING_WORDS = frozenset(["setting", "settings", "configuration", "config", "policy", "policies"])


def is_change(event: Event) -> bool:
    words = set(action_words(event.name))
    if words & CHANGE_WORDS:
        return True
    return bool(words & SETTING_WORDS) and bool(words & {"set", "saved", "applied"})


def is_deletion(event: Event) -> bool:
    return bool(set(action_words(event.name)) & DELETE_WORDS)


def security_categories(options: dict[str, object]) -> tuple[str, ...]:
    value = options.get("categories")
    return tuple(str(v) for v in value) if isinstance(value, (list, tuple)) else SECURITY_CATEGORIES


def changes_a_secret(event: Event) -> Concept | None:
    """The credential the event changes, when its name or a target type names one
    (`user.changed_password`, `admin.rotated_api_key`, targets [webhook_secret])."""
    action = event.name.rsplit(".", 1)[-1]
    for name in (event.name.replace(".", "_"), action, *event.targets):
        concept = classify_credential(name, None)
        if concept is not None:
            return concept
    return None
