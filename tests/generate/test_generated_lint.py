"""Generated Python is code a reviewer would accept: ruff-clean with ruff's default rules and
with this project's selection (pyproject.toml [tool.ruff.lint]), no line over 100 characters,
as `ruff format` leaves it, and named by meaning (no numbered names, no copied helpers).

Checked on the package generated from the built-in catalog, from the catalog with a field of
every kind (gen_helpers.KINDS_CATALOG), and from a catalog whose names collide with what the
generated code names, imports or uses, with long names and nesting that make lines wrap.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from gen_helpers import KEY, generate_python, imported, write_kinds_catalog

from registry_runtime import Actor, InvalidEvent, MemorySink

from conftest import REPO

AWKWARD = """\
domain: types
description: Events whose names collide with what the generated code names, imports or uses.
owners: [registry-team]
types:
  literal:
    type: enum
    values: [plain, fancy]
    description: Named like typing.Literal.
  actor:
    type: string
    pattern: "^a[0-9]+$"
    description: Named like the runtime's Actor.
  spec_audit_log:
    type: string
    pattern: "^s"
    description: Its pattern's constant would be named like the spec of audit.log_pattern.
  spot:
    type: object
    description: A named object type.
    fields:
      aisle: {type: integer, min: 1, required: true, description: "Aisle number."}
      str: {type: string, max_length: 4, description: "Named like the builtin."}
  labels:
    type: list
    items: {type: literal}
    description: A named list of a named enum.
events:
  audit.log:
    description: An event whose method is named like the facade's module.
    category: data_change
    actor: [user]
    targets: []
    fields:
      unknown: {type: string, max_length: 5, description: "Like the validator's loop variable."}
      problems: {type: integer, description: "Named like the validator's list."}
      fields: {type: boolean, description: "Named like the method's dict."}
      isinstance: {type: string, pattern: "^[a-z]+$", description: "Like a builtin it calls."}
      type: {type: literal, description: "A named enum type, in a field named like a builtin."}
      spot: {type: spot, required: true, description: "A named object type."}
      spot_key: {type: string, max_length: 3, description: "Like the member loop's variable."}
      spot_aisle: {type: integer, description: "Named like a member's variable."}
      labels: {type: labels, description: "A named list type."}
      who: {type: actor, description: "A named type named like Actor."}
      datetime: {type: timestamp, description: "Named like the module and the class."}
      is_date: {type: date, description: "Named like a check the validator imports."}
      environment:
        type: enum
        values: [staging, production]
        description: An enum named like another event's enum with other values.
  audit.log_pattern:
    description: An event whose spec is named like a named type's pattern.
    category: data_change
    actor: [user]
    targets: []
    fields:
      code: {type: spec_audit_log, description: "A string of a named type."}
      environment:
        type: enum
        values: [development, staging, production]
        description: The same field name with other values.
  warehouse.inventory_item_was_recounted_on_the_night_shift:
    description: >-
      An event with a long name, long field names and nesting, so that lines must be wrapped as
      the formatter wraps them.
    category: data_change
    actor: [user]
    targets: []
    outcomes: [success, failure, unknown]
    failure_reasons: [scanner_offline_during_the_count, shelf_missing_from_the_floor_plan]
    fields:
      units_found_on_the_shelf_at_the_count:
        type: integer
        min: 0
        max: 100000
        required: true
        description: A long field name.
      weight_of_a_single_unit_in_kilograms: {type: number, min: 0.001, description: "Long."}
      kind_of_storage_location_of_the_items:
        type: enum
        values: [shelf_on_the_ground_floor, mezzanine_rack, outdoor_container, cold_room_at_the_back]
        description: A long enum.
      containers_inspected_during_the_count:
        type: list
        description: Objects in a list, with lists inside.
        items:
          type: object
          fields:
            identifier_printed_on_the_label: {type: uuid, required: true, description: "Its id."}
            moments_the_container_was_opened: {type: list, items: {type: timestamp}, description: "."}
            "class": {type: string, description: "A keyword member."}
            __hidden: {type: boolean, description: "A member a class body would mangle."}
            storage_temperature_category_of_this_container:
              type: enum
              values: [frozen_below_minus_eighteen_degrees, chilled_between_zero_and_four_degrees]
              description: A long enum inside.
