"""corrections: analysts' fixes of event fields, kept beside the machine's values and laid over them on read.

Why beside and not in place: the events table is the machine's reading, recomputed by every
`link` (and from scratch by `link --rebuild`); an analyst's fix written into it would be lost
on the next re-link and the machine's original could no longer be shown. So each fix is a row
of `corrections` (event, field, value, the machine's original, author, reason, time) and every
reader that wants the corrected dataset (exports, the web API, the report) reads
`corrected_events_sql()`, the events table with the latest fix of each field laid over it and a
`corrected` column naming the fields an analyst changed.

Finding the event again: a fix names its event and the event's first report (`mention_id`).
When the event id no longer exists (a re-link gave the event another id, a merge absorbed it)
the fix follows that report to the event it is in now. A fix made on the event itself wins
over one that followed a report there; among those, the latest wins.

What it does not do: validate what an analyst typed (the web layer's pydantic models do, with
`taxonomy()`), or merge and split events (link/linker.py does, and records those decisions).
"""

from __future__ import annotations

import datetime as dt
import functools

# field an analyst can correct: (events column it sets, SQL type of the column)
FIELDS: dict[str, tuple[str, str]] = {
    "event_type": ("event_type", "VARCHAR"),
    "sub_event_type": ("sub_event_type", "VARCHAR"),
    "date_start": ("date_start", "DATE"),
    "date_end": ("date_end", "DATE"),
    "time_precision": ("time_precision", "INTEGER"),
    "location": ("location", "VARCHAR"),
    "geonames_id": ("geonames_id", "BIGINT"),
    "lat": ("lat", "DOUBLE"),
    "lon": ("lon", "DOUBLE"),
    "country_code": ("country_code", "VARCHAR"),
    "admin1": ("admin1", "VARCHAR"),
    "admin2": ("admin2", "VARCHAR"),
    "geo_precision": ("geo_precision", "INTEGER"),
    "actor1": ("actor1", "VARCHAR"),
    "inter1": ("inter1", "INTEGER"),
    "actor2": ("actor2", "VARCHAR"),
    "inter2": ("inter2", "INTEGER"),
    "fatalities": ("fatalities_best", "INTEGER"),
}


@functools.lru_cache(maxsize=None)
def taxonomy() -> dict[str, tuple[str, ...]]:
    """ACLED event types and their sub-event types (taxonomy/acled.yaml): what an analyst's fix
    of `event_type` / `sub_event_type` must be one of."""
    from .taxonomy import event_types

    return event_types()


def _text(value) -> str | None:
    """A value as the text stored in `corrections.value` (cast back by the column's SQL type)."""
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)


# corrections resolved to the events they apply to now (see the module docstring)
_RESOLVED = """
    SELECT c.*, coalesce(e.event_id, em.event_id) AS target, e.event_id IS NOT NULL AS direct
    FROM corrections c
    LEFT JOIN events e ON e.event_id = c.event_id
    LEFT JOIN event_mentions em ON em.mention_id = c.mention_id
"""
_RANKED = f"""
    SELECT *, row_number() OVER (PARTITION BY target, field
                                 ORDER BY direct DESC, corrected_at DESC, correction_id DESC) AS rank
    FROM ({_RESOLVED}) r WHERE target IS NOT NULL
"""


