"""The counts layer: what a figure counts (kind, victims) and how single people are counted.

Sentences are written for these tests in the style of local crime and conflict reporting.
"""

import pytest

from tests.conftest import annotate_text


def counts_of(pipeline, text, published="2017-03-27"):
    ann = annotate_text(pipeline, text, published)
    return ann, [(c.span.text, c.kind) for c in ann.counts if not c.negated]


def deaths(pipeline, text, published="2017-03-27"):
    """The article's event fatalities, summed."""
    return sum(e.fatalities for e in annotate_text(pipeline, text, published).events)


@pytest.mark.parametrize("text, expected", [
    ("Gunmen attacked the wedding, killing one man and wounding six others.",
     {("one man", "killed"), ("six others", "injured")}),
    ("Gunmen killed and wounded 12 people in the market.", {("12 people", "casualties")}),
    ("Twelve people were killed and 5 were wounded in the attack.",
     {("Twelve people", "killed"), ("5", "injured")}),
])
def test_each_verb_keeps_its_own_figure(pipeline, text, expected):
    _, found = counts_of(pipeline, text)
    assert set(found) == expected


@pytest.mark.parametrize("text, fatalities", [
    ("A 4-year-old boy was fatally shot on Friday in the town.", 1),
    ("A 17-year-old male is dead after a shooting in the county on Sunday.", 1),
    ("Police identified a 13-year-old girl shot to death in the city on Tuesday.", 1),
    ("Gunmen opened fire on Sunday. Kody Lander, 20, was killed, deputies say.", 1),
    # the same person named twice is one death; two people named are two
    ("Gunmen opened fire on Sunday. Kody Lander, 20, was killed. Lander died at the scene.", 1),
    ("Gunmen opened fire on Sunday. Kody Lander, 20, was killed. Maria Ortiz, 31, died in hospital.", 2),
])
def test_one_person_told_by_article_or_name(pipeline, text, fatalities):
    assert deaths(pipeline, text) == fatalities


def test_the_killer_is_not_a_victim(pipeline):
    ann, found = counts_of(pipeline, "Police said John Fowler shot and killed his wife on Monday.")
    assert ("his wife", "killed") in found
    assert not any("Fowler" in text for text, _ in found)
    assert sum(e.fatalities for e in ann.events) == 1


def test_figures_in_sentences_without_an_event_word_join_the_event(pipeline):
    ann, _ = counts_of(
        pipeline,
        "Gunmen opened fire on a trailer near the river on Wednesday. "
        "An autopsy revealed the three victims died of gunshot wounds.",
    )
    assert [e.fatalities for e in ann.events] == [3]


def test_orphan_figures_with_another_date_stay_out(pipeline):
    ann, _ = counts_of(
        pipeline,
        "Gunmen opened fire on a bus near the river on Wednesday, wounding two passengers. "
        "In 2009, 40 people died in a similar incident.",
    )
    assert sum(e.fatalities for e in ann.events) == 0
    assert sum(e.injured for e in ann.events) == 2


@pytest.mark.parametrize("text, fatalities, injured", [
    # a victim named as the object of the killing verb, and a first name used alone later
    ("Someone fired a single shot on Monday, hitting and killing Reginald Robinson.", 1, 0),
    ("Braison Howard, 3, was accidentally shot by his cousin on Monday. "
     "Braison was pronounced dead at the scene.", 1, 0),
    # "people" and "a toddler" are one civilian group, not two
    ("A toddler was killed and 12 people died in the shooting on Monday.", 12, 0),
    # the second clause has its own subject and its own verb: hospitalised, not killed
    ("Two people were killed and seven others were hospitalized after a shooting on Monday.", 2, 7),
])
def test_victims_by_name_group_and_clause(pipeline, text, fatalities, injured):
    ann, _ = counts_of(pipeline, text)
    assert sum(e.fatalities for e in ann.events) == fatalities
    assert sum(e.injured for e in ann.events) == injured


