"""Geoparsing benchmark: the `places` layer against public gold (../shared/eval/geo).

Usage: python benchmarks/geo.py [--n N] [--show-errors N] [--only lgl,trnews,ucdp,villages]

1. LGL (local US news) and TR-News (world news): toponym recognition precision/recall/F1 (a
   gold toponym is recognised when one of our places overlaps its span; one of ours is right
   when it overlaps a gold toponym), resolution accuracy within 161 km and median error (km)
   over the gold toponyms (a toponym we did not find counts 20,039 km, half the globe).
   Both gold sets mark adjectival toponyms ("Turkish" forces): our demonyms count as toponyms,
   resolved to their country.
2. UCDP conflict-event locations: the first place we find in "<where_description>, <country>"
   within 50 km of UCDP's point.
3. Syrian villages (UCDP GED): the earliest place found in "<village>, <district>,
   <governorate>, Syria", within 10 km and 25 km.
Publication dates do not matter here; the data is read from ../shared/eval, never copied.

Every figure is also given for two halves (A, B), cut by a stable hash of the item's id (an
article's docid, a UCDP event's id): tune on one half, judge on the other.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import time
import zlib
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from conflictcoder.geodesy import km

GEO = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "geo"
MISS_KM = 20039.0
DAY = dt.date(2020, 1, 1)


def half(item_id: str) -> str:
    """'A' or 'B', the same on every run: a CRC-32 of the item's id."""
    return "AB"[zlib.crc32(str(item_id).encode("utf-8")) % 2]


def by_half(ids: list[str], hits: list[float]) -> str:
    """"A 0.612 (301), B 0.598 (299)": the mean of `hits` in each half, with its size."""
    out = []
    for h in "AB":
        xs = [x for i, x in zip(ids, hits) if half(i) == h]
        out.append(f"{h} {sum(xs) / max(len(xs), 1):.3f} ({len(xs)})")
    return ", ".join(out)


def load_xml(path: Path, n: int | None) -> list[tuple[str, str, list[dict]]]:
    docs = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        gold = []
        for t in art.iter("toponym"):
            g = t.find("gaztag")
            if g is None or g.findtext("lat") is None:
                continue
            gold.append({"start": int(t.findtext("start")), "end": int(t.findtext("end")),
                         "phrase": t.findtext("phrase"), "lat": float(g.findtext("lat")), "lon": float(g.findtext("lon"))})
        docs.append((art.get("docid") or str(len(docs)), text, gold))
        if n and len(docs) >= n:
            break
    return docs


def places_of(texts: list[str]):
    from conflictcoder import Pipeline
    from conflictcoder.pipeline import make_article

    pipe = Pipeline(layers=["dates", "places"])
    t0 = time.perf_counter()
    out = [ann.places for ann in pipe.pipe([make_article(t or " ", DAY) for t in texts])]
    return out, (time.perf_counter() - t0) / max(len(texts), 1)


def toponyms(name: str, path: Path, n: int | None, show: int, show_fp: int = 0) -> None:
    if not path.exists():
        print(f"{path} absent")
        return
    docs = load_xml(path, n)
    found, per_doc = places_of([t for _, t, _ in docs])
    # per half ("A", "B") and overall ("all"): tp_gold, n_gold, tp_ours, n_ours, within
    tally = {h: Counter() for h in ("all", "A", "B")}
    errors_km = []
    misses = []
    spurious = Counter()
    for (doc_id, text, gold), places in zip(docs, found):
        ours = [p for p in places if p.span]
        c = Counter(n_ours=len(ours))
        for p in ours:
            if any(p.span.start < g["end"] and g["start"] < p.span.end for g in gold):
                c["tp_ours"] += 1
            else:
                spurious[(p.span.text, "demonym" if p.demonym else p.feature if p.lat is not None else "unresolved")] += 1
        for g in gold:
            c["n_gold"] += 1
            hits = [p for p in ours if p.span.start < g["end"] and g["start"] < p.span.end]
            if not hits:
                errors_km.append(MISS_KM)
                misses.append(("not found", g["phrase"]))
                continue
            c["tp_gold"] += 1
            p = hits[0]
            d = km(p.lat, p.lon, g["lat"], g["lon"]) if p.lat is not None else MISS_KM
            errors_km.append(d)
            c["within"] += d <= 161
            if d > 161:
                misses.append((f"{d:,.0f} km off ({p.name}, {p.country_code})", g["phrase"]))
        tally["all"].update(c)
        tally[half(doc_id)].update(c)

    def figures(t: Counter) -> tuple[float, float, float, float]:
        p_, r_ = t["tp_ours"] / max(t["n_ours"], 1), t["tp_gold"] / max(t["n_gold"], 1)
        return p_, r_, 2 * p_ * r_ / max(p_ + r_, 1e-9), t["within"] / max(t["n_gold"], 1)

    p_, r_, f1, acc = figures(tally["all"])
    print(f"{name} ({len(docs)} articles, {tally['all']['n_gold']} gold toponyms): recognition P {p_:.3f} R {r_:.3f} F1 {f1:.3f}; "
          f"acc@161km {acc:.3f}; median error {statistics.median(errors_km):,.0f} km; "
          f"places stage {per_doc * 1000:.0f} ms/article (with spaCy)")
    print("  halves: " + ", ".join(f"{h} F1 {figures(tally[h])[2]:.3f} acc@161km {figures(tally[h])[3]:.3f}"
                                   for h in "AB"))
    for why, phrase in misses[:show]:
        print(f"    {phrase!r}: {why}")
    if show_fp:
        print(f"  places found that are no gold toponym ({sum(spurious.values())}), most frequent:")
        for (phrase, kind), k in spurious.most_common(show_fp):
            print(f"    {k:4d} {phrase!r} ({kind})")


