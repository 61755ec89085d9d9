"""link: many reports of one event become one event, incrementally, with analysts' decisions.

What it does: every event mention not yet in an event is compared with the stored events near
it and with the mentions linked before it in the same run, and joins the best-scoring one (or
starts a new event). Then each touched event is reconciled from all its mentions.

One article at a time: mentions of one article that nothing tells apart (same event type, or
another of its family at the same place; overlapping dates; places not in conflict:
`_one_telling`) are one event told twice and travel together. Other mentions of one article are two events (an article that tells two events means
two), unless each of them fits one event on its own (`linker.siblings_share`: another report confirms
that they tell one event, whose places the geoparser read apart); each event takes first the
one of them that fits it best.

Blocking (what is compared at all): same country (a mention without a sure country is compared
with every country), the same family of event types (violence, unrest, strategic
developments), dates within a window that widens with time precision (2 days for a day, 7 for
a week, 31 for a month; indexed by day), and two confidently placed reports no more than a
degree or two apart. Where more than `linker.dense` events are that close (many reports sharing
places and days), only those told at the same place (or placed no better than a region) are
compared, the `linker.dense` closest in time (a report placed no better than a region: those of its
region, `linker.dense_region`); and a mention is compared with at most `linker.max_compared`
distinct reports of an event, so linking stays near-linear with bounded memory. Besides, events whose reports share a rare word with the mention (one that another
article of the run uses and at most `linker.rare_share` of them do: names of victims, suspects,
streets) are candidates whatever their date, country, family or place, so that a follow-up
(an arrest, charges, a trial, victims identified) finds the event it names.

Score (why a mention joins an event): date overlap; place (same gazetteer entry or place name,
distance, same admin2/admin1, the closest report's place when the reports place it
differently; two confident places far apart count against unless the texts agree strongly);
event type and sub-type; actor1 equal or in conflict; equal death figures; the words it shares
with the event's closest report (an IDF-weighted cosine of the content words and numbers of
the evidence sentences and the article's capitalised words, in full from `linker.full_shared` shared
words) and the rare words it shares with one of them (up to `linker.max_rare`); victims named in both.
Near misses: reports that name the sites hit (lang/en/sites.yaml: "the market", "the police
station") with none in common are two attacks unless they name the same victims or share
`linker.strong_rare` rare words; two precise places of a region on different days are two events
unless the texts agree strongly.
Other country, other family of types, or dates further apart
than the window (up to `linker.max_gap_days`) are accepted only on strong evidence (a cosine of at
least `linker.strong_text` over at least `linker.strong_shared` words, `linker.strong_rare` of the mention's rare
words in one report, or a victim named in both). Without a
matching place and with hardly any shared words (< `linker.weak_text`) there is nothing pointing to
this event rather than any other of that day, and the mention does not join. It joins the best
event scoring at least `linker.threshold`; weights and threshold are settings (settings.yaml, section
`linker`, each with its reason), so a user can see why two reports were (not) linked and
change them for a run.

Reconciliation (UCDP practice, `_fatalities`): how each report tells its toll is read from the
words around the figure (`read_figure`, vocabulary in lang/en/revisions.yaml): a withdrawn figure
("retracted its toll of 110") is no figure; `low` and `high` bound the others; `best` is the
latest word by a credible source, not the maximum: the latest report first, and on one day a
revision ("revised the toll down to 84", "has risen to 57") over a plain figure over one told as
superseded ("had earlier reported 55"), a count over a hedged round estimate ("over 500"), then
the higher; a ceiling ("up to 300") or a partisan claim is best only when nothing else is
reported. `best_source` (the article) and `best_reason` (in words) say which and why; best never
exceeds the highest single report. Injuries: each source's latest figure, the highest of them.
The most precise date and place reported win.

Analysts' decisions: `merge` and `split` move mentions between events now and are stored as
must-link / cannot-link pairs in `link_decisions`; `link(store, rebuild=True)` relinks every
mention from scratch and honours them, so re-running the pipeline never undoes an analyst.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from collections import Counter, defaultdict

from ..events.counts import toll_flag
from .. import lang
from .. import settings
from ..geodesy import km
from ..lexicon import load_yaml, sites_named
from ..sql import Connected, dicts, insert_rows
from ..taxonomy import grouping, interaction

S = settings.view("linker")  # weights and thresholds: settings.yaml, section linker

FAMILY = grouping("link_family")  # event type -> its family (taxonomy/acled.yaml)
ROW_ONLY = {"place_confidence"}  # kept on the row for comparisons, not stored

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{2,}|\d+")
_STOP = frozenset("""the and for with that this from were was are has have had been their they them his her
its not but who which when where what said says say also into over after before about than then
there here would could will shall may might can one two three some other more most such very just
while during since until upon near police officials official reported report reports told according
people man woman men women killed wounded injured attack shooting shot""".split())


def words(text: str | None) -> set[str]:
    """Content words and numbers of evidence text, lower-cased (the text-similarity signal)."""
    return {w.lower() for w in _WORD.findall(text or "")} - _STOP


def _names(mention: dict) -> set[str]:
    """Surnames of the victims named in a mention's figures."""
    try:
        data = json.loads(mention.get("data") or "{}")
    except ValueError:
        return set()
    return {c["victim_name"].split()[-1].lower() for c in data.get("counts", []) if c.get("victim_name")}


