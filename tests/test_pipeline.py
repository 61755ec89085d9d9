"""The Python API: Pipeline().extract(article) and .pipe(articles)."""

import datetime as dt

import pytest

from conflictcoder import Pipeline
from conflictcoder.model import to_json
from conflictcoder.pipeline import make_article

TEXT = "Houthi shelling killed three civilians in Marib on Tuesday, local officials said."


def test_extract_article_and_raw_text_agree(pipeline):
    art = make_article(TEXT, dt.date(2024, 3, 13))
    a = pipeline.extract(art)
    b = pipeline.extract(TEXT, published="2024-03-13")
    assert a.article.id == b.article.id
    assert [e.fatalities for e in a.events] == [e.fatalities for e in b.events] == [3]
    assert str(a.events[0].date.start) == "2024-03-12"


def test_raw_text_needs_a_date(pipeline):
    with pytest.raises(ValueError, match="publication date"):
        pipeline.extract(TEXT)


def test_pipe_streams_and_json_has_spans(pipeline):
    arts = [make_article(TEXT, dt.date(2024, 3, 13)), make_article("Nothing happened here.", dt.date(2024, 3, 13))]
    anns = list(pipeline.pipe(iter(arts)))
    assert [len(a.events) for a in anns] == [1, 0]
    ev = to_json(anns[0].events[0])
    assert ev["fatalities"] == 3 and ev["place"]["span"]["text"] == "Marib"


def test_an_article_that_breaks_a_stage_is_reported_and_skipped(pipeline, monkeypatch, capsys):
    import pytest

    from conflictcoder import pipeline as pipeline_mod
    from conflictcoder.pipeline import make_article

    real = pipeline_mod.Pipeline._run

    def flaky(self, doc, article):
        if "BOOM" in article.text:
            raise RuntimeError("stage failed")
        return real(self, doc, article)

    monkeypatch.setattr(pipeline_mod.Pipeline, "_run", flaky)
    arts = [make_article("Shelling killed two civilians in Marib on Monday.", "2024-03-12"),
            make_article("BOOM. Shelling killed two civilians in Marib on Monday.", "2024-03-12"),
            make_article("Shelling killed three civilians in Marib on Tuesday.", "2024-03-13")]
    anns = list(pipeline.pipe(arts))
    assert [a.article.id for a in anns] == [arts[0].id, arts[2].id]
    assert "article skipped after an internal error: RuntimeError: stage failed" in capsys.readouterr().err
    with pytest.raises(RuntimeError):
        list(pipeline.pipe(arts, errors="raise"))
