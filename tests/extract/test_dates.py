"""Dates: news conventions against the publication date, as a table (the specification).

Columns: expression (in a sentence where context matters), publication date, expected start,
end, precision and type. `None` start/end means "not an event date" (duration or set).
"""

import datetime as dt

import pytest

from conflictcoder.extract.dates import extract, normalise
from conflictcoder.model import Annotations, Article

MON = "2019-12-23"  # a Monday
WED = "2020-03-11"  # a Wednesday

TABLE = [
    # weekdays: most recent on or before publication; "next"/future: after
    ("on Monday", MON, "2019-12-23", "2019-12-23", "day", "date"),
    ("on Sunday", MON, "2019-12-22", "2019-12-22", "day", "date"),
    ("on Thursday", MON, "2019-12-19", "2019-12-19", "day", "date"),
    ("on Tuesday", MON, "2019-12-17", "2019-12-17", "day", "date"),
    ("last Monday", MON, "2019-12-16", "2019-12-16", "day", "date"),
    ("next Friday", MON, "2019-12-27", "2019-12-27", "day", "date"),
    ("The talks will resume on Friday", MON, "2019-12-27", "2019-12-27", "day", "date"),
    ("on Wednesday", WED, "2020-03-11", "2020-03-11", "day", "date"),
    ("Tuesday night", WED, "2020-03-10", "2020-03-10", "day", "date"),
    # night before the report, today, yesterday
    ("overnight", MON, "2019-12-22", "2019-12-23", "day", "date"),
    ("last night", MON, "2019-12-22", "2019-12-23", "day", "date"),
    ("in the early hours", MON, "2019-12-22", "2019-12-23", "day", "date"),
    ("today", MON, "2019-12-23", "2019-12-23", "day", "date"),
    ("this morning", MON, "2019-12-23", "2019-12-23", "day", "date"),
    ("yesterday", MON, "2019-12-22", "2019-12-22", "day", "date"),
    ("two days ago", MON, "2019-12-21", "2019-12-21", "day", "date"),
    # since X: open interval up to publication
    ("since Thursday", MON, "2019-12-19", "2019-12-23", "day", "date"),
    ("since December 16", MON, "2019-12-16", "2019-12-23", "day", "date"),
    ("since April", MON, "2019-04-01", "2019-12-23", "month", "date"),
    ("since 2011", MON, "2011-01-01", "2019-12-23", "year", "date"),
    ("since September 2018", MON, "2018-09-01", "2019-12-23", "month", "date"),
    # anchored back from publication
    ("over the past four days", MON, "2019-12-20", "2019-12-23", "day", "date"),
    ("in the last 24 hours", MON, "2019-12-22", "2019-12-23", "day", "date"),
    ("in the past week", MON, "2019-12-16", "2019-12-23", "week", "date"),
    ("four days of fighting", MON, "2019-12-20", "2019-12-23", "day", "duration"),
    ("three weeks of clashes", WED, "2020-02-19", "2020-03-11", "week", "duration"),
    # months and days without a year: most recent not after publication
    ("in April", MON, "2019-04-01", "2019-04-30", "month", "date"),
    ("in December", MON, "2019-12-01", "2019-12-31", "month", "date"),
    ("in January", WED, "2020-01-01", "2020-01-31", "month", "date"),
    ("in November", WED, "2019-11-01", "2019-11-30", "month", "date"),
    ("on December 16", MON, "2019-12-16", "2019-12-16", "day", "date"),
    ("on 16 December", MON, "2019-12-16", "2019-12-16", "day", "date"),
    ("on Dec. 16", MON, "2019-12-16", "2019-12-16", "day", "date"),
    # a day and month without a year: the most recent one, unless it falls within the 60 days
    # after publication (schedules, deadlines: "by Jan. 14", "payable Dec. 15")
    ("on March 20", WED, "2020-03-20", "2020-03-20", "day", "date"),
    ("on June 20", WED, "2019-06-20", "2019-06-20", "day", "date"),
    ("on March 2", WED, "2020-03-02", "2020-03-02", "day", "date"),
    # explicit years, parts of months and years
    ("September 2018", MON, "2018-09-01", "2018-09-30", "month", "date"),
    ("in 2011", MON, "2011-01-01", "2011-12-31", "year", "date"),
    ("on 23 December 2019", MON, "2019-12-23", "2019-12-23", "day", "date"),
    ("December 23, 2019", MON, "2019-12-23", "2019-12-23", "day", "date"),
    ("2019-12-23", MON, "2019-12-23", "2019-12-23", "day", "date"),
    ("23/12/2019", MON, "2019-12-23", "2019-12-23", "day", "date"),
    ("12/23/2019", MON, "2019-12-23", "2019-12-23", "day", "date"),
    ("mid-April", MON, "2019-04-11", "2019-04-20", "week", "date"),
    ("early May", MON, "2019-05-01", "2019-05-10", "week", "date"),
    ("late June", MON, "2019-06-21", "2019-06-30", "week", "date"),
    ("in the 1990s", MON, "1990-01-01", "1999-12-31", "year", "date"),
    ("the end of last year", WED, "2019-12-01", "2019-12-31", "year", "date"),
    ("the first half of 2019", WED, "2019-01-01", "2019-06-30", "year", "date"),
    # relative periods
    ("earlier this month", MON, "2019-12-01", "2019-12-23", "month", "date"),
    ("last week", MON, "2019-12-16", "2019-12-22", "week", "date"),
    ("this week", WED, "2020-03-09", "2020-03-11", "week", "date"),
    ("last month", WED, "2020-02-01", "2020-02-29", "month", "date"),
    ("this year", MON, "2019-01-01", "2019-12-23", "year", "date"),
    ("last year", MON, "2018-01-01", "2018-12-31", "year", "date"),
    # durations and sets are not event dates
    ("for three years", MON, None, None, "year", "duration"),
    ("for decades", MON, None, None, "year", "duration"),
    ("the six-year war", MON, None, None, "year", "duration"),
    ("a three-year-old conflict", MON, None, None, "year", "duration"),
    ("in recent days", MON, None, "2019-12-23", "week", "date"),
    ("over the past few days", MON, None, "2019-12-23", "week", "date"),
    ("in recent months", MON, None, "2019-12-23", "month", "date"),
    ("every week", MON, None, None, "day", "set"),
    ("daily", MON, None, None, "day", "set"),
    # a future cue reaches the date unless a past-tense verb comes between them
    ("They said they would appeal the decision, announced Wednesday", "2000-01-06",
     "2000-01-05", "2000-01-05", "day", "date"),
    ("He must be returned to his father, the court ruled Wednesday", "2000-01-05",
     "2000-01-05", "2000-01-05", "day", "date"),
    ("More than 100 people were killed in the blasts next to the embassies on Friday", "1998-08-08",
     "1998-08-07", "1998-08-07", "day", "date"),
    ("The talks, set to resume Monday in Belfast", "1998-03-22", "1998-03-23", "1998-03-23", "day", "date"),
    ("Trading is to resume in Paris Tuesday", "1989-10-27", "1989-10-31", "1989-10-31", "day", "date"),
    ("They were planning to drive to the airport on Monday", "2000-01-07", "2000-01-10", "2000-01-10", "day", "date"),
    ("His father could come from Cuba as early as Tuesday", "2000-04-03", "2000-04-04", "2000-04-04", "day", "date"),
    # an initial or a title's full stop does not end the sentence that holds the future cue
    ("Mr. Schwarz will succeed Daniel P. Davison Feb. 1", "1989-10-26", "1990-02-01", "1990-02-01", "day", "date"),
    ("The talks will resume, Gen. Smith said on Friday", MON, "2019-12-20", "2019-12-20", "day", "date"),
]


