"""Shared fixtures: one spaCy pipeline and one Resources per test session (real components)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REFERENCE = SHARED / "examples" / "idlib-2019-12-23.txt"


@pytest.fixture(scope="session")
def resources():
    from conflictcoder.resources import Resources

    return Resources()


@pytest.fixture(scope="session")
def nlp(resources):
    return resources.nlp


@pytest.fixture(scope="session")
def pipeline(resources):
    from conflictcoder import Pipeline

    return Pipeline(resources)


@pytest.fixture(scope="session")
def reference_article():
    """The reference report, read through the real reader (skipped when ../shared is absent)."""
    if not REFERENCE.exists():
        pytest.skip("reference article ../shared/examples/idlib-2019-12-23.txt not present")
    from conflictcoder.ingest.reader import read_inputs
    from conflictcoder.model import Article

    items = list(read_inputs([REFERENCE]))
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


@pytest.fixture(scope="session")
def reference_annotations(pipeline, reference_article):
    return pipeline.extract(reference_article)


def annotate_text(pipeline, text: str, published: str = "2020-03-10"):
    return pipeline.extract(text, published=dt.date.fromisoformat(published))
