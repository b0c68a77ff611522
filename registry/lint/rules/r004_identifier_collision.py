"""R004 resolve.identifier-collision: Two events or two fields would get the same generated Python name."""

from array import array
from collections.abc import Callable, Iterator

from registry.catalog.identifiers import pascal, snake
from registry.catalog.model import Catalog, Event, Field
from registry.findings import Finding, Origin, finding_at
from registry.findings.codes import IDENTIFIER_COLLISION
from registry.lint.rules._repeats import Repeats
from registry.lint.rules.base import Rule, RuleContext, RuleDocs


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    # Only the names that may collide go into the tables (see `Repeats`): a table of every
    # event's names took 230 MB at 1,000,000 events (issue 14).
    method_hashes: array[int] = array("q")
    class_hashes: array[int] = array("q")
    for event in catalog.events:
        method_hashes.append(hash(snake(event.name)))
        class_hashes.append(hash(pascal(event.name)))
    tables: tuple[tuple[dict[str, Event], Repeats, Callable[[str], str], str], ...] = (
        ({}, Repeats(method_hashes), snake, "method"),
        ({}, Repeats(class_hashes), pascal, "class"),
    )
    del method_hashes, class_hashes
    builtin = {f.path for f in catalog.files if f.builtin}
    seen: set[Origin] = set()
    for index, event in enumerate(catalog.events):
        for table, repeats, name_of, kind in tables:
            if not repeats.shared(index):
                continue  # no other event has this name
            ident = name_of(event.name)
            other = table.setdefault(ident, event)
            if other is not event:
                # Findings in built-in catalogs are not shown: report on the user's event.
                here, there = event, other
                if here.origin.path in builtin and there.origin.path not in builtin:
                    here, there = there, here
                yield finding_at(
                    here.origin,
                    IDENTIFIER_COLLISION,
                    f"event {here.name!r} and {there.name!r} both become the {kind} {ident!r}",
                    event=here.name,
                    at_key=True,
                    hint="rename one of the events",
                )
                break
        yield from _fields(event, event.fields, seen)


def _fields(event: Event, fields: tuple[Field, ...], checked: set[Origin]) -> Iterator[Finding]:
    seen: dict[str, Field] = {}
    for field in fields:
        ident = snake(field.name)
        other = seen.setdefault(ident, field)
        # members of a named type are shared by the events that use it: report them once
        if other is not field and field.origin not in checked:
            checked.add(field.origin)
            yield finding_at(
                field.origin,
                IDENTIFIER_COLLISION,
                f"fields {other.name!r} and {field.name!r} both become the parameter {ident!r}",
                event=event.name,
                field_name=field.name,
                at_key=True,
            )
        if field.type.fields:
            yield from _fields(event, field.type.fields, checked)


RULE = Rule(
    IDENTIFIER_COLLISION,
    docs=RuleDocs(
        what="Reports event names that give the same method name or class name (`user.added_bot` and `user_added.bot`), and fields of one event that give the same parameter name (`approverEmail` and `approver_email`).",
        why="The generated code could define only one of them; the other would be unreachable or overwrite the first.",
        bad="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n      botId: {type: string, max_length: 64, description: Identifier of the bot.}\n",
        good="domain: communication\ndescription: Team chat.\nowners: [chat-team]\nevents:\n  user.added_bot:\n    description: A user added a bot to a channel.\n    category: integration\n    actor: [user]\n    targets: [channel]\n    fields:\n      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n",
    ),
    check=check,
)
