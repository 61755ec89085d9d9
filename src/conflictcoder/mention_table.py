"""mention_table: the event mentions of `Annotations` as flat rows, and as a pandas or polars
DataFrame (the body of `Annotations.to_pandas()` and of `conflictcoder.frames`).

Why apart from frames.py: `model.Annotations.to_pandas()` calls these, so this module imports
nothing of the package at run time (frames.py also reads the store, which imports the model;
the model importing it would close a circle).

What it does not do: install pandas or polars (`pip install conflictcoder[analysis]`), or read
the store (frames.store_to_pandas does).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from .model import Annotations

COLUMNS = (
    "article_id", "input_id", "published", "title", "url", "outlet", "mention_id", "event_type",
    "sub_event_type", "date_start", "date_end", "time_precision", "location", "geonames_id", "latitude",
    "longitude", "country_code", "admin1", "admin2", "geo_precision", "actor1", "inter1", "actor2", "inter2",
    "fatalities", "injured", "sources", "confidence", "evidence",
)


def mention_rows(annotations: Iterable[Annotations]) -> list[dict]:
    """One flat dict per event mention (keys: COLUMNS); unknown values are None."""
    out = []
    for ann in annotations:
        a = ann.article
        for m in ann.events:
            d, p = m.date, m.place
            out.append({
                "article_id": a.id, "input_id": a.input_id, "published": a.published, "title": a.title,
                "url": a.url, "outlet": a.outlet, "mention_id": m.mention_id, "event_type": m.event_type,
                "sub_event_type": m.sub_event_type, "date_start": d.start if d else None,
                "date_end": d.end if d else None, "time_precision": d.time_precision if d else None,
                "location": p.name if p else None, "geonames_id": p.geonames_id if p else None,
                "latitude": p.lat if p else None, "longitude": p.lon if p else None,
                "country_code": p.country_code if p else None, "admin1": p.admin1 if p else None,
                "admin2": p.admin2 if p else None, "geo_precision": p.precision if p else None,
                "actor1": m.actor1.name if m.actor1 else None, "inter1": m.actor1.type if m.actor1 else None,
                "actor2": m.actor2.name if m.actor2 else None, "inter2": m.actor2.type if m.actor2 else None,
                "fatalities": m.fatalities, "injured": m.injured,
                "sources": "; ".join(s.name for s in m.sources) or None, "confidence": m.confidence,
                "evidence": " ".join(s.text for s in m.sentences) or None,
            })
    return out


def need(module: str):
    try:
        return __import__(module)
    except ImportError:
        raise ImportError(f"{module} is not installed: pip install {module} (or conflictcoder[analysis])") from None


def to_pandas(annotations: Iterable[Annotations]):
    """The event mentions of these annotations as a pandas DataFrame (one row each)."""
    pd = need("pandas")
    return pd.DataFrame(mention_rows(annotations), columns=list(COLUMNS))


def to_polars(annotations: Iterable[Annotations]):
    """The event mentions of these annotations as a polars DataFrame (one row each)."""
    pl = need("polars")
    rows = mention_rows(annotations)
    return pl.DataFrame(rows, schema=list(COLUMNS), orient="row", infer_schema_length=None) if rows else \
        pl.DataFrame(schema=list(COLUMNS))
