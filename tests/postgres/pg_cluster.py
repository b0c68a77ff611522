"""A throw-away PostgreSQL cluster for the tests: initdb + pg_ctl from Debian's postgresql.

The cluster lives in a temporary directory and listens only on a Unix socket in that
directory (no TCP port, so parallel runs cannot clash). PostgreSQL refuses to run as root: as
root the server runs as ``nobody`` (``runuser``), the directory owned by it. Outside CI a
missing server or psycopg skips the tests with the reason; with ``CI=true`` it fails them.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

SUPERUSER = "postgres"
SERVER_USER = "nobody"


def unavailable(reason: str) -> None:
    """Skip (outside CI) or fail (``CI=true``): the real component is missing."""
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


def require_psycopg() -> ModuleType:
    """psycopg, or skip (fail under CI) the module that needs it."""
    try:
        import psycopg
    except ImportError:
        unavailable("psycopg is not installed (pip install 'audit-registry-runtime[postgres]')")
        raise
    return psycopg


def find_bin() -> Path | None:
    """The newest Debian PostgreSQL bin directory with initdb and pg_ctl, if any."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: (
            int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0
        ),
    )
    for initdb in reversed(found):
        directory = Path(initdb).parent
        if (directory / "pg_ctl").exists():
            return directory
    return None


@dataclass
class Cluster:
    """A running cluster: its directory, socket directory and how to run its tools."""

    bin: Path
    root: Path
    started_in: float

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> str:
        return str(self.root)

    def conninfo(self, user: str = SUPERUSER, dbname: str = "postgres", **extra: str) -> str:
        parts = [f"host={self.socket_dir}", f"user={user}", f"dbname={dbname}"]
        parts += [f"{key}={value}" for key, value in extra.items()]
        return " ".join(parts)

    def run(self, *argv: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin / argv[0]), *argv[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", SERVER_USER, "--", *command]
        return subprocess.run(
            command, check=check, capture_output=True, text=True, timeout=60, cwd=self.root
        )

    def pg_ctl(self, action: str, *extra: str) -> None:
        options = (
            f"-k {self.socket_dir} -c listen_addresses='' -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
        )
        self.run(
            "pg_ctl", action, "-D", str(self.data), "-w", "-t", "30", "-m", "fast",
            "-l", str(self.root / "server.log"), "-o", options, *extra,
        )  # fmt: skip

    def restart(self) -> None:
        self.pg_ctl("restart")

    def stop(self) -> None:
        self.pg_ctl("stop")

    def start(self) -> None:
        self.pg_ctl("start")


def start_cluster() -> Cluster:
    """initdb and start a cluster in a new temporary directory (skips or fails if missing)."""
    require_psycopg()
    directory = find_bin()
    if directory is None:
        unavailable("PostgreSQL's initdb/pg_ctl not found under /usr/lib/postgresql/*/bin")
    assert directory is not None
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        unavailable("running as root without runuser: cannot start PostgreSQL unprivileged")
    started = time.perf_counter()
    root = Path(tempfile.mkdtemp(prefix="registry-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, SERVER_USER)
    cluster = Cluster(directory, root, 0.0)
    cluster.run(
        "initdb", "-D", str(cluster.data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
        "--locale=C", "--no-sync", "--no-instructions",
    )  # fmt: skip
    cluster.start()
    cluster.started_in = time.perf_counter() - started
    return cluster


def remove_cluster(cluster: Cluster) -> None:
    cluster.run("pg_ctl", "stop", "-D", str(cluster.data), "-m", "immediate", "-w", check=False)
    shutil.rmtree(cluster.root, ignore_errors=True)


_shared: list[Cluster] = []


def shared_cluster() -> Cluster:
    """One cluster for this process, started on first use and removed at exit (for tests
    outside tests/postgres, which cannot use its session fixture)."""
    if not _shared:
        import atexit

        _shared.append(start_cluster())
        atexit.register(remove_cluster, _shared[0])
    return _shared[0]


_databases = itertools.count()


@pytest.fixture(name="cluster")
def cluster_fixture() -> Cluster:
    """The process's throw-away cluster (`shared_cluster`). Test modules import this fixture
    (no conftest.py here: the test helpers import the root conftest by name)."""
    return shared_cluster()


@pytest.fixture(name="database")
def database_fixture(cluster: Cluster) -> str:
    """A fresh database of the cluster for one test: its conninfo (as the superuser)."""
    psycopg = require_psycopg()
    name = f"t{os.getpid()}_{next(_databases)}"
    with psycopg.connect(cluster.conninfo(), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return cluster.conninfo(dbname=name)
