"""Linking across reports: one event per incident, figures reconciled, incremental."""

import datetime as dt

import pytest

from conflictcoder.link.linker import interaction, link
from conflictcoder.pipeline import make_article
from conflictcoder.store.duckdb_store import Store

FIRST = ("A car bomb exploded at a checkpoint in Mogadishu on Thursday, killing at least 7 people, "
         "police said.")
SECOND = ("The death toll from Thursday's car bomb at a Mogadishu checkpoint has risen to 11, "
          "health officials said on Saturday.")
THIRD = "Officials said on Sunday that the car bomb in Mogadishu on Thursday killed 9 people."
OTHER = "Shelling killed four civilians in Marib on Thursday, local officials said."


def add(store, pipeline, text, published):
    store.add(pipeline.extract(make_article(text, dt.date.fromisoformat(published))))
    link(store)


def test_toll_update_supersedes_and_best_never_exceeds_a_report(tmp_path, pipeline):
    with Store(tmp_path / "l.duckdb") as store:
        add(store, pipeline, FIRST, "2024-02-16")
        add(store, pipeline, SECOND, "2024-02-17")
        add(store, pipeline, OTHER, "2024-02-16")
        events = store.events()
        bombs = [e for e in events if e["country_code"] == "SO"]
        assert len(bombs) == 1, events
        bomb = bombs[0]
        assert (bomb["fatalities_best"], bomb["fatalities_low"], bomb["fatalities_high"]) == (11, 7, 11)
        assert bomb["n_mentions"] == 2
        # incremental: a later report joins the stored event; its lower figure does not win
        # over the higher one reported the same day? It is the newest report, so it is best.
        add(store, pipeline, THIRD, "2024-02-18")
        [bomb] = [e for e in store.events() if e["country_code"] == "SO"]
        assert bomb["n_mentions"] == 3
        assert bomb["fatalities_best"] <= bomb["fatalities_high"] == 11
        assert bomb["fatalities_low"] == 7
        assert len([e for e in store.events() if e["country_code"] == "YE"]) == 1


def test_two_events_in_one_article_stay_two(tmp_path, pipeline):
    text = ("A roadside bomb killed three soldiers in Kandahar on Monday. In a separate incident, "
            "Taliban fighters clashed with police in Herat on Monday, killing two policemen.")
    with Store(tmp_path / "l.duckdb") as store:
        add(store, pipeline, text, "2024-02-20")
        assert store.summary()["events"] == 2


def test_interaction_codes():
    assert interaction(1, 2) == 12 and interaction(2, 1) == 12
    assert interaction(8, 7) == 78
    assert interaction(6, None) == 60


def _linked(store):
    return {m: e for m, e in store.con.execute("SELECT mention_id, event_id FROM event_mentions").fetchall()}


def test_analyst_split_and_merge_survive_a_rebuild(tmp_path, pipeline):
    from conflictcoder.link.linker import merge, split

    with Store(tmp_path / "l.duckdb") as store:
        add(store, pipeline, FIRST, "2024-02-16")
        add(store, pipeline, SECOND, "2024-02-17")
        add(store, pipeline, OTHER, "2024-02-16")
        [bomb] = [e for e in store.events() if e["country_code"] == "SO"]
        [other] = [e for e in store.events() if e["country_code"] == "YE"]
        first, second = [m["mention_id"] for m in store.mentions_for(bomb["event_id"])]
        # split the second report off: two events, each with its own figures
        new_id = split(store, bomb["event_id"], [second], author="ana", reason="different checkpoint")
        assert _linked(store)[second] == new_id != _linked(store)[first]
        assert {e["event_id"]: e["fatalities_best"] for e in store.events()}[new_id] == 11
        link(store, rebuild=True)
        assert _linked(store)[second] != _linked(store)[first]
        # an analyst merge joins events the scores keep apart, also after a rebuild
        target = merge(store, [_linked(store)[first], other["event_id"]], author="ana", reason="same day")
        marib = store.mentions_for(other["event_id"]) or store.mentions_for(target)
        assert len(store.mentions_for(target)) == 2 and marib
        link(store, rebuild=True)
        links = _linked(store)
        [marib_mention] = [m for m in links if m not in (first, second)]
        assert links[marib_mention] == links[first] != links[second]
        decisions = store.con.execute("SELECT kind, author, reason FROM link_decisions ORDER BY kind").fetchall()
        assert ("merge", "ana", "same day") in decisions and ("split", "ana", "different checkpoint") in decisions


