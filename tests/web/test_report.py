"""`conflictcoder report`: one HTML file that holds everything (map, charts, top events) and
opens in a browser without a server or any request."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from conflictcoder import corrections
from conflictcoder.cli import app
from conflictcoder.store.duckdb_store import Store


def test_report_is_self_contained_and_renders_offline(db_file, tmp_path, chromium):
    with Store(db_file) as store:
        events = corrections.events(store)
        top = max(events, key=lambda e: e["fatalities_best"] or 0)
        corrections.record(store, top["event_id"], {"fatalities": top["fatalities_best"] + 7},
                           author="ana", reason="later toll")
    out = tmp_path / "share" / "report.html"
    r = CliRunner().invoke(app, ["report", "--db", str(db_file), "-o", str(out), "--top", "3"])
    assert r.exit_code == 0, r.output
    html = out.read_text(encoding="utf-8")
    # nothing to fetch: no external script, stylesheet, image or link to a resource
    assert not re.search(r"""<(script|link|img)[^>]+(src|href)=["']?(https?:|//|/static)""", html)
    assert "url(images/" not in html  # Leaflet's images are inlined
    fatalities = sum(e["fatalities_best"] or 0 for e in events) + 7
    assert f"{len(events)} events" in html and f"{fatalities} fatalities" in html
    assert "1 event corrected by analysts" in html

    page = chromium.new_page()
    requests, errors = [], []
    page.on("request", lambda q: requests.append(q.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(out.as_uri())
    page.wait_for_selector("path.event-marker")
    assert page.locator("path.event-marker").count() == sum(1 for e in events if e["lat"] is not None)
    assert page.locator("path.country").count() > 100
    assert page.locator("#timeline rect").count() > 0
    rows = page.locator("#top-events tr").all_inner_texts()[1:]
    assert len(rows) == 3 and str(top["fatalities_best"] + 7) in rows[0] and "corrected" in rows[0]
    assert [u for u in requests if u != out.as_uri()] == [] and errors == []
    page.close()


def test_report_filters_and_bad_input(db_file, tmp_path):
    out = tmp_path / "so.html"
    r = CliRunner().invoke(app, ["report", "--db", str(db_file), "-o", str(out), "--country", "SO"])
    assert r.exit_code == 0, r.output
    assert "(SO)" in out.read_text(encoding="utf-8") and "Filters: country=SO" in out.read_text(encoding="utf-8")
    r = CliRunner().invoke(app, ["report", "--db", str(db_file), "-o", str(out), "--since", "yesterday"])
    assert r.exit_code == 2 and "yesterday" in r.output
    r = CliRunner().invoke(app, ["report", "--db", str(tmp_path / "missing.duckdb"), "-o", str(out)])
    assert r.exit_code != 0 and "missing.duckdb" in r.output


PAYLOAD = '<img src=x onerror="window.__xss=1">Tell <b>Xyz</b>'


def hover_tooltip(page, event_id: str) -> str:
    """Hover the event's marker; the tooltip's text."""
    page.hover(f"path.event-marker[data-event-id='{event_id}']", force=True)
    page.wait_for_selector(".leaflet-tooltip")
    return page.inner_text(".leaflet-tooltip")


def test_no_script_from_data_runs_in_the_report(demo_store_file, tmp_path, chromium):
    """A corrected place name holding HTML is shown as text in the marker's tooltip; nothing in it
    runs, and the report's Content-Security-Policy would stop an inline script besides."""
    import shutil

    db = tmp_path / "events.duckdb"
    shutil.copy(demo_store_file, db)
    with Store(db) as store:
        ev = next(e for e in corrections.events(store) if e["lat"] is not None)
        corrections.record(store, ev["event_id"], {"location": PAYLOAD}, author="mallory", reason="test")
    out = tmp_path / "report.html"
    r = CliRunner().invoke(app, ["report", "--db", str(db), "-o", str(out)])
    assert r.exit_code == 0, r.output
    html = out.read_text(encoding="utf-8")
    assert re.search(r"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-", html)
    page = chromium.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(out.as_uri())
    page.wait_for_selector("path.event-marker")
    assert PAYLOAD in hover_tooltip(page, ev["event_id"])  # the markup itself, as text
    assert page.locator(".leaflet-tooltip img, .leaflet-tooltip b").count() == 0
    assert page.evaluate("window.__xss") is None and errors == []
    # the policy: an inline script that was not in the report when it was written does not run
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.__xss = 2';"
                  " document.body.appendChild(s); }")
    assert page.evaluate("window.__xss") is None
    page.close()