def test_numbers_inside_dates_and_times_are_not_counts(pipeline):
    ann = annotate_text(pipeline, "(01/25/16) - A toddler was killed at 5:17 a.m. in a shooting.", "2016-01-26")
    assert [q.span.text for q in ann.quantities] == []
    assert [e.fatalities for e in ann.events] == [1]


@pytest.mark.parametrize("text", [
    "Police had a hard time identifying Smith, who was pronounced dead at the hospital after the shooting on Monday.",
    "Relatives of a man shot and killed on Friday held a vigil.",
])
def test_victims_in_relative_clauses_and_participles(pipeline, text):
    ann, _ = counts_of(pipeline, text)
    assert sum(e.fatalities for e in ann.events) == 1


def test_a_bystander_in_a_prepositional_phrase_is_not_a_victim(pipeline):
    _, found = counts_of(pipeline, "The soldiers killed the men in front of a child on Monday.")
    assert not any(text == "a child" for text, _ in found)


@pytest.mark.parametrize("text, fatalities", [
    ("An air strike killed a family of five in the village on Monday.", 5),
    ("Three children and their mother were killed in the shelling on Monday.", 4),
    ("Three children and two women were killed in the shelling on Monday.", 5),
    ("Nine civilians, including four children, were killed in the shelling on Monday.", 9),
])
def test_families_and_coordinated_groups(pipeline, text, fatalities):
    assert deaths(pipeline, text) == fatalities


def test_estimates_and_disputed_figures_are_flagged(pipeline):
    ann = annotate_text(pipeline, "Scores of people were killed in the bombing on Monday, the Observatory said, "
                                  "although the government disputed the figure.", "2020-03-10")
    [c] = [c for c in ann.counts if c.kind == "killed"]
    assert c.estimate and c.disputed
    ann = annotate_text(pipeline, "Nine civilians were killed in the bombing on Monday.", "2020-03-10")
    [c] = [c for c in ann.counts if c.kind == "killed"]
    assert not c.estimate and not c.disputed


def test_a_killer_who_kills_himself_adds_one(pipeline):
    ann, _ = counts_of(pipeline, "Police say the man shot and killed his wife and then killed himself on Monday.")
    assert sum(e.fatalities for e in ann.events) == 2


def test_a_blank_line_ends_a_sentence(pipeline):
    ann = annotate_text(pipeline, "Five people were wounded in a shooting on Saturday.\n\n"
                                  "Related stories\n\nUp to 40 feared dead in fire at warehouse\n\n"
                                  "Diver dies at 96", "2016-12-03")
    assert sum(e.fatalities for e in ann.events) == 0
    assert any(s.text.startswith("Up to 40") for s in ann.sentences)


@pytest.mark.parametrize("text, fatalities, injured, casualties", [
    ("Four people were shot on Saturday, one fatally.", 1, 3, 4),
    ("Gunmen shot dead two soldiers on Monday.", 2, 0, 0),
    ("Police say five people were shot at the party on Sunday.", 0, 0, 5),
    # a casualty figure alone does not say how many died or were hurt
    ("Twelve people were killed or wounded in the attack on Monday.", 0, 0, 12),
])
def test_people_shot_are_casualties_until_the_text_says_dead(pipeline, text, fatalities, injured, casualties):
    ann, _ = counts_of(pipeline, text)
    [ev] = ann.events
    assert (ev.fatalities, ev.injured) == (fatalities, injured)
    assert sum(c.quantity.value for c in ev.counts if c.kind == "casualties") == casualties


def test_every_figure_has_its_period_and_place_where_stated(pipeline):
    ann = annotate_text(pipeline, "Air strikes killed nine civilians in Maarat al-Numan on Monday. More than 1,300 "
                                  "civilians have been killed in Idlib province since September 2018.", "2019-12-23")
    nine, total = sorted(ann.counts, key=lambda c: c.span.start)
    assert nine.scope == "incident" and nine.place is not None and nine.place.admin1 == total.place.admin1
    assert total.scope == "cumulative" and total.place.name == "Idlib"
    assert (str(total.period.start), str(total.period.end)) == ("2018-09-01", "2019-12-23")


