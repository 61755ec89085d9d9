"""assemble: per article, turn triggers plus dates, places, actors and counts into event mentions.

Steps, each a small function:
1. sources (attribution) and counts (with scope) for the whole article;
2. one candidate mention per clause trigger group, keeping only triggers that are asserted
   (not negated, not under "will/could/vowed to/to escape"), specific (not a bare generic
   plural, not a habitual present) and not background (dated more than two weeks back);
3. date, place, actors and counts attached by dependency path first, then by sentence,
   then by the article's conventions (dateline date: on or shortly before publication);
4. mentions of the same event within the article (same type, compatible date and place:
   "the air strikes" in a later sentence) merged, figures for one victim group never added
   twice;
5. a mention is kept when it has an incident figure, or a specific date and an asserted,
   specific trigger. A mention whose only date is an open period ("since December 16") and
   that has no incident figure is an ongoing campaign, not an event: its figures stay claims.

What it does not do: merge across articles (`link`), or code events ACLED splits by day.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace

from .. import lang
from ..lexicon import load_yaml
from ..taxonomy import members
from ..model import Actor, ActorType, Annotations, Count, DateRange, EventMention, Place, Span, Trigger
from . import attribution, counts as counts_mod

GENERIC_DETS = {"the", "this", "that", "these", "those", "a", "an", "its", "their", "his", "her", "our"}
TERRITORY_SUBTYPES = members("territory_sub_event_types")
PROTEST_INTERVENTION = {"tear", "disperse", "water", "rubber", "arrest", "detain", "baton", "beat", "suppress",
                        "crackdown", "pepper", "stun"}
NON_VIOLENT_TRANSFER = "Non-violent transfer of territory"
INCLUSION = {"include", "contain", "comprise"}
CONTEXT_PREPOSITIONS = {"as", "amid", "amidst", "after", "following", "despite", "during"}
HEADLINE_TOLLS = {"dozens", "scores", "hundreds", "thousands", "several", "many"}
GENERIC_RANK = 5  # triggers this weak ("attack", "blast", "offensive") may refer back to an event
MIN_PLACE_CONFIDENCE = 0.4  # below this a resolution is a guess ("Britain-based Observatory")
PROTEST_FORCE = {"kill", "shoot", "ammunition", "dead", "die", "bullet", "excessive"}


def dateline_date(published: dt.date, news_day: DateRange | None = None) -> DateRange:
    """No date governs the event. The day the article's news happened, when another event of
    the article is dated within the two days before publication ("killed 18 people
    yesterday ... Two people were killed in Mandalay"); else news convention: on or shortly
    before publication."""
    if news_day is not None:
        return DateRange(news_day.start, news_day.end, news_day.precision, "date", news_day.span,
                         reason="no date expression governs the event: the day of the article's news")
    return DateRange(
        published - dt.timedelta(days=2), published, "week", "date", None,
        reason="no date expression governs the event: on or shortly before publication",
    )


def _news_day(mentions: list[EventMention], published: dt.date) -> DateRange | None:
    """The day of the article's news: the date of its first violent event, when that is one
    day within the two days before publication (an earlier incident told later in the article
    does not date the news)."""
    lead = next((m for m in mentions if m.event_type in VIOLENT_TYPES), None)
    d = lead.date if lead is not None else None
    if (d is not None and d.start is not None and d.end is not None and not d.reason and d.type == "date"
            and d.precision == "day" and d.start == d.end
            and published - dt.timedelta(days=2) <= d.start <= published):
        return d
    return None


def _tok_span(doc, span: Span):
    return doc.char_span(span.start, span.end, alignment_mode="expand")


def _reporting_date(doc, date: DateRange, trig_tok) -> bool:
    """Is this date attached to a reporting verb (said, reported) other than the trigger?"""
    sp = _tok_span(doc, date.span)
    if sp is None:
        return False
    verbs = attribution.reporting_verbs()
    tok = sp.root
    for _ in range(3):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok.i != trig_tok.i and tok.lemma_.lower() in verbs
    return False


def _headline_subject(verb) -> bool:
    """"Mob lynches man", "Grenade explosion kills one": a singular common noun with no
    determiner as subject is headline style, whose present tells what happened."""
    return any(c.dep_ == "nsubj" and c.tag_ == "NN" and not any(x.dep_ in ("det", "poss", "nummod") for x in c.children)
               for c in verb.children)


def _counted_toll(verb) -> bool:
    """"bombers kill dozens at airport", "gunmen kill 12": a counted object makes a present
    one occasion, told in the headline present."""
    return any(c.dep_ == "dobj" and (c.like_num or c.lower_ in HEADLINE_TOLLS or any(n.dep_ == "nummod" for n in c.children))
               for c in verb.children)


def asserted(trig_tok, on_past_day: bool = False) -> bool:
    """Is the trigger a real event: not negated, not modal/intended/feared, not habitual.

    `on_past_day`: a past calendar day governs it; a present verb is then a caption's or a
    headline's present ("Demonstrators clash with police in Caracas, April 4, 2017")."""
    if counts_mod.irrealis(trig_tok):
        return False
    verb = trig_tok if trig_tok.pos_ == "VERB" else None
    tok = trig_tok
    for _ in range(3):
        if tok.pos_ in ("VERB", "AUX"):
            verb = tok
            break
        if tok.head.i == tok.i:
            break
        tok = tok.head
    if verb is not None and verb.tag_ in ("VBZ", "VBP") and not counts_mod.perfect(verb) \
            and verb.lemma_ != "be":  # "a man is dead after a shooting": a state, not a habit
        # habitual present ("planes also target the routes") unless it is a progressive/perfect,
        # or counted doers make it one occasion told in the headline present ("two suicide
        # bombers blow themselves up in mosques")
        counted = any(c.dep_ in ("nsubj", "nsubjpass") and any(n.dep_ == "nummod" for n in c.children)
                      for c in verb.children) or _counted_toll(verb)
        if not any(c.dep_ in ("aux", "auxpass") for c in verb.children) and not counted \
                and not on_past_day and not _headline_subject(verb):
            return False
    return True


def _on_past_day(tok, dates: list[DateRange], published: dt.date, doc) -> bool:
    """Does a date of a week or less, before publication, govern the token?"""
    d = counts_mod.governing_date(tok, dates, doc)
    return d is not None and d.start is not None and d.end is not None and d.type == "date" \
        and (d.end - d.start).days <= 7 and d.end < published


def _context_stretch(doc, date: DateRange) -> bool:
    """A stretch of time told as the setting ("after weeks of fighting", "amid months of
    unrest", "as weeks of protests continued"), not as the event's own length."""
    sp = _tok_span(doc, date.span)
    return sp is not None and sp.root.dep_ == "pobj" and sp.root.head.lower_ in CONTEXT_PREPOSITIONS


def _definite(doc, trig: Trigger) -> bool:
    """A trigger noun told as known: "the attack", "these blasts"."""
    sp = _tok_span(doc, trig.span)
    return sp is not None and sp.root.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "these", "that", "those") for c in sp.root.children)


