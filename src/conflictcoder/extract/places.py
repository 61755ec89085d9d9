"""places: toponyms in the text, resolved to gazetteer entries using the document as context.

What it does: finds place mentions in three ways, spaCy GPE/LOC/FAC entities; runs of
capitalised words (with "al", "ez", "of"... inside) that the gazetteer knows, whatever spaCy
tagged them (the small model tags some Arabic town names as PERSON); and demonyms ("Syrian",
"Russians") as their country with `demonym=True`. Words around a name are read from
`lang/en/place_words.yaml`: "Idlib province", "the district of X" prefer admin regions; "near X",
"the outskirts of X", "northern X", "X countryside" make a town's geo_precision 2.
Candidates are scored with the document: countries and admin1 regions it names, distance to its
other places, an explicit container ("Paris, Texas"), population and feature class. Each Place
gets a confidence in [0, 1] and ACLED geo_precision (town 1, admin2 2, admin1 3, country 3).
A spaCy place entity the gazetteer does not know is kept unresolved with `reason`.

What it does not do: decide which place an event happened at (that is `events/assemble`), or
read coordinates written in the text.
"""

from __future__ import annotations

import functools
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import Optional

from .. import lang
from .. import settings
from ..gazetteer import Entry, Gazetteer, has_arabic, name_key, skeleton_key
from ..geodesy import km
from ..lexicon import load_yaml
from ..model import Annotations, Place, Span
from . import datelines

