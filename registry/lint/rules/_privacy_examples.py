"""Example catalog for the privacy and audit rules' docs."""

CATALOG = """domain: workspace
description: Workspace membership and invitations.
owners: [workspace-team]
events:
  user.invited_member:
    description: A workspace admin invited a person to join the workspace.
    category: account_management
    actor: [user, admin]
    targets: [workspace]
    outcomes: [success, failure]
    failure_reasons: [seat_limit_reached, domain_not_allowed]
    fields:
      invitee_email:
        type: string
        format: email
        max_length: 254
        sensitivity: pii
        description: Address the invitation was sent to.
        examples: [ada@example.com]
      role:
        type: enum
        values: [member, admin]
        required: true
        description: Role offered to the invitee.
"""
