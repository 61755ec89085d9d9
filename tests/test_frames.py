"""Event mentions as pandas and polars DataFrames, with the user's own article id (frames.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from conflictcoder.frames import COLUMNS, store_to_pandas
from conflictcoder.model import Article

TEXTS = [
    ("a-1", "2021-05-02", "Three police officers were killed when a roadside bomb hit their car in Kandahar on Saturday."),
    ("a-2", "2021-05-03", "The city council approved a new budget for parks on Monday."),
]


@pytest.fixture(scope="module")
def anns(pipeline):
    return list(pipeline.pipe([Article(id=None, input_id=i, published=d, text=t) for i, d, t in TEXTS]))


def test_pandas_rows_carry_the_input_id_and_the_event(anns):
    pd = pytest.importorskip("pandas")
    df = anns[0].to_pandas()
    assert isinstance(df, pd.DataFrame) and list(df.columns) == list(COLUMNS)
    assert df["input_id"].tolist() == ["a-1"] * len(df) and df["fatalities"].max() == 3
    assert anns[1].to_pandas().empty  # no event: an empty frame with the same columns
    assert list(anns[1].to_pandas().columns) == list(COLUMNS)


def test_polars_gives_the_same_rows(anns):
    pl = pytest.importorskip("polars")
    from conflictcoder.frames import to_polars, to_pandas

    frame = to_polars(anns)
    assert isinstance(frame, pl.DataFrame) and frame.columns == list(COLUMNS)
    assert frame["mention_id"].to_list() == to_pandas(anns)["mention_id"].tolist()
    assert frame["published"].to_list()[0] == dt.date(2021, 5, 2)


def test_a_stored_run_reads_back_as_the_export_table(db_file):
    pytest.importorskip("pandas")
    from conflictcoder.export.table import COLUMNS as TABLE

    df = store_to_pandas(db_file)
    assert list(df.columns) == TABLE and len(df) >= 5 and df["event_id"].is_unique
