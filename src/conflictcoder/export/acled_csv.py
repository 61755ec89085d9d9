"""ACLED-compatible CSV: the one export table (`export/table.py`), ACLED's columns first.

Unknown values are empty cells; list columns (article_ids, urls, ...) join their items with "; ".
"""

from __future__ import annotations

import csv

from .table import COLUMNS, rows


def write(store, events: list[dict], out_path) -> int:
    with open(out_path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        for r in rows(store, events):
            w.writerow({k: "" if v is None else v for k, v in r.items()})
    return len(events)