def _own_place(doc, tok, places: list[Place]) -> int | None:
    """The start of a place named inside the trigger's own phrase ("shelling of the village of
    X", "an air strike in Y"), or None."""
    inside = {t.idx for t in tok.subtree if t.i != tok.i}
    return next((p.span.start for p in places if p.span is not None and not p.demonym
                 and p.span.start in inside), None)


def _split_incidents(doc, groups: dict, counts: list[Count], places: list[Place]) -> dict:
    """One sentence may tell two incidents of one event type: "six were killed in shelling of
    X, while four died in an air strike on Y". Triggers of different sub-event types that each
    name their own place, or each hold their own figure, are two events, not one."""
    out: dict = {}
    for etype, members in groups.items():
        subs: dict[str, list] = {}
        for m in members:
            subs.setdefault(m[0].sub_event_type, []).append(m)
        if len(subs) < 2:
            out[etype] = members
            continue
        own_places = {sub: {_own_place(doc, tok, places) for _, tok in ms} - {None} for sub, ms in subs.items()}
        anchors = [a for c in counts if c.kind in ("killed", "injured", "casualties")
                   for a in [getattr(c, "_verb", None) or getattr(c, "_noun", None)] if a is not None]
        # the sub-types that hold a figure of their own (the figure's nearest trigger in the parse)
        holding = {min((_distance(a, tok), abs(a.i - tok.i), t.sub_event_type) for t, tok in members)[2]
                   for a in anchors}
        placed = sum(1 for v in own_places.values() if v)
        distinct_places = len(set().union(*own_places.values())) == placed
        if (placed == len(subs) and distinct_places) or len(holding) == len(subs):
            for sub, ms in subs.items():
                out[(etype, sub)] = ms
        else:
            out[etype] = members
    return out


def _retype_attack(doc, m: EventMention, triggers: list[Trigger]) -> None:
    """ACLED's Attack is violence against civilians. Told with all its sentences, an attack
    on protesters or a protest ("opened fire on protests", "killing three demonstrators") is
    Excessive force against protesters, and one whose only harmed are armed men ("killing five
    soldiers", "two guards were wounded") is a battle (Armed clash)."""
    if m.sub_event_type != "Attack":
        return
    harmed = [c for c in m.counts if c.kind in ("killed", "injured", "casualties") and c.scope == "incident"
              and not c.negated and not c.partisan and not c.attacker]
    crowd = _targets_vocab()["protesters"]
    nouns = [getattr(c, "_noun", None) for c in harmed]
    told = [t for t in triggers if t.sub_event_type == "Attack" and t.span is not None
            and any(s.start <= t.span.start < s.end for s in m.sentences)]
    roots = [sp.root for sp in (_tok_span(doc, t.span) for t in told) if sp is not None]
    aimed = any(x.lemma_.lower() in crowd for r in roots for x in r.subtree if x.i != r.i)
    if aimed or any(n is not None and n.lemma_.lower() in crowd for n in nouns):
        m.event_type, m.sub_event_type = "Protests", "Excessive force against protesters"
    elif harmed and all(c.victims in ("state_forces", "fighters") for c in harmed):
        m.event_type, m.sub_event_type = "Battles", "Armed clash"


def _one_per_place(doc, m: EventMention, places: list[Place]) -> list[EventMention]:
    """ACLED codes one event per place: an event told of a list of villages or districts ("the
    massacre took place in the villages of A and B", "others were killed in A and B") is one
    event at each. A figure told for one of them ("12 were killed in A and 14 in B") goes with
    it; the rest stay with the first, so that the article's toll is not counted twice."""
    if m.place is None or m.place.span is None or m.place.feature not in ("populated_place", "admin2"):
        return [m]
    sp = _tok_span(doc, m.place.span)
    if sp is None:
        return [m]
    listed = {t.i for t in sp.root.conjuncts}
    if not listed:
        return [m]
    others = []
    for p in places:
        psp = _tok_span(doc, p.span) if p.span is not None else None
        if (psp is None or psp.root.i not in listed or p.demonym or p.dateline or p.feature != m.place.feature
                or p.name == m.place.name or any(o.name == p.name for o in others)):
            continue
        others.append(p)
    names = {p.name for p in others}
    told = [c for c in m.counts if c.place is not None and c.place.name in names]
    m.counts = [c for c in m.counts if c.place is None or c.place.name not in names]
    return [m] + [replace(m, place=p, counts=[c for c in told if c.place.name == p.name],
                          sentences=list(m.sentences), sources=list(m.sources), flags=[]) for p in others]


