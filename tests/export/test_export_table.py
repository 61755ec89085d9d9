"""Every export on a real store written by `conflictcoder run`: one schema (ACLED's current
columns first, ours after), one order, the user's own article ids, ACLED's codes; read back by
pandas and pyarrow, and by GDAL's ogrinfo when Debian's gdal-bin is installed."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess

import pytest

from conflictcoder.export.table import ACLED, COLUMNS, interaction
from tests.test_cli import cli

FEED = [
    {"id": "rep-001", "url": "https://news.example/1", "outlet": "Daily Example", "title": "Strike on market",
     "published": "2022-07-04", "text": "Air strikes killed 14 civilians in the town of Atarib in Aleppo province on Sunday, "
                                        "the Observatory said."},
    {"id": "rep-002", "url": "https://news.example/2", "outlet": "Evening Example", "title": "Farmers shot",
     "published": "2022-07-05", "text": "Gunmen shot dead two farmers on Monday, police said."},
    {"id": "rep-003", "url": "https://news.example/3", "outlet": "Daily Example", "title": "Shelling in Marib",
     "published": "2022-07-06", "text": "Houthi shelling killed three civilians in Marib on Tuesday, local officials said."},
]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    d = tmp_path_factory.mktemp("exports")
    (d / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in FEED), encoding="utf-8")
    db = d / "events.duckdb"
    proc = cli("run", d / "feed.jsonl", "--db", db)
    assert proc.returncode == 0, proc.stderr
    out = {}
    for fmt, name in (("acled-csv", "events.csv"), ("parquet", "events.parquet"), ("geojson", "events.geojson"),
                      ("jsonl", "events.jsonl")):
        proc = cli("export", "--db", db, "--format", fmt, "-o", d / name)
        assert proc.returncode == 0, proc.stderr
        out[fmt] = (d / name, proc.stderr)
    out["db"] = db
    return out


def test_csv_parquet_and_geojson_have_one_schema_and_one_order(exported):
    pd = pytest.importorskip("pandas")
    pq = pytest.importorskip("pyarrow.parquet")
    frame = pd.read_csv(exported["acled-csv"][0])
    table = pq.read_table(exported["parquet"][0])
    feats = json.load(open(exported["geojson"][0], encoding="utf-8"))["features"]
    assert list(frame.columns) == table.column_names == list(feats[0]["properties"]) == COLUMNS
    assert COLUMNS[: len(ACLED)] == [c for c, _ in ACLED]  # ACLED's columns first, in ACLED's order
    ids = frame["event_id"].tolist()
    assert ids == table.column("event_id").to_pylist() == [f["properties"]["event_id"] for f in feats]
    jsonl = [json.loads(x)["event_id"] for x in open(exported["jsonl"][0], encoding="utf-8")]
    assert jsonl == ids
    dates = frame["event_date"].tolist()
    assert dates == sorted(dates, reverse=True)  # newest first everywhere
    assert frame["fatalities"].tolist() == table.column("fatalities").to_pylist()
    assert str(table.schema.field("latitude").type) == "double" and str(table.schema.field("iso").type) == "int32"


def test_the_users_article_ids_urls_outlets_and_titles_reach_every_export(exported):
    rows = {r["input_ids"]: r for r in csv.DictReader(open(exported["acled-csv"][0], encoding="utf-8"))}
    assert set(rows) == {"rep-001", "rep-002", "rep-003"}
    assert rows["rep-001"]["urls"] == "https://news.example/1" and rows["rep-001"]["titles"] == "Strike on market"
    assert rows["rep-002"]["source"] == "Evening Example"  # ACLED's source: who published the report
    assert "police" in rows["rep-002"]["sources_quoted"].lower()  # who the report quotes, apart
    for line in open(exported["jsonl"][0], encoding="utf-8"):
        m = json.loads(line)["mentions"][0]
        assert m["input_id"].startswith("rep-") and m["url"].startswith("https://news.example/")


def test_acled_named_columns_hold_what_acleds_hold(exported):
    rows = {r["input_ids"]: r for r in csv.DictReader(open(exported["acled-csv"][0], encoding="utf-8"))}
    syria, yemen = rows["rep-001"], rows["rep-003"]
    assert (syria["iso"], syria["country"], syria["region"], syria["iso3"]) == ("760", "Syria", "Middle East", "SYR")
    assert yemen["iso"] == "887" and re.fullmatch(r"YEM\d+", yemen["event_id_cnty"])
    assert yemen["inter2"] == "Civilians" and yemen["interaction"].endswith("-Civilians")
    assert yemen["inter1_code"] and yemen["inter1"] != yemen["inter1_code"]  # text label, code kept apart
    assert yemen["notes"].startswith("On 2022-07-05,") and "3 fatalities" in yemen["notes"]
    assert "Houthi shelling" in yemen["evidence"]  # the report's own words are the evidence, not the notes
    assert yemen["timestamp"].isdigit()


@pytest.mark.parametrize("inter1, inter2, text", [
    (1, 7, "State forces-Civilians"), (7, 2, "Rebel group-Civilians"), (6, None, "Protesters only"), (None, 7, None),
])
def test_interaction_follows_acleds_2024_labels(inter1, inter2, text):
    assert interaction(inter1, inter2) == text


def test_geojson_keeps_events_without_a_point_and_writes_null_for_unknown_numbers(exported):
    path, stderr = exported["geojson"]
    feats = json.load(open(path, encoding="utf-8"))["features"]
    assert len(feats) == 3
    nowhere = [f for f in feats if f["geometry"] is None]
    assert len(nowhere) == 1 and nowhere[0]["properties"]["input_ids"] == "rep-002"
    assert nowhere[0]["properties"]["latitude"] is None and nowhere[0]["properties"]["iso"] is None
    assert all(v != "" for f in feats for v in f["properties"].values())
    assert "1 without a point" in stderr


@pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="GDAL's ogrinfo missing (apt-get install gdal-bin)")
def test_gdal_reads_numbers_as_numbers_and_every_feature(exported):
    info = subprocess.run(["ogrinfo", "-so", "-al", str(exported["geojson"][0])], capture_output=True, text=True,
                          timeout=60).stdout
    assert "Feature Count: 3" in info
    for column, kind in (("fatalities", "Integer"), ("latitude", "Real"), ("iso", "Integer"),
                         ("geo_precision", "Integer"), ("event_date", "Date")):
        assert re.search(rf"^{column}: {kind}", info, re.M), (column, info)
    info = subprocess.run(["ogrinfo", "-so", "-al", str(exported["parquet"][0])], capture_output=True, text=True,
                          timeout=60)
    if info.returncode == 0:  # Debian's GDAL reads Parquet only with the arrow driver
        assert "Feature Count: 3" in info.stdout


def test_the_web_api_shows_each_reports_own_id(exported):
    from fastapi.testclient import TestClient

    from conflictcoder.web.app import create_app

    with TestClient(create_app(exported["db"], token="t"), base_url="http://127.0.0.1",
                    client=("127.0.0.1", 40000)) as c:
        events = c.get("/api/events").json()["events"]
        ids = {a["input_id"] for e in events for a in c.get(f"/api/events/{e['event_id']}").json()["articles"]}
    assert ids == {"rep-001", "rep-002", "rep-003"}
