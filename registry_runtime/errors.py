"""Exceptions raised by the audit runtime."""

from __future__ import annotations


class AuditError(Exception):
    """Base class of every error the audit runtime raises on purpose."""


class AuditConfigurationError(AuditError):
    """The runtime was set up wrongly (missing HMAC key, bad option): raised at set-up time."""


class InvalidEvent(AuditError, ValueError):
    """An emit call broke the event's contract (envelope or fields).

    ``str(error)`` is ``"<event>: <field>: <problem>"`` (or ``"<event>: <problem>"`` when the
    problem is not about one field). ``field`` is a path declared in the catalog
    (``profile.email``; members of list items follow the list's name: ``contacts.phone``) and
    ``problem`` names the rule that was broken, with the constraint values the catalog declares
    (``is longer than 10 characters``, ``is not an allowed actor type (expected one of
    ['user'])``). Neither ever holds a value or a key the caller passed, whatever the field's
    sensitivity (an unknown member or field is counted, not named): messages carry no values
    by construction, so nothing has to be scrubbed out of them.
    """

    event: str
    field: str | None
    problem: str

    def __init__(self, event: str, field: str | None, problem: str) -> None:
        self.event = event
        self.field = field
        self.problem = problem
        if field is None:
            super().__init__(f"{event}: {problem}")
        else:
            super().__init__(f"{event}: {field}: {problem}")

    def __reduce__(self) -> tuple[type[InvalidEvent], tuple[str, str | None, str]]:
        return (type(self), (self.event, self.field, self.problem))
