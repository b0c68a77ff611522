"""Exceptions for conditions that stop a run (exit code 2). Problems in catalogs are findings."""

from __future__ import annotations

from registry.findings import Finding


class RegistryError(Exception):
    """A run cannot go on: bad usage, bad configuration or an internal fault."""


class ConfigError(RegistryError):
    """The configuration is invalid; carries the located findings that say why."""

    def __init__(self, message: str, findings: tuple[Finding, ...] = ()) -> None:
        super().__init__(message)
        self.findings = findings


class UsageError(RegistryError):
    """The command line asks for something that cannot be done."""
