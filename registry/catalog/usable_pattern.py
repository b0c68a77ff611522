"""Whether a pattern can be used at all (R008 in a catalog, C001 in the naming configuration):
one test for resolve, R014 and the configuration, so that no pattern passes one and breaks
another. Standard library only: the configuration imports it at every command's start."""

from __future__ import annotations

import functools
import re
import warnings
from typing import Final

MAX_GROUP_DEPTH: Final = 100
"""The deepest nesting of groups a catalog pattern may have. Python's parser recurses per
level and gives up at a depth that depends on its caller's stack (about 490 levels from the
command line), so without a fixed limit one pattern could pass `lint` and fail `generate`."""


def group_depth(pattern: str) -> int:
    """How deeply the groups of ``pattern`` nest: its unescaped parentheses outside sets of
    characters (a ``]`` first in a set is one of its characters)."""
    depth = deepest = 0
    index, end = 0, len(pattern)
    while index < end:
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            index += 1
            if index < end and pattern[index] == "^":
                index += 1
            if index < end and pattern[index] == "]":
                index += 1
            while index < end and pattern[index] != "]":
                index += 2 if pattern[index] == "\\" else 1
        elif char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")" and depth:
            depth -= 1
        index += 1
    return deepest


@functools.lru_cache(maxsize=4096)
def pattern_problem(pattern: str) -> str | None:
    """Why `pattern` is not a usable regular expression, or None.

    A pattern Python compiles with a FutureWarning (`[[a]`, `[a--z]`: nested sets and set
    operations, whose meaning is to change) is refused too: the generated code would print the
    warning, or fail under `-W error`, when it is imported. The explicit UNICODE flag keeps
    this compile out of the `re` cache entry that other code may already hold, which would
    hide the warning.
    """
    depth = group_depth(pattern)
    if depth > MAX_GROUP_DEPTH:
        return (
            f"pattern is not a usable regular expression: its groups nest {depth} levels "
            f"deep, more than the {MAX_GROUP_DEPTH} supported"
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", FutureWarning)
            re.compile(pattern, re.UNICODE)
    except re.error as error:
        return f"pattern is not a valid regular expression: {error}"
    except OverflowError as error:  # a repetition count beyond the engine's limit
        return f"pattern is not a valid regular expression: {error}"
    except RecursionError:
        return "pattern is not a usable regular expression: its groups are nested too deeply"
    except FutureWarning as warning:
        return (
            f"pattern is ambiguous ({warning}): escape a literal '[' as '\\[' and "
            f"doubled '&', '-', '~' or '|' inside a set"
        )
    return None
