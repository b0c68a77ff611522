"""mypy --strict on the generated package: correct use passes, each kind of mistake is an error.

The negative test works like mypy-protobuf's: `typing_negative.py` holds wrong calls, and
`typing_negative.expected` the exact error lines mypy must print for them (paths relative to
the generated package's directory). Regenerate the expected lines after a deliberate change with
`python -m pytest tests/generate/test_typing.py --update-goldens`.

mypy runs with the generated package's parent directory as working directory and the repository
root on MYPYPATH (it does not find the editable install of `registry` on its own), with no
configuration file, so the repository's own mypy settings cannot make the test pass.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from gen_helpers import generate_python, write_kinds_catalog

from conftest import REPO

HERE = Path(__file__).parent
NEGATIVE = HERE / "typing_negative.py"
EXPECTED = HERE / "typing_negative.expected"
POSITIVE = HERE / "typing_positive.py"


def run_mypy(cwd: Path, *targets: str) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        "-m",
        "mypy",
        "--strict",
        "--warn-unreachable",
        "--config-file=",
        f"--cache-dir={cwd / '.mypy_cache'}",
        "--no-color-output",
        "--no-error-summary",
        "--hide-error-context",
        "--no-pretty",
        "--show-error-codes",
        *targets,
    ]
    env = {**os.environ, "MYPYPATH": str(REPO)}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def error_lines(output: str, root: Path) -> list[str]:
    """mypy's `error:` lines with `root` removed from paths and `/` as the separator."""
    lines = []
    for line in output.splitlines():
        if ": error: " not in line:
            continue
        line = line.replace(str(root) + os.sep, "").replace(str(root), "")
        path, sep, rest = line.partition(":")
        lines.append(path.replace("\\", "/") + sep + rest)
    return lines


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built-in catalog generated as `audit_events`, the name the usage files import."""
    out = tmp_path_factory.mktemp("typing")
    generate_python(out, package="audit_events")
    return out


def test_generated_package_passes_mypy_strict(generated: Path) -> None:
    shutil.copy(POSITIVE, generated / POSITIVE.name)
    run = run_mypy(generated, "audit_events", POSITIVE.name)
    assert run.returncode == 0, run.stdout + run.stderr
    assert error_lines(run.stdout, generated) == []


def test_positive_usage_also_runs(generated: Path) -> None:
    shutil.copy(POSITIVE, generated / POSITIVE.name)
    env = {**os.environ, "PYTHONPATH": str(generated)}
    run = subprocess.run([sys.executable, POSITIVE.name], cwd=generated, env=env,
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_mypy_rejects_each_mistake_exactly(generated: Path, update_goldens: bool) -> None:
    shutil.copy(NEGATIVE, generated / NEGATIVE.name)
    run = run_mypy(generated, NEGATIVE.name)
    assert run.returncode == 1, run.stdout + run.stderr
    actual = error_lines(run.stdout, generated)
    if update_goldens:
        EXPECTED.write_text("\n".join(actual) + "\n", "utf-8")
    expected = EXPECTED.read_text("utf-8").splitlines()
    assert actual == expected, "\n".join(["mypy printed:", *actual])


def test_expected_errors_cover_every_required_kind() -> None:
    """The expected file itself holds each kind of mistake the issue names, so a regenerated
    file that silently lost one fails here."""
    expected = EXPECTED.read_text("utf-8")
    for needle in (
        # wrong field type
        """Argument "exit_code" to "user_deploy_failed" of "AuditLog" has incompatible type \
"str"; expected "int | None"  [arg-type]""",
        # missing required field
        """Missing named argument "release_id" for "user_promoted_staging" of "AuditLog"  \
[call-arg]""",
        # unknown field
        """Unexpected keyword argument "branch" for "user_promoted_staging" of "AuditLog"  \
[call-arg]""",
        # wrong enum literal
        """Argument "environment" to "user_deploy_failed" of "AuditLog" has incompatible type \
"Literal['qa']"; expected "Literal['staging', 'production']"  [arg-type]""",
        # wrong outcome literal
        """Argument "outcome" to "user_deploy_failed" of "AuditLog" has incompatible type \
"Literal['success']"; expected "Literal['failure']"  [arg-type]""",
        # wrong failure reason literal
        """Argument "reason" to "user_promoted_production" of "AuditLog" has incompatible type \
