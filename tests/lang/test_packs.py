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


def test_a_language_is_detected_from_its_packs_function_words(two_packs):
    (lang.ROOT / "xx" / "pack.yaml").write_text(
        "name: Test language\nfunction_words: [zo, ka, vem, ul, ta]\n")
    lang.get.cache_clear()
    assert lang.detect("Zo milo ka tarvi vem ul soru ta beni zo kalu.") == "xx"
    assert lang.detect("The army said that two soldiers were killed in the attack on Monday.") == "en"
    # too few function words of any pack: the default, not a guess
    assert lang.detect("Qwerty asdf zxcv uiop.") == "en"
    assert lang.get("test language").code == "xx"
    a = Article(id=None, published=dt.date(2024, 1, 2), text="Zo milo ka tarvi vem ul soru ta beni.")
    assert a.lang == "xx"


def test_with_one_pack_every_text_is_read_with_it():
    assert lang.available() == ("en",) and lang.detect("Zo milo ka tarvi vem ul.") == "en"


@pytest.mark.parametrize("code", lang.available())
def test_every_pack_lists_its_function_words_as_words(code):
    words = lang.get(code).meta.get("function_words") or []
    # YAML reads a bare on/off/yes/no as a boolean: quote them
    assert len(words) >= 20 and all(isinstance(w, str) for w in words)
