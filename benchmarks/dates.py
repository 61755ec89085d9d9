"""Dates benchmark: the `dates` layer against TimeML gold, ACLED rows and our own labelled set,
with dateparser measured in the same run on the same inputs.

Usage: python benchmarks/dates.py [--show-errors N]

1. TimeML (TimeBank + AQUAINT, ../shared/eval/dates): for each gold TIMEX3 of type DATE,
   normalise its text against the document creation time and compare the TIMEX3 value
   (YYYY-MM-DD, YYYY-MM, YYYY, YYYY-Www, decades as 199X...). Value accuracy over all DATE
   timexes (an expression we do not normalise counts as wrong). Also span precision/recall/F1
   (strict and relaxed) of `extract` over the documents' text, for DATE/TIME/DURATION/SET.
2. ACLED notes (../shared/eval/acled): the notes state dates explicitly ("On 21 March 2020, ...");
   with the publication date set to the day after the event, the share of notes whose first
   date expression covers ACLED's event_date, and whose time precision equals ACLED's.
3. Our labelled set (tests/extract/dates_conflict.tsv, real FA-KES sentences): exact interval,
   precision and type accuracy.
dateparser (PREFER_DATES_FROM=past, RELATIVE_BASE=publication date) is scored on 1 and 3.
Gold data is read from ../shared and never copied into the project.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import html
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
DATES = EVAL / "dates"
ACLED = EVAL / "acled" / "acled_afghanistan_2020-03_dkoban.csv"
OURS = ROOT / "tests" / "extract" / "dates_conflict.tsv"


def timex_value(r) -> str | None:
    """TIMEX3 value of a DateRange (None when it has no interval)."""
    from conflictcoder.extract.dates import FUTURE_REF, PAST_REF, PRESENT_REF

    if r is not None and r.reason in (PRESENT_REF, PAST_REF, FUTURE_REF):
        return {PRESENT_REF: "PRESENT_REF", PAST_REF: "PAST_REF", FUTURE_REF: "FUTURE_REF"}[r.reason]
    if r is None or r.start is None or r.end is None:
        return None
    s, e = r.start, r.end
    if s.year == e.year and (s.month, s.day, e.month, e.day) in ((1, 1, 6, 30), (7, 1, 12, 31)):
        return f"{s.year:04d}-H{1 if s.month == 1 else 2}"  # "the first half of 1990"
    if s.month == 1 and s.day == 1 and e.month == 12 and e.day == 31 and s.year % 100 == 0 and e.year - s.year == 99:
        return f"{s.year // 100:02d}"  # a century, TIMEX3 style ("19" = the 1900s)
    if r.precision == "year" and s.year == e.year:  # "early 1990", "the end of 1990": MOD on a year
        return f"{s.year:04d}"
    if s.day == 1 and s.month in (1, 4, 7, 10) and e.month == s.month + 2 and e.year == s.year \
            and (e + dt.timedelta(days=1)).day == 1:
        return f"{s.year:04d}-Q{(s.month + 2) // 3}"
    seasons = {(3, 5): "SP", (6, 8): "SU", (9, 11): "FA", (12, 2): "WI"}
    if s.day == 1 and (s.month, e.month) in seasons and (e + dt.timedelta(days=1)).day == 1:
        return f"{s.year:04d}-{seasons[(s.month, e.month)]}"
    if s.weekday() == 5 and (e - s).days == 1:
        y, w, _ = s.isocalendar()
        return f"{y:04d}-W{w:02d}-WE"
    days = (e - s).days
    if r.precision == "day" and days == 0:
        return s.isoformat()
    if s.day == 1 and s.month == 1 and e.month == 12 and e.day == 31:
        if e.year == s.year:
            return f"{s.year:04d}"
        if e.year - s.year == 9 and s.year % 10 == 0:
            return f"{s.year // 10:03d}"  # a decade, TIMEX3 style ("197" = the 1970s)
    if s.day == 1 and (e + dt.timedelta(days=1)).day == 1 and s.month == e.month and s.year == e.year:
        return f"{s.year:04d}-{s.month:02d}"
    if s.year == e.year and s.month == e.month and days > 7:  # "mid-April", "late November"
        return f"{s.year:04d}-{s.month:02d}"
    if r.precision == "week" and days <= 7:
        y, w, _ = s.isocalendar()
        return f"{y:04d}-W{w:02d}"
    if r.precision == "year":
        return f"{e.year:04d}"
    if r.precision == "month":
        return f"{e.year:04d}-{e.month:02d}"
    return e.isoformat()


def same_value(a: str | None, b: str | None) -> bool:
    """TIMEX3 values are equal; ISO week numbers are compared as numbers ("2000-W7" is "2000-W07":
    some TimeBank annotations leave out the zero), and a decade or century is the same written with
    or without its unspecified digits ("199X" is "199", "19XX" is "19", both TIMEX3 forms)."""
    if a is None or b is None:
        return False

    def canon(v: str) -> str:
        return re.sub(r"^(\d{2,3})X+$", r"\1", re.sub(r"-W(\d)(?!\d)", r"-W0\1", v))
    return canon(a) == canon(b)


def dateparser_value(parser, text: str) -> str | None:
    d = parser.get_date_data(text)
    if d is None or d.date_obj is None:
        return None
    x = d.date_obj.date()
    period = d.period or "day"
    if period == "year":
        return f"{x.year:04d}"
    if period == "month":
        return f"{x.year:04d}-{x.month:02d}"
    if period == "week":
        y, w, _ = x.isocalendar()
        return f"{y:04d}-W{w:02d}"
    return x.isoformat()


def make_dateparser(base: dt.date):
    try:
        from dateparser.date import DateDataParser
    except ImportError:
        return None
    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day), "PREFER_DATES_FROM": "past"})


def _dct(s: str) -> dt.date:
    return dt.date.fromisoformat(s[:10])


def timeml_values(show: int) -> None:
    from conflictcoder.extract.dates import normalise

    rows = [json.loads(x) for x in open(DATES / "timex3_tbaq.jsonl", encoding="utf-8")]
    dates = [r for r in rows if r["type"] == "DATE"]
    ours = theirs = 0
    misses: Counter = Counter()
    parsers: dict = {}
    for r in dates:
        dct = _dct(r["dct"])
        ctx = r["context"]
        i = ctx.find(r["text"])
        left = ctx[:i][-200:] if i >= 0 else ""
        right = ctx[i + len(r["text"]):][:200] if i >= 0 else ""
        got = timex_value(normalise(r["text"], dct, context=left, after=right))
        if same_value(got, r["value"]):
            ours += 1
        else:
            misses[(r["text"].lower(), r["value"], got)] += 1
        if dct not in parsers:
            parsers[dct] = make_dateparser(dct)
        if parsers[dct] is not None and same_value(dateparser_value(parsers[dct], r["text"]), r["value"]):
            theirs += 1
    n = len(dates)
    print(f"TimeML DATE value accuracy ({n} timexes): conflictcoder {ours / n:.3f}"
          + (f", dateparser {theirs / n:.3f}" if parsers.get(_dct(dates[0]['dct'])) is not None else ", dateparser not installed"))
    refs = sum(1 for r in dates if not r["value"][:1].isdigit())
    print(f"  of which non-calendar values (PRESENT_REF, PAST_REF, quarters...): {refs}")
    if show:
        for (text, kind, got), c in misses.most_common(show):
            print(f"    {c:3d} x {text!r:32} gold={kind:12} ours={got}")


def _plain_text(tml: Path) -> tuple[str, list[tuple[int, int, str]]]:
    """TEXT content without tags, and its TIMEX3 spans."""
    raw = tml.read_text(encoding="utf-8")
    body = raw.split("<TEXT>", 1)[1].split("</TEXT>", 1)[0]
    out, spans, pos = [], [], 0
    for m in re.finditer(r"<TIMEX3[^>]*>(.*?)</TIMEX3>|<[^>]+>|[^<]+", body, re.S):
        if m.group(0).startswith("<TIMEX3"):
            t = html.unescape(m.group(1))
            t = re.sub(r"<[^>]+>", "", t)
            spans.append((pos, pos + len(t), t))
            out.append(t)
            pos += len(t)
        elif m.group(0).startswith("<"):
            continue
        else:
            t = html.unescape(m.group(0))
            out.append(t)
            pos += len(t)
    return "".join(out), spans


def timeml_spans() -> None:
    from conflictcoder.extract.dates import _scan

    tp_s = tp_r = n_gold = n_pred = 0
    for folder in ("TimeBank", "AQUAINT"):
        for tml in sorted((DATES / folder).glob("*.tml")):
            dct_m = re.search(r'<DCT><TIMEX3[^>]*value="([^"]+)"', tml.read_text(encoding="utf-8"))
            if not dct_m:
                continue
            text, gold = _plain_text(tml)
            pred = [(d.span.start, d.span.end) for d in _scan(text, _dct(dct_m.group(1)))]
            n_gold += len(gold)
            n_pred += len(pred)
            gs = {(s, e) for s, e, _ in gold}
            tp_s += sum(1 for p in pred if p in gs)
            tp_r += sum(1 for p in pred if any(p[0] < e and s < p[1] for s, e, _ in gold))
    for name, tp in (("strict", tp_s), ("relaxed", tp_r)):
        p = tp / n_pred if n_pred else 0
        r = tp / n_gold if n_gold else 0
        f = 2 * p * r / (p + r) if p + r else 0
        print(f"TimeML span {name:7}: P {p:.3f} R {r:.3f} F1 {f:.3f} ({n_gold} gold, {n_pred} found)")


def acled_notes(show: int) -> None:
    """Event dates through the whole pipeline: the first event of each note (publication date
    = the day after ACLED's event date, since notes carry explicit dates)."""
    from conflictcoder import Pipeline
    from conflictcoder.pipeline import make_article

    rows = list(csv.DictReader(open(ACLED, encoding="utf-8")))
    pipe = Pipeline()
    cover = prec = total = with_event = 0
    confusion: Counter = Counter()
    arts = [make_article(r["notes"], dt.datetime.strptime(r["event_date"], "%d %B %Y").date() + dt.timedelta(days=1))
            for r in rows]
    for r, ann in zip(rows, pipe.pipe(arts)):
        event = dt.datetime.strptime(r["event_date"], "%d %B %Y").date()
        total += 1
        if not ann.events:
            continue
        with_event += 1
        d = ann.events[0].date
        if d.start <= event <= d.end:
            cover += 1
        confusion[(int(r["time_precision"]), d.time_precision)] += 1
        if d.time_precision == int(r["time_precision"]):
            prec += 1
    print(f"ACLED notes ({total}, {with_event} with an event): event date covers event_date {cover / total:.3f}; "
          f"time_precision equal {prec / total:.3f}; (acled, ours) counts {dict(confusion)}")


def our_set(show: int) -> None:
    from conflictcoder.extract.dates import normalise

    if not OURS.exists():
        print(f"labelled set {OURS.relative_to(ROOT)} absent")
        return
    lines = [ln for ln in open(OURS, encoding="utf-8") if not ln.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    ok = theirs = 0
    errors = []
    for r in rows:
        P = dt.date.fromisoformat(r["published"])
        ctx = r["context"]
        left = ctx.split(r["expression"])[0] if r["expression"] in ctx else ""
        got = normalise(r["expression"], P, context=left[-60:])
        want = (r["start"] or None, r["end"] or None, r["precision"], r["type"])
        have = (str(got.start) if got and got.start else None, str(got.end) if got and got.end else None,
                got.precision if got else None, got.type if got else None)
        if have == want or (want[3] != "date" and have[3] == want[3] and have[:2] == want[:2]):
            ok += 1
        else:
            errors.append((r["expression"], r["published"], want, have))
        p = make_dateparser(P)
        if p is not None and want[0] and want[0] == want[1]:
            d = p.get_date_data(r["expression"])
            if d and d.date_obj and d.date_obj.date().isoformat() == want[0]:
                theirs += 1
    n = len(rows)
    single = sum(1 for r in rows if r["start"] and r["start"] == r["end"])
    print(f"labelled conflict set ({n} expressions): conflictcoder exact {ok / n:.3f}; "
          f"single-day expressions ({single}): dateparser {theirs / max(single, 1):.3f}")
    for e in errors[:show]:
        print(f"    {e[0]!r:36} P={e[1]} want={e[2]} have={e[3]}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show-errors", type=int, default=0)
    args = ap.parse_args()
    if not DATES.exists():
        print(f"{DATES} absent: no TimeML benchmark")
    else:
        timeml_values(args.show_errors)
        timeml_spans()
    if ACLED.exists():
        acled_notes(args.show_errors)
    our_set(args.show_errors)


if __name__ == "__main__":
    sys.exit(main())
