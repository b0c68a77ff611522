"""The `python` target: a package of typed emitters over `registry_runtime`."""

from __future__ import annotations

import keyword

from registry.catalog.config import Config
from registry.catalog.load import collector_paused
from registry.catalog.model import Catalog
from registry.findings.errors import UsageError
from registry.generate.environment import environment, manifest
from registry.generate.python_model import (
    RUNTIME_CHECK_MODULE,
    package_view,
    runtime_check_module,
)

DEFAULT_PACKAGE = "audit_events"


def check_package_name(package: str) -> None:
    if not package.isidentifier() or keyword.iskeyword(package) or not package.isascii():
        raise UsageError(f"--package {package!r} is not a valid Python package name")


def render(
    catalog: Catalog, config: Config, content_hash: str, package: str = DEFAULT_PACKAGE
) -> dict[str, str]:
    """Relative path -> file text for the generated package."""
    check_package_name(package)
    env = environment()
    files: dict[str, str] = {}
    with collector_paused():  # the view is millions of small strings and tuples, no cycles
        view = package_view(catalog, config, package, content_hash)
        for entry in manifest("python")["files"]:
            template = env.get_template(f"python/{entry['template']}")
            if entry.get("per") == "module":
                for module in view.modules:
                    path = entry["output"].format(package=package, module=module.name)
                    files[path] = template.render(header=view.header, module=module)
            else:
                path = entry["output"].format(package=package)
                files[path] = template.render(header=view.header, package=view, types=view.types)
    files[f"{package}/{RUNTIME_CHECK_MODULE}.py"] = runtime_check_module(view.header, package)
    files[f"{package}/py.typed"] = ""
    return files
