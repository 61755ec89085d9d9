"""triggers: event words ("air strikes", "shelled", "clashes", "seized") typed with ACLED's taxonomy.

The vocabulary is data (`data/triggers.csv`: lemma pattern, part of speech, event type,
sub-event type, rank); this module only compiles it into a spaCy Matcher and reports matches.

What it does not do: decide whether a trigger is a real, specific, asserted event (that needs
the whole clause: tense, modality, dates; `events/assemble` decides), or refine sub-event
types from context (protest met with tear gas, territory taken by state forces): also assembly.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from spacy.matcher import Matcher
from spacy.util import filter_spans

from ..lexicon import data_path
from ..model import Annotations, Span, Trigger

POS_OK = {
    "NOUN": {"NOUN", "PROPN"},
    "VERB": {"VERB"},
    "ANY": {"NOUN", "PROPN", "VERB", "ADJ"},
}


@dataclass(frozen=True)
class TriggerEntry:
    pattern: str
    pos: str
    event_type: str
    sub_event_type: str
    rank: int


class TriggerLexicon:
    """Rows of triggers.csv and a Matcher compiled from them (once per vocab)."""

    def __init__(self, entries: list[TriggerEntry]):
        self.entries = entries
        self._matchers: dict[int, Matcher] = {}

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

    def matcher(self, vocab) -> Matcher:
        key = id(vocab)
        if key not in self._matchers:
            m = Matcher(vocab)
            for i, e in enumerate(self.entries):
                words = e.pattern.split()
                by_lemma = [{} if w == "*" else {"LEMMA": w} for w in words]
                # the word as written, or its plural where the lemmatiser strays ("bases": "basis")
                by_lower = [{} if w == "*" else {"LOWER": {"IN": [w, w + "s", w + "es"]}} for w in words]
                # lemmas, then the last word as written ("established ... barracks")
                mixed = by_lemma[:-1] + by_lower[-1:]
                m.add(str(i), [by_lemma, by_lower, mixed])
            self._matchers[key] = m
        return self._matchers[key]


def _negated(token) -> bool:
    head = token if token.pos_ == "VERB" else token.head
    return any(c.dep_ == "neg" for c in head.children) or any(c.dep_ == "neg" for c in token.children)


def extract(doc, ann: Annotations, res) -> list[Trigger]:
    """Typed trigger mentions in text order; overlapping matches keep the longest."""
    lex: TriggerLexicon = res.trigger_lexicon
    sent_index = {s.start: i for i, s in enumerate(doc.sents)}
    candidates = []
    for match_id, s, e in lex.matcher(doc.vocab)(doc):
        entry = lex.entries[int(doc.vocab.strings[match_id])]
        # a verb pattern's part of speech is its first word's ("gunned down"), a noun's its last
        last = doc[s] if entry.pos == "VERB" else doc[e - 1]
        # the small model sometimes tags "shelling" AUX or "clashes" VERB: trust the fine tag too
        tag_ok = (entry.pos == "NOUN" and last.tag_ in ("NN", "NNS", "VBG")) or (
            entry.pos == "VERB" and last.tag_.startswith("VB") and last.pos_ != "NOUN")
        if last.pos_ not in POS_OK[entry.pos] and not tag_ok:
            continue
        span = doc[s:e]
        span.label_ = doc.vocab.strings[match_id]
        candidates.append(span)
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

