"""export: ACLED-compatible CSV, GeoJSON points, Parquet, JSON Lines, one row per event.

CSV, Parquet and GeoJSON write one table (`export/table.py`: ACLED's columns first, ours after,
newest event first); JSON Lines writes the `annotate` event shape with the same order. Every
format writes the analysts' corrected values (`conflictcoder.corrections`) and names the fields
an analyst changed in a `corrected` column; the machine's originals stay in the store.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

FORMATS = ("acled-csv", "geojson", "parquet", "jsonl")
# file name endings that say a format; `--format` must agree with them (x.csv is never Parquet)
SUFFIXES = {".csv": "acled-csv", ".geojson": "geojson", ".parquet": "parquet", ".pq": "parquet",
            ".jsonl": "jsonl", ".ndjson": "jsonl"}


class Written(int):
    """How many events were written (an int, as before), and how many of them have no point
    (`no_point`: in GeoJSON with a null geometry; everywhere with empty coordinates)."""

    no_point: int = 0


def format_for(out_path: str | Path, fmt: str | None) -> str:
    """The format to write: `fmt`, or the one the file name says; ValueError when they disagree."""
    suffix = Path(out_path).suffix.lower()
    named = SUFFIXES.get(suffix)
    if fmt is None:
        return named or "acled-csv"
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    if named is not None and named != fmt:
        raise ValueError(f"--format {fmt} does not match the file name {Path(out_path).name} ({suffix} is {named});"
                         f" name the file for its format or drop --format")
    return fmt


def export(store, fmt: str, out_path: str | Path, country: str | None = None,
           since: dt.date | None = None, until: dt.date | None = None, event_type: str | None = None,
           events: list[dict] | None = None) -> Written:
    """Write the store's events in `fmt` to `out_path`; returns the number of events written.

    `events` (corrected event rows, e.g. the web app's filtered view) replaces the filters."""
    from .. import corrections
    from . import acled_csv, geojson, jsonl, parquet

    writers = {"acled-csv": acled_csv.write, "geojson": geojson.write, "parquet": parquet.write, "jsonl": jsonl.write}
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    if events is None:
        events = corrections.events(store, country=country, since=since, until=until, event_type=event_type)
    written = Written(writers[fmt](store, events, out_path))
    written.no_point = sum(1 for e in events if e["lat"] is None or e["lon"] is None)
    return written
