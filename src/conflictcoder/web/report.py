"""report: one self-contained HTML file (map, timeline, fatalities per region, top events) to
share the corrected dataset without a server.

Everything is inside the file: the vendored Leaflet and topojson-client, the Natural Earth
borders, the page's own map and timeline code (the same files the web app serves), the events
as JSON and the styles; Leaflet's images become data: URIs. Opening it makes no request.
The summary, the regions chart and the top-events table are plain HTML, readable without
JavaScript. A Content-Security-Policy in the file lets only its own scripts run (by their
sha256) and fetch nothing: the data are text, and a script slipped into them would not run.

What it does not do: correct anything (it is a snapshot), or show every article's text (the
top events carry their evidence sentence, the web app has the rest).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import json
import re
from pathlib import Path

from . import queries
from .app import STATIC

VENDOR = STATIC / "vendor"
SCRIPTS = ("vendor/leaflet/leaflet.js", "vendor/topojson-client/topojson-client.min.js", "eventmap.js", "timeline.js")

REPORT_JS = """
(function () {
  "use strict";
  function data(id) { return JSON.parse(document.getElementById(id).textContent); }
  var d = data("report-data");
  var m = EventMap(document.getElementById("map"), { borders: data("borders") });
  m.setEvents(d.events, true);
  var legend = document.getElementById("legend");
  Object.keys(EventMap.TYPE_COLORS).forEach(function (t) {
    var s = document.createElement("span"); s.style.setProperty("--c", EventMap.TYPE_COLORS[t]); s.textContent = t;
    legend.appendChild(s);
  });
  function draw() { drawTimeline(document.getElementById("timeline"), d.timeline, { interval: d.interval }); }
  draw();
  window.addEventListener("resize", draw);
})();
"""


def _json_script(id_: str, obj) -> str:
    text = json.dumps(obj, ensure_ascii=False, default=str, separators=(",", ":")).replace("<", "\\u003c")
    return f'<script type="application/json" id="{id_}">{text}</script>'


def _inline_css(path: Path) -> str:
    """A stylesheet with its url(images/...) turned into data: URIs."""
    css = path.read_text(encoding="utf-8")

    def data_uri(m: re.Match) -> str:
        img = path.parent / m.group(1)
        return f"url(data:image/png;base64,{base64.b64encode(img.read_bytes()).decode()})" if img.is_file() else m.group(0)

    return re.sub(r"url\((images/[\w.-]+\.png)\)", data_uri, css)


def _script(js: str) -> str:
    if "</script" in js.lower():  # cannot happen with our own and the vendored files; would end the element early
        raise ValueError("a script contains </script")
    return f"<script>{js}</script>"


def _csp(scripts: list[str]) -> str:
    """The report's Content-Security-Policy: only its own scripts run (by their sha256), nothing is
    fetched, no form is sent; a script that data slipped into the page would not run."""
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(js.encode()).digest()).decode()}'" for js in scripts)
    return (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
            "base-uri 'none'; form-action 'none'")


def _e(v) -> str:
    return html.escape("" if v is None else str(v))


def _when(ev: dict) -> str:
    s, e = ev.get("date_start"), ev.get("date_end")
    if s is None:
        return "undated"
    return str(s) if s == e or e is None else f"{s} – {e}"


def build(store, f: queries.Filters | None = None, top: int = 25, title: str = "conflictcoder report") -> tuple[str, int]:
    """(the report's HTML, how many events it shows)."""
    f = f or queries.Filters()
    total, events = queries.list_events(store, f, limit=1_000_000, offset=0)
    dates = [e["date_start"] for e in events if e["date_start"]] + [e["date_end"] for e in events if e["date_end"]]
    span_days = (max(dates) - min(dates)).days if dates else 0
    interval = "day" if span_days <= 62 else "week"
    timeline = queries.timeline(store, f, interval)
    regions = queries.by_admin1(store, f)[:15]
    fatalities = sum(e["fatalities_best"] or 0 for e in events)
    corrected = sum(1 for e in events if e["corrected"])
    countries = sorted({e["country_code"] for e in events if e["country_code"]})
    top_rows = sorted(events, key=lambda e: (-(e["fatalities_best"] or 0), str(e["date_start"])))[:top]
    notes = dict(store.con.execute(
        "SELECT event_id, notes FROM events WHERE event_id IN (SELECT unnest(?))", [[e["event_id"] for e in top_rows]]
    ).fetchall()) if top_rows else {}

    region_max = max((r["fatalities"] for r in regions), default=0) or 1
    region_html = "".join(
        f'<div><span>{_e(r["admin1"] or "(no region)")}, {_e(r["country_code"] or "?")}</span>'
        f'<i style="width:{100 * r["fatalities"] / region_max:.1f}%"></i><b>{r["fatalities"]}</b></div>'
        for r in regions)
    top_html = "".join(
        f'<tr><td>{_e(_when(e))}</td><td>{_e(e["sub_event_type"] or e["event_type"])}'
        f'{" <span class=badge>corrected</span>" if e["corrected"] else ""}</td>'
        f'<td>{_e(", ".join(x for x in (e["location"], e["admin1"], e["country_code"]) if x))}</td>'
        f'<td>{_e(e["actor1"])}{" vs " + _e(e["actor2"]) if e["actor2"] else ""}</td>'
        f'<td>{e["fatalities_best"] or 0}</td><td>{_e((notes.get(e["event_id"]) or "")[:400])}</td></tr>'
        for e in top_rows)
    period = f"{min(dates)} to {max(dates)}" if dates else "no dated events"
    filters = ", ".join(f"{k}={v}" for k, v in (("country", f.country), ("since", f.since), ("until", f.until)) if v)
    borders = json.loads((VENDOR / "world-atlas" / "countries-50m.json").read_text(encoding="utf-8"))
    generated = dt.datetime.now().isoformat(timespec="minutes")
    scripts = [(STATIC / s).read_text(encoding="utf-8") for s in SCRIPTS] + [REPORT_JS]
    page = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_csp(scripts)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)}</title>
