"""Checkpoints are fsynced as the records are: with ``fsync="always"`` or ``"batch"`` each
checkpoint line reaches the disk before `seal` returns; with ``"never"`` none is forced."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from integrity_helpers import signer

from registry_runtime import JsonLinesSink


@pytest.mark.parametrize(("mode", "forced"), [("always", True), ("batch", True), ("never", False)])
def test_checkpoint_file_is_fsynced_unless_never(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str, forced: bool
) -> None:
    log = tmp_path / "audit.jsonl"
    sink = JsonLinesSink(str(log), signer=signer(), checkpoint_every=2, fsync=mode)  # type: ignore[arg-type]
    synced: list[str] = []
    real = os.fsync

    def spy(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real(fd)

    monkeypatch.setattr(os, "fsync", spy)
    for n in range(2):
        sink.write({"n": n}, b'{"n":%d}' % n)
    monkeypatch.undo()
    sink.close()
    checkpoints = str(log) + ".checkpoints"
    assert (checkpoints in synced) is forced, synced
