"""queries: the SQL behind the API, over the corrected events (corrections.corrected_events_sql).

Every filter is a parameter (`? IS NULL OR column = ?`); no SQL is built from what a client
sends. Text search is a case-insensitive substring match (`contains`), not a LIKE pattern, so
'%' and '_' in a query are plain characters.

What it does not do: check what comes in (models.py and FastAPI do) or decide who may ask
(auth.py).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from .. import corrections

SUMMARY_COLUMNS = ("event_id", "event_type", "sub_event_type", "date_start", "date_end", "time_precision",
                   "location", "lat", "lon", "country_code", "admin1", "admin2", "geo_precision",
                   "actor1", "actor2", "fatalities_best", "fatalities_low", "fatalities_high",
                   "injured_best", "n_mentions", "corrected")


@dataclass(frozen=True)
class Filters:
    """What the list, the aggregates and the exports are narrowed to (None: no filter)."""

    country: str | None = None
    admin1: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    min_fatalities: int | None = None
    q: str | None = None

    def where(self) -> tuple[str, list]:
        """The WHERE clause over corrected events `e` and its parameters."""
        sql = ("(? IS NULL OR e.country_code = ?) AND (? IS NULL OR e.admin1 = ?)"
               " AND (? IS NULL OR e.date_end >= ?) AND (? IS NULL OR e.date_start <= ?)"
               " AND (? IS NULL OR e.event_type = ?) AND (? IS NULL OR e.sub_event_type = ?)"
               " AND (? IS NULL OR contains(lower(coalesce(e.actor1, '') || ' ' || coalesce(e.actor2, '')), lower(?)))"
               " AND (? IS NULL OR e.fatalities_best >= ?)"
               " AND (? IS NULL OR contains(lower(concat_ws(' ', e.location, e.admin1, e.admin2, e.actor1, e.actor2,"
               " e.notes, e.event_type, e.sub_event_type)), lower(?))"
               " OR EXISTS (SELECT 1 FROM event_mentions em JOIN mentions m USING (mention_id)"
               " JOIN articles a ON a.id = m.article_id WHERE em.event_id = e.event_id"
               " AND contains(lower(coalesce(a.title, '') || ' ' || a.text), lower(?))))")
        params = []
        for v in (self.country, self.admin1, self.since, self.until, self.event_type, self.sub_event_type,
                  self.actor, self.min_fatalities):
            params += [v, v]
        params += [self.q, self.q, self.q]
        return sql, params


def _from() -> str:
    return f"({corrections.corrected_events_sql()}) e"


def list_events(store, f: Filters, limit: int, offset: int) -> tuple[int, list[dict]]:
    """(how many match, one page of them): newest first."""
    where, params = f.where()
    total = store.con.execute(f"SELECT count(*) FROM {_from()} WHERE {where}", params).fetchone()[0]
    cols = ", ".join(f"e.{c}" for c in SUMMARY_COLUMNS)
    rows = store._dicts(f"SELECT {cols} FROM {_from()} WHERE {where}"
                        " ORDER BY e.date_start DESC NULLS LAST, e.event_id LIMIT ? OFFSET ?", params + [limit, offset])
    for r in rows:
        r["corrected"] = list(r["corrected"] or [])
    return int(total), rows


def timeline(store, f: Filters, interval: str) -> list[dict]:
    """Events and fatalities per day or week (ACLED's event date: the end of the date range) and type."""
    unit = {"day": "day", "week": "week"}[interval]  # a constant, never the client's text
    where, params = f.where()
    return store._dicts(
        f"SELECT CAST(date_trunc('{unit}', coalesce(e.date_end, e.date_start)) AS DATE) AS period, e.event_type,"
        f" count(*) AS events, CAST(coalesce(sum(e.fatalities_best), 0) AS BIGINT) AS fatalities"
        f" FROM {_from()} WHERE {where} AND coalesce(e.date_end, e.date_start) IS NOT NULL"
        " GROUP BY ALL ORDER BY period, e.event_type", params)


def by_admin1(store, f: Filters) -> list[dict]:
    """Events and fatalities per first-level region, most fatalities first."""
    where, params = f.where()
    return store._dicts(
        f"SELECT e.country_code, e.admin1, count(*) AS events,"
        f" CAST(coalesce(sum(e.fatalities_best), 0) AS BIGINT) AS fatalities"
        f" FROM {_from()} WHERE {where} GROUP BY ALL ORDER BY fatalities DESC, events DESC, e.country_code, e.admin1",
        params)


def breakdown(store, f: Filters, top: int = 15) -> dict:
    """Events and fatalities by event type, by actor (an event counts for each of its actors;
    the `top` with most fatalities) and by country (with its ISO numeric code, for the map)."""
    where, params = f.where()
    base = f"SELECT * FROM {_from()} WHERE {where}"

    def groups(key_sql: str, source: str, limit: int | None = None) -> list[dict]:
        sql = (f"SELECT {key_sql} AS key, count(*) AS events, CAST(coalesce(sum(fatalities_best), 0) AS BIGINT)"
               f" AS fatalities FROM ({source}) g WHERE {key_sql} IS NOT NULL GROUP BY 1"
               " ORDER BY fatalities DESC, events DESC, key")
        return store._dicts(sql + (" LIMIT ?" if limit else ""), params + ([limit] if limit else []))

    actors = f"SELECT actor1 AS actor, fatalities_best FROM ({base}) UNION ALL SELECT actor2, fatalities_best FROM ({base})"
    from ..export.table import country_info

    countries = groups("country_code", base)
    for r in countries:
        r["iso"] = country_info(r["key"]).get("isonumeric")
    by_actor = store._dicts(
        f"SELECT actor AS key, count(*) AS events, CAST(coalesce(sum(fatalities_best), 0) AS BIGINT) AS fatalities"
        f" FROM ({actors}) a WHERE actor IS NOT NULL GROUP BY 1 ORDER BY fatalities DESC, events DESC, key LIMIT ?",
        params + params + [top])
    return {"by_type": groups("event_type", base), "by_actor": by_actor, "by_country": countries}


def export_events(store, f: Filters) -> list[dict]:
    """Every corrected event the filters select, full rows, in the export order (newest first)."""
    where, params = f.where()
    rows = store._dicts(f"SELECT * FROM {_from()} WHERE {where} ORDER BY e.date_start DESC, e.event_id", params)
    for r in rows:
        r["sources"] = json.loads(r["sources"] or "[]")
        r["corrected"] = list(r["corrected"] or [])
    return rows


def facets(store) -> dict:
    """What the filters can choose from: countries and regions present, the date range."""
    regions = store._dicts(f"SELECT DISTINCT e.country_code, e.admin1 FROM {_from()}"
                           " WHERE e.country_code IS NOT NULL ORDER BY 1, 2")
    lo, hi, n = store.con.execute(f"SELECT min(e.date_start), max(e.date_end), count(*) FROM {_from()}").fetchone()
    return {"countries": sorted({r["country_code"] for r in regions}),
            "admin1": [{"country_code": r["country_code"], "admin1": r["admin1"]} for r in regions if r["admin1"]],
            "date_min": lo, "date_max": hi, "events": int(n)}


def event(store, event_id: str) -> dict | None:
    """One corrected event with the machine's row beside it, or None."""
    rows = store._dicts(f"SELECT * FROM {_from()} WHERE e.event_id = ?", [event_id])
    if not rows:
        return None
    ev = rows[0]
    ev["corrected"] = list(ev["corrected"] or [])
    ev["sources"] = json.loads(ev["sources"] or "[]")
    machine = store._dicts("SELECT * FROM events WHERE event_id = ?", [event_id])[0]
    ev["machine"] = {f: machine[col] for f, (col, _) in corrections.FIELDS.items()}
    return ev


def mentions(store, event_id: str) -> list[dict]:
    rows = store._dicts(
        "SELECT m.mention_id, m.article_id, m.published, m.event_type, m.sub_event_type, m.date_start, m.date_end,"
        " m.place_name, m.lat, m.lon, m.admin1, m.country_code, m.actor1, m.actor2, m.fatalities, m.injured,"
        " m.confidence, m.sources, m.sentence FROM mentions m JOIN event_mentions em USING (mention_id)"
        " WHERE em.event_id = ? ORDER BY m.published, m.mention_id", [event_id])
    for r in rows:
        r["sources"] = json.loads(r["sources"] or "[]")
    return rows


def counts(store, mention_ids: list[str]) -> list[dict]:
    return store._dicts(
        "SELECT count_id, article_id, mention_id, kind, value, low, high, qualifier, victims, scope, claimed_by,"
        " negated, partisan, span_start, span_end, span_text FROM counts WHERE mention_id IN (SELECT unnest(?))"
        " ORDER BY article_id, span_start", [mention_ids])


def articles(store, mention_ids: list[str]) -> list[dict]:
    """The articles of these mentions, each with its text cut into highlighted segments."""
    arts = store._dicts(
        "SELECT id AS article_id, input_id, published, title, outlet, url, origin, text FROM articles WHERE id IN"
        " (SELECT article_id FROM mentions WHERE mention_id IN (SELECT unnest(?))) ORDER BY published, id",
        [mention_ids])
    spans = store._dicts(
        "SELECT article_id, field AS kind, span_start, span_end FROM evidence"
        " WHERE owner_kind = 'mention' AND owner_id IN (SELECT unnest(?))"
        " UNION ALL SELECT c.article_id, 'count', c.span_start, c.span_end FROM counts c"
        " WHERE c.mention_id IN (SELECT unnest(?)) AND c.span_start IS NOT NULL", [mention_ids, mention_ids])
    for a in arts:
        own = [(s["span_start"], s["span_end"], s["kind"]) for s in spans if s["article_id"] == a["article_id"]]
        a["segments"] = segments(a.pop("text"), own)
    return arts


def link_decisions(store, mention_ids: list[str]) -> list[dict]:
    return store._dicts(
        "SELECT kind, mention_a, mention_b, author, reason, decided_at FROM link_decisions"
        " WHERE mention_a IN (SELECT unnest(?)) OR mention_b IN (SELECT unnest(?)) ORDER BY decided_at DESC",
        [mention_ids, mention_ids])


def segments(text: str, spans: list[tuple[int | None, int | None, str]]) -> list[dict]:
    """`text` cut at every span boundary: [{"text", "kinds"}], kinds being the spans that cover
    the piece (sentence, trigger, place, actor1, count, ...). Spans outside the text are dropped."""
    good = [(s, e, k) for s, e, k in spans if s is not None and e is not None and 0 <= s < e <= len(text)]
    cuts = sorted({0, len(text), *(s for s, _, _ in good), *(e for _, e, _ in good)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        kinds = sorted({k for s, e, k in good if s <= a and b <= e})
        if out and out[-1]["kinds"] == kinds:
            out[-1]["text"] += text[a:b]
        else:
            out.append({"text": text[a:b], "kinds": kinds})
    return out
