"""Column mapping and date formats for JSON Lines / CSV inputs (ingest/columns.py, through the reader)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conflictcoder.ingest.columns import Columns, parse_mapping
from conflictcoder.ingest.reader import read_inputs
from conflictcoder.model import Article, Rejection

TEXT = "Gunmen attacked a checkpoint near the river town on Friday, killing two guards."


def read(path, columns=None):
    return list(read_inputs([path], columns=columns))


def test_common_column_names_are_read_without_a_mapping(tmp_path):
    f = tmp_path / "corpus.csv"
    f.write_text("article_id,article_title,article_content,publication_date,article_url\n"
                 f"n-1,Checkpoint attacked,\"{TEXT}\",2021-06-04,https://example.org/a\n", encoding="utf-8")
    [a] = read(f)
    assert isinstance(a, Article), a
    assert (a.input_id, a.title, a.text, a.published, a.url) == (
        "n-1", "Checkpoint attacked", TEXT, dt.date(2021, 6, 4), "https://example.org/a")
    assert a.id != "n-1" and len(a.id) == 16  # the content hash stays the identity


def test_slash_dates_need_a_format_and_say_so_then_read_with_it(tmp_path):
    f = tmp_path / "us.csv"
    f.write_text(f"id,headline,body,day\n7,Attack,\"{TEXT}\",6/4/2021\n", encoding="utf-8")
    [r] = read(f, Columns.of({"published": "day"}))
    assert isinstance(r, Rejection) and r.origin.endswith("us.csv:2")
    assert "6/4/2021" in r.message and "--date-format" in r.message
    [a] = read(f, Columns.of({"published": "day"}, "%m/%d/%Y"))
    assert a.published == dt.date(2021, 6, 4) and a.title == "Attack" and a.input_id == "7"
    [a] = read(f, Columns.of({"published": "day"}, "%d/%m/%Y"))  # the user says which: 6 April
    assert a.published == dt.date(2021, 4, 6)


def test_the_users_column_names_win_over_the_defaults(tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_text(json.dumps({"text": "a teaser", "story": TEXT, "date": "2021-06-04", "ref": "X9",
                             "title": "wrong", "head": "right"}) + "\n", encoding="utf-8")
    cols = Columns.of(parse_mapping("text=story,id=ref,title=head"))
    [a] = read(f, cols)
    assert (a.text, a.input_id, a.title) == (TEXT, "X9", "right")


def test_a_csv_without_any_text_column_names_the_option(tmp_path):
    f = tmp_path / "odd.csv"
    f.write_text("when,words\n2021-06-04,hello\n", encoding="utf-8")
    [r] = read(f)
    assert isinstance(r, Rejection) and "--text-col" in r.message
    [a] = read(f, Columns.of({"text": "words", "published": "when"}))
    assert a.text == "hello"


@pytest.mark.parametrize("spec, error", [
    ("text", "expected FIELD=COLUMN"),
    ("weather=sky", "unknown article field"),
])
def test_bad_mappings_are_one_clear_error(spec, error):
    with pytest.raises(ValueError, match=error):
        Columns.of(parse_mapping(spec))


def test_a_date_format_that_cannot_parse_its_own_output_is_refused():
    with pytest.raises(ValueError, match="date-format"):
        Columns.of({}, "%Q")
