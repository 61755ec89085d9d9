"""bulk: store a batch of articles with a handful of statements instead of one per row.

`Store.add` writes each article, mention, count and evidence span with its own INSERT: right
for one article, but at a few hundred articles a second the single process that owns the store
(the driver of a pool or of a Dask run) spends more time in DuckDB than the workers spend
extracting. `add_batch` runs the store's own row-building code (`Store._insert_article`, so
the schema stays defined in one place) against a recorder that collects the INSERTs, then
writes each table's rows in one statement (`INSERT ... SELECT unnest(?), ...`), all in one
transaction. Articles already stored, or twice in the batch, are skipped as `Store.add` does.

Anything the recorder does not understand (a statement other than `INSERT ... VALUES (?, ...)`,
or DuckDB refusing a column's values) falls back to `Store.add` for the batch: same result,
only slower.

What it does not do: decide what is stored (the store does) or link.
"""

from __future__ import annotations

import re

from ..model import Annotations
from ..sql import insert_rows
from ..store.duckdb_store import AddResult

_INSERT = re.compile(r"\s*INSERT\s+INTO\s+(\w+)\s*(\(([^)]*)\))?\s*VALUES\s*\(([?,\s]*)\)\s*$", re.IGNORECASE | re.DOTALL)


class _Unsupported(Exception):
    pass


class _Recorder:
    """Stands in for the store's connection while rows are built; keeps INSERTs by statement."""

    def __init__(self):
        self.groups: dict[str, list[list]] = {}

    def execute(self, sql: str, params=None):
        if not _INSERT.match(sql):
            raise _Unsupported(sql)
        self.groups.setdefault(sql, []).append(list(params or []))
        return self

    def executemany(self, sql: str, rows):
        for row in rows:
            self.execute(sql, row)
        return self


def add_batch(store, batch: list[Annotations]):
    """Like `store.add(batch)` (same rows, same skipping, one transaction), in bulk."""
    if not batch:
        return AddResult()
    ids = [ann.article.id for ann in batch]
    stored = {r[0] for r in store.con.execute(
        "SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()}
    result = AddResult()
    new: list[Annotations] = []
    for ann in batch:
        if ann.article.id in stored:
            result.articles_skipped += 1
            continue
        stored.add(ann.article.id)
        new.append(ann)
        result.articles_added += 1
        result.mentions_added += len(ann.events)
    recorder, con = _Recorder(), store.con
    store.con = recorder
    try:
        for ann in new:
            store._insert_article(ann)
    except _Unsupported:
        return store.add(batch)
    finally:
        store.con = con
    con.execute("BEGIN TRANSACTION")
    try:
        for sql, rows in recorder.groups.items():
            m = _INSERT.match(sql)
            insert_rows(con, m[1], m[3], rows)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        return store.add(batch)  # a column DuckDB would not take in bulk: the slow, sure way
    return result
