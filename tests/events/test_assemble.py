"""Event assembly on short reports: what becomes an event, with which figures and scope.

Each case is general behaviour (no text here comes from the reference article).
"""

import pytest

from tests.conftest import annotate_text


def events(pipeline, text, published="2020-03-10"):
    return annotate_text(pipeline, text, published).events


def subtypes(pipeline, text):
    """The sub-event types of the article's events, in order."""
    return [e.sub_event_type for e in events(pipeline, text)]


def test_incident_with_source_actor_place_and_date(pipeline):
    ann = annotate_text(
        pipeline,
        "At least 12 civilians were killed when Russian warplanes bombed a market in Aleppo on Sunday, "
        "the White Helmets said.",
        "2020-03-10",
    )
    [ev] = ann.events
    assert ev.event_type == "Explosions/Remote violence" and ev.sub_event_type == "Air/drone strike"
    assert ev.fatalities == 12
    assert ev.actor1.name.startswith("Military Forces of Russia")
    assert ev.actor2 is not None and ev.actor2.type == 7
    assert ev.place.country_code == "SY"
    assert str(ev.date.start) == "2020-03-08" and ev.date.time_precision == 1
    assert any("White Helmets" in s.name for s in ev.sources)
    killed = [c for c in ev.counts if c.kind == "killed"]
    assert killed[0].quantity.qualifier == "at_least" and killed[0].span.text.startswith("At least 12")


def test_running_total_is_a_claim_not_fatalities(pipeline):
    ann = annotate_text(
        pipeline,
        "More than 2,000 people have been killed in Darfur since January, according to the United Nations.",
    )
    assert sum(e.fatalities for e in ann.events) == 0
    [c] = [c for c in ann.counts if c.kind == "killed"]
    assert c.scope == "cumulative" and c.period is not None and str(c.period.start) == "2020-01-01"
    assert c.claimed_by.name == "United Nations"


def test_same_figure_repeated_counts_once_and_groups_add(pipeline):
    text = (
        "Rebels and government troops clashed near Marib on Monday. The fighting killed 14 rebels and "
        "six soldiers, officials said. The clashes killed 14 rebels, a local source added."
    )
    evs = events(pipeline, text)
    assert len(evs) == 1
    assert evs[0].event_type == "Battles"
    assert evs[0].fatalities == 20


@pytest.mark.parametrize(
    "text",
    [
        "The militants threatened to kill 20 hostages if their demands were not met.",
        "Officials fear that an offensive could kill hundreds of civilians.",
        "Warplanes regularly bomb the roads that families use to flee.",
        "Nobody was killed and no shelling was reported in the town on Monday.",
    ],
)
def test_threats_plans_and_habits_are_not_events_with_deaths(pipeline, text):
    assert sum(e.fatalities for e in events(pipeline, text)) == 0


def test_background_history_is_not_an_event(pipeline):
    text = "The army launched an offensive against the region in 2015, killing around 800 people."
    evs = events(pipeline, text, "2020-03-10")
    assert evs == []


def test_population_and_refugees_are_context(pipeline):
    ann = annotate_text(pipeline, "The camp hosts some 40,000 people. Lebanon has taken in over a million refugees.")
    scopes = {c.span.text: c.scope for c in ann.counts}
    assert set(scopes.values()) == {"context"}, scopes
    assert ann.events == []


def test_death_toll_update(pipeline):
    ann = annotate_text(pipeline, "The death toll from Sunday's car bomb in Mogadishu rose to 15, officials said.")
    [ev] = ann.events
    assert ev.sub_event_type == "Remote explosive/landmine/IED"
    assert ev.fatalities == 15


def test_protest_with_intervention(pipeline):
    [ev] = events(pipeline, "Police fired tear gas to disperse hundreds of protesters in Khartoum on Tuesday.")
    assert ev.event_type == "Protests" and ev.sub_event_type == "Protest with intervention"


