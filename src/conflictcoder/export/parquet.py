"""Parquet: the export table (`export/table.py`) with typed columns, written by DuckDB itself
(no pyarrow needed): the same columns, values and order as the CSV."""

from __future__ import annotations

from ..sql import insert_rows
from .table import SCHEMA, rows


def write(store, events: list[dict], out_path) -> int:
    con = store.con
    con.execute("CREATE OR REPLACE TEMP TABLE export_rows ("
                + ", ".join(f'"{c}" {t}' for c, t in SCHEMA) + ", export_order INTEGER)")
    insert_rows(con, "export_rows", None, [[*r.values(), i] for i, r in enumerate(rows(store, events))])
    path = str(out_path).replace("'", "''")
    cols = ", ".join(f'"{c}"' for c, _ in SCHEMA)
    con.execute(f"COPY (SELECT {cols} FROM export_rows ORDER BY export_order) TO '{path}' (FORMAT parquet)")
    con.execute("DROP TABLE export_rows")
    return len(events)