<style>{_inline_css(VENDOR / "leaflet" / "leaflet.css")}</style>
<style>{(STATIC / "app.css").read_text(encoding="utf-8")}</style>
</head>
<body>
<header class="top"><h1>{_e(title)}</h1><span class="count">{total} events, {fatalities} fatalities</span></header>
<main class="report">
<p id="summary">{total} events in {len(countries)} countr{"y" if len(countries) == 1 else "ies"}
({_e(", ".join(countries))}), {_e(period)}; {fatalities} fatalities (best estimates);
{corrected} event{"" if corrected == 1 else "s"} corrected by analysts.{" Filters: " + _e(filters) + "." if filters else ""}
Generated {generated} from the conflictcoder event store.</p>
<div id="map" role="region" aria-label="map of events"></div>
<div class="charts">
<section><h2>Events per {interval} by type, and fatalities (line)</h2>
<svg id="timeline" role="img" aria-label="events and fatalities over time"></svg><div id="legend" class="legend"></div></section>
<section><h2>Fatalities by region</h2><div class="bars" id="regions">{region_html or "<p>No events.</p>"}</div></section>
</div>
<h2>Top events by fatalities</h2>
<table class="top" id="top-events"><tr><th>date</th><th>event</th><th>place</th><th>actors</th><th>fatalities</th><th>evidence</th></tr>
{top_html}</table>
</main>
{_json_script("report-data", {"events": events, "timeline": timeline, "interval": interval})}
{_json_script("borders", borders)}
{"".join(_script(js) for js in scripts)}
</body>
</html>
"""
    return page, total


def write_report(store, out_path: str | Path, f: queries.Filters | None = None, top: int = 25,
                 title: str = "conflictcoder report") -> int:
    """Write the report to `out_path`; returns how many events it shows."""
    page, n = build(store, f, top=top, title=title)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(page, encoding="utf-8")
    return n