def test_merge_and_split_refuse_bad_input(tmp_path, pipeline):
    import pytest

    from conflictcoder.link.linker import merge, split

    with Store(tmp_path / "l.duckdb") as store:
        add(store, pipeline, FIRST, "2024-02-16")
        [ev] = store.events()
        with pytest.raises(ValueError):
            merge(store, [ev["event_id"]])
        with pytest.raises(KeyError):
            merge(store, [ev["event_id"], "EVnope"])
        [m] = store.mentions_for(ev["event_id"])
        with pytest.raises(ValueError):
            split(store, ev["event_id"], [m["mention_id"]])
        with pytest.raises(KeyError):
            split(store, ev["event_id"], ["nope"])


def test_injuries_are_reconciled_like_deaths(tmp_path, pipeline):
    with Store(tmp_path / "l.duckdb") as store:
        add(store, pipeline, "A car bomb in Mogadishu on Thursday killed 7 people and wounded 20, police said.", "2024-02-16")
        [ev] = store.events()
        assert (ev["fatalities_best"], ev["injured_best"]) == (7, 20)


ATTACK = ("Gunmen shot dead three farmers in Gwoza on Monday, police said. The victims, Musa Abubakar, "
          "Ibrahim Lawan and Yakubu Bello, were working on their fields near Ngoshe Road when the attackers struck.")
ARREST = ("Police in Borno State arrested a suspect, Ali Modu, on Friday over the killing of the farmers "
          "Musa Abubakar, Ibrahim Lawan and Yakubu Bello near Ngoshe Road in Gwoza.")


def test_follow_up_weeks_later_joins_the_event_it_names(tmp_path, pipeline):
    # an arrest 25 days later: another family of types, dates far apart, another place read
    # (Borno State), but the victims' names and the road are the attack's
    with Store(tmp_path / "l.duckdb") as store:
        add(store, pipeline, ATTACK, "2024-03-05")
        add(store, pipeline, ARREST, "2024-03-30")
        types = {t for (t,) in store.con.execute("SELECT event_type FROM mentions").fetchall()}
        assert len(types) == 2, types  # the pipeline reads them as two families
        [ev] = store.events()
        assert ev["n_mentions"] == 2 and ev["date_start"] == dt.date(2024, 3, 4)
        assert ev["fatalities_best"] == 3
        # another arrest over another killing, told in the same words, is another event
        add(store, pipeline, "Police in Borno State arrested a suspect, Baba Kura, on Friday over the killing "
                             "of two traders, Adamu Garba and Usman Idris, at the Bama market.", "2024-03-30")
        assert len(store.events()) == 2


def test_same_day_attacks_without_shared_evidence_stay_apart(tmp_path, pipeline):
    # same day, same type, one death each, no place: nothing says they are one event
    with Store(tmp_path / "l.duckdb") as store:
        add(store, pipeline, "Gunmen shot dead a shopkeeper inside his store on Saturday, police said.", "2024-03-10")
        add(store, pipeline, "A farmer was killed by a stray bullet during a wedding celebration on Saturday, "
                             "relatives said.", "2024-03-10")
        assert [e["n_mentions"] for e in store.events()] == [1, 1]


TWICE = ("A 4-year-old boy was shot at a home in Yonkers on Saturday, police said. Neighbours said they heard "
         "two shots. The boy was taken to a hospital in stable condition after the shooting on South Broadway "
         "on Saturday.")


