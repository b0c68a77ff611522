"""Correct use of the generated emitters: mypy --strict must accept all of it (test_typing.py),
and it must run without an InvalidEvent (test_typing.py runs it against the generated package).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, assert_type

from audit_events import Actor, AuditLog, Context, InvalidEvent, MemorySink, Target
from audit_events.types import (
    ReleaseId,
    UserAddedBotPermissionsItem,
    UserDeployFailedEnvironment,
    UserDeployFailedReason,
    UserJoinedTeamRole,
)

sink = MemorySink()
audit = AuditLog(sink, hmac_key="typing-test-key", tenant="acme")
user = Actor(type="user", id="u_42")
app = Target(type="application", id="app_9x7c2v")
release = Target(type="release", id="rel_8f3k2m1q")
workspace = Target(type="workspace", id="ws_4f8a2k9d")

release_id: ReleaseId = "rel_8f3k2m1q"  # a named type's alias stands for its Python type
record = audit.user_promoted_staging(
    actor=user, app_id="app_9x7c2v", release_id=release_id, targets=[app, release]
)
assert_type(record, dict[str, Any])
audit.user_promoted_production(
    actor=user,
    app_id="app_9x7c2v",
    release_id="rel_8f3k2m1q",
    previous_release_id="rel_7e2j1l0p",
    approver_email="ada@example.com",
    change_ticket="CHG004211",
    targets=(app, release),
    context=Context(ip="192.0.2.10", request_id="req_1"),
)
environment: UserDeployFailedEnvironment = "production"
reason: UserDeployFailedReason = "health_check_failed"
audit.user_deploy_failed(
    actor=Actor(type="service", id="deployer"),
    app_id="app_9x7c2v",
    release_id="rel_8f3k2m1q",
    environment=environment,
    failed_step="health_check",
    exit_code=1,
    reason=reason,
)
audit.user_promoted_production(
    actor=user,
    app_id="app_9x7c2v",
    release_id="rel_8f3k2m1q",
    outcome="failure",
    reason="change_freeze",
    tenant="other-tenant",
)
role: UserJoinedTeamRole = "guest"
audit.user_joined_team(
    actor=user,
    team_id="T0A1B2C3D4",
    join_method="sso",
    role=role,
    targets=[Target(type="team", id="T0A1B2C3D4")],
)
audit.user_changed_channel_history(
    actor=Actor(type="admin", id="a_1"),
    channel_id="C9Z8Y7X6W5",
    retention_days_before=0,
    retention_days_after=365,
)
permissions: list[UserAddedBotPermissionsItem] = ["read_messages", "post_messages"]
audit.user_added_bot(
    actor=user, channel_id="C9Z8Y7X6W5", bot_id="B0A1B2C3D4", permissions=permissions
)
audit.user_added_integration(
    actor=user,
    workspace_id="ws_4f8a2k9d",
    provider="github",
    scopes=("repo", "read:org"),
    installation_id="inst-1",
    targets=[workspace],
)
audit.user_invited_observer(
    actor=user,
    workspace_id="ws_4f8a2k9d",
    invitee_email="grace@example.com",
    access_level="view",
    expires_at=datetime(2030, 1, 1, tzinfo=UTC),
)
audit.user_invited_observer(
    actor=user,
    workspace_id="ws_4f8a2k9d",
    invitee_email="grace@example.com",
    access_level="comment",
    expires_at="2030-01-01T00:00:00Z",
)
audit.user_exported_team_data(
    actor=user,
    workspace_id="ws_4f8a2k9d",
    export_format="csv",
    includes_personal_data=False,
    record_count=12,
)

caught: InvalidEvent | None = None
try:
    audit.user_deploy_failed(
        actor=user,
        app_id="app_9x7c2v",
        release_id="rel_8f3k2m1q",
        environment="production",
        failed_step="build",
        exit_code=256,
        reason="build_failed",
    )
except InvalidEvent as error:
    caught = error
assert caught is not None, "exit_code=256 was accepted"
assert_type(caught.field, str | None)
assert caught.field == "exit_code"

assert len(sink) == 11
sink.assert_emitted("user.deploy_failed", exit_code=1)
audit.close()
