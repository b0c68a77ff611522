"""Calls of the generated emitters that mypy --strict must reject, one mistake per block.

test_typing.py type-checks this file next to the package generated from the built-in catalog
and compares mypy's error lines with typing_negative.expected, exactly (like mypy-protobuf's
negative tests). After changing this file, regenerate the expected lines with
`python -m pytest tests/generate/test_typing.py --update-goldens` and review the diff (keep
each block on its lines, so the expected lines of the others stay as they are).
"""

from __future__ import annotations

from audit_events import (
    Actor,
    AuditLog,
    MemorySink,
    Target,
)
from audit_events.types import ReleaseId, SuccessOrFailureOutcome, UserDeployFailedEnvironment

audit = AuditLog(MemorySink(), hmac_key="typing-test-key")
user = Actor(type="user", id="u_42")
release = Target(type="release", id="rel_8f3k2m1q")

# 1. wrong field type: exit_code is an integer
audit.user_deploy_failed(
    actor=user,
    app_id="app_9x7c2v",
    release_id="rel_8f3k2m1q",
    environment="production",
    failed_step="build",
    exit_code="1",
    reason="build_failed",
)

# 2. missing required field: release_id
audit.user_promoted_staging(actor=user, app_id="app_9x7c2v")

# 3. unknown field
audit.user_promoted_staging(
    actor=user, app_id="app_9x7c2v", release_id="rel_8f3k2m1q", branch="main"
)

# 4. wrong enum literal
audit.user_deploy_failed(
    actor=user,
    app_id="app_9x7c2v",
    release_id="rel_8f3k2m1q",
    environment="qa",
    failed_step="build",
    reason="build_failed",
)

# 5. wrong outcome literal (user.deploy_failed has the one outcome failure)
audit.user_deploy_failed(
    actor=user,
    app_id="app_9x7c2v",
    release_id="rel_8f3k2m1q",
    environment="staging",
    failed_step="build",
    outcome="success",
)

# 6. wrong failure reason literal
audit.user_promoted_production(
    actor=user,
    app_id="app_9x7c2v",
    release_id="rel_8f3k2m1q",
    targets=[release],
    outcome="failure",
    reason="flaky_tests",
)

# 7. the aliases in audit_events.types are the types the methods take
environment: UserDeployFailedEnvironment = "qa"
outcome: SuccessOrFailureOutcome = "unknown"

# 8. the return value is the record, not a value of the fields' types
record: ReleaseId = audit.user_promoted_staging(
    actor=user, app_id="app_9x7c2v", release_id="rel_8f3k2m1q"
)

# 9. a wrong enum literal inside a list
audit.user_added_bot(
    actor=user, channel_id="C9Z8Y7X6W5", bot_id="B0A1B2C3D4", permissions=["delete_channel"]
)

# 10. the envelope: actor is an Actor, context a Context
audit.user_promoted_staging(actor="u_42", app_id="app_9x7c2v", release_id="rel_8f3k2m1q")
audit.user_promoted_staging(
    actor=user, app_id="app_9x7c2v", release_id="rel_8f3k2m1q", context={"ip": "192.0.2.1"}
)
