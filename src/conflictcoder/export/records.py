"""Event records for exporters: the (corrected) events plus evidence from the mentions' JSON.

`corrected` names the fields an analyst changed and `corrections` gives each fix in force
(value, the machine's original, author, reason, time).
"""

from __future__ import annotations

import functools
import json

from ..taxonomy import grouping


@functools.lru_cache(maxsize=None)
def country_name(iso2: str | None) -> str | None:
    if not iso2:
        return None
    from ..extract.actors import country_names

    return country_names().get(iso2, iso2)


DISORDER = grouping("disorder_type")  # event type -> ACLED's disorder type (taxonomy/acled.yaml)


def articles_by_event(store, event_ids: list[str]) -> dict[str, list[dict]]:
    """The articles behind each event (oldest first), with the input's own id, URL, outlet, title."""
    rows = store._dicts(
        "SELECT DISTINCT em.event_id, a.id, a.input_id, a.url, a.outlet, a.title, a.published, a.ingested_at"
        " FROM event_mentions em JOIN mentions m USING (mention_id) JOIN articles a ON a.id = m.article_id"
        " WHERE em.event_id IN (SELECT unnest(?)) ORDER BY a.published, a.id", [event_ids])
    out: dict[str, list[dict]] = {}
    for r in rows:
        out.setdefault(r.pop("event_id"), []).append(r)
    return out


def event_record(store, ev: dict) -> dict:
    """One event in the `annotate` event shape, with spans from the mentions that support it."""
    mentions = store.mentions_for(ev["event_id"])
    data = [json.loads(m["data"]) for m in mentions]

    def pick(pred, field):
        for d in data:
            if d.get(field) and pred(d[field]):
                return d[field]
        return next((d[field] for d in data if d.get(field)), None)

    date = pick(lambda x: x.get("start") == str(ev["date_start"]) and x.get("end") == str(ev["date_end"]), "date")
    place = pick(lambda x: x.get("lat") == ev["lat"] and x.get("lon") == ev["lon"], "place")
    actor1 = pick(lambda x: x.get("name") == ev["actor1"], "actor1") if ev["actor1"] else None
    actor2 = pick(lambda x: x.get("name") == ev["actor2"], "actor2") if ev["actor2"] else None
    fixed = set(ev.get("corrected") or [])
    if fixed & PLACE_FIELDS:
        place = _analyst(geonames_id=ev["geonames_id"], name=ev["location"], lat=ev["lat"], lon=ev["lon"],
                         country_code=ev["country_code"], admin1=ev["admin1"], admin2=ev["admin2"],
                         precision=ev["geo_precision"])
    if fixed & DATE_FIELDS:
        date = _analyst(start=_iso(ev["date_start"]), end=_iso(ev["date_end"]), time_precision=ev["time_precision"])
    for n in (1, 2):
        if fixed & {f"actor{n}", f"inter{n}"}:
            item = _analyst(name=ev[f"actor{n}"], type=ev[f"inter{n}"]) if ev[f"actor{n}"] else None
            actor1, actor2 = (item, actor2) if n == 1 else (actor1, item)
    arts = {a["id"]: a for a in articles_by_event(store, [ev["event_id"]]).get(ev["event_id"], [])}
    counts, sources = [], []
    for m, d in zip(mentions, data):
        for c in d.get("counts", []):
            counts.append({**c, "article_id": m["article_id"]})
        for s in d.get("sources", []):
            sources.append({**s, "article_id": m["article_id"]})
    return {
        "event_id": ev["event_id"],
        "event_type": ev["event_type"],
        "sub_event_type": ev["sub_event_type"],
        "date": date,
        "place": place,
        "actor1": actor1,
        "actor2": actor2,
        "interaction": ev["interaction"],
        "fatalities": ev["fatalities_best"],
        "fatalities_low": ev["fatalities_low"],
        "fatalities_high": ev["fatalities_high"],
        **best_figure(ev),
        "flags": ev.get("flags"),
        "counts": counts,
        "sources": sources,
        "corrected": list(ev.get("corrected") or []),
        "corrections": _corrections(store, ev) if ev.get("corrected") else [],
        "mentions": [
            {"mention_id": m["mention_id"], "article_id": m["article_id"], "published": str(m["published"]),
             **{k: arts.get(m["article_id"], {}).get(k) for k in ("input_id", "url", "outlet", "title")},
             "fatalities": m["fatalities"], "trigger": d.get("trigger"), "sentences": d.get("sentences")}
            for m, d in zip(mentions, data)
        ],
    }


def best_figure(ev: dict) -> dict:
    """`best_source` (the article whose figure is best) and `best_reason` (why, in words, from
    linking); an analyst's corrected figure replaces both."""
    if "fatalities" in (ev.get("corrected") or []):
        return {"best_source": None, "best_reason": CORRECTED}
    return {"best_source": ev.get("best_source"), "best_reason": ev.get("best_reason")}


PLACE_FIELDS = {"location", "geonames_id", "lat", "lon", "country_code", "admin1", "admin2", "geo_precision"}
DATE_FIELDS = {"date_start", "date_end", "time_precision"}
CORRECTED = "corrected by an analyst (see corrections)"


def _analyst(**fields) -> dict:
    """An item an analyst set: the event's corrected values, no span in any article (the
    machine's item, with its evidence, is in the mentions' reports)."""
    return {**fields, "span": None, "reason": CORRECTED}


def _iso(d) -> str | None:
    return None if d is None else str(d)


def _corrections(store, ev: dict) -> list[dict]:
    from ..corrections import for_event

    return [{k: r[k] for k in ("field", "value", "original", "author", "reason", "corrected_at")}
            for r in for_event(store, ev["event_id"]) if r["applied"]]
