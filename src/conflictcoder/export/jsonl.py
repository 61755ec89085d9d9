"""JSON Lines: one event a line, the `annotate` event fields, `fatalities` (best) top level."""

from __future__ import annotations

import json

from .records import event_record


def write(store, events: list[dict], out_path) -> int:
    with open(out_path, "w", encoding="utf-8") as fh:
        for ev in events:
            fh.write(json.dumps(event_record(store, ev), ensure_ascii=False, default=str) + "\n")
    return len(events)
