"""registry.catalog.types: what generated code and JSON Schemas take from it holds together."""

from __future__ import annotations

import re

from registry.catalog.types import ENFORCED_FORMATS, EnforcedFormat, anchored
from registry_runtime import checks


def test_every_enforced_format_is_a_named_function_of_the_runtime() -> None:
    """Generated code imports a format's test by its name from registry_runtime.checks."""
    for name, enforced in ENFORCED_FORMATS.items():
        assert isinstance(enforced, EnforcedFormat), name
        assert getattr(checks, enforced.test.__name__) is enforced.test, name
        assert enforced.test.__name__ in checks.__all__, name


def test_a_format_pattern_agrees_with_its_test() -> None:
    samples = ["ada@example.com", "a@b.c", "no-at-sign", "a@b", "a b@c.d", "é@example.de",
               "a..b@example.com", "ada@example.com\n", ""]
    for enforced in ENFORCED_FORMATS.values():
        whole = re.compile(anchored(enforced.pattern))
        for sample in samples:
            assert (whole.search(sample) is not None) == enforced.test(sample), sample
