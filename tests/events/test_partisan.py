"""Partisan claims: figures given by a party to the fighting are kept, never an event's deaths.

Sentences are written for these tests in the style of conflict reporting.
"""

import pytest

from tests.conftest import annotate_text


def deaths(pipeline, text, published="2021-06-08"):
    ann = annotate_text(pipeline, text, published)
    return ann, sum(e.fatalities for e in ann.events)


@pytest.mark.parametrize("text, fatalities", [
    # the party's own outlet or spokesmen give the figure
    ("Voice of Jihad claimed that 14 soldiers were killed in the attack on a base in Kunduz on Monday.", 0),
    ("Taliban sources said 6 policemen were killed when the militants stormed a checkpoint in Ghazni on Monday.", 0),
    ("A Houthi spokesman said 20 Saudi-led coalition soldiers were killed in clashes near Marib on Monday.", 0),
    # a figure the party restates later is its figure too; a total of several figures as well
    ("On Monday 4 soldiers were killed in an ambush in Zabul. The Taliban reported 4 fatalities.", 0),
    ("On Monday 3 soldiers were killed in an ambush in Zabul. 2 policemen were killed at a checkpoint nearby. "
     "VoJ reported 5 fatalities.", 0),
    ("On Monday 3 soldiers were killed in an ambush in Zabul (VoJ reported 3).", 0),
    # the same figure also reported by the party: someone else gave it first
    ("On Monday 2 soldiers were killed in an ambush in Zabul. VoJ also reported 2 fatalities.", 2),
    # a different figure from the party leaves the first one alone
    ("On Monday 2 soldiers were killed in an ambush in Zabul. VoJ reported 9 fatalities.", 2),
    # the party's alternative figure in parentheses speaks only for itself
    ("On Monday 3 policemen (5 according to Taliban sources) were killed in an attack on a checkpoint in Farah.", 3),
    # a government or a monitor is not a party in this sense
    ("The defence ministry said 12 Taliban militants were killed in air strikes in Helmand on Monday.", 12),
    ("The Observatory said 9 civilians were killed in air strikes on Monday.", 9),
])
def test_partisan_figures_are_claims(pipeline, text, fatalities):
    _, found = deaths(pipeline, text)
    assert found == fatalities


def test_partisan_figures_are_kept_and_flagged(pipeline):
    ann, _ = deaths(pipeline, "Voice of Jihad claimed that 14 soldiers were killed in the attack on a base "
                              "in Kunduz on Monday.")
    kept = [c for c in ann.counts if c.kind == "killed"]
    assert [(c.quantity.value, c.partisan, c.claimed_by.kind) for c in kept] == [(14, True, "party")]


@pytest.mark.parametrize("text, fatalities", [
    ("On Monday 2 policemen were shot and killed by gunmen in Kandahar.", 2),
    ("On Monday a teacher was kidnapped and killed by militants in Herat.", 1),
    ("On Monday gunmen ambushed and killed 3 soldiers in Zabul.", 3),
])
def test_a_verb_coordinated_with_killed_tells_a_death(pipeline, text, fatalities):
    _, found = deaths(pipeline, text)
    assert found == fatalities


@pytest.mark.parametrize("text, fatalities", [
    # a party's word about civilians, people it does not call enemies, or its own dead is evidence
    ("Rebel officials said 7 civilians were killed when government jets bombed a bakery in Zabul on Monday.", 7),
    ("A Houthi spokesman said 11 people were killed in a coalition air strike on a market near Marib on Monday.", 11),
    ("The Taliban said five of its fighters were killed in an air strike in Helmand on Monday.", 5),
    # its figure of its enemy's losses stays a claim, whatever words the enemy is named in
    ("A Houthi spokesman said 20 Saudi-led coalition soldiers were killed in clashes near Marib on Monday.", 0),
])
def test_a_partys_word_about_others_than_its_enemies_is_evidence(pipeline, text, fatalities):
    _, found = deaths(pipeline, text)
    assert found == fatalities


def test_a_person_named_as_a_partys_spokesman_speaks_for_it(pipeline):
    ann, found = deaths(pipeline, "Abu Karim, al-Shabaab's military spokesman, told reporters his fighters killed "
                                  "12 soldiers in the raid on the base on Monday.")
    assert found == 0 and [s.kind for s in ann.sources] == ["party"]
