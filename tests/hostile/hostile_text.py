"""Hostile text for catalogs: fragments, hypothesis strategies, and a catalog that puts the
text in every free-text position (shared by the property tests and `scripts/fuzz.py`)."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import yaml
from hypothesis import strategies as st

FRAGMENTS = [
    # quotes, backslashes, string and docstring endings
    '"', "'", "\\", '"""', "'''", '\\"', "\\\\", "\\n", "\\x41", "\\u0041", "\\N{BULLET}",
    # template syntax (Jinja and others)
    "{{ 7 * 7 }}", "{{", "}}", "{% raw %}", "{% endraw %}", "{%", "%}", "{# c #}", "${x}", "%s",
    "{0}",
    # HTML and script
    "</script>", "<script>alert(1)</script>", "<!--", "-->", "]]>", "<img src=x onerror=alert(1)>",
    "</td></tr></table>", "<br>", "&amp;", "&lt;", "&#124;", "&", "<", ">", "javascript:",
    # Markdown
    "|", "a|b", "`", "```", "~~~", "*", "**", "_", "__", "[x](javascript:alert(1))", "![i](x)",
    "# ", "## h", "- ", "+ ", "1. ", "2) ", "> ", "    code", "---", "===", "~~", "\\|",
    "<https://example.com>", "[^1]", "<a id=x>",
    # line breaks, control, format and bidirectional characters
    "\n", "\r\n", "\r", "\n\n", "\t", "\x00", "\x07", "\x1b[31m", "\x7f", "\x85", "\x9b",
    "\u2028", "\u2029", "\ufeff", "\u200b", "\u202e", "\u202d", "\u2066", "\u2069", "\u200f",
    "\u061c",
    # code
    '__import__("os").system("echo pwned")', "'; import os; '", '"; import os; "', "#",
    # other scripts and combining characters
    "é", "a\u0301", "𝄞", "\U0001f600", "ﬁ", "аdded", "ǅ", "\u0130",
    # YAML-looking text
    "&anchor", "*alias", "!!python/object", "? ", ": ", "@", "`id`", "$(id)",
]  # fmt: skip
"""Each fragment holds a character that is not a letter or digit, or a letter that only
looks like ASCII, so a text made with one is never mistaken for a plain word."""

# no lone surrogates: YAML cannot carry them (tests/generate/test_hostile.py shows they are
# refused with Y001)
plain_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=8)
hostile = st.builds(
    lambda first, rest: first + "".join(rest),
    st.sampled_from(FRAGMENTS),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), plain_text), max_size=4),
).filter(str.strip)
"""Never blank: a blank text has nothing to escape, and shows as nothing in the docs."""
long_hostile = st.builds(lambda text, times: text * times, hostile, st.integers(200, 2000))
any_hostile = st.one_of(hostile, hostile, hostile, long_hostile)
reason_codes = st.from_regex(r"[a-z][a-z0-9_]{0,15}", fullmatch=True)


@dataclasses.dataclass(frozen=True)
class Texts:
    """The free text of one catalog (everything else is fixed)."""

    file_description: str
    owner: str
    extension: str
    type_description: str
    type_example: str
    event_description: str
    values: tuple[str, ...]
    value_description: str
    code_text: str
    """The `code` field's pattern is re.escape(code_text), so code_text matches it."""
    code_description: str
    inner_value: str
    nested_description: str
    redact_reason: str
    deprecated_reason: str
    deprecated_since: str
    field_deprecated_reason: str
    target_type: str
    metadata_key: str
    metadata_value: str
    suppression_reason: str
    failure_reasons: tuple[str, ...]
    breaking: tuple[tuple[str, str], ...] = ()
    """(position, text) pairs put where catalogs are checked against a vocabulary or a
    pattern (category, actor, sensitivity, replaced_by, include, domain): lint errors."""

    def free_texts(self) -> list[str]:
        """Every hostile text the catalog carries."""
        texts: list[str] = []
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if field.name in ("failure_reasons", "breaking"):
                continue
            texts.extend(value if isinstance(value, tuple) else [value])
        return texts


