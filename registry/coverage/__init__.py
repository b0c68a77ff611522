"""Security coverage: which required audit events a catalog has, against named profiles."""

from registry.coverage.compute import (
    CoverageReport,
    ItemResult,
    ProfileResult,
    coverage,
    declared_requirements,
)
from registry.coverage.profiles import (
    DEFAULT_PROFILE,
    Match,
    Profile,
    ProfileError,
    ProfileSet,
    Requirement,
    load_profile_file,
    load_profiles,
    shipped_names,
    shipped_profile,
)

__all__ = [
    "DEFAULT_PROFILE",
    "CoverageReport",
    "ItemResult",
    "Match",
    "Profile",
    "ProfileError",
    "ProfileResult",
    "ProfileSet",
    "Requirement",
    "coverage",
    "declared_requirements",
    "load_profile_file",
    "load_profiles",
    "shipped_names",
    "shipped_profile",
]
