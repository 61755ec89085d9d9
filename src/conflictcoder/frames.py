"""frames: event mentions as pandas or polars DataFrames, for analysts working in notebooks.

Why: `Annotations.events` is a list of nested dataclasses; an analyst wants one row per event
with the article's own id, URL and title beside it, to filter, count and join back to their
corpus. `to_pandas(anns)` / `to_polars(anns)` (also `ann.to_pandas()`) give that; the stored,
linked dataset is `store_to_pandas(db)` (the export table of `export/table.py`).

What it does not do: install pandas or polars (`pip install conflictcoder[analysis]`), or link
mentions across articles (that is `run` and the store).
"""

from __future__ import annotations

from pathlib import Path

from .mention_table import COLUMNS, mention_rows, need, to_pandas, to_polars  # noqa: F401 - frames' public names


def store_to_pandas(db: str | Path):
    """A store's linked events (corrections applied) as a pandas DataFrame: the export table."""
    pd = need("pandas")
    from . import corrections
    from .export.table import COLUMNS as TABLE, rows
    from .store.duckdb_store import Store

    with Store(db, read_only=True) as store:
        return pd.DataFrame(rows(store, corrections.events(store)), columns=TABLE)