BREAKING_POSITIONS = ("category", "actor", "sensitivity", "replaced_by", "include", "domain")

texts = st.builds(
    Texts,
    file_description=any_hostile,
    owner=hostile,
    extension=any_hostile,
    type_description=any_hostile,
    type_example=hostile,
    event_description=any_hostile,
    values=st.lists(hostile, min_size=1, max_size=3, unique=True).map(tuple),
    value_description=any_hostile,
    code_text=hostile,
    code_description=any_hostile,
    inner_value=hostile,
    nested_description=hostile,
    redact_reason=hostile,
    deprecated_reason=any_hostile,
    deprecated_since=hostile,
    field_deprecated_reason=hostile,
    target_type=hostile,
    metadata_key=hostile,
    metadata_value=any_hostile,
    suppression_reason=hostile,
    failure_reasons=st.lists(reason_codes, min_size=1, max_size=3, unique=True).map(tuple),
    breaking=st.one_of(
        st.just(()),
        st.just(()),
        st.lists(st.tuples(st.sampled_from(BREAKING_POSITIONS), hostile), max_size=2).map(tuple),
    ),
)


def catalog(t: Texts) -> dict[str, Any]:
    """The catalog as data; `t.breaking` texts go where lint must refuse them."""
    breaking = dict(t.breaking)
    data: dict[str, Any] = {
        "domain": breaking.get("domain", "hostile"),
        "description": t.file_description,
        "owners": [t.owner],
        "x-note": t.extension,
        "types": {
            "hostile_code": {
                "type": "string",
                "max_length": 100_000,
                "pattern": re.escape(t.code_text),
                "description": t.type_description,
                "examples": [t.type_example],
            },
        },
        "lint": {"ignore": [{"rule": "L001", "reason": t.suppression_reason}]},
        "events": {
            "item.counted": {
                "description": t.event_description,
                "category": breaking.get("category", "data_change"),
                "actor": [breaking.get("actor", "user")],
                "targets": [t.target_type],
                "outcomes": ["success", "failure"],
                "failure_reasons": list(t.failure_reasons),
                "metadata": {"note": t.metadata_value, t.metadata_key: [t.owner]},
                "fields": {
                    "kind": {
                        "type": "enum",
                        "values": list(t.values),
                        "required": True,
                        "description": t.value_description,
                        "examples": [t.values[0]],
                    },
                    "code": {"type": "hostile_code", "description": t.code_description},
                    "spot": {
                        "type": "object",
                        "description": t.nested_description,
                        "fields": {
                            "inner": {
                                "type": "enum",
                                "values": [t.inner_value],
                                "description": t.nested_description,
                            },
                        },
                    },
                    "counter_email": {
                        "type": "string",
                        "format": "email",
                        "max_length": 254,
                        "sensitivity": breaking.get("sensitivity", "pii"),
                        "redact": "none",
                        "redact_reason": t.redact_reason,
                        "description": t.code_description,
                    },
                    "old_note": {
                        "type": "string",
                        "max_length": 10,
                        "description": t.event_description,
                        "deprecated": {"reason": t.field_deprecated_reason},
                    },
                },
            },
            "item.recounted": {
                "description": t.event_description,
                "category": "data_change",
                "actor": ["user"],
                "targets": [],
                "deprecated": {
                    "reason": t.deprecated_reason,
                    "replaced_by": breaking.get("replaced_by", "item.counted"),
                    "since": t.deprecated_since,
                },
                "fields": {"tally": {"type": "integer", "description": t.type_description}},
            },
        },
    }
    if "include" in breaking:
        data["include"] = [breaking["include"]]
    return data


def catalog_yaml(data: dict[str, Any]) -> str:
    """YAML that reads back as `data` with PyYAML (unicode as escapes where it would not: a
    raw NEL in a quoted scalar is a line break to YAML 1.1 and a character to YAML 1.2)."""
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)
    if yaml.safe_load(text) != data:
        text = yaml.safe_dump(data, allow_unicode=False, sort_keys=False, width=1_000_000)
        assert yaml.safe_load(text) == data
    return text
