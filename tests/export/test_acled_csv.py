"""ACLED CSV export: text a spreadsheet would run as a formula is defused; numbers stay numbers."""

from __future__ import annotations

import csv
import shutil

import pytest

from conflictcoder import corrections
from conflictcoder.export import export
from conflictcoder.export.acled_csv import no_formula
from conflictcoder.store.duckdb_store import Store


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"http://x.example\",\"open\")", "'=HYPERLINK(\"http://x.example\",\"open\")"),
    ("+1 555", "'+1 555"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("Tell Xyz", "Tell Xyz"), ("", ""), (-12.5, -12.5), (-3, -3), (None, None),
])
def test_no_formula(value, expected):
    assert no_formula(value) == expected


def test_export_defuses_formulas_from_corrected_text(demo_store_file, tmp_path):
    db = tmp_path / "events.duckdb"
    shutil.copy(demo_store_file, db)
    with Store(db) as store:
        ev = corrections.events(store)[0]
        corrections.record(store, ev["event_id"], {"actor1": "=cmd|' /C calc'!A0", "location": "@SUM(1+1)*cmd"},
                           author="mallory", reason="test")
        export(store, "acled-csv", tmp_path / "events.csv")
    rows = {r["event_id"]: r for r in csv.DictReader(open(tmp_path / "events.csv", encoding="utf-8"))}
    assert rows[ev["event_id"]]["actor1"] == "'=cmd|' /C calc'!A0"
    assert rows[ev["event_id"]]["location"] == "'@SUM(1+1)*cmd"
    assert all(not v.startswith(("=", "+", "@")) for r in rows.values() for v in r.values())
