"""The data model checks what users build by hand at the API's boundary (model.Article)."""

from __future__ import annotations

import datetime as dt

import pytest

from conflictcoder.ingest.common import article_id
from conflictcoder.model import Article


def test_an_iso_string_date_becomes_a_date_and_an_empty_id_the_content_hash():
    a = Article(id=None, published="2015-02-01", text="Shelling hit the market.", input_id="mine-3")
    assert a.published == dt.date(2015, 2, 1)
    assert a.id == article_id("Shelling hit the market.", dt.date(2015, 2, 1)) and a.input_id == "mine-3"


@pytest.mark.parametrize("published, error", [
    ("1 Feb 2015", ValueError), ("2015-02-31", ValueError), (20150201, TypeError), (None, TypeError),
])
def test_a_bad_date_is_refused_when_the_article_is_built(published, error):
    with pytest.raises(error, match="published"):
        Article(id="x", published=published, text="Shelling hit the market.")


def test_text_must_be_a_string():
    with pytest.raises(TypeError, match="text"):
        Article(id="x", published=dt.date(2015, 2, 1), text=b"bytes")


def test_a_pipeline_takes_a_hand_built_article_with_a_string_date(pipeline):
    ann = pipeline.extract(Article(id=None, published="2015-02-01",
                                   text="Two soldiers were killed when rebels attacked a base on Saturday."))
    assert ann.events and ann.events[0].date.start == dt.date(2015, 1, 31)
