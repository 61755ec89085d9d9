"""The command line on real files and a real DuckDB file: bad input, idempotence, exports."""

import csv
import json
import os
import subprocess
import sys

import duckdb
import pytest

GOOD = "date 2024-03-12\n\nAir strikes hit the town of Atarib in Aleppo province overnight, killing at least 12 civilians, the White Helmets said.\n"
GOOD2 = "date 2024-03-13\n\nHouthi shelling killed three civilians in Marib on Tuesday, local officials said.\n"


def cli(*args, timeout=600):
    env = {**os.environ, "COLUMNS": "250"}
    return subprocess.run([sys.executable, "-m", "conflictcoder.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, env=env)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("corpus")
    (d / "good.txt").write_text(GOOD)
    (d / "good2.txt").write_text(GOOD2)
    (d / "empty.txt").write_text("")
    (d / "nodate.txt").write_text("Air strikes hit the town.\n")
    (d / "baddate.txt").write_text("date 2024-13-45\n\nText.\n")
    (d / "binary.txt").write_bytes(b"date 2024-03-12\n\n\xff\xfe\x00\x01garbage")
    (d / "feed.jsonl").write_text(
        json.dumps({"published": "2024-03-14", "text": "Clashes between the army and rebels near Goma killed 9 fighters on Wednesday."}) + "\n"
        + "{not json\n"
    )
    return d


@pytest.fixture(scope="module")
def db(corpus, tmp_path_factory):
    path = tmp_path_factory.mktemp("db") / "events.duckdb"
    proc = cli("run", corpus, "--db", path)
    return path, proc


def test_bad_input_is_reported_and_the_rest_stored(db):
    path, proc = db
    assert proc.returncode == 2, proc.stderr
    for name in ("empty.txt", "nodate.txt", "baddate.txt", "binary.txt", "feed.jsonl:2"):
        lines = [ln for ln in proc.stderr.splitlines() if name in ln]
        assert lines, (name, proc.stderr)
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("select count(*) from articles").fetchone()[0] == 3
    assert con.execute("select count(*) from rejections").fetchone()[0] == 5
    assert con.execute("select count(*) from events").fetchone()[0] >= 3
    con.close()
    assert "events" in proc.stdout and "fatalities" in proc.stdout


def test_rerun_adds_nothing(db, corpus):
    path, _ = db
    con = duckdb.connect(str(path), read_only=True)
    before = con.execute("select (select count(*) from articles), (select count(*) from mentions), (select count(*) from events)").fetchone()
    con.close()
    proc = cli("run", corpus / "good.txt", corpus / "good2.txt", "--db", path)
    assert proc.returncode == 0, proc.stderr
    con = duckdb.connect(str(path), read_only=True)
    after = con.execute("select (select count(*) from articles), (select count(*) from mentions), (select count(*) from events)").fetchone()
    con.close()
    assert after == before


def test_exports(db, tmp_path):
    path, _ = db
    out = tmp_path / "events.csv"
    assert cli("export", "--db", path, "--format", "acled-csv", "-o", out).returncode == 0
    rows = list(csv.DictReader(open(out)))
    assert rows and {"event_date", "event_type", "sub_event_type", "actor1", "latitude", "longitude",
                     "geo_precision", "time_precision", "fatalities", "source", "notes"} <= set(rows[0])
    jl = tmp_path / "events.jsonl"
    assert cli("export", "--db", path, "--format", "jsonl", "-o", jl).returncode == 0
    events = [json.loads(x) for x in open(jl)]
    assert all(isinstance(e["fatalities"], (int, float)) for e in events)
    assert sum(e["fatalities"] for e in events) == sum(int(r["fatalities"]) for r in rows)
    gj = tmp_path / "events.geojson"
    assert cli("export", "--db", path, "--format", "geojson", "-o", gj, "--country", "SY").returncode == 0
    feats = json.load(open(gj))["features"]
    assert feats and all(f["properties"]["country_code"] == "SY" for f in feats) if feats and "country_code" in feats[0]["properties"] else feats
    pq = tmp_path / "events.parquet"
    assert cli("export", "--db", path, "--format", "parquet", "-o", pq).returncode == 0
    assert duckdb.connect().execute(f"select count(*) from '{pq}'").fetchone()[0] == len(rows)


def test_events_table_and_missing_db(db, tmp_path):
    path, _ = db
    proc = cli("events", "--db", path, "--country", "YE")
    assert proc.returncode == 0 and "Shelling" in proc.stdout and "YE" in proc.stdout
    proc = cli("events", "--db", tmp_path / "nope.duckdb")
    assert proc.returncode == 2 and "nope.duckdb" in proc.stderr


def test_annotate_unknown_layer_is_a_clear_error(corpus):
    proc = cli("annotate", corpus / "good.txt", "--layers", "dates,weather")
    assert proc.returncode == 2 and "weather" in proc.stderr


def test_analyst_merge_split_and_rebuild(corpus, tmp_path):
    db = tmp_path / "analyst.duckdb"
    cli("run", corpus / "good.txt", corpus / "good2.txt", "--db", db)
    con = duckdb.connect(str(db), read_only=True)
    ids = [r[0] for r in con.execute("select event_id from events order by event_id").fetchall()]
    con.close()
    assert len(ids) == 2
    shown = cli("events", "--db", db)
    assert ids[0] in shown.stdout and ids[1] in shown.stdout
    r = cli("merge", ids[0], ids[1], "--db", db, "--author", "ana", "--reason", "same strike")
    assert r.returncode == 0, r.stderr
    listed = cli("mentions", ids[0], "--db", db)
    con = duckdb.connect(str(db), read_only=True)
    mentions = [r[0] for r in con.execute("select mention_id from event_mentions where event_id = ?", [ids[0]]).fetchall()]
    con.close()
    assert len(mentions) == 2 and all(m in listed.stdout for m in mentions)
    r = cli("split", ids[0], mentions[1], "--db", db, "--author", "ana", "--reason", "two towns")
    assert r.returncode == 0, r.stderr
    assert cli("link", "--db", db, "--rebuild").returncode == 0
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from events").fetchone()[0] == 2
    assert con.execute("select count(*) from link_decisions").fetchone()[0] >= 2
    con.close()
    bad = cli("merge", ids[0], "EVnope", "--db", db)
    assert bad.returncode == 2 and "no such event" in bad.stderr


# --- hostile input: the probe corpus, made here at test time (never committed) -----------------

MEASURED = ("import resource, runpy, sys\n"
            "out = sys.argv.pop(1)\n"
            "try:\n"
            "    runpy.run_module('conflictcoder.cli', run_name='__main__')\n"
            "finally:\n"
            "    open(out, 'w').write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))\n")


def measured_cli(maxrss_file, *args, timeout=300):
    """The CLI in a child process that writes its peak memory (KiB) to `maxrss_file` at exit."""
    env = {**os.environ, "COLUMNS": "250"}
    return subprocess.run([sys.executable, "-c", MEASURED, str(maxrss_file), *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, env=env)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """Bad files of every kind beside two good articles; {name: file} of the bad ones."""
    import gzip

    d = tmp_path_factory.mktemp("hostile")
    (d / "good.txt").write_text(GOOD)
    bad = {}

    def member_bomb(byte: bytes) -> bytes:  # 1 GiB inflated from about 1 MB: one MiB repeated as gzip members
        return gzip.compress(byte * (1 << 20), compresslevel=9) * 1024

    bad["newlines.csv.gz"] = d / "newlines.csv.gz"
    bad["newlines.csv.gz"].write_bytes(member_bomb(b"\n"))
    bad["zeros.jsonl.gz"] = d / "zeros.jsonl.gz"
    bad["zeros.jsonl.gz"].write_bytes(member_bomb(b"\0"))
    bad["spaces.txt.gz"] = d / "spaces.txt.gz"
    bad["spaces.txt.gz"].write_bytes(member_bomb(b" "))
    os.mkfifo(d / "pipe.jsonl")
    bad["pipe.jsonl"] = d / "pipe.jsonl"
    bad["future.txt"] = d / "future.txt"
    bad["future.txt"].write_text(GOOD.replace("2024-03-12", "3019-03-02"))
    bad["long.jsonl"] = d / "long.jsonl"
    bad["long.jsonl"].write_text(json.dumps({"date": "2024-03-12", "text": "Shelling went on. " * 60_000}) + "\n")
    markup = d / "odd[red].jsonl"  # Rich markup in a file name and in a rejected record
    markup.write_text(json.dumps({"date": "[/x]", "text": "[bold]Shelling[/bold] in [/red] Marib."}) + "\n"
                      + json.dumps({"date": "2024-03-13", "text": GOOD2.split("\n", 2)[2]}) + "\n")
    bad["odd[red].jsonl:1"] = markup
    from tests.ingest.test_warc import CRAWL, _offsets, write_warc

    crawl = write_warc(d / "crawl.warc.gz", CRAWL[:3], gzip=True)  # warcinfo, request, two articles
    data = crawl.read_bytes()
    start = _offsets(crawl)[1]  # the request record, garbled: the articles after it are still read
    crawl.write_bytes(data[:start] + b"\x1f\x8b\x08\x00\xff\xfe garbage \x00" + data[start + 30:])
    bad["crawl.warc.gz:record 2"] = crawl
    return d, bad


def test_every_probe_is_one_line_and_the_good_articles_are_stored(hostile, tmp_path):
    d, bad = hostile
    db = tmp_path / "hostile.duckdb"
    for attempt in ("first", "again"):  # a re-run meets the same records and must not crash either
        peak = tmp_path / f"maxrss-{attempt}"
        proc = measured_cli(peak, "run", d, "--db", db)
        assert proc.returncode == 2, (attempt, proc.stderr[-3000:])
        assert "Traceback" not in proc.stderr and "Error:" not in proc.stderr.replace("error:", "")
        rejected = [line for line in proc.stderr.splitlines() if line.startswith("rejected ")]
        for name in bad:
            mine = [line for line in rejected if f"/{name}" in line]
            assert len(mine) == 1, (name, rejected)
        assert len(rejected) == len(bad), rejected
        assert int(peak.read_text()) < 500 * 1024, f"peak memory {int(peak.read_text()) // 1024} MB"
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("select count(*) from articles").fetchone()[0] == 4  # the WARC's two too
        assert con.execute("select count(*) from rejections").fetchone()[0] == len(bad)
        assert con.execute("select count(*) from events").fetchone()[0] >= 2  # linking ran
    finally:
        con.close()