def test_report_date_is_not_the_event_date(pipeline):
    [ev] = events(pipeline, "Gunmen abducted 14 passengers on the highway near Kaduna, police said on Friday.",
                  "2024-03-09")
    assert str(ev.date.end) == "2024-03-08" and ev.date.time_precision == 2
    assert "report" in ev.date.reason


def test_event_date_from_its_own_clause(pipeline):
    [ev] = events(pipeline, "Police said on Friday that gunmen abducted 14 passengers near Kaduna on Wednesday.",
                  "2024-03-09")
    assert str(ev.date.start) == "2024-03-06" and ev.date.time_precision == 1


@pytest.mark.parametrize(
    "text, fatalities",
    [
        ("A police constable was gunned down by militants in Peshawar on Monday.", 1),
        ("Rangers killed a militant during a raid in Karachi on Monday.", 1),
        ("Three bandits were beaten to death by villagers in Faridpur on Monday.", 3),
        ("Two policemen (seven according to the insurgents) were killed in an attack in Kunduz on Monday.", 2),
    ],
)
def test_figures_singular_alternative_and_ages(pipeline, text, fatalities):
    assert sum(e.fatalities for e in events(pipeline, text)) == fatalities


def test_an_age_is_not_a_count(pipeline):
    ann = annotate_text(pipeline, "The driver, Nur Hossain, 32, was killed when assailants hurled a petrol bomb at his truck.")
    assert not any(c.quantity.value == 32 for c in ann.counts)


@pytest.mark.parametrize(
    "text, fatalities",
    [
        ("Seven soldiers were killed and wounded when their vehicle hit a landmine in Helmand on Monday.", 0),
        ("Twelve militants including two commanders were killed when troops repulsed their attack in Kunduz on Monday.", 12),
        ("A police constable was shot and killed by militants in Anantnag on Tuesday.", 1),
    ],
)
def test_killed_and_wounded_subgroups_and_coordinated_verbs(pipeline, text, fatalities):
    assert sum(e.fatalities for e in events(pipeline, text)) == fatalities


def test_dates_with_an_open_end_compare_without_error():
    import datetime as dt

    from conflictcoder.events.assemble import _compatible_dates
    from conflictcoder.model import DateRange

    day = DateRange(dt.date(2020, 3, 10), dt.date(2020, 3, 10), "day", "date")
    coming = DateRange(dt.date(2020, 3, 10), None, "year", "date")  # "in the coming days"
    later = DateRange(dt.date(2020, 5, 1), None, "year", "date")
    assert _compatible_dates(day, coming) and _compatible_dates(coming, day)
    assert not _compatible_dates(day, later)


@pytest.mark.parametrize("text, etype", [
    ("On Monday militants attacked a check point in the district.", "Battles"),
    ("On Monday two policemen were wounded following an attack by militants on a police post in the town.", "Battles"),
    ("On Monday militants attacked Arbaki forces in the district.", "Battles"),
    # an attack on people who are not armed stays violence against civilians
    ("On Monday gunmen attacked a wedding party in the village, killing 12 people.", "Violence against civilians"),
])
def test_an_attack_on_armed_forces_is_a_battle(pipeline, text, etype):
    ann = annotate_text(pipeline, text, "2020-03-10")
    assert [e.event_type for e in ann.events] == [etype]


def test_counted_doers_in_the_present_are_one_occasion(pipeline):
    assert subtypes(pipeline, "Two suicide bombers blow themselves up during noon prayers in two mosques "
                              "in the capital.") == ["Suicide bomb"]
    # the habitual present stays no event
    assert not subtypes(pipeline, "Planes also target the routes into the city.")


@pytest.mark.parametrize("text, etype, sub", [
    ("Police seized seven illegal firearms and 200 rounds of ammunition in the town on Monday.",
     "Strategic developments", "Disrupted weapons use"),
    ("Troops destroyed 342 mines in the north of the country on Monday.",
     "Strategic developments", "Disrupted weapons use"),
    ("Stone-throwing protesters clashed with police in the capital on Friday.", "Riots", "Violent demonstration"),
    # territory seized stays territory
    ("Rebels seized the town of Dabiq on Monday.", "Battles", "Non-state actor overtakes territory"),
])
def test_arms_taken_out_of_use_and_clashing_crowds(pipeline, text, etype, sub):
    found = [(e.event_type, e.sub_event_type) for e in events(pipeline, text)]
    assert (etype, sub) in found and not any(
        t in ("Battles", "Explosions/Remote violence") and t != etype for t, _ in found), found


