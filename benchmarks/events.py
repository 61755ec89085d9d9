"""Events benchmark: ACLED sub-event types of the `events` layer against public gold.

Usage: python benchmarks/events.py [--only case,acled] [--confusion] [--show-errors N]

1. CASE 2021 Task 2 snippets (../shared/eval/events/case2021-task2-dev.tsv): each news snippet
   has one of ACLED's 25 sub-event types (plus 5 classes outside ACLED: disasters, diplomacy,
   organised crime, attribution). Our answer for a snippet is the sub-event type of its main
   event: the one with the most people hurt, then the highest-ranked trigger, then the first;
   a snippet with no event is "none". Score: weighted F1 over the snippets whose gold is one
   of the 25 ACLED classes (the measure of the shared task; the best system, a fine-tuned
   transformer, reached 0.839), accuracy alongside, and how often we find no event in the
   snippets of the 5 non-ACLED classes (right: they are not political violence).
2. ACLED rows (../shared/eval/acled): Afghanistan 2020 sub-event type of the main event against
   ACLED's, and its actor1/actor2 against ACLED's (F1 over the two names, periods such as
   "(2014-)" and case ignored; and the share of ACLED's actors in the same role); Asia 2015
   event type against ACLED's older taxonomy mapped onto the current one.
`--confusion` prints the confusion matrix (gold rows, ours columns). Gold data is read from
../shared and never copied into the project.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from halves import HALVES, half  # noqa: E402
SHARED = ROOT.parent / "shared" / "eval"

# CASE 2021 class codes -> ACLED sub-event types (as the event layer names them)
CASE_TO_ACLED = {
    "ARMED_CLASH": "Armed clash", "GOV_REGAINS_TERIT": "Government regains territory",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "CHEM_WEAP": "Chemical weapon", "AIR_STRIKE": "Air/drone strike", "SUIC_BOMB": "Suicide bomb",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack", "REM_EXPLOS": "Remote explosive/landmine/IED",
    "GRENADE": "Grenade", "SEX_VIOL": "Sexual violence", "ATTACK": "Attack",
    "ABDUCT_DISSAP": "Abduction/forced disappearance", "PEACE_PROTEST": "Peaceful protest",
    "PROTEST_WITH_INTER": "Protest with intervention", "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "VIOL_DEMONSTR": "Violent demonstration", "MOB_VIOL": "Mob violence", "AGREEMENT": "Agreement",
    "ARREST": "Arrests", "CHANGE_TO_GROUP_ACT": "Change to group/activity", "DISR_WEAP": "Disrupted weapons use",
    "HQ_ESTABLISHED": "Headquarters or base established", "PROPERTY_DISTRUCT": "Looting/property destruction",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory", "OTHER": "Other",
}
NOT_ACLED = {"MAN_MADE_DISASTER", "NATURAL_DISASTER", "DIPLO", "ORG_CRIME", "ATTRIB"}
# ACLED's pre-2019 event types -> current event types
OLD_TYPES = {
    "battle-no change of territory": "Battles", "battle-government regains territory": "Battles",
    "battle-non-state actor overtakes territory": "Battles", "remote violence": "Explosions/Remote violence",
    "violence against civilians": "Violence against civilians", "riots/protests": {"Protests", "Riots"},
    "strategic development": "Strategic developments", "headquarters or base established": "Strategic developments",
    "non-violent transfer of territory": "Strategic developments",
}


def main_event(ann):
    """The event a snippet or note is about: most people hurt, then strongest trigger, then first."""
    if not ann.events:
        return None
    rank = {t.span.start: t.rank for t in ann.triggers if t.span}

    def key(e):
        return (e.fatalities + e.injured, rank.get(e.trigger.start if e.trigger else -1, 0), -ann.events.index(e))

    return max(ann.events, key=key)


def weighted_f1(pairs: list[tuple[str, str]]) -> float:
    """Support-weighted F1 over the gold classes."""
    gold_n = Counter(g for g, _ in pairs)
    tp, pred_n = Counter(), Counter(p for _, p in pairs)
    for g, p in pairs:
        tp[g] += g == p
    total = 0.0
    for c, n in gold_n.items():
        prec = tp[c] / pred_n[c] if pred_n[c] else 0.0
        rec = tp[c] / n
        f = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        total += n * f
    return total / max(1, sum(gold_n.values()))


def confusion(pairs: list[tuple[str, str]]) -> None:
    labels = sorted({g for g, _ in pairs} | {p for _, p in pairs})
    short = {lab: lab[:10] for lab in labels}
    m = defaultdict(Counter)
    for g, p in pairs:
        m[g][p] += 1
    print("    " + " " * 34 + " ".join(f"{short[lab]:>10}" for lab in labels))
    for g in labels:
        if m[g]:
            print(f"    {g[:34]:34}" + " ".join(f"{m[g][p] or '':>10}" for p in labels))


MONTH_OR_YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", re.I)


def snippet_date(text: str, default: dt.date = dt.date(2020, 1, 1)) -> dt.date:
    """The day after the latest calendar date a snippet names, else `default`."""
    from conflictcoder.extract.dates import _scan

    ends = [r.end for r in _scan(text, default) if r.end is not None and r.reason is None
            and r.span is not None and MONTH_OR_YEAR.search(r.span.text)]
    return max(ends) + dt.timedelta(days=1) if ends else default


def case2021(show_confusion: bool, show: int) -> None:
    from conflictcoder import Pipeline
    from conflictcoder.pipeline import make_article

    path = SHARED / "events" / "case2021-task2-dev.tsv"
    if not path.exists():
        print(f"{path} absent: no CASE 2021 benchmark")
        return
    rows = list(csv.DictReader(open(path, encoding="utf-8"), delimiter="\t"))
    # the snippets carry no publication date: news of an event, each stands published the day
    # after the latest calendar date it names ("On December 13, ...", "Mar 13, 2018"), else on
    # one fixed day (a fixed day would make dated snippets background history)
    arts = [make_article(r["EventSnippet"], snippet_date(r["EventSnippet"])) for r in rows]
    pairs, rejected, n_other, errors = [], 0, 0, []
    by_half: dict[str, list] = {h: [] for h in HALVES}
    for r, ann in zip(rows, Pipeline().pipe(arts)):
        ev = main_event(ann)
        ours = ev.sub_event_type if ev is not None else "none"
        if r["SubType"] in NOT_ACLED:
            n_other += 1
            rejected += ev is None
            continue
        gold = CASE_TO_ACLED[r["SubType"]]
        pairs.append((gold, ours))
        by_half[half(r["id"], salt="half:")].append((gold, ours))
        if gold != ours:
            errors.append((gold, ours, r["EventSnippet"][:150]))
    acc = sum(g == p for g, p in pairs) / max(1, len(pairs))
    print(f"CASE 2021 Task 2 dev ({len(pairs)} snippets of the 25 ACLED classes): weighted F1 "
          f"{weighted_f1(pairs):.3f}, accuracy {acc:.3f}; no event found in {rejected}/{n_other} snippets "
          f"of the 5 non-ACLED classes")
    print("  halves (salted hash of the snippet id): " + ", ".join(
        f"{h} {weighted_f1(p):.3f} ({len(p)})" for h, p in by_half.items()))
    if show_confusion:
        confusion(pairs)
    for g, p, text in errors[:show]:
        print(f"    gold {g!r} ours {p!r}  {text}")


def actor_key(name: str | None) -> str:
    """An ACLED actor name without its period and case: "Military Forces of Afghanistan
    (2014-)" and "military forces of afghanistan" are one actor."""
    if not name:
        return ""
    return re.sub(r"\s*\(\d{4}-\d{0,4}\)", "", name).strip().casefold()


