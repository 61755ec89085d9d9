"""Many readers at once: latency and throughput of `conflictcoder serve` under concurrent clients.

Usage: python benchmarks/web_load.py [--db /tmp/fakes.duckdb] [--clients 1,10,50] [--seconds 10]
The store: the 804 Syrian-war articles of ../shared/eval/corpora/FA-KES-Dataset.csv (read here,
never shipped), converted to JSON Lines under /tmp and stored once with `conflictcoder run`
(a few minutes; reused when the --db file exists). Without the corpus it says so and stops.

It starts `conflictcoder serve` on 127.0.0.1 (a free port), then for each client count runs that
many closed-loop clients (a new request as soon as the last one answers) on
`/api/events?limit=50`, the clients spread over the list's pages, for a bounded time, and prints
requests/s, p50, p99 and the worst latency. `--distinct`: every request a new offset, so that
the answers the server keeps until the next write never help (the queries' own cost). Loopback only: it never
talks to another host. Targets: p99 < 300 ms at 50 clients; throughput rising with clients.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import datetime as dt
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FAKES = SHARED / "eval" / "corpora" / "FA-KES-Dataset.csv"
TOKEN = "web-load-benchmark"


def build_store(db: Path) -> None:
    """FA-KES as JSON Lines (its dates are M/D/YYYY), then `conflictcoder run` into `db`."""
    jsonl = db.with_suffix(".jsonl")
    csv.field_size_limit(sys.maxsize)
    with open(FAKES, encoding="utf-8", errors="replace") as fh, open(jsonl, "w", encoding="utf-8") as out:
        for row in csv.DictReader(fh):
            try:
                published = dt.datetime.strptime((row.get("date") or "").strip(), "%m/%d/%Y").date()
            except ValueError:
                continue
            out.write(json.dumps({"id": row.get("unit_id"), "published": published.isoformat(),
                                  "title": row.get("article_title"), "text": row.get("article_content"),
                                  "outlet": row.get("source")}) + "\n")
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "conflictcoder.cli", "run", str(jsonl), "--db", str(db)],
                   stdout=subprocess.DEVNULL)
    print(f"built {db} in {time.perf_counter() - t:.0f} s", file=sys.stderr)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path) -> tuple[subprocess.Popen, str]:
    import httpx

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([sys.executable, "-m", "conflictcoder.cli", "serve", "--db", str(db), "--port", str(port)],
                            env={**os.environ, "CONFLICTCODER_TOKEN": TOKEN}, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read()}")
        try:
            if httpx.get(url + "/api/meta", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("server did not start in 60 s")


async def _get(reader, writer, host: str, path: str) -> int:
    """One GET on a kept-alive connection; the status code (the body is read and dropped)."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    await reader.readexactly(length)
    return status


async def load(url: str, clients: int, seconds: float, total: int, distinct: bool = False) -> dict:
    """`clients` closed-loop clients for `seconds`, each on its own kept-alive connection: the
    latencies of every answered request. Plain asyncio streams: an HTTP client library in this
    one process would cost more than the server it measures."""
    host = url.split("://", 1)[1]
    addr, port = host.rsplit(":", 1)
    latencies: list[float] = []
    errors = 0
    stop = time.monotonic() + seconds

    async def one(i: int) -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(addr, int(port))
        k = 0
        try:
            while time.monotonic() < stop:
                if distinct:  # a question never asked before: no answer kept, every request a query
                    offset = (i * 100_003 + k) % max(total, 1)
                else:  # the list's pages, clients spread over them
                    offset = 50 * ((i * 7 + k) % max(1, -(-total // 50)))
                k += 1
                t = time.perf_counter()
                status = await _get(reader, writer, host, f"/api/events?limit=50&offset={offset}")
                latencies.append(time.perf_counter() - t)
                errors += status != 200
        finally:
            writer.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(one(i) for i in range(clients)))
    elapsed = time.perf_counter() - t0
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

    return {"clients": clients, "requests": len(latencies), "errors": errors, "rps": len(latencies) / elapsed,
            "p50_ms": pct(0.50), "p99_ms": pct(0.99), "max_ms": latencies[-1] * 1000}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path, default=Path("/tmp/fakes-web-load.duckdb"))
    ap.add_argument("--clients", default="1,10,50", help="Client counts to run, comma-separated.")
    ap.add_argument("--seconds", type=float, default=10.0, help="Seconds per client count (bounded run).")
    ap.add_argument("--distinct", action="store_true", help="Every request a new question (offsets 0, 1, 2, ...): "
                    "the server's kept answers never help; measures the queries themselves.")
    args = ap.parse_args()
    if not args.db.exists():
        if not FAKES.exists():
            print(f"{FAKES} absent: no store to load; skipped", file=sys.stderr)
            return
        build_store(args.db)
    proc, url = start_server(args.db)
    try:
        import httpx

        total = httpx.get(url + "/api/events", params={"limit": 1}).json()["total"]
        print(f"store {args.db}: {total} events; /api/events?limit=50, {args.seconds:.0f} s per step")
        print(f"{'clients':>7} {'requests':>8} {'errors':>6} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>7}")
        for n in (int(x) for x in args.clients.split(",")):
            r = asyncio.run(load(url, n, args.seconds, total, args.distinct))
            print(f"{r['clients']:>7} {r['requests']:>8} {r['errors']:>6} {r['rps']:>7.1f} {r['p50_ms']:>7.1f}"
                  f" {r['p99_ms']:>7.1f} {r['max_ms']:>7.1f}")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    main()
