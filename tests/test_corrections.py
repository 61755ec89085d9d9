"""Corrections on a real store: kept beside the machine's values, laid over them on read,
following their event through a re-link, and in every export."""

from __future__ import annotations

import csv
import json

import duckdb
import pytest

from conflictcoder import corrections
from conflictcoder.export import export
from conflictcoder.lexicon import data_path
from conflictcoder.link.linker import link
from conflictcoder.store.duckdb_store import Store


@pytest.fixture()
def store(db_file, tmp_path):
    import shutil

    path = tmp_path / "events.duckdb"
    shutil.copy(db_file, path)
    with Store(path) as s:
        yield s


def pick(store, place: str) -> dict:
    return next(e for e in corrections.events(store) if e["location"] and place in e["location"])


def test_taxonomy_holds_every_pair_the_trigger_lexicon_gives():
    tax = corrections.taxonomy()
    assert len(tax) == 6 and sum(len(v) for v in tax.values()) == 25
    rows = [line for line in open(data_path("triggers.csv"), encoding="utf-8") if not line.startswith("#")]
    reader = csv.DictReader(rows)
    pairs = {(r["event_type"], r["sub_event_type"]) for r in reader if r.get("event_type")}
    assert pairs and all(sub in tax.get(t, ()) for t, sub in pairs), sorted(p for p in pairs if p[1] not in tax.get(p[0], ()))


def test_a_correction_overlays_without_touching_the_machine_row(store):
    ev = pick(store, "Kharkiv")
    rows = corrections.record(store, ev["event_id"], {"fatalities": 40, "location": "Kharkiv oblast"},
                              author="ana", reason="regional authorities")
    assert {r["field"] for r in rows} == {"fatalities", "location"}
    assert next(r for r in rows if r["field"] == "fatalities")["original"] == str(ev["fatalities_best"])
    got = pick(store, "Kharkiv")
    assert got["fatalities_best"] == 40 and got["location"] == "Kharkiv oblast"
    assert got["fatalities_high"] >= 40 and got["fatalities_low"] <= 40
    assert got["corrected"] == ["fatalities", "location"]
    machine = store.con.execute("SELECT fatalities_best, location FROM events WHERE event_id = ?",
                                [ev["event_id"]]).fetchone()
    assert machine == (ev["fatalities_best"], ev["location"])
    # filters see the corrected value
    assert ev["event_id"] in {e["event_id"] for e in corrections.events(store, country="UA")}


@pytest.mark.parametrize("changes, author, reason, error", [
    ({"colour": "red"}, "ana", "x", ValueError),
    ({}, "ana", "x", ValueError),
    ({"fatalities": 3}, " ", "x", ValueError),
    ({"fatalities": 3}, "ana", "", ValueError),
])
def test_bad_corrections_store_nothing(store, changes, author, reason, error):
    ev = pick(store, "Kharkiv")
    with pytest.raises(error):
        corrections.record(store, ev["event_id"], changes, author=author, reason=reason)
    with pytest.raises(KeyError):
        corrections.record(store, "EVnope", {"fatalities": 1}, author="ana", reason="x")
    assert store.con.execute("SELECT count(*) FROM corrections").fetchone()[0] == 0


def test_a_correction_follows_its_event_through_a_rebuild(store):
    ev = pick(store, "Mogadishu")
    corrections.record(store, ev["event_id"], {"fatalities": 31}, author="ana", reason="police")
    # a re-link from scratch gives events new ids; the fix follows the event's first report
    store.con.execute("UPDATE events SET event_id = 'EVold' || event_id WHERE event_id = ?", [ev["event_id"]])
    store.con.execute("UPDATE event_mentions SET event_id = 'EVold' || event_id WHERE event_id = ?", [ev["event_id"]])
    got = pick(store, "Mogadishu")
    assert got["event_id"] != ev["event_id"] and got["fatalities_best"] == 31 and got["corrected"] == ["fatalities"]
    link(store, rebuild=True)
    got = pick(store, "Mogadishu")
    assert got["fatalities_best"] == 31 and got["corrected"] == ["fatalities"]
    # a fix made on the event itself wins over the one that followed a report there
    corrections.record(store, got["event_id"], {"fatalities": 29}, author="bo", reason="hospital")
    assert pick(store, "Mogadishu")["fatalities_best"] == 29
    history = corrections.for_event(store, got["event_id"])
    assert [(h["value"], h["applied"]) for h in history] == [("29", True), ("31", False)]


def test_a_corrected_place_is_the_analysts_in_the_jsonl_record(store, tmp_path):
    ev = pick(store, "Kharkiv")
    corrections.record(store, ev["event_id"], {"location": "Chuhuiv", "lat": 49.84, "lon": 36.69, "geonames_id": None},
                       author="ana", reason="local source")
    export(store, "jsonl", tmp_path / "e.jsonl")
    rec = next(r for r in map(json.loads, open(tmp_path / "e.jsonl")) if r["event_id"] == ev["event_id"])
    assert rec["place"]["name"] == "Chuhuiv" and rec["place"]["lat"] == 49.84 and rec["place"]["span"] is None
    assert "analyst" in rec["place"]["reason"]
    assert rec["date"]["span"] is not None  # fields not corrected keep the machine's evidence


def test_inter_codes_recompute_the_interaction(store):
    ev = next(e for e in corrections.events(store) if e["inter1"] and e["inter2"])
    corrections.record(store, ev["event_id"], {"inter2": 7}, author="ana", reason="civilians")
    got = next(e for e in corrections.events(store) if e["event_id"] == ev["event_id"])
    assert got["interaction"] == min(ev["inter1"], 7) * 10 + max(ev["inter1"], 7)


@pytest.mark.parametrize("fmt", ["acled-csv", "geojson", "jsonl", "parquet"])
def test_every_export_writes_the_correction_and_says_so(store, tmp_path, fmt):
    ev = pick(store, "Kharkiv")
    corrections.record(store, ev["event_id"], {"fatalities": 41}, author="ana", reason="x")
    out = tmp_path / f"events.{fmt}"
    assert export(store, fmt, out) == len(corrections.events(store))
    if fmt == "acled-csv":
        rows = {r["event_id"]: r for r in csv.DictReader(open(out, encoding="utf-8"))}
        row = rows[ev["event_id"]]
        assert (row["fatalities"], row["corrected"]) == ("41", "fatalities")
        assert {r["corrected"] for k, r in rows.items() if k != ev["event_id"]} == {""}
    elif fmt == "geojson":
        feats = {f["properties"]["event_id"]: f["properties"] for f in json.load(open(out))["features"]}
        assert feats[ev["event_id"]]["fatalities"] == 41 and feats[ev["event_id"]]["corrected"] == "fatalities"
    elif fmt == "jsonl":
        recs = {r["event_id"]: r for r in map(json.loads, open(out, encoding="utf-8"))}
        r = recs[ev["event_id"]]
        assert r["fatalities"] == 41 and r["corrected"] == ["fatalities"]
        assert r["corrections"][0]["original"] == str(ev["fatalities_best"]) and r["corrections"][0]["author"] == "ana"
    else:
        con = duckdb.connect()
        row = con.execute("SELECT fatalities, corrected FROM read_parquet(?) WHERE event_id = ?",
                          [str(out), ev["event_id"]]).fetchall()
        assert row == [(41, "fatalities")]
