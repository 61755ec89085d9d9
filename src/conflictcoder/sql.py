"""sql: rows in and out of a DuckDB connection, for the store and the stages that write to it.

Why apart from store/duckdb_store.py: the linker reads mentions and writes events through the
store's connection, and the store (schema, migrations, `add`) is the layer above it; with these
helpers here the linker needs no import of the store, and the store may use the linker.

What it does not do: open connections or know the schema (the store does).
"""

from __future__ import annotations

from typing import Any, Protocol


class Connected(Protocol):
    """Anything holding an open DuckDB connection as `con` (a `store.duckdb_store.Store`)."""

    con: Any


def insert_rows(con, table: str, cols: list[str] | str | None, rows: list[list]) -> None:
    """INSERT many rows in one statement: one list parameter per column, unnested side by side
    (executemany runs one statement per row, far too slow for 100,000 links or a batch of
    articles). `cols` names the columns (a list or the SQL list text); None means all, in order."""
    if not rows:
        return
    if isinstance(cols, list):
        cols = ", ".join(cols)
    target = f"{table} ({cols})" if cols else table
    select = ", ".join("unnest(?)" for _ in rows[0])
    con.execute(f"INSERT INTO {target} SELECT {select}", [list(c) for c in zip(*rows)])


def dicts(con, sql: str, params: list | None = None) -> list[dict]:
    """The rows of a query as dicts keyed by column name."""
    cur = con.execute(sql, params or [])
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]
