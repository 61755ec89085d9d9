"""ACLED-compatible CSV: the one export table (`export/table.py`), ACLED's columns first.

Unknown values are empty cells; list columns (article_ids, urls, ...) join their items with "; ".

Text cells that a spreadsheet would take for a formula (starting with =, +, -, @, tab or
carriage return: an actor or place name from an article, a note) are written with a leading
apostrophe, as OWASP advises; numbers are written as they are.
"""

from __future__ import annotations

import csv

from .table import COLUMNS, rows


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def no_formula(value):
    """A text cell a spreadsheet would run as a formula ("=HYPERLINK(...)"), defused with a
    leading apostrophe; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write(store, events: list[dict], out_path) -> int:
    with open(out_path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        for r in rows(store, events):
            w.writerow({k: "" if v is None else no_formula(v) for k, v in r.items()})
    return len(events)
