"""Country names and event types as users type them (names.py): a table of what is accepted."""

from __future__ import annotations

import pytest

from conflictcoder.names import UnknownName, country_code, event_type


@pytest.mark.parametrize("typed, code", [
    ("SY", "SY"), ("sy", "SY"), ("Syria", "SY"), ("syria", "SY"), (" SYR ", "SY"), ("760", "SY"),
    ("Afghanistan", "AF"), ("4", "AF"), ("ukr", "UA"), (None, None), ("", None),
])
def test_country_codes_names_and_numbers(typed, code):
    assert country_code(typed) == code


@pytest.mark.parametrize("typed, name", [
    ("battles", "Battles"), ("BATTLES", "Battles"), ("explosions/remote violence", "Explosions/Remote violence"),
    ("Violence against civilians", "Violence against civilians"), (None, None),
])
def test_event_types_in_any_case(typed, name):
    assert event_type(typed) == name


@pytest.mark.parametrize("fn, typed, says", [
    (country_code, "Syrie", "no such country 'Syrie'"), (country_code, "XX", "no such country"),
    (event_type, "shelling", "no such event type 'shelling'; choose from Battles"),
])
def test_an_unknown_name_is_an_error_that_says_what_exists(fn, typed, says):
    with pytest.raises(UnknownName, match=says):
        fn(typed)
