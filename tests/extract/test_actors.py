"""Actors: lexicon aliases, country+force nouns, document-country generics, user lexicons."""

import pytest

from conflictcoder.extract import actors as actors_mod
from conflictcoder.model import Annotations, Article, Place
import datetime as dt


def find(nlp, resources, text, country=None):
    ann = Annotations(article=Article("t", dt.date(2020, 1, 1), text))
    if country:
        ann.places = [Place("X", 1, 0.0, 0.0, country, precision=3, feature="country")]
    return {a.span.text: a for a in actors_mod.extract(nlp(text), ann, resources)}


@pytest.mark.parametrize(
    "text, mention, name, atype",
    [
        ("Russian warplanes hit the town.", "Russian warplanes", "Military Forces of Russia (2000-)", 8),
        ("Turkish troops advanced.", "Turkish troops", "Military Forces of Turkey (2016-)", 8),
        ("Fighters of Hayat Tahrir al Sham withdrew.", "Hayat Tahrir al Sham", "Hayat Tahrir al-Sham", 2),
        ("HTS fighters withdrew.", "HTS", "Hayat Tahrir al-Sham", 2),
        ("Kurdish-led forces took the village.", "Kurdish-led forces", "SDF: Syrian Democratic Forces", 2),
        ("Houthi rebels fired missiles.", "Houthi rebels", "Ansar Allah (Houthis)", 2),
        ("Al-Shabab claimed the attack.", "Al-Shabab", "Al Shabaab", 2),
    ],
)
def test_named_actors(nlp, resources, text, mention, name, atype):
    found = find(nlp, resources, text)
    assert mention in found, found
    assert (found[mention].name, found[mention].type) == (name, atype)


def test_generic_actor_takes_document_country(nlp, resources):
    found = find(nlp, resources, "Regime forces shelled the area and rebels responded.", country="SY")
    assert found["Regime forces"].name == "Military Forces of Syria (2000-)"
    assert found["rebels"].name == "Rebel Groups (Syria)" and found["rebels"].type == 2
    found = find(nlp, resources, "Government forces clashed with jihadists.", country="ML")
    assert found["Government forces"].name == "Military Forces of Mali (2021-)"
    assert found["jihadists"].type == 2


def test_unknown_armed_group_kept_raw(nlp, resources):
    found = find(nlp, resources, "The Free Mountain Brigade said it attacked the base.")
    raw = [a for a in found.values() if not a.known]
    assert raw and "Brigade" in raw[0].name and raw[0].type in (2, 3)


def test_user_lexicon_extends_bundled(tmp_path, nlp):
    from conflictcoder.resources import Resources

    f = tmp_path / "mine.yaml"
    f.write_text("actors:\n  - name: Lions of the Valley\n    type: 3\n    country: SY\n    aliases: [Valley Lions]\n")
    res = Resources(actor_lexicons=[f])
    found = find(nlp, res, "The Valley Lions attacked a checkpoint held by Russian troops.")
    assert found["Valley Lions"].name == "Lions of the Valley"
    assert found["Russian troops"].type == 8  # bundled entries still there


def test_bad_user_lexicon_names_the_file(tmp_path):
    from conflictcoder.extract.actors import ActorLexicon

    f = tmp_path / "bad.yaml"
    f.write_text("actors:\n  - type: 3\n")
    with pytest.raises(ValueError, match="bad.yaml"):
        ActorLexicon.load(extra=[f])


@pytest.mark.parametrize("text, mention, name", [
    # ACLED codes "security personnel" and a lone soldier as the country's military
    ("3 Afghan security personnel were killed.", "Afghan security personnel", "Military Forces of Afghanistan (2014-2021)"),
    ("1 soldier was killed by a sniper.", "soldier", "Military Forces of Afghanistan (2014-2021)"),
    # a group named by the country it fights in, as ACLED names its branches
    ("IS militants attacked the post.", "IS militants", "Islamic State (Afghanistan)"),
    ("Two pro-government militia members were killed.", "pro-government militia members", "Militia (Pro-Government)"),
    ("Two 'Arbakis' were wounded.", "Arbakis", "Militia (Pro-Government)"),
])
def test_acled_names_of_forces_and_militias(nlp, resources, text, mention, name):
    found = find(nlp, resources, text, country="AF")
    assert mention in found, found
    assert found[mention].name == name


def test_a_group_named_by_country_without_one_keeps_its_bare_name(nlp, resources):
    assert find(nlp, resources, "IS militants attacked the post.")["IS militants"].name == "Islamic State"


def test_the_documents_country_weighs_regions_over_namesake_towns():
    ann = Annotations(article=Article("t", dt.date(2020, 1, 1), "x"))
    ann.places = [Place("Puli", 1, 0.0, 0.0, "TW", precision=1, feature="populated_place", confidence=0.8),
                  Place("Logar", 2, 0.0, 0.0, "AF", precision=2, feature="admin1", confidence=0.7)]
    assert actors_mod.document_country(ann) == "AF"


def test_an_organisation_named_with_the_is_the_lexicons_actor(nlp, resources):
    found = find(nlp, resources, "ISIS fighters took the village from the Syrian Arab Army.", country="SY")
    assert found["Syrian Arab Army"].name == "Military Forces of Syria (2000-)"