@pytest.mark.parametrize("expr, published, start, end, precision, type_", TABLE)
def test_date_table(expr, published, start, end, precision, type_):
    r = normalise(expr, dt.date.fromisoformat(published))
    assert r is not None, expr
    got = (str(r.start) if r.start else None, str(r.end) if r.end else None, r.precision, r.type)
    assert got == (start, end, precision, type_)
    assert r.open_start == expr.startswith("since")


@pytest.mark.parametrize("text", ["They may return.", "Protesters march on the capital.",
                                  "a five-year-old boy", "Police said 2,000 people attended."])
def test_not_dates(text):
    assert normalise(text, dt.date(2019, 12, 23)) is None


def test_ambiguous_numeric_date_is_unknown_with_reason():
    r = normalise("05/06/2019", dt.date(2019, 12, 23))
    assert r.start is None and "ambiguous" in r.reason


def test_extract_spans_are_exact_and_not_double_tagged():
    text = ("The regime forces have since Thursday been locked in battles. Four days of fighting "
            "has killed many, and on Monday officials met.")
    ann = Annotations(article=Article("t", dt.date(2019, 12, 23), text))
    found = extract(None, ann)
    assert [d.span.text for d in found] == ["since Thursday", "Four days of fighting", "Monday"]
    for d in found:
        assert text[d.span.start:d.span.end] == d.span.text
    assert found[0].time_precision == 2 and found[2].time_precision == 1


