"""Example catalog for the audit-completeness rules' docs."""

CATALOG = """domain: identity
description: Sign-in and account administration.
owners: [identity-team]
events:
  user.changed_role:
    description: An admin changed the role of a workspace member.
    category: privilege
    actor: [admin]
    targets: [user]
    outcomes: [success, failure]
    failure_reasons: [not_permitted, last_owner]
    fields:
      role_before: {type: enum, values: [member, admin, owner], required: true,
                    description: Role before the change.}
      role_after: {type: enum, values: [member, admin, owner], required: true,
                   description: Role after the change.}
"""