@functools.lru_cache(maxsize=None)
def corrected_events_sql() -> str:
    """SELECT of the events table with the analysts' corrections laid over it.

    Same columns as `events` plus `corrected` (VARCHAR[]: the corrected fields, sorted). A
    corrected fatality figure becomes `fatalities_best` and widens low/high to hold it; a
    corrected inter code recomputes `interaction`. Built from the constant FIELDS table only.
    """
    pivot = ", ".join(f"max(value) FILTER (WHERE field = '{f}') AS \"c_{f}\"" for f in FIELDS)
    has = "list_contains(p.corrected, '{}')"
    replace = [f"CASE WHEN {has.format(f)} THEN CAST(p.\"c_{f}\" AS {typ}) ELSE e.{col} END AS {col}"
               for f, (col, typ) in FIELDS.items()]
    fat = 'CAST(p."c_fatalities" AS INTEGER)'
    replace.append(f"CASE WHEN {has.format('fatalities')} THEN least(e.fatalities_low, {fat}) "
                   "ELSE e.fatalities_low END AS fatalities_low")
    replace.append(f"CASE WHEN {has.format('fatalities')} THEN greatest(e.fatalities_high, {fat}) "
                   "ELSE e.fatalities_high END AS fatalities_high")
    inner = f"""
        SELECT e.* REPLACE ({', '.join(replace)}), coalesce(p.corrected, []::VARCHAR[]) AS corrected
        FROM events e LEFT JOIN (
            SELECT target, list(field ORDER BY field) AS corrected, {pivot}
            FROM ({_RANKED}) k WHERE rank = 1 GROUP BY target
        ) p ON p.target = e.event_id
    """
    interaction = ("CASE WHEN NOT (list_contains(x.corrected, 'inter1') OR list_contains(x.corrected, 'inter2'))"
                   " THEN x.interaction WHEN x.inter1 IS NULL THEN NULL WHEN x.inter2 IS NULL THEN x.inter1 * 10"
                   " ELSE least(x.inter1, x.inter2) * 10 + greatest(x.inter1, x.inter2) END")
    return f"SELECT x.* REPLACE ({interaction} AS interaction) FROM ({inner}) x"


def events(store, country: str | None = None, since: dt.date | None = None, until: dt.date | None = None,
           event_type: str | None = None, limit: int | None = None) -> list[dict]:
    """Corrected events, newest first, filtered on the corrected values (as `Store.events`)."""
    rows = store.events(country=country, since=since, until=until, event_type=event_type, limit=limit,
                        relation=f"({corrected_events_sql()}) e")
    for r in rows:
        r["corrected"] = list(r["corrected"] or [])
    return rows


def record(store, event_id: str, changes: dict, author: str, reason: str) -> list[dict]:
    """Store one correction row per changed field, in one transaction; returns the rows.

    `changes` maps FIELDS names to new values (None clears a field). The machine's value at
    this time is kept as `original`. Raises KeyError for an unknown event, ValueError for an
    unknown field or a missing author or reason. Validation of the values is the caller's.
    """
    unknown = sorted(set(changes) - set(FIELDS))
    if unknown:
        raise ValueError(f"not a correctable field: {', '.join(unknown)}")
    if not changes:
        raise ValueError("no field to correct")
    if not (author and author.strip() and reason and reason.strip()):
        raise ValueError("a correction needs an author and a reason")
    machine = store._dicts("SELECT * FROM events WHERE event_id = ?", [event_id])
    if not machine:
        raise KeyError(f"no such event: {event_id}")
    anchor = store.con.execute(
        "SELECT em.mention_id FROM event_mentions em JOIN mentions m USING (mention_id) WHERE em.event_id = ?"
        " ORDER BY m.published, em.mention_id LIMIT 1", [event_id]).fetchone()
    now = dt.datetime.now()
    rows = [{"event_id": event_id, "mention_id": anchor[0] if anchor else None, "field": f,
             "value": _text(v), "original": _text(machine[0][FIELDS[f][0]]), "author": author.strip(),
             "reason": reason.strip(), "corrected_at": now} for f, v in sorted(changes.items())]
    cols = ["event_id", "mention_id", "field", "value", "original", "author", "reason", "corrected_at"]
    store.con.execute("BEGIN TRANSACTION")
    try:
        store.con.executemany(f"INSERT INTO corrections ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                              [[r[c] for c in cols] for r in rows])
        store.con.execute("COMMIT")
    except Exception:
        store.con.execute("ROLLBACK")
        raise
    return rows


def for_event(store, event_id: str) -> list[dict]:
    """Every correction that applies to the event now, newest first; `applied` marks the ones in force."""
    rows = store._dicts(
        f"SELECT correction_id, event_id AS corrected_event_id, mention_id, field, value, original, author, reason,"
        f" corrected_at, rank = 1 AS applied FROM ({_RANKED}) k WHERE target = ?"
        " ORDER BY corrected_at DESC, correction_id DESC", [event_id])
    return rows
