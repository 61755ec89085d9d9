"""cluster: the main job on Dask distributed, over partitions of the input.

What it does: connects to a Dask scheduler (`tcp://host:8786`) or starts a LocalCluster
(`local:N`, N worker processes of one thread each), builds the pipeline once on every worker,
then streams the input here and cuts it into partitions of consecutive articles. Each
partition is extracted on a worker with the same stage functions as a single process
(`Pipeline.pipe` / `Pipeline.extract`) and written there as Parquet parts (`scale/parquet.py`);
as parts complete, this process loads them into the store, one transaction per batch. Only a
bounded number of partitions is in flight, so memory stays flat on both sides.

Resuming: partitions are numbered along the input and named by the ids they hold, so a re-run
over the same input loads parts already written instead of extracting them again, and never
sends an article the store already holds.

What it does not do: start a cluster on Kubernetes, SSH hosts or SLURM (start one with
dask-kubernetes, `dask ssh` / SSHCluster or dask-jobqueue and pass its scheduler address; see
README), or link (the caller links after loading, on the store).
"""

from __future__ import annotations

import hashlib
import logging
import time
from typing import Callable, Iterable, Iterator, Optional, Sequence

from ..model import Annotations, Article, Rejection
from .runner import RunStats, StopFlag, record_rejection
from .work import SINGLE_THREAD_ENV, extract_articles, worker_pipeline

SPACY_BATCH = 16


def connect(address: str):
    """(client, cluster or None) for `tcp://host:port` (or any scheduler address) or `local:N`."""
    from distributed import Client, LocalCluster

    if address == "local" or address.startswith("local:"):
        import os

        n = int(address.split(":", 1)[1]) if ":" in address else (os.cpu_count() or 1)
        if n < 1:
            raise ValueError(f"local:N needs N >= 1, got {address!r}")
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=logging.ERROR, env=dict(SINGLE_THREAD_ENV))
        return Client(cluster), cluster
    return Client(address), None


def _warm(actors: tuple[str, ...]) -> None:
    worker_pipeline(actors)


def extract_partition(articles: list[Article], base: str, name: str, actors: tuple[str, ...]) -> dict:
    """Dask task: extract one partition with this worker's pipeline and write its Parquet parts."""
    from .parquet import write_partition

    pipe = worker_pipeline(actors)
    anns: list[Annotations] = []
    rejected: list[tuple[str, str]] = []
    for i in range(0, len(articles), SPACY_BATCH):
        for item in extract_articles(pipe, articles[i:i + SPACY_BATCH]):
            if isinstance(item, Rejection):
                rejected.append((item.origin, item.message))
            else:
                anns.append(item)
    write_partition(base, name, anns)
    return {"name": name, "extracted": len(articles), "mentions": sum(len(a.events) for a in anns),
            "rejected": rejected}


def partition_name(k: int, articles: list[Article]) -> str:
    h = hashlib.sha1("\n".join(a.id for a in articles).encode()).hexdigest()[:10]
    return f"part-{k:06d}-{h}"


def _partitions(stream: Iterable, stats: RunStats, size: int, stop: StopFlag,
                on_reject: Callable[[Rejection], None], limit: Optional[int]) -> Iterator[list[Article]]:
    """Consecutive articles of the input, `size` at a time (stored ones included: names stay put)."""
    part: list[Article] = []
    for item in stream:
        if stop.requested:
            return
        if isinstance(item, Rejection):
            on_reject(item)
            continue
        if limit is not None and stats.read >= limit:
            break
        stats.read += 1
        part.append(item)
        if len(part) >= size:
            yield part
            part = []
    if part and not stop.requested:
        yield part


def run_dask(
    stream: Iterable,
    store,
    address: str,
    parquet_dir: str,
    *,
    actors: Sequence[str] = (),
    partition_size: int = 100,
    batch_size: int = 32,
    limit: Optional[int] = None,
    on_reject: Callable[[Rejection], None] = lambda r: None,
    on_progress: Callable[[RunStats], None] = lambda s: None,
    on_batch: Callable[[RunStats], None] = lambda s: None,
    log: Optional[Callable[[str], None]] = None,
) -> RunStats:
    """Extract `stream` on Dask, write Parquet parts under `parquet_dir`, load them into `store`."""
    from distributed import wait

    from . import parquet

    stats = RunStats()
    actors_arg = tuple(str(a) for a in actors)
    base = str(parquet_dir)

    def reject(r: Rejection) -> None:
        stats.rejected += 1
        record_rejection(store, r)
        on_reject(r)
        on_progress(stats)

    def load(name: str) -> None:
        added, skipped = parquet.load_partition(store, base, name, batch_size)
        stats.added += added
        stats.skipped += skipped
        on_batch(stats)
        on_progress(stats)

    def finish(fut) -> None:
        res = fut.result()
        stats.extracted += res["extracted"]
        for origin, message in res["rejected"]:
            reject(Rejection(origin, message))
        load(res["name"])

    with StopFlag(log) as stop:
        if log:
            log(f"connecting to Dask ({address})")
        client, cluster = connect(address)
        try:
            client.wait_for_workers(1, timeout=300)
            n_workers = max(1, len(client.scheduler_info()["workers"]))
            client.run(_warm, actors_arg)  # every worker builds its pipeline now, side by side
            if log:
                log(f"Dask: {n_workers} worker(s) ready; Parquet parts under {base}")
            stats.started = time.monotonic()
            max_inflight = 2 * n_workers
            inflight: set = set()
            for k, part in enumerate(_partitions(stream, stats, partition_size, stop, reject, limit)):
                name = partition_name(k, part)
                if parquet.exists(base, name):  # written by an earlier run: load, don't redo
                    load(name)
                    continue
                parquet.remove_stale(base, name)
                todo = [a for a in part if not store.has_article(a.id)]
                stats.skipped += len(part) - len(todo)
                on_progress(stats)
                if not todo:
                    continue
                inflight.add(client.submit(extract_partition, todo, base, name, actors_arg,
                                           key=f"extract-{name}", pure=False))
                while len(inflight) >= max_inflight and not stop.requested:
                    done, inflight = wait(inflight, return_when="FIRST_COMPLETED")
                    for fut in done:
                        finish(fut)
            while inflight:
                if stop.requested:
                    for fut in [f for f in inflight if not f.done()]:
                        fut.cancel()
                        inflight.discard(fut)
                    if not inflight:
                        break
                done, inflight = wait(inflight, return_when="FIRST_COMPLETED")
                for fut in done:
                    finish(fut)
            if stop.requested:
                stats.stopped = "interrupted"
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    return stats
