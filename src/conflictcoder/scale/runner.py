"""runner: the main job on one machine, in this process or a process pool, streaming, resumable.

What it does: reads the inputs as a stream, skips articles the store already holds (so a
re-run after a crash or Ctrl-C redoes nothing), sends chunks of articles to the workers with a
bounded number of chunks in flight (memory stays flat however large the corpus), and writes
the results in order, one store transaction per batch (the store is the checkpoint: an article
is either stored with all its rows or not at all). Ctrl-C finishes the chunks in hand, stores
them and stops; a second Ctrl-C aborts at once (the open transaction is rolled back).

What it does not do: link (the caller runs `link.linker.link` after), draw the progress bar
(the caller gets `on_progress(stats)`), or run on a cluster (`scale/cluster.py`).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Optional, Sequence

from ..model import Annotations, Article, Rejection
from .bulk import add_batch
from .work import SINGLE_THREAD_ENV, extract_articles, extract_chunk, init_pool_worker, worker_pipeline


@dataclass
class RunStats:
    """What a run did so far; `done` counts every input record dealt with."""

    read: int = 0          # articles read from the inputs (stored before or not)
    extracted: int = 0     # articles the workers extracted in this run
    added: int = 0         # articles stored by this run
    skipped: int = 0       # articles already in the store (not extracted again)
    rejected: int = 0      # input records and articles rejected (one line each)
    started: float = field(default_factory=time.monotonic)
    stopped: Optional[str] = None  # why the run stopped early (None: it finished)

    @property
    def done(self) -> int:
        return self.added + self.skipped + self.rejected

    @property
    def elapsed(self) -> float:
        return max(time.monotonic() - self.started, 1e-9)

    @property
    def rate(self) -> float:
        """Articles extracted per second."""
        return self.extracted / self.elapsed


class StopFlag:
    """Ctrl-C asks the run to stop after the work in hand; a second Ctrl-C aborts at once."""

    def __init__(self, log: Optional[Callable[[str], None]] = None):
        self.requested = False
        self._log = log
        self._old = None

    def _handler(self, signum, frame):
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True
        if self._log:
            self._log("stopping: storing the articles in hand (Ctrl-C again to abort at once)")

    def __enter__(self) -> "StopFlag":
        if threading.current_thread() is threading.main_thread():
            self._old = signal.signal(signal.SIGINT, self._handler)
        return self

    def __exit__(self, *exc) -> None:
        if self._old is not None:
            signal.signal(signal.SIGINT, self._old)


def record_rejection(store, r: Rejection) -> None:
    """Store a rejection once: a re-run that meets the same bad record adds no second row."""
    if store.con.execute("SELECT 1 FROM rejections WHERE origin = ? AND message = ? LIMIT 1",
                         [r.origin, r.message]).fetchone() is None:
        store.add_rejection(r)


def unstored_chunks(stream: Iterable, store, stats: RunStats, size: int, stop: StopFlag,
                    on_reject: Callable[[Rejection], None], limit: Optional[int] = None,
                    on_progress: Callable[[RunStats], None] = lambda s: None) -> Iterator[list[Article]]:
    """Chunks of `size` articles not yet stored; rejections and skips are dealt with here."""
    chunk: list[Article] = []
    for item in stream:
        if stop.requested:
            break
        if isinstance(item, Rejection):
            on_reject(item)
            continue
        if limit is not None and stats.read >= limit:
            break
        stats.read += 1
        if store.has_article(item.id):
            stats.skipped += 1
            on_progress(stats)
            continue
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk and not stop.requested:
        yield chunk


class _Inline:
    """An executor that runs each chunk here and now (no pool)."""

    def __init__(self, pipeline):
        self.pipe = pipeline

    def submit(self, fn, articles, *args) -> Future:
        f: Future = Future()
        f.set_result(extract_articles(self.pipe, articles))
        return f

    def shutdown(self, **kw) -> None:
        pass


def _pool(workers: int, actors: Sequence[str]) -> ProcessPoolExecutor:
    """`workers` spawned processes, each building the pipeline once (one core each)."""
    saved = {k: os.environ.get(k) for k in SINGLE_THREAD_ENV}
    os.environ.update(SINGLE_THREAD_ENV)  # inherited by the spawned workers from the start
    try:
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=init_pool_worker, initargs=(tuple(str(a) for a in actors),))
        # start every worker now so that the pipelines load side by side
        for f in [pool.submit(os.getpid) for _ in range(workers)]:
            f.result()
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return pool


def run_local(
    stream: Iterable,
    store,
    *,
    workers: int = 0,
    actors: Sequence[str] = (),
    pipeline=None,
    batch_size: int = 32,
    chunk_size: int = 8,
    limit: Optional[int] = None,
    on_reject: Callable[[Rejection], None] = lambda r: None,
    on_progress: Callable[[RunStats], None] = lambda s: None,
    on_batch: Callable[[RunStats], None] = lambda s: None,
    log: Optional[Callable[[str], None]] = None,
) -> RunStats:
    """Extract and store every article of `stream` (a `read_inputs` stream) not yet stored.

    `workers` = 0 extracts in this process (with `pipeline`, or this process's cached one);
    N > 0 uses a pool of N processes. Returns the run's statistics; `stats.stopped` says why it
    stopped early (Ctrl-C, a worker died), and re-running the same call then resumes.
    """
    stats = RunStats()
    batch: list[Annotations] = []

    def reject(r: Rejection) -> None:
        stats.rejected += 1
        record_rejection(store, r)
        on_reject(r)
        on_progress(stats)

    def flush() -> None:
        if batch:
            r = add_batch(store, batch)
            stats.added += r.articles_added
            stats.skipped += r.articles_skipped
            batch.clear()
            on_batch(stats)
            on_progress(stats)

    def collect(results: list) -> None:
        for item in results:
            stats.extracted += 1
            if isinstance(item, Rejection):
                reject(item)
            else:
                batch.append(item)
                if len(batch) >= batch_size:
                    flush()
        on_progress(stats)

    with StopFlag(log) as stop:
        if workers > 0:
            executor = _pool(workers, actors)
        else:
            executor = _Inline(pipeline or worker_pipeline(actors))
        stats.started = time.monotonic()  # rates count from when the workers are ready
        pending: deque[Future] = deque()
        max_inflight = 2 * workers + 1 if workers > 0 else 1
        actors_arg = tuple(str(a) for a in actors)
        try:
            for chunk in unstored_chunks(stream, store, stats, chunk_size, stop, reject, limit, on_progress):
                pending.append(executor.submit(extract_chunk, chunk, actors_arg))
                while len(pending) >= max_inflight and not stop.requested:
                    collect(pending.popleft().result())
            while pending:  # the work in hand: finished chunks are stored, queued ones dropped
                f = pending.popleft()
                if stop.requested and f.cancel():
                    continue
                collect(f.result())
            flush()
            if stop.requested:
                stats.stopped = "interrupted"
        except BrokenProcessPool as e:
            flush()  # what finished before the crash is kept
            stats.stopped = f"a worker process died ({e})"
        finally:
            executor.shutdown(wait=True, cancel_futures=True)
    return stats