@pytest.mark.parametrize("text", [
    "Rallies and sit-ins were held across the country on Friday against the execution.",
    "Demonstrations demanding justice for two students are being held throughout the country.",
    "Supporters of the president staged protests across the country on Saturday.",
])
def test_bare_plurals_told_as_happening_are_events(pipeline, text):
    assert subtypes(pipeline, text) == ["Peaceful protest"]


def test_bare_plurals_in_the_general_present_stay_no_event(pipeline):
    assert not subtypes(pipeline, "Intense attacks continue to hit the region.")


@pytest.mark.parametrize("text, sub", [
    ("Thousands marched in the city on Friday and some protesters smashed store windows.", "Violent demonstration"),
    ("Thousands of people marched peacefully in the capital on Friday.", "Peaceful protest"),
])
def test_violent_protesters_make_a_riot(pipeline, text, sub):
    assert sub in subtypes(pipeline, text)


@pytest.mark.parametrize("text, sub", [
    ("Israeli warplanes fired a missile at a group of youths east of the town on Monday.", "Air/drone strike"),
    ("One person was killed on Friday in a border town by rockets fired from across the border.",
     "Shelling/artillery/missile attack"),
    ("The militants fired 150 mortar rounds containing poisonous gases on the town on Monday.", "Chemical weapon"),
])
def test_what_fired_the_weapon_and_what_it_carried(pipeline, text, sub):
    assert sub in subtypes(pipeline, text)


@pytest.mark.parametrize("text, sub", [
    ("ISIS fighters recaptured the village from the Syrian Arab Army on Monday.", "Non-state actor overtakes territory"),
    ("Government troops took full control of the town on Monday.", "Government regains territory"),
    ("Government troops occupied three hill posts of the rebels on Monday.", "Government regains territory"),
    ("Troopers captured two rebel camps in the province on Sunday.", "Government regains territory"),
])
def test_territory_taken_by_whom(pipeline, text, sub):
    assert sub in subtypes(pipeline, text)


@pytest.mark.parametrize("text, sub", [
    # a caption's present, with the past day it shows
    ("Protesters clash with riot police outside parliament in the capital, March 2, 2020.", "Violent demonstration"),
    ("A large crowd gathers during a protest against the new law on Sunday, March 8, 2020.", "Peaceful protest"),
    # headline style: a singular noun with no determiner as subject
    ("Mob lynches man accused of stealing a goat", "Mob violence"),
    ("Grenade blast kills two at a bus stop in the capital", "Grenade"),
])
def test_captions_and_headlines_tell_the_past_in_the_present(pipeline, text, sub):
    assert sub in subtypes(pipeline, text)


def test_the_present_without_a_past_day_or_headline_subject_stays_habitual(pipeline):
    assert not subtypes(pipeline, "Protesters gather outside parliament every Friday.")
    assert not subtypes(pipeline, "Militias often clash with the army over the checkpoints.")


def test_a_stretch_of_time_tied_to_another_clause_does_not_date_the_event(pipeline):
    # "weeks of unrest" belongs to "continued", not to the shooting
    assert subtypes(pipeline, "Six people were killed after security forces opened fire on protesters in the south, "
                              "as weeks of unrest continued.")


def test_a_definite_weak_trigger_refers_back_with_its_figures(pipeline):
    evs = events(pipeline, "Shelling hit the airport on Monday after forces loyal to the general fired dozens of "
                           "rockets into the city. Six people were killed in the attacks, the ministry said.")
    assert [(e.sub_event_type, e.fatalities) for e in evs] == [("Shelling/artillery/missile attack", 6)]


