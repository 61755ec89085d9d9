"""The command line on real files and a real DuckDB file: bad input, idempotence, exports."""

import csv
import json
import re
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


# --- what a new user meets: names, case, file names, missing or odd inputs ------------------


def test_country_names_and_case_are_accepted_and_an_unknown_country_is_an_error(db):
    path, _ = db
    by_code = cli("events", "--db", path, "--country", "YE")
    for name in ("Yemen", "ye", "YEM"):
        proc = cli("events", "--db", path, "--country", name)
        assert proc.returncode == 0 and proc.stdout == by_code.stdout, (name, proc.stderr)
    proc = cli("events", "--db", path, "--country", "Atlantis")
    assert proc.returncode == 2 and "no such country 'Atlantis'" in proc.stderr
    proc = cli("export", "--db", path, "--country", "Atlantis", "-o", path.parent / "x.csv")
    assert proc.returncode == 2 and not (path.parent / "x.csv").exists()


def test_event_type_in_any_case_and_an_unknown_type_is_an_error(db):
    path, _ = db
    assert cli("events", "--db", path, "--type", "shelling").returncode == 2
    lower = cli("events", "--db", path, "--type", "explosions/remote violence")
    assert lower.returncode == 0 and "Shelling" in lower.stdout


def test_the_format_follows_the_file_name_and_a_mismatch_is_refused(db, tmp_path):
    path, _ = db
    proc = cli("export", "--db", path, "--format", "parquet", "-o", tmp_path / "x.csv")
    assert proc.returncode == 2 and "does not match" in proc.stderr and not (tmp_path / "x.csv").exists()
    assert cli("export", "--db", path, "-o", tmp_path / "x.parquet").returncode == 0
    assert (tmp_path / "x.parquet").read_bytes()[:4] == b"PAR1"


def test_a_missing_input_creates_no_database(tmp_path):
    db = tmp_path / "new.duckdb"
    proc = cli("run", tmp_path / "no-such-file.jsonl", "--db", db)
    assert proc.returncode == 2 and "no-such-file.jsonl: no such file" in proc.stderr
    assert not db.exists()


def test_unsupported_files_are_named_once_and_a_bad_actor_file_is_one_error(corpus, tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "report.txt").write_text(GOOD)
    (d / "scan.pdf").write_bytes(b"%PDF-1.4")
    (d / "notes.docx").write_bytes(b"PK")
    bad = tmp_path / "actors.yaml"
    bad.write_text("actors:\n  - name: Valley Lions\n    type: 3\n")  # no aliases
    proc = cli("annotate", d, "--actors", bad, "--layers", "events")
    assert proc.returncode == 2 and proc.stderr.count("actors.yaml") == 1 and proc.stdout == ""
    assert "aliases" in proc.stderr
    proc = cli("annotate", d, "--layers", "events")
    assert proc.returncode == 0, proc.stderr
    assert "skipped 2 file(s)" in proc.stderr and "scan.pdf" in proc.stderr and "notes.docx" in proc.stderr


def test_annotate_keeps_the_input_id_beside_the_content_hash_with_a_column_mapping(tmp_path):
    f = tmp_path / "corpus.csv"
    f.write_text("doc,headline,article_content,day\n"
                 "k-77,Raid,\"Police arrested four protesters in the capital on Friday.\",3/5/2021\n", encoding="utf-8")
    proc = cli("annotate", f, "--layers", "events", "--id-col", "doc", "--date-col", "day", "--date-format", "%m/%d/%Y")
    assert proc.returncode == 0, proc.stderr
    row = json.loads(proc.stdout)
    assert row["input_id"] == "k-77" and row["title"] == "Raid" and row["published"] == "2021-03-05"
    assert re.fullmatch(r"[0-9a-f]{16}", row["id"])  # `id` is still the content hash
    proc = cli("annotate", f, "--layers", "events", "--columns", "id=doc,published=day")
    assert proc.returncode == 2 and "3/5/2021" in proc.stderr and "--date-format" in proc.stderr


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
    # what the hostile input may cost is measured over a run of one good report (spaCy and the
    # village gazetteer alone take 400-600 MB, with the machine's load)
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "good.txt").write_text(GOOD)
    base = tmp_path / "maxrss-plain"
    assert measured_cli(base, "run", plain, "--db", tmp_path / "plain.duckdb").returncode == 0
    budget = int(base.read_text()) + 250 * 1024
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
        assert int(peak.read_text()) < budget, \
            f"peak memory {int(peak.read_text()) // 1024} MB, a plain run {int(base.read_text()) // 1024} MB"
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("select count(*) from articles").fetchone()[0] == 4  # the WARC's two too
        assert con.execute("select count(*) from rejections").fetchone()[0] == len(bad)
        assert con.execute("select count(*) from events").fetchone()[0] >= 2  # linking ran
    finally:
        con.close()