def _another(doc, trig: Trigger) -> bool:
    """"in what appeared to be another attack", "a second blast", "a separate raid": the
    text says this is not an event told before."""
    sp = _tok_span(doc, trig.span)
    if sp is None:
        return False
    words = _targets_vocab()["new_event_determiners"]
    return any(c.dep_ in ("det", "amod") and c.lower_ in words for c in sp.root.children)


def _told_as_happening(tok) -> bool:
    """Is the verb a noun hangs from (through "and" too) in the simple past, or a past or
    progressive passive ("were held", "are being held")?"""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    verb = tok.head
    if verb.tag_ == "VBD":
        return True
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return verb.tag_ in ("VBN", "VBG") and bool(aux & {"was", "were", "being"})


def generic(trig_tok, actors_in: list, on_past_day: bool = False) -> bool:
    """A bare plural noun with no determiner, number, actor or place: "intense attacks".
    Not the subject of a verb a past day governs ("rioters set fire ..., November 11")."""
    if trig_tok.pos_ not in ("NOUN", "PROPN") or trig_tok.tag_ != "NNS":
        return False
    if on_past_day and trig_tok.dep_ == "nsubj":
        return False
    if trig_tok.dep_ == "pobj" and trig_tok.head.lower_ == "of":
        return False  # "hundreds of protesters", "days of attacks": quantified, not generic
    if any(c.dep_ == "acl" and c.tag_ == "VBN" for c in trig_tok.children) or (
            trig_tok.dep_ == "pobj" and trig_tok.head.lower_ == "by"):
        return False  # "rockets fired from Uganda", "killed by rockets": these ones, not a kind
    if trig_tok.dep_ == "nsubj" and _counted_toll(trig_tok.head):
        return False  # "suicide bombers kill dozens at the airport"
    if trig_tok.dep_ in ("nsubj", "nsubjpass", "dobj", "conj") and _told_as_happening(trig_tok):
        # "Air strikes hit the town", "rallies were held on Friday", "demonstrations are being
        # held", "supporters staged protests": a past or ongoing event, told as such
        return False
    lefts = list(trig_tok.lefts)
    if any(t.lower_ in GENERIC_DETS or t.pos_ in ("NUM", "PROPN") or t.dep_ == "poss" for t in lefts):
        return False
    if any(t.ent_type_ in ("NORP", "GPE", "ORG") for t in lefts):
        return False
    if actors_in:
        return False
    if any(c.dep_ == "prep" and c.lower_ in ("in", "on", "near", "at") for c in trig_tok.children):
        return False
    return True


def _distance(a, b) -> int:
    """Tree distance between two tokens (path length through their lowest common ancestor)."""
    anc_a = [a] + list(a.ancestors)
    idx = {t.i: n for n, t in enumerate(anc_a)}
    for n, t in enumerate([b] + list(b.ancestors)):
        if t.i in idx:
            return idx[t.i] + n
    return 99


def _attach_actors(doc, trig_tok, trig_span: Span, actors: list[Actor], victims_actor: Actor | None):
    """actor1: the side that acts; actor2: the side acted upon."""
    actor1 = actor2 = None
    scored = []
    for a in actors:
        sp = _tok_span(doc, a.span)
        if sp is None:
            continue
        root = sp.root
        # "the Al-Nusra Front terrorists were pushed back": the noun the name modifies is the argument
        for _ in range(3):
            if root.dep_ in ("compound", "amod", "nmod") and root.head.i != trig_tok.i and root.head.pos_ in ("NOUN", "PROPN") \
                    and not (trig_span.start <= root.head.idx < trig_span.end):
                root = root.head
        if a.span.start <= trig_span.start < a.span.end or trig_span.start <= a.span.start < trig_span.end:
            role = 1  # "Russian warplanes", "Russian air strikes"
        elif root.head.i == trig_tok.i and root.dep_ in ("amod", "compound", "nmod", "poss"):
            role = 1
        elif root.dep_ in ("nsubj", "agent") or root.head.dep_ == "agent" or (root.head.lower_ == "by" and root.dep_ == "pobj"):
            # the doer of this event, not of a clause that modifies something else ("the town,
            # seized by the militants two months ago")
            verb = root.head if root.dep_ in ("nsubj", "agent") else root.head.head
            role = -1 if root.dep_ != "nsubj" and verb.i != trig_tok.i and verb.dep_ == "acl" \
                and verb.head.i != trig_tok.i and trig_tok.i not in {t.i for t in verb.subtree} else 1
        elif root.dep_ == "pobj" and root.head.lower_ == "between":
            role = 1  # "clashes between the army and rebels": the first named side
        elif root.dep_ == "conj" and root.head.dep_ == "pobj" and root.head.head.lower_ == "between":
            role = 2
        elif root.dep_ == "pobj" and root.head.lower_ in ("with", "against", "on", "targeting"):
            role = 2
        elif root.dep_ in ("dobj", "nsubjpass"):
            role = 2
        else:
            role = 0
        scored.append((role, _distance(root, trig_tok), a))
    for role, dist, a in sorted(scored, key=lambda t: (t[1], t[2].span.start)):
        if a.type == ActorType.CIVILIANS or role == 2:
            if actor2 is None and (actor1 is None or a.name != actor1.name):
                actor2 = a
        elif role == 1 and actor1 is None and dist <= 6:
            actor1 = a
    if actor1 is None:
        for role, dist, a in sorted(scored, key=lambda t: t[1]):
            if a.type != ActorType.CIVILIANS and a is not actor2 and dist <= 4 and role >= 0:
                actor1 = a
                break
    if actor2 is None and victims_actor is not None and (actor1 is None or victims_actor.name != actor1.name):
        actor2 = victims_actor
    return actor1, actor2


