"""The JSON API on a real store: filters, one event with its evidence, aggregates, access,
validation, corrections, merge and split (FastAPI's in-process client)."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from conflictcoder.web.app import create_app

from tests.web.conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def app(db_file):
    return create_app(db_file, token=TOKEN)


@pytest.fixture(scope="module")
def local(app):
    """A client on this machine (reads open, writes need the token)."""
    with TestClient(app, base_url="http://127.0.0.1", client=("127.0.0.1", 40000)) as c:
        yield c


@pytest.fixture(scope="module")
def events(local):
    r = local.get("/api/events")
    assert r.status_code == 200
    return r.json()["events"]


def by_place(events, name):
    return next(e for e in events if e["location"] and name in e["location"])


def covered(segments, start, end, kind) -> str:
    """The text at [start, end) of the article the segments cut, if `kind` covers all of it."""
    pos, out = 0, []
    for s in segments:
        a, b = pos, pos + len(s["text"])
        if a < end and b > start:
            assert kind in s["kinds"], (s, kind)
            out.append(s["text"][max(start, a) - a:min(end, b) - a])
        pos = b
    return "".join(out)


def test_list_is_newest_first_with_total(local, events):
    body = local.get("/api/events", params={"limit": 2}).json()
    assert body["total"] == len(events) >= 5 and len(body["events"]) == 2
    dates = [e["date_start"] for e in events]
    assert dates == sorted(dates, reverse=True)
    assert local.get("/api/events", params={"limit": 2, "offset": 2}).json()["events"][0] == events[2]


@pytest.mark.parametrize("params, check", [
    ({"country": "SO"}, lambda e: e["country_code"] == "SO"),
    ({"since": "2024-03-01", "until": "2024-03-31"}, lambda e: e["date_end"] >= "2024-03-01" and e["date_start"] <= "2024-03-31"),
    ({"event_type": "Explosions/Remote violence"}, lambda e: e["event_type"] == "Explosions/Remote violence"),
    ({"sub_event_type": "Suicide bomb"}, lambda e: e["sub_event_type"] == "Suicide bomb"),
    ({"min_fatalities": 10}, lambda e: e["fatalities_best"] >= 10),
    ({"actor": "houthi"}, lambda e: "Houthi" in (e["actor1"] or "") + (e["actor2"] or "")),
])
def test_filters_narrow_to_what_they_say(local, events, params, check):
    got = local.get("/api/events", params=params).json()["events"]
    assert got, params
    assert all(check(e) for e in got), params
    assert len(got) == sum(1 for e in events if check(e))


def test_admin1_and_text_search(local, events):
    so = by_place(events, "Mogadishu")
    got = local.get("/api/events", params={"country": so["country_code"], "admin1": so["admin1"]}).json()["events"]
    assert [e["event_id"] for e in got] == [so["event_id"]]
    # words of an article's text that no event field holds find its event
    hits = local.get("/api/events", params={"q": "TEAR GAS"}).json()["events"]
    assert [e["location"] for e in hits] == ["Mosul"]
    assert local.get("/api/events", params={"q": "%"}).json()["total"] == 0  # a plain character, not a LIKE pattern


def test_sql_in_a_filter_is_just_text(local, db_file):
    r = local.get("/api/events", params={"q": "x'); DROP TABLE events; --", "actor": "' OR 1=1 --"})
    assert r.status_code == 200 and r.json()["total"] == 0
    assert local.get("/api/events").json()["total"] > 0


def test_one_event_with_mentions_counts_sources_and_highlighted_evidence(local, events):
    ev = by_place(events, "Mogadishu")
    d = local.get(f"/api/events/{ev['event_id']}").json()
    assert d["n_mentions"] == len(d["mentions"]) == 2 == len(d["articles"])
    assert d["sources"] and d["counts"]
    assert any(c["kind"] == "killed" for c in d["counts"])
    for a in d["articles"]:
        kinds = {k for s in a["segments"] for k in s["kinds"]}
        assert {"sentence", "trigger", "count"} <= kinds
        evidence = "".join(s["text"] for s in a["segments"] if "sentence" in s["kinds"])
        assert evidence and all(m["sentence"].split("\n")[0][:30] in "".join(s["text"] for s in a["segments"])
                                for m in d["mentions"] if m["article_id"] == a["article_id"])
    figure = next(c for c in d["counts"] if c["kind"] == "killed" and c["span_text"])
    article = next(a for a in d["articles"] if a["article_id"] == figure["article_id"])
    assert covered(article["segments"], figure["span_start"], figure["span_end"], "count") == figure["span_text"]
    assert d["machine"]["fatalities"] == d["fatalities_best"] and d["corrected"] == []
    # the best toll names its report and says why (the follow-up's risen toll)
    assert d["best_source"] in {a["article_id"] for a in d["articles"]}
    assert d["best_reason"].startswith(f"{d['fatalities_best']} from ")
    assert local.get("/api/events/EVnope").status_code == 404


def test_aggregates_add_up(local, events):
    total = sum(e["fatalities_best"] for e in events)
    for interval in ("day", "week"):
        b = local.get("/api/aggregates/timeline", params={"interval": interval}).json()["buckets"]
        assert sum(x["fatalities"] for x in b) == total and sum(x["events"] for x in b) == len(events)
    weeks = local.get("/api/aggregates/timeline", params={"interval": "week"}).json()["buckets"]
    import datetime as dt

    assert all(dt.date.fromisoformat(x["period"]).weekday() == 0 for x in weeks)
    regions = local.get("/api/aggregates/admin1").json()["regions"]
    assert sum(r["fatalities"] for r in regions) == total
    so = local.get("/api/aggregates/admin1", params={"country": "SO"}).json()["regions"]
    assert {r["country_code"] for r in so} == {"SO"}


def test_meta_has_the_acled_taxonomy_and_the_facets(local, events):
    m = local.get("/api/meta").json()
    assert len(m["taxonomy"]) == 6 and sum(len(v) for v in m["taxonomy"].values()) == 25
    assert set(m["countries"]) == {e["country_code"] for e in events if e["country_code"]}
    assert m["events"] == len(events)


def test_reads_from_other_machines_need_the_token(app):
    remote = TestClient(app, base_url="http://127.0.0.1", client=("203.0.113.9", 40000))  # no `with`: the app's lifespan is the local client's
    assert remote.get("/api/events").status_code == 401
    assert remote.get("/api/events", headers=AUTH).status_code == 200
    assert remote.get("/api/events", headers={"Authorization": "Bearer wrong"}).status_code == 403


def test_writes_need_the_token(local, events):
    ev = events[0]
    body = {"author": "ana", "reason": "hospital records", "fatalities": 3}
    r = local.post(f"/api/events/{ev['event_id']}/corrections", json=body)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    r = local.post(f"/api/events/{ev['event_id']}/corrections", json=body, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 403
    assert local.post("/api/events/merge", json={"author": "a", "reason": "b", "event_ids": ["x", "y"]}).status_code == 401
    assert local.get(f"/api/events/{ev['event_id']}").json()["corrections"] == []


@pytest.mark.parametrize("bad", [
    {"event_type": "Skirmish"},                                        # not ACLED
    {"event_type": "Riots", "sub_event_type": "Air/drone strike"},     # sub-type of another type
    {"sub_event_type": "Peaceful protest"},                            # not a sub-type of the event's type
    {"fatalities": -1}, {"fatalities": 2.5}, {"fatalities": "7"},       # non-negative integers only
    {"date_start": "12/03/2024"}, {"date_start": "2024-02-30"},          # ISO dates only
    {"date_start": "2024-03-10", "date_end": "2024-03-01"},            # end before start
    {"date_start": "2099-01-01"},                                      # after the event's end date
    {"lat": 91.0}, {"lon": -181.0}, {"country_code": "Somalia"},
    {"lon": False}, {"lat": True}, {"lat": "12.5"},                      # coordinates are JSON numbers
    {"actor1": "Name\u0000with NUL"}, {"actor1": "x" * 201}, {"actor1": "   "},
    {"inter1": 9}, {"colour": "red"},                                   # unknown fields are refused
    {},                                                                # nothing to correct
    {"clear": ["event_type"]}, {"clear": ["actor2"], "actor2": "Someone"},
])
def test_invalid_corrections_are_refused(local, events, bad):
    ev = by_place(events, "Mogadishu")
    r = local.post(f"/api/events/{ev['event_id']}/corrections", json={"author": "ana", "reason": "r", **bad}, headers=AUTH)
    assert r.status_code == 422, (bad, r.text)
    assert local.get(f"/api/events/{ev['event_id']}").json()["corrections"] == []


@pytest.mark.parametrize("who", [{"author": "", "reason": "r"}, {"author": "a"}, {"reason": "r"}])
def test_a_correction_needs_an_author_and_a_reason(local, events, who):
    r = local.post(f"/api/events/{events[0]['event_id']}/corrections", json={**who, "fatalities": 1}, headers=AUTH)
    assert r.status_code == 422


def test_correction_is_stored_beside_the_machine_value(local, events, app):
    ev = by_place(events, "Kharkiv")
    body = {"author": "ana", "reason": "hospital records: four dead", "fatalities": 4,
            "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
            "location": "Kharkiv city", "lat": 50.0, "lon": 36.23, "clear": ["actor2", "inter2"]}
    r = local.post(f"/api/events/{ev['event_id']}/corrections", json=body, headers=AUTH)
    assert r.status_code == 200, r.text
    d = r.json()
    assert d["fatalities_best"] == 4 and d["sub_event_type"] == "Air/drone strike" and d["actor2"] is None
    assert d["location"] == "Kharkiv city" and d["lat"] == 50.0
    assert d["geonames_id"] is None  # the gazetteer entry no longer names the corrected place
    assert set(d["corrected"]) == {"fatalities", "sub_event_type", "location", "lat", "lon", "actor2", "inter2",
                                   "geonames_id"}
    assert d["machine"]["fatalities"] == ev["fatalities_best"] and d["machine"]["location"] == ev["location"]
    assert d["inter2"] is None and d["interaction"] == d["inter1"] * 10  # ACLED: a sole actor's code times ten
    applied = {c["field"]: c for c in d["corrections"] if c["applied"]}
    assert applied["fatalities"]["value"] == "4" and applied["fatalities"]["original"] == str(ev["fatalities_best"])
    assert applied["fatalities"]["author"] == "ana" and applied["fatalities"]["reason"] == body["reason"]
    # the machine's row is untouched
    with app.state.store.read() as store:
        row = store.con.execute("SELECT fatalities_best, location FROM events WHERE event_id = ?",
                                [ev["event_id"]]).fetchone()
    assert row == (ev["fatalities_best"], ev["location"])
    # lists and aggregates serve the corrected values
    listed = local.get("/api/events", params={"sub_event_type": "Air/drone strike"}).json()["events"]
    assert ev["event_id"] in [e["event_id"] for e in listed]
    assert local.get("/api/events", params={"min_fatalities": 4, "country": "UA"}).json()["total"] == 1
    # a later correction of a field wins; the earlier one stays in the history
    r = local.post(f"/api/events/{ev['event_id']}/corrections",
                   json={"author": "bo", "reason": "second source", "fatalities": 5}, headers=AUTH)
    fat = [c for c in r.json()["corrections"] if c["field"] == "fatalities"]
    assert r.json()["fatalities_best"] == 5 and [c["applied"] for c in fat] == [True, False]
    rows = csv.DictReader(io.StringIO(local.get("/api/export", params={"format": "acled-csv"}).text))
    row = next(x for x in rows if x["event_id"] == ev["event_id"])
    assert (row["location"], row["fatalities"], row["sub_event_type"]) == ("Kharkiv city", "5", "Air/drone strike")
    assert row["corrected"] == "actor2;fatalities;geonames_id;inter2;lat;location;lon;sub_event_type"


def test_times_carry_their_utc_offset(local, events):
    """RFC 3339 (OpenAPI's date-time) needs the offset: a client elsewhere reads the right instant."""
    import datetime as dt

    ev = events[-1]
    r = local.post(f"/api/events/{ev['event_id']}/corrections", headers=AUTH,
                   json={"author": "ana", "reason": "time zones", "actor2": "Someone Else"})
    assert r.status_code == 200, r.text
    stamp = r.json()["corrections"][0]["corrected_at"]
    when = dt.datetime.fromisoformat(stamp)
    assert when.tzinfo is not None, stamp
    assert abs((when - dt.datetime.now(dt.timezone.utc)).total_seconds()) < 120


def test_merge_and_split_are_recorded_with_author_and_reason(local, app):
    evs = local.get("/api/events").json()["events"]
    a, b = by_place(evs, "Ma'rib")["event_id"], by_place(evs, "Mosul")["event_id"]
    r = local.post("/api/events/merge", json={"event_ids": [a, b], "author": "ana", "reason": "test merge"}, headers=AUTH)
    assert r.status_code == 200 and r.json() == {"event_id": a, "merged": [b]}
    assert local.get(f"/api/events/{b}").status_code == 404
    merged = local.get(f"/api/events/{a}").json()
    assert merged["n_mentions"] == len(merged["mentions"]) >= 2
    assert any(d["kind"] == "merge" and d["author"] == "ana" and d["reason"] == "test merge" for d in merged["link_decisions"])
    moving = [m["mention_id"] for m in merged["mentions"] if m["place_name"] and "Mosul" in m["place_name"]]
    r = local.post(f"/api/events/{a}/split", json={"mention_ids": moving, "author": "ana", "reason": "two places"}, headers=AUTH)
    assert r.status_code == 200, r.text
    new = r.json()["new_event_id"]
    assert moving and {m["mention_id"] for m in local.get(f"/api/events/{new}").json()["mentions"]} == set(moving)
    everything = [m["mention_id"] for m in local.get(f"/api/events/{a}").json()["mentions"]]
    r = local.post(f"/api/events/{a}/split", json={"mention_ids": everything, "author": "ana", "reason": "all"}, headers=AUTH)
    assert r.status_code == 409
    r = local.post("/api/events/merge", json={"event_ids": [a, "EVnope"], "author": "ana", "reason": "x"}, headers=AUTH)
    assert r.status_code == 404
    r = local.post("/api/events/merge", json={"event_ids": [a, a], "author": "ana", "reason": "x"}, headers=AUTH)
    assert r.status_code == 422


def test_export_endpoint_formats(local, events):
    for fmt, ctype in (("acled-csv", "text/csv"), ("geojson", "application/geo+json"),
                       ("jsonl", "application/x-ndjson"), ("parquet", "application/vnd.apache.parquet")):
        r = local.get("/api/export", params={"format": fmt})
        assert r.status_code == 200 and r.headers["content-type"].startswith(ctype), fmt
    assert local.get("/api/export", params={"format": "parquet"}).content[:4] == b"PAR1"
    assert local.get("/api/export", params={"format": "xlsx"}).status_code == 422


@pytest.mark.parametrize("params", [{"event_type": "Explosions/Remote violence"}, {"country": "SO"}, {"min_fatalities": 3},
                                    {"actor": "civilians", "since": "2024-02-01"}])
def test_the_export_is_the_filtered_view(local, params):
    """Every list filter narrows the export as it narrows the list, in the list's order."""
    listed = [e["event_id"] for e in local.get("/api/events", params=params).json()["events"]]
    r = local.get("/api/export", params={"format": "acled-csv", **params})
    assert r.status_code == 200
    assert [row["event_id"] for row in csv.DictReader(io.StringIO(r.text))] == listed and listed


def test_breakdown_adds_up_by_type_actor_and_country(local):
    events = local.get("/api/events").json()["events"]  # as now (earlier tests correct events)
    b = local.get("/api/aggregates/breakdown").json()
    total = sum(e["fatalities_best"] for e in events)
    assert sum(r["fatalities"] for r in b["by_type"]) == total == sum(r["fatalities"] for r in b["by_country"])
    assert sum(r["events"] for r in b["by_type"]) == len(events)
    somalia = next(r for r in b["by_country"] if r["key"] == "SO")
    assert somalia["iso"] == 706  # the map's borders are keyed by ISO numeric codes
    actor = b["by_actor"][0]  # most fatalities first; an event counts for each of its actors
    mine = [e for e in events if actor["key"] in (e["actor1"], e["actor2"])]
    assert actor["events"] == len(mine) and actor["fatalities"] == sum(e["fatalities_best"] for e in mine)
    kind = events[0]["event_type"]
    narrowed = local.get("/api/aggregates/breakdown", params={"event_type": kind}).json()
    assert [r["key"] for r in narrowed["by_type"]] == [kind]


def test_page_and_docs_are_served_without_outside_assets(local):
    page = local.get("/")
    assert page.status_code == 200 and "default-src 'self'" in page.headers["content-security-policy"]
    assert "http" not in "".join(x for x in page.text.split('"') if x.startswith(("http", "//")))
    docs = local.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    for asset in ("/static/vendor/leaflet/leaflet.js", "/static/vendor/world-atlas/countries-50m.json",
                  "/static/app.js", "/static/vendor/swagger-ui/swagger-ui-bundle.js"):
        assert local.get(asset).status_code == 200, asset
    schema = local.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/events/{event_id}/corrections", "/api/events/merge",
            "/api/events/{event_id}/split", "/api/aggregates/timeline", "/api/aggregates/admin1",
            "/api/export", "/api/meta"} <= set(schema["paths"])