def test_an_indefinite_trigger_with_its_own_figures_is_another_event(pipeline):
    evs = events(pipeline, "Shelling hit the airport on Monday. In another attack, gunmen killed two farmers "
                           "in a village in the north on Monday.")
    assert len(evs) == 2


@pytest.mark.parametrize("text, sub", [
    ("Suspected suicide bombers kill dozens at the main airport", "Suicide bomb"),
    ("Militants fired mortar shells that damaged two passenger planes at the airport on Monday.",
     "Shelling/artillery/missile attack"),
    ("Warplanes fired missiles at the town on Monday.", "Air/drone strike"),
])
def test_headline_tolls_and_who_fired(pipeline, text, sub):
    assert subtypes(pipeline, text)[:1] == [sub]


@pytest.mark.parametrize("text, sub", [
    ("The militants recaptured the town on Monday after government troops pulled out of it.",
     "Non-violent transfer of territory"),
    ("Rebels entered the town on Monday without any resistance and seized the main square.",
     "Non-violent transfer of territory"),
    # fighting told beside it: taken by force
    ("The army recaptured the town on Monday after heavy fighting, and the rebels withdrew.",
     "Government regains territory"),
])
def test_territory_left_or_unopposed_changes_hands_without_a_fight(pipeline, text, sub):
    assert sub in subtypes(pipeline, text)


def test_violent_demonstrators_riot(pipeline):
    assert "Violent demonstration" in subtypes(
        pipeline, "Hundreds of protesters held violent demonstrations in the capital on Saturday.")


@pytest.mark.parametrize("text, sub", [
    ("Rebels took full control of the district on Monday amid heavy fighting with tribesmen.",
     "Non-state actor overtakes territory"),
    ("The army drove back the militants from a key village in the province on Monday.",
     "Government regains territory"),
    ("Rioters set fire to shops and looted a supermarket in the city centre on Saturday.", "Violent demonstration"),
    ("Black-clad rioters set fire to a street barricade in the city, March 2, 2020.", "Violent demonstration"),
])
def test_territory_names_the_battle_and_rioters_own_the_burning(pipeline, text, sub):
    assert subtypes(pipeline, text)[:1] == [sub]


@pytest.mark.parametrize("text, sub", [
    ("More than ten protesters were injured on Monday after police broke up a non-violent demonstration "
     "with live bullets.", "Excessive force against protesters"),
    ("Rights groups condemned on Monday the house arrest of the opposition leader, guarded by riot police.", "Arrests"),
    ("Police intercepted 15 suspected members of the group near the border on Monday.", "Arrests"),
    ("Gunmen attacked a military camp outside the town on Monday.", "Armed clash"),
    ("Hundreds of former fighters have mobilized alongside the army in the province this week.",
     "Change to group/activity"),
])
def test_denied_violence_riot_police_people_intercepted_and_camps(pipeline, text, sub):
    assert subtypes(pipeline, text)[:1] == [sub]


def test_a_population_figure_does_not_make_news_a_running_total(pipeline):
    assert "Violent demonstration" in subtypes(
        pipeline, "Activists have rioted for a second night as the city hosts a summit of 20 leaders, "
                  "setting up barricades and looting supermarkets.")


@pytest.mark.parametrize("text, sub", [
    ("Peaceful rallies in two cities took a turn on Tuesday when police used smoke grenades and pepper spray.",
     "Protest with intervention"),
    ("Police suppressed a peaceful student demonstration in the city on Monday.", "Protest with intervention"),
])
def test_police_means_against_a_crowd_are_an_intervention(pipeline, text, sub):
    assert subtypes(pipeline, text)[:1] == [sub]


def test_a_stretch_of_time_told_as_the_setting_keeps_the_event(pipeline):
    evs = events(pipeline, "Rebels seized the town on Monday after weeks of fighting.")
    assert [e.sub_event_type for e in evs] == ["Non-state actor overtakes territory"]
    assert evs[0].date.start is not None
    # told as the event's own length, it is no single event
    assert not subtypes(pipeline, "The rebels have fought the government for years.")


