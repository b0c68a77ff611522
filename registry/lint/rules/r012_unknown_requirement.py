"""R012 resolve.unknown-requirement: `covers:` names a coverage requirement no profile defines."""

import difflib
from collections.abc import Iterator
from pathlib import Path

from registry.catalog.model import Catalog
from registry.findings import Finding, Origin, finding_at
from registry.findings.codes import UNKNOWN_REQUIREMENT
from registry.lint.rules._common import own_events
from registry.lint.rules.base import Rule, RuleContext, RuleDocs

_GOOD = """domain: identity
description: Sign-in and account administration.
owners: [identity-team]
events:
  user.signed_in:
    description: A person signed in to the web application.
    category: authentication
    actor: [user]
    targets: []
    outcomes: [success, failure]
    failure_reasons: [invalid_credentials]
    covers: [baseline:authentication_success, baseline:authentication_failure]
"""


def _known(ctx: RuleContext) -> tuple[dict[str, frozenset[str]], dict[str, str]]:
    """Items per profile name (shipped and the `profiles` option's files), and the load
    error of each option file that could not be read."""
    from registry.coverage import ProfileError, load_profile_file, shipped_names, shipped_profile

    known = {
        name: frozenset(r.item for r in shipped_profile(name).requirements)
        for name in shipped_names()
    }
    broken: dict[str, str] = {}
    for ref in ctx.options.get("profiles") or ():
        path = Path(str(ref))
        if not path.is_absolute():
            path = ctx.config.root / path
        try:
            profile = load_profile_file(path, str(ref))
        except ProfileError as error:
            broken[str(ref)] = str(error)
            continue
        known[profile.name] = frozenset(r.item for r in profile.requirements)
    return known, broken


def check(catalog: Catalog, ctx: RuleContext) -> Iterator[Finding]:
    events = [e for e in own_events(catalog) if e.covers]
    if not events:
        return
    known, broken = _known(ctx)
    for event in events:
        for index, rid in enumerate(event.covers or ()):
            profile, _, item = rid.partition(":")
            origin = Origin(event.origin.path, (*event.origin.pointer, "covers", index))
            if profile not in known:
                problems = "; ".join(broken.values())
                yield finding_at(
                    origin,
                    UNKNOWN_REQUIREMENT,
                    f"{rid!r}: no coverage profile named {profile!r}",
                    event=event.name,
                    hint=f"a profile file listed in R012's `profiles` option failed: {problems}"
                    if broken
                    else f"shipped profiles: {', '.join(sorted(known))}; list a team profile "
                    "file under `rules: {R012: {options: {profiles: [...]}}}`",
                )
            elif item not in known[profile]:
                yield finding_at(
                    origin,
                    UNKNOWN_REQUIREMENT,
                    f"{rid!r}: profile {profile!r} has no requirement {item!r}",
                    event=event.name,
                    hint=_suggestion(profile, item, known[profile]),
                )


def _suggestion(profile: str, item: str, items: frozenset[str]) -> str:
    ordered = sorted(items)
    close = [i for i in ordered if i.startswith(item) or item.startswith(i)]
    close = close or difflib.get_close_matches(item, ordered, n=1)
    if close:
        return f"did you mean '{profile}:{close[0]}'?"
    shown = ", ".join(ordered[:12]) + (", ..." if len(ordered) > 12 else "")
    return f"the requirements of {profile!r} are: {shown}"


RULE = Rule(
    UNKNOWN_REQUIREMENT,
    docs=RuleDocs(
        what="Checks every `covers:` entry (PROFILE:ITEM) against the coverage profiles "
        "shipped with registry (baseline, owasp, pci-dss-4, iso27002-2013, nist-800-53-au2) "
        "and the team profile files listed in the rule's `profiles` option (paths relative "
        "to the configuration file).",
        why="`registry coverage` counts an event only for the requirements it names; a "
        "misspelt id covers nothing, so the coverage report shows a gap the team believes "
        "it closed, or an auditor is shown coverage that is not there.",
        bad=_GOOD.replace("baseline:authentication_failure", "baseline:authentication_failed"),
        good=_GOOD,
    ),
    check=check,
    options=(("profiles", ()),),
)