def test_hand_labelled_conflict_sentences(pipeline):
    """327 sentences of real Syrian-war reporting, labelled by hand (see the file's first line):
    figures found with their value and kind, and their scope, each sentence read on its own."""
    import json
    from pathlib import Path

    from conflictcoder.pipeline import make_article

    items = [json.loads(x) for x in open(Path(__file__).with_name("counts_conflict.jsonl"), encoding="utf-8")]
    items = [x for x in items if "sentence" in x]
    assert len(items) >= 300
    anns = list(pipeline.pipe([make_article(x["sentence"], x["published"]) for x in items]))
    tp = n_gold = n_ours = scope_ok = 0
    for x, ann in zip(items, anns):
        gold = [g for g in x["counts"] if not g["negated"]]
        ours = [c for c in ann.counts if not c.negated]
        n_gold += len(gold)
        n_ours += len(ours)
        used = set()
        for g in gold:
            hit = next((c for c in ours if id(c) not in used and c.quantity.value == g["value"] and c.kind == g["kind"]), None)
            if hit is not None:
                used.add(id(hit))
                tp += 1
                scope_ok += hit.scope == g["scope"]
    p, r = tp / n_ours, tp / n_gold
    assert 2 * p * r / (p + r) >= 0.85
    assert scope_ok / tp >= 0.9


def test_a_victim_told_by_pronoun_counts_once(pipeline):
    ann, _ = counts_of(pipeline, "The 16-year-old boy was shot in the head on Thursday. He was taken to the hospital, "
                                 "where he later died. Police said he had been shot by a neighbour.")
    assert sum(e.fatalities for e in ann.events) == 1
    ann, _ = counts_of(pipeline, "He killed his wife on Monday.")
    assert [c.span.text for c in ann.counts] == ["his wife"]


def test_a_weak_violent_trigger_does_not_fold_into_an_arrest(pipeline):
    ann, _ = counts_of(
        pipeline,
        "Police arrested two men in the town on Monday. The shooting at the market on Monday left "
        "residents shaken.",
    )
    types = {e.event_type for e in ann.events}
    assert "Violence against civilians" in types and "Strategic developments" in types


def test_a_figure_over_a_vague_stretch_of_the_past_is_a_running_total(pipeline):
    ann, _ = counts_of(
        pipeline,
        "Seven people were wounded in a shooting on Friday night. Police said the rivalry between the two "
        "gangs has claimed two lives over the past couple of years.",
    )
    two = next(c for c in ann.counts if c.quantity.value == 2)
    assert two.scope == "cumulative"
    assert sum(e.fatalities for e in ann.events) == 0


def test_a_noun_a_relative_clause_hangs_from_is_not_the_fate_of_its_figure(pipeline):
    ann, _ = counts_of(pipeline, "On Saturday a gunman walked up to a home where four men were sitting on a "
                                 "porch and opened fire.")
    assert not [c for c in ann.counts if c.kind == "population"]


@pytest.mark.parametrize("text, killed, injured", [
    ("Gunfire rang out on Sunday. Two teens were killed. Four others were also shot and critically hurt.", 2, 4),
    ("On Sunday gunmen shot and killed a suicide bomber at the gate of the base.", 1, 0),
    ("On Sunday gunmen shot and killed the director of the traffic police department in the city.", 1, 0),
])
def test_shot_and_hurt_and_more_victim_nouns(pipeline, text, killed, injured):
    ann, _ = counts_of(pipeline, text)
    assert (sum(e.fatalities for e in ann.events), sum(e.injured for e in ann.events)) == (killed, injured)