class ActorScore:
    """Actor F1 of the main event against ACLED's actor1/actor2: each side a set of names
    (micro-averaged over notes), and how often each role holds ACLED's actor exactly."""

    def __init__(self):
        self.tp = self.n_gold = self.n_ours = self.role_ok = self.roles = 0
        self.misses: Counter = Counter()
        self.wrong: Counter = Counter()

    def add(self, row: dict, ev) -> None:
        gold = [actor_key(row.get("actor1")), actor_key(row.get("actor2"))]
        ours = [actor_key(ev.actor1.name) if ev and ev.actor1 else "",
                actor_key(ev.actor2.name) if ev and ev.actor2 else ""]
        g, o = {a for a in gold if a}, {a for a in ours if a}
        self.tp += len(g & o)
        self.n_gold += len(g)
        self.n_ours += len(o)
        for want, got in zip(gold, ours):
            if want:
                self.roles += 1
                self.role_ok += want == got
        self.misses.update(g - o)
        self.wrong.update(o - g)

    def report(self, show: int) -> None:
        p, r = self.tp / max(self.n_ours, 1), self.tp / max(self.n_gold, 1)
        f1 = 2 * p * r / max(p + r, 1e-9)
        print(f"    actors (actor1/actor2 of the main event): P {p:.3f} R {r:.3f} F1 {f1:.3f}; "
              f"in the right role {self.role_ok / max(self.roles, 1):.3f}")
        if show:
            print("    ACLED actors we missed:", self.misses.most_common(show))
            print("    our actors ACLED does not have:", self.wrong.most_common(show))


