"""GeoJSON: one Point feature per event with coordinates; events without them are left out."""

from __future__ import annotations

import json

from .acled_csv import row


def write(store, events: list[dict], out_path) -> int:
    features = []
    for ev in events:
        if ev["lat"] is None or ev["lon"] is None:
            continue
        props = row(ev)
        props["country_code"] = ev["country_code"]
        props["fatalities_low"] = ev["fatalities_low"]
        props["fatalities_high"] = ev["fatalities_high"]
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [ev["lon"], ev["lat"]]},
                         "properties": props})
    with open(out_path, "w", encoding="utf-8") as fh:
        json.dump({"type": "FeatureCollection", "features": features}, fh, ensure_ascii=False, default=str)
    return len(features)
