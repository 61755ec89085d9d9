"""Language packs: one folder per language, chosen per article, loaders cached per language."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from conflictcoder import lang
from conflictcoder.lexicon import data_path, load_yaml
from conflictcoder.model import Article


@pytest.fixture
def two_packs(tmp_path, monkeypatch):
    """The shipped English pack plus a made-up one ('xx') whose counts.yaml differs."""
    shutil.copytree(lang.ROOT / "en", tmp_path / "en")
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "pack.yaml").write_text("name: Test language\nspacy_model: none\n")
    (tmp_path / "xx" / "counts.yaml").write_text("marker: xx\n")
    monkeypatch.setattr(lang, "ROOT", tmp_path)
    lang.get.cache_clear()
    yield
    lang.get.cache_clear()


def test_english_is_the_default_and_names_its_parser():
    pack = lang.active()
    assert pack.code == "en" and pack.model == "en_core_web_sm"
    assert "en" in lang.available()
    assert lang.get("EN-gb").code == "en"


def test_language_files_come_from_the_pack_and_the_rest_from_data():
    assert data_path("counts.yaml").parent == lang.ROOT / "en"
    assert data_path("actors.yaml").parent.name == "data"


def test_an_unknown_language_names_the_packs_there_are():
    with pytest.raises(lang.UnknownLanguage, match=r"no language pack for 'tlh' \(packs: .*en"):
        lang.get("tlh")


def test_using_switches_the_files_read_and_restores_the_default(two_packs):
    assert "marker" not in load_yaml("counts.yaml")
    with lang.using("xx") as pack:
        assert pack.name == "Test language"
        assert load_yaml("counts.yaml") == {"marker": "xx"}
    assert "marker" not in load_yaml("counts.yaml")


def test_per_language_caches_once_per_language(two_packs):
    calls = []

    @lang.per_language
    def loader():
        calls.append(lang.active().code)
        return lang.active().code

    assert [loader(), loader()] == ["en", "en"]
    with lang.using("xx"):
        assert [loader(), loader()] == ["xx", "xx"]
    assert loader() == "en" and calls == ["en", "xx"]


def test_pipeline_rejects_an_article_in_a_language_without_a_pack():
    from conflictcoder.pipeline import Pipeline

    arts = [Article(id=None, published=dt.date(2024, 5, 2), text="Gunmen killed three farmers on Monday.", lang=code)
            for code in ("en", "tlh")]
    failed = []
    out = list(Pipeline().pipe(arts, on_error=lambda a, e: failed.append((a.lang, type(e).__name__))))
    assert [a.article.lang for a in out] == ["en"] and out[0].counts
    assert failed == [("tlh", "UnknownLanguage")]