@pytest.mark.parametrize("text, sub", [
    ("Troops destroyed 342 mines and 288 improvised explosive devices in the north on Monday.", "Disrupted weapons use"),
    ("Engineers discovered arms which included anti-tank missiles and grenades in the village on Monday.",
     "Disrupted weapons use"),
    ("Government forces recovered control of two villages on Monday after intense air and artillery strikes.",
     "Government regains territory"),
    ("Witnesses said security forces used excessive force against the demonstrators on Friday.",
     "Excessive force against protesters"),
])
def test_weapons_out_of_use_territory_first_and_excessive_force(pipeline, text, sub):
    assert sub in subtypes(pipeline, text)


def test_territory_told_twice_once_as_left_by_its_holders_is_one_transfer(pipeline):
    evs = events(pipeline, "Militants have taken control of a strategic village south of the town on Monday. "
                           "The militants seized the area following the withdrawal of government forces.")
    assert [e.sub_event_type for e in evs] == ["Non-violent transfer of territory"]


@pytest.mark.parametrize("text, sub", [
    ("A swathe of territory was handed over by the army to the rebels on Monday as part of a peace deal.",
     "Non-violent transfer of territory"),
    ("Youths hurled stones and bottles at police outside the court on Monday.", "Violent demonstration"),
])
def test_territory_handed_over_and_stones_thrown(pipeline, text, sub):
    assert sub in subtypes(pipeline, text)


def test_a_name_modifying_the_passive_subject_is_the_side_acted_upon(pipeline):
    evs = events(pipeline, "The Al-Nusra Front fighters were pushed back from their strongholds in the province "
                           "on Monday.")
    assert len(evs) == 1
    ev = evs[0]
    assert ev.actor2 is not None and "Nusra" in ev.actor2.name
    assert ev.actor1 is None or "Nusra" not in ev.actor1.name
    assert ev.sub_event_type == "Government regains territory"


def test_discovered_mass_graves_are_another_development(pipeline):
    assert "Other" in subtypes(pipeline, "Investigators discovered two mass graves near the town on Monday.")


@pytest.mark.parametrize("text, sub", [
    ("Rebel fighters will advance on the city after seizing the town of Dabiq from the militants on Sunday.",
     "Non-state actor overtakes territory"),
    ("The president vowed an investigation on Tuesday after seven people were murdered by vigilantes.", "Mob violence"),
    ("The two sides exchanged 200 prisoners near the frontline on Sunday.", "Agreement"),
    ("Government troops took the offensive on Monday, controlling the entire area by nightfall.",
     "Government regains territory"),
])
def test_what_came_before_is_a_fact_and_prisoners_exchanged(pipeline, text, sub):
    assert sub in subtypes(pipeline, text)


def test_force_told_of_another_day_is_no_force_at_this_rally(pipeline):
    assert subtypes(pipeline, "Thousands of protesters rallied in the capital on Saturday to mourn dozens of "
                              "demonstrators killed last month.")[:1] == ["Peaceful protest"]
    assert "Excessive force against protesters" in subtypes(
        pipeline, "Police killed two demonstrators when they opened fire on a rally in the capital on Saturday.")


def test_a_date_of_a_relative_clause_does_not_date_the_main_event(pipeline):
    evs = events(pipeline, "The army said on Monday it regained the town, seized by the militants two months ago.")
    assert [e.sub_event_type for e in evs] == ["Government regains territory"]
    assert evs[0].date.start is not None and evs[0].date.start.month == 3  # not two months before


def test_a_task_or_training_is_no_event(pipeline):
    subs = subtypes(pipeline, "The coalition tasked with fighting the militants withdrew from the air base on Monday.")
    assert "Armed clash" not in subs and "Non-violent transfer of territory" in subs


