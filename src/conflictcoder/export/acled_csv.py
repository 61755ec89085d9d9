"""ACLED-compatible CSV: ACLED's column names and order, event types and precision codes.

One column more at the end, `corrected`: the fields an analyst corrected (";"-separated), empty
for the machine's reading.

Text cells that a spreadsheet would take for a formula (starting with =, +, -, @, tab or
carriage return: an actor or place name from an article, a note) are written with a leading
apostrophe, as OWASP advises; numbers are written as they are.
"""

from __future__ import annotations

import csv

from .records import DISORDER, country_name

COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp", "corrected",
]


def row(ev: dict) -> dict:
    date = ev["date_end"] or ev["date_start"]
    return {
        "event_id_cnty": ev["event_id"],
        "event_date": date.isoformat() if date else "",
        "year": date.year if date else "",
        "time_precision": ev["time_precision"] or 3,
        "disorder_type": DISORDER.get(ev["event_type"], ""),
        "event_type": ev["event_type"],
        "sub_event_type": ev["sub_event_type"],
        "actor1": ev["actor1"] or "",
        "assoc_actor_1": "",
        "inter1": ev["inter1"] if ev["inter1"] is not None else "",
        "actor2": ev["actor2"] or "",
        "assoc_actor_2": "",
        "inter2": ev["inter2"] if ev["inter2"] is not None else "",
        "interaction": ev["interaction"] if ev["interaction"] is not None else "",
        "civilian_targeting": "Civilian targeting" if ev["inter2"] == 7 else "",
        "iso": ev["country_code"] or "",
        "region": "",
        "country": country_name(ev["country_code"]) or "",
        "admin1": ev["admin1"] or "",
        "admin2": ev["admin2"] or "",
        "admin3": "",
        "location": ev["location"] or "",
        "latitude": ev["lat"] if ev["lat"] is not None else "",
        "longitude": ev["lon"] if ev["lon"] is not None else "",
        "geo_precision": ev["geo_precision"] or "",
        "source": "; ".join(ev["sources"]),
        "source_scale": "",
        "notes": ev["notes"] or "",
        "fatalities": ev["fatalities_best"] or 0,
        "tags": "",
        "timestamp": "",
        "corrected": ";".join(ev.get("corrected") or []),
    }


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def no_formula(value):
    """A text cell a spreadsheet would run as a formula ("=HYPERLINK(...)"), defused with a
    leading apostrophe; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write(store, events: list[dict], out_path) -> int:
    with open(out_path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        for ev in events:
            w.writerow({k: no_formula(v) for k, v in row(ev).items()})
    return len(events)
