"""Repeats (R004's filter of names that may collide) and R004 on more events than one bucket
byte: the filter may let unique names through, never hold a repeated one back."""

from __future__ import annotations

import pytest

from registry.catalog.config import Config
from registry.catalog.model import Catalog, Event
from registry.findings import Origin
from registry.lint.rules import RuleContext
from registry.lint.rules._repeats import Repeats
from registry.lint.rules.r004_identifier_collision import check

BUCKETS_OF_THREE = 128  # 3 keys * 32 buckets, rounded up to a power of two


@pytest.mark.parametrize(
    ("hashes", "shared"),
    [
        ([], []),
        ([5], [False]),
        ([5, 7, 9], [False, False, False]),
        ([5, 5, 7], [True, True, False]),
        ([-1, 3, -1], [True, False, True]),
        # another hash in the same bucket: let through, as if repeated
        ([5, 5 + BUCKETS_OF_THREE, 6], [True, True, False]),
        ([2**63 - 1, -(2**63), 2**63 - 1], [True, False, True]),
    ],
)
def test_shared(hashes: list[int], shared: list[bool]) -> None:
    repeats = Repeats(hashes)
    assert [repeats.shared(i) for i in range(len(hashes))] == shared


def _event(name: str) -> Event:
    return Event(name, "d", None, None, (), (), (), 1, (), Origin("c.yaml", ("events", name)))


def test_r004_finds_every_collision_among_many_events() -> None:
    names = [f"team.did_thing{i}" for i in range(5000)]
    names[1200] = "team.did_thing_2"  # the class of team.did_thing2, not its method
    names += ["team_did.thing17", "team.didThing4999", "Team.did_thing9"]
    events = tuple(_event(name) for name in names)
    catalog = Catalog((), events, ())
    found = list(check(catalog, RuleContext(Config(), {})))
    assert [(f.event, f.message) for f in found] == [
        (
            "team.did_thing_2",
            "event 'team.did_thing_2' and 'team.did_thing2' both become the class 'TeamDidThing2'",
        ),
        (
            "team_did.thing17",
            (
                "event 'team_did.thing17' and 'team.did_thing17' both become the method "
                "'team_did_thing17'"
            ),
        ),
        (
            "team.didThing4999",
            (
                "event 'team.didThing4999' and 'team.did_thing4999' both become the method "
                "'team_did_thing4999'"
            ),
        ),
        (
            "Team.did_thing9",
            (
                "event 'Team.did_thing9' and 'team.did_thing9' both become the method "
                "'team_did_thing9'"
            ),
        ),
    ]