def test_one_event_told_twice_in_an_article_is_one_event_unless_places_conflict(tmp_path, pipeline):
    from conflictcoder.link.linker import split

    with Store(tmp_path / "l.duckdb") as store:
        store.add(pipeline.extract(make_article(TWICE, dt.date(2024, 3, 10))))
        mentions = store._dicts("SELECT * FROM mentions ORDER BY place_name DESC")
        assert [m["place_name"] for m in mentions] == ["Yonkers", "Broadway"]
        # the street resolved to a Broadway far away, confidently: two places in conflict
        link(store)
        assert len(store.events()) == 2
        # had the street not been resolved, nothing would tell the two apart: one event
        store.con.execute("UPDATE mentions SET place_name = NULL, geonames_id = NULL, lat = NULL, lon = NULL, "
                          "country_code = NULL, admin1 = NULL, admin2 = NULL, geo_precision = NULL, "
                          "place_confidence = NULL WHERE place_name = 'Broadway'")
        link(store, rebuild=True)
        [ev] = store.events()
        assert ev["n_mentions"] == 2 and ev["location"] == "Yonkers"
        # an analyst who splits them keeps them split on a rebuild
        street = [m["mention_id"] for m in store.mentions_for(ev["event_id"]) if m["place_name"] is None]
        split(store, ev["event_id"], street, author="ana", reason="two shootings")
        link(store, rebuild=True)
        assert len(store.events()) == 2


def test_mentions_of_one_article_that_each_fit_a_reported_event_join_it(tmp_path, pipeline):
    # the street is read as a Broadway far away, so alone the article's two mentions are two
    # events; an earlier report of the shooting fits both of them: one event
    with Store(tmp_path / "l.duckdb") as store:
        add(store, pipeline, "A 4-year-old boy was shot in the leg at his home in Yonkers on Saturday, police said. "
                             "The boy was taken to a hospital after the shooting, neighbours said.", "2024-03-09")
        add(store, pipeline, TWICE, "2024-03-10")
        [ev] = store.events()
        assert ev["n_mentions"] == 3 and ev["location"] == "Yonkers"
        # the Kandahar bomb and the Herat clash of one article stay two with a report of the bomb
        add(store, pipeline, "A roadside bomb killed three soldiers in Kandahar on Monday, officials said.", "2024-02-20")
        add(store, pipeline, "A roadside bomb killed three soldiers in Kandahar on Monday. In a separate incident, "
                             "Taliban fighters clashed with police in Herat on Monday, killing two policemen.", "2024-02-20")
        afghan = [e for e in store.events() if e["country_code"] == "AF"]
        assert sorted(e["n_mentions"] for e in afghan) == [1, 2]


def test_trial_weeks_later_joins_on_the_rare_names_it_shares(tmp_path, pipeline):
    # a long court report 50 days on, placed in another town: few words in common with the
    # attack, but the victim's name and the road are rare words of both
    trial = ("A high court in Maiduguri on Tuesday began the trial of two men charged with the murder of Musa "
             "Abubakar and two other farmers killed near Ngoshe Road. Prosecutors told Justice Aisha Kumo that the "
             "accused, both traders from Konduga, had quarrelled with the farmers over grazing land for months "
             "before the shooting. Defence lawyers asked for bail, citing the health of one defendant, and the "
             "judge adjourned the hearing to next month. Relatives of the victims filled the public gallery.")
    with Store(tmp_path / "l.duckdb") as store:
        add(store, pipeline, ATTACK, "2024-03-05")
        add(store, pipeline, trial, "2024-04-24")
        [ev] = store.events()
        assert ev["n_mentions"] == 2 and ev["date_start"] == dt.date(2024, 3, 4)


# --- tolls as they are revised (UCDP best / low / high, lang/en/revisions.yaml) -----------------

def _reading(pipeline, text):
    import json

    from conflictcoder.link.linker import read_figure
    from conflictcoder.model import to_json

    [m] = [m for m in pipeline.extract(make_article(text, dt.date(2024, 5, 7))).events if m.fatalities]
    return m.fatalities, read_figure({"fatalities": m.fatalities, "data": json.dumps(to_json(m))}, text)