def _weigh(mentions: list[dict]) -> None:
    """IDF weights of the words of the mentions compared in one run: a word many articles use
    (a city, a weekday) says less than a name few use. Document frequency counts articles;
    smoothed so that a handful of articles still weigh every word."""
    by_article: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        by_article[m["article_id"]] |= m["_words"]
    df = Counter(w for ws in by_article.values() for w in ws)
    n = len(by_article)
    idf2 = {w: (math.log((n + 1) / (c + 1)) + 1) ** 2 for w, c in df.items()}
    rare = max(S.rare_min, S.rare_share * n)
    for m in mentions:
        tw = {w: idf2[w] for w in m["_words"]}
        m["_tw"] = tw
        m["_keys"] = frozenset(tw)
        m["_norm"] = math.sqrt(sum(tw.values())) or 1.0
        # words another article of the run shares, and few do: the keys of far-off candidates
        m["_rare"] = sorted((w for w in tw if 2 <= df[w] <= rare), key=lambda w: (df[w], w))[:S.rare_terms]


def similarity(a: dict, b: dict) -> tuple[float, int]:
    """(IDF-weighted cosine of two mentions' words, number of words shared); the cosine counts
    in full from `S.full_shared` shared words on (two one-word texts are no evidence)."""
    common = a["_keys"] & b["_keys"]
    if not common:
        return 0.0, 0
    tw = a["_tw"]
    return sum(tw[w] for w in common) / (a["_norm"] * b["_norm"]) * min(1.0, len(common) / S.full_shared), len(common)


def _window(precision: int | None) -> dt.timedelta:
    return dt.timedelta(days=S.window_days.get(precision or 3, 31) - 1)


def _dates_close(m: dict, e: dict) -> bool:
    if m["date_start"] is None or e["date_start"] is None:
        return True
    window = max(_window(m["time_precision"]), _window(e["time_precision"]))
    return m["date_start"] <= e["date_end"] + window and e["date_start"] <= m["date_end"] + window


def _place_score(m: dict, e: dict) -> float:
    if m["lat"] is None or e["lat"] is None:
        return 0.0
    if m["geonames_id"] is not None and m["geonames_id"] == e["geonames_id"]:
        return S.w_same_place
    # two reports naming the same town mean the same town, even when the gazetteer resolved
    # them to two different Warrens
    if m["place_name"] and (m["place_name"] or "").lower() == (e.get("location") or e.get("place_name") or "").lower():
        return S.w_same_place
    d = km(m["lat"], m["lon"], e["lat"], e["lon"])
    if d <= S.max_km:
        return S.w_near
    if m["admin2"] is not None and m["admin2"] == e["admin2"]:
        return S.w_region
    if (m["geo_precision"] or 3) >= 3 or (e["geo_precision"] or 3) >= 3:
        return S.w_region if m["admin1"] is not None and m["admin1"] == e["admin1"] else 0.0
    if d <= 100:
        return S.w_region
    # far apart: a conflict only when both places are confidently resolved
    sure = min(m.get("place_confidence") or 0, e.get("place_confidence") or 0)
    return S.w_far if sure >= S.sure_place else 0.0


def _signature(m: dict) -> tuple:
    """What `score` reads of an event's report: two reports with the same words and place
    compare alike, so an event keeps one of them for comparison."""
    return (m.get("_keys") or frozenset(m["_words"]), m["geonames_id"], (m.get("place_name") or "").lower(), m["lat"], m["lon"],
            m["admin1"], m["admin2"], m["geo_precision"], m.get("place_confidence"))


class _Event:
    """An event being linked: its mentions, reconciled row and comparison features.

    A mention is compared with the event's distinct reports (`reps`: one per signature, at most
    `S.max_compared`), so that an event told thousands of times costs no more to compare than one
    told a few dozen times. The row is reconciled when read after a change; an event of more
    than `S.max_compared` reports only once it has grown by a quarter (its date, place and type no
    longer move with one report more), so linking stays near-linear. `final()` is the row as
    stored: always from every report."""

    def __init__(self, event_id: str, mentions: list[dict]):
        self.event_id = event_id
        self.mentions: list[dict] = []
        self.articles: set[str] = set()
        self.names: set[str] = set()
        self.figures: set = set()
        self.sites: set[str] = set()
        self.reps: list[dict] = []
        self._seen: set[tuple] = set()
        self._row: dict | None = None
        self._rowsize = 0
        for m in mentions:
            self.add(m)

    def add(self, m: dict) -> None:
        self.mentions.append(m)
        self.articles.add(m["article_id"])
        self.names |= m["_names"]
        self.figures.add(m["fatalities"])
        self.sites |= m["_sites"]
        if len(self.reps) < S.max_compared:
            sig = _signature(m)
            if sig not in self._seen:
                self._seen.add(sig)
                self.reps.append(m)
        n = len(self.mentions)
        if n <= S.max_compared or n >= self._rowsize * 1.25:
            self._row = None

    @property
    def row(self) -> dict:
        if self._row is None:
            self._row = reconcile(self.event_id, self.mentions)
            self._rowsize = len(self.mentions)
        return self._row

    def final(self) -> dict:
        if self._rowsize != len(self.mentions):
            self._row = None
        return self.row