def _place_for(doc, trig_tok, places: list[Place], sentence: Span) -> Place | None:
    """The most specific place in the trigger's sentence, nearer in the tree first. A village
    the trigger's own phrase names ("an air strike in the village of X") that the gazetteer does
    not know, or knows only as namesakes far from the report, is the event's place still, with
    no point, rather than another town or the country of the sentence."""
    inside = {t.idx for t in trig_tok.subtree if t.i != trig_tok.i}
    own_unknown = [p for p in places if p.span and p.span.start in inside and p.lat is None and not p.demonym
                   and p.feature == "populated_place" and (p.reason or "").startswith(("not in gazetteer", "ambiguous"))]
    if own_unknown:
        return own_unknown[0]
    cands = [p for p in places if p.span and sentence.start <= p.span.start < sentence.end
             and not p.demonym and not p.dateline and p.lat is not None and p.confidence >= MIN_PLACE_CONFIDENCE
             and not _not_where(doc, p)]
    if not cands:
        return None

    def key(p):
        sp = _tok_span(doc, p.span)
        d = _distance(sp.root, trig_tok) if sp is not None else 99
        return (p.precision, d, -p.confidence)

    return min(cands, key=key)


def _not_where(doc, p: Place) -> bool:
    """A place named for whose or who rather than where: a country modifying something that
    is not a place ("US air strikes", "Israeli jets", "Iran's proxies"); a capital or country
    speaking or acting ("Moscow vetoed the resolution", "weapons given by Washington",
    "Moscow's support"); the seat of a source ("the Observatory, based in Britain"); the
    country across a border ("near the border with Chad"); where a speaker sits ("the defence
    ministry in Moscow said", "told reporters in Geneva")."""
    sp = _tok_span(doc, p.span)
    if sp is None:
        return False
    root = sp.root
    places = _targets_vocab()["localities"]
    if p.feature == "country" and root.dep_ in ("compound", "amod", "nmod", "poss") \
            and root.head.lemma_.lower() not in places:
        return True
    if p.feature not in ("country", "populated_place"):
        return False
    head = root.head
    if root.dep_ == "poss" and head.lemma_.lower() not in places and head.pos_ in ("NOUN", "PROPN"):
        return True  # "Moscow's support", "Washington's allies"
    if root.dep_ == "nsubj" and head.lemma_.lower() in _targets_vocab()["speaking_verbs"]:
        return True  # "Moscow vetoed", "The U.S. said", "Ankara accused"
    if root.dep_ == "pobj" and head.lower_ == "by" and head.head.tag_ == "VBN" \
            and head.head.lemma_.lower() in _targets_vocab()["giving_verbs"]:
        return True  # "weapons given by Washington"
    if root.dep_ == "pobj" and head.lower_ == "in" and head.head.lemma_.lower() in _targets_vocab()["speakers"]:
        return True  # "the defence ministry in Moscow said", "told reporters in Geneva"
    if root.dep_ == "pobj" and head.lower_ in ("with", "of") and head.head.lemma_.lower() in _targets_vocab()["borders"]:
        return p.feature == "country"  # "near the border with Burkina Faso": the neighbour, not where
    return root.dep_ == "pobj" and head.lower_ == "in" and head.head.lemma_.lower() == "base"


def _fallback_place(doc, places: list[Place]) -> Place | None:
    """An event whose sentences name no place stands at the article's first place, at half its
    confidence; the dateline (where the report was filed) only when nothing else is named; a
    country named only as whose something is ("US drones") never."""
    usable = [p for p in places if not p.demonym and p.lat is not None and p.confidence >= MIN_PLACE_CONFIDENCE
              and not _not_where(doc, p)]
    told = [p for p in usable if not p.dateline]
    # the dateline stands for the event only in a report about its own country ("KABUL —
    # ... Afghan soldiers"), never in one filed from abroad ("MOSCOW — ... in Syria")
    countries = {p.country_code for p in places if not p.dateline and p.country_code}
    filed = [p for p in usable if p.dateline and (not countries or p.country_code in countries)]
    if told:
        p, why = told[0], "no place in the event's sentences: first place of the article"
    elif filed:
        p, why = filed[0], "no place in the event's sentences nor the article: where the report was filed"
    else:
        return None
    return Place(**{**p.__dict__, "confidence": round(p.confidence * 0.5, 3), "reason": why})


@lang.per_language
def _targets_vocab() -> dict[str, frozenset[str]]:
    """Each list of lang/en/targets.yaml as a set of lower-cased lemmas, read once."""
    return {k: frozenset(str(x).lower() for x in v or ()) for k, v in load_yaml("targets.yaml").items()}


def military_targets() -> frozenset[str]:
    """Lemmas (and two-word compounds) of armed forces and military objects, lang/en/targets.yaml."""
    return _targets_vocab()["military"]


