"""Parquet: the export table (`export/table.py`) with typed columns, written by DuckDB itself
(no pyarrow needed): the same columns, values and order as the CSV. The file's key-value
metadata `conflictcoder_settings` lists the settings the store's runs used (`Store.settings_used`)."""

from __future__ import annotations

import json

from ..sql import insert_rows
from .table import SCHEMA, rows


def write(store, events: list[dict], out_path) -> int:
    con = store.con
    con.execute("CREATE OR REPLACE TEMP TABLE export_rows ("
                + ", ".join(f'"{c}" {t}' for c, t in SCHEMA) + ", export_order INTEGER)")
    insert_rows(con, "export_rows", None, [[*r.values(), i] for i, r in enumerate(rows(store, events))])
    path = str(out_path).replace("'", "''")
    cols = ", ".join(f'"{c}"' for c, _ in SCHEMA)
    used = json.dumps(store.settings_used(), sort_keys=True).replace("'", "''")
    con.execute(f"COPY (SELECT {cols} FROM export_rows ORDER BY export_order) TO '{path}' "
                f"(FORMAT parquet, KV_METADATA {{conflictcoder_settings: '{used}'}})")
    con.execute("DROP TABLE export_rows")
    return len(events)
