"""Beyond one machine: a real Dask LocalCluster (2 worker processes) gives the single-process events."""

from __future__ import annotations

import re

import duckdb
import pytest

from conflictcoder.ingest.reader import read_inputs
from conflictcoder.link.linker import link
from conflictcoder.scale import parquet
from conflictcoder.scale.cluster import run_dask
from conflictcoder.store.duckdb_store import Store

from tests.scale.conftest import snapshot


@pytest.fixture(scope="module")
def scheduler():
    """A LocalCluster of 2 worker processes, one thread each; its scheduler address."""
    import logging

    from distributed import LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                           silence_logs=logging.ERROR)
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def test_dask_run_gives_the_same_events_as_one_process(tmp_path, scheduler, demo_dir, reference_db):
    db, parts = tmp_path / "dask.duckdb", tmp_path / "parts"
    with Store(db) as store:
        stats = run_dask(read_inputs([demo_dir]), store, scheduler, str(parts), partition_size=4, batch_size=3)
        link(store)
    assert stats.stopped is None and (stats.read, stats.extracted, stats.added) == (19, 19, 19)
    assert snapshot(db) == snapshot(reference_db)
    # partitioned Parquet of mentions, counts and articles, five parts of at most 4 articles
    names = list(parquet.names(str(parts)))
    assert len(names) == 5 and all(re.fullmatch(r"part-\d{6}-[0-9a-f]{10}", n) for n in names)
    con = duckdb.connect()
    for table, sql in (("mentions", "SELECT count(*) FROM mentions"), ("counts", "SELECT count(*) FROM counts"),
                       ("articles", "SELECT count(*) FROM articles")):
        n_parquet = con.execute(f"SELECT count(*) FROM read_parquet('{parts}/{table}/*.parquet')").fetchone()[0]
        with Store(db) as store:
            assert n_parquet == store.con.execute(sql).fetchone()[0], table
    row = con.execute(f"SELECT event_type, fatalities, country_code FROM read_parquet('{parts}/mentions/*.parquet')"
                      " WHERE fatalities = 12").fetchone()
    assert row == ("Explosions/Remote violence", 12, "SY")


def test_a_rerun_loads_written_parts_instead_of_extracting_again(tmp_path, scheduler, demo_dir, reference_db):
    parts = tmp_path / "parts"
    with Store(tmp_path / "first.duckdb") as store:
        run_dask(read_inputs([demo_dir]), store, scheduler, str(parts), partition_size=8, limit=10)
    # the first part (8 articles) is complete; the second holds articles 9-10 only
    db = tmp_path / "second.duckdb"
    with Store(db) as store:
        stats = run_dask(read_inputs([demo_dir]), store, scheduler, str(parts), partition_size=8)
        link(store)
    assert (stats.read, stats.added, stats.extracted) == (19, 19, 11)  # part 0 loaded, not redone
    assert snapshot(db) == snapshot(reference_db)
    assert len(list(parquet.names(str(parts)))) == 3  # the 2-article part of the first run is gone


def test_cli_run_on_a_dask_scheduler(tmp_path, scheduler, demo_dir, reference_db):
    from typer.testing import CliRunner

    from conflictcoder.cli import app

    db = tmp_path / "cli.duckdb"
    res = CliRunner().invoke(app, ["run", str(demo_dir), "--db", str(db), "--dask", scheduler,
                                   "--partition-size", "10"])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "cli.duckdb.parts" / "mentions").is_dir()
    assert snapshot(db)["events"] == snapshot(reference_db)["events"]
    res = CliRunner().invoke(app, ["run", str(demo_dir), "--db", str(db), "--dask", scheduler, "--workers", "2"])
    assert res.exit_code == 2 and "not both" in res.output