def score(m: dict, ev: _Event) -> float | None:
    """How well mention `m` fits event `ev`; None when they cannot be the same event."""
    e = ev.row
    if m["article_id"] in ev.articles:
        return None
    other_family = FAMILY.get(m["event_type"]) != FAMILY.get(e["event_type"])
    close = _dates_close(m, e)
    if not close and (m["date_start"] is None or e["date_start"] is None or
                      abs((m["date_start"] - e["date_start"]).days) > S.max_gap_days):
        return None
    named = bool(m["_names"] & ev.names)
    if (other_family or not close) and not named and len(m["_tw"]) < S.strong_shared:
        return None  # too few words to be strong evidence
    rare = max((len(x["_keys"].intersection(m["_rare"])) for x in ev.reps), default=0) if m["_rare"] else 0
    # near misses: two reports naming sites hit ("the market", "the police station") with none
    # in common are two attacks unless they name the same victims or share rare words (words
    # common to every report of a town and day do not tie them)
    if m["_sites"] and ev.sites and not m["_sites"] & ev.sites and not named and rare < S.strong_rare:
        return None
    # the words it shares with its closest report (reports of one event share victims' and
    # suspects' names, streets, places; the event's union of words would dilute as it grows)
    text, shared = max((similarity(m, x) for x in ev.reps), default=(0.0, 0))
    strong = named or (text >= S.strong_text and shared >= S.strong_shared)
    strong = strong or (S.strong_rare > 0 and rare >= S.strong_rare)
    if m["country_code"] and e["country_code"] and m["country_code"] != e["country_code"] and not strong and \
            min(m.get("place_confidence") or 0, e.get("place_confidence") or 0) >= S.sure_place:
        return None
    s = 0.0
    if other_family:
        # an arrest or a trial reported after the attack: the same event only on strong evidence
        if not strong:
            return None
        s += S.w_other_family
    elif m["event_type"] == e["event_type"]:
        s += S.w_type + (S.w_subtype if m["sub_event_type"] == e["sub_event_type"] else 0.0)
    else:
        s += S.w_other_type
    if not close:
        # a later report may date the event loosely or tell a later act (an arrest, a trial);
        # only strong textual evidence bridges the gap
        if not strong:
            return None
        s += S.w_date_gap
    if m["date_start"] is not None and e["date_start"] is not None and \
            m["date_start"] <= e["date_end"] and e["date_start"] <= m["date_end"]:
        s += S.w_date_overlap
    place = _place_score(m, e)
    if place <= 0 and len(ev.reps) > 1:  # reports placing it differently: the closest one counts
        place = max([place] + [_place_score(m, x) for x in ev.reps])
    if place <= 0 and text < S.weak_text and not named:
        return None  # nothing points to this event rather than any other of that day
    if place < 0 and strong:
        place *= S.far_if_strong  # same names, places far apart: one of the places is likely misread
    # two places of a region on different days are two unless the texts tie them strongly
    if not strong and not named:
        overlap = m["date_start"] is not None and e["date_start"] is not None and \
            m["date_start"] <= e["date_end"] and e["date_start"] <= m["date_end"]
        if not overlap and 0 < place < S.w_near and (m["geo_precision"] or 3) < 3 and (e["geo_precision"] or 3) < 3:
            return None
    s += place
    if m["actor1"] and e["actor1"]:
        s += S.w_actor if m["actor1"] == e["actor1"] else S.w_actor_conflict
    if (m["fatalities"] or 0) > 0 and m["fatalities"] in ev.figures:
        s += S.w_figure
    s += S.w_text * text + S.w_rare * min(rare, S.max_rare)
    if named:
        s += S.w_name
    return s


def _source_key(r: dict) -> str:
    srcs = _sources(r)
    return srcs[0] if srcs else f"article:{r['article_id']}"


def _sources(r: dict) -> list[str]:
    srcs = r.get("_sources")
    if srcs is None:
        srcs = json.loads(r["sources"] or "[]")
        if "_words" in r:  # a prepared mention: keep the parse
            r["_sources"] = srcs
    return srcs


def _figures(mentions: list[dict], field: str) -> tuple[int, int, int]:
    """(best, low, high) of injuries: the highest of each source's latest figure; smallest and
    largest reported."""
    latest: dict[str, tuple] = {}
    for r in sorted(mentions, key=lambda r: (r["published"], r["mention_id"])):
        v = r.get(field) or 0
        if v > 0:
            latest[_source_key(r)] = (r["published"], v)
    reported = [r.get(field) or 0 for r in mentions if (r.get(field) or 0) > 0] or [0]
    best = max((v for _, v in latest.values()), default=0)
    return int(best), int(min(reported)), int(max(reported))


