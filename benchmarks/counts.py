"""Counts benchmark (first part): event fatalities from ACLED notes against ACLED's figure.

Usage: python benchmarks/counts.py [--asia N] [--show-errors N]

Each ACLED row's `notes` is report text describing one event; ACLED counts conservatively.
We run the whole pipeline on the note (publication date = the day after the event) and sum the
fatalities of the events found (0 when none). Score: share of notes whose total equals ACLED's
fatalities, with the "always 0" baseline alongside. Data is read from ../shared/eval, never
copied into the project.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from pathlib import Path

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "acled"


def score(name: str, rows: list[dict], date_of, notes_key: str, fat_key: str, show: int) -> None:
    from conflictcoder import Pipeline
    from conflictcoder.pipeline import make_article

    pipe = Pipeline()
    arts = [make_article(r[notes_key], date_of(r) + dt.timedelta(days=1)) for r in rows]
    equal = zero = 0
    errors = []
    for r, ann in zip(rows, pipe.pipe(arts)):
        gold = int(r[fat_key] or 0)
        ours = sum(e.fatalities for e in ann.events)
        equal += ours == gold
        zero += gold == 0
        if ours != gold:
            errors.append((gold, ours, r[notes_key][:160]))
    n = len(rows)
    print(f"{name} ({n} notes): fatalities equal {equal / n:.3f} (always-0 baseline {zero / n:.3f})")
    for gold, ours, text in errors[:show]:
        print(f"    gold {gold:3d} ours {ours:3d}  {text}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--asia", type=int, default=1000, help="sample of the 2015 Asia rows")
    ap.add_argument("--show-errors", type=int, default=0)
    args = ap.parse_args()
    afg = EVAL / "acled_afghanistan_2020-03_dkoban.csv"
    if not afg.exists():
        print(f"{EVAL} absent: nothing to measure")
        return
    rows = list(csv.DictReader(open(afg, encoding="utf-8")))
    score("ACLED Afghanistan 2020-03", rows, lambda r: dt.datetime.strptime(r["event_date"], "%d %B %Y").date(),
          "notes", "fatalities", args.show_errors)
    asia = EVAL / "acled_asia_2015_katehara.csv"
    if asia.exists() and args.asia:
        rows = list(csv.DictReader(open(asia, encoding="utf-8", errors="replace")))
        random.Random(0).shuffle(rows)
        rows = [r for r in rows if (r.get("NOTES") or "").strip()][: args.asia]
        score("ACLED Asia 2015 (sample)", rows, lambda r: dt.datetime.strptime(r["EVENT_DATE"], "%d-%B-%Y").date(),
              "NOTES", "FATALITIES", args.show_errors)


if __name__ == "__main__":
    main()
