"""The DuckDB store: schema version, idempotent adds, claims, atomic articles."""

import datetime as dt

import duckdb
import pytest

from conflictcoder.model import Rejection
from conflictcoder.pipeline import make_article
from conflictcoder.store.duckdb_store import SCHEMA_VERSION, Store

TEXT = ("Air strikes killed at least 12 civilians in Aleppo on Sunday, the White Helmets said. "
        "More than 300 civilians have been killed in the province since January, the monitor said.")


@pytest.fixture()
def ann(pipeline):
    return pipeline.extract(make_article(TEXT, dt.date(2024, 3, 12)))


def test_schema_versioned_and_reopen(tmp_path):
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        assert s.version == SCHEMA_VERSION
    with Store(path) as s:  # reopening applies nothing twice
        assert s.con.execute("select count(*) from schema_version").fetchone()[0] == SCHEMA_VERSION


def test_add_twice_adds_nothing_and_claims_are_kept(tmp_path, ann):
    with Store(tmp_path / "s.duckdb") as s:
        r1 = s.add(ann)
        r2 = s.add(ann)
        assert (r1.articles_added, r2.articles_added, r2.articles_skipped) == (1, 0, 1)
        claims = s.claims(ann.article.id)
        assert any(c["scope"] == "cumulative" and c["value"] == 300 for c in claims)
        s.add_rejection(Rejection("x.txt:3", "malformed JSON"))
        assert s.summary()["rejections"] == 1


def test_failed_article_leaves_nothing(tmp_path, ann, monkeypatch):
    with Store(tmp_path / "s.duckdb") as s:
        def boom(*a, **k):
            raise RuntimeError("disk full")
        monkeypatch.setattr(s, "_insert_count", boom)
        with pytest.raises(RuntimeError):
            s.add(ann)
        assert s.con.execute("select count(*) from articles").fetchone()[0] == 0
        assert s.con.execute("select count(*) from mentions").fetchone()[0] == 0


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "s.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("insert into schema_version values (999, now())")
    con.close()
    with pytest.raises(RuntimeError, match="newer"):
        Store(path)


def test_a_version_1_file_is_upgraded_in_place(tmp_path, ann):
    import duckdb

    from conflictcoder.store.duckdb_store import MIGRATIONS

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create table schema_version (version integer, applied_at timestamp)")
    for stmt in MIGRATIONS[0].split(";"):
        if stmt.strip():
            con.execute(stmt)
    con.execute("insert into schema_version values (1, now())")
    con.close()
    with Store(path) as s:
        assert s.con.execute("select max(version) from schema_version").fetchone()[0] == SCHEMA_VERSION
        s.add([ann])
        row = s.con.execute("select count(*), count(estimate), count(included_in_total) from counts").fetchone()
        assert row[0] > 0 and row[1] == row[0] and row[2] == row[0]


# --- sharing the file between processes -------------------------------------------------------


class Holder:
    """Another process holding the store (read-write or read-only) until told to let go."""

    def __init__(self, path, read_only: bool, seconds: float = 60):
        import subprocess
        import sys

        code = ("import sys, time; from conflictcoder.store.duckdb_store import Store, open_reader;"
                f" s = open_reader(sys.argv[1]) if {read_only} else Store(sys.argv[1]);"
                f" print('held', flush=True); time.sleep({seconds})")
        self.proc = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout.readline().strip() == "held"

    def release(self):
        self.proc.kill()
        self.proc.wait()


def test_a_held_store_is_one_line_naming_the_process(tmp_path):
    from conflictcoder.store.duckdb_store import StoreBusy, open_reader

    path = tmp_path / "s.duckdb"
    Store(path).close()
    writer = Holder(path, read_only=False)
    try:
        for opener in (lambda: Store(path), lambda: open_reader(path)):
            with pytest.raises(StoreBusy) as e:
                opener()
            msg = str(e.value)
            assert "\n" not in msg and f"process {writer.proc.pid}" in msg and str(path) in msg, msg
    finally:
        writer.release()
    with Store(path) as s:  # once it let go
        assert s.version == SCHEMA_VERSION


def test_readers_share_the_file_and_a_writer_waits_or_is_told(tmp_path):
    import threading
    import time

    from conflictcoder.store.duckdb_store import StoreBusy, open_reader

    path = tmp_path / "s.duckdb"
    Store(path).close()
    reader = Holder(path, read_only=True)
    try:
        with open_reader(path) as s:  # a second reader beside it
            assert s.version == SCHEMA_VERSION
        with pytest.raises(StoreBusy, match="in use by process"):
            Store(path)
        threading.Timer(1.0, reader.release).start()
        t = time.monotonic()
        with Store(path, wait=30) as s:  # waits until the reader is gone
            assert time.monotonic() - t >= 0.9 and s.version == SCHEMA_VERSION
    finally:
        reader.release()


def test_cursors_read_side_by_side_in_threads(tmp_path, ann):
    from concurrent.futures import ThreadPoolExecutor

    from conflictcoder.store.duckdb_store import open_reader

    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        s.add(ann)
    with open_reader(path) as s:
        def count(_):
            view = s.cursor()
            try:
                return view.summary()["articles"]
            finally:
                view.close()

        with ThreadPoolExecutor(8) as pool:
            assert list(pool.map(count, range(64))) == [1] * 64
        assert s.summary()["articles"] == 1  # closing the cursors left the store open
