"""The fast paths of lint give exactly the findings of the plain ones.

Forked parsing and rule runs (registry.catalog.forking), the TypeSpec memo in resolve and the
collector pause are speed-ups only: these tests make them kick in on small catalogs and
compare with the serial run.
"""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

from registry.catalog import forking
from registry.catalog import loading as loading_module
from registry.findings import Finding
from registry.lint import run_rules
from registry.lint.engine import lint

from conftest import lint_text, make_config

CLEAN = """\
domain: billing
description: Billing events of the workspace.
owners: [billing-team]
types:
  invoice_ref: {type: string, pattern: "^inv_[a-z0-9]{8}$", description: Invoice id.}
events:
  invoice.created:
    description: An invoice was created for a customer.
    category: billing
    actor: [user]
    targets: [invoice]
    fields:
      invoice_id: {type: invoice_ref, required: true}
      amount_cents: {type: integer, min: 0, description: Amount in cents.}
"""

FINDINGS = """\
domain: accounts
description: Account events.
owners: [accounts-team]
events:
  User.Created:
    description: x
    category: nowhere
    actor: [user]
    fields:
      email: {type: string}
      password: {type: string, description: The password the user chose.}
      seats: {type: integer, min: 0, max: 10, description: Seats.}
      seats_again: {type: integer, min: 0, max: 10, description: Seats.}
      code: {type: string, pattern: "([a-z]", description: Bad pattern one.}
      code_again: {type: string, pattern: "([a-z]", description: Bad pattern one.}
  account.deleted:
    description: An account was deleted by its owner.
    category: data_change
    actor: [user]
    fields:
      reason: {type: unknown_type}
"""

BROKEN_YAML = "domain: broken\nevents: {a: [1, 2}\n"
NOT_A_MAPPING = "- just\n- a list\n"


def _catalog(directory: Path) -> tuple[str, ...]:
    directory.mkdir(parents=True, exist_ok=True)
    for index in range(6):
        (directory / f"clean_{index}.yaml").write_text(
            CLEAN.replace("billing", f"billing{index}").replace("invoice", f"invoice{index}"),
            encoding="utf-8",
        )
    (directory / "findings.yaml").write_text(FINDINGS, encoding="utf-8")
    (directory / "broken.yaml").write_text(BROKEN_YAML, encoding="utf-8")
    (directory / "list.yaml").write_text(NOT_A_MAPPING, encoding="utf-8")
    return (str(directory),)


def _everything(findings: tuple[Finding, ...]) -> list[tuple[object, ...]]:
    return [(f.path, f.line, f.column, f.rule, f.severity, f.message, f.hint) for f in findings]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork is not available")
def test_forked_lint_gives_the_serial_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _catalog(tmp_path / "catalog")
    config = make_config(tmp_path)
    monkeypatch.setenv("REGISTRY_JOBS", "1")
    serial = lint(paths, config)
    assert {f.rule for f in serial.findings} >= {"Y001", "N001", "R001", "R008", "P002"}
    monkeypatch.delenv("REGISTRY_JOBS")
    monkeypatch.setattr(forking, "fork_allowed", lambda: True)
    monkeypatch.setattr(run_rules, "PARALLEL_MIN_FIELDS", 0)
    monkeypatch.setattr(loading_module, "PARALLEL_MIN_BYTES", 0)
    forked = lint(paths, config)
    assert _everything(forked.findings) == _everything(serial.findings)
    assert (forked.files, forked.events) == (serial.files, serial.events)
    assert forked.catalog.events == serial.catalog.events


def test_map_in_two_keeps_order_and_survives_a_failing_child(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(forking, "fork_allowed", lambda: True)
    assert forking.map_in_two(lambda n: n * n, list(range(7))) == [n * n for n in range(7)]

    def unserializable(results: list[object]) -> bytes:
        raise ValueError("cannot send")

    # the child cannot send its share: it is done here instead
    assert forking.map_in_two(str, [1, 2, 3], dumps=unserializable) == ["1", "2", "3"]


def test_map_in_two_serial_when_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGISTRY_JOBS", "1")
    assert not forking.fork_allowed()
    pid = os.getpid()
    assert forking.map_in_two(lambda _: os.getpid(), [0, 1, 2]) == [pid, pid, pid]


def test_repeated_field_specs_keep_their_own_findings_and_number_types(tmp_path: Path) -> None:
    result = lint_text(tmp_path, FINDINGS)
    # the same invalid pattern twice: reported at both places, not once
    assert sum(f.rule == "R008" for f in result.findings) == 2
    text = CLEAN.replace(
        "amount_cents: {type: integer, min: 0, description: Amount in cents.}",
        "amount_cents: {type: number, min: 1, description: Amount in cents.}\n"
        "      ratio: {type: number, min: 1.0, description: Amount in cents.}\n"
        "      flag: {type: number, min: -0.0, description: Amount in cents.}\n"
        "      other: {type: number, min: 0.0, description: Amount in cents.}",
    )
    catalog = lint_text(tmp_path, text).catalog
    minimum = {f.name: f.type.minimum for f in catalog.events[0].fields}
    assert type(minimum["amount_cents"]) is int
    assert type(minimum["ratio"]) is float
    assert str(minimum["flag"]) == "-0.0"
    assert str(minimum["other"]) == "0.0"


def test_lint_leaves_the_collector_as_it_found_it(tmp_path: Path) -> None:
    lint_text(tmp_path, CLEAN)
    assert gc.isenabled()
    gc.disable()
    try:
        lint_text(tmp_path, CLEAN)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_no_fork_while_another_thread_runs() -> None:
    import threading

    release = threading.Event()
    worker = threading.Thread(target=release.wait)
    worker.start()
    try:
        assert not forking.fork_allowed()
    finally:
        release.set()
        worker.join()


def test_map_in_two_shares_uneven_work_and_survives_our_own_failure(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import time

    monkeypatch.setattr(forking, "fork_allowed", lambda: True)
    costs = [0.2, 0.0, 0.0, 0.0, 0.0, 0.0]

    def slow(cost: float) -> int:
        time.sleep(cost)
        return os.getpid()

    pids = forking.map_in_two(slow, costs)
    # the process that took the slow item took nothing else: the other did the rest
    assert pids.count(pids[0]) == 1
    assert len(set(pids)) == 2

    def fails_here(n: int) -> int:
        if os.getpid() == parent:
            raise RuntimeError("ours failed")
        return n

    parent = os.getpid()
    many = list(range(16_000))  # the child's results outgrow a pipe's buffer
    with pytest.raises(RuntimeError, match="ours failed"):
        forking.map_in_two(fails_here, many)
