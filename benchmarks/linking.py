"""Linking benchmark: do the reports of one incident become one event?

Usage: python benchmarks/linking.py [--docs N] [--scale N] [--show-errors N]

1. Gun Violence Archive articles (../shared/eval/gva, the SemEval-2018 Task 5 sources): several
   real articles per incident, the incident records as gold. Every article runs through the
   whole pipeline into a real DuckDB store, then `link`. An article belongs to the event of its
   main mention (the one with the most people hurt); an article with no event (crawl noise,
   no report found) is a cluster of its own. Scores: pairwise and B-cubed precision/recall/F1
   of the article clusters against the incidents; the share of incidents whose event (the one
   most of its articles joined) has the record's killed and injured as its best figures; and
   the number of events whose best figure exceeds their highest single report (must be 0).
2. Scale: N synthetic mentions (varied countries, dates, places, types, figures) inserted into
   a store and linked from scratch; seconds and peak memory (goal: 100,000 in under a minute,
   under 2 GB).
Data is read from ../shared/eval, never copied into the project.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import resource
import sys
import tempfile
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "eval"


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 of item -> cluster assignments."""
    by_pred, by_gold = defaultdict(set), defaultdict(set)
    for item, c in pred.items():
        by_pred[c].add(item)
    for item, c in gold.items():
        by_gold[c].add(item)
    p = r = 0.0
    for item in gold:
        same_pred, same_gold = by_pred[pred[item]], by_gold[gold[item]]
        both = len(same_pred & same_gold)
        p += both / len(same_pred)
        r += both / len(same_gold)
    n = len(gold)
    p, r = p / n, r / n
    return p, r, 2 * p * r / max(p + r, 1e-9)


def half(key: str) -> str:
    """'A' or 'B' by a stable hash of an item id (salted: the shared dev sets were themselves
    cut by the parity of a plain sha1, so every dev id would fall in one half)."""
    return "AB"[int(hashlib.sha1(("half:" + key).encode()).hexdigest(), 16) % 2]