def acled(show_confusion: bool, show: int) -> None:
    from conflictcoder import Pipeline
    from conflictcoder.pipeline import make_article

    afg = SHARED / "acled" / "acled_afghanistan_2020-03_dkoban.csv"
    if not afg.exists():
        print(f"{afg} absent: no ACLED events benchmark")
        return
    rows = list(csv.DictReader(open(afg, encoding="utf-8")))
    arts = [make_article(r["notes"], dt.datetime.strptime(r["event_date"], "%d %B %Y").date() + dt.timedelta(days=1))
            for r in rows]
    pairs, type_pairs = [], []
    actors = ActorScore()
    for r, ann in zip(rows, Pipeline().pipe(arts)):
        ev = main_event(ann)
        pairs.append((r["sub_event_type"], ev.sub_event_type if ev else "none"))
        type_pairs.append((r["event_type"], ev.event_type if ev else "none"))
        actors.add(r, ev)
    acc = sum(g == p for g, p in pairs) / len(pairs)
    tacc = sum(g == p for g, p in type_pairs) / len(pairs)
    print(f"ACLED Afghanistan 2020-03 ({len(pairs)} notes): sub-event type accuracy {acc:.3f} "
          f"(weighted F1 {weighted_f1(pairs):.3f}); event type accuracy {tacc:.3f}")
    actors.report(show)
    if show_confusion:
        confusion(pairs)
    asia = SHARED / "acled" / "acled_asia_2015_katehara.csv"
    if asia.exists():
        rows = list(csv.DictReader(open(asia, encoding="utf-8", errors="replace")))
        random.Random(0).shuffle(rows)
        rows = [r for r in rows if (r.get("NOTES") or "").strip()][:1000]
        arts, keep = [], []
        for r in rows:
            try:
                when = dt.datetime.strptime(r["EVENT_DATE"], "%d-%B-%Y").date()
            except (KeyError, ValueError):
                continue
            keep.append(r)
            arts.append(make_article(r["NOTES"] or " ", when + dt.timedelta(days=1)))
        ok = 0
        for r, ann in zip(keep, Pipeline().pipe(arts)):
            ev = main_event(ann)
            want = OLD_TYPES.get((r["EVENT_TYPE"] or "").strip().lower())
            got = ev.event_type if ev else "none"
            ok += got in want if isinstance(want, set) else got == want
        print(f"ACLED Asia 2015 (a sample of {len(keep)} notes): event type accuracy (old taxonomy mapped) "
              f"{ok / max(1, len(keep)):.3f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", default="case,acled")
    ap.add_argument("--confusion", action="store_true")
    ap.add_argument("--show-errors", type=int, default=0)
    args = ap.parse_args()
    only = set(args.only.split(","))
    if "case" in only:
        case2021(args.confusion, args.show_errors)
    if "acled" in only:
        acled(args.confusion, args.show_errors)


if __name__ == "__main__":
    main()