@pytest.mark.parametrize("text, figure, revision, flag", [
    ("The death toll from Sunday's bombing of a market in Maiduguri has risen to 57, officials said on Tuesday.",
     57, "revised", None),
    ("Police revised the toll from the car bomb in Kirkuk down to 84 on Tuesday.", 84, "revised", None),
    ("The ministry retracted its toll of 110 dead in the air strike on Saada on Monday.", 110, "withdrawn", None),
    ("At least 12 people were killed when a bomb exploded at a bus station in Kirkuk on Monday, police said.",
     12, "plain", None),
    ("Over 500 people were killed in the blast at the hospital in Gaza on Tuesday, officials said.",
     500, "plain", "estimate"),
    ("Up to 300 people were killed in the blast at the hospital in Gaza on Tuesday, officials said.",
     300, "plain", "ceiling"),
    ("At least 19 people were killed in two separate attacks in Kandahar on Monday, officials said.",
     19, "plain", "several"),
])
def test_how_a_report_tells_its_toll(pipeline, text, figure, revision, flag):
    value, reading = _reading(pipeline, text)
    assert value == figure and reading["revision"] == revision, reading
    for f in ("estimate", "ceiling", "several"):
        assert reading[f] == (f == flag), reading


BOMB_1 = "A car bomb exploded at a bus station in Kirkuk on Monday, killing at least 30 people, police said."
BOMB_2 = ("Police revised the death toll from Monday's car bomb at the Kirkuk bus station down to 24 on "
          "Tuesday, saying some victims had been counted twice.")
BOMB_3 = ("On Wednesday the health directorate in Kirkuk withdrew its figure of 40 people killed in Monday's "
          "car bomb at the bus station.")


def test_a_downward_revision_is_best_and_a_withdrawn_figure_is_no_figure(tmp_path, pipeline):
    with Store(tmp_path / "l.duckdb") as store:
        add(store, pipeline, BOMB_1, "2024-05-06")
        add(store, pipeline, BOMB_2, "2024-05-07")
        [ev] = store.events()
        # the highest figure does not win: the latest revision does, and the report is named
        assert (ev["fatalities_best"], ev["fatalities_low"], ev["fatalities_high"]) == (24, 24, 30)
        second = store.con.execute("SELECT id FROM articles WHERE published = '2024-05-07'").fetchone()[0]
        assert ev["best_source"] == second
        assert "revis" in ev["best_reason"] and "30" in ev["best_reason"]
        add(store, pipeline, BOMB_3, "2024-05-08")
        [ev] = store.events()  # the third report joined the event
        assert ev["n_mentions"] >= 3
        assert (ev["fatalities_best"], ev["fatalities_high"]) == (24, 30)
        assert "withdrawn 40" in ev["best_reason"]


def test_best_source_and_reason_reach_the_exports(tmp_path, pipeline):
    import csv
    import json

    from conflictcoder.export import acled_csv, jsonl

    with Store(tmp_path / "l.duckdb") as store:
        add(store, pipeline, BOMB_1, "2024-05-06")
        add(store, pipeline, BOMB_2, "2024-05-07")
        events = store.events()
        acled_csv.write(store, events, tmp_path / "e.csv")
        [row] = list(csv.DictReader(open(tmp_path / "e.csv", encoding="utf-8")))
        assert row["fatalities"] == "24" and row["best_source"] == events[0]["best_source"]
        assert "revis" in row["best_reason"]
        jsonl.write(store, events, tmp_path / "e.jsonl")
        [rec] = [json.loads(x) for x in open(tmp_path / "e.jsonl", encoding="utf-8")]
        assert rec["best_source"] == events[0]["best_source"] and rec["best_reason"] == events[0]["best_reason"]