"""
"""Lint-clean enough to generate (keyword and envelope names are findings, not blockers)."""

NUMBERED = re.compile(r"\b(_VALUES_\d+|_PATTERN_\d+|value\d+|item\d+|member\d+|extra\d+)\b")


def _catalog(kind: str, directory: Path) -> tuple[str, ...]:
    if kind == "builtin":
        return (str(REPO / "catalog"),)
    if kind == "kinds":
        return (write_kinds_catalog(directory),)
    path = directory / "types.yaml"
    directory.mkdir(parents=True, exist_ok=True)
    path.write_text(AWKWARD, "utf-8")
    return (str(path),)


@pytest.fixture(scope="module", params=["builtin", "kinds", "awkward"])
def package_dir(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp(f"lint_{request.param}")
    package = generate_python(out, _catalog(request.param, out / "catalog"), package="generated")
    return out / package


def ruff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ruff", *args], capture_output=True,
                          text=True, check=False)


def test_ruff_default_rules_pass(package_dir: Path) -> None:
    run = ruff("check", "--isolated", "--no-cache", str(package_dir))
    assert run.returncode == 0, run.stdout + run.stderr


def test_ruff_with_the_projects_rules_passes(package_dir: Path) -> None:
    run = ruff("check", "--config", str(REPO / "pyproject.toml"), "--no-cache", str(package_dir))
    assert run.returncode == 0, run.stdout + run.stderr


def test_no_line_is_longer_than_100(package_dir: Path) -> None:
    run = ruff("check", "--isolated", "--no-cache", "--select", "E501", "--line-length", "100",
               str(package_dir))
    assert run.returncode == 0, run.stdout + run.stderr


def test_ruff_format_leaves_it_unchanged(package_dir: Path) -> None:
    run = ruff("format", "--check", "--isolated", "--no-cache", "--line-length", "100",
               str(package_dir))
    assert run.returncode == 0, run.stdout + run.stderr


def test_names_say_what_they_hold(package_dir: Path) -> None:
    """No counter in a name; the run-time tests come from registry_runtime.checks."""
    for module in sorted(package_dir.glob("*.py")):
        source = module.read_text("utf-8")
        assert not NUMBERED.findall(source), (module.name, NUMBERED.findall(source))
        assert "def _is_" not in source, module.name
        assert "[0-9a-fA-F]{8}" not in source, module.name  # the UUID pattern, copied


def test_named_types_are_aliases(tmp_path: Path) -> None:
    generate_python(tmp_path, package="named")
    types = (tmp_path / "named" / "types.py").read_text("utf-8")
    assert "ReleaseId: TypeAlias = str\n" in types
    assert 'RELEASE_ID_PATTERN = compile_pattern("^rel_[a-z0-9]{8,}$")\n' in types
    assert types.count('Literal["success", "failure"]') == 1  # one alias, shared
    facade = (tmp_path / "named" / "audit_log.py").read_text("utf-8")
    assert "        release_id: ReleaseId,\n" in facade
    assert "        previous_release_id: ReleaseId | None = None,\n" in facade
    platform = (tmp_path / "named" / "platform.py").read_text("utf-8")
    assert "from .types import APP_ID_PATTERN, RELEASE_ID_PATTERN\n" in platform
    assert "    elif not RELEASE_ID_PATTERN.search(release_id):\n" in platform


def test_awkward_names_type_check_and_run(tmp_path: Path) -> None:
    """Every colliding name got out of the way: mypy --strict passes, and the emitters check
    and write each field under its catalog name."""
    package = generate_python(tmp_path, _catalog("awkward", tmp_path / "catalog"),
                              package="awkward")
    env = {**os.environ, "MYPYPATH": str(REPO)}
    run = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--config-file=",
                          f"--cache-dir={tmp_path / '.mypy_cache'}", package],
                         cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    with imported(tmp_path, package) as generated:
        audit = generated.AuditLog(MemorySink(), hmac_key=KEY)
        user = Actor(type="user", id="u_1")
        record = audit.audit_log(
            actor=user, unknown="u", problems=2, fields_=True, isinstance="abc", type="plain",
            spot={"aisle": 1, "str": "s"}, spot_key="k", spot_aisle=3, labels=["fancy"],
            who="a1", datetime_="2030-01-01T00:00:00Z", is_date="2030-01-01",
            environment="staging",
        )
        assert record["fields"]["fields"] is True
        assert record["fields"]["spot"] == {"aisle": 1, "str": "s"}
        for change, message in (
            ({"spot": {"aisle": 1, "key": 1}}, "spot: has 1 unknown member(s)"),
            ({"spot": {"aisle": 0}}, "spot.aisle: must be at least 1"),
            ({"spot_key": "long"}, "spot_key: is longer than 3 characters"),
            ({"isinstance": "ABC"}, "isinstance: does not match ^[a-z]+$"),
            ({"labels": ["plain", "odd"]}, "labels: must be one of: plain, fancy"),
            ({"who": "b1"}, "who: does not match ^a[0-9]+$"),
        ):
            call = {"spot": {"aisle": 1}, **change}
            with pytest.raises(InvalidEvent) as caught:
                audit.audit_log(actor=user, **call)
            assert str(caught.value) == f"audit.log: {message}"
        with pytest.raises(InvalidEvent) as caught:
            audit.audit_log_pattern(actor=user, code="x")
        assert str(caught.value) == "audit.log_pattern: code: does not match ^s"
        with pytest.raises(InvalidEvent) as caught:
            audit.warehouse_inventory_item_was_recounted_on_the_night_shift(
                actor=user, units_found_on_the_shelf_at_the_count=1,
                containers_inspected_during_the_count=[
                    {"identifier_printed_on_the_label": "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
                     "__hidden": "no"}],
            )
        assert str(caught.value) == (
            "warehouse.inventory_item_was_recounted_on_the_night_shift: "
            "containers_inspected_during_the_count.__hidden: must be true or false, not str")
