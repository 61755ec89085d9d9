"""The page on a store as big and as rough as real data, in Chromium through Playwright: 5,000
events and more (the list is cut, and says so), markers that cluster at low zoom, one absurd toll
that stays a small, marked outlier on the map and on the timeline, brushing a date range, the
countries shaded by fatalities, the region list narrowed by country, exports of the filtered view."""

from __future__ import annotations

import datetime as dt
import random
import shutil

import duckdb
import pytest

from tests.web.conftest import Server

EXTRA = 5_040  # more than the page's 5,000
OUTLIER = "EVfeedfacecafe"


@pytest.fixture(scope="module")
def big_db(demo_store_file, tmp_path_factory):
    """The demo store plus many events in two provinces close together, and one absurd toll far away."""
    path = tmp_path_factory.mktemp("bigdb") / "events.duckdb"
    shutil.copy(demo_store_file, path)
    rnd = random.Random(7)
    rows = []
    for i in range(EXTRA):
        day = dt.date(2023, 1, 2) + dt.timedelta(days=rnd.randrange(180))
        rows.append([f"EV{i:012x}", "Battles", "Armed clash", day, day, 1, f"Village {i % 40}",
                     35.8 + rnd.random() * 0.8, 36.6 + rnd.random() * 1.0, "SY", ["Aleppo", "Idlib"][i % 2],
                     2, "Rebel Group A", 2, rnd.randrange(0, 20), 1])
    day = dt.date(2023, 3, 15)
    rows.append([OUTLIER, "Explosions/Remote violence", "Shelling/artillery/missile attack", day, day, 1,
                 "Sample Town", 12.65, -8.0, "ML", "Bamako", 1, "Unknown shellers", 8, 100_000, 1])
    con = duckdb.connect(str(path))
    con.executemany(
        "INSERT INTO events (event_id, event_type, sub_event_type, date_start, date_end, time_precision, location,"
        " lat, lon, country_code, admin1, geo_precision, actor1, inter1, fatalities_best, n_mentions,"
        " fatalities_low, fatalities_high, sources) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]')",
        [r + [r[14], r[14]] for r in rows])
    con.close()
    return path


@pytest.fixture(scope="module")
def server(big_db):
    s = Server(big_db)
    yield s
    s.stop()


@pytest.fixture()
def page(chromium, server):
    context = chromium.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(server.url + "/")
    page.wait_for_selector("body[data-ready='1']", timeout=60_000)
    yield page
    assert page.errors == []
    context.close()


def test_a_cut_list_says_so(page):
    note = page.locator("#cut-note")
    assert note.is_visible() and "newest 5000 of " in note.inner_text()
    assert page.locator("#event-list li[data-id]").count() == 5000


def test_markers_cluster_at_low_zoom_and_a_click_zooms_in(page):
    clusters = page.locator(".event-cluster")
    assert clusters.count() > 0
    shown = sum(int(c) for c in page.eval_on_selector_all(".event-cluster", "els => els.map(e => e.dataset.count)"))
    singles = page.locator("path.event-marker").count()
    assert shown + singles == 5000  # every listed event is in a cluster or a marker of its own
    before = page.evaluate("document.querySelectorAll('.event-cluster').length")
    page.locator(".event-cluster").first.click()
    page.wait_for_timeout(600)
    after = page.evaluate("document.querySelectorAll('path.event-marker').length")
    assert (after > singles or page.evaluate("document.querySelectorAll('.event-cluster').length") != before)


def test_an_absurd_toll_is_a_small_marked_outlier(page):
    marker = page.locator(f"path.event-marker[data-event-id='{OUTLIER}']")
    assert marker.count() == 1 and "outlier" in marker.get_attribute("class")
    box = marker.bounding_box()
    assert box["width"] <= 2 * 15 + 4  # the largest class, never a circle over the map
    # the timeline keeps its scale for the others and marks the outlier's week with its figure
    mark = page.locator("#timeline .fat-outlier")
    assert mark.count() == 1 and int(mark.get_attribute("data-fatalities")) >= 100_000
    ticks = page.eval_on_selector_all("#timeline text.tick.fat", "els => els.map(e => Number(e.textContent))")
    assert max(ticks[:3]) < 100_000


def test_brushing_the_timeline_picks_a_date_range(page):
    box = page.locator("#timeline").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.35, y, steps=6)
    page.mouse.up()
    page.wait_for_function("() => document.querySelector('#f-since').value && document.querySelector('#f-until').value")
    since, until = page.input_value("#f-since"), page.input_value("#f-until")
    span = dt.date.fromisoformat(until) - dt.date.fromisoformat(since)
    assert span > dt.timedelta(days=14) and "since=" in page.url  # several weeks, not one bar's


def test_countries_shaded_by_fatalities_and_regions_narrowed_by_country(page):
    page.check("#m-choropleth")
    page.wait_for_selector("path.country.shaded", state="attached")
    assert page.locator("path.country.shaded").count() >= 3
    page.select_option("#f-country", "SY")
    regions = page.eval_on_selector_all("#f-admin1 option", "els => els.map(e => e.value).filter(Boolean)")
    assert "Aleppo" in regions and "Bamako" not in regions


def test_export_links_carry_every_filter(page):
    page.select_option("#f-type", "Explosions/Remote violence")
    page.fill("#f-minfat", "5")
    page.wait_for_function("() => document.querySelector('#export-csv').href.includes('min_fatalities=5')")
    href = page.get_attribute("#export-csv", "href")
    assert "event_type=Explosions" in href and "format=acled-csv" in href
    with page.expect_download() as dl:
        page.click("#export-csv")
    text = open(dl.value.path(), encoding="utf-8").read()
    assert OUTLIER in text and "Battles" not in text