def test_year_earlier_in_a_quarter_comparison_is_that_quarter():
    from conflictcoder.extract.dates import _scan

    P = dt.date(1989, 11, 2)
    text = "Third-quarter net income rose 12% from a year earlier, the company said."
    [r] = [r for r in _scan(text, P) if r.span.text == "a year earlier"]
    assert (str(r.start), str(r.end), r.precision) == ("1988-07-01", "1988-09-30", "month")
    [r] = [r for r in _scan("Exports fell 3% from a year earlier.", P) if r.span.text == "a year earlier"]
    assert (str(r.start), str(r.end), r.precision) == ("1988-01-01", "1988-12-31", "year")


def test_deadline_cue_makes_a_month_the_coming_one():
    from conflictcoder.extract.dates import _scan

    P = dt.date(1989, 10, 30)
    [r] = _scan("The loan is to be repaid by February.", P)
    assert str(r.start) == "1990-02-01"
    [r] = _scan("The army took the town in February.", P)
    assert str(r.start) == "1989-02-01"


@pytest.mark.parametrize("expr, year", [
    ("nineteen ninety-six", 1996), ("the year two thousand", 2000), ("nineteen seventy-nine", 1979),
])
def test_years_in_words(expr, year):
    r = normalise(expr, dt.date(1998, 3, 1))
    assert (r.start, r.end, r.precision) == (dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def test_a_count_in_words_is_not_a_year():
    assert normalise("nineteen soldiers", dt.date(1998, 3, 1)) is None


@pytest.mark.parametrize("text, found", [
    ("The carrier has been on patrol since March and is due back.", ["since March"]),
    ("The March accession will enable them to join.", ["March"]),
    ("He said May was the worst month of the war.", ["May"]),
    ("March on Washington planned by unions.", []),
    ("Protesters March On City Hall", []),
    ("You May Also Like", []),
])
def test_march_and_may_are_months_inside_a_sentence(text, found):
    from conflictcoder.extract.dates import _scan

    assert [r.span.text for r in _scan(text, dt.date(1990, 8, 13))] == found


def test_hand_labelled_conflict_reporting_set():
    """170 expressions from real Syrian-war reporting, labelled by hand (see the file's header)."""
    import csv
    from pathlib import Path

    path = Path(__file__).with_name("dates_conflict.tsv")
    lines = [ln for ln in open(path, encoding="utf-8") if not ln.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    assert len(rows) >= 150
    ok = 0
    for r in rows:
        ctx = r["context"]
        left = ctx.split(r["expression"])[0][-60:]
        got = normalise(r["expression"], dt.date.fromisoformat(r["published"]), context=left)
        have = (str(got.start) if got and got.start else "", str(got.end) if got and got.end else "",
                got.precision if got else None, got.type if got else None, str(int(bool(got and got.open_start))))
        ok += have == (r["start"], r["end"], r["precision"], r["type"], r["open"])
    assert ok / len(rows) >= 0.95


@pytest.mark.parametrize("text, expr, start, end, precision", [
    # the sentence names no period: the report's last one before it says what "a year earlier" is
    ("Third-quarter net income rose 12% to $5 million. Revenue rose to $3 billion from $2.6 billion a year earlier.",
     "a year earlier", "1988-07-01", "1988-09-30", "month"),
    ("In the first nine months, net rose 5%. Revenue rose to $3 billion from $2.6 billion a year earlier.",
     "a year earlier", "1988-01-01", "1988-12-31", "year"),
    # a city's quarter is not a reporting period
    ("Rebels took the Christian quarter of the old city. The town had fallen to them a year earlier.",
     "a year earlier", "1988-01-01", "1988-12-31", "year"),
    ("Net fell 9% in the quarter. Profit was $4 million in the year-earlier period.",
     "the year-earlier period", "1988-07-01", "1988-09-30", "month"),
    ("In the year-ago third quarter, the company earned $22.5 million.",
     "the year-ago third quarter", "1988-07-01", "1988-09-30", "month"),
    ("It lost $5.1 million in the third quarter, compared with a year-earlier loss of $6.2 million.",
     "year-earlier", "1988-07-01", "1988-09-30", "month"),
])
def test_a_year_earlier_is_the_reports_period_a_year_before(text, expr, start, end, precision):
    from conflictcoder.extract.dates import _scan

    [r] = [r for r in _scan(text, dt.date(1989, 11, 2)) if r.span.text == expr]
    assert (str(r.start), str(r.end), r.precision) == (start, end, precision)


@pytest.mark.parametrize("expr, published, start, end, precision", [
    ("in the current fiscal year", "1989-11-02", "1989-01-01", "1989-11-02", "year"),
    ("the current quarter", "1989-10-26", "1989-10-01", "1989-12-31", "month"),
    ("this quarter", "1989-05-10", "1989-04-01", "1989-06-30", "month"),
    ("for the full year", "1989-10-30", "1989-01-01", "1989-12-31", "year"),
    ("the deadliest attack of the year", "2016-06-03", "2016-01-01", "2016-12-31", "year"),
    ("earlier in the year", "1989-10-26", "1989-01-01", "1989-10-26", "year"),
])
def test_the_current_unit_holds_the_publication_date(expr, published, start, end, precision):
    r = normalise(expr, dt.date.fromisoformat(published))
    assert (str(r.start), str(r.end), r.precision, r.reason) == (start, end, precision, None)


@pytest.mark.parametrize("text", ["the year before", "the year of the revolution", "in the year since the siege"])
def test_the_year_of_something_else_is_not_the_publication_year(text):
    r = normalise(text, dt.date(2016, 6, 3))
    assert r is None or r.start is None or r.start.year != 2016 or r.end.year != 2016 or r.open_start


@pytest.mark.parametrize("expr, context, after, start", [
    ("April", "are scheduled to become full members of NATO in", "next year when", "1999-04-01"),
    ("year-ago", "earned $10.2 million in the", "quarter.", "1988-07-01"),
])
def test_an_expression_inside_a_longer_one_takes_its_value(expr, context, after, start):
    published = dt.date(1998, 12, 3) if expr == "April" else dt.date(1989, 11, 1)
    r = normalise(expr, published, context=context, after=after)
    assert str(r.start) == start


@pytest.mark.parametrize("expr, published, start, end, precision", [
    # years in words: a following name is not a plural noun; months and seasons with them
    ("In nineteen ninety-one Charles Keating was convicted", "1998-01-15", "1991-01-01", "1991-12-31", "year"),
    ("January nineteen ninety-seven", "1998-02-27", "1997-01-01", "1997-01-31", "month"),
    ("the winter of nineteen ninety-four", "1998-02-23", "1994-12-01", "1995-02-28", "month"),
    # decades and centuries: the latest decade so named that has begun by publication
    ("through the nineties", "1998-03-03", "1990-01-01", "1999-12-31", "year"),
    ("in the twenties", "2016-06-03", "1920-01-01", "1929-12-31", "year"),
    ("the last half of the '80s", "1989-10-26", "1980-01-01", "1989-12-31", "year"),
    ("the 20th century", "1989-11-01", "1900-01-01", "1999-12-31", "year"),
    ("the fabled 11th century temple", "1998-02-19", "1000-01-01", "1099-12-31", "year"),
    ("the nineteenth century", "2016-06-03", "1800-01-01", "1899-12-31", "year"),
    ("this century", "2016-06-03", "2000-01-01", "2099-12-31", "year"),
    # feasts: the latest one not after publication, the next under future cues
    ("He was found on Thanksgiving Day", "2000-01-07", "1999-11-25", "1999-11-25", "day"),
    ("last Thanksgiving", "2000-02-10", "1999-11-25", "1999-11-25", "day"),
    ("on Christmas Eve", "2016-06-03", "2015-12-24", "2015-12-24", "day"),
    ("The truce will hold until Christmas", "2016-06-03", "2016-12-25", "2016-12-25", "day"),
    ("on Good Friday", "2016-04-10", "2016-03-25", "2016-03-25", "day"),
    ("on Memorial Day", "2016-06-03", "2016-05-30", "2016-05-30", "day"),
    # a weekday with its date: the date decides
    ("in an editorial on Saturday, April 25", "1998-04-24", "1998-04-25", "1998-04-25", "day"),
    ("on Tuesday, 5 January", "2016-01-10", "2016-01-05", "2016-01-05", "day"),
    # months back are calendar months
    ("five months ago", "1998-03-31", "1997-10-01", "1997-10-31", "month"),
    ("a month ago", "1989-10-30", "1989-09-01", "1989-09-30", "month"),
    # quarters and halves of a named year
    ("the 1988 second quarter", "1989-11-02", "1988-04-01", "1988-06-30", "month"),
    ("as early as next year's first quarter", "1989-10-31", "1990-01-01", "1990-03-31", "month"),
    ("the last half of 1989", "1989-10-26", "1989-07-01", "1989-12-31", "year"),
    ("the first two quarters of 1990", "1989-10-26", "1990-01-01", "1990-06-30", "year"),
    # a month about to begin is the coming one, unless the words before tell of the past
    ("the NATO summit in January", "1989-11-10", "1990-01-01", "1990-01-31", "month"),
    ("The army took the town in December", "1989-11-10", "1988-12-01", "1988-12-31", "month"),
    ("to bankers last December", "1989-10-30", "1988-12-01", "1988-12-31", "month"),
    # a participle after an auxiliary is no past tense: the future cue still reaches the date
    ("The dividend would be paid at a date in March", "1989-10-26", "1990-03-01", "1990-03-31", "month"),
])
def test_calendar_conventions(expr, published, start, end, precision):
    r = normalise(expr, dt.date.fromisoformat(published))
    assert (str(r.start), str(r.end), r.precision, r.reason) == (start, end, precision, None)


def test_feast_names_are_capitalised():
    from conflictcoder.extract.dates import _scan

    assert _scan("a thanksgiving service and christmas lights", dt.date(2016, 6, 3)) == []


@pytest.mark.parametrize("expr, reason", [
    ("several years ago", "PAST_REF"), ("a few years ago", "PAST_REF"), ("years ago", "PAST_REF"),
    ("over the past several quarters", "PAST_REF"), ("in recent weeks and months", "PAST_REF"),
    ("in past years", "PAST_REF"), ("in the near term", "FUTURE_REF"), ("in the short term", "FUTURE_REF"),
    ("at a later date", "FUTURE_REF"), ("in future quarters", "FUTURE_REF"), ("for coming quarters", "FUTURE_REF"),
])
def test_vague_references(expr, reason):
    from conflictcoder.extract import dates

    r = normalise(expr, dt.date(1989, 10, 30))
    assert r.reason == getattr(dates, reason)
    assert (r.start is None) == (reason == "PAST_REF") and (r.end is None) == (reason == "FUTURE_REF")


def test_a_couple_of_years_ago_is_still_counted():
    r = normalise("a couple of years ago", dt.date(1998, 3, 3))
    assert (str(r.start), str(r.end), r.reason) == ("1996-01-01", "1996-12-31", None)


@pytest.mark.parametrize("text, expr, start, end", [
    ("On May 22, 1995, he was made a general, and the following year he was appointed attache.",
     "the following year", "1996-01-01", "1996-12-31"),
    ("He fled to Florida in June 1998 and returned to Cuba later that year.", "later that year", "1998-01-01", "1998-12-31"),
    ("Watch imports were $1.5 billion in 1988, and its share that year was small.", "that year", "1988-01-01", "1988-12-31"),
    ("The town fell in March 2013; the following month it was retaken.", "the following month", "2013-04-01", "2013-04-30"),
    ("The siege began in 2012. The previous year, protests had spread.", "The previous year", "2011-01-01", "2011-12-31"),
])
def test_anaphoric_dates_follow_the_last_date_told(text, expr, start, end):
    from conflictcoder.extract.dates import _scan

    [r] = [r for r in _scan(text, dt.date(2016, 6, 3)) if r.span.text == expr]
    assert (str(r.start), str(r.end)) == (start, end)


def test_an_anaphoric_date_without_an_antecedent_has_no_interval():
    from conflictcoder.extract.dates import ANAPHOR

    r = normalise("that year", dt.date(2016, 6, 3))
    assert (r.start, r.end, r.reason) == (None, None, ANAPHOR)


@pytest.mark.parametrize("expr, context, published, start, end, precision", [
    # Easter week ends on Easter Sunday; a feast about to come is the coming one
    ("Easter week", "protesters prayed as", "2000-04-17", "2000-04-17", "2000-04-23", "week"),
    ("Christmas", "shops are full before", "2016-12-10", "2016-12-25", "2016-12-25", "day"),
    ("Christmas", "the two sides met at", "2016-12-10", "2015-12-25", "2015-12-25", "day"),
    # year-end is the last day of the year: this one ahead, the last one after "since"
    ("year-end", "complete the transaction by", "1989-11-02", "1989-12-31", "1989-12-31", "day"),
    ("year-end", "The percentage change is since", "1989-10-30", "1988-12-31", "1988-12-31", "day"),
    # the expression after "since" is what it names, not the open interval
    ("early December", "many rallies held since", "2000-01-07", "1999-12-01", "1999-12-10", "week"),
    ("the week of March 6", "resolved in a court hearing", "2000-02-24", "2000-03-06", "2000-03-12", "week"),
    ("later in the day", "he arrived in Philadelphia", "1998-02-13", "1998-02-13", "1998-02-13", "day"),
    # a deadline word before a date does not make it future when a past-tense verb precedes it
    ("Sept. 29", "Nashua had purchased 481,000 shares through", "1989-10-30", "1989-09-29", "1989-09-29", "day"),
    ("Jan. 2", "The reduced dividend is payable", "1989-11-02", "1990-01-02", "1990-01-02", "day"),
])
def test_in_context(expr, context, published, start, end, precision):
    r = normalise(expr, dt.date.fromisoformat(published), context=context)
    assert (str(r.start), str(r.end), r.precision, r.reason) == (start, end, precision, None)


def test_since_year_end_is_open_from_last_years_end():
    from conflictcoder.extract.dates import _scan

    [r] = _scan("The index is up 12% since year-end.", dt.date(1989, 10, 30))
    assert (str(r.start), str(r.end), r.open_start) == ("1988-12-31", "1989-10-30", True)


@pytest.mark.parametrize("text, expr, reason, type_", [
    ("He said at the time he was willing to withdraw.", "the time", "PAST_REF", "date"),
    ("Islam will one day be the second largest religion.", "one day", "FUTURE_REF", "date"),
    ("The ceasefire held for one day.", "for one day", None, "duration"),
])
def test_vague_references_in_sentences(text, expr, reason, type_):
    from conflictcoder.extract import dates

    [r] = [r for r in dates._scan(text, dt.date(1998, 3, 3)) if r.span.text == expr]
    assert r.type == type_
    if reason:
        assert r.reason == getattr(dates, reason)


@pytest.mark.parametrize("text, expr, start, end", [
    ("The attack came on March 3, 2013. The next day, rebels withdrew.", "The next day", "2013-03-04", "2013-03-04"),
    ("Talks opened on 12 May 2015 and were suspended that same day.", "that same day", "2015-05-12", "2015-05-12"),
    ("Net fell in the second quarter of 1988. Results for that quarter included a charge.", "that quarter",
     "1988-04-01", "1988-06-30"),
    ("Net fell in the third quarter. For the quarter a year ago, it earned $16 million.", "the quarter a year ago",
     "1988-07-01", "1988-09-30"),
])
def test_days_and_quarters_told_before(text, expr, start, end):
    from conflictcoder.extract.dates import _scan

    [r] = [r for r in _scan(text, dt.date(1989, 10, 26)) if r.span.text == expr]
    assert (str(r.start), str(r.end)) == (start, end)


def test_the_next_day_without_a_date_before_has_no_interval():
    from conflictcoder.extract.dates import ANAPHOR

    r = normalise("the next day", dt.date(2016, 6, 3))
    assert (r.start, r.end, r.reason) == (None, None, ANAPHOR)


@pytest.mark.parametrize("expr, published, start, end, precision, type_", [
    # "in N units" under a future cue: that long after publication; otherwise a duration
    ("The stock would be redeemed in five years", "1989-11-02", "1994-01-01", "1994-12-31", "year", "date"),
    ("The talks will resume in two weeks", "2016-06-03", "2016-06-13", "2016-06-19", "week", "date"),
    ("The army will withdraw in three days", "2016-06-03", "2016-06-06", "2016-06-06", "day", "date"),
    ("the first attack in five years", "2016-06-03", None, None, "year", "duration"),
    ("The siege will last for three months", "2016-06-03", None, None, "month", "duration"),
])
def test_in_n_units_ahead(expr, published, start, end, precision, type_):
    r = normalise(expr, dt.date.fromisoformat(published))
    assert (str(r.start) if r.start else None, str(r.end) if r.end else None, r.precision, r.type) == (start, end, precision, type_)


def test_then_current_is_past():
    from conflictcoder.extract.dates import PAST_REF

    r = normalise("at 50% of the then current market price", dt.date(1989, 10, 26))
    assert (r.start, r.reason) == (None, PAST_REF)


@pytest.mark.parametrize("text, found", [
    # a capitalised season word beside another capitalised word is part of a name
    ("Five people were killed in Sinking Spring, police said.", []),
    ("SINKING SPRING, Pa. - Five people were killed.", []),
    ("The rally in Fall River drew a crowd.", []),
    ("Police in Winter Haven said the man was arrested.", []),
    # a season alone, or with its year or a which-word, is a date
    ("The offensive resumed in the spring.", ["spring"]),
    ("The offensive resumed in the Spring of 2016.", ["Spring of 2016"]),
    ("Fighting flared last Summer in the north.", ["last Summer"]),
])
def test_a_season_inside_a_name_is_no_date(text, found):
    from conflictcoder.extract.dates import _scan
    assert [r.span.text for r in _scan(text, dt.date(2016, 8, 8))] == found
