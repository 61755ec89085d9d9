"""Scale: articles/s with 1 and 2 workers (process pool and Dask), parallel efficiency, peak
memory per worker for a small and a large corpus, and Dask output identical to one process.

Usage: python benchmarks/scale.py [--n 400] [--sizes 1000,5000] [--workers 1,2] [--keep DIR]

Corpus: generated here by varying the bundled (synthetic) demo reports: publication dates
moved by whole weeks (so "on Monday" still means a Monday), towns swapped for others of the
same country, and small figures changed. No evaluation data is read or copied. The corpus is
written as gzip-compressed JSON Lines and read through the normal streaming reader.

What is measured (each run into a fresh DuckDB file, the way `conflictcoder run` does it):
- articles/s: articles extracted per second of the run once the workers are up (the pool's
  and the cluster's start-up, spaCy and gazetteer loading, is reported apart);
- parallel efficiency at 2 workers = rate(2) / (2 * rate(1)) (target >= 0.8);
- peak resident memory of every worker process (and of the driver), sampled every 0.2 s,
  for a corpus of `--sizes` articles (target < 1.5 GB, and flat as the corpus grows);
- identity: events, mentions and counts of the Dask run equal those of a single-process run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import random
import re
import resource
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

# Towns (real places the gazetteer knows) that may stand in for each other, by country.
TOWNS = {
    "SY": ["Atarib", "Sarmada", "Saraqib", "Jisr al-Shughur", "Maarat al-Numan", "Dhiban", "Mayadin"],
    "YE": ["Marib", "Taiz", "Hodeidah", "Aden", "Mukalla"],
    "SO": ["Mogadishu", "Baidoa", "Kismayo", "Beledweyne", "Dhusamareb"],
    "NG": ["Kajuru", "Damboa", "Konduga", "Bama", "Monguno"],
    "ML": ["Ansongo", "Menaka", "Bourem", "Douentza"],
    "UA": ["Kharkiv", "Odesa", "Zaporizhzhia", "Dnipro", "Kherson"],
    "SD": ["El Fasher", "Nyala", "El Geneina", "Kadugli"],
    "AF": ["Kandahar", "Herat", "Jalalabad", "Kunduz"],
    "IQ": ["Mosul", "Sinjar", "Kirkuk", "Tal Afar"],
    "MM": ["Mandalay", "Sagaing", "Monywa", "Magway"],
    "CD": ["Kitshanga", "Beni", "Butembo", "Rutshuru"],
}
_SMALL_NUMBER = re.compile(r"(?<![\d,.\-/:])\b([2-9]|[1-9]\d)\b(?![\d,.\-/:]|\s*(?:%|per cent|percent|km|a\.m|p\.m))")


def demo_articles():
    from conflictcoder.ingest.reader import read_inputs
    from conflictcoder.lexicon import data_path
    from conflictcoder.model import Article

    return [a for a in read_inputs([data_path("demo")]) if isinstance(a, Article)]


def vary(text: str, rng: random.Random) -> str:
    """Swap towns for others of the same country and change small figures."""
    for towns in TOWNS.values():
        present = [t for t in towns if re.search(rf"\b{re.escape(t)}\b", text)]
        if not present:
            continue
        others = [t for t in towns if t not in present] or towns
        mapping = {t: rng.choice(others) for t in present}
        pattern = re.compile(r"\b(" + "|".join(re.escape(t) for t in present) + r")\b")
        text = pattern.sub(lambda m: mapping[m[1]], text)
    return _SMALL_NUMBER.sub(lambda m: str(max(2, int(m[1]) + rng.randint(-2, 9))), text)


def make_corpus(path: Path, n: int, seed: int = 7) -> Path:
    """`n` varied demo reports as gzip JSON Lines (deterministic for a seed)."""
    demo = demo_articles()
    rng = random.Random(seed)
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for i in range(n):
            a = demo[i % len(demo)]
            published = a.published + dt.timedelta(weeks=rng.randint(0, 150))
            fh.write(json.dumps({"id": f"gen-{i}", "date": published.isoformat(), "title": a.title,
                                 "outlet": "Generated Wire", "text": vary(a.text, rng)}) + "\n")
    return path


class MemorySampler:
    """Peak RSS of each descendant process of this one (workers), sampled in a thread."""

    def __init__(self, every: float = 0.2):
        import psutil

        self.psutil = psutil
        self.every = every
        self.peaks: dict[int, tuple[str, int]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        me = self.psutil.Process()
        while not self._stop.is_set():
            try:
                procs = me.children(recursive=True)
            except self.psutil.Error:
                procs = []
            for p in procs:
                try:
                    rss = p.memory_info().rss
                    name = " ".join(p.cmdline()[:3])[-60:]
                except self.psutil.Error:
                    continue
                old = self.peaks.get(p.pid, (name, 0))
                if rss > old[1]:
                    self.peaks[p.pid] = (name, rss)
            self._stop.wait(self.every)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def worker_peaks_mb(self, top: int) -> list[float]:
        """The `top` largest peaks (the workers; nannies and helpers are small), in MB."""
        return sorted((rss / 2**20 for _, rss in self.peaks.values()), reverse=True)[:top]


def one_run(mode: str, workers: int, corpus: Path, db: Path, parts: Path, batch_size: int = 64) -> dict:
    from conflictcoder.ingest.reader import read_inputs
    from conflictcoder.link.linker import link
    from conflictcoder.scale.cluster import run_dask
    from conflictcoder.scale.runner import run_local
    from conflictcoder.store.duckdb_store import Store

    t0 = time.perf_counter()
    with MemorySampler() as mem, Store(db) as store:
        if mode == "dask":
            stats = run_dask(read_inputs([corpus]), store, f"local:{workers}", str(parts),
                             partition_size=50, batch_size=batch_size)
        else:
            stats = run_local(read_inputs([corpus]), store, workers=workers, batch_size=batch_size)
        work = stats.elapsed
        t_link = time.perf_counter()
        link(store)
        t_link = time.perf_counter() - t_link
    wall = time.perf_counter() - t0
    return {"mode": mode, "workers": workers, "articles": stats.extracted, "added": stats.added,
            "rate": stats.extracted / work, "work_s": work, "startup_s": wall - work - t_link, "link_s": t_link,
            "worker_peak_mb": mem.worker_peaks_mb(workers)}


def snapshot(db: Path) -> dict:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(sql).fetchall() for t, sql in (
            ("events", "SELECT * FROM events ORDER BY event_id"),
            ("mentions", "SELECT mention_id, article_id, data FROM mentions ORDER BY mention_id"),
            ("counts", "SELECT * FROM counts ORDER BY count_id"),
        )}
    finally:
        con.close()


def single_process(corpus: Path, db: Path) -> float:
    from conflictcoder.ingest.reader import read_inputs
    from conflictcoder.link.linker import link
    from conflictcoder.scale.runner import run_local
    from conflictcoder.store.duckdb_store import Store

    with Store(db) as store:
        stats = run_local(read_inputs([corpus]), store, batch_size=64)
        link(store)
    return stats.extracted / stats.elapsed


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=400, help="articles for the throughput runs")
    ap.add_argument("--sizes", default="1000,5000", help="corpus sizes for the memory runs (pool, 2 workers)")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--keep", type=Path, help="keep corpora and databases here")
    args = ap.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    work = args.keep or Path(tempfile.mkdtemp(prefix="cc-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    counts = [int(x) for x in args.workers.split(",")]
    print(f"machine: {os.cpu_count()} cores; corpus: varied demo reports (gzip JSON Lines)")

    corpus = make_corpus(work / f"corpus-{args.n}.jsonl.gz", args.n)
    runs = {}
    for mode in ("pool", "dask"):
        for w in counts:
            r = one_run(mode, w, corpus, work / f"{mode}-{w}.duckdb", work / f"{mode}-{w}.parts")
            runs[(mode, w)] = r
            print(f"{mode:4s} {w} worker(s): {r['rate']:6.1f} articles/s over {r['articles']} articles "
                  f"(start-up {r['startup_s']:.1f} s, link {r['link_s']:.1f} s), "
                  f"worker peak RSS {', '.join(f'{x:.0f}' for x in r['worker_peak_mb'])} MB", flush=True)
    for mode in ("pool", "dask"):
        if (mode, 1) in runs and (mode, 2) in runs:
            eff = runs[(mode, 2)]["rate"] / (2 * runs[(mode, 1)]["rate"])
            print(f"{mode}: parallel efficiency at 2 workers {eff:.2f} (target >= 0.8)")

    t = time.perf_counter()
    rate1 = single_process(corpus, work / "single.duckdb")
    print(f"single process (no pool): {rate1:.1f} articles/s ({time.perf_counter() - t:.0f} s)")
    ref = snapshot(work / "single.duckdb")
    for key in sorted(runs):
        snap = snapshot(work / f"{key[0]}-{key[1]}.duckdb")
        same = snap == ref
        print(f"{key[0]} {key[1]} worker(s) output identical to single process: {same} "
              f"({len(snap['events'])} events, {len(snap['mentions'])} mentions, {len(snap['counts'])} counts)")

    for n in [int(x) for x in args.sizes.split(",") if x]:
        c = make_corpus(work / f"corpus-{n}.jsonl.gz", n)
        r = one_run("pool", 2, c, work / f"mem-{n}.duckdb", work / f"mem-{n}.parts")
        print(f"memory, {n} articles, pool of 2: worker peak RSS {', '.join(f'{x:.0f}' for x in r['worker_peak_mb'])} MB "
              f"({r['rate']:.1f} articles/s, {r['work_s']:.0f} s)", flush=True)
    print(f"driver peak RSS over everything: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
