"""GeoJSON: one Feature per event, properties the export table (`export/table.py`).

Unknown values are JSON null (so GDAL types numeric columns as numbers); an event with no point
is kept, with `"geometry": null`, and counted in the export's summary. A foreign member
`conflictcoder.settings` (RFC 7946 allows them; GDAL ignores it) lists the settings the store's
runs used (`Store.settings_used`).
"""

from __future__ import annotations

import json

from .table import rows


def write(store, events: list[dict], out_path) -> int:
    features = []
    for props in rows(store, events):
        lat, lon = props["latitude"], props["longitude"]
        geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
        features.append({"type": "Feature", "geometry": geometry, "properties": props})
    with open(out_path, "w", encoding="utf-8") as fh:
        json.dump({"type": "FeatureCollection", "conflictcoder": {"settings": store.settings_used()},
                   "features": features}, fh, ensure_ascii=False, default=str)
    return len(features)
