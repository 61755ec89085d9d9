"""Bulk writes: `add_batch` stores exactly what `Store.add` stores, in a few statements."""

from __future__ import annotations

import duckdb

from conflictcoder.ingest.reader import read_inputs
from conflictcoder.model import Article
from conflictcoder.scale.bulk import add_batch
from conflictcoder.store.duckdb_store import Store

TABLES = {
    "articles": "SELECT id, published, title, outlet, url, lang, origin, text FROM articles ORDER BY id",
    "mentions": "SELECT * FROM mentions ORDER BY mention_id",
    "counts": "SELECT * FROM counts ORDER BY count_id",
    "evidence": "SELECT * FROM evidence ORDER BY ALL",
}


def _rows(db) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {name: con.execute(sql).fetchall() for name, sql in TABLES.items()}
    finally:
        con.close()


def test_add_batch_stores_what_add_stores(tmp_path, pipeline, demo_dir):
    anns = list(pipeline.pipe(a for a in read_inputs([demo_dir]) if isinstance(a, Article)))
    assert len(anns) == 19 and sum(len(a.events) for a in anns) > 0
    with Store(tmp_path / "one.duckdb") as s:
        r1 = s.add(anns)
    with Store(tmp_path / "bulk.duckdb") as s:
        r2 = add_batch(s, anns[:7])
        r3 = add_batch(s, anns[7:])
    assert (r1.articles_added, r1.mentions_added) == (19, r2.mentions_added + r3.mentions_added)
    one, bulk = _rows(tmp_path / "one.duckdb"), _rows(tmp_path / "bulk.duckdb")
    for name in TABLES:
        assert one[name] and one[name] == bulk[name], name


def test_add_batch_skips_what_is_stored_and_repeats_in_the_batch(tmp_path, pipeline, demo_dir):
    anns = list(pipeline.pipe(a for a in read_inputs([demo_dir]) if isinstance(a, Article)))[:4]
    with Store(tmp_path / "bulk.duckdb") as s:
        first = add_batch(s, anns[:2])
        again = add_batch(s, anns + anns[2:3])
        n = s.con.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert (first.articles_added, first.articles_skipped) == (2, 0)
    assert (again.articles_added, again.articles_skipped) == (2, 3)
    assert n == 4
