"""The catalog that the loading, schema, resolve, directive and configuration docs vary."""

from __future__ import annotations

from typing import Final

BOT_EVENT: Final = (
    "domain: communication\n"
    "description: Team chat.\n"
    "owners: [chat-team]\n"
    "events:\n"
    "  user.added_bot:\n"
    "    description: A user added a bot to a channel.\n"
    "    category: integration\n"
    "    actor: [user]\n"
    "    targets: [channel]\n"
)
"""A catalog file with one event, up to its `fields:`."""

CATALOG: Final = (
    BOT_EVENT
    + "    fields:\n"
    + "      bot_id: {type: string, max_length: 64, description: Identifier of the bot.}\n"
)
"""The well-formed catalog: the good example of most of these codes."""