def aimed_at_forces(trig_tok) -> bool:
    """"attacked a check point", "an attack by militants on a convoy", "attacked Arbaki forces":
    the attack's object or "on" target is an armed force or a military object."""
    targets = military_targets()
    objs = [c for c in trig_tok.children if c.dep_ in ("dobj", "nsubjpass")]
    for prep in (c for c in trig_tok.children if c.dep_ == "prep" and c.lower_ in ("on", "against")):
        objs += [g for g in prep.children if g.dep_ == "pobj"]
    objs += [g for o in objs for g in o.children if g.dep_ == "conj"]  # "a market and a military base"
    for o in objs:
        lemma = o.lemma_.lower()
        if lemma in targets or any(f"{t.lemma_.lower()} {lemma}" in targets for t in o.lefts):
            return True
    return False




def _taken_without_fighting(sent) -> bool:
    """Territory taken after its holders left ("seized the crossing after the army withdrew",
    "recaptured the city after troops pulled out") or told as unopposed ("entered the town
    without resistance") is ACLED's Non-violent transfer of territory, unless the sentence
    also tells fighting."""
    v = _targets_vocab()
    lemmas = [t.lemma_.lower() for t in sent]
    if set(lemmas) & v["fighting"]:
        return False
    for i, t in enumerate(sent):
        nxt = lemmas[i + 1] if i + 1 < len(lemmas) else ""
        if lemmas[i] in v["leaving"] and t.pos_ in ("VERB", "NOUN") or (lemmas[i] == "pull" and nxt in ("out", "back")):
            return True
        if lemmas[i] == "unopposed" or (lemmas[i] == "resistance" and (
                any(c.dep_ == "neg" or c.lower_ in ("no", "without") for c in t.head.children)
                or t.head.lower_ == "without" or any(c.lower_ in ("no", "any") for c in t.children))):
            return True
    return False


def _taken_out_of_use(tok, disruptors: frozenset[str]) -> bool:
    """Is the weapon what a verb of disruption acts on: its object or passive subject, through
    coordination, "of" and a relative clause of inclusion ("destroyed 342 mines and 288
    IEDs", "found a cache of mortars", "discovered arms which included grenades")?"""
    for _ in range(8):
        if tok.dep_ in ("conj", "appos", "pobj", "prep", "compound") and tok.head.i != tok.i:
            tok = tok.head
        elif tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in INCLUSION and tok.head.dep_ == "relcl":
            tok = tok.head.head  # "arms which included grenades": the arms
        else:
            break
    return tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in disruptors


def _violent_crowd(sent, words: frozenset[str]) -> bool:
    """A word of crowd violence in the sentence, not denied ("a non-violent demonstration",
    "was not violent")."""
    for t in sent:
        if t.lemma_.lower() not in words:
            continue
        before = t.doc[t.i - 2:t.i].text.lower().replace(" ", "") if t.i >= 1 else ""
        if before.endswith(("non-", "non")) or any(c.dep_ == "neg" for c in t.children) or \
                any(c.dep_ == "neg" for c in t.head.children):
            continue
        return True
    return False


def _fired_by_aircraft(sent, aircraft: frozenset[str]) -> bool:
    """An aircraft in the sentence as the one acting ("warplanes fired", "fired by drones",
    "from a helicopter", "drone missiles"), not as a target ("damaged passenger planes")."""
    for t in sent:
        if t.lemma_.lower() not in aircraft:
            continue
        if t.dep_ in ("nsubj", "compound", "poss") or (
                t.dep_ == "pobj" and t.head.lower_ in ("by", "from")):
            return True
    return False


def _weapons_or_crowds(trig_tok, etype: str, sub: str, sentence_lemmas: set[str]) -> tuple[str, str]:
    """Arms taken out of use ("police seized seven firearms", "troops cleared 300 mines") are
    ACLED's Disrupted weapons use, not territory taken nor an explosion; a clash with
    protesters is a riot, not a battle."""
    v = _targets_vocab()
    if sub in TERRITORY_SUBTYPES or trig_tok.lemma_.lower() in v["weapon_disruptors"]:
        objs = [c for c in trig_tok.children if c.dep_ in ("dobj", "nsubjpass")]
        objs += [g for o in objs for g in o.children if g.dep_ == "conj"]
        if any(o.lemma_.lower() in v["weapons"] for o in objs):
            return "Strategic developments", "Disrupted weapons use"
    if etype == "Explosions/Remote violence" and _taken_out_of_use(trig_tok, v["weapon_disruptors"]):
        return "Strategic developments", "Disrupted weapons use"  # "destroyed 342 mines and 288 IEDs"
    if sub == "Armed clash" and sentence_lemmas & v["crowds"]:
        return "Riots", "Violent demonstration"
    if sub == "Shelling/artillery/missile attack" and _fired_by_aircraft(trig_tok.sent, v["aircraft"]):
        return etype, "Air/drone strike"  # "warplanes fired a missile at ..."
    if etype == "Protests" and _violent_crowd(trig_tok.sent, v["crowd_violence"]):
        return "Riots", "Violent demonstration"  # "protesters smashed windows", "clashed with police"
    return etype, sub


def _lemmas_of_now(sent) -> set[str]:
    """The sentence's lemmas but those of a clause that tells another day ("rallied to mourn
    dozens of demonstrators killed last month": that killing is no force used at this rally)."""
    other_day = set()
    for t in sent:
        if t.dep_ in ("acl", "relcl") and any(x.ent_type_ == "DATE" and x.i != t.i for x in t.subtree):
            other_day |= {x.i for x in t.subtree}
    return {t.lemma_.lower() for t in sent if t.i not in other_day}