_REVISION_RANK = {"earlier": 0, "plain": 1, "revised": 2}
PLAIN = {"revision": "plain", "estimate": False, "ceiling": False, "partisan": False, "several": False,
         "by": None, "cue": None}


@lang.per_language
def _revisions() -> dict:
    d = dict(load_yaml("revisions.yaml"))
    comp = lambda ps: [re.compile(p, re.I) for p in ps or []]  # noqa: E731
    d["kinds"] = [(k, comp(d[k].get("before")), comp(d[k].get("after"))) for k in ("withdrawn", "revised", "earlier")]
    d["report_res"] = comp(d.get("report"))
    d["several_res"] = comp((d.get("several_incidents") or {}).get("after"))
    return d


def read_figure(m: dict, text: str | None) -> dict:
    """How a report tells a mention's death figure, for reconciliation: `revision` is
    withdrawn (no figure), revised (the latest word: "has risen to 85"), earlier (told as
    superseded: "police had earlier reported 55") or plain; `estimate` (a hedged round figure,
    "over 500"), `ceiling` ("up to 300"), `partisan` (claimed by a party to the fighting),
    `several` (a total over several incidents: "47 killed in two separate attacks"), `by`
    (who gives it) and `cue` (the words that tell the revision). Vocabulary: lang/en/revisions.yaml."""
    out = dict(PLAIN)
    fat = m.get("fatalities") or 0
    if fat <= 0:
        return out
    try:
        counts = json.loads(m.get("data") or "{}").get("counts", [])
    except ValueError:
        counts = []
    count = next((c for c in counts if c.get("kind") == "killed" and not c.get("negated")
                  and (c.get("quantity") or {}).get("value") == fat), None)
    if count is None:
        return out
    rv = _revisions()
    q = count["quantity"]
    out["estimate"] = bool(count.get("estimate")) or (
        q.get("qualifier") in rv["estimate_qualifiers"] and fat % rv["estimate_round"] == 0)
    out["ceiling"] = q.get("qualifier") in rv["ceiling_qualifiers"]
    out["partisan"] = bool(count.get("partisan"))
    out["by"] = (count.get("claimed_by") or {}).get("name")
    span = count.get("span")
    if not text or not span:
        return out
    start, end = span["start"], span["end"]
    before = re.split(r"[.!?]\s", text[max(0, start - rv["window_before"]):start])[-1]
    after = re.split(r"[.!?]\s", text[end:end + rv["window_after"]])[0]
    out["several"] = any(p.search(after) for p in rv["several_res"])
    for kind, before_res, after_res in rv["kinds"]:
        hit = next((x for x in (p.search(before) for p in before_res) if x), None) or \
            next((x for x in (p.search(after) for p in after_res) if x), None)
        if hit:
            out.update(revision=kind, cue=hit.group(0).strip())
            return out
    hit = next((x for x in (p.search(text) for p in rv["report_res"]) if x), None)
    if hit:
        out.update(revision="revised", cue=hit.group(0).strip())
    return out


def _fatalities(mentions: list[dict]) -> tuple[int, int, int, str | None, str | None]:
    """(best, low, high, best_source, best_reason) of deaths, as UCDP keeps them: a withdrawn
    figure is no figure; low and high bound the others; best is the most reliable one, the
    latest word by a credible source: the latest report first, and on one day a revision over a
    plain figure over one told as superseded, a count over a hedged round estimate, then the
    higher. Ceilings ("up to"), partisan claims and totals over several incidents are best only
    when nothing else is reported. best_source is the article that gives it, best_reason says why in words."""
    figs = []
    for r in mentions:
        v = r.get("fatalities") or 0
        if v > 0:
            figs.append((r, v, r.get("_reading") or PLAIN))
    withdrawn = [f for f in figs if f[2]["revision"] == "withdrawn"]
    figs = [f for f in figs if f[2]["revision"] != "withdrawn"]
    if not figs:
        return 0, 0, 0, None, ("withdrawn: " + ", ".join(str(v) for _, v, _ in withdrawn)) if withdrawn else None
    values = [v for _, v, _ in figs]
    credible = [f for f in figs if not (f[2]["ceiling"] or f[2]["partisan"] or f[2]["several"])] or figs
    r, v, rd = max(credible, key=lambda f: (f[0]["published"], _REVISION_RANK[f[2]["revision"]],
                                            not f[2]["estimate"], f[1], f[0]["mention_id"]))
    why = {"revised": "a revision", "plain": "the latest report", "earlier": "told as earlier"}[rd["revision"]]
    reason = f"{v} from {r['published']}: {why}"
    if rd["cue"]:
        reason += f" ('{rd['cue']}')"
    if rd["by"]:
        reason += f", per {rd['by']}"
    others = sorted({x for x in values if x != v})
    if others:
        reason += "; other figures " + ", ".join(map(str, others))
    if withdrawn:
        reason += "; withdrawn " + ", ".join(str(x) for _, x, _ in withdrawn)
    return int(v), int(min(values)), int(max(values)), r["article_id"], reason