@pytest.mark.parametrize("text, fatalities", [
    # the one victim, told again as "himself": one death
    ("A 10-year-old boy died on Sunday in the town. Police believe he pulled the trigger, accidentally "
     "killing himself.", 1),
    # the killer who harmed someone else and then himself: one more
    ("On Sunday a man shot his wife and then killed himself in the town.", 2),
    # the age inside "a 90-year-old man" is no figure of its own; the man still counts
    ("A 90-year-old man was accidentally shot to death by his stepson on Monday in the town.", 1),
    ("A 7-year-old girl was killed in a drive-by shooting on Monday in the town.", 1),
    # a person told by age alone
    ("A 3-year-old has died after he accidentally shot himself in the face on Friday.", 1),
    # the definite victim's own participle says what happened
    ("Family and friends identified the boy killed on Saturday afternoon in the town as Ben Jones.", 1),
    # one of a group
    ("Gunmen opened fire on a car on Monday. One of the men inside was pronounced dead at the scene.", 1),
    # passed away, succumbed
    ("A man was shot on Sunday in the town. He was taken to hospital, where he passed away.", 1),
    ("A man was shot on Sunday in the town. He was taken to hospital, where he succumbed to his wounds.", 1),
    # a passive subject who then passed away
    ("A boy was shot on Friday in the town. He was taken to hospital in critical condition but passed "
     "away a short time later.", 1),
    # a dateline is not part of the first sentence's subject
    ("LA PORTE, Texas - A 90-year-old man was accidentally shot to death by his stepson on Monday, "
     "police said.", 1),
    ("COLUMBUS, GA (WTVM) - A man was shot and killed on Monday at an apartment complex.", 1),
    # "claimed the life of a ..."
    ("Gunmen opened fire at a party on Friday night. A stray bullet claimed the life of a "
     "three-year-old girl.", 1),
])
def test_deaths_told_in_many_ways(pipeline, text, fatalities):
    assert deaths(pipeline, text) == fatalities


@pytest.mark.parametrize("text, fatalities", [
    # a short name is one word of the full name: one person
    ("Gunmen opened fire on Sunday. Braison Howard, 3, was shot dead. Braison was pronounced dead "
     "at the scene.", 1),
    # two people who share a surname are two
    ("Gunmen opened fire on Saturday. Toshya Millhorn and Lena Rose were found dead at the scene. "
     "James Millhorn died later at the hospital.", 3),
    # the object pronoun of a killing is the person already told of
    ("On Monday a man opened fire at her home in the town, killing her and wounding her father.", 1),
    # a relative clause about the victim says what happened to them
    ("Police on Monday released the name of the teenager who was shot and killed outside the "
     "school.", 1),
    ("A girl who was shot and killed near her home on Friday was identified on Sunday.", 1),
])
def test_victims_told_by_short_names_pronouns_and_relative_clauses(pipeline, text, fatalities):
    assert deaths(pipeline, text) == fatalities


@pytest.mark.parametrize("text, fatalities", [
    # a relative clause is a fact of its own, not under the main verb's negation or threat
    ("None of the witnesses could identify him as the gunman who killed one person and wounded "
     "eight others on Monday.", 1),
    ("A woman who escaped from the house where three people were killed on Monday was hurt.", 3),
    # the adverb "since" is later news of the same event, not a running total
    ("Five people were shot at a party on Sunday. Two of those victims have since been "
     "pronounced dead.", 2),
    # "in total" over a figure in the simple past with no period: this event's total
    ("Gunmen opened fire at the mall on Friday. In total, two people were killed, including the "
     "gunman, and six others were injured.", 2),
])
def test_what_does_not_make_a_figure_unreal_or_a_running_total(pipeline, text, fatalities):
    assert deaths(pipeline, text) == fatalities


def test_a_running_total_told_with_in_all_and_the_perfect_stays_cumulative(pipeline):
    ann, _ = counts_of(pipeline, "In all, 300 people have been killed in the fighting since March.")
    assert [c.scope for c in ann.counts if c.kind == "killed"] == ["cumulative"]


def test_a_killing_months_before_the_event_is_another_event(pipeline):
    ann, _ = counts_of(pipeline, "Seven people were wounded in a shooting at the bar on Sunday. The "
                                 "shooting occurred eight months after a bystander was killed during a "
                                 "gun battle nearby.")
    bystander = [c for c in ann.counts if "bystander" in c.span.text]
    assert [(c.kind, c.scope) for c in bystander] == [("killed", "context")]
    assert "eight months after" in bystander[0].scope_reason
    assert sum(e.fatalities for e in ann.events) == 0


