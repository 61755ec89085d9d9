"""link: many reports of one event become one event, incrementally.

Mentions not yet in an event are compared with stored events and with each other. Blocking:
same country and event type, dates within a window that widens with time precision.
Match: sub-event types equal (or one mention is the generic kind of its type), places within
25 km or the same admin1 when one side only knows the region, actor1 equal or unknown, and
never two mentions of the same article. Reconciliation (UCDP practice): each article's figure
is kept; `best` is the figure of the most recent report ("the toll rose to 11" supersedes "at
least 7"), `low`/`high` the smallest and largest, so best never exceeds the highest single
report; date and place are the most precise reported.

Deliberately simple in this first version: greedy assignment in publication order, no text
similarity, no analyst split/merge decisions (a later issue deepens linking).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections import Counter

from ..store.duckdb_store import Store

WINDOW_DAYS = {1: 2, 2: 7, 3: 31}
MAX_KM = 25.0


def km(lat1, lon1, lat2, lon2) -> float:
    p = math.pi / 180
    a = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(min(1.0, a)))


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED interaction code: the two inter codes, smaller first (10 * a + b); sole actor: 10 * a."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    a, b = sorted((inter1, inter2))
    return a * 10 + b


def _dates_close(m: dict, e: dict) -> bool:
    if m["date_start"] is None or e["date_start"] is None:
        return True
    window = dt.timedelta(days=max(WINDOW_DAYS.get(m["time_precision"] or 3, 31),
                                   WINDOW_DAYS.get(e["time_precision"] or 3, 31)) - 1)
    return m["date_start"] <= e["date_end"] + window and e["date_start"] <= m["date_end"] + window


def _places_close(m: dict, e: dict) -> bool:
    if m["lat"] is None or e["lat"] is None:
        return m["country_code"] == e["country_code"]
    if m["geonames_id"] is not None and m["geonames_id"] == e["geonames_id"]:
        return True
    if (m["geo_precision"] or 3) >= 3 or (e["geo_precision"] or 3) >= 3:
        return m["admin1"] is not None and m["admin1"] == e["admin1"]
    return km(m["lat"], m["lon"], e["lat"], e["lon"]) <= MAX_KM


def _compatible(m: dict, e: dict, articles_of: dict[str, set]) -> bool:
    if m["country_code"] != e["country_code"] or m["event_type"] != e["event_type"]:
        return False
    if m["article_id"] in articles_of.get(e["event_id"], set()):
        return False
    if m["actor1"] and e["actor1"] and m["actor1"] != e["actor1"]:
        return False
    return _dates_close(m, e) and _places_close(m, e)


def _reconcile(event_id: str, mentions: list[dict]) -> dict:
    mentions = sorted(mentions, key=lambda r: (r["published"], r["mention_id"]))
    dated = [r for r in mentions if r["date_start"] is not None]
    best_date = min(dated, key=lambda r: ((r["date_end"] - r["date_start"]).days, r["published"])) if dated else mentions[0]
    placed = [r for r in mentions if r["lat"] is not None]
    best_place = min(placed, key=lambda r: (r["geo_precision"] or 3, -(r["place_confidence"] or 0))) if placed else mentions[0]
    figures = [(r["published"], r["fatalities"] or 0) for r in mentions]
    latest_day = max(p for p, _ in figures)
    best = max(f for p, f in figures if p == latest_day)
    if best == 0:
        best = max(f for _, f in figures)  # a later report without figures does not erase deaths
    reported = [f for _, f in figures if f > 0] or [0]
    a1 = Counter(r["actor1"] for r in mentions if r["actor1"]).most_common(1)
    a2 = Counter(r["actor2"] for r in mentions if r["actor2"]).most_common(1)
    actor1 = a1[0][0] if a1 else None
    actor2 = a2[0][0] if a2 else None
    inter1 = next((r["inter1"] for r in mentions if r["actor1"] == actor1), None) if actor1 else None
    inter2 = next((r["inter2"] for r in mentions if r["actor2"] == actor2), None) if actor2 else None
    sources: list[str] = []
    for r in mentions:
        for s in json.loads(r["sources"] or "[]"):
            if s not in sources:
                sources.append(s)
    subtypes = Counter(r["sub_event_type"] for r in mentions).most_common(1)[0][0]
    return {
        "event_id": event_id, "event_type": mentions[0]["event_type"], "sub_event_type": subtypes,
        "date_start": best_date["date_start"], "date_end": best_date["date_end"],
        "time_precision": best_date["time_precision"],
        "location": best_place["place_name"], "geonames_id": best_place["geonames_id"],
        "lat": best_place["lat"], "lon": best_place["lon"], "country_code": best_place["country_code"],
        "admin1": best_place["admin1"], "admin2": best_place["admin2"], "geo_precision": best_place["geo_precision"],
        "actor1": actor1, "inter1": inter1, "actor2": actor2, "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "fatalities_best": int(best), "fatalities_low": int(min(reported)), "fatalities_high": int(max(reported)),
        "sources": json.dumps(sources), "notes": mentions[-1]["sentence"],
        "n_mentions": len(mentions),
        "first_published": mentions[0]["published"], "last_published": mentions[-1]["published"],
    }


def link(store: Store) -> int:
    """Assign every unlinked mention to an event (existing or new); returns mentions linked."""
    con = store.con
    new = store._dicts(
        "SELECT m.* FROM mentions m LEFT JOIN event_mentions em USING (mention_id)"
        " WHERE em.event_id IS NULL ORDER BY m.published, m.mention_id")
    if not new:
        return 0
    events = {r["event_id"]: r for r in store._dicts("SELECT * FROM events")}
    members: dict[str, list[dict]] = {}
    for r in store._dicts("SELECT em.event_id, m.* FROM event_mentions em JOIN mentions m USING (mention_id)"):
        members.setdefault(r["event_id"], []).append(r)
    articles_of = {eid: {r["article_id"] for r in rows} for eid, rows in members.items()}
    touched: set[str] = set()
    assignments = []
    for m in new:
        match = None
        for eid, e in events.items():
            if _compatible(m, e, articles_of):
                match = eid
                break
        if match is None:
            match = "EV" + hashlib.sha1(m["mention_id"].encode()).hexdigest()[:12]
            members[match] = []
            articles_of[match] = set()
        members[match].append(m)
        articles_of[match].add(m["article_id"])
        events[match] = _reconcile(match, members[match])
        touched.add(match)
        assignments.append((match, m["mention_id"]))
    con.execute("BEGIN TRANSACTION")
    try:
        con.executemany("INSERT INTO event_mentions VALUES (?, ?)", [list(a) for a in assignments])
        for eid in touched:
            row = events[eid]
            con.execute("DELETE FROM events WHERE event_id = ?", [eid])
            cols = list(row)
            con.execute(f"INSERT INTO events ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                        [row[c] for c in cols])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return len(assignments)
