"""Triggers: the lexicon types event words with ACLED's taxonomy."""

import datetime as dt

import pytest

from conflictcoder.extract import triggers as triggers_mod
from conflictcoder.extract.triggers import TriggerLexicon
from conflictcoder.model import Annotations, Article

ACLED_SUBTYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}


def test_lexicon_uses_only_acled_types():
    for e in TriggerLexicon.load().entries:
        assert e.sub_event_type in ACLED_SUBTYPES[e.event_type], e


def triggers(nlp, resources, text):
    ann = Annotations(article=Article("t", dt.date(2020, 1, 1), text))
    ann.sentences = []
    return triggers_mod.extract(nlp(text), ann, resources)


@pytest.mark.parametrize(
    "text, word, sub",
    [
        ("Air strikes hit the market.", "Air strikes", "Air/drone strike"),
        ("Troops shelled the village.", "shelled", "Shelling/artillery/missile attack"),
        ("A roadside bomb exploded near a convoy.", "roadside bomb", "Remote explosive/landmine/IED"),
        ("A suicide bomber struck a mosque.", "suicide bomber", "Suicide bomb"),
        ("Heavy clashes erupted in the north.", "clashes", "Armed clash"),
        ("Gunmen abducted five aid workers.", "abducted", "Abduction/forced disappearance"),
        ("Hundreds protested against the price rises.", "protested", "Peaceful protest"),
        ("Police arrested ten activists.", "arrested", "Arrests"),
        ("The two sides signed a ceasefire.", "ceasefire", "Agreement"),
        ("A grenade was thrown into the bar.", "grenade", "Grenade"),
    ],
)
def test_trigger_table(nlp, resources, text, word, sub):
    found = {t.span.text: t for t in triggers(nlp, resources, text)}
    assert word in found, found
    assert found[word].sub_event_type == sub
    assert text[found[word].span.start:found[word].span.end] == word


def test_negated_trigger_is_flagged(nlp, resources):
    found = {t.span.text: t for t in triggers(nlp, resources, "Troops did not shell the town.")}
    assert found["shell"].negated


@pytest.mark.parametrize("text, sub", [
    ("A bomb planted by militants killed two soldiers on Monday.", "Remote explosive/landmine/IED"),
    ("Militants planted a bomb under the bridge on Monday.", "Remote explosive/landmine/IED"),
    ("Militants fired an RPG at a tank on Monday.", "Shelling/artillery/missile attack"),
    ("Insurgents pounded the base on Monday.", "Shelling/artillery/missile attack"),
    ("Air defences intercepted two drones over the city on Monday.", "Disrupted weapons use"),
    ("Police seized a large cache of weapons and explosives on Monday.", "Disrupted weapons use"),
    ("The two sides signed a peace agreement in the capital on Monday.", "Agreement"),
    ("Workers began a general strike on Monday.", "Peaceful protest"),
    ("The rebels set up a new base near the border on Monday.", "Headquarters or base established"),
    ("The militia pledged allegiance to the group on Monday.", "Change to group/activity"),
    ("Militiamen set fire to dozens of houses on Monday.", "Looting/property destruction"),
    ("Ten rebels surrendered to the army in the province on Sunday.", "Agreement"),
    ("The president reached an agreement with the mutinous soldiers on Saturday.", "Agreement"),
    ("Troops set up a new military post in the village on Monday.", "Headquarters or base established"),
    ("The army liberated several villages from the militants on Wednesday.", "Government regains territory"),
    ("A mob lynched a man accused of theft on Monday.", "Mob violence"),
    ("Police fired tear gas at the marchers on Monday.", "Protest with intervention"),
    ("Police seized 20 automatic weapons at the border on Monday.", "Disrupted weapons use"),
    ("Three explosive devices were found near the station on Monday.", "Disrupted weapons use"),
    ("The victim died of a gunshot wound on Monday.", "Attack"),
    # a plural the lemmatiser strays on ("bases" -> "basis") still matches as written
    ("Troops have set up two new bases in the area on Monday.", "Headquarters or base established"),
    ("The army has established a number of barracks near the border.", "Headquarters or base established"),
    ("A stash of firearms and ammunition was found near the dam on Monday.", "Disrupted weapons use"),
    ("Police exchanged heavy fire with the gunmen on Monday.", "Armed clash"),
    ("During the shoot-out between the bandits and soldiers on Monday, four soldiers were hurt.", "Armed clash"),
])
def test_trigger_vocabulary(pipeline, text, sub):
    ann = pipeline.extract(text, published=dt.date(2020, 3, 10))
    assert sub in {t.sub_event_type for t in ann.triggers}


