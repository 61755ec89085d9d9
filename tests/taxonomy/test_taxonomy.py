"""The ACLED taxonomy is one data file (taxonomy/acled.yaml); the enums of model.py name the
same members, and a grouping that names a type the taxonomy lacks is refused when it loads."""

import copy
import re

import pytest

from conflictcoder import taxonomy
from conflictcoder.model import ActorType, EventType


def test_event_type_enum_lists_the_files_event_types_in_order():
    assert [t.value for t in EventType] == list(taxonomy.event_types())
    assert len(taxonomy.event_types()) == 6 and sum(map(len, taxonomy.event_types().values())) == 25


def test_actor_type_enum_names_the_files_actor_types():
    """ActorType.EXTERNAL_OTHER_FORCES is "External/Other forces": the member's name is the
    codebook's name in capitals with every run of non-letters an underscore."""
    from_file = {code: re.sub(r"\W+", "_", name).upper() for code, name in taxonomy.actor_types().items()}
    assert from_file == {t.value: t.name for t in ActorType}
    assert set(taxonomy.actor_labels()) == set(ActorType)


def test_the_packaged_taxonomy_is_sound():
    assert taxonomy.check(taxonomy._data()) == []


def test_a_grouping_must_name_real_types_and_every_type_once():
    data = copy.deepcopy(taxonomy._data())
    fam = data["groupings"]["link_family"]
    fam["violence"] = [t for t in fam["violence"] if t != "Battles"] + ["Batles"]  # a typo
    fam["unrest"].append("Strategic developments")  # and a type in two groups
    problems = taxonomy.check(data)
    assert "grouping link_family: 'Batles' is not an event type" in problems
    assert "grouping link_family: event type 'Battles' is in 0 groups, not 1" in problems
    assert "grouping link_family: event type 'Strategic developments' is in 2 groups, not 1" in problems


def test_a_named_set_holds_only_members_of_its_kind():
    data = copy.deepcopy(taxonomy._data())
    data["sets"]["violent_event_types"].append("Armed clash")  # a sub-event type, not a type
    data["sets"]["government_side_actor_types"].append(9)
    data["sets"]["rebels"] = [2]
    problems = taxonomy.check(data)
    assert "set violent_event_types: 'Armed clash' is not in the taxonomy's event_types" in problems
    assert "set government_side_actor_types: 9 is not in the taxonomy's actor_types" in problems
    assert any(p.startswith("set rebels: its name must end in") for p in problems)


def test_groupings_and_sets_map_what_the_stages_ask():
    assert taxonomy.grouping("disorder_type")[EventType.RIOTS] == "Demonstrations"
    assert taxonomy.grouping("link_family")[EventType.PROTESTS] == taxonomy.grouping("link_family")[EventType.RIOTS]
    assert ActorType.STATE_FORCES in taxonomy.members("government_side_actor_types")
    assert ActorType.CIVILIANS not in taxonomy.members("non_state_armed_actor_types")
    with pytest.raises(KeyError):
        taxonomy.grouping("no_such_grouping")


@pytest.mark.parametrize("inter1, inter2, code", [(7, 1, 17), (1, 7, 17), (6, None, 60), (None, 2, None)])
def test_interaction_is_the_two_codes_lower_first(inter1, inter2, code):
    assert taxonomy.interaction(inter1, inter2) == code
