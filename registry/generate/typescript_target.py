"""The `typescript` target: an npm package of typed emitters (ES modules, Node 18 or later, no
dependencies) over a small runtime copied into it (generators/typescript/runtime)."""

from __future__ import annotations

import re

from registry.catalog.config import Config
from registry.catalog.load import collector_paused
from registry.catalog.model import Catalog
from registry.findings.errors import UsageError
from registry.generate.environment import environment, manifest, templates_dir
from registry.generate.typescript_model import package_view

DEFAULT_PACKAGE = "audit-events"
_NPM_NAME = re.compile(r"(?:@[a-z0-9-~][a-z0-9-._~]*/)?[a-z0-9-~][a-z0-9-._~]*")


def check_package_name(package: str) -> None:
    if len(package) > 214 or not _NPM_NAME.fullmatch(package):
        raise UsageError(f"--package {package!r} is not a valid npm package name")


def root(package: str) -> str:
    """The directory the package is written to: its name without the npm scope."""
    return package.rsplit("/", 1)[-1]


def scope(package: str) -> str:
    """The part of the package the writer owns (its ``scope``: a file there that holds the
    generated header but is no longer generated is deleted): ``src/``. Never ``dist/``, where
    the documented ``tsc -p .`` copies each source's header into the JavaScript and the
    declarations it compiles, nor anything else the user keeps in the package; package.json
    and tsconfig.json, outside it, are rewritten, never deleted."""
    return f"{root(package)}/src"


def render(
    catalog: Catalog, config: Config, content_hash: str, package: str = DEFAULT_PACKAGE
) -> dict[str, str]:
    """Relative path (inside the package's directory) -> file text."""
    check_package_name(package)
    env = environment()
    package_root = root(package)
    files: dict[str, str] = {}
    with collector_paused():
        view = package_view(catalog, config, package, content_hash)
        for entry in manifest("typescript")["files"]:
            template = env.get_template(f"typescript/{entry['template']}")
            if entry.get("per") == "module":
                for module in view.modules:
                    path = entry["output"].format(module=module.name)
                    files[f"{package_root}/{path}"] = template.render(
                        header=view.header, module=module
                    )
            else:
                files[f"{package_root}/{entry['output']}"] = template.render(package=view)
    for source in sorted((templates_dir() / "typescript" / "runtime").glob("*.ts")):
        files[f"{package_root}/src/runtime/{source.name}"] = source.read_text("utf-8")
    return files
