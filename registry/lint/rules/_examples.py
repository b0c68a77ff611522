"""A well-formed catalog that rule docs vary for their bad and good examples."""

CATALOG = """domain: deployments
description: Release promotion and deploys.
owners: [platform-team]
events:
  user.promoted_production:
    description: A user promoted a release from staging to production.
    category: deployment
    actor: [user, service]
    targets: [release]
    outcomes: [success, failure]
    fields:
      release_id: {type: string, pattern: '^rel_[a-z0-9]{8,}$', required: true,
                   description: Identifier of the release.}
"""


def renamed(name: str) -> str:
    """The example catalog with its event renamed."""
    return CATALOG.replace("user.promoted_production:", f"{name}:")