@pytest.mark.parametrize("text, fatalities", [
    ("The blast on Monday took the lives of three soldiers.", 3),
    ("A soldier lost his life in the attack on Monday.", 1),
    # a life valued, saved or threatened is nobody's death
    ("Gunmen attacked the town on Monday. \"I value his life,\" his mother said.", 0),
])
def test_a_life_is_a_death_only_when_taken_or_lost(pipeline, text, fatalities):
    assert deaths(pipeline, text) == fatalities


@pytest.mark.parametrize("text, fatalities", [
    # the active subject of a killing is its author, not a victim
    ("A suicide bomber killed 12 people at a mosque in the city on Friday.", 12),
    ("A gunman shot and killed two soldiers at the gate on Monday.", 2),
    # the attacker's own death is one more beside the victims' figure
    ("A gunman killed three people at a bar on Sunday before he was shot dead by police.", 4),
    ("On Sunday a man shot his wife and then killed himself in the town.", 2),
    ("On Monday a man killed two colleagues at the office and then took his own life.", 3),
    # ... unless the figure says it includes him
    ("Four people were killed on Sunday, including the gunman.", 4),
    # the attacker among the named dead is not counted twice
    ("A suspect was shot dead by police on Monday. Larry Zamora, 37, died at the scene.", 1),
])
def test_the_attacker_is_counted_once_beside_the_victims(pipeline, text, fatalities):
    assert deaths(pipeline, text) == fatalities


@pytest.mark.parametrize("text, fatalities", [
    # an emergency number dialled is no figure
    ("On Monday a man called 911 to report that his neighbour had been shot dead in the street.", 1),
    # a toll put "at" a figure
    ("Gunmen attacked the market on Monday. The ministry put the death toll from the attack at 12.", 12),
    # a death told beside a later verb is not the toll of another figure
    ("A boy was shot dead on Monday. His death comes a month after roughly 200 people gathered to "
     "rally against violence.", 1),
    # a gunshot wound tells a shooting
    ("A 17-year-old boy has died after police said he was found with a gunshot wound on Monday.", 1),
])
def test_numbers_that_are_not_figures_and_tolls_that_are(pipeline, text, fatalities):
    assert deaths(pipeline, text) == fatalities


def test_a_closed_period_is_measured_by_its_own_length(pipeline):
    # "last week" ended days ago and lasted a week: one incident, not a running total
    ann, _ = counts_of(pipeline, "A man has died after a shooting that left three others wounded last "
                                 "week on the West Side.", published="2017-03-29")
    assert [(c.span.text, c.scope) for c in ann.counts if c.kind == "killed"] == [("A man", "incident")]
    assert sum(e.fatalities for e in ann.events) == 1


@pytest.mark.parametrize("text, fatalities", [
    # the age between a number and its noun is no noun of its own
    ("Two 16-year-old boys were fatally shot on Tuesday afternoon on the West Side, police said.", 2),
    # a capitalised name with its age is a person even when the tagger missed the name
    ("A gunman opened fire on Sunday. John Baker, 18, and Elliseo Cantu, 16, were killed.", 2),
    # the man whose own clause makes him the killer is the attacker: one more
    ("The man who police believe shot and killed five people on Monday is dead.", 6),
])
def test_ages_names_and_the_killer_told_by_his_clause(pipeline, text, fatalities):
    assert deaths(pipeline, text) == fatalities


