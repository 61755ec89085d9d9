"""Parquet: the events table with corrections laid over it (a `corrected` list column), written
by DuckDB itself (no pyarrow needed)."""

from __future__ import annotations


def write(store, events: list[dict], out_path) -> int:
    from ..corrections import corrected_events_sql

    ids = [e["event_id"] for e in events]
    con = store.con
    con.execute("CREATE OR REPLACE TEMP TABLE export_ids (event_id VARCHAR)")
    if ids:
        con.executemany("INSERT INTO export_ids VALUES (?)", [[i] for i in ids])
    path = str(out_path).replace("'", "''")
    con.execute(
        f"COPY (SELECT e.* FROM ({corrected_events_sql()}) e JOIN export_ids USING (event_id) ORDER BY e.date_start, e.event_id)"
        f" TO '{path}' (FORMAT parquet)"
    )
    return len(ids)
