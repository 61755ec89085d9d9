"""triggers: event words ("air strikes", "shelled", "clashes", "seized") typed with ACLED's taxonomy.

The vocabulary is data (`lang/en/triggers.csv`: lemma pattern, part of speech, event type,
sub-event type, rank); this module only indexes it by first word and reports matches.
A pattern "HEAD > DEPENDENT" is matched on the parse instead of the word sequence: a verb
whose object (or passive subject, or the noun after "of" in either: "a cache of arms") is one
of the dependents ("discover|seize > @weapons": the arms found, not territory taken); in a
NOUN row, a noun that is "of", "on", "against" or "by" one, or has one as its compound ("the
burning of shops", "raids by helicopters"). "|"
separates alternatives, "@name" is a list of `lang/en/targets.yaml`, and a two-word head is a
verb with its particle ("set up").

What it does not do: decide whether a trigger is a real, specific, asserted event (that needs
the whole clause: tense, modality, dates; `events/assemble` decides), or refine sub-event
types from context (protest met with tear gas, territory taken by state forces): also assembly.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from spacy.util import filter_spans

from ..lexicon import data_path, load_yaml
from ..model import Annotations, Span, Trigger

POS_OK = {
    "NOUN": {"NOUN", "PROPN"},
    "VERB": {"VERB"},
    "ANY": {"NOUN", "PROPN", "VERB", "ADJ"},
}


PARTICLES = {"back", "out", "up", "down", "off", "away", "over"}
# where the thing a verb acts on hangs from it
OBJECT_DEPS = {"dobj", "nsubjpass"}


@dataclass(frozen=True)
class TriggerEntry:
    pattern: str
    pos: str
    event_type: str
    sub_event_type: str
    rank: int


@dataclass(frozen=True)
class DependencyEntry:
    """A "HEAD > DEPENDENT" row, compiled: head verbs (lemma, particle) and dependent lemmas."""

    index: int
    heads: frozenset[tuple[str, str]]
    dependents: frozenset[str]
    noun: bool = False  # a NOUN row: the head is a noun, its dependents what it is "of" or "on"


def _forms(word: str, verb: bool) -> list[str]:
    """A word as written with its plural, and for verbs its inflections, for where the
    lemmatiser strays ("bases": "basis", "raped": "rap")."""
    forms = [word, word + "s", word + "es"]
    if verb:
        forms += [word + "d", word + "ing", word[:-1] + "ing"] if word.endswith("e") else [word + "ed", word + "ing"]
    return forms


def _alternatives(text: str, lists: dict) -> list[str]:
    out = []
    for alt in (a.strip() for a in text.split("|")):
        if alt.startswith("@"):
            if alt[1:] not in lists:
                raise ValueError(f"triggers.csv: no list {alt[1:]!r} in targets.yaml")
            out += [str(x).lower() for x in lists[alt[1:]]]
        elif alt:
            out.append(alt.lower())
    return out


class TriggerLexicon:
    """Rows of triggers.csv, indexed by the words that open them."""

    def __init__(self, entries: list[TriggerEntry], lists: dict | None = None):
        self.entries = entries
        lists = lists if lists is not None else load_yaml("targets.yaml")
        self.dependency_entries = []
        for i, e in enumerate(entries):
            if ">" not in e.pattern:
                continue
            head, dep = e.pattern.split(">", 1)
            heads = frozenset(tuple((h.split() + [""])[:2]) for h in _alternatives(head, lists))
            self.dependency_entries.append(
                DependencyEntry(i, heads, frozenset(_alternatives(dep, lists)), noun=e.pos == "NOUN"))
        # word patterns: first word (lemma "L", or a form as written "W") -> [(entry, words,
        # forms of each word)], so a token is tried only against the rows it can open
        self.sequences_by_first: dict[tuple[str, str], list] = {}
        self.sequences_open: list = []  # rows opening with "*"
        for i, e in enumerate(entries):
            if ">" in e.pattern:
                continue
            words = tuple(e.pattern.split())
            forms = tuple(frozenset(_forms(w, e.pos != "NOUN")) if w != "*" else frozenset() for w in words)
            row = (i, words, forms)
            if words[0] == "*":
                self.sequences_open.append(row)
                continue
            keys = {("L", words[0]), *(("W", f) for f in forms[0])}
            for k in keys:
                self.sequences_by_first.setdefault(k, []).append(row)
        # head word (lemma, or a form as written) -> [(entry, particle)]: one lookup per token
        self.heads_by_word: dict[tuple[bool, str], list] = {}
        for d in self.dependency_entries:
            for h, prt in d.heads:
                for w in {h, *_forms(h, True)}:
                    self.heads_by_word.setdefault((d.noun, w), []).append((d, prt))

    @classmethod
    def load(cls, path=None) -> "TriggerLexicon":
        text = open(path or data_path("triggers.csv"), encoding="utf-8").read()
        rows = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
        entries = []
        for i, r in enumerate(csv.DictReader(io.StringIO("\n".join(rows))), start=2):
            if r["pos"] not in POS_OK:
                raise ValueError(f"triggers.csv row {i}: pos must be NOUN, VERB or ANY, got {r['pos']!r}")
            entries.append(
                TriggerEntry(r["pattern"].strip(), r["pos"], r["event_type"], r["sub_event_type"], int(r["rank"]))
            )
        return cls(entries)

    def sequence_matches(self, doc) -> list[tuple[int, int, int]]:
        """(entry index, start, end) of every word-pattern row matching in `doc`: each word by
        lemma; or each as written, plural or inflected; or lemmas then the last word as written.
        The rows a token can open are found by one dictionary lookup, where spaCy's Matcher
        tested every row's predicates on every token (the pipeline's slowest step when it did)."""
        lemmas = [t.lemma_ for t in doc]
        lowers = [t.lower_ for t in doc]
        n = len(doc)
        out = set()
        for s in range(n):
            rows = self.sequences_by_first.get(("L", lemmas[s]), []) + self.sequences_by_first.get(
                ("W", lowers[s]), []) + self.sequences_open
            for i, words, forms in rows:
                e = s + len(words)
                if e > n or (i, s, e) in out:
                    continue
                by_lemma = by_lower = mixed = True
                for k, w in enumerate(words):
                    if w == "*":
                        continue
                    lemma_ok = lemmas[s + k] == w
                    lower_ok = lowers[s + k] in forms[k]
                    by_lemma = by_lemma and lemma_ok
                    by_lower = by_lower and lower_ok
                    mixed = mixed and (lower_ok if k == len(words) - 1 else lemma_ok)
                    if not (by_lemma or by_lower or mixed):
                        break
                if by_lemma or by_lower or mixed:
                    out.add((i, s, e))
        return sorted(out, key=lambda m: (m[1], m[2], m[0]))


# "found a cache of arms believed to belong to ...": the small model reads the reduced relative
# clause as a clause of its own, with the object as its subject
REDUCED_RELATIVE = {"believe", "suspect", "think", "say", "allege", "report", "intend", "meant"}


def _objects(tok) -> list:
    """What a verb acts on: its objects and passive subjects, those coordinated with them, and
    the noun after "of" in any of them ("a large amount of ammunition")."""
    objs = [c for c in tok.children if c.dep_ in OBJECT_DEPS]
    objs += [g for c in tok.children if c.dep_ == "ccomp" and c.lemma_.lower() in REDUCED_RELATIVE
             for g in c.children if g.dep_ == "nsubj"]
    objs += [g for o in objs for g in o.children if g.dep_ == "conj"]
    of = [g for o in objs for p in o.children if p.dep_ == "prep" and p.lower_ == "of"
          for g in p.children if g.dep_ == "pobj"]
    return objs + of + [g for o in of for g in o.children if g.dep_ == "conj"]


def _dependency_matches(doc, lex: TriggerLexicon) -> list[tuple[int, int, int]]:
    """(entry index, start, end) of each "HEAD > DEPENDENT" match; the span is the verb (with
    its particle when it follows it: "set up")."""
    if not lex.dependency_entries:
        return []
    out = []
    for tok in doc:
        if tok.tag_ in ("NN", "NNS") or (tok.tag_ == "VBG" and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")):
            out += _noun_matches(tok, lex)
            continue
        if not tok.tag_.startswith("VB") or tok.pos_ == "NOUN":
            continue
        # the particle, which the small model sometimes reads as an adverb ("drove back")
        prt = next((c for c in tok.children if c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in PARTICLES)), None)
        particle = prt.lower_ if prt is not None else ""
        rows = {e.index: e for w in {tok.lemma_.lower(), tok.lower_}
                for e, p in lex.heads_by_word.get((False, w), ()) if not p or p == particle}
        objs = None
        for e in rows.values():
            objs = _objects(tok) if objs is None else objs
            if any(o.lemma_.lower() in e.dependents or o.lower_ in e.dependents for o in objs):
                end = prt.i + 1 if prt is not None and prt.i == tok.i + 1 else tok.i + 1
                out.append((e.index, tok.i, end))
    return out


def _noun_matches(tok, lex: TriggerLexicon) -> list[tuple[int, int, int]]:
    """NOUN rows: "attacks on properties", "the burning and looting of shops"."""
    rows = list({e.index: e for w in {tok.lemma_.lower(), tok.lower_}
                 for e, _ in lex.heads_by_word.get((True, w), ())}.values())
    if not rows:
        return []
    objs = [g for p in tok.children if p.dep_ in ("prep", "agent") and p.lower_ in ("of", "on", "against", "by")
            for g in p.children if g.dep_ == "pobj"]
    objs += [c for c in tok.children if c.dep_ == "compound"]  # "helicopter raids"
    if tok.dep_ == "conj":  # "the burning and looting of properties": what the first is of
        objs += [g for p in tok.head.children if p.dep_ == "prep" and p.lower_ in ("of", "on", "against")
                 for g in p.children if g.dep_ == "pobj"]
    objs += [g for o in objs for g in o.children if g.dep_ == "conj"]
    return [(e.index, tok.i, tok.i + 1) for e in rows
            if any(o.lemma_.lower() in e.dependents or o.lower_ in e.dependents for o in objs)]


def _negated(token) -> bool:
    head = token if token.pos_ == "VERB" else token.head
    return any(c.dep_ == "neg" for c in head.children) or any(c.dep_ == "neg" for c in token.children)


def extract(doc, ann: Annotations, res) -> list[Trigger]:
    """Typed trigger mentions in text order; overlapping matches keep the longest."""
    lex: TriggerLexicon = res.trigger_lexicon
    sent_index = {s.start: i for i, s in enumerate(doc.sents)}
    candidates = []
    for index, s, e in lex.sequence_matches(doc):
        entry = lex.entries[index]
        # a verb pattern's part of speech is its first word's ("gunned down"), a noun's its last
        last = doc[s] if entry.pos == "VERB" else doc[e - 1]
        # the small model sometimes tags "shelling" AUX or "clashes" VERB: trust the fine tag too
        tag_ok = (entry.pos == "NOUN" and last.tag_ in ("NN", "NNS", "VBG")) or (
            entry.pos == "VERB" and last.tag_.startswith("VB") and last.pos_ != "NOUN")
        if last.pos_ not in POS_OK[entry.pos] and not tag_ok:
            continue
        span = doc[s:e]
        span.label_ = str(index)
        candidates.append(span)
    # a verb read with what it acts on ("discovered ... ammunition") outranks the verb alone
    by_parse = []
    for index, s, e in _dependency_matches(doc, lex):
        span = doc[s:e]
        span.label_ = str(index)
        by_parse.append(span)
    taken = {i for sp in by_parse for i in range(sp.start, sp.end)}
    candidates = [sp for sp in candidates if not taken & set(range(sp.start, sp.end))] + by_parse
    out = []
    for span in sorted(filter_spans(candidates), key=lambda sp: sp.start):
        entry = lex.entries[int(span.label_)]
        head = span.root
        out.append(
            Trigger(
                lemma=entry.pattern,
                event_type=entry.event_type,
                sub_event_type=entry.sub_event_type,
                span=Span(span.start_char, span.end_char, span.text),
                sentence=sent_index[span.sent.start],
                negated=_negated(head),
                rank=entry.rank,
            )
        )
    return out