def reconcile(event_id: str, mentions: list[dict]) -> dict:
    """One event row from its mentions (see the module docstring)."""
    mentions = sorted(mentions, key=lambda r: (r["published"], r["mention_id"]))
    dated = [r for r in mentions if r["date_start"] is not None]
    best_date = min(dated, key=lambda r: ((r["date_end"] - r["date_start"]).days, r["published"])) if dated else mentions[0]
    placed = [r for r in mentions if r["lat"] is not None]
    best_place = min(placed, key=lambda r: (r["geo_precision"] or 3, -(r["place_confidence"] or 0))) if placed else mentions[0]
    best, low, high, best_source, best_reason = _fatalities(mentions)
    ibest, ilow, ihigh = _figures(mentions, "injured")
    a1 = Counter(r["actor1"] for r in mentions if r["actor1"]).most_common(1)
    a2 = Counter(r["actor2"] for r in mentions if r["actor2"]).most_common(1)
    actor1 = a1[0][0] if a1 else None
    actor2 = a2[0][0] if a2 else None
    inter1 = next((r["inter1"] for r in mentions if r["actor1"] == actor1), None) if actor1 else None
    inter2 = next((r["inter2"] for r in mentions if r["actor2"] == actor2), None) if actor2 else None
    sources: list[str] = []
    for r in mentions:
        for s in _sources(r):
            if s not in sources:
                sources.append(s)
    types = Counter(r["event_type"] for r in mentions).most_common(1)[0][0]
    subtypes = Counter(r["sub_event_type"] for r in mentions if r["event_type"] == types).most_common(1)[0][0]
    return {
        "event_id": event_id, "event_type": types, "sub_event_type": subtypes,
        "date_start": best_date["date_start"], "date_end": best_date["date_end"],
        "time_precision": best_date["time_precision"],
        "location": best_place["place_name"], "geonames_id": best_place["geonames_id"],
        "lat": best_place["lat"], "lon": best_place["lon"], "country_code": best_place["country_code"],
        "admin1": best_place["admin1"], "admin2": best_place["admin2"], "geo_precision": best_place["geo_precision"],
        "place_confidence": best_place["place_confidence"],
        "actor1": actor1, "inter1": inter1, "actor2": actor2, "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "fatalities_best": best, "fatalities_low": low, "fatalities_high": high,
        "best_source": best_source, "best_reason": best_reason, "flags": toll_flag(best),
        "injured_best": ibest, "injured_low": ilow, "injured_high": ihigh,
        "sources": json.dumps(sources), "notes": mentions[-1]["sentence"],
        "n_mentions": len(mentions),
        "first_published": mentions[0]["published"], "last_published": mentions[-1]["published"],
    }