def first_place(texts: list[str]):
    found, _ = places_of(texts)
    out = []
    for places in found:
        ps = sorted((p for p in places if p.span and not p.demonym and p.lat is not None), key=lambda p: p.span.start)
        out.append(ps[0] if ps else None)
    return out


def ucdp(n: int | None, show: int) -> None:
    path = GEO / "ucdp-places-dev.jsonl"
    if not path.exists():
        print(f"{path} absent")
        return
    rows = [json.loads(x) for x in open(path, encoding="utf-8")][: n or None]
    firsts = first_place([f"{r['where_description']}, {r['country']}" for r in rows])
    ok = 0
    errors = []
    hits = []
    for r, p in zip(rows, firsts):
        d = km(p.lat, p.lon, r["lat"], r["lon"]) if p is not None else MISS_KM
        ok += d <= 50
        hits.append(d <= 50)
        if d > 50:
            errors.append((half(r["id"]), r["where_description"], r["country"], p.name if p else None, round(d)))
    print(f"UCDP event places ({len(rows)}): acc@50km {ok / max(len(rows), 1):.3f}; "
          f"halves {by_half([r['id'] for r in rows], hits)}")
    for e in errors[:show]:
        print(f"    {e}")


def villages(n: int | None, show: int) -> None:
    path = GEO / "ucdp-syria-villages-dev.jsonl"
    if not path.exists():
        print(f"{path} absent")
        return
    rows = [json.loads(x) for x in open(path, encoding="utf-8")][: n or None]
    firsts = first_place([r["text"] for r in rows])
    ok10 = ok25 = 0
    errors = []
    d_all = []
    for r, p in zip(rows, firsts):
        d = km(p.lat, p.lon, r["lat"], r["lon"]) if p is not None else MISS_KM
        d_all.append(d)
        ok10 += d <= 10
        ok25 += d <= 25
        if d > 10:
            errors.append((half(r["id"]), r["text"], p.name if p else None, p.precision if p else None, round(d)))
    ids = [r["id"] for r in rows]
    print(f"Syrian villages ({len(rows)}): acc@10km {ok10 / max(len(rows), 1):.3f}, acc@25km {ok25 / max(len(rows), 1):.3f}; "
          f"halves @10km {by_half(ids, [d <= 10 for d in d_all])}; @25km {by_half(ids, [d <= 25 for d in d_all])}")
    for e in errors[:show]:
        print(f"    {e}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=0, help="limit per data set (0: all)")
    ap.add_argument("--show-errors", type=int, default=0)
    ap.add_argument("--show-fp", type=int, default=0, help="print the N most frequent places that are no gold toponym")
    ap.add_argument("--only", default="lgl,trnews,ucdp,villages")
    args = ap.parse_args()
    if not GEO.exists():
        print(f"{GEO} absent: nothing to measure")
        return
    parts = set(args.only.split(","))
    if "lgl" in parts:
        toponyms("LGL", GEO / "lgl.xml", args.n, args.show_errors, args.show_fp)
    if "trnews" in parts:
        toponyms("TR-News", GEO / "tr-news.xml", args.n, args.show_errors, args.show_fp)
    if "ucdp" in parts:
        ucdp(args.n, args.show_errors)
    if "villages" in parts:
        villages(args.n, args.show_errors)


if __name__ == "__main__":
    main()