"Literal['flaky_tests']"; expected "Literal['approval_missing', 'not_permitted', \
'staging_checks_failed', 'change_freeze'] | None"  [arg-type]""",
    ):
        assert needle in expected, needle
    blocks = sum(1 for line in NEGATIVE.read_text("utf-8").splitlines()
                 if line[:1] == "#" and line[2:3].isdigit())
    lines = {line.split(":")[1] for line in expected.splitlines()}
    assert len(lines) >= blocks  # at least one error line per numbered block


SHADOWING = {
    "billing.yaml": """\
domain: billing
description: Billing events of an invoicing product.
owners: [billing-team]
events:
  plan.switched:
    description: A user moved an account from one billing plan to another plan.
    category: billing
    actor: [user]
    targets: [account]
    outcomes: [success, failure]
    failure_reasons: [card_declined]
    fields:
      billing: {type: string, max_length: 10, required: true, description: Billing code.}
      str: {type: string, max_length: 10, description: Named like the builtin str.}
      int: {type: integer, description: Named like the builtin int.}
      dict: {type: boolean, description: Named like the builtin dict.}
      note: {type: string, max_length: 10, description: A string field after them.}
  plan.changed:
    description: A user changed the plan of an account (old name of plan.switched).
    category: billing
    actor: [user]
    targets: [account]
    outcomes: [success, failure]
    failure_reasons: [card_declined]
    deprecated: {reason: "renamed\\nto a clearer name", replaced_by: plan.switched}
    fields:
      datetime: {type: timestamp, description: Named like the module and the class.}
""",
    "datetime.yaml": """\
domain: datetime
description: Events of a scheduling product, in a domain named like a module the code imports.
owners: [calendar-team]
events:
  meeting.scheduled:
    description: A user scheduled a meeting at a moment in time.
    category: collaboration
    actor: [user]
    targets: [meeting]
    fields:
      starts_at: {type: timestamp, required: true, description: When the meeting starts.}
      on_day: {type: date, description: The day of the meeting.}
""",
}
SHADOWING_USE = """\
from datetime import UTC, datetime

from shadowing import Actor, AuditLog, MemorySink

sink = MemorySink()
audit = AuditLog(sink, hmac_key="typing-test-key")
user = Actor(type="user", id="u_1")
audit.plan_switched(actor=user, billing="B-1", str_="text", int_=3, dict_=True, note="n")
audit.plan_changed(actor=user, datetime_="2030-01-01T00:00:00Z")
audit.meeting_scheduled(actor=user, starts_at=datetime(2030, 1, 1, tzinfo=UTC), on_day="2030-01-01")
assert [r["fields"] for r in sink.records] == [
    {"billing": "B-1", "str": "text", "int": 3, "dict": True, "note": "n"},
    {"datetime": "2030-01-01T00:00:00Z"},
    {"starts_at": datetime(2030, 1, 1, tzinfo=UTC), "on_day": "2030-01-01"},
]
"""


def test_names_that_would_shadow_the_generated_code(tmp_path: Path) -> None:
    """A field named like its domain's module (the facade once called `billing.PlanSwitched`
    on the parameter `billing`), fields named like builtins the facade's methods use, a
    domain named like a module the facade imports, a deprecated event (its docstring indented),
    an event of one field, and the every-kind catalog: mypy --strict passes, the calls run, the
    code is as the formatter leaves it."""
    catalogs = tmp_path / "catalogs"
    catalogs.mkdir()
    for name, text in SHADOWING.items():
        (catalogs / name).write_text(text, "utf-8")
    write_kinds_catalog(catalogs)  # and every kind of field, for the type checker and formatter
    out = tmp_path / "out"
    generate_python(out, (str(catalogs),), package="shadowing")
    (out / "use_shadowing.py").write_text(SHADOWING_USE, "utf-8")
    run = run_mypy(out, "shadowing", "use_shadowing.py")
    assert run.returncode == 0, run.stdout + run.stderr
    env = {**os.environ, "PYTHONPATH": str(out)}
    run = subprocess.run([sys.executable, "use_shadowing.py"], cwd=out, env=env,
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    facade = (out / "shadowing" / "audit_log.py").read_text("utf-8")
    assert ('        """A user changed the plan of an account (old name of plan.switched).\n\n'
            "        Deprecated: renamed\n        to a clearer name. Use plan.switched instead.\n"
            ) in facade
    run = subprocess.run([sys.executable, "-m", "ruff", "format", "--check", "--line-length",
                          "100", str(out / "shadowing")], capture_output=True, text=True,
                         check=False)
    assert run.returncode == 0, run.stdout + run.stderr
