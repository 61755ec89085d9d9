"""export: ACLED-compatible CSV, GeoJSON points, Parquet, JSON Lines, one row per event.

Every format writes the analysts' corrected values (`conflictcoder.corrections`) and names the
fields an analyst changed in a `corrected` column; the machine's originals stay in the store.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

FORMATS = ("acled-csv", "geojson", "parquet", "jsonl")


def export(store, fmt: str, out_path: str | Path, country: str | None = None,
           since: dt.date | None = None, until: dt.date | None = None) -> int:
    """Write the store's events in `fmt` to `out_path`; returns the number of events written."""
    from .. import corrections
    from . import acled_csv, geojson, jsonl, parquet

    writers = {"acled-csv": acled_csv.write, "geojson": geojson.write, "parquet": parquet.write, "jsonl": jsonl.write}
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    events = corrections.events(store, country=country, since=since, until=until)
    return writers[fmt](store, events, out_path)
