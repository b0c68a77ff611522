"""The throw-away cluster itself: it starts, answers on its socket only, and restarts."""

from __future__ import annotations

from pg_cluster import Cluster, cluster_fixture, database_fixture, require_psycopg  # noqa: F401 - fixtures

psycopg = require_psycopg()


def test_the_cluster_answers_on_its_socket(cluster: Cluster, database: str) -> None:
    with psycopg.connect(database) as conn:
        row = conn.execute(
            "SELECT current_setting('listen_addresses'), current_setting('server_encoding')"
        ).fetchone()
    assert row == ("", "UTF8")
    assert cluster.started_in < 30, cluster.started_in
    print(f"cluster started in {cluster.started_in:.2f} s")