def pairwise(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    items = sorted(gold)
    tp = fp = fn = 0
    for a, b in combinations(items, 2):
        same_p, same_g = pred[a] == pred[b], gold[a] == gold[b]
        tp += same_p and same_g
        fp += same_p and not same_g
        fn += same_g and not same_p
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


def gva(n_docs: int, show: int, keep: str | None = None) -> None:
    from conflictcoder import Pipeline
    from conflictcoder.link.linker import link
    from conflictcoder.pipeline import make_article
    from conflictcoder.store.duckdb_store import Store

    docs_path, inc_path = SHARED / "gva" / "documents.jsonl", SHARED / "gva" / "incidents.jsonl"
    if not docs_path.exists():
        print(f"{docs_path} absent: no GVA linking benchmark")
        return
    incidents = {str(r["incident_uri"]): r for r in map(json.loads, open(inc_path, encoding="utf-8"))}
    by_inc = defaultdict(list)
    for d in map(json.loads, open(docs_path, encoding="utf-8")):
        if str(d["incident_id"]) in incidents and d.get("content"):
            by_inc[str(d["incident_id"])].append(d)
    order = sorted(by_inc)
    random.Random(0).shuffle(order)
    chosen = []
    for inc in order:  # whole incidents, until enough articles
        if len(chosen) >= n_docs:
            break
        chosen += by_inc[inc]
    arts = [make_article(d["content"], dt.date.fromisoformat(d["dct"][:10]), title=d.get("title")) for d in chosen]
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        # --keep DIR: the annotated store is kept there and re-linked from scratch next time
        # (the pipeline is the slow part; linking changes are measured in seconds)
        path = Path(keep or tmp) / f"gva{n_docs}.duckdb"
        main_path = path.with_suffix(".main.json")
        fresh = not (path.exists() and main_path.exists())
        with Store(path) as store:
            if fresh:
                anns = list(Pipeline().pipe(arts))
                store.add(anns)
                main_of = {}
                for a, ann in zip(arts, anns):
                    main = max(ann.events, key=lambda e: (e.fatalities + e.injured, -ann.events.index(e)), default=None)
                    main_of[a.id] = main.mention_id if main is not None else None
                main_path.write_text(json.dumps(main_of))
            main_of = json.loads(main_path.read_text())
            t1 = time.perf_counter()
            link(store, rebuild=True)
            t2 = time.perf_counter()
            ev_of = dict(store.con.execute("SELECT mention_id, event_id FROM event_mentions").fetchall())
            events = {r["event_id"]: r for r in store._dicts("SELECT * FROM events")}
            highest = dict(store.con.execute(
                "SELECT em.event_id, max(m.fatalities) FROM event_mentions em JOIN mentions m USING (mention_id) "
                "GROUP BY em.event_id").fetchall())
    pred, gold, main_event = {}, {}, {}
    for d, a in zip(chosen, arts):
        key = f"{a.id}"
        gold[key] = str(d["incident_id"])
        eid = ev_of.get(main_of.get(a.id)) if main_of.get(a.id) else None
        pred[key] = eid or f"alone:{key}"
        main_event[key] = eid
    bp, br, bf = bcubed(pred, gold)
    pp, pr, pf = pairwise(pred, gold)
    # reconciled figures per incident: the event most of its articles joined
    ok_k = ok_ki = n_inc = 0
    errors = []
    per_inc = defaultdict(list)
    for key, inc in gold.items():
        per_inc[inc].append(main_event[key])
    for inc, eids in per_inc.items():
        n_inc += 1
        eid = Counter(e for e in eids if e).most_common(1)
        ev = events.get(eid[0][0]) if eid else None
        killed = ev["fatalities_best"] if ev else 0
        injured = (ev.get("injured_best") or 0) if ev else 0
        rec = incidents[inc]
        ok_k += killed == rec["num_killed"]
        ok_ki += killed == rec["num_killed"] and injured == rec["num_injured"]
        if killed != rec["num_killed"]:
            errors.append((inc, rec["num_killed"], killed, len(eids)))
    wrong = {inc for inc, *_ in errors}
    over = sum(1 for eid, ev in events.items() if ev["fatalities_best"] > (highest.get(eid) or 0))
    print(f"GVA linking ({len(chosen)} articles, {n_inc} incidents, {len(events)} events; pipeline "
          f"{t1 - t0:.0f} s, link {t2 - t1:.2f} s)")
    print(f"  B-cubed P {bp:.3f} R {br:.3f} F1 {bf:.4f}; pairwise P {pp:.3f} R {pr:.3f} F1 {pf:.3f}")
    print(f"  incidents with the record's killed {ok_k / max(n_inc, 1):.3f}, killed and injured "
          f"{ok_ki / max(n_inc, 1):.3f}; events whose best exceeds their highest report: {over}")
    # two halves by a stable hash of the incident id: rules written on one half's errors are
    # judged on the other
    for name in "AB":
        keep = {k for k, inc in gold.items() if half(inc) == name}
        hp, hr, hf = bcubed({k: pred[k] for k in keep}, {k: gold[k] for k in keep})
        incs = [inc for inc in per_inc if half(inc) == name]
        print(f"  half {name}: {len(keep)} articles, {len(incs)} incidents; B-cubed F1 {hf:.4f}; killed equal "
              f"{sum(1 for inc in incs if inc not in wrong) / max(len(incs), 1):.3f}")
    for inc, g, o, n in errors[:show]:
        print(f"    incident {inc}: killed {g}, ours {o} ({n} articles)")


def scale(n: int) -> None:
    """Link n synthetic mentions from scratch."""
    from conflictcoder.link.linker import link
    from conflictcoder.sql import insert_rows
    from conflictcoder.store.duckdb_store import Store

    rng = random.Random(1)
    countries = [("SY", 35.0, 38.0), ("IQ", 33.0, 44.0), ("YE", 15.5, 48.0), ("SO", 5.0, 46.0),
                 ("AF", 34.0, 66.0), ("NG", 9.0, 8.0), ("ML", 17.0, -4.0), ("UA", 49.0, 32.0)]
    types = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
             ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
             ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest")]
    base = dt.date(2020, 1, 1)
    n_events = n // 3
    seeds = []
    for i in range(n_events):
        cc, lat, lon = rng.choice(countries)
        seeds.append((cc, lat + rng.uniform(-3, 3), lon + rng.uniform(-3, 3), rng.choice(types),
                      base + dt.timedelta(days=rng.randrange(730)), rng.randrange(0, 30)))
    rows = []
    for i in range(n):
        cc, lat, lon, (et, st), day, killed = seeds[rng.randrange(n_events)]
        pub = day + dt.timedelta(days=rng.randrange(0, 3))
        rows.append([f"M{i:08d}", f"A{i:08d}", pub, et, st, day, day, 1, None, f"P{lat:.2f}", None,
                     None, lat + rng.uniform(-0.05, 0.05), lon + rng.uniform(-0.05, 0.05), cc, "R1", None,
                     1, 0.9, None, None, None, None, killed + rng.randrange(0, 3), 0.8, "[]",
                     f"{killed} people were killed in an attack", "{}", 0])
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "scale.duckdb") as store:
        cols = [c[0] for c in store.con.execute("SELECT * FROM mentions LIMIT 0").description]
        insert_rows(store.con, "mentions", cols, rows)
        t0 = time.perf_counter()
        linked = link(store)
        secs = time.perf_counter() - t0
        n_ev = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 if sys.platform != "darwin" else 1024 * 1024)
    print(f"scale: linked {linked:,} synthetic mentions from {n_events:,} seeds into {n_ev:,} events in "
          f"{secs:.1f} s ({linked / secs:,.0f}/s); peak memory {peak:,.0f} MB")