class _Index:
    """Events by (country, family) and day, for blocking; and by the rare words of their
    reports, so that a follow-up (an arrest, a trial, another country's or family's reading of
    the same attack) finds the event it names however far apart the dates are."""

    def __init__(self):
        self.cells: dict[tuple, dict] = defaultdict(lambda: defaultdict(set))
        self.where: dict[str, list[tuple]] = {}
        self.countries: set = set()
        self.terms: dict[str, set[str]] = defaultdict(set)
        self.places: dict[str, set] = defaultdict(set)
        self.day: dict[str, int | None] = {}
        self.admin1: dict[str, str | None] = {}

    @staticmethod
    def _days(r: dict) -> range:
        """Days of the dates widened by their window (-1: undated); two reports whose widened
        days meet may be within each other's window. Days, not weeks: many events of one
        place and week are not all compared with each other."""
        if r["date_start"] is None:
            return range(-1, 0)
        w = _window(r["time_precision"])
        return range((r["date_start"] - w).toordinal(), (r["date_end"] + w).toordinal() + 1)

    @staticmethod
    def _grid(r: dict) -> tuple | None:
        """1-degree cell of a confidently resolved precise place (None: no such place)."""
        if r["lat"] is None or (r["geo_precision"] or 3) >= 3 or (r.get("place_confidence") or 0) < S.sure_place:
            return None
        return (math.floor(r["lat"]), math.floor(r["lon"]))

    def put(self, ev: _Event, new: list[dict] | None = None) -> None:
        for key, g in self.where.pop(ev.event_id, []):
            self.cells[key][g].discard(ev.event_id)
        r = ev.row
        g = self._grid(r)
        keys = [((r["country_code"], FAMILY.get(r["event_type"]), d), g) for d in self._days(r)]
        for key, g in keys:
            self.cells[key][g].add(ev.event_id)
        self.where[ev.event_id] = keys
        self.countries.add(r["country_code"])
        for m in ev.mentions if new is None else new:
            for w in m["_rare"]:
                self.terms[w].add(ev.event_id)
        self.places[ev.event_id] = {k for x in ev.reps for k in _place_keys(x)}
        self.admin1[ev.event_id] = r["admin1"]
        self.day[ev.event_id] = r["date_start"].toordinal() if r["date_start"] is not None else None

    def candidates(self, m: dict) -> set[str]:
        fam = FAMILY.get(m["event_type"])
        countries = {m["country_code"], None}
        if m["country_code"] is None or (m.get("place_confidence") or 0) < S.sure_place:
            countries |= self.countries
        g = self._grid(m)
        # two confident places more than a degree or two apart are not compared, unless rare
        # words bring them together below
        near = None if g is None else [None] + [(g[0] + i, g[1] + j) for i in (-1, 0, 1) for j in (-2, -1, 0, 1, 2)]
        days = list(self._days(m))
        if m["date_start"] is not None:  # undated events are candidates everywhere
            days.append(-1)
        out: set[str] = set()
        for w in days:
            for cc in countries:
                cell = self.cells.get((cc, fam, w))
                if not cell:
                    continue
                for key in (cell if near is None else near):
                    out |= cell.get(key, set())
        if len(out) > (S.dense if g is not None else S.dense_region):
            # many events near this place in these days: only those told at the same place (or
            # placed no better than a region; for a report placed no better than a region, those
            # of its region) are compared, the closest in time, so that linking stays near-linear
            if g is not None:
                mine = _place_keys(m)
                out = {e for e in out if not self.places[e] or mine & self.places[e]}
            elif m["admin1"] is not None:
                out = {e for e in out if self.admin1.get(e) in (None, m["admin1"])}
            keep = S.dense if g is not None else S.dense_region
            if len(out) > keep:  # still many: the closest in time
                day = m["date_start"].toordinal() if m["date_start"] is not None else 0
                out = set(sorted(out, key=lambda e: (abs((self.day[e] or day) - day), e))[:keep])
        for w in m["_rare"]:
            out |= self.terms.get(w, set())
        return out


def _place_keys(r: dict) -> set:
    """A precise place as names it by (gazetteer id, lower-case name); empty for a region or none."""
    if r["lat"] is None or (r["geo_precision"] or 3) >= 3:
        return set()
    keys = {("id", r["geonames_id"])} if r["geonames_id"] is not None else set()
    name = r.get("place_name") or r.get("location")
    return keys | {("name", name.lower())} if name else keys


_PROPER = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]{2,}(?:\s+[A-Z][a-z]+)*")


def proper_nouns(text: str | None, limit: int = 60) -> set[str]:
    """Capitalised words of the article not starting a sentence: the names of people, streets,
    towns and groups that reports of one event share."""
    out: set[str] = set()
    for m in _PROPER.finditer(text or ""):
        for w in m.group(0).split():
            w = w.lower()
            if w not in _STOP:
                out.add(w)
        if len(out) >= limit:
            break
    return out


def _prepare(m: dict) -> dict:
    text = m.pop("article_text", None)
    m["_reading"] = read_figure(m, text)
    m["_sites"] = sites_named(m.get("sentence"))
    m["_words"] = words(m.get("sentence")) | proper_nouns(text)
    m["_names"] = _names(m)
    return m


