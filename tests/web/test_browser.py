"""End to end in a real browser: `conflictcoder serve` on a real DuckDB file, Debian's Chromium
driven by Playwright. Load the map, filter by date, open an event, correct it, see the
correction in the export; the page never asks anything of another host."""

from __future__ import annotations

import csv
import io

import httpx
import pytest

from tests.web.conftest import TOKEN, Server


@pytest.fixture(scope="module")
def server(db_file):
    s = Server(db_file)
    yield s
    s.stop()


@pytest.fixture()
def page(chromium, server):
    context = chromium.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.requests = []
    page.on("request", lambda r: page.requests.append(r.url))
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(server.url + "/")
    page.wait_for_selector("body[data-ready='1']", timeout=30_000)
    yield page
    context.close()


def api(server, path, **params):
    r = httpx.get(server.url + path, params=params, timeout=30)
    assert r.status_code == 200, r.text
    return r.json()


def markers(page) -> set[str]:
    return set(page.eval_on_selector_all("path.event-marker", "els => els.map(e => e.getAttribute('data-event-id'))"))


def listed(page) -> list[str]:
    return page.eval_on_selector_all("#event-list li[data-id]", "els => els.map(e => e.getAttribute('data-id'))")


def test_the_map_shows_every_placed_event_over_bundled_borders(page, server):
    events = api(server, "/api/events")["events"]
    assert markers(page) == {e["event_id"] for e in events if e["lat"] is not None}
    assert listed(page) == [e["event_id"] for e in events]
    assert page.locator("path.country").count() > 100  # Natural Earth countries, from the package
    assert page.locator("#timeline rect").count() > 0
    assert f"{len(events)} events" in page.inner_text("#count")
    outside = [u for u in page.requests if not (u.startswith(server.url) or u.startswith("data:"))]
    assert outside == [] and page.errors == []


def test_filtering_by_date_narrows_map_list_and_timeline(page, server):
    everything = api(server, "/api/events")["events"]
    since, until = "2024-03-01", "2024-03-31"
    want = api(server, "/api/events", since=since, until=until)["events"]
    assert 0 < len(want) < len(everything)
    page.fill("#f-since", since)
    page.fill("#f-until", until)
    page.wait_for_function("n => document.querySelectorAll('#event-list li[data-id]').length === n", arg=len(want))
    assert listed(page) == [e["event_id"] for e in want]
    assert markers(page) == {e["event_id"] for e in want if e["lat"] is not None}
    assert "since=2024-03-01" in page.url  # the filtered view can be bookmarked
    periods = page.eval_on_selector_all("#timeline [data-period]", "els => els.map(e => e.getAttribute('data-period'))")
    assert periods and all("2024-02-26" <= p <= until for p in periods)


def test_open_an_event_correct_it_and_export_the_correction(page, server):
    events = api(server, "/api/events")["events"]
    ev = next(e for e in events if e["location"] and "Mogadishu" in e["location"])
    page.click(f"#event-list li[data-id='{ev['event_id']}']")
    panel = page.locator("#event-panel")
    panel.wait_for(state="visible")
    assert panel.get_attribute("data-event-id") == ev["event_id"]
    # the evidence: each report's text with its sentence, event word and figures highlighted
    assert page.locator("#event-panel .article").count() == 2
    assert page.locator("#event-panel .ev-trigger").count() >= 2
    assert page.locator("#event-panel .ev-count").count() >= 2
    assert page.locator("#event-panel .ev-sentence").first.inner_text().strip()
    # which report's toll is best, and why
    best = page.locator("#event-fields tr", has_text="best figure")
    detail = api(server, f"/api/events/{ev['event_id']}")
    assert detail["best_reason"] in best.inner_text() and detail["best_source"] in best.inner_text()

    new = (ev["fatalities_best"] or 0) + 3
    page.fill("#c-fatalities", str(new))
    page.fill("#c-author", "browser test")
    page.fill("#c-reason", "hospital list")
    page.click("#c-submit")  # no token yet: refused, nothing stored
    page.wait_for_selector("#c-msg.error")
    assert "token" in page.inner_text("#c-msg")
    assert api(server, f"/api/events/{ev['event_id']}")["corrected"] == []

    page.fill("#token", TOKEN)
    page.click("#c-submit")
    page.wait_for_selector("#c-msg.ok")
    assert "fatalities" in page.inner_text("#c-msg")
    row = page.locator("#event-fields tr[data-field='fatalities']")
    assert str(new) in row.inner_text() and "corrected" in row.inner_text()
    assert f"machine: fatalities was {ev['fatalities_best']}" in row.inner_text()
    assert "corrected by an analyst" in best.inner_text()
    assert "browser test" in page.inner_text("#history") and "hospital list" in page.inner_text("#history")
    # the list marks it corrected
    page.wait_for_selector(f"#event-list li[data-id='{ev['event_id']}'] .badge", state="attached")

    # the export link of the page gives the corrected value and says it was corrected
    with page.expect_download() as dl:
        page.click("#export-csv")
    text = open(dl.value.path(), encoding="utf-8").read()
    row = next(r for r in csv.DictReader(io.StringIO(text)) if r["event_id"] == ev["event_id"])
    assert row["fatalities"] == str(new) and row["corrected"] == "fatalities"


def test_two_screen_sizes(chromium, server, tmp_path):
    """The page lays out at a desktop and a phone width without overflow or errors."""
    for name, size in (("wide", {"width": 1400, "height": 900}), ("narrow", {"width": 390, "height": 844})):
        context = chromium.new_context(viewport=size)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(server.url + "/")
        page.wait_for_selector("body[data-ready='1']", timeout=30_000)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= size["width"] + 1, (name, width)
        box = page.locator("#map").bounding_box()
        assert box["width"] > 0.5 * size["width"] and box["height"] > 200, (name, box)
        shot = tmp_path / f"{name}.png"
        page.screenshot(path=str(shot))
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and errors == []
        context.close()


def test_no_script_from_data_runs_in_the_page(demo_store_file, tmp_path, chromium):
    """A place name holding HTML, corrected through the API, is shown as text in the marker's
    tooltip and in the list: no element is made from it and nothing in it runs."""
    import shutil

    payload = '<img src=x onerror="window.__xss=1">Tell <b>Xyz</b>'
    db = tmp_path / "events.duckdb"
    shutil.copy(demo_store_file, db)
    s = Server(db)
    try:
        ev = next(e for e in api(s, "/api/events")["events"] if e["lat"] is not None)
        r = httpx.post(f"{s.url}/api/events/{ev['event_id']}/corrections", timeout=30,
                       headers={"Authorization": f"Bearer {TOKEN}"},
                       json={"location": payload, "author": "mallory", "reason": "test"})
        assert r.status_code == 200, r.text
        context = chromium.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(s.url + "/")
        page.wait_for_selector("body[data-ready='1']", timeout=30_000)
        page.hover(f"path.event-marker[data-event-id='{ev['event_id']}']", force=True)
        page.wait_for_selector(".leaflet-tooltip")
        assert payload in page.inner_text(".leaflet-tooltip")
        assert page.locator(".leaflet-tooltip img, #event-list img, .leaflet-tooltip b").count() == 0
        assert payload in page.inner_text(f"#event-list li[data-id='{ev['event_id']}']")
        assert page.evaluate("window.__xss") is None and errors == []
        context.close()
    finally:
        s.stop()
