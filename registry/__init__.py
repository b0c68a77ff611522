"""registry: an event-taxonomy schema registry and linter for application audit trails."""

from __future__ import annotations

import re
from importlib.util import find_spec


def _version() -> str:
    """`registry_runtime.__version__`, the one place the version is written (the tool and the
    runtime are released together). Read from the runtime's source rather than imported, so
    that `registry --version` and `registry lint` do not load the runtime (about 25 ms)."""
    spec = find_spec("registry_runtime")
    get_source = getattr(spec.loader, "get_source", None) if spec is not None else None
    source: str | None = get_source("registry_runtime") if get_source is not None else None
    found = re.search(r'^__version__ = "([^"]+)"$', source or "", re.MULTILINE)
    if found is None:
        raise ImportError(
            "registry needs its runtime, the audit-registry-runtime distribution of the same"
            " version: pip install audit-registry (which installs it)"
        )
    return found.group(1)


__version__ = _version()
