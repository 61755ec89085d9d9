"""One machine: in this process or a process pool; batches, resume without redo or duplicates."""

from __future__ import annotations

import json
import os
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from conflictcoder.ingest.reader import read_inputs
from conflictcoder.link.linker import link
from conflictcoder.scale.runner import run_local
from conflictcoder.store.duckdb_store import Store

from tests.scale.conftest import shifted_corpus, snapshot


def count(db: Path, sql: str):
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_process_pool_gives_the_same_store_as_one_process(tmp_path, demo_dir, reference_db):
    db = tmp_path / "pool.duckdb"
    with Store(db) as store:
        stats = run_local(read_inputs([demo_dir]), store, workers=2, batch_size=4, chunk_size=2)
        link(store)
    assert stats.stopped is None and (stats.added, stats.skipped, stats.rejected) == (19, 0, 0)
    assert snapshot(db) == snapshot(reference_db)


def test_limit_then_resume_neither_redoes_nor_duplicates(tmp_path, demo_dir, pipeline, reference_db):
    (tmp_path / "bad.jsonl").write_text('{"date": "2024-01-01"}\n', encoding="utf-8")
    inputs = [demo_dir, tmp_path / "bad.jsonl"]
    db = tmp_path / "resume.duckdb"
    with Store(db) as store:
        first = run_local(read_inputs(inputs), store, pipeline=pipeline, batch_size=3, limit=7)
    assert (first.read, first.added, first.extracted) == (7, 7, 7)
    with Store(db) as store:
        second = run_local(read_inputs(inputs), store, pipeline=pipeline, batch_size=3)
        link(store)
    # the 7 stored articles are not extracted again; the rest are; the bad record once
    assert (second.read, second.skipped, second.extracted, second.added, second.rejected) == (19, 7, 12, 12, 1)
    assert count(db, "SELECT count(*) FROM rejections") == [(1,)]
    assert count(db, "SELECT count(*), count(DISTINCT id) FROM articles") == [(19, 19)]
    assert count(db, "SELECT count(*) - count(DISTINCT mention_id) FROM mentions") == [(0,)]
    snap, ref = snapshot(db), snapshot(reference_db)
    assert snap == ref


def _failing_stage(monkeypatch, word: str) -> None:
    """The quantities stage raises on any article holding `word` (a stage's bug, not bad input)."""
    from conflictcoder.extract import quantities

    real = quantities.extract

    def extract(doc, ann, res):
        if word in doc.text:
            raise ValueError(f"a bug met {word}")
        return real(doc, ann, res)

    monkeypatch.setattr(quantities, "extract", extract)


def test_a_failing_article_is_rejected_and_the_run_goes_on(tmp_path, pipeline, monkeypatch):
    """An article that makes a stage raise is counted and stored as a rejection (the command line
    then exits 2), never skipped with a stderr line only; a text over spaCy's limit is the
    reader's rejection, with the limit in it."""
    _failing_stage(monkeypatch, "Zorblax")
    huge = "Shelling killed two people. " * (pipeline.res.nlp.max_length // 28 + 10)
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in [
        {"date": "2024-01-09", "text": "Houthi shelling killed three civilians in Marib on Monday."},
        {"date": "2024-01-09", "text": "Zorblax shelling killed three civilians in Marib on Monday."},
        {"date": "2024-01-09", "text": huge},
        {"date": "2024-01-10", "text": "Protesters marched in Aden on Tuesday, witnesses said."},
    ]), encoding="utf-8")
    db = tmp_path / "fail.duckdb"
    rejected = []
    with Store(db) as store:
        stats = run_local(read_inputs([feed]), store, pipeline=pipeline, on_reject=rejected.append)
        stored = store.con.execute("SELECT origin, message FROM rejections ORDER BY origin").fetchall()
    assert (stats.added, stats.rejected) == (2, 2)
    assert [r.origin for r in rejected] == [f"{feed}:3", f"{feed}:2"]  # the reader's first, then the stage's
    assert rejected[0].message.startswith("article text too long")
    assert rejected[1].message == "extraction failed: ValueError: a bug met Zorblax"
    assert stored == [(f"{feed}:2", rejected[1].message), (f"{feed}:3", rejected[0].message)]


def test_annotate_counts_a_failing_article_and_exits_2(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from conflictcoder.cli import app

    _failing_stage(monkeypatch, "Zorblax")
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in [
        {"date": "2024-01-09", "text": "Zorblax shelling killed three civilians in Marib on Monday."},
        {"date": "2024-01-10", "text": "Protesters marched in Aden on Tuesday, witnesses said."},
    ]), encoding="utf-8")
    r = CliRunner().invoke(app, ["annotate", str(feed), "--layers", "dates"])
    assert r.exit_code == 2
    assert len(r.stdout.strip().splitlines()) == 1  # the good article's line
    assert f"rejected {feed}:1: extraction failed: ValueError: a bug met Zorblax" in r.stderr


def _wait_for(proc, pattern: str, timeout: float) -> list[str]:
    """stderr lines of `proc` up to the first matching `pattern` (or the end)."""
    lines, deadline, buf = [], time.monotonic() + timeout, b""
    fd = proc.stderr.fileno()
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if not ready:
            if proc.poll() is not None:
                break
            continue
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        buf += chunk
        *done, buf = buf.split(b"\n")
        lines += [x.decode("utf-8", "replace") for x in done]
        if any(re.search(pattern, x) for x in lines):
            break
    return lines


def test_ctrl_c_stores_the_work_in_hand_and_a_rerun_finishes_the_job(tmp_path):
    corpus = shifted_corpus(tmp_path / "corpus.jsonl", copies=5)  # 95 articles
    db = tmp_path / "ctrlc.duckdb"
    cmd = [sys.executable, "-m", "conflictcoder.cli", "run", str(corpus), "--db", str(db),
           "--workers", "2", "--batch-size", "4", "--log-every", "0"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        _wait_for(proc, r"^progress: ", timeout=120)  # a first batch is stored
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err.decode()[-2000:]
    m = re.search(r"stopped: interrupted; (\d+) articles stored by this run", err.decode())
    assert m, err.decode()[-2000:]
    stored = int(m[1])
    assert 0 < stored < 95
    assert count(db, "SELECT count(*) FROM articles") == [(stored,)]
    # the same command again (in this process, no pool) goes on where it stopped
    from typer.testing import CliRunner

    from conflictcoder.cli import app

    res = CliRunner().invoke(app, ["run", str(corpus), "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert re.search(rf"already stored \(skipped\)\s*│\s*{stored}\s*│", res.output), res.output
    assert re.search(rf"articles added\s*│\s*{95 - stored}\s*│", res.output), res.output
    assert count(db, "SELECT count(*), count(DISTINCT id) FROM articles") == [(95, 95)]
    assert count(db, "SELECT count(*) - count(DISTINCT mention_id) FROM mentions") == [(0,)]