def test_many_reports_at_one_place_and_day_link_with_bounded_comparisons(tmp_path):
    # 40 reports each of three attacks at one town on one day (and one of them told in many
    # wordings): each attack is one event, and an event keeps few reports to compare with
    from conflictcoder.link import linker
    from conflictcoder.sql import insert_rows

    day = dt.date(2024, 6, 3)
    attacks = [("bakery", "Karimov"), ("checkpoint", "Haidari"), ("school", "Mansour")]
    with Store(tmp_path / "l.duckdb") as store:
        cols = [c[0] for c in store.con.execute("SELECT * FROM mentions LIMIT 0").description]
        rows = []
        for i in range(120):
            target, name = attacks[i % 3]
            row = dict.fromkeys(cols)
            row.update(mention_id=f"M{i:04d}", article_id=f"A{i:04d}", published=day, event_type="Explosions/Remote violence",
                       sub_event_type="Air/drone strike", date_start=day, date_end=day, time_precision=1,
                       place_name="Idlib", geonames_id=169388, lat=35.93, lon=36.63, country_code="SY", admin1="Idlib",
                       geo_precision=1, place_confidence=0.9, fatalities=3 + i % 3, sources="[]", data="{}",
                       sentence=f"An air strike hit the {target} in Idlib, killing {name} and {i // 3 % 7} others")
            rows.append([row[c] for c in cols])
        insert_rows(store.con, "mentions", cols, rows)
        assert linker.link(store) == 120
        by_event = {}
        for eid, sentence in store.con.execute(
                "SELECT em.event_id, m.sentence FROM event_mentions em JOIN mentions m USING (mention_id)").fetchall():
            by_event.setdefault(eid, set()).add(sentence.split()[5])
        assert sorted(by_event.values(), key=sorted) == [{"bakery"}, {"checkpoint"}, {"school"}]
        ev = linker._Event("x", [linker._prepare(dict(zip(cols, r))) for r in rows[:3] * 10])
        assert len(ev.mentions) == 30 and len(ev.reps) <= linker.S.max_compared


def test_a_report_joins_the_event_of_its_own_family_before_another_family(tmp_path, pipeline):
    # the first article tells the attack and a seizure of explosives beside it (two events of
    # two families sharing the article's names); a later report of the bomb is the attack
    first = ("Gunmen stormed the cathedral in Jolo on Sunday and killed 20 worshippers, the military said. "
             "Soldiers seized a cache of grenades and explosives near the cathedral in Jolo on Sunday, the "
             "military said.")
    later = "A bomb exploded at the cathedral in Jolo on Sunday, killing 21 people, police said on Monday."
    with Store(tmp_path / "l.duckdb") as store:
        add(store, pipeline, first, "2024-06-02")
        add(store, pipeline, later, "2024-06-03")
        by_type = {e["event_type"]: e for e in store.events()}
        assert by_type["Violence against civilians"]["n_mentions"] == 2
        assert by_type["Violence against civilians"]["fatalities_best"] == 21
        assert by_type["Strategic developments"]["n_mentions"] == 1


def test_a_toll_told_on_a_later_day_for_the_same_site_is_the_same_event(tmp_path, pipeline):
    # one article: the blast at the market on Tuesday, and Wednesday's statement of its toll
    text = ("Residents blamed an air strike for the blast at the market in Hodeidah on Tuesday. "
            "The health ministry said in a statement on Wednesday that 35 people were killed and 60 wounded "
            "at the market.")
    with Store(tmp_path / "l.duckdb") as store:
        add(store, pipeline, text, "2024-07-04")
        mentions = store._dicts("SELECT date_start FROM mentions")
        assert len(mentions) == 2 and len({m["date_start"] for m in mentions}) == 2, mentions
        [ev] = store.events()
        assert ev["n_mentions"] == 2 and ev["fatalities_best"] == 35


def test_an_implausible_toll_is_flagged_in_the_store_and_the_exports(tmp_path, pipeline):
    import csv

    from conflictcoder.export import acled_csv

    with Store(tmp_path / "f.duckdb") as store:
        add(store, pipeline, "More than 1,200 people were killed in the gas attack on Wednesday, doctors said.",
            "2021-06-10")
        add(store, pipeline, "Gunmen killed four farmers in a village on Wednesday, police said.", "2021-06-10")
        flags = sorted((e["fatalities_best"], e["flags"] is not None) for e in store.events())
        assert flags == [(4, False), (1200, True)]
        out = tmp_path / "e.csv"
        acled_csv.write(store, store.events(), out)
        rows = list(csv.DictReader(open(out, encoding="utf-8")))
        assert sorted(bool(r["flags"]) for r in rows) == [False, True]
