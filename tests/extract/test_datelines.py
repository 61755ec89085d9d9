"""Datelines: where a report was filed from, told apart from where things happened."""

import pytest

from conflictcoder.extract import datelines
from tests.conftest import annotate_text


@pytest.mark.parametrize("text, dateline", [
    ("LAGOS (Reuters) — Gunmen killed nine farmers in an attack on a village in the north, police said.", "LAGOS"),
    ("MOSUL, Iraq — A roadside bomb killed three soldiers on a highway south of the city on Sunday.", "MOSUL, Iraq"),
    ("NIAMEY: Soldiers repelled an attack on their base in the west of the country on Sunday, the army said.",
     "NIAMEY"),
    ("[Chad], March 3 (ANI/Xinhua): Eight soldiers were killed in an attack near the lake, the army said.",
     "[Chad], March 3"),
])
def test_a_dateline_is_found(text, dateline):
    assert [text[a:b] for a, b in datelines.spans(text)] == [dateline]


@pytest.mark.parametrize("text", [
    "Rebels seize border town - army",  # a headline with an attribution after the dash
    "Gunmen kill nine farmers in attack on village in the north, police say",
    "The army said: gunmen killed nine farmers in an attack on a village in the north on Sunday.",
])
def test_a_headline_or_a_quote_is_no_dateline(text):
    assert datelines.spans(text) == []


def test_an_event_is_not_placed_at_the_dateline(pipeline):
    ann = annotate_text(pipeline, "KABUL (AP) — A roadside bomb killed four soldiers in Kandahar on Monday, "
                                  "officials said.", "2021-06-08")
    assert [p.dateline for p in ann.places if p.name.startswith("Kab")] == [True]
    assert [e.place.name[:5] for e in ann.events] == ["Kanda"]


def test_the_dateline_places_an_event_only_when_nothing_else_does(pipeline):
    ann = annotate_text(pipeline, "KABUL (AP) — A roadside bomb killed four soldiers on Monday, officials said.",
                        "2021-06-08")
    assert [e.place.name[:3] for e in ann.events] == ["Kab"]
    assert "where the report was filed" in ann.events[0].place.reason


def test_a_country_modifying_a_weapon_is_not_the_place(pipeline):
    ann = annotate_text(pipeline, "US air strikes killed six militants near Mosul on Monday, officials said.",
                        "2021-06-08")
    assert [e.place.name[:3] for e in ann.events] == ["Mos"]


def test_a_country_named_only_as_whose_places_no_event(pipeline):
    ann = annotate_text(pipeline, "US drones struck a convoy on Monday, killing six militants, officials said.",
                        "2021-06-08")
    assert [e.place for e in ann.events] == [None]


def test_a_dateline_in_title_case_with_its_date_and_agency():
    text = "Herat, May 3, (dpa) – Militants attacked a checkpoint on the highway overnight, killing four policemen."
    assert [text[a:b] for a, b in datelines.spans(text)] == ["Herat, May 3,"]


@pytest.mark.parametrize("text, published, forbidden", [
    # a capital speaking or giving: whose, not where
    ("Moscow vetoed a resolution on Tuesday after an air strike killed nine civilians, activists said.",
     "2021-06-09", ("RU", "US")),
    ("Rebels attacked the base to seize weapons given by Washington, killing three guards on Tuesday.",
     "2021-06-09", ("RU", "US")),
    # the country across a border
    ("Nine soldiers were killed on Monday in an ambush near the border with Chad, the army said.",
     "2021-06-09", ("TD",)),
    # where a speaker sits
    ("Air strikes killed 40 militants near the river on Monday, the defence ministry in Moscow said.",
     "2021-06-08", ("RU",)),
    # the seat of a source, and a dateline abroad: no place at all (None)
    ("The monitor, based in Britain, said five fighters were killed in clashes on Tuesday.", "2021-06-09", None),
    ("MOSCOW (Reuters) — Syrian government jets killed 30 militants in air strikes on Monday, the ministry said.",
     "2021-06-08", None),
])
def test_a_place_named_for_whose_or_who_places_no_event(pipeline, text, published, forbidden):
    ann = annotate_text(pipeline, text, published)
    assert ann.events
    if forbidden is None:
        assert all(e.place is None for e in ann.events)
    else:
        assert all(e.place is None or e.place.country_code not in forbidden for e in ann.events)


@pytest.mark.parametrize("text, name, dateline", [
    ("Jets kill 40 fighters in the east Moscow AFP Saturday 7 Oct 2017 Russian jets struck", "Moscow", True),
    ("Shelling hit the old city, ALEPPO (Reuters) reported", "ALEPPO", True),
    ("Shelling hit Aleppo, Reuters reported on Monday.", "Aleppo", False),
])
def test_a_place_before_a_news_agency_is_a_dateline(text, name, dateline):
    from conflictcoder.model import Place, Span

    i = text.index(name)
    place = Place(name, 1, 1.0, 1.0, "SY", span=Span(i, i + len(name), name))
    datelines.mark(text, [place])
    assert place.dateline is dateline
