"""Fixtures of the PostgreSQL tests: one throw-away cluster per session (`pg_cluster`)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from pg_cluster import Cluster, remove_cluster, start_cluster

_databases = itertools.count()


@pytest.fixture(scope="session")
def cluster() -> Iterator[Cluster]:
    started = start_cluster()
    try:
        yield started
    finally:
        remove_cluster(started)


@pytest.fixture
def database(cluster: Cluster) -> str:
    """A fresh database of the cluster for one test: its conninfo (as the superuser)."""
    import psycopg

    name = f"t{next(_databases)}"
    with psycopg.connect(cluster.conninfo(), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return cluster.conninfo(dbname=name)
