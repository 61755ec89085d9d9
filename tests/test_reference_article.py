"""The reference report (../shared/examples/idlib-2019-12-23.txt), end to end.

These assert general behaviour on one real text: nothing in the package names this article,
its places or its numbers. Read from ../shared when present, skipped otherwise.
"""

import datetime as dt
import json
import subprocess
import sys

import pytest

from conflictcoder.geodesy import km
from tests.conftest import REFERENCE

PUB = dt.date(2019, 12, 23)


def by_type(ann, sub):
    return [e for e in ann.events if e.sub_event_type == sub]


def test_air_strike_event(reference_annotations):
    ann = reference_annotations
    [strike] = by_type(ann, "Air/drone strike")
    assert strike.event_type == "Explosions/Remote violence"
    assert strike.actor1.name.startswith("Military Forces of Russia")
    assert strike.fatalities == 9
    killed = [c for c in strike.counts if c.kind == "killed" and c.scope == "incident"]
    assert all(c.victims == "civilians" for c in killed)
    assert any(c.quantity.qualifier == "at_least" for c in killed)
    # place: the town itself (Ma'arrat an-Nu'man, 35.648N 36.677E), in Idlib, Syria
    assert strike.place.country_code == "SY"
    assert km(strike.place.lat, strike.place.lon, 35.6483, 36.6769) < 10
    assert strike.place.admin1 and "idlib" in strike.place.admin1.lower()
    # date: the night before or the day of the Monday report, precision day
    assert strike.date.start in (PUB - dt.timedelta(days=1), PUB) and strike.date.end == PUB
    assert strike.date.time_precision == 1
    assert any("White Helmets" in s.name for s in strike.sources)
    # evidence spans for the count, the place, the actor and the date
    text = ann.article.text
    for span in (killed[0].span, strike.place.span, strike.actor1.span, strike.date.span):
        assert span is not None and text[span.start:span.end] == span.text


def test_battle_since_thursday(reference_annotations):
    ann = reference_annotations
    [battle] = [e for e in ann.events if e.event_type == "Battles"]
    names = {battle.actor1.name, battle.actor2.name}
    assert any(n.startswith("Military Forces of Syria") for n in names)
    assert any("Rebel" in n for n in names)
    assert battle.date.start >= dt.date(2019, 12, 19) and battle.date.end == PUB
    killed = sorted(c.quantity.value for c in battle.counts if c.kind == "killed" and c.scope == "incident")
    assert killed == [77, 110]
    assert battle.fatalities == 187
    assert any("Observatory" in s.name for s in battle.sources)
    territory = [c for c in battle.counts if c.kind == "captured_territory"]
    assert territory and territory[0].quantity.value == 29


def test_displacement_claim(reference_annotations):
    ann = reference_annotations
    disp = [c for c in ann.counts if c.kind == "displaced" and c.quantity.qualifier == "vague"]
    assert disp, [c.span.text for c in ann.counts]
    c = disp[0]
    assert c.scope != "incident"
    assert c.period is not None and c.period.start == dt.date(2019, 12, 16)
    assert c.claimed_by is not None and c.claimed_by.name == "United Nations"


def test_background_figures_are_claims_not_fatalities(reference_annotations):
    ann = reference_annotations
    in_events = {id(c) for e in ann.events for c in e.counts if c.scope == "incident"}
    big = [c for c in ann.counts if (c.quantity.value or 0) >= 290 and c.kind != "captured_territory"]
    assert len(big) >= 6, [c.span.text for c in ann.counts]
    for c in big:
        assert c.scope in ("cumulative", "context"), (c.span.text, c.scope)
        assert id(c) not in in_events
    # the quoted resident is not an event
    assert not any("die" in e.trigger.text for e in ann.events if e.trigger)


def test_fatalities_add_up(reference_annotations):
    assert sum(e.fatalities for e in reference_annotations.events) == 9 + 110 + 77


def test_annotate_cli_and_store(tmp_path):
    if not REFERENCE.exists():
        pytest.skip("reference article not present")
    cmd = [sys.executable, "-m", "conflictcoder.cli", "annotate", str(REFERENCE),
           "--layers", "dates,places,actors,counts,events"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    [line] = proc.stdout.splitlines()
    row = json.loads(line)
    assert row["published"] == "2019-12-23"
    for layer in ("dates", "places", "actors", "counts", "events"):
        for item in row[layer]:
            assert set(item["span"]) >= {"start", "end", "text"} if item.get("span") else layer == "events"
    for ev in row["events"]:
        assert {"event_type", "sub_event_type", "date", "place", "actor1", "actor2",
                "fatalities", "counts", "sources"} <= set(ev)
    assert sum(ev["fatalities"] for ev in row["events"]) == 196

    db = tmp_path / "ref.duckdb"
    run = [sys.executable, "-m", "conflictcoder.cli", "run", str(REFERENCE), "--db", str(db)]
    assert subprocess.run(run, capture_output=True, text=True, timeout=300).returncode == 0
    assert subprocess.run(run, capture_output=True, text=True, timeout=300).returncode == 0  # again: adds nothing
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from articles").fetchone()[0] == 1
    assert con.execute("select sum(fatalities_best) from events").fetchone()[0] == 196
