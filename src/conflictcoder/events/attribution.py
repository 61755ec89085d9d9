"""attribution: who says so. One `Source` per attribution phrase, keyed by sentence.

Finds "according to X", "X said/reported/added", inverted "..., added the monitor", and
normalises X through `lang/en/sources.yaml`: a known alias gives the canonical name; a phrase
headed by a generic source noun ("local officials", "a civil defence agency") is kept as a
cleaned phrase of that kind; a definite back-reference ("the monitor") takes the last named
source of the same kind in the article. Pronouns ("he said") give no source.

A source that is a party to the fighting, an armed group's own media (`lang/en/sources.yaml`,
kind `party`) or a phrase naming a non-state armed actor ("Taliban sources", "the rebels
said"), gets kind `party`: `events/assemble` keeps its figures as partisan claims.

What it does not do: grade reliability beyond that, or attribute across paragraphs beyond
that back-reference.
"""

from __future__ import annotations

import re

from .. import lang
from ..lexicon import load_yaml
from ..model import Annotations, Source, Span
from ..taxonomy import members


@lang.per_language
def _vocab():
    cfg = load_yaml("sources.yaml")
    aliases = []
    for s in cfg["sources"]:
        for a in s["aliases"]:
            aliases.append((str(a), s["name"], s["kind"]))
    aliases.sort(key=lambda t: len(t[0]), reverse=True)
    alias_re = [
        (re.compile(rf"(?<![\w-]){re.escape(a)}(?![\w-])", 0 if a.isupper() else re.IGNORECASE), name, kind)
        for a, name, kind in aliases
    ]
    generic = []
    for kind, nouns in cfg["generic"].items():
        for n in nouns:
            generic.append((str(n), kind))
    generic.sort(key=lambda t: len(t[0]), reverse=True)
    return alias_re, generic, set(cfg["reporting_verbs"])


def reporting_verbs() -> set[str]:
    """Lemmas of verbs that attribute ("say", "report", ...), from sources.yaml."""
    return _vocab()[2]


def normalise(phrase: str, prior: list[Source]) -> tuple[str, str] | None:
    """(canonical name, kind) for a source phrase, or None if it names no source."""
    alias_re, generic, _ = _vocab()
    for rx, name, kind in alias_re:
        if rx.search(phrase):
            return name, kind
    low = phrase.lower()
    for noun, kind in generic:
        if re.search(rf"\b{re.escape(noun)}\b", low):
            if re.match(r"^(the|this|that)\s+(\w+\s+)?" + re.escape(noun) + r"$", low):
                for s in reversed(prior):
                    if s.kind == kind and s.name.lower() != low:
                        return s.name, kind
            cleaned = re.sub(r"^(a|an|the)\s+", "", phrase.strip(), flags=re.IGNORECASE)
            return cleaned[:1].upper() + cleaned[1:], kind
    return None


def _phrase(token):
    """The noun phrase headed by `token`, without trailing relative clauses or appositions."""
    left = token.left_edge.i
    right = token.i
    for child in token.rights:
        if child.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj"):
            break
        right = child.right_edge.i
    return token.doc[left:right + 1]


def extract(doc, ann: Annotations, res=None) -> list[Source]:
    """Sources in text order; each Source's span names it."""
    _, _, verbs = _vocab()
    found: list[Source] = []
    chunk_ending = {c.end: c for c in doc.noun_chunks}
    chunk_starting = {c.start: c for c in doc.noun_chunks}
    event_words = {t.span.start for t in getattr(ann, "triggers", None) or [] if t.span is not None}
    for sent in doc.sents:
        heads = []
        for tok in sent:
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                objs = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
                heads.extend(objs)
            elif tok.lemma_ in verbs and tok.pos_ == "VERB":
                subj = [c for c in tok.children if c.dep_ == "nsubj"]
                if subj:
                    heads.extend(subj)
                elif tok.i in chunk_ending:  # "..., a local agency said" parsed loosely
                    heads.append(chunk_ending[tok.i].root)
                elif tok.i + 1 in chunk_starting:  # inverted: "..., added the monitor"
                    heads.append(chunk_starting[tok.i + 1].root)
        for h in heads:
            if h.idx in event_words:
                continue  # "An attack by militants ... left 12 dead, a source told ...": a parse slip; events say nothing
            if h.pos_ == "PRON" or h.ent_type_ == "PERSON" and not normalise(h.text, found):
                if h.ent_type_ == "PERSON":
                    phrase = _phrase(h)
                    # "Sheikh X, al-Shabab's spokesman": the person speaks for the party named beside him
                    role = next((_armed_party(doc[a.left_edge.i:a.right_edge.i + 1], ann)
                                 for a in h.children if a.dep_ == "appos"), None)
                    found.append(Source(role or phrase.text, Span(phrase.start_char, phrase.end_char, phrase.text),
                                        "party" if role else "witness"))
                continue
            phrase = _phrase(h)
            hit = normalise(phrase.text, found)
            party = _armed_party(phrase, ann)
            if party is not None and (hit is None or hit[1] in GENERIC_KINDS_A_PARTY_OVERRULES):
                hit = (hit[0] if hit and hit[1] == "party" else party, "party")
            if hit:
                found.append(Source(hit[0], Span(phrase.start_char, phrase.end_char, phrase.text), hit[1]))
    found.sort(key=lambda s: s.span.start)
    return found


# A generic source noun of these kinds that belongs to an armed group ("a Taliban spokesman",
# "Houthi media") speaks for a party to the fighting.
GENERIC_KINDS_A_PARTY_OVERRULES = {"government", "media", "witness"}
# ACLED inter codes of non-state armed actors: rebel groups, political and identity militias
ARMED_PARTY_TYPES = members("non_state_armed_actor_types")


def _armed_party(phrase, ann: Annotations) -> str | None:
    """The canonical name of a non-state armed actor named in a source phrase ("Taliban
    sources", "the rebels", "an al-Shabaab spokesman"), or None. Such a source is a party to
    the fighting, and its figures are claims of its own side."""
    for a in getattr(ann, "actors", None) or []:
        if (a.span is not None and a.type in ARMED_PARTY_TYPES
                and phrase.start_char <= a.span.start and a.span.end <= phrase.end_char):
            return a.name
    return None


def by_sentence(sources: list[Source], sentences: list[Span]) -> dict[int, list[Source]]:
    """Sentence index -> sources whose span lies in it."""
    out: dict[int, list[Source]] = {}
    for s in sources:
        for i, sent in enumerate(sentences):
            if sent.start <= s.span.start < sent.end:
                out.setdefault(i, []).append(s)
                break
    return out