@pytest.mark.parametrize("text, fatalities", [
    # "N-month-old" is an age like "N-year-old"
    ("An 18-month-old boy was shot and killed on Monday.", 1),
    # a man who shot himself harmed no one else: he is the one victim, not an attacker besides
    ("A boy, 15, who shot himself accidentally in the head on Monday has died.", 1),
    # "was 16 when" and "now 21" are ages; a death dated years ago is history
    ("A man was shot dead on Monday. Chisler, now 21, was 16 when he was charged in the Sept. 16, "
     "2010, shooting death of Tiffany Moody, 17.", 1),
])
def test_ages_are_not_figures_and_self_harm_is_no_attack_on_others(pipeline, text, fatalities):
    assert deaths(pipeline, text, published="2015-11-26") == fatalities


@pytest.mark.parametrize("text, fatalities", [
    ("A man was arrested on Monday in connection with the shooting death of a 2-year-old boy.", 1),
    ("A gun led to the fatal shooting of a 16-year-old boy in the north of the city on Thursday.", 1),
    # a shooting that is not told fatal says nothing of a death
    ("Police are investigating the shooting of a man on Monday in the north of the city.", 0),
])
def test_the_person_a_death_noun_is_of(pipeline, text, fatalities):
    assert deaths(pipeline, text) == fatalities


@pytest.mark.parametrize("text, values", [
    ("A 40-man unit of the militia raided the village on Sunday, killing two farmers.", [2.0]),
    ("A five-vehicle convoy was ambushed on Sunday and three soldiers were killed.", [3.0]),
])
def test_a_number_hyphened_to_a_noun_is_a_size_not_a_toll(pipeline, text, values):
    ann = annotate_text(pipeline, text, "2021-06-08")
    assert [c.quantity.value for c in ann.counts if c.kind == "killed"] == values


@pytest.mark.parametrize("text", [
    "The conflict has killed tens of thousands of people and displaced millions.",
    "Rebels and the army have fought a war since 2014 that has killed more than 9,000 people.",
    "A total of 35 soldiers were killed as a result of the army's campaign against the group.",
    "Researchers put the death toll at around 80,000.",
])
def test_a_wars_toll_is_no_incidents(pipeline, text):
    ann = annotate_text(pipeline, text, "2021-06-08")
    killed = [c for c in ann.counts if c.kind == "killed"]
    assert killed and all(c.scope != "incident" for c in killed)
    assert sum(e.fatalities for e in ann.events) == 0


def test_a_large_toll_on_one_day_stays_an_incident(pipeline):
    ann = annotate_text(pipeline, "More than 1,200 people were killed in the gas attack on Wednesday, doctors said.",
                        "2021-06-10")
    assert [c.scope for c in ann.counts if c.kind == "killed"] == ["incident"]


def test_another_attack_is_not_merged_with_the_first(pipeline):
    ann = annotate_text(pipeline, "Militants attacked a police post late on Saturday, killing four policemen. "
                                  "A soldier was killed on Thursday in another attack in the same province.",
                        "2021-06-07")
    assert sorted(e.fatalities for e in ann.events) == [1, 4]


@pytest.mark.parametrize("text, fatalities", [
    # two sentences agree on the toll: the groups of one are the people of the other
    ("Militants attacked a checkpoint on Monday, killing four members of the border force. "
     "The attack killed four soldiers and wounded two others, the mayor said.", 4),
    # figures that do not agree add up
    ("Seven civilians were killed in an air strike on a market on Monday. "
     "Two soldiers were also killed in the strike, the army said.", 9),
])
def test_two_sentences_agreeing_on_a_toll_tell_the_same_people(pipeline, text, fatalities):
    ann = annotate_text(pipeline, text, "2021-06-08")
    assert sum(e.fatalities for e in ann.events) == fatalities


@pytest.mark.parametrize("text, killed, injured", [
    ("4 killed in bomb blast at bus station in Gao", 4, 0),
    ("6 dead as shells hit crowded market in Marib", 6, 0),
    ("Two soldiers dead, five hurt in ambush near Kidal", 2, 5),
])
def test_headline_tolls_without_noun_or_auxiliary(pipeline, text, killed, injured):
    ann = annotate_text(pipeline, text, "2021-06-08")
    assert sum(e.fatalities for e in ann.events) == killed
    assert sum(e.injured for e in ann.events) == injured
