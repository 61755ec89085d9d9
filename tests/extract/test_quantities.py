"""Quantities: numbers, hedges, ranges and vague amounts (a table that reads as the spec)."""

import datetime as dt

import pytest

from conflictcoder.extract.quantities import extract, parse_number
from conflictcoder.model import Annotations, Article


def quantities(text):
    return extract(None, Annotations(article=Article("t", dt.date(2020, 1, 1), text)))


@pytest.mark.parametrize(
    "text, span, value, low, high, qualifier",
    [
        ("At least nine civilians died", "At least nine", 9, 9, None, "at_least"),
        ("over 1,300 civilians", "over 1,300", 1300, 1300, None, "more_than"),
        ("more than 400,000 people", "more than 400,000", 400000, 400000, None, "more_than"),
        ("around 1,000 civilians", "around 1,000", 1000, 900, 1100, "about"),
        ("some three million people", "some three million", 3_000_000, 2_700_000, 3_300_000, "about"),
        ("over 3.6 million Syrians", "over 3.6 million", 3_600_000, 3_600_000, None, "more_than"),
        ("between 10 and 15 soldiers", "between 10 and 15", 10, 10, 15, "range"),
        ("up to 20 fighters", "up to 20", 20, None, 20, "up_to"),
        ("nearly 50 soldiers", "nearly 50", 50, None, 50, "nearly"),
        ("twenty-one people", "twenty-one", 21, 21, 21, None),
        ("10 or more people", "10 or more", 10, 10, None, "at_least"),
        ("two or three houses", "two or three", 2, 2, 3, "range"),
        ("dozens of people", "dozens", 24, 24, 99, "vague"),
        ("tens of thousands of people", "tens of thousands", 20000, 20000, 99999, "vague"),
        ("hundreds of fighters", "hundreds", 200, 200, 999, "vague"),
        ("a dozen villagers", "a dozen", 12, 10, 14, "vague"),
        ("a family of five", "five", 5, 5, 5, None),
        # "One of the men was pronounced dead": one of a group is a figure (counts decide what it counts)
        ("One of the men was pronounced dead", "One", 1, 1, 1, None),
    ],
)
def test_quantity_table(text, span, value, low, high, qualifier):
    qs = quantities(text)
    assert len(qs) == 1, qs
    q = qs[0]
    assert (q.span.text, q.value, q.low, q.high, q.qualifier) == (span, value, low, high, qualifier)
    assert text[q.span.start:q.span.end] == q.span.text


@pytest.mark.parametrize(
    "text",
    ["a five-year-old boy", "30 percent of homes", "at 3 pm", "one another", "$200 in aid", "in 1998 the war",
     "as the city hosts the Group of 20 leaders"],
)
def test_not_quantities(text):
    assert quantities(text) == []


@pytest.mark.parametrize("text, value", [("1,300", 1300), ("3.6 million", 3.6e6), ("a million", 1e6),
                                          ("two hundred and five", 205), ("seventy-seven", 77)])
def test_parse_number(text, value):
    assert parse_number(text) == value



def test_a_day_glued_to_its_year_after_a_month_is_no_figure():
    found = quantities("Last updated at Mar 142017 KABUL At least nine people were killed on Monday.")
    assert [q.value for q in found] == [9]