def test_one_sentence_two_incidents_of_one_type(pipeline):
    ann = annotate_text(pipeline, "Five farmers were killed on Sunday in shelling of the village of Harbanoush, "
                                  "while three others died in an air strike on the village of Kfar Dulbeq, "
                                  "both in Idlib province, activists said.", "2020-03-09")
    got = sorted((e.sub_event_type, e.fatalities) for e in ann.events)
    assert got == [("Air/drone strike", 3), ("Shelling/artillery/missile attack", 5)]


def test_an_unknown_village_the_trigger_names_is_the_place(pipeline):
    ann = annotate_text(pipeline, "Syrian jets pounded the south of Idlib on Saturday. Four civilians were killed "
                                  "on Sunday in an air strike on the village of Kafr Bashmoun, activists said.",
                        "2020-03-09")
    ev = next(e for e in ann.events if e.fatalities == 4)
    assert ev.place.name == "Kafr Bashmoun" and ev.place.lat is None and "not in gazetteer" in ev.place.reason


def test_the_dead_told_beside_a_deal_belong_to_the_violence(pipeline):
    ann = annotate_text(pipeline, "Shelling killed six civilians in the town on Monday. Forty people were killed on "
                                  "Tuesday as the rebels and the army agreed a ceasefire.", "2021-06-09")
    deals = [e for e in ann.events if e.sub_event_type == "Agreement"]
    assert deals and all(e.fatalities == 0 for e in deals)


@pytest.mark.parametrize("text, sub", [
    ("Soldiers shot at demonstrators in the capital on Friday. Four people were killed, witnesses said.",
     "Excessive force against protesters"),
    ("Gunmen stormed a village on Friday. Two policemen were killed in the attack, officials said.", "Armed clash"),
    ("Gunmen attacked a bus on Friday. Three passengers were killed in the attack, officials said.", "Attack"),
])
def test_an_attack_is_typed_by_whom_it_harmed(pipeline, text, sub):
    ann = annotate_text(pipeline, text, "2021-06-06")
    assert [e.sub_event_type for e in ann.events if e.fatalities] == [sub]


def test_an_undated_event_takes_the_day_of_the_articles_news(pipeline):
    ann = annotate_text(pipeline, "Soldiers killed nine villagers yesterday in an attack on a village near the border. "
                                  "In a nearby town, a roadside bomb killed two traders.", "2021-06-09")
    assert sorted((e.date.start.isoformat(), e.date.end.isoformat()) for e in ann.events) == \
        [("2021-06-08", "2021-06-08")] * 2


def test_a_similar_strike_is_another_event(pipeline):
    ann = annotate_text(pipeline, "A drone strike killed two fighters in a car near the town. "
                                  "A similar strike on Monday killed three fighters near the river.", "2021-06-09")
    assert sorted(e.fatalities for e in ann.events) == [2, 3]


def test_a_toll_no_single_incident_could_have_is_flagged(pipeline):
    ann = annotate_text(pipeline, "More than 1,200 people were killed in the gas attack on Wednesday, doctors said.",
                        "2021-06-10")
    [ev] = ann.events
    assert ev.fatalities == 1200 and ev.flags and "implausible toll" in ev.flags[0]
    small = annotate_text(pipeline, "Twelve people were killed in the gas attack on Wednesday, doctors said.",
                          "2021-06-10")
    assert [e.flags for e in small.events] == [[]]


def test_an_attack_that_burns_property_is_the_attack(pipeline):
    ann = annotate_text(pipeline, "Gunmen attacked the police post at dawn on Thursday and fled after setting fire "
                                  "to two police vehicles, officials said.", "2021-06-11")
    assert [e.event_type for e in ann.events] in (["Battles"], ["Violence against civilians"])


def test_one_event_per_place_of_a_list(pipeline):
    ann = annotate_text(pipeline, "Five people were killed in Balyun and Deir Sunbul on Sunday, residents said.",
                        "2021-06-07")
    assert sorted(e.place.name for e in ann.events) == ["Balyun", "Deir Sunbul"]
    assert sum(e.fatalities for e in ann.events) == 5  # the toll is not counted twice
