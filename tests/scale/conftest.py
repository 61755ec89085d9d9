"""Shared for the scale tests: the demo corpus, a reference single-process store, snapshots."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from conflictcoder.ingest.reader import read_inputs
from conflictcoder.lexicon import data_path
from conflictcoder.model import Article


def snapshot(db: Path) -> dict:
    """What a run produced, without timestamps: events, mentions, counts, article ids."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            "articles": con.execute("SELECT id FROM articles ORDER BY id").fetchall(),
            "events": con.execute("SELECT * FROM events ORDER BY event_id").fetchall(),
            "event_mentions": con.execute("SELECT * FROM event_mentions ORDER BY mention_id").fetchall(),
            "mentions": con.execute("SELECT mention_id, article_id, data FROM mentions ORDER BY mention_id").fetchall(),
            "counts": con.execute("SELECT * FROM counts ORDER BY count_id").fetchall(),
        }
    finally:
        con.close()


def shifted_corpus(path: Path, copies: int) -> Path:
    """A JSON Lines corpus of the demo reports, each `copies` times with publication dates
    moved by whole weeks (weekday-relative dates stay valid), so every copy is a new article."""
    demo = [a for a in read_inputs([data_path("demo")]) if isinstance(a, Article)]
    with open(path, "w", encoding="utf-8") as fh:
        for k in range(copies):
            for a in demo:
                d = a.published + dt.timedelta(weeks=k)
                fh.write(json.dumps({"date": d.isoformat(), "title": a.title, "text": a.text}) + "\n")
    return path


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    return data_path("demo")


@pytest.fixture(scope="session")
def reference_db(tmp_path_factory, pipeline, demo_dir) -> Path:
    """The demo corpus run in one process, linked: what every other way of running must equal."""
    from conflictcoder.link.linker import link
    from conflictcoder.scale.runner import run_local
    from conflictcoder.store.duckdb_store import Store

    db = tmp_path_factory.mktemp("reference") / "single.duckdb"
    with Store(db) as store:
        stats = run_local(read_inputs([demo_dir]), store, pipeline=pipeline)
        assert stats.stopped is None and stats.added == 19
        link(store)
    return db
