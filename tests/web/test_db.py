"""db: `conflictcoder serve` and other processes on one store file. While the server runs, the
readers (`events`, `export`, `report`, `mentions`) read; a writer (`run`, `link`) gets one line
naming the server, never a traceback; a write request while another process reads the file
gets 503 with one line, and the server goes on."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import httpx
import pytest

from tests.web.conftest import TOKEN, Server


def cli(*args, timeout=300):
    return subprocess.run([sys.executable, "-m", "conflictcoder.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, env={**os.environ, "COLUMNS": "200"})


@pytest.fixture(scope="module")
def served(demo_store_file, tmp_path_factory):
    db = tmp_path_factory.mktemp("served") / "events.duckdb"
    shutil.copy(demo_store_file, db)
    s = Server(db)
    yield s, db
    s.stop()


def test_readers_read_while_the_server_runs(served, tmp_path):
    server, db = served
    events = httpx.get(server.url + "/api/events").json()["events"]
    r = cli("events", "--db", db, "--limit", "100")
    assert r.returncode == 0 and events[0]["event_id"] in r.stdout, r.stderr
    r = cli("export", "--db", db, "--format", "jsonl", "-o", tmp_path / "e.jsonl")
    assert r.returncode == 0, r.stderr
    assert len((tmp_path / "e.jsonl").read_text().splitlines()) == len(events)
    r = cli("report", "--db", db, "-o", tmp_path / "r.html")
    assert r.returncode == 0 and (tmp_path / "r.html").stat().st_size > 1000, r.stderr
    assert httpx.get(server.url + "/api/meta").status_code == 200  # and the server still answers


def test_a_writer_gets_one_line_naming_the_server(served, tmp_path):
    server, db = served
    report = tmp_path / "x.txt"
    report.write_text("date 2024-03-12\n\nShelling killed two civilians in Marib on Monday, officials said.\n")
    for args in (("run", report, "--db", db), ("link", "--db", db)):
        r = cli(*args)
        assert r.returncode == 2, (args, r.stdout, r.stderr)
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
        assert f"process {server.proc.pid} (conflictcoder serve --db {db}" in lines[0], lines[0]
    assert httpx.get(server.url + "/api/meta").status_code == 200


def test_a_write_while_another_process_reads_is_503_then_goes_through(served):
    server, db = served
    ev = httpx.get(server.url + "/api/events").json()["events"][0]
    body = {"author": "ana", "reason": "check", "fatalities": (ev["fatalities_best"] or 0) + 1}
    auth = {"Authorization": f"Bearer {TOKEN}"}
    code = ("import sys, time; from conflictcoder.store.duckdb_store import open_reader;"
            " s = open_reader(sys.argv[1]); print('held', flush=True); time.sleep(60)")
    holder = subprocess.Popen([sys.executable, "-c", code, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        r = httpx.post(f"{server.url}/api/events/{ev['event_id']}/corrections", json=body, headers=auth, timeout=60)
        assert r.status_code == 503 and r.headers["retry-after"], r.text
        assert f"process {holder.pid}" in r.json()["detail"] and "\n" not in r.json()["detail"]
    finally:
        holder.kill()
        holder.wait()
    r = httpx.post(f"{server.url}/api/events/{ev['event_id']}/corrections", json=body, headers=auth, timeout=60)
    assert r.status_code == 200, r.text
    # the answer kept for the list before the write is not served after it
    listed = {e["event_id"]: e for e in httpx.get(server.url + "/api/events").json()["events"]}
    assert listed[ev["event_id"]]["fatalities_best"] == body["fatalities"]


def test_many_readers_at_once_all_answered_right(served):
    """40 clients at once, each its own question (no answer kept helps): every answer is the one
    the same question gets alone."""
    import asyncio

    server, _ = served
    total = httpx.get(server.url + "/api/events").json()["total"]
    questions = [{"limit": 2, "offset": i % total, "min_fatalities": i // total} for i in range(40)]

    async def together():
        async with httpx.AsyncClient(base_url=server.url, timeout=60) as c:
            return await asyncio.gather(*(c.get("/api/events", params=q) for q in questions))

    answers = asyncio.run(together())
    alone = [httpx.get(server.url + "/api/events", params=q).json() for q in questions]
    assert [a.status_code for a in answers] == [200] * 40
    assert [a.json() for a in answers] == alone
