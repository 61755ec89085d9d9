"""Arguments benchmark: who attacked and who was hit, against public gold with spans.

Usage: python benchmarks/arguments.py [--only rams,wikievents,plover] [--limit N] [--show-errors N]

RAMS 1.0 (dev) and WikiEvents (dev) annotate event triggers with their arguments as token
spans. We keep the events of attack, killing and injuring (RAMS conflict.attack, life.die,
life.injure; WikiEvents Conflict.Attack, Life.Die, Life.Injure) and two roles:
- attacker (attacker, killer, injurer) against our event's `actor1`;
- victim (victim, target) against our event's `actor2` and its counts' spans ("nine civilians").
The article text is the tokens joined by spaces; an argument is found when one of ours
overlaps its span. PLOVER's gold-standard records (FIGHT, ASSAULT) give the source (attacker)
and target (victim) as text, found in the sentence. Our event for a gold trigger is the one whose trigger overlaps it, else an
event told in the trigger's sentence. Recall is over gold arguments; precision over the
attackers and victims we give for events matched to a gold trigger. The documents carry no
publication date: one fixed day stands in. Data is read from ../shared/eval, never copied.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "arguments"
ATTACKER = {"attacker", "killer", "injurer"}
VICTIM = {"victim", "target"}
RAMS_TYPES = ("conflict.attack", "life.die", "life.injure")
WIKI_TYPES = ("Conflict.Attack", "Life.Die", "Life.Injure")


def _offsets(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    spans, pos = [], 0
    for t in tokens:
        spans.append((pos, pos + len(t)))
        pos += len(t) + 1
    return " ".join(tokens), spans


def rams(limit: int) -> list[dict]:
    docs = []
    for line in open(SHARED / "rams" / "dev.jsonlines", encoding="utf-8"):
        d = json.loads(line)
        tokens = [t for s in d["sentences"] for t in s]
        text, offs = _offsets(tokens)
        gold = []
        for trig, arg, role in d["gold_evt_links"]:
            etype = next((t[2][0][0] for t in d["evt_triggers"] if t[0] == trig[0]), "")
            if not etype.startswith(RAMS_TYPES):
                continue
            name = re.sub(r"^evt\d+arg\d+", "", role)  # "evt089arg01victim" -> "victim"
            kind = "attacker" if name in ATTACKER else "victim" if name in VICTIM else None
            if kind:
                gold.append(((offs[trig[0]][0], offs[trig[1]][1]), kind, (offs[arg[0]][0], offs[arg[1]][1])))
        if gold:
            docs.append({"text": text, "gold": gold})
    return docs[:limit]


def wikievents(limit: int) -> list[dict]:
    docs = []
    for line in open(SHARED / "wikievents" / "dev.jsonl", encoding="utf-8"):
        d = json.loads(line)
        text, offs = _offsets(d["tokens"])
        ents = {e["id"]: (offs[e["start"]][0], offs[e["end"] - 1][1]) for e in d["entity_mentions"]}
        gold = []
        for ev in d["event_mentions"]:
            if not ev["event_type"].startswith(WIKI_TYPES):
                continue
            trig = (offs[ev["trigger"]["start"]][0], offs[ev["trigger"]["end"] - 1][1])
            for a in ev["arguments"]:
                name = a["role"].lower()
                kind = "attacker" if name in ATTACKER else "victim" if name in VICTIM else None
                if kind and a["entity_id"] in ents:
                    gold.append((trig, kind, ents[a["entity_id"]]))
        if gold:
            docs.append({"text": text, "gold": gold})
    return docs[:limit]


def plover(limit: int) -> list[dict]:
    """PLOVER gold-standard records of fighting and assault (FIGHT, ASSAULT): source as
    attacker, target as victim; the actors are given as text, found in the sentence."""
    docs = []
    for rec in json.load(open(SHARED / "plover_gsr" / "PLOVER_GSR_CAMEO.json", encoding="utf-8")):
        if rec.get("event") not in ("FIGHT", "ASSAULT") or not rec.get("text"):
            continue
        text = rec["text"]
        ev_text = (rec.get("eventText") or "").split()[0] if rec.get("eventText") else ""
        at = text.find(ev_text) if ev_text else -1
        trig = (at, at + len(ev_text)) if at >= 0 else (0, len(text))
        gold = []
        for side, kind in (("source", "attacker"), ("target", "victim")):
            for a in rec.get(side) or ():
                pos = text.find(a.get("actorText") or "\0")
                if pos >= 0:
                    gold.append((trig, kind, (pos, pos + len(a["actorText"]))))
        if gold:
            docs.append({"text": text, "gold": gold})
    return docs[:limit]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(name: str, docs: list[dict], show: int) -> None:
    from conflictcoder import Pipeline
    from conflictcoder.pipeline import make_article

    arts = [make_article(d["text"], dt.date(2016, 6, 1)) for d in docs]
    found = {"attacker": 0, "victim": 0}
    total = {"attacker": 0, "victim": 0}
    given = {"attacker": 0, "victim": 0}
    right = {"attacker": 0, "victim": 0}
    errors = []
    for d, ann in zip(docs, Pipeline().pipe(arts)):
        triggers = sorted({g[0] for g in d["gold"]})
        for trig in triggers:
            ev = next((e for e in ann.events if e.trigger and _overlap((e.trigger.start, e.trigger.end), trig)), None)
            if ev is None:
                ev = next((e for e in ann.events if any(s.start <= trig[0] < s.end for s in e.sentences)), None)
            ours = {"attacker": [], "victim": []}
            if ev is not None:
                if ev.actor1 is not None and ev.actor1.span is not None:
                    ours["attacker"].append((ev.actor1.span.start, ev.actor1.span.end))
                if ev.actor2 is not None and ev.actor2.span is not None:
                    ours["victim"].append((ev.actor2.span.start, ev.actor2.span.end))
                ours["victim"] += [(c.span.start, c.span.end) for c in ev.counts if c.span is not None]
            for kind in ("attacker", "victim"):
                golds = [g[2] for g in d["gold"] if g[0] == trig and g[1] == kind]
                total[kind] += len(golds)
                hit = [g for g in golds if any(_overlap(g, o) for o in ours[kind])]
                found[kind] += len(hit)
                if golds or ev is not None:
                    given[kind] += len(ours[kind])
                    right[kind] += sum(1 for o in ours[kind] if any(_overlap(g, o) for g in golds))
                for g in golds:
                    if g not in hit:
                        errors.append((kind, d["text"][g[0]:g[1]], d["text"][trig[0]:trig[1]],
                                       [d["text"][o[0]:o[1]] for o in ours[kind]]))
    parts = []
    for kind in ("attacker", "victim"):
        p = right[kind] / max(given[kind], 1)
        r = found[kind] / max(total[kind], 1)
        f = 2 * p * r / max(p + r, 1e-9)
        parts.append(f"{kind} P {p:.3f} R {r:.3f} F1 {f:.3f} ({total[kind]} gold)")
    print(f"{name} ({len(docs)} documents with attack/die/injure arguments): " + "; ".join(parts))
    for kind, gold, trig, ours in errors[:show]:
        print(f"    {kind} {gold!r} of {trig!r}: ours {ours}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", default="rams,wikievents,plover")
    ap.add_argument("--limit", type=int, default=100000)
    ap.add_argument("--show-errors", type=int, default=0)
    args = ap.parse_args()
    if not SHARED.exists():
        print(f"{SHARED} absent: no arguments benchmark")
        return
    parts = args.only.split(",")
    if "rams" in parts:
        score("RAMS 1.0 dev", rams(args.limit), args.show_errors)
    if "wikievents" in parts:
        score("WikiEvents dev", wikievents(args.limit), args.show_errors)
    if "plover" in parts:
        score("PLOVER gold standard (FIGHT, ASSAULT)", plover(args.limit), args.show_errors)


if __name__ == "__main__":
    main()