def _decisions(store: Connected) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Must-link and cannot-link pairs; a later decision about a pair overrules an earlier one
    (all decisions stay in the table as the history)."""
    must: dict[str, set[str]] = defaultdict(set)
    cannot: dict[str, set[str]] = defaultdict(set)
    for kind, a, b in store.con.execute(
            "SELECT kind, mention_a, mention_b FROM link_decisions ORDER BY decided_at, rowid").fetchall():
        yes, no = (must, cannot) if kind == "merge" else (cannot, must)
        yes[a].add(b)
        yes[b].add(a)
        no[a].discard(b)
        no[b].discard(a)
    return must, cannot


def _one_telling(a: dict, b: dict) -> bool:
    """Two mentions of one article that nothing tells apart (same event type, or another type
    of its family at the same place; dates that overlap; places not in conflict) are one event
    told twice ("A 4-year-old was shot in Yonkers on Saturday. ... The child was taken to
    hospital after the shooting on Willow Street."); so are two of one family that name the
    same site hit, days within the window ("the blast at the hospital on Tuesday" ... "the
    ministry said on Wednesday 471 were killed at the hospital": a toll told on a later day).
    Other pairs of one article are two events."""
    if FAMILY.get(a["event_type"]) != FAMILY.get(b["event_type"]):
        return False
    if a["date_start"] is None or b["date_start"] is None:
        return False
    same_site = bool(a.get("_sites", set()) & b.get("_sites", set()))
    if not (a["date_start"] <= b["date_end"] and b["date_start"] <= a["date_end"]) and \
            not (same_site and _dates_close(a, b)):
        return False
    # another type of the family (a shooting read as a clash) only at the same place or site
    need = S.sibling_place if a["event_type"] == b["event_type"] or same_site else S.w_near
    return _place_score(a, b) >= need


def _groups(mentions: list[dict], must: dict[str, set[str]],
            cannot: dict[str, set[str]] | None = None) -> list[list[dict]]:
    """Mentions that travel together: those an analyst merged, and those of one article that
    tell one event (`_one_telling`) unless an analyst split them (union-find)."""
    parent = {m["mention_id"]: m["mention_id"] for m in mentions}
    cannot = cannot or {}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for m in mentions:
        for other in must.get(m["mention_id"], ()):
            if other in parent:
                parent[find(other)] = find(m["mention_id"])
    by_article: dict[str, list[dict]] = defaultdict(list)
    for m in mentions:
        by_article[m["article_id"]].append(m)
    for siblings in by_article.values():
        for i, a in enumerate(siblings):
            for b in siblings[i + 1:]:
                ra, rb = find(a["mention_id"]), find(b["mention_id"])
                if ra == rb or not _one_telling(a, b):
                    continue
                if cannot:
                    cb = {x for x in parent if find(x) == rb}
                    if any(cannot.get(x, set()) & cb for x in parent if find(x) == ra):
                        continue
                parent[rb] = ra
    by_root: dict[str, list[dict]] = defaultdict(list)
    for m in mentions:
        by_root[find(m["mention_id"])].append(m)
    return list(by_root.values())


def _new_id(mention_id: str) -> str:
    return "EV" + hashlib.sha1(mention_id.encode()).hexdigest()[:12]


def _write(store: Connected, events: dict[str, _Event], touched: set[str], assignments: list[tuple[str, str]],
           removed: set[str] = frozenset()) -> None:
    """Store new links and the touched events' rows in one transaction (new mentions only:
    moves between events go through `merge`/`split`)."""
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        insert_rows(con, "event_mentions", ["event_id", "mention_id"], [list(a) for a in assignments])
        gone = sorted(touched | set(removed))
        if gone:
            con.execute("DELETE FROM events WHERE event_id IN (SELECT unnest(?))", [gone])
        rows = [events[e].final() for e in sorted(touched) if e in events]
        if rows:
            cols = [c for c in rows[0] if c not in ROW_ONLY]
            insert_rows(con, "events", cols, [[r[c] for c in cols] for r in rows])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def link(store: Connected, rebuild: bool = False) -> int:
    """Assign every unlinked mention (all of them with `rebuild`) to an event; returns how many."""
    con = store.con
    if rebuild:
        con.execute("BEGIN TRANSACTION")
        con.execute("DELETE FROM event_mentions")
        con.execute("DELETE FROM events")
        con.execute("COMMIT")
    new = dicts(store.con,
        "SELECT m.*, a.text AS article_text FROM mentions m LEFT JOIN event_mentions em USING (mention_id)"
        " LEFT JOIN articles a ON a.id = m.article_id"
        " WHERE em.event_id IS NULL ORDER BY m.published, m.mention_id")
    if not new:
        return 0
    must, cannot = _decisions(store)
    new = [_prepare(m) for m in new]
    # stored events near the new mentions in time (all of them when some mention is undated)
    starts = [m["date_start"] for m in new if m["date_start"] is not None]
    lo = min(starts) - dt.timedelta(days=S.max_gap_days + 31) if starts and len(starts) == len(new) else None
    hi = max(m["date_end"] for m in new if m["date_end"] is not None) + dt.timedelta(days=S.max_gap_days + 31) if starts else None
    members: dict[str, list[dict]] = defaultdict(list)
    for r in dicts(store.con,
            "SELECT em.event_id, m.*, a.text AS article_text FROM event_mentions em JOIN mentions m USING (mention_id)"
            " LEFT JOIN articles a ON a.id = m.article_id WHERE em.event_id IN (SELECT event_id FROM events WHERE ? IS NULL OR date_start IS NULL"
            " OR (date_end >= ? AND date_start <= ?))", [lo, lo, hi]):
        members[r.pop("event_id")].append(_prepare(r))
    _weigh(new + [m for rows in members.values() for m in rows])
    events = {eid: _Event(eid, rows) for eid, rows in members.items()}
    index = _Index()
    for ev in events.values():
        index.put(ev)
    event_of = {m["mention_id"]: eid for eid, ev in events.items() for m in ev.mentions}
    touched: set[str] = set()
    assignments: list[tuple[str, str]] = []
    # one article at a time: its mentions are distinct events, so each event takes the one of
    # them that fits it best (a sibling mention that shares the article's names must not take
    # the event first and shut the better one out)
    by_article: dict[str, list[list[dict]]] = defaultdict(list)
    for group in _groups(new, must, cannot):
        by_article[group[0]["article_id"]].append(group)
    for groups in by_article.values():
        options = []
        chosen: dict[int, str | None] = {}
        for gi, group in enumerate(groups):
            # an analyst's merge wins over scores: join the event a partner is already in
            forced = next((event_of[o] for m in group for o in must.get(m["mention_id"], ()) if o in event_of), None)
            if forced is not None:
                chosen[gi] = forced
                continue
            barred = set().union(*(cannot.get(m["mention_id"], ()) for m in group))
            for eid in sorted(index.candidates(group[0])):
                ev = events[eid]
                if barred and any(x["mention_id"] in barred for x in ev.mentions):
                    continue
                scores = [score(m, ev) for m in group]
                if any(s is None for s in scores):
                    continue
                s = sum(scores) / len(scores)
                if s >= S.threshold:
                    # of the events it could join, one of its own family of types first
                    other = FAMILY.get(group[0]["event_type"]) != FAMILY.get(ev.row["event_type"])
                    options.append((-(s - S.family_preference * other), gi, eid))
        taken = {e for e in chosen.values()}
        for _, gi, eid in sorted(options):
            if gi in chosen:
                continue
            if eid not in taken:
                chosen[gi] = eid
                taken.add(eid)
            elif S.siblings_share and not any(
                    cannot.get(m["mention_id"], set()) & {x["mention_id"] for h, e in chosen.items() if e == eid for x in groups[h]}
                    for m in groups[gi]):
                chosen[gi] = eid
        for gi, group in enumerate(groups):
            target = chosen.get(gi)
            if target is None:
                target = _new_id(group[0]["mention_id"])
                events[target] = _Event(target, group[:1])
                rest = group[1:]
            else:
                rest = group
            for m in rest:
                events[target].add(m)
            index.put(events[target], group)
            for m in group:
                event_of[m["mention_id"]] = target
                assignments.append((target, m["mention_id"]))
            touched.add(target)
    _write(store, events, touched, assignments)
    return len(assignments)


# --- analysts' decisions --------------------------------------------------------------------


def _mentions_of(store: Connected, event_id: str) -> list[str]:
    return [r[0] for r in store.con.execute(
        "SELECT mention_id FROM event_mentions WHERE event_id = ? ORDER BY mention_id", [event_id]).fetchall()]


def _record(store: Connected, kind: str, pairs: list[tuple[str, str]], author: str | None, reason: str | None) -> None:
    now = dt.datetime.now()
    if pairs:
        store.con.executemany("INSERT INTO link_decisions VALUES (?, ?, ?, ?, ?, ?)",
                              [[kind, a, b, author, reason, now] for a, b in pairs])


def _rebuild_events(store: Connected, event_ids: set[str]) -> dict[str, _Event]:
    out = {}
    for eid in event_ids:
        rows = dicts(store.con, "SELECT m.*, a.text AS article_text FROM mentions m JOIN event_mentions em USING (mention_id)"
                            " LEFT JOIN articles a ON a.id = m.article_id WHERE em.event_id = ?", [eid])
        if rows:
            out[eid] = _Event(eid, [_prepare(r) for r in rows])
    return out


def merge(store: Connected, event_ids: list[str], author: str | None = None, reason: str | None = None) -> str:
    """Merge events into the first one; the decision is kept for later re-links. Returns its id."""
    if len(event_ids) < 2:
        raise ValueError("merge needs at least two event ids")
    groups = {eid: _mentions_of(store, eid) for eid in event_ids}
    missing = [eid for eid, ms in groups.items() if not ms]
    if missing:
        raise KeyError(f"no such event: {', '.join(missing)}")
    target = event_ids[0]
    anchor = groups[target][0]
    pairs = [(anchor, m) for eid in event_ids[1:] for m in groups[eid]]
    _record(store, "merge", pairs, author, reason)
    assignments = [(target, m) for eid in event_ids[1:] for m in groups[eid]]
    store.con.executemany("UPDATE event_mentions SET event_id = ? WHERE mention_id = ?", [list(a) for a in assignments])
    events = _rebuild_events(store, {target})
    _write(store, events, {target}, [], removed=set(event_ids[1:]))
    return target


def split(store: Connected, event_id: str, mention_ids: list[str], author: str | None = None,
          reason: str | None = None) -> str:
    """Move mentions out of an event into a new one; kept for later re-links. Returns the new id."""
    current = _mentions_of(store, event_id)
    if not current:
        raise KeyError(f"no such event: {event_id}")
    moving = [m for m in mention_ids if m in current]
    if len(moving) != len(set(mention_ids)):
        raise KeyError(f"not mentions of {event_id}: {', '.join(sorted(set(mention_ids) - set(current)))}")
    staying = [m for m in current if m not in moving]
    if not staying:
        raise ValueError("split would leave the event empty: keep at least one mention")
    _record(store, "split", [(a, b) for a in moving for b in staying], author, reason)
    _record(store, "merge", [(moving[0], m) for m in moving[1:]], author, reason)
    new_id = _new_id("split:" + ":".join(sorted(moving)))
    store.con.executemany("UPDATE event_mentions SET event_id = ? WHERE mention_id = ?", [[new_id, m] for m in moving])
    events = _rebuild_events(store, {event_id, new_id})
    _write(store, events, {event_id, new_id}, [])
    return new_id
