"""Shared fixtures: one spaCy pipeline and one Resources per test session (real components)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REFERENCE = SHARED / "examples" / "idlib-2019-12-23.txt"
DEMO_FILES = (
    "2024-02-16-somalia-mogadishu-suicide-bombing.txt",  # these two: one event told twice
    "2024-02-17-somalia-mogadishu-toll-rises.txt",
    "2024-03-12-syria-aleppo-air-strikes.txt",
    "2024-05-14-ukraine-kharkiv-shelling.txt",
    "2024-01-09-yemen-marib-shelling.txt",
    "2023-08-07-iraq-mosul-protest-tear-gas.txt",
    "2024-03-05-nigeria-kaduna-abduction.txt",
)


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


@pytest.fixture(scope="session")
def demo_store_file(pipeline, tmp_path_factory) -> Path:
    """The pipeline's own output for the demo articles: read, extract, store, link."""
    from conflictcoder.ingest.reader import read_inputs
    from conflictcoder.lexicon import data_path
    from conflictcoder.link.linker import link
    from conflictcoder.store.duckdb_store import Store

    path = tmp_path_factory.mktemp("webdb") / "events.duckdb"
    articles = list(read_inputs([data_path("demo") / name for name in DEMO_FILES]))
    with Store(path) as store:
        store.add(pipeline.pipe(articles))
        link(store)
        assert store.summary()["events"] >= 5
    return path


@pytest.fixture(scope="module")
def db_file(demo_store_file, tmp_path_factory) -> Path:
    """A copy of the demo store for one test module (its writes stay its own)."""
    path = tmp_path_factory.mktemp("db") / "events.duckdb"
    shutil.copy(demo_store_file, path)
    return path