def _refine_subtype(trig: Trigger, sentence_lemmas: set[str], actor1: Actor | None) -> str:
    sub = trig.sub_event_type
    if trig.event_type == "Protests":
        if sentence_lemmas & PROTEST_FORCE:
            return "Excessive force against protesters"
        if sentence_lemmas & PROTEST_INTERVENTION:
            return "Protest with intervention"
    if sub in TERRITORY_SUBTYPES and actor1 is not None and actor1.type in members("government_side_actor_types"):
        return "Government regains territory"
    if sub in TERRITORY_SUBTYPES and actor1 is not None and actor1.type in members("non_state_armed_actor_types"):
        return "Non-state actor overtakes territory"
    return sub


def _compatible_dates(a: DateRange | None, b: DateRange | None) -> bool:
    if a is None or b is None or a.start is None or b.start is None:
        return True
    a_end, b_end = a.end or a.start, b.end or b.start  # an open end ("from now on") is its start
    return a.start <= b_end + dt.timedelta(days=1) and b.start <= a_end + dt.timedelta(days=1)


def _compatible_places(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return True
    if (a.lat is None) != (b.lat is None) and a.feature == b.feature == "populated_place" \
            and (a.lat is None and b.precision < 3 or b.lat is None and a.precision < 3):
        return False  # a village the gazetteer lacks is not the town named elsewhere
    if a.lat is None and b.lat is None:
        return a.name == b.name
    if a.country_code != b.country_code:
        return False
    if a.precision >= 3 or b.precision >= 3:
        return True
    return abs(a.lat - b.lat) + abs(a.lon - b.lon) < 0.6


def _narrower(a: DateRange | None, b: DateRange | None) -> DateRange | None:
    if a is None or a.start is None:
        return b
    if b is None or b.start is None:
        return a
    if a.reason and not b.reason:
        return b
    if b.reason and not a.reason:
        return a
    return a if (a.end - a.start) <= (b.end - b.start) else b


def _merge(into: EventMention, other: EventMention) -> None:
    into.counts.extend(c for c in other.counts if c not in into.counts)
    for s in other.sources:
        if s.name not in {x.name for x in into.sources}:
            into.sources.append(s)
    into.sentences.extend(s for s in other.sentences if s not in into.sentences)
    into.date = _narrower(into.date, other.date)
    if other.place is not None and (into.place is None or other.place.precision < into.place.precision):
        into.place = other.place
    victims = {c.victim_actor for c in into.counts if c.victim_actor}
    if into.actor1 is None and other.actor1 is not None and other.actor1.name not in victims:
        into.actor1 = other.actor1  # the victims of an event never become its actor1
    if into.actor2 is None or (other.actor2 is not None and into.actor2.type == ActorType.CIVILIANS and other.actor2.type != ActorType.CIVILIANS and into.event_type == "Battles"):
        into.actor2 = other.actor2 or into.actor2
    into.confidence = max(into.confidence, other.confidence)


VIOLENT_TYPES = members("violent_event_types")
ORPHAN_KINDS = {"killed", "injured", "casualties", "missing", "abducted"}


def _attach_orphans(doc, ann: Annotations, mentions: list[EventMention], dates: list[DateRange]) -> None:
    covered = {id(c) for m in mentions for c in m.counts}
    told = {ann.sentences.index(s) for m in mentions for s in m.sentences if s in ann.sentences}
    violent = [m for m in mentions if m.event_type in VIOLENT_TYPES]
    if not violent:
        return
    for c in ann.counts:
        if (id(c) in covered or c.sentence is None or c.sentence in told or c.negated
                or c.scope != "incident" or c.kind not in ORPHAN_KINDS):
            continue
        anchor = getattr(c, "_verb", None) or getattr(c, "_noun", None)
        date = counts_mod.governing_date(anchor, dates, doc) if anchor is not None else None

        def distance(m):
            first = min(ann.sentences.index(s) for s in m.sentences if s in ann.sentences)
            d = c.sentence - first
            return (0, d) if d >= 0 else (1, -d)

        for m in sorted(violent, key=distance):
            if _compatible_dates(m.date, date if date is not None and date.start is not None else None):
                m.counts.append(c)
                break


def assemble(doc, ann: Annotations, res) -> Annotations:
    """Fill ann.sources, ann.counts and ann.events."""
    published = ann.article.published
    sent_index = {s.start: i for i, s in enumerate(doc.sents)}
    ann.sources = attribution.extract(doc, ann)
    src_by_sent = attribution.by_sentence(ann.sources, ann.sentences)
    usable_dates = [d for d in ann.dates if d.span and d.start is not None]
    dated_or_duration = [d for d in ann.dates if d.span and (d.start is not None or d.type in ("duration", "set"))]
    vague_past = [d for d in ann.dates if d.span and counts_mod.vague_past(d)]
    ann.counts = counts_mod.build_counts(doc, ann.quantities, usable_dates + vague_past, published, sent_index,
                                         places=[p for p in ann.places if p.confidence >= MIN_PLACE_CONFIDENCE])
    for c in ann.counts:
        srcs = src_by_sent.get(c.sentence if c.sentence is not None else -1)
        if srcs:
            c.claimed_by = counts_mod.source_for(ann.article.text, ann.sentences[c.sentence].start, c, srcs)
        noun = getattr(c, "_noun", None)
        if noun is not None:
            for a in ann.actors:
                # a named side ("12 Syrian soldiers"); civilians stay a victim class, so that
                # "a toddler" and "12 people" are one group, not two
                if a.span.start <= noun.idx < a.span.end and a.type != ActorType.CIVILIANS:
                    c.victim_actor = a.name
    counts_mod.mark_partisan(doc, ann.counts, ann.quantities, src_by_sent, sent_index,
                             attribution.reporting_verbs())
    cfg = counts_mod.vocab()
    background = published - dt.timedelta(days=cfg["background_days"])

    # 2-3. candidate mentions, one per trigger group in a sentence
    by_sent: dict[int, list[Trigger]] = {}
    for t in ann.triggers:
        by_sent.setdefault(t.sentence, []).append(t)
    mentions: list[EventMention] = []
    main_trigger: dict[int, Trigger] = {}
    split: set[int] = set()  # mentions of one sentence's incidents told apart (_split_incidents)
    for si, trigs in sorted(by_sent.items()):
        sentence = ann.sentences[si]
        source_spans = [(x.span.start, x.span.end) for x in src_by_sent.get(si, []) if x.span]
        sent_actors = [a for a in ann.actors if a.span and sentence.start <= a.span.start < sentence.end
                       and not any(s0 <= a.span.start < s1 for s0, s1 in source_spans)]
        live = []
        for t in trigs:
            sp = _tok_span(doc, t.span)
            if sp is None or t.negated:
                continue
            tok = sp.root
            own_actors = [a for a in sent_actors if _tok_span(doc, a.span) is not None and
                          _tok_span(doc, a.span).root.head.i == tok.i]
            if t.event_type == "Riots" and tok.dep_ == "compound" and tok.head.lemma_.lower() in _targets_vocab()["riot_gear"]:
                continue  # "riot police"
            past_day = _on_past_day(tok, usable_dates, published, doc)
            if not asserted(tok, past_day) or generic(tok, own_actors, past_day):
                continue
            live.append((t, tok))
        if not live:
            continue
        # one mention per event type in a sentence; the highest-ranked trigger names it
        groups: dict[str, list] = {}
        for t, tok in live:
            groups.setdefault(t.event_type, []).append((t, tok))
        # a bare "killed" attaches to a more specific trigger in the same sentence ("arrested
        # over the killing of ..."), but not to property burned ("attacked the checkpoint ...
        # after setting fire to two vehicles" is the attack)
        others = [g for et, g in groups.items() if et != "Violence against civilians"]
        if others and "Violence against civilians" in groups and all(
            t.rank <= 2 for t, _ in groups["Violence against civilians"]
        ) and not all(t.sub_event_type == "Looting/property destruction" for g in others for t, _ in g):
            del groups["Violence against civilians"]
        # property burned or looted by rioters is the riot (ACLED: Violent demonstration), and
        # burned in an attack or a battle is part of it
        if "Strategic developments" in groups and any(et in groups for et in VIOLENT_TYPES):
            groups["Strategic developments"] = [m for m in groups["Strategic developments"]
                                                if m[0].sub_event_type != "Looting/property destruction"]
            if not groups["Strategic developments"]:
                del groups["Strategic developments"]

        groups = _split_incidents(doc, groups, [c for c in ann.counts if c.sentence == si], ann.places)

        def head_key(m):
            # territory that changed hands names the battle that took it ("took control of the
            # district amid fighting"), as ACLED codes it
            return (m[0].sub_event_type in TERRITORY_SUBTYPES, m[0].rank, -m[0].span.start)

        heads = {etype: max(members, key=head_key) for etype, members in groups.items()}

        def nearest_group(c):
            anchor = getattr(c, "_verb", None) or getattr(c, "_noun")
            return min(heads, key=lambda et: (_distance(anchor, heads[et][1]), abs(anchor.i - heads[et][1].i)))

        # each figure belongs to one event of the sentence: the one nearest in the parse
        owner = {id(c): nearest_group(c) for c in ann.counts if c.sentence == si}
        for key, members in groups.items():
            t, tok = heads[key]
            etype = t.event_type
            sent_counts = [c for c in ann.counts if c.sentence == si and owner[id(c)] == key]
            date = counts_mod.governing_date(tok, dated_or_duration, doc, own_clauses=True)
            if date is not None and date.type in ("duration", "set") and date.start is None:
                if _context_stretch(doc, date):
                    date = None  # "after weeks of fighting", "as weeks of unrest continued"
                else:
                    continue  # "has fought the government for years", "shelled daily": not one event
            if date is not None and date.end is None:
                date = None
            if date is not None and _reporting_date(doc, date, tok):
                # "..., officials said on Monday", "as reported on 21 March": the report's date;
                # the event is on it or in the days before
                date = DateRange(date.end - dt.timedelta(days=6), date.end, "week", "date", date.span,
                                 reason="date of the report, not of the event: on or up to a week before")
            if date is not None and date.end < background:
                continue  # background history, not news
            victims_actor = None
            for c in sent_counts:
                if c.kind == "killed" and c.victims in ("civilians", "children") + tuple(cfg["civilian_subgroups"]):
                    victims_actor = next((a for a in ann.actors if a.type == ActorType.CIVILIANS and a.span and
                                          a.span.start <= getattr(c, "_noun").idx < a.span.end), None)
            victim_names = {c.victim_actor for c in sent_counts if c.victim_actor}
            actor1, actor2 = _attach_actors(doc, tok, t.span, sent_actors, victims_actor)
            if actor1 is not None and actor1.name in victim_names:
                actor2 = actor2 or actor1
                actor1 = None
            lemmas = {x.lemma_.lower() for x in tok.sent}
            sub = _refine_subtype(t, _lemmas_of_now(tok.sent), actor1)
            etype, sub = _weapons_or_crowds(tok, etype, sub, lemmas)
            if sub in TERRITORY_SUBTYPES and _taken_without_fighting(tok.sent):
                etype, sub = "Strategic developments", "Non-violent transfer of territory"
            if etype == "Violence against civilians" and sub == "Attack":
                kinds_victims = {(c.kind, c.victims) for c in sent_counts}
                civilians_hit = any(v in ("civilians", "children") for _, v in kinds_victims)
                if not civilians_hit and (any(v in ("state_forces", "fighters") for _, v in kinds_victims)
                                          or aimed_at_forces(tok)):
                    etype, sub = "Battles", "Armed clash"
            m = EventMention(
                article_id=ann.article.id,
                event_type=etype,
                sub_event_type=sub,
                date=date,
                place=_place_for(doc, tok, ann.places, sentence),
                actor1=actor1,
                actor2=actor2,
                counts=[c for c in sent_counts if not c.negated],
                sources=list(src_by_sent.get(si, [])),
                sentences=[sentence],
                trigger=t.span,
                confidence=min(0.95, 0.4 + 0.05 * t.rank),
            )
            mentions.append(m)
            main_trigger[id(m)] = t
            if isinstance(key, tuple):
                split.add(id(m))

    # 4. merge mentions of the same event within the article
    definite = {id(m): _definite(doc, main_trigger[id(m)]) for m in mentions}
    merged: list[EventMention] = []
    for m in mentions:
        rank = main_trigger[id(m)].rank
        incident = any(c.scope == "incident" for c in m.counts)
        target = None
        for e in ([] if _another(doc, main_trigger[id(m)]) else merged):
            same_type = e.event_type == m.event_type
            if same_type and id(e) in split and id(m) in split and e.sentences[0] == m.sentences[0]:
                continue  # one sentence's two incidents, told apart by _split_incidents
            # "the attack", "the blast" after an event was told: the same event, not a new one
            # (of an event of the same kind: "the shooting" never refers back to an arrest)
            # "Six people were killed in the attacks": a definite weak trigger refers back with
            # its figures ("another attack", "an attack" tell a new one)
            anaphor = (rank <= GENERIC_RANK and (not incident or definite[id(m)])
                       and not (m.date is not None and m.date.open_start)
                       and (e.event_type in VIOLENT_TYPES) == (m.event_type in VIOLENT_TYPES))
            # territory taken, told twice, once as taken after its holders left
            handover = NON_VIOLENT_TRANSFER in (e.sub_event_type, m.sub_event_type) and all(
                main_trigger[id(x)].sub_event_type in TERRITORY_SUBTYPES for x in (e, m))
            if (same_type or anaphor or handover) and _compatible_dates(e.date, m.date) and _compatible_places(e.place, m.place):
                target = e
                break
        if target is None:
            merged.append(m)
        else:
            if same_type and rank > main_trigger[id(target)].rank:
                target.sub_event_type, target.trigger = m.sub_event_type, m.trigger
                main_trigger[id(target)] = main_trigger[id(m)]
            if m.sub_event_type == NON_VIOLENT_TRANSFER and target.sub_event_type in TERRITORY_SUBTYPES:
                target.event_type, target.sub_event_type = m.event_type, m.sub_event_type
            _merge(target, m)

    # 4b. figures told in sentences with no event word of their own ("An autopsy revealed the
    # three victims died of gunshot wounds") belong to the nearest violent event told before
    # them (else after), when their dates agree
    _attach_orphans(doc, ann, merged, dated_or_duration)

    # 4c. an attack is typed by all it is told with, once its mentions are one
    for m in merged:
        _retype_attack(doc, m, ann.triggers)

    # 5. keep real events
    events = []
    for m in merged:
        incident = [c for c in m.counts if c.scope == "incident" and not c.negated]
        if m.date is not None and m.date.open_start and not incident:
            continue
        # a running total told as news is no event of its own; a population figure beside a
        # trigger ("as Hamburg hosts the Group of 20") tells nothing of it
        harm = [c for c in m.counts if c.kind not in ("population", "refugees")]
        if not incident and harm and m.date is None:
            continue
        if m.date is None:
            m.date = dateline_date(published, _news_day(merged, published) if m.event_type in VIOLENT_TYPES else None)
        if m.place is None:
            m.place = _fallback_place(doc, ann.places)
        if m.sub_event_type in cfg["no_fatality_subtypes"] and any(x.event_type in VIOLENT_TYPES for x in merged):
            # a deal, an arrest, a peaceful rally, a base set up: the dead told beside it died
            # in the violent event the article tells (ACLED codes such events with no fatalities)
            m.counts = [c for c in m.counts if c.kind not in ("killed", "injured", "casualties")]
        # running totals over long periods and context figures are claims, not this event's
        m.counts = [c for c in m.counts if c.scope == "incident" or (
            c.scope == "cumulative" and c.period is not None and c.period.start is not None
            and (c.period.end - c.period.start).days <= cfg["max_incident_days"])]
        events.append(m)
    events = [x for m in events for x in _one_per_place(doc, m, ann.places)]
    for i, m in enumerate(events):
        m.mention_id = hashlib.sha1(f"{ann.article.id}:{i}".encode()).hexdigest()[:16]
        flag = counts_mod.toll_flag(m.fatalities)
        if flag:
            m.flags.append(flag)
    ann.events = events
    return ann
