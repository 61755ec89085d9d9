"""Linking on real conflict news, in two halves: ../shared/eval/linking (reports of the same
incidents with revised tolls, and near misses), scored by its own score.py, then again per half.

Usage: python benchmarks/linking_real.py [--workdir DIR]

The incidents are split in two halves by a stable hash of their id (`linking.half`), so that a
rule written looking at one half's errors can be judged on the other: both halves are printed.
Per half: B-cubed precision/recall/F1 averaged over the half's (report, incident) items (each
item's clusters are the whole run's), incidents whole, false merges (events holding items of
two or more incidents, one of them in the half) and best equal (the event holding most of an
incident's items has the analyst's best toll). Data is read from ../shared/eval, never copied.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from linking import half  # noqa: E402  (one split for both linking benchmarks)

EVAL = HERE.parents[0].parent / "shared" / "eval" / "linking"


def _scorer():
    spec = importlib.util.spec_from_file_location("score_linking", EVAL / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def figures(gold: list[dict], match: dict, keep) -> dict:
    """The score's figures restricted to the incidents for which keep(incident) holds."""
    items = [(r, g["incident"]) for g in gold for r in g["reports"]]
    sys_of = {it: (match[it][0].id if match[it][0] else ("alone",) + it) for it in items}
    gold_cl, sys_cl = defaultdict(set), defaultdict(set)
    for it in items:
        gold_cl[it[1]].add(it)
        sys_cl[sys_of[it]].add(it)
    mine = [it for it in items if keep(it[1])]
    p = sum(len(gold_cl[it[1]] & sys_cl[sys_of[it]]) / len(sys_cl[sys_of[it]]) for it in mine) / max(len(mine), 1)
    r = sum(len(gold_cl[it[1]] & sys_cl[sys_of[it]]) / len(gold_cl[it[1]]) for it in mine) / max(len(mine), 1)
    ev_inc = defaultdict(set)
    for it in items:
        if match[it][0]:
            ev_inc[match[it][0].id].add(it[1])
    merges = sum(1 for incs in ev_inc.values() if len(incs) >= 2 and any(keep(i) for i in incs))
    whole = best = n = 0
    for g in gold:
        if not keep(g["incident"]) or len(g["reports"]) < 2:
            continue
        n += 1
        its = [(r, g["incident"]) for r in g["reports"]]
        evs = Counter(match[it][0].id for it in its if match[it][0])
        whole += len(evs) == 1 and sum(evs.values()) == len(its)
        if evs:
            top = sorted(evs.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            ev = next(match[it][0] for it in its if match[it][0] and match[it][0].id == top)
            best += ev.fat == g["best"]
    return {"items": len(mine), "P": p, "R": r, "F1": 2 * p * r / (p + r) if p + r else 0.0,
            "whole": whole, "n": n, "merges": merges, "best": best}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--workdir", help="keep the store and exports here")
    ap.add_argument("--cli", default=str(HERE.parent / ".venv" / "bin" / "conflictcoder"))
    args = ap.parse_args()
    if not (EVAL / "gold.jsonl").exists():
        print(f"{EVAL} absent: no real-news linking benchmark")
        return
    sc = _scorer()
    gold = [json.loads(line) for line in open(EVAL / "gold.jsonl", encoding="utf-8") if line.strip()]
    work = args.workdir or tempfile.mkdtemp(prefix="linking_real.")
    os.makedirs(work, exist_ok=True)
    try:
        recs, id2file = sc.run_system(args.cli, str(EVAL / "articles"), work)
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    events = [sc.Event(r, id2file) for r in recs]
    match = sc.match_items(gold, events)
    print(f"real conflict-news linking ({len(id2file)} reports, {len(gold)} incidents, {len(events)} events)")
    for name, keep in (("all", lambda i: True), ("half A", lambda i: half(i) == "A"),
                       ("half B", lambda i: half(i) == "B")):
        f = figures(gold, match, keep)
        ids = "" if name == "all" else " (" + ", ".join(g["incident"] for g in gold if keep(g["incident"])) + ")"
        print(f"  {name}{ids}: B-cubed P {f['P']:.3f} R {f['R']:.3f} F1 {f['F1']:.3f} over {f['items']} items; "
              f"incidents whole {f['whole']}/{f['n']}, false merges {f['merges']}, best equal {f['best']}/{f['n']}")


if __name__ == "__main__":
    sys.exit(main())