def shared(n: int, places: int = 20, days: int = 30) -> None:
    """Link n synthetic mentions that share a few places and days (issue 26's probe: many
    reports of the same few incidents, and several incidents at one place on one day)."""
    from conflictcoder.link.linker import link
    from conflictcoder.sql import insert_rows
    from conflictcoder.store.duckdb_store import Store

    rng = random.Random(2)
    towns = [(f"Town{i}", 900000 + i, 35.0 + rng.uniform(-1, 1), 38.0 + rng.uniform(-1, 1), f"R{i % 3}")
             for i in range(places)]
    types = [("Explosions/Remote violence", "Air/drone strike"), ("Battles", "Armed clash"),
             ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
             ("Violence against civilians", "Attack")]
    targets = ["market", "school", "hospital", "mosque", "bakery", "checkpoint", "bus", "camp", "bridge", "farm"]
    base = dt.date(2021, 3, 1)
    n_inc = max(1, n // 30)
    syllables = ["ka", "ri", "mo", "sal", "din", "ha", "bu", "tar", "ne", "lo", "mir", "za"]
    incidents = [(rng.choice(towns), base + dt.timedelta(days=rng.randrange(days)), rng.choice(types),
                  rng.choice(targets), rng.randrange(1, 60),
                  "".join(rng.choice(syllables) for _ in range(4)).title()) for _ in range(n_inc)]
    rows = []
    for i in range(n):
        (name, gid, lat, lon, adm1), day, (et, st), target, killed, victim = incidents[rng.randrange(n_inc)]
        pub = day + dt.timedelta(days=rng.randrange(0, 3))
        precise = rng.random() < 0.8
        rows.append([f"M{i:08d}", f"A{i:08d}", pub, et, st, day, day, 1, None, name if precise else None, None,
                     gid if precise else None, lat, lon, "SY", adm1, None, 1 if precise else 3, 0.9,
                     None, None, None, None, killed + rng.randrange(0, 3), 0.8, "[]",
                     f"{killed} people, among them {victim}, were killed when the {target} in {name} was hit",
                     "{}", 0])
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "shared.duckdb") as store:
        cols = [c[0] for c in store.con.execute("SELECT * FROM mentions LIMIT 0").description]
        insert_rows(store.con, "mentions", cols, rows)
        del rows
        t0 = time.perf_counter()
        linked = link(store)
        secs = time.perf_counter() - t0
        n_ev = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 if sys.platform != "darwin" else 1024 * 1024)
    print(f"shared places and days: linked {linked:,} mentions of {n_inc:,} incidents at {places} places over "
          f"{days} days into {n_ev:,} events in {secs:.1f} s ({linked / secs:,.0f}/s); peak memory {peak:,.0f} MB "
          f"(goal: under 60 s and 1,024 MB)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=1000, help="GVA articles (whole incidents)")
    ap.add_argument("--scale", type=int, default=100_000, help="synthetic mentions to link (0: skip)")
    ap.add_argument("--shared", type=int, default=100_000,
                    help="synthetic mentions sharing a few places and days to link (0: skip)")
    ap.add_argument("--show-errors", type=int, default=0)
    ap.add_argument("--keep", help="keep the annotated GVA store in this directory and re-link it next time")
    args = ap.parse_args()
    if args.docs:
        gva(args.docs, args.show_errors, args.keep)
    if args.scale:
        scale(args.scale)
    if args.shared:
        shared(args.shared)


if __name__ == "__main__":
    main()
