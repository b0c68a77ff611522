"""Reading the trail: the `records` view over JSON Lines and Parquet logs (DuckDB), filters
that become bound parameters, the keyed-hash search for one person, output formats and the
auditor's export archive. DuckDB is the `query` extra: imported only here, when a query runs.
"""
