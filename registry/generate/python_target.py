"""The `python` target: a package of typed emitters over `registry_runtime`."""

from __future__ import annotations

import keyword

from registry.catalog.config import Config
from registry.catalog.forking import map_in_two
from registry.catalog.load import collector_paused
from registry.catalog.model import Catalog
from registry.findings.errors import UsageError
from registry.generate.environment import environment, manifest
from registry.generate.python_model import (
    RUNTIME_CHECK_MODULE,
    DomainPlan,
    PackagePlan,
    runtime_check_module,
)
from registry.generate.writer import Settle, Settled

DEFAULT_PACKAGE = "audit_events"
_LaidOut = tuple[str, tuple[str, ...]]
"""A domain's methods of the facade laid out, and which of its files were stale."""
PARALLEL_MIN_FIELDS = 20_000
"""From this many field uses on, a forked child lays out and writes every other domain module
(`registry.catalog.forking`): a module is most of the work and sends back only its methods."""


def check_package_name(package: str) -> None:
    if not package.isidentifier() or keyword.iskeyword(package) or not package.isascii():
        raise UsageError(f"--package {package!r} is not a valid Python package name")


def render(
    catalog: Catalog,
    config: Config,
    content_hash: str,
    settle: Settle,
    package: str = DEFAULT_PACKAGE,
) -> tuple[dict[str, str], Settled]:
    """The generated package: relative path -> text of the files to write, and the domain
    modules, which are settled (compared, written) as each is made."""
    check_package_name(package)
    env = environment()
    python_manifest = manifest("python")
    entries = python_manifest["files"]
    per_module = [
        (env.get_template(f"python/{entry['template']}"), entry["output"])
        for entry in entries
        if entry.get("per") == "module"
    ]
    methods_part = env.get_template(f"python/{python_manifest['parts']['methods']}")

    def lay_out(domain: DomainPlan) -> _LaidOut:
        module, methods = plan.module(domain)
        stale = []
        for template, output in per_module:
            path = output.format(package=package, module=module.name)
            if settle(path, template.render(header=plan.header, module=module)):
                stale.append(path)
        return methods_part.render(methods=methods), tuple(stale)

    files: dict[str, str] = {}
    with collector_paused():  # the view is millions of small strings and tuples, no cycles
        plan = PackagePlan(catalog, config, package, content_hash)
        if len(catalog.field_uses) >= PARALLEL_MIN_FIELDS:
            done = map_in_two(lay_out, plan.domains)
        else:
            done = [lay_out(domain) for domain in plan.domains]
        view = plan.view([methods for methods, _ in done])
        for entry in entries:
            if entry.get("per") != "module":
                template = env.get_template(f"python/{entry['template']}")
                path = entry["output"].format(package=package)
                files[path] = template.render(header=view.header, package=view, types=view.types)
    files[f"{package}/{RUNTIME_CHECK_MODULE}.py"] = runtime_check_module(view.header, package)
    files[f"{package}/py.typed"] = ""
    modules = frozenset(
        output.format(package=package, module=domain.name)
        for domain in plan.domains
        for _, output in per_module
    )
    return files, Settled(modules, tuple(path for _, stale in done for path in stale))
