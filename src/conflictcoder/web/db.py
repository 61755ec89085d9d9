"""db: the server's hold on the store file: many readers at once, one writer at a time.

Why not one connection behind one lock: every request then waits for every other (at 50 clients
a p99 of 1.5 s), and a read-write connection held for the server's life locks every other
process out of the file, readers included (`conflictcoder events` crashed while `serve` ran).
So the server keeps the file open read-only, as any number of processes may, and each read
request gets its own cursor (DuckDB runs them side by side). A write (a correction, a merge, a
split) waits for the reads in flight, closes the read-only database, opens the file read-write
for that request only, and reopens it read-only after; new reads wait meanwhile. When another
process holds the file (a `run` writing it, or a reader while we want to write) the request
gets 503 with one line naming that process (`StoreBusy`), and the server goes on.

Answers to the lists and aggregates are kept (`cached`, a bounded LRU keyed by the request)
until the next write: while the server holds the file no other process can change it, so
nothing else can make them stale, and an analyst's page asks the same few of them again and
again.

What it does not do: SQL (queries.py, corrections.py, link/linker.py) or access rules (auth.py).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Hashable, Iterator

from ..store.duckdb_store import Store

WRITE_WAIT = 5.0  # seconds a write waits for another process to let go of the file
CACHE_ENTRIES = 512  # answers kept (each a page of at most a few MB of JSON; lists are capped at 5,000 events)


class SharedStore:
    """The store of one server process: `with shared.read() as store` / `with shared.write() as store`."""

    def __init__(self, path: str | Path, wait: float = WRITE_WAIT):
        self.path = Path(path)
        self.wait = wait
        Store(self.path, wait=wait).close()  # create and migrate once, before reading only
        self._cond = threading.Condition()
        self._readers = 0
        self._writers = 0  # writing or waiting to: new readers wait behind them
        self._writing = False
        self._db: Store | None = None
        self._generation = 0  # writes so far: an answer computed before a write is stale
        self._cache: OrderedDict[Hashable, bytes] = OrderedDict()

    def peek(self, key: Hashable) -> bytes | None:
        """The answer kept for `key` since the last write, or None (never blocks on a read)."""
        with self._cond:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
            return hit

    def cached(self, key: Hashable, compute: Callable[[Store], bytes]) -> bytes:
        """`compute(store)` (a read), or its answer kept since the last write."""
        hit = self.peek(key)
        if hit is not None:
            return hit
        with self.read() as store:
            generation = self._generation  # no write runs while we read
            answer = compute(store)
        with self._cond:
            if generation == self._generation:
                self._cache[key] = answer
                while len(self._cache) > CACHE_ENTRIES:
                    self._cache.popitem(last=False)
        return answer

    @contextmanager
    def read(self) -> Iterator[Store]:
        """The store through this request's own cursor; reads run side by side."""
        with self._cond:
            while self._writers:
                self._cond.wait()
            if self._db is None:
                self._db = Store(self.path, read_only=True, wait=self.wait)  # StoreBusy: a 503
            view = self._db.cursor()
            self._readers += 1
        try:
            yield view
        finally:
            view.close()
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextmanager
    def write(self) -> Iterator[Store]:
        """The store read-write for one request, once the reads in flight are done."""
        with self._cond:
            self._writers += 1
            while self._writing or self._readers:
                self._cond.wait()
            self._writing = True
        try:
            if self._db is not None:
                self._db.close()
                self._db = None
            with Store(self.path, wait=self.wait) as store:
                yield store
        finally:
            with self._cond:
                self._generation += 1
                self._cache.clear()
                self._writing = False
                self._writers -= 1
                self._cond.notify_all()

    def close(self) -> None:
        with self._cond:
            if self._db is not None:
                self._db.close()
                self._db = None