@pytest.mark.parametrize("text, word, sub", [
    # "HEAD > DEPENDENT" rows: the verb read with what it acts on
    ("Customs officers discovered a large amount of ammunition hidden in a truck.", "discovered",
     "Disrupted weapons use"),
    ("Two pistols were found during a search of the bus.", "found", "Disrupted weapons use"),
    ("The government deployed hundreds of troops to the border region.", "deployed", "Change to group/activity"),
    ("Reinforcements and tanks were dispatched to the frontline town.", "dispatched", "Change to group/activity"),
    ("The rebels have formed a new brigade in the east.", "formed", "Change to group/activity"),
    ("A new militia was set up in the province last month.", "set up", "Change to group/activity"),
    ("The army set up three observation points near the town.", "set up", "Headquarters or base established"),
    ("Soldiers freed four villages from the insurgents.", "freed", "Government regains territory"),
    ("Rioters torched shops and cars in the market.", "torched", "Looting/property destruction"),
    ("The two leaders held talks on the border dispute.", "held", "Agreement"),
    # a verb form the lemmatiser strays on ("raped": "rap") matches as written
    ("Four men raped a woman in a moving car.", "raped", "Sexual violence"),
])
def test_verb_with_what_it_acts_on(nlp, resources, text, word, sub):
    found = {t.span.text: t.sub_event_type for t in triggers(nlp, resources, text)}
    assert found.get(word) == sub, found


@pytest.mark.parametrize("text, word", [
    ("The rebels seized the town after a week of fighting.", "seized"),  # territory, not arms
    ("The minister found the report troubling.", "found"),  # nothing a side disrupts
    ("The company moved its offices to the capital.", "moved"),  # no armed men moved
])
def test_verb_without_such_object_is_no_dependency_match(nlp, resources, text, word):
    found = {t.span.text: t.sub_event_type for t in triggers(nlp, resources, text)}
    assert found.get(word) not in ("Disrupted weapons use", "Change to group/activity"), found


def test_dependency_row_naming_an_unknown_list_is_an_error(tmp_path):
    f = tmp_path / "t.csv"
    f.write_text("pattern,pos,event_type,sub_event_type,rank\n"
                 "discover > @no_such_list,VERB,Strategic developments,Disrupted weapons use,8\n")
    with pytest.raises(ValueError, match="no_such_list"):
        TriggerLexicon.load(f)


def test_according_to_is_no_agreement(pipeline):
    ann = pipeline.extract("According to officials, the talks failed on Monday.", published=dt.date(2020, 3, 10))
    assert "Agreement" not in {t.sub_event_type for t in ann.triggers}


@pytest.mark.parametrize("text, word, sub", [
    ("The minister decried the burning of public and private properties.", "burning", "Looting/property destruction"),
    ("The destruction of shops and homes went on for hours.", "destruction", "Looting/property destruction"),
    # raids by aircraft, or with an aircraft as their compound, are air strikes
    ("Helicopter raids hit three villages in the north.", "raids", "Air/drone strike"),
    ("The town was hit by a raid by army choppers.", "raid", "Air/drone strike"),
])
def test_noun_row_reads_what_the_noun_is_of_or_by(nlp, resources, text, word, sub):
    found = {t.span.text: t.sub_event_type for t in triggers(nlp, resources, text)}
    assert found.get(word) == sub, found


@pytest.mark.parametrize("text, word", [
    ("The destruction of the enemy army was total.", "destruction"),
    ("The burning of candles lit the hall.", "burning"),
])
def test_noun_row_needs_its_dependent(nlp, resources, text, word):
    found = {t.span.text: t.sub_event_type for t in triggers(nlp, resources, text)}
    assert word not in found, found


def _reference_matches(lex, doc):
    """What spaCy's Matcher finds for the word-pattern rows, compiled as the lexicon once was:
    each word by lemma; each as written, plural or inflected; lemmas then the last as written."""
    from spacy.matcher import Matcher

    m = Matcher(doc.vocab)
    for i, e in enumerate(lex.entries):
        if ">" in e.pattern:
            continue
        words = e.pattern.split()
        by_lemma = [{} if w == "*" else {"LEMMA": w} for w in words]
        by_lower = [{} if w == "*" else {"LOWER": {"IN": triggers_mod._forms(w, e.pos != "NOUN")}} for w in words]
        m.add(str(i), [by_lemma, by_lower, by_lemma[:-1] + by_lower[-1:]])
    return sorted({(int(doc.vocab.strings[k]), s, e) for k, s, e in m(doc)}, key=lambda x: (x[1], x[2], x[0]))


def test_sequence_index_finds_what_a_matcher_finds(nlp, resources):
    lex = resources.trigger_lexicon
    text = ("Regime warplanes carried out air strikes on Maarat al-Numan on Monday, killing nine "
            "civilians. Rebels shelled the town and clashes raged; gunmen opened fire on a bus. "
            "Protesters were tear-gassed and police fired rubber bullets. Militants set up a "
            "checkpoint, abducted two men and looted shops, burning houses. He was raped, "
            "they said, and the soldiers were gunned down at a base.")
    doc = nlp(text)
    got = lex.sequence_matches(doc)
    assert got == _reference_matches(lex, doc)
    assert len(got) >= 10