S = settings.view("places")  # weights and thresholds: settings.yaml, section places

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# entities whose tokens are never part of a toponym
# one word spaCy names as one of these is no place unless the text tells it as one ("in X");
# not ORG: the small model tags many towns as organisations ("Dublin", "Torrington")
OTHER_NAME_LABELS = {"NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}
# a word that spaCy did not call a place, acting or acted upon: a person more often than a small town
PERSON_ROLES = {"nsubj", "nsubjpass", "dobj", "poss"}
SPEECH_VERBS = {"say", "tell", "add", "note", "explain", "ask", "recall", "insist", "admit", "deny",
                "write", "testify", "argue", "reply", "respond", "acknowledge", "exclaim", "laugh"}
BLOCK_LABELS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
JOINERS = {"-", "–", "'", "’"}
NOT_NAME_POS = {"VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "NUM", "PART", "INTJ", "ADV"}
MAX_WORDS = 5
# region words that an organisation named for a region keeps after the region's name
ASSOCIATIVE_REGION_WORDS = {"county", "parish", "district", "province", "governorate", "oblast"}

# Scoring: scores are in orders of magnitude (log10 odds). A populated place starts from
# log10(population), an unknown population (0 in GeoNames) counting as S.unknown_population; a
# country, admin1 or admin2 region from a fixed prior; document evidence adds to it.
SOFTMAX = math.log(10)
PRECISION = {"populated_place": 1, "admin2": 2, "admin1": 3, "region": 3, "country": 3}


@lang.per_language
def place_words() -> dict:
    """lang/en/place_words.yaml, with phrase lists as tuples of lower-case words."""
    raw = load_yaml("place_words.yaml")

    def phrases(items):
        return {tuple(str(p).lower().replace("-", " - ").split()) for p in items}

    out = {
        "suffixes": {hint: phrases(v) for hint, v in raw["suffixes"].items()},
        "prefixes_of": {hint: phrases(v) for hint, v in raw["prefixes_of"].items()},
        "near": phrases(raw["near_words"]),
        "directions": {str(w).lower() for w in raw["directions"]},
        "attribute": {str(w).lower() for w in raw["attribute_suffixes"]},
        "determiners": {str(w).lower() for w in raw["determiners"]},
        "locatives": {str(w).lower() for w in raw["locatives"]},
        "connectors": {str(w).lower() for w in raw["connectors"]},
        "not_places": {str(w).lower() for w in raw["not_places"]},
        "outlet_heads": phrases(raw["outlet_heads"]),
        "organisation_heads": phrases(raw["organisation_heads"]),
        "name_heads": {name_key(str(w)) for w in raw["name_heads"]},
        "person_titles": {str(w).lower() for w in raw["person_titles"]},
        "institution_words": {str(w).lower() for w in raw["institution_words"]},
        "plural_suffixes": {str(w).lower() for w in raw["plural_suffixes"]},
    }
    out["suffix_words"] = {p[0] for ps in out["suffixes"].values() for p in ps}
    out["supranational"] = {name_key(str(w)) for w in raw["supranational"]}
    out["not_places"] |= out["directions"]
    return out


@functools.lru_cache(maxsize=None)
def village_rules() -> dict:
    """data/villages.yaml: how Who's On First villages (no population) compete."""
    return load_yaml("villages.yaml")


# --- villages (Who's On First): candidates only where the text tells a place ---------------


def _told_as_settlement(doc, low: list[str], i: int, j: int, words: dict) -> bool:
    """A settlement or region word in lower case right after the name ("Jenderis town",
    "Kissin village", "Afrin district"; "Following City Council" is a name) or before it with
    "of" ("the village of X")."""
    if j < len(doc) and doc[j].is_lower and any(_match_phrase(low, j, words["suffixes"][h])
                                                for h in ("place", "village", "admin2", "admin1")):
        return True
    return i >= 2 and low[i - 1] == "of" and any(
        _match_phrase(low, i - 2, words["prefixes_of"][h], forward=False) for h in ("place", "village"))


def _told_as_place_at(doc, low: list[str], i: int, j: int, ent_label: dict, words: dict) -> bool:
    """Weaker: spaCy tags just the name a GPE or LOC (not a facility's name, "Sage House"), a
    locative precedes it ("in X"), or a comma and a capitalised name follow it ("X, Syria")."""
    ent = ent_label.get(i)
    if ent is not None and ent.label_ in ("GPE", "LOC") and _trim_entity(ent, words) == (i, j):
        return True
    if i > 0 and low[i - 1] in words["locatives"]:
        return True
    return j + 1 < len(doc) and doc[j].text == "," and _is_wordlike(doc[j + 1])


def _keep_told_villages(cands: list[Entry], doc, low: list[str], i: int, j: int, ent_label: dict,
                        words: dict) -> list[Entry]:
    """A village only Who's On First knows is a reading of a run of capitals only where the
    text tells a place there: hundreds of thousands of small places bear names that are
    also people's, firms' and words' ("Sage", "Real", "Takla"), which must stay what they were.
    Read by the loose key, only where a settlement word tells it ("Over Texas" is no village)."""
    if not any(e.source == "wof" for e in cands) or _told_as_settlement(doc, low, i, j, words):
        return cands
    if _told_as_place_at(doc, low, i, j, ent_label, words):
        return [e for e in cands if e.source != "wof" or e.match != "loose"]
    return [e for e in cands if e.source != "wof"]


def _run_candidates(doc, low: list[str], i: int, j: int, loose: bool, look, ent_label: dict,
                    words: dict) -> list[Entry]:
    """Entries for doc[i:j], a run of capitals, exactly (`loose` False) or by the loose key.

    Read loosely, one word is a place only when told as one ("X village", "the town of X"),
    and a name told as a settlement ("Burj Abdallah village") is read loosely before any
    shorter exact name inside it ("Burj")."""
    told = _told_as_settlement(doc, low, i, j, words)
    n_words = sum(1 for t in doc[i:j] if _is_wordlike(t))
    if loose:
        if len(skeleton_key(doc[i:j].text)) < (4 if told else 5) or (n_words < 2 and not told):
            return []
        return _keep_told_villages(look(doc[i:j].text, True), doc, low, i, j, ent_label, words)
    cands = _keep_told_villages(look(doc[i:j].text, False), doc, low, i, j, ent_label, words)
    if not cands and told and n_words >= 2:
        return _run_candidates(doc, low, i, j, True, look, ent_label, words)
    return cands


def _isolated_loose_village(e: Entry, m: "_Mention", ctx: "_Context") -> bool:
    """A village matched only loosely, far from every other place the report names and outside
    every province it names: no reading of the name ("a place found only by a loose key far
    from everything else stays unresolved"). With no other place named, nothing to be far from."""
    if e.source != "wof" or e.match != "loose":
        return False
    others = [(lat, lon) for j, key, lat, lon in ctx.anchors if key != m.key]
    named = [k for k, idx in ctx.admin1.items() if idx - ctx.same_key.get(m.key, set())]
    if not others and not named:
        return False
    if (e.country_code, e.admin1) in named:
        return False
    limit = village_rules()["loose_village_km"]
    return not any(km(e.lat, e.lon, lat, lon) <= limit for lat, lon in others)


@dataclass
class _Mention:
    start: int  # token range of the name itself
    end: int
    source: str  # ner (spaCy place) | other (other entity) | ngram (no entity) | demonym | region
    cands: list[Entry] = field(default_factory=list)
    span_start: int = -1  # token range with region words ("the district of", "province")
    span_end: int = -1
    hint: Optional[str] = None  # admin1 | admin2 | place | village | area
    part: bool = False  # near / outskirts / northern ...: a part of the place or near it
    attribute: bool = False  # "Britain-based"
    organisation: bool = False  # "Sana news agency", "Aleppo Media Center": a name, not a place
    institution: bool = False  # opens the name of the town's public body: "Oxford Police", "Oxford City Council"
    fragment: bool = False  # one of several gazetteer names inside one spaCy place entity
    possessive: bool = False  # "Syrias" in "Syrias Aleppo"
    fallback: Optional[str] = None  # why the place is the region that holds the toponym
    person: bool = False  # spaCy tagged the words as a person's name ("Jones said")
    associative: bool = False  # part of an organisation's name ("Alexandria Police", "Sana news agency")
    demonym: Optional[str] = None
    region_entry: Optional[Entry] = None  # a regional demonym's region ("South Ossetian")
    container: Optional[int] = None  # index of the mention that contains this one ("X, Y")
    part_of: Optional[int] = None  # "the X district of Y": X is a part of Y
    key: str = ""
    text: str = ""
    best: Optional[Entry] = None
    confidence: float = 0.0
    scores: list[float] = field(default_factory=list)


# --- candidates ------------------------------------------------------------------------------


def _is_wordlike(tok) -> bool:
    """A capitalised word, or a word in Arabic script (which has no capitals): a name's word."""
    t = tok.text
    return (t[:1].isupper() and any(c.isalpha() for c in t)) or has_arabic(t[:1])


def _runs(doc, blocked: set[int], words: dict) -> list[tuple[int, int]]:
    """Maximal runs of capitalised words, with connectors and hyphens inside, in one sentence."""
    runs, i, n = [], 0, len(doc)
    while i < n:
        if i in blocked or not _is_wordlike(doc[i]):
            # "al-Bab": a connector glued to a hyphen may open a run
            if not (i not in blocked and doc[i].lower_ in words["connectors"] and i + 2 < n
                    and doc[i + 1].text in JOINERS and not doc[i].whitespace_
                    and _is_wordlike(doc[i + 2])):
                i += 1
                continue
        j = i + 1
        while j < n and j not in blocked and not doc[j].is_sent_start:
            t = doc[j]
            if _is_wordlike(t):
                j += 1
            elif ((t.lower_ in words["connectors"] or (t.text in JOINERS and not doc[j - 1].whitespace_))
                  and j + 1 < n and j + 1 not in blocked
                  and (_is_wordlike(doc[j + 1]) or doc[j + 1].lower_ in words["connectors"]
                       or doc[j + 1].text in JOINERS)):
                j += 1
            else:
                break
        while j > i + 1 and not _is_wordlike(doc[j - 1]):  # never end on a connector
            j -= 1
        runs.append((i, j))
        i = j
    return runs


def _ngram_ok(doc, i: int, j: int, words: dict, suffixed: bool = False) -> bool:
    """Whether doc[i:j] may be a place name; with `suffixed`, one that ends in a region word
    ("Kansas City", "Gaza City": towns so named; "Idlib Province" is read as a hint instead)."""
    first, last = doc[i], doc[j - 1]
    if not _is_wordlike(last) or (j - i > 1 and last.lower_ in words["connectors"]):
        return False
    if not _is_wordlike(first) and not (first.lower_ in words["connectors"] and j - i > 2
                                        and doc[i + 1].text in JOINERS):
        return False
    if (last.lower_ in words["suffix_words"] and j - i > 1) != suffixed:
        return False  # "Idlib Province": the suffix is read as a hint, not as part of the name
    if first.lower_ in words["determiners"]:
        return False
    if j - i == 1 and (first.lower_ in words["not_places"] or first.is_stop):
        return False
    nwords = sum(1 for t in doc[i:j] if t.text not in JOINERS)
    if nwords > MAX_WORDS:
        return False
    text = doc[i:j].text.lower()
    if text in words["not_places"] or name_key(text) in words["supranational"]:
        return False  # "White House", "Middle East"
    return True


def _trim_entity(ent, words: dict) -> tuple[int, int]:
    s, e = ent.start, ent.end
    doc = ent.doc
    while s < e and (doc[s].lower_ in words["determiners"] or doc[s].lower_ in words["directions"]):
        s += 1
    while e > s and (doc[e - 1].lower_ in words["suffix_words"] or doc[e - 1].text in ("'s", "’s")
                     or doc[e - 1].is_punct):
        e -= 1
    return s, e


def _match_phrase(low: list[str], i: int, phrases: set, forward: bool = True) -> int:
    """Length in tokens of the longest phrase matching at i (forward) or ending at i (back).
    `low` is the document's lower-cased tokens."""
    for k in range(4, 0, -1):
        if forward:
            if i + k <= len(low) and tuple(low[i:i + k]) in phrases:
                return k
        elif i - k + 1 >= 0 and tuple(low[i - k + 1:i + 1]) in phrases:
            return k
    return 0


def _context_words(doc, low: list[str], m: _Mention, words: dict, prev_end: int = 0) -> None:
    """Region words around the name: set hint, part and the span's extent (not reaching back
    before `prev_end`, the end of the previous mention's span)."""
    m.span_start, m.span_end = m.start, m.end
    n = len(doc)
    # after: ["'s"] [direction] suffix  |  "-based"
    i = m.end
    if i + 1 < n and doc[i].text in JOINERS and doc[i + 1].lower_ in words["attribute"]:
        m.attribute = True
    if _match_phrase(low, i, words["outlet_heads"]):
        m.organisation = True
    elif _match_phrase(low, i, words["organisation_heads"]):
        m.associative = True  # "Mansfield council", "the Geneva talks": the place, as a name's part
    j = i + 1 if i < n and doc[i].text in ("'s", "’s") else i
    if j < n and doc[j].lower_ in words["directions"]:
        j += 1
    for hint in ("admin1", "admin2", "place", "village", "area"):
        k = _match_phrase(low, j, words["suffixes"][hint]) if j < n else 0
        if k:
            m.hint = hint
            m.span_end = j + k
            if hint == "area" or j > i:
                m.part = True
            break
    # before: [the] [direction] prefix "of"  |  direction adjective  |  near word
    i = m.start - 1
    if i >= 1 and doc[i].lower_ == "of":
        for hint in ("admin1", "admin2", "place", "village", "area"):
            k = _match_phrase(low, i - 1, words["prefixes_of"][hint], forward=False)
            if k and i - k >= prev_end:
                if m.hint is None or hint in ("admin1", "admin2"):
                    m.hint = hint
                m.span_start = i - k
                if hint == "area":
                    m.part = True
                s = m.span_start - 1
                if s >= 0 and doc[s].lower_ in words["directions"]:
                    m.span_start = s
                    m.part = True
                break
    elif i >= 0 and doc[i].lower_ in words["directions"] and doc[i].pos_ in ("ADJ", "PROPN", "NOUN"):
        # "northern Idlib"
        m.span_start = i
        m.part = True
    i = m.span_start - 1
    if i >= 0 and _match_phrase(low, i, words["near"], forward=False):
        m.part = True


def _candidates(doc, gaz: Gazetteer, words: dict) -> list[_Mention]:
    ent_label = {}
    for ent in doc.ents:
        for t in range(ent.start, ent.end):
            ent_label[t] = ent
    blocked = {t for t, ent in ent_label.items() if ent.label_ in BLOCK_LABELS}
    low = [t.lower_ for t in doc]
    mentions: list[_Mention] = []

    # demonyms ("Syrian", "Russians"): NORP (or mis-tagged GPE) entities naming a country's people
    for ent in doc.ents:
        if ent.label_ in ("NORP", "GPE") and not doc[ent.start].is_lower:
            s = ent.start
            iso = gaz.demonym(ent.text)
            if not iso and ent.label_ == "NORP" and len(ent) > 1:  # "Aleppo Syrian" as one NORP
                s = ent.end - 1
                iso = gaz.demonym(doc[s].text)
            region = None
            if not iso:  # "South Ossetian", "Abkhaz": a region's people (data/regions.yaml)
                s = ent.start
                region = gaz.region_demonym(ent.text)
                iso = region.country_code if region else None
            if iso:
                mentions.append(_Mention(s, ent.end, "demonym", demonym=iso, region_entry=region))
                blocked.update(range(s, ent.end))
        elif ent.label_ in ("ORG", "FAC", "EVENT", "PRODUCT") and len(ent) > 1:
            # "the Russian Foreign Ministry", "American Electric Power": a demonym opening a name
            s = ent.start + (doc[ent.start].lower_ in words["determiners"])
            if s < ent.end - 1 and not doc[s].is_lower and doc[s + 1].text not in JOINERS:
                iso = gaz.demonym(doc[s].text)
                if iso:
                    mentions.append(_Mention(s, s + 1, "demonym", demonym=iso))
                    blocked.add(s)

    # a region's demonym spaCy did not tag as a people ("the Abkhaz and South Ossetian ...")
    for t in doc:
        if t.i not in blocked and t.text[:1].isupper() and t.pos_ in ("PROPN", "ADJ", "NOUN"):
            region = gaz.region_demonym(t.text)
            if region is not None:
                mentions.append(_Mention(t.i, t.i + 1, "demonym", demonym=region.country_code, region_entry=region))
                blocked.add(t.i)

    # gazetteer names over runs of capitalised words
    cache: dict[tuple[str, bool], list[Entry]] = {}

    def look(text: str, loose: bool) -> list[Entry]:
        k = (text, loose)
        if k not in cache:
            cache[k] = gaz.lookup_loose(text) if loose else gaz.lookup(text)
        return cache[k]

    found: list[tuple[int, int, Optional[list[Entry]]]] = []  # None: a continent
    run_of: dict[tuple[int, int], tuple[int, int]] = {}
    glued: set[int] = set()
    for rs, re_ in _runs(doc, blocked, words):
        i = rs
        while i < re_:
            country = _glued_possessive(doc[i], gaz)
            if country:  # "Syrias Hasakeh", "Frances": scraped text without apostrophes
                glued.add(i)
                found.append((i, i + 1, [country]))
                i += 1
                continue
            hit = None
            for j in range(min(re_, i + MAX_WORDS), i, -1):  # "North America": a continent
                if _ngram_ok(doc, i, j, words) and gaz.continent(doc[i:j].text):
                    hit = (j, None)
                    break
            for loose in (False, True) if hit is None else ():
                for j in range(min(re_, i + 2 * MAX_WORDS), i, -1):
                    suffixed = not loose and _ngram_ok(doc, i, j, words, suffixed=True)
                    if not suffixed and not _ngram_ok(doc, i, j, words):
                        continue
                    cands = _run_candidates(doc, low, i, j, loose, look, ent_label, words)
                    if suffixed:  # "Kansas City", "Hall County": a place of that very name, or nothing
                        cands = [e for e in cands if e.feature != "country" and e.match in ("name", "alt")]
                    if cands:
                        hit = (j, cands)
                        break
                if hit:
                    break
            if not hit:
                i += 1
                continue
            found.append((i, hit[0], hit[1]))
            run_of[(i, hit[0])] = (rs, re_)
            i = hit[0]
    matched = {t for i, j, _ in found for t in range(i, j)}
    # a name the gazetteer knows only loosely ("Stores Inc." ~ Stary Sacz) is still an unknown word
    known = {t for i, j, c in found if c is None or any(e.match != "loose" for e in c) for t in range(i, j)}
    covered: set[int] = set()
    for i, j, cands in found:
        if cands is None:
            mentions.append(_Mention(i, j, "region"))
            covered.update(range(i, j))
            continue
        source = _source(ent_label, i, j, words, known)
        if source in ("ngram", "other", "fragment") and _ends_unknown_name(doc, i, j, run_of.get((i, j)), matched, words):
            continue
        if source in ("other", "fragment") and not _person_piece_is_place(doc, i, j, ent_label, found, words):
            continue
        if source in ("other", "fragment", "associative") and _opens_a_brand(doc, i, j, cands, ent_label, known, words):
            continue
        ent = ent_label.get(i)
        if (source is not None and ent is not None and ent.label_ == "ORG" and any(t.text == "&" for t in ent)
                and not any(_major(e) for e in cands)):
            continue  # "Stevens & Wilkinson": a firm's partners' names; "Texas Parks & Wildlife" is Texas's
        if source is not None:
            fragment = source == "fragment" or _next_to_unknown_word(
                doc, i, j, run_of.get((i, j)), matched, words)
            m = _Mention(i, j, "other" if fragment or source == "associative" else source, cands,
                         fragment=fragment, associative=source == "associative")
            m.possessive = i in glued
            m.institution = source == "associative" and _names_a_public_body(doc, i, j, ent_label, words)
            labels = {ent_label[t].label_ for t in range(i, j) if t in ent_label}
            m.person = labels == {"PERSON"}
            mentions.append(m)
            covered.update(range(i, j))

    # spaCy place entities the runs did not cover: looked up as a whole, or kept unresolved
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS or any(
                t in covered or t in blocked for t in range(ent.start, ent.end)):
            continue
        s, e = _trim_entity(ent, words)
        if s >= e or not any(_is_wordlike(t) for t in doc[s:e]):
            continue
        text = doc[s:e].text
        if name_key(text) in words["supranational"] or gaz.continent(text):
            mentions.append(_Mention(s, e, "region"))
            covered.update(range(s, e))
            continue
        if e - s == 1 and (doc[s].lower_ in words["not_places"] or (doc[s].is_stop and not doc[s].is_upper)):
            continue
        cands = _keep_told_villages(look(text, False), doc, low, s, e, ent_label, words)
        if not cands and len(skeleton_key(text)) >= 4:
            cands = _keep_told_villages(look(text, True), doc, low, s, e, ent_label, words)
        if not cands and _looks_like_organisation(doc, ent, s, gaz, words):
            continue  # "the Syrian Observatory for Human Rights" tagged GPE: not a toponym
        mentions.append(_Mention(s, e, "ner", cands))
        covered.update(range(s, e))

    mentions.sort(key=lambda m: m.start)
    prev_end = 0
    for m in mentions:
        m.text = doc[m.start:m.end].text
        m.key = name_key(m.text)
        if m.demonym or m.possessive or (m.associative and not (
                m.end < len(doc) and doc[m.end].lower_ in ASSOCIATIVE_REGION_WORDS)):
            # "Minnesota Department of ...": no region word; but "Hall County Environmental
            # Health" names Hall County
            m.span_start, m.span_end = m.start, m.end
        else:
            _context_words(doc, low, m, words, prev_end)
        prev_end = max(prev_end, m.span_end)
    _share_plural_hints(doc, mentions, words)
    return mentions


LIST_JOINERS = {",", "and", "or", "&", "as", "well"}


def _list_before(doc, mentions: list[_Mention], k: int):
    """The mentions before mentions[k] in one list with it ("Becker, Clay and Wilkin"), nearest
    first: each joined to the next by commas and "and"/"or" only."""
    for j in range(k, 0, -1):
        between = doc[mentions[j - 1].span_end:mentions[j].start]
        if not len(between) or any(t.lower_ not in LIST_JOINERS for t in between):
            return
        yield mentions[j - 1]


def _share_plural_hints(doc, mentions: list[_Mention], words: dict) -> None:
    """"Becker, Clay and Wilkin counties", "the Donetsk and Luhansk regions": a plural region
    word closing a list names each toponym of the list, not only the last."""
    for k in range(len(mentions) - 1, 0, -1):
        m = mentions[k]
        if m.hint is None or m.span_end <= m.end or doc[m.span_end - 1].lower_ not in words["plural_suffixes"]:
            continue
        for prev in _list_before(doc, mentions, k):
            if prev.demonym or prev.hint is not None:
                break
            prev.hint = m.hint


def _looks_like_organisation(doc, ent, s: int, gaz: Gazetteer, words: dict) -> bool:
    """An unknown place entity that starts with a demonym or holds common words, numbers or
    acronyms ("Syrian Observatory for Human Rights", "Homs NGO AFP")."""
    if gaz.demonym(doc[s].text):
        return True
    for t in ent:
        if t.lower_ in words["directions"] or t.lower_ in words["determiners"]:
            continue
        if t.lower_ in words["not_places"] or t.is_digit or (t.is_upper and len(t) > 1):
            return True
    return False


def _next_to_unknown_word(doc, i: int, j: int, run: Optional[tuple[int, int]], matched: set[int],
                          words: dict) -> bool:
    """One matched word next to capitalised words the gazetteer does not know, in one run:
    likely a piece of a longer unknown name ("Khan" of "Khan Tuman", "Kafr" of "Kafr Zeita")."""
    if run is None or sum(1 for t in doc[i:j] if _is_wordlike(t)) > 1:
        return False
    rs, re_ = run
    for k in range(rs, re_):
        t = doc[k]
        if i <= k < j or k in matched or not _is_wordlike(t) or len(t) < 3 or t.is_stop:
            continue
        if t.lower_ in words["not_places"] or t.lower_ in words["connectors"]:
            continue
        return True
    return False


def _ends_unknown_name(doc, i: int, j: int, run: Optional[tuple[int, int]], matched: set[int],
                       words: dict) -> bool:
    """One matched word that closes a run after a capitalised word the gazetteer does not know:
    the head of a longer name ("Concordia College", "Taco Bell", "Wal-Mart", "Cares Day"), not a
    town; names open with their place ("Alexandria Police"), and Arabic ones with a generic
    word the gazetteer knows apart ("Kafr Zeita": see name_heads)."""
    if run is None or j != run[1] or j - i != 1:
        return False
    k = i - 1
    if k >= run[0] and doc[k].text in JOINERS and not doc[k].whitespace_:
        k -= 1
    if k < run[0]:
        return False
    t = doc[k]
    if t.is_stop or t.pos_ != "PROPN" or (t.is_upper and len(t) <= 3):
        return False  # "When Alexandria", "A Gainesville", "D-Florence" (a party and a town)
    return (_is_wordlike(t) and k not in matched and t.lower_ not in words["directions"]
            and t.lower_ not in words["connectors"] and t.lower_ not in words["determiners"]
            and name_key(t.text) not in words["name_heads"] and t.lower_.rstrip(".") not in words["person_titles"])




def _major(e: Entry) -> bool:
    """A country, a province or region, or a city of S.person_city people: a reading that words
    around a name do not overrule (a small town's name is often a person's or a firm's)."""
    return e.feature in ("country", "admin1", "region") or e.population >= S.person_city


def _person_piece_is_place(doc, i: int, j: int, ent_label: dict, found: list, words: dict) -> bool:
    """One word that spaCy read inside a person's name is a first name or a surname ("Mary
    Wheeler", "Abraham Lincoln"), though towns bear it, unless the name runs over a place: a place
    before a title ("Gainesville Mayor Myrtle Figueras") or after "of"/"from" ("James Tauber of
    Nelson"); or the "name" is places that lie together ("Sraqb Sarmin", two towns)."""
    ents = {ent_label[t] for t in range(i, j) if t in ent_label}
    if len(ents) != 1 or sum(1 for t in doc[i:j] if _is_wordlike(t)) != 1:
        return True
    ent = next(iter(ents))
    if ent.label_ != "PERSON" or len(ent) < 2:
        return True
    if i > ent.start and doc[i - 1].lower_ in ("of", "from"):
        return True
    if i == ent.start and any(t.lower_.rstrip(".") in words["person_titles"] for t in doc[j:ent.end]):
        return True
    pieces = [(a, b, c) for a, b, c in found if ent.start <= a and b <= ent.end and c]
    if any(_is_wordlike(t) and not any(a <= t.i < b for a, b, _ in pieces)
           and not any(t.lower_ in words[k] for k in ("determiners", "connectors", "suffix_words", "directions"))
           for t in ent):
        return False  # a word of the name that is no place
    if len(pieces) == 1:
        return True  # one place with an article beside it ("al Dumair")
    own = next((c for a, b, c in pieces if (a, b) == (i, j)), [])
    own = [e for e in own if e.match != "loose"]
    return any(km(e.lat, e.lon, o.lat, o.lon) <= S.list_km for a, b, c in pieces if (a, b) != (i, j)
               for o in c if o.match != "loose" and o.country_code for e in own if e.country_code == o.country_code)


def _any_word_in(toks, vocab: set[str]) -> bool:
    """A word of `toks` in `vocab`, as written or without a final "." or "s" ("Dept.", "Parks")."""
    return any(t.lower_.rstrip(".") in vocab or t.lower_.rstrip("s") in vocab for t in toks)


def _names_a_public_body(doc, i: int, j: int, ent_label: dict, words: dict) -> bool:
    """The organisation that opens with this name is the place's police, council, court or
    the like ("Oxford Police", "Alexandria City Council"): the name is surely the place's."""
    ent = ent_label.get(i)
    return ent is not None and _any_word_in([t for t in doc[j:ent.end] if _is_wordlike(t)],
                                            words["institution_words"])


def _opens_a_brand(doc, i: int, j: int, cands: list[Entry], ent_label: dict, known: set[int],
                   words: dict) -> bool:
    """One town's name opening an organisation's name with no word of a public body in it
    ("Ford Focus", "Templeton Construction", "Avalon Boulevard"): named for a person or a brand,
    not for the town, unlike "Athens Police Department" or "Lombard Historical Society". A
    country's or state's name is that country's or state's ("Ohio Partners for Affordable Energy"),
    and so is a big city's ("Paris Walmart")."""
    if any(_major(e) for e in cands if e.match != "loose"):
        return False
    ent = ent_label.get(i)
    if ent is None or ent.label_ != "ORG" or any(ent_label.get(t) is not ent for t in range(i, j)):
        return False
    if sum(1 for t in doc[i:j] if _is_wordlike(t)) != 1:
        return False
    first = ent.start + (doc[ent.start].lower_ in words["determiners"])
    if i != first:
        return False
    rest = [t for t in doc[j:ent.end] if _is_wordlike(t)]
    if not rest or all(t.i in known for t in rest):
        return False
    return not _any_word_in(rest, words["institution_words"] | words["person_titles"] | words["suffix_words"])


def _glued_possessive(tok, gaz: Gazetteer) -> Optional[Entry]:
    """The country of "Syrias" in "Syrias Aleppo" (a possessive whose apostrophe was lost)."""
    t = tok.text
    if len(t) > 4 and t.endswith("s") and t[0].isupper() and not t.isupper():
        for e in gaz.lookup(t[:-1]):
            if e.feature == "country":
                return e
    return None


def _titled(ent, words: dict) -> bool:
    """A title just before the name ("Sheriff Tom Moore", "Mr. Bell") or as its first word."""
    doc = ent.doc
    i = ent.start - 1
    if i >= 0 and doc[i].text == ".":
        i -= 1
    first = doc[ent.start].lower_.rstrip(".")
    return first in words["person_titles"] or (i >= 0 and doc[i].lower_.rstrip(".") in words["person_titles"])


def _source(ent_label: dict, i: int, j: int, words: dict, matched: set[int]) -> Optional[str]:
    """How an n-gram relates to spaCy's entities: ner, other, ngram; None to reject.
    `matched`: tokens of all gazetteer matches, to tell a list ("Hama Idlib") from a longer name
    ("Pacific Rim")."""
    ents = {ent_label[t] for t in range(i, j) if t in ent_label}
    if not ents:
        return "ngram"
    doc = next(iter(ents)).doc
    # region words right after the name are part of it ("Edgar County Sheriff's Department")
    while j < len(doc) and doc[j].lower_ in words["suffix_words"] and j in ent_label:
        j += 1
    for e in ents:
        inside = e.start <= i and j <= e.end and (e.start, e.end) != (i, j)
        rest = [t for t in e if t.i not in matched and _is_wordlike(t)
                and t.lower_ not in words["suffix_words"] and t.lower_ not in words["directions"]
                and t.lower_ not in words["determiners"] and t.lower_ not in words["connectors"]]
        if e.label_ in PLACE_LABELS:
            # "Pacific Rim" is neither "Pacific" nor "Rim": a part of a longer place name is weaker
            # evidence, and one word of it none
            if inside and rest:
                return "other" if sum(1 for t in e.doc[i:j] if _is_wordlike(t)) > 1 else None
            if inside and any(not i <= t.i < j and _is_wordlike(t) and t.i in matched for t in e):
                return "fragment"  # "Hama Idlib" is a list, or "Pacific Rim" a name: see _accept
            return "ner"
        if e.label_ == "PERSON" and _titled(e, words):
            return None  # "Mayor Curtis Bell": a person, though Curtis and Bell are towns
        if inside and e.label_ in ("ORG", "PERSON"):
            # a place name inside an organisation or person name ("Aleppo Media Center"), or
            # several places spaCy took for one name ("Sraqb Sarmin"); one place with only an
            # article or a region word beside it ("al Dumair") is that place, mis-tagged
            if not rest:
                if not any(t.i in matched and not i <= t.i < j and _is_wordlike(t) for t in e):
                    return "other"
                return "fragment"
            # an organisation named for its place ("Alexandria Police", "the University of
            # Alabama"): an associative toponym, kept but never where an event happens
            first = e.start + (e.doc[e.start].lower_ in words["determiners"])
            if e.label_ == "ORG" and (i == first or (i > e.start and e.doc[i - 1].lower_ == "of")):
                return "associative"
            return None
    return "other"


# --- context and scoring ---------------------------------------------------------------------


@dataclass
class _Context:
    evidence: dict  # name key -> Counter of ISO2 evidence that name gives
    countries: dict  # ISO2 -> share of the document's country evidence (the top country is 1.0)
    admin1: dict  # (cc, admin1) -> set of mention indexes naming it or a place in it
    anchors: list  # (mention index, key, lat, lon) of confident towns
    group_hint: dict  # name key -> region hint used by some mention of that name
    same_key: dict  # name key -> set of mention indexes
    others: dict = field(default_factory=dict)  # name key -> shares without its own evidence
    placed_evidence: bool = True  # some country evidence comes from places, not only demonyms


def _prior(e: Entry) -> float:
    """Score of an entry before any document context."""
    if e.source == "wof" and e.feature == "populated_place":  # a village (data/villages.yaml)
        s = math.log10(village_rules()["village_population"])
    elif e.feature == "populated_place":
        s = math.log10(e.population or S.unknown_population)
    else:
        s = S.w_feature.get(e.feature, 0.0)
    return s + S.w_match.get(e.match, 0.0)


def _size_weight(e: Entry) -> float:
    """How much a place says about the document's country: a hamlet little, a city fully."""
    if e.feature != "populated_place":
        return 1.0
    return min(1.0, max(0.1, (math.log10(e.population or S.unknown_population) - 3.5) / 2))


def _country_evidence(mentions: list[_Mention], resolved: bool) -> dict:
    """Countries the document is about, by name key of the mention that says so: a country
    named (1); a place whose likely readings are all in one country (up to 1, less for small
    places and for names spaCy did not tag as places); a demonym (0.5). After a first resolution
    (`resolved`), confident resolved places count instead of likely readings (up to 0.5)."""
    ev: dict = defaultdict(Counter)
    for m in mentions:
        w = S.evidence_attribute if m.attribute or m.associative else 1.0
        if m.demonym:
            ev[m.key][m.demonym] += S.evidence_demonym * w
            continue
        if not m.cands:
            continue
        named = [e for e in m.cands if e.feature == "country" and e.match != "loose"]
        if named and m.source in ("ner", "ngram"):
            ev[m.key][named[0].country_code] += w
            continue
        if m.source != "ner":
            w *= 0.5
        if resolved:
            if m.best is not None and m.confidence >= 0.5:
                ev[m.key][m.best.country_code] += w * S.evidence_resolved * _size_weight(m.best)
            continue
        priors = [_prior(e) for e in m.cands if e.match != "loose"]
        if not priors:
            continue
        top = max(priors)
        mass: Counter = Counter()
        for e, p in zip((e for e in m.cands if e.match != "loose"), priors):
            mass[e.country_code] += math.exp(SOFTMAX * (p - top))
        cc, v = mass.most_common(1)[0]
        share = v / sum(mass.values())
        if share >= 0.9:
            best = max((e for e in m.cands if e.country_code == cc), key=_prior)
            ev[m.key][cc] += w * share * _size_weight(best)
    return ev


def _shares(ev: dict, exclude: str | None = None) -> dict:
    """ISO2 -> share of the evidence (top country 1.0), leaving out one name's own evidence."""
    total: Counter = Counter()
    for key, c in ev.items():
        if key != exclude:
            total.update(c)
    top = max(total.values(), default=0.0)
    return {cc: v / top for cc, v in total.items() if v > 0} if top else {}


def _context(mentions: list[_Mention], resolved: bool) -> _Context:
    admin1: dict = defaultdict(set)
    anchors = []
    group_hint: dict = {}
    same_key: dict = defaultdict(set)
    for i, m in enumerate(mentions):
        same_key[m.key].add(i)
        if m.hint in ("admin1", "admin2") and m.key:
            group_hint.setdefault(m.key, m.hint)
        if m.demonym:
            continue
        if resolved:
            b = m.best
            if b is None or m.confidence < 0.4 or b.feature == "country":
                continue
            if b.admin1:
                admin1[(b.country_code, b.admin1)].add(i)
            if b.feature in ("populated_place", "admin2"):
                anchors.append((i, m.key, b.lat, b.lon))
        else:
            regions = [e for e in m.cands if e.feature == "admin1" and e.match in ("name", "variant")]
            if len(regions) == 1 and (m.hint == "admin1" or len(m.cands) <= 3):
                admin1[(regions[0].country_code, regions[0].admin1)].add(i)
    ev = _country_evidence(mentions, resolved)
    demonym_keys = {m.key for m in mentions if m.demonym}
    placed = any(sum(c.values()) > 0 for key, c in ev.items() if key not in demonym_keys)
    return _Context(ev, _shares(ev), admin1, anchors, group_hint, same_key, placed_evidence=placed)




def _within(whole: _Mention, region: Entry, e: Entry) -> bool:
    """`e` lies in `region`, one reading of the container mention `whole`. A town the text
    calls a district or province ("Ar Ramadi village, Albu Kamal district": the district's
    namesake town) stands for its region: nearby places of the same country and province."""
    if _contains(region, e):
        return True
    if region.feature != "populated_place" or whole.hint not in ("admin1", "admin2"):
        return False
    if region.country_code != e.country_code or region.geonames_id == e.geonames_id:
        return False
    if region.admin1 and e.admin1 and region.admin1 != e.admin1:
        return False
    return whole.hint == "admin1" or km(region.lat, region.lon, e.lat, e.lon) <= S.district_km


def _contains(region: Entry, e: Entry) -> bool:
    if region.country_code != e.country_code or region.geonames_id == e.geonames_id:
        return False
    if region.feature == "country":
        return e.feature != "country"
    if region.feature == "admin1":
        return e.feature in ("admin2", "populated_place") and e.admin1 == region.admin1
    if region.feature == "admin2":
        return (e.feature == "populated_place" and e.admin1 == region.admin1
                and e.admin2 == region.admin2)
    return False


def _score(e: Entry, m: _Mention, idx: int, mentions: list[_Mention], ctx: _Context) -> float:
    f = e.feature
    s = _prior(e)
    if f in ("admin1", "admin2") and any(
            c.feature == "populated_place" and c.country_code == e.country_code
            and c.admin1 == e.admin1 for c in m.cands):
        s += S.w_capital_of_region
    if m.hint:
        s += S.hint_penalty.get(m.hint, {}).get(f, 0.0)
        if m.hint == "village" and f == "populated_place" and e.population > S.village_population:
            s += S.w_big_for_village * math.log10(e.population / S.village_population)
    if m.hint in (None, "area") and m.key in ctx.group_hint:  # "Idlib" after "the Idlib region"
        s += S.w_group_hint * S.hint_penalty.get(ctx.group_hint[m.key], {}).get(f, 0.0)
    cc = e.country_code
    countries = ctx.others.get(m.key)
    if countries is None:
        countries = ctx.others[m.key] = _shares(ctx.evidence, exclude=m.key) or ctx.countries
    if countries:  # from "elsewhere" (no evidence) to the document's main country
        share = countries.get(cc, 0.0)
        # demonyms name actors' nationalities, not where things happen: alone they favour a
        # country but do not count against places elsewhere ("Russian shelling of Kharkiv")
        elsewhere = S.w_country_elsewhere if ctx.placed_evidence else S.w_country_elsewhere * 0.2
        s += S.w_country * share + elsewhere * (1 - share)
        if e.match == "alt":
            s += S.w_alt_elsewhere * (1 - share)
    own = ctx.same_key.get(m.key, set())
    if f != "country" and e.admin1 and ctx.admin1.get((cc, e.admin1), set()) - own:
        s += S.w_admin1_named
    if f in ("populated_place", "admin2") and ctx.anchors:
        d = min((km(e.lat, e.lon, lat, lon) for j, key, lat, lon in ctx.anchors if key != m.key),
                default=None)
        if d is not None:
            s += S.w_near[0] if d < 30 else S.w_near[1] if d < 100 else S.w_near[2] if d < 300 else 0.0
    if f == "admin2" and e.match == "variant" and m.hint is None and any(
            c.feature == "populated_place" and c.country_code == e.country_code and c.admin2 == e.admin2
            for c in m.cands):  # a district named for its seat: the town, unless "district" is said
        s += village_rules()["w_district_named_for_its_seat"]
    if _isolated_loose_village(e, m, ctx):
        s += village_rules()["w_isolated_loose_village"]
    if m.container is not None:
        whole = mentions[m.container]
        if any(_within(whole, r, e) for r in whole.cands):
            s += S.w_container
    for o in mentions:  # this is the container of another mention
        if o.container == idx and any(_within(m, e, c) for c in o.cands):
            s += S.w_container / 2
            break
    return s


def _resolve(m: _Mention, idx: int, mentions: list[_Mention], ctx: _Context) -> None:
    if not m.cands:
        m.best, m.confidence = None, 0.0
        return
    scores = [_score(e, m, idx, mentions, ctx) for e in m.cands]
    top = max(scores)
    best = m.cands[scores.index(top)]
    # probability of the best, counting candidates at the same spot (a town and its district)
    weights = [math.exp(SOFTMAX * (x - top)) for x in scores]
    same = sum(w for e, w in zip(m.cands, weights) if e.country_code == best.country_code and (
        km(e.lat, e.lon, best.lat, best.lon) < 25 or _contains(e, best) or _contains(best, e)))
    p = same / sum(weights)
    plausible = 1 / (1 + math.exp(-2 * (top - S.plausible_score)))
    m.best, m.scores, m.confidence = best, scores, p * plausible


def _find_containers(doc, mentions: list[_Mention], words: dict) -> None:
    """B contains A: "Paris, Texas", "Idlib, northwestern Syria", "Kefraya in Idlib province",
    "the Salah al-Din district of Aleppo" (then A is a part of B: `part_of`)."""
    by_start = {}
    for k, o in enumerate(mentions):
        by_start.setdefault(o.span_start, k)
        by_start.setdefault(o.start, k)
    for a, m in enumerate(mentions):
        if m.demonym:
            continue
        i = m.span_end
        if i >= len(doc):
            continue
        word = doc[i].lower_
        if word not in (",", "in", "of"):
            continue
        if word == "of" and m.hint not in ("admin2", "place", "village", "area"):
            continue
        j = i + 1
        while j < len(doc) and (doc[j].lower_ in words["determiners"]
                                or doc[j].lower_ in words["directions"]):
            j += 1
        b = by_start.get(j)
        if b is not None and mentions[b].possessive:  # "the Maadi district of Syrias Aleppo"
            b = by_start.get(mentions[b].end)
        if b is None or b == a or mentions[b].demonym:
            continue
        if m.hint in ("admin1", "admin2") and (mentions[b].hint == m.hint or (
                m.hint == "admin1" and mentions[b].hint == "admin2")):
            continue  # "Becker, Clay and Wilkin counties": a list of equals, none holds another
        if word == "of":
            m.part_of = b
            m.container = b
        elif mentions[b].hint in ("admin1", "admin2") or any(
                r.feature in ("admin1", "admin2", "country") for r in mentions[b].cands):
            m.container = b
    # "Becker, Clay and Wilkin counties in Minnesota": what holds the list's last holds them all
    for k in range(len(mentions) - 1, 0, -1):
        m = mentions[k]
        if m.container is None or m.part_of is not None or m.hint is None:
            continue
        for prev in _list_before(doc, mentions, k):
            if prev.hint != m.hint or prev.container is not None:
                break
            prev.container = m.container


def _title_case(sent) -> bool:
    """A headline-style sentence, where capitals say nothing about names: most of its words
    outside spaCy's names are capitalised ("Rebels Seize Key Town Near Aleppo"). A list of
    places ("Groznyy, Russia (Soviet Union)", "X village, Y district, Z Governorate") has few
    such words: three are too few to tell."""
    words = [t for t in sent if t.is_alpha and len(t) > 3 and not t.ent_type_]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) >= 0.6 * len(words)


def _accept(doc, m: _Mention, ctx: _Context, words: dict, lower_words: set[str],
            surnames: frozenset = frozenset()) -> bool:
    """Keep a candidate only with support: loose matches in the document's countries; gazetteer
    matches spaCy did not tag as places only when big enough or in the document's countries."""
    if m.source in ("demonym", "region"):
        return True
    if m.organisation:
        return False  # "Sana news agency": outlets' names are names, often of no place
    focus = {cc for cc, share in ctx.countries.items() if share >= S.focus_share}
    m.cands = [e for e in m.cands if e.match != "loose" or e.country_code in focus]
    toks = [t for t in doc[m.start:m.end] if _is_wordlike(t)]
    if len(toks) == 1 and toks[0].lower_ in lower_words and _title_case(toks[0].sent):
        return False  # "Kill" in a headline, "killed" in the text
    if (len(toks) == 1 and name_key(toks[0].text) in words["name_heads"] and m.end < len(doc)
            and _is_wordlike(doc[m.end]) and not doc[m.end].is_sent_start):
        return False  # "Tall" of "Tall Touqan": a word that opens names, not the town At Tall
    if m.fragment:  # a piece of a longer name: only a known place of the focus country
        m.cands = [e for e in m.cands if e.match != "code" and (
            (e.feature == "country" and e.match in ("name", "alias")) or (
                (e.country_code in focus or (e.country_code, e.admin1) in ctx.admin1)
                and (e.population >= 1000 or e.feature in ("admin1", "region"))))]
        return bool(m.cands)
    # "Meredith said": a small town does not speak; a capital or country may ("Damascus said")
    t = toks[0] if len(toks) == 1 else None
    if (t is not None and t.dep_ == "nsubj" and t.head.lemma_ in SPEECH_VERBS and not t.is_upper
            and not _told_as_place(doc, m, words) and m.cands and not any(_major(e) for e in m.cands)):
        return False
    if m.source == "ner" or m.institution:
        return True
    if not m.cands:
        return False
    # codes and abbreviations need spaCy's word; so do capitalised common words
    if any(t.text.isupper() and len(t.text) <= 4 for t in toks):
        return False
    single = len(toks) == 1
    if single and not _dateline(doc, m):
        t = toks[0]
        if (t.lower_ in words["not_places"] or t.is_stop or t.pos_ in NOT_NAME_POS
                or t.lower_ in lower_words):
            return False
        if _title_case(t.sent) and not (m.hint and m.hint != "area"):
            return False  # capitals say nothing in a headline, unless a region word follows: "Aleppo town"
        if (t.ent_type_ in OTHER_NAME_LABELS and not _told_as_place(doc, m, words)
                and not any(_major(e) for e in m.cands)):
            return False  # "Congress", "Democrat", "Passover": spaCy's name of something else
        if (t.dep_ in PERSON_ROLES and not t.is_upper and not t.is_sent_start
                and not _told_as_place(doc, m, words) and not any(_major(e) for e in m.cands)):
            return False  # "Welch went", "stabbed Welch", "Jones' appointment": someone, not a small town
        if m.person and t.text in surnames and not _told_as_place(doc, m, words):
            return False  # "Jones said" after "Bob Jones": a surname that some town also bears
    good = []
    for e in m.cands:
        if e.match == "code":
            continue
        in_doc = e.country_code in focus or (e.country_code, e.admin1) in ctx.admin1
        if not single:
            ok = in_doc or e.population >= 10000 or e.feature != "populated_place"
        elif e.feature == "country":
            ok = e.match in ("name", "alias")
        elif e.feature == "admin2" or e.match == "variant":
            ok = m.hint == e.feature  # "Johnson" is not Johnson County; in "Johnson and Clay counties" it is
        else:  # one word spaCy did not call a place: a big city, or a place in the focus country
            # (cities500 holds a place of unknown population, 0, because it is the seat of an
            # administrative division: a town that matters)
            ok = (e.population >= S.world_city and e.match == "name") or (in_doc and (
                e.population >= 1000 or e.population == 0 or e.feature in ("admin1", "region")))
        if ok:
            good.append(e)
    m.cands = good
    return bool(good)


def _actor_names(res) -> frozenset[str]:
    """Lower-cased aliases of the actor lexicon's named actors ("Taliban", "Hezbollah")."""
    lex = getattr(res, "actor_lexicon", None)
    return _lower_aliases(lex) if lex is not None else frozenset()


@functools.lru_cache(maxsize=8)
def _lower_aliases(lex) -> frozenset[str]:
    """Built once per lexicon."""
    from .actors import iter_aliases
    return frozenset(alias.lower() for alias, _ in iter_aliases(lex))


def _actor_word(doc, m: _Mention, armed: frozenset[str], words: dict) -> bool:
    """A name that is an armed group's ("Taliban", which a Turkish village also bears) is the
    group, unless it is a country or region or the text tells it as a place."""
    text = doc[m.start:m.end].text.lower()
    if text not in armed or _told_as_place(doc, m, words):
        return False
    return not any(e.feature in ("country", "admin1", "region", "admin2") for e in m.cands)


DATELINE_MARKS = {":", "—", "–", "--", "-", ","}


def _dateline(doc, m: _Mention) -> bool:
    """A name in capitals opening a sentence, then a colon or a dash ("BEIRUT: The body of ...",
    "MANSFIELD -- The council ..."): a dateline, the place the report was filed from."""
    toks = doc[m.start:m.end]
    return (doc[m.start].is_sent_start or (m.start > 0 and "\n" in doc[m.start - 1].text)) and all(
        t.is_upper or not _is_wordlike(t) for t in toks) and len(toks.text) > 2 and (
        m.end < len(doc) and doc[m.end].text in DATELINE_MARKS)


def _told_as_place(doc, m: _Mention, words: dict) -> bool:
    """Words around a name that make it a place whatever spaCy tagged it: a locative
    preposition before it ("in Jones"), region words ("Jones County", "the town of Jones"),
    or a comma and a capitalised word after it ("Jones, Okla.")."""
    if m.hint or m.part:
        return True
    i = m.start - 1
    if i >= 0 and doc[i].lower_ in words["locatives"]:
        return True
    return (m.end + 1 < len(doc) and doc[m.end].text == "," and doc[m.end + 1].text[:1].isupper()
            and doc[m.end + 1].ent_type_ in PLACE_LABELS)


def _person_word(doc, m: _Mention, gaz: Gazetteer, words: dict, focus: set[str]) -> bool:
    """"Hague" after "William Hague": one word that ends a person's name elsewhere in the
    document (not a country, not a place in the document's focus countries, not inside that very
    name; a "name" that starts with a place or has lower-case words in it is spaCy's mistake)."""
    if m.end - m.start != 1 or m.source in ("demonym", "region") or any(
            (e.feature in ("country", "admin1", "region") and e.source != "wof" and e.match != "variant")
            or (e.country_code in focus and e.population >= S.person_city)
            for e in m.cands) or _told_as_place(doc, m, words):
        return False  # (a province that only borrows the name, or one only villages name, does not count)
    word = doc[m.start].text
    for ent in doc.ents:
        if (ent.label_ != "PERSON" or len(ent) < 2 or ent[-1].text != word
                or ent.start <= m.start < ent.end):
            continue
        if any(t.is_lower and t.lower_ not in words["connectors"] for t in ent):
            continue
        first = ent[0].text
        if gaz.demonym(first) or _glued_possessive(ent[0], gaz) or any(
                e.population >= S.person_city or e.feature != "populated_place" for e in gaz.lookup(first)
                if e.source != "wof"):  # a village or a district only WOF knows says nothing of a name
            continue
        return True
    return False


def extract(doc, ann: Annotations, res) -> list[Place]:
    """Place mentions in text order, resolved against `res.gazetteer`."""
    gaz: Gazetteer = res.gazetteer
    words = place_words()
    mentions = _candidates(doc, gaz, words)
    if not mentions:
        return []
    ctx = _context(mentions, resolved=False)
    lower_words = {w for t in doc if t.is_lower for w in (t.lower_, t.lemma_.lower())}
    focus = {cc for cc, share in ctx.countries.items() if share >= S.focus_share}
    # last words of full names spaCy found ("Bob Jones"): alone, that word is the person
    surnames = frozenset(ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1)
    armed = _actor_names(res)
    mentions = [m for m in mentions if _accept(doc, m, ctx, words, lower_words, surnames)
                and not _person_word(doc, m, gaz, words, focus) and not _actor_word(doc, m, armed, words)]
    _find_containers(doc, mentions, words)
    for second in (False, True):  # with the names' own evidence, then with first resolutions
        ctx = _context(mentions, resolved=second)
        for i, m in enumerate(mentions):
            if not m.demonym:
                _resolve(m, i, mentions, ctx)
    for m in reversed(mentions):  # the holder, named after ("A of B in C"), falls back first
        _fall_back_to_whole(m, mentions, gaz)
    return datelines.mark(doc.text, [_place(doc, m, gaz) for m in mentions])


def _fall_back_to_whole(m: _Mention, mentions: list[_Mention], gaz: Gazetteer) -> None:
    """A toponym the gazetteer cannot place where the text says it is takes the place that
    holds it: "the X district of Aleppo" with no X near Aleppo is a part of Aleppo; "Sijaraz
    village, Azaz district" with no Sijaraz known, or only one far from Azaz, is placed at the
    district, with the district's precision (ACLED: the smallest named region that holds it).
    A province stands at the median of its towns there, not at the middle of its extent."""
    if m.part_of is not None:
        whole = mentions[m.part_of]
        known = m.best is not None and m.confidence >= S.min_confidence
        if whole.best is None or whole.best.feature == "country" or (
                whole.best.feature != "populated_place" and known) or (
                known and km(m.best.lat, m.best.lon, whole.best.lat, whole.best.lon) <= 50):
            return  # an unknown part of a district ("Banola area of Mendhar", Mendhar placed at
            # its district) stands at that district
        hint, why = "place", "a part of the place named beside it"
        if whole.best.feature in ("admin1", "admin2"):
            hint = whole.best.feature
    elif m.container is not None and (m.hint in ("admin2", "place", "village", "area") or _minor(m)):
        whole = mentions[m.container]
        b = whole.best
        if b is None or whole.confidence < S.min_confidence:
            return
        if b.feature == "country":
            # "Mogila location, Kenya": a village of that name in Macedonia is not it
            if m.best is not None and m.best.country_code != b.country_code and _minor(m):
                for o in mentions:
                    if o is m or (o.key == m.key and o.best == m.best):
                        o.best, o.confidence = None, 0.0
                        o.fallback = "no place of this name in the country named beside it"
            return
        if b.feature == "populated_place" and whole.hint not in ("admin1", "admin2"):
            if m.best is not None and m.confidence >= S.min_confidence and km(
                    m.best.lat, m.best.lon, b.lat, b.lon) <= 50:
                return
        elif m.best is not None and m.confidence >= S.min_confidence and _within(whole, b, m.best):
            return
        hint = whole.hint if whole.hint in ("admin1", "admin2") else "place"
        known = m.best is not None and m.confidence >= S.min_confidence
        why = ("no place of this name in the region named beside it" if known
               else "not in gazetteer") + ": placed at that region"
    else:
        return
    at = whole.best
    if at.feature == "admin1" and at.admin1:  # among the province's towns, not at its middle
        point = gaz.towns_median(at.country_code, at.admin1)
        if point:
            at = replace(at, lat=point[0], lon=point[1])
    for o in mentions:
        if o is m or (o.key == m.key and o.part_of is None and o.best == m.best):
            o.best, o.confidence = at, whole.confidence * S.part_of_factor
            o.hint, o.part, o.fallback = hint, False, why


def _minor(m: _Mention) -> bool:
    """A toponym read as a small town, read only loosely, or unknown: one that the region named
    beside it outranks ("Mendhar in Poonch district": no Mendhar in Poonch, so Poonch, not the
    Mathura that "Mendhar" loosely spells)."""
    return m.best is None or m.best.match == "loose" or (
        m.best.feature == "populated_place" and m.best.population < S.person_city)


def _place(doc, m: _Mention, gaz: Gazetteer) -> Place:
    sp = doc[m.span_start:m.span_end]
    span = Span(sp.start_char, sp.end_char, sp.text)
    if m.demonym and m.region_entry is not None:
        r = m.region_entry
        return Place(r.name, r.geonames_id, r.lat, r.lon, r.country_code, r.admin1, precision=3,
                     feature=r.feature, span=span, confidence=S.demonym_confidence, demonym=True)
    if m.demonym:
        c = gaz.country(m.demonym)
        if c is None:
            return Place(m.text, None, None, None, m.demonym, precision=3, feature="country",
                         span=span, confidence=S.demonym_confidence, demonym=True)
        return Place(c.name, c.geonames_id, c.lat, c.lon, c.country_code, precision=3,
                     feature="country", span=span, confidence=S.demonym_confidence, demonym=True)
    if m.source == "region":
        c = gaz.continent(m.text)
        if c is not None:  # a point for the toponym, too vague for any event to take it
            return Place(c.name, c.geonames_id, c.lat, c.lon, None, precision=3, span=span,
                         confidence=S.continent_confidence, feature="continent",
                         reason="a continent: GeoNames' point for it")
        return Place(m.text, None, None, None, None, precision=3, span=span, confidence=0.0,
                     feature="region", reason="a region larger than a country: no coordinates")
    e = m.best
    if e is None:
        return Place(m.text, None, None, None, None, precision=3, span=span, confidence=0.0,
                     feature="populated_place", reason=m.fallback or "not in gazetteer")
    if m.confidence < S.min_confidence:
        return Place(m.text, None, None, None, None, precision=3, span=span, confidence=0.0,
                     feature="populated_place",
                     reason=f"ambiguous: no gazetteer entry fits the document (best guess "
                            f"{e.name}, {e.country_code}, confidence {m.confidence:.2f})")
    precision = PRECISION[e.feature]
    if e.feature == "populated_place" and (m.part or m.hint in ("admin1", "admin2", "area")):
        precision = 2
    conf = m.confidence * S.source_confidence.get(m.source, 0.8)
    if m.attribute or m.associative:
        conf *= S.attribute_factor
    return Place(e.name, e.geonames_id, e.lat, e.lon, e.country_code, e.admin1, e.admin2,
                 precision=precision, feature=e.feature, span=span,
                 confidence=round(max(0.0, min(1.0, conf)), 3), reason=m.fallback,
                 associative=m.attribute or m.associative)
