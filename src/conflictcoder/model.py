"""The typed data model of DESIGN.md, and nothing else.

Every stage reads and writes these dataclasses; no stage reaches into another's internals.
Every extracted value carries the `Span` of article text that supports it. Unknown values are
`None` with a `reason`, never a guess.

`to_json` turns any of them into plain JSON-ready dicts (dates as ISO strings); that shape is
the stable `annotate` interface documented in README.md.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import Any, Optional

# --- vocabularies (names as ACLED uses them) -------------------------------------------------

DATE_PRECISIONS = ("day", "week", "month", "year")
DATE_TYPES = ("date", "duration", "set")
COUNT_KINDS = (
    "killed", "injured", "missing", "abducted", "arrested", "displaced", "refugees",
    "besieged", "captured_territory", "casualties", "population", "affected", "other",
)
COUNT_SCOPES = ("incident", "cumulative", "context")


class EventType(StrEnum):
    """ACLED's event types, named in code; the taxonomy's data (sub-event types, groupings) is
    in taxonomy/acled.yaml, and tests/taxonomy/test_taxonomy.py checks that the two agree."""

    BATTLES = "Battles"
    EXPLOSIONS_REMOTE_VIOLENCE = "Explosions/Remote violence"
    VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
    PROTESTS = "Protests"
    RIOTS = "Riots"
    STRATEGIC_DEVELOPMENTS = "Strategic developments"


class ActorType(IntEnum):
    """ACLED actor type codes (`Actor.type`, inter1/inter2), named in code so that a rule reads
    `ActorType.CIVILIANS`, not 7; names and export labels are in taxonomy/acled.yaml (a test
    checks that the two agree)."""

    STATE_FORCES = 1
    REBEL_GROUPS = 2
    POLITICAL_MILITIAS = 3
    IDENTITY_MILITIAS = 4
    RIOTERS = 5
    PROTESTERS = 6
    CIVILIANS = 7
    EXTERNAL_OTHER_FORCES = 8


@dataclass(frozen=True)
class Span:
    """Character offsets into `Article.text` (end exclusive) and the covered text."""

    start: int
    end: int
    text: str


@dataclass
class Article:
    """One news report. `id` is a hash of normalised text and publication date (the store's
    identity: reading the same report twice adds nothing); `input_id` is the id the user's
    corpus gave it (JSON/CSV `id` column), kept so results can be joined back to that corpus.

    Checked when built (the API's boundary): `published` must be a date or an ISO date string
    (turned into a date here, so that no stage meets a string later), `text` a string; an empty
    `id` (None) becomes the content hash.
    """

    id: str
    published: dt.date
    text: str
    title: Optional[str] = None
    outlet: Optional[str] = None
    url: Optional[str] = None
    lang: Optional[str] = None  # a language pack's code; None: detected from the text (lang.detect)
    origin: Optional[str] = None  # "file:line" it was read from, for error messages
    input_id: Optional[str] = None

    def __post_init__(self) -> None:
        if isinstance(self.published, dt.datetime):
            self.published = self.published.date()
        elif isinstance(self.published, str):
            try:
                self.published = dt.date.fromisoformat(self.published.strip()[:10])
            except ValueError:
                raise ValueError(f"Article.published: not an ISO date (YYYY-MM-DD): {self.published!r}") from None
        elif not isinstance(self.published, dt.date):
            raise TypeError(f"Article.published must be a date or 'YYYY-MM-DD', not {type(self.published).__name__}")
        if not isinstance(self.text, str):
            raise TypeError(f"Article.text must be a string, not {type(self.text).__name__}")
        if not self.lang:  # no language given: the pack whose function words the text uses
            from .lang import detect

            self.lang = detect(self.text)
        if not self.id:  # Article(id=None, ...): the content hash, as the readers give it
            from .ingest.common import article_id

            self.id = article_id(self.text, self.published)


@dataclass
class Rejection:
    """An input that could not become an Article: where it was and why, in one line."""

    origin: str  # "path" or "path:line"
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


@dataclass
class DateRange:
    """A time expression normalised against the publication date into [start, end].

    `start`/`end` are None when unknown (with `reason`). `precision` is one of
    DATE_PRECISIONS; `type` one of DATE_TYPES ("duration" and "set" are not event dates).
    `open_start`: the expression only bounds the interval ("since Thursday").
    """

    start: Optional[dt.date]
    end: Optional[dt.date]
    precision: str
    type: str = "date"
    span: Optional[Span] = None
    open_start: bool = False
    reason: Optional[str] = None

    @property
    def time_precision(self) -> int:
        """ACLED time_precision: 1 day, 2 week, 3 month or wider."""
        if self.start is None or self.end is None:
            return 3
        days = (self.end - self.start).days
        if self.precision == "day" and days <= 1:
            return 1
        if days <= 7:
            return 2
        return 3


@dataclass
class Place:
    """A toponym resolved to a gazetteer entry. `precision` is ACLED geo_precision 1/2/3."""

    name: str
    geonames_id: Optional[int]
    lat: Optional[float]
    lon: Optional[float]
    country_code: Optional[str]
    admin1: Optional[str] = None
    admin2: Optional[str] = None
    precision: int = 1
    feature: str = "populated_place"  # populated_place | admin1 | admin2 | country | region
    span: Optional[Span] = None
    confidence: float = 1.0
    demonym: bool = False
    reason: Optional[str] = None
    # named as part of something else ("Alexandria Police", "Britain-based", "Sana news
    # agency"): a toponym, but never where an event happened
    associative: bool = False
    # where the report was filed from ("BEIRUT (AP) —"), not where anything happened
    dateline: bool = False


@dataclass
class Actor:
    """A mention of an armed or political actor, normalised through the actor lexicon.

    `type` is the ACLED inter code (`ActorType`, 1..8). `known` is False for groups kept raw.
    """

    name: str
    type: Optional[int]
    country: Optional[str] = None
    span: Optional[Span] = None
    known: bool = True
    role: Optional[str] = None  # e.g. "aircraft", "monitor" when the mention is a proxy


@dataclass
class Quantity:
    """A number with its hedge: value, low, high, qualifier ("at least", "over", "about"...)."""

    value: Optional[float]
    low: Optional[float]
    high: Optional[float]
    qualifier: Optional[str] = None
    span: Optional[Span] = None


@dataclass
class Source:
    """Who says so: a normalised source name and the span naming it."""

    name: str
    span: Optional[Span] = None
    kind: Optional[str] = None  # monitor | ngo | un | government | media | medical | witness | party


@dataclass
class Count:
    """A figure about people or things affected, with its scope.

    Only `scope == "incident"` counts become event fatalities; `cumulative` and `context`
    counts are kept as claims with their period and source.
    """

    quantity: Quantity
    kind: str
    victims: Optional[str] = None  # civilians | children | fighters | rebels | state_forces ...
    victim_actor: Optional[str] = None
    scope: str = "incident"
    period: Optional[DateRange] = None
    place: Optional[Place] = None
    claimed_by: Optional[Source] = None
    span: Optional[Span] = None
    negated: bool = False
    sentence: Optional[int] = None
    scope_reason: Optional[str] = None
    included_in_total: bool = True  # False for a sub-group ("including three children")
    victim_name: Optional[str] = None  # one named person ("Kody Zawalski, 20, was killed")
    joined: bool = False  # coordinated with another figure ("three children and two women"): adds to it
    estimate: bool = False  # told as an estimate ("about", "an estimated", "dozens")
    disputed: bool = False  # the text says the figure is contested or unverified
    # claimed by a party to the fighting (an armed group's own media or spokesmen, "VoJ
    # reported", "Taliban sources said"): kept as a claim, never an event's fatalities, as
    # ACLED and UCDP do not take a belligerent's uncorroborated figures
    partisan: bool = False
    # the attacker himself ("the gunman was shot dead by police", "the bomber died", "then
    # killed himself"): one more death beside the victims' figure, which never includes him
    attacker: bool = False


@dataclass
class Trigger:
    """An event word typed with the ACLED taxonomy."""

    lemma: str
    event_type: str
    sub_event_type: str
    span: Span
    sentence: int
    negated: bool = False
    rank: int = 0  # lexicon rank: the highest-ranked trigger of a clause decides its sub-event type


@dataclass
class EventMention:
    """One event as one article reports it."""

    article_id: str
    event_type: str
    sub_event_type: str
    date: Optional[DateRange]
    place: Optional[Place]
    actor1: Optional[Actor]
    actor2: Optional[Actor]
    counts: list[Count] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    trigger: Optional[Span] = None
    confidence: float = 0.5
    mention_id: Optional[str] = None
    # what an analyst should check before trusting the event ("toll above 500 for one event")
    flags: list[str] = field(default_factory=list)

    @property
    def fatalities(self) -> int:
        """Incident deaths: the sum over victim groups of the largest figure given for each.

        The same figure repeated in several sentences ("nine civilians" twice) counts once;
        different groups ("40 rebels, as well as 12 soldiers") add up; figures with
        unidentified victims are an alternative total, not an addition. Cumulative and
        context figures, negated ones, sub-groups and partisan claims never count.
        """
        return fatalities_of(self.counts)

    @property
    def injured(self) -> int:
        """Incident injuries, reckoned like `fatalities`. When the text gives no injured figure
        but gives both the people hit and the dead ("four people were shot, one fatally"), the
        injured are the difference; a casualty figure alone ("12 killed or wounded") says nothing."""
        hurt = total_of(self.counts, "injured")
        if hurt:
            return hurt
        dead = self.fatalities
        hit = total_of(self.counts, "casualties")
        return hit - dead if dead and hit > dead else 0


@dataclass
class Event:
    """One event across reports: reconciled date, place, actors and fatalities best/low/high."""

    event_id: str
    mentions: list[EventMention]
    date: Optional[DateRange]
    place: Optional[Place]
    actor1: Optional[Actor]
    actor2: Optional[Actor]
    event_type: str
    sub_event_type: str
    fatalities_best: int = 0
    fatalities_low: int = 0
    fatalities_high: int = 0
    sources: list[Source] = field(default_factory=list)
    notes: str = ""


@dataclass
class Annotations:
    """Everything the extract and assemble stages found in one article."""

    article: Article
    dates: list[DateRange] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    triggers: list[Trigger] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)

    def to_pandas(self):
        """The article's event mentions as a pandas DataFrame, one row each (`conflictcoder.mention_table`)."""
        from .mention_table import to_pandas

        return to_pandas([self])

    def to_polars(self):
        """The article's event mentions as a polars DataFrame, one row each (`conflictcoder.mention_table`)."""
        from .mention_table import to_polars

        return to_polars([self])


# victim classes that are civilians for reckoning totals ("five children" among "nine civilians")
CIVILIAN_GROUP = {"children": "civilians"}


def fatalities_of(counts: list["Count"]) -> int:
    """Deaths from incident counts; see `EventMention.fatalities`."""
    return total_of(counts, "killed")


def total_of(counts: list["Count"], kind: str) -> int:
    """Incident total of one kind: largest figure per victim group, summed over groups.

    When two sentences give the same total and the groups summed across sentences exceed it,
    the sentences tell the same people in other words ("ten civilians, including four
    auxiliaries" ... "six civilians and four members of the militia"; "five members of the
    forces" ... "five soldiers"): the total they agree on stands."""
    eligible = [c for c in counts if c.kind == kind and c.scope == "incident" and not c.negated
                and c.included_in_total and not c.partisan]
    whole = _reckon(eligible)
    by_sentence: dict = {}
    for c in eligible:
        if not c.victim_name and c.quantity.qualifier not in ("pronoun", "singular"):
            by_sentence.setdefault(c.sentence, []).append(c)  # people told one by one add up
    if len(by_sentence) > 1:
        per = [_reckon(cs) for cs in by_sentence.values()]
        agreed = [v for v in set(per) if per.count(v) >= 2 and v == max(per) and v >= 2]
        if agreed and whole > agreed[0]:
            return agreed[0]
    return whole


def _reckon(counts: list["Count"]) -> int:
    """Largest figure per victim group, summed over groups (see `EventMention.fatalities`)."""
    groups: dict[str, float] = {}
    named: set[str] = set()
    pronoun = attackers = 0
    for c in counts:
        if c.attacker:  # "a gunman killed three people before he was shot dead by police": 3 + 1
            attackers = max(attackers, int(c.quantity.value or 1))
            continue
        if c.victim_name:  # the same person named twice ("Kody Zawalski" ... "Zawalski") is one
            named.add(c.victim_name.lower())
            continue
        if c.quantity.qualifier == "pronoun":  # "he later died": someone already told of
            pronoun = 1
            continue
        q = c.quantity
        v = q.value if q.value is not None else q.low
        key = c.victim_actor or (CIVILIAN_GROUP.get(c.victims, c.victims)) or "unidentified"
        if c.joined:  # "three children and their mother": a further group of its own
            key = f"{key}+{c.span.start if c.span else id(c)}"
        groups[key] = max(groups.get(key, 0.0), v or 0.0)
    unknown = groups.pop("unidentified", 0.0)
    # named victims are an alternative total too: "a man was killed ... John Smith, 25, died";
    # the attacker may be among the names or be the "he" who died, never among the figures
    return int(max(max(sum(groups.values()), unknown) + attackers, people_named(named), pronoun))


def people_named(names: set[str]) -> int:
    """How many people a set of victim names tells: "Kody Zawalski" and "Zawalski", or
    "Braison Howard" and "Braison", are one person (a short form is one word of the full name);
    "Toshya Millhorn" and "James Millhorn" are two."""
    full = sorted({tuple(n.replace(",", " ").split()) for n in names if n.strip()}, key=len, reverse=True)
    people: list[tuple[str, ...]] = []
    for words in full:
        if len(words) == 1 and any(words[0] in p for p in people):
            continue
        if any(words == p[-len(words):] or words == p[:len(words)] for p in people):
            continue
        people.append(words)
    return len(people)


def to_json(obj: Any) -> Any:
    """Plain JSON-ready structure: dataclasses to dicts, dates to ISO strings."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out = {f.name: to_json(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
        if isinstance(obj, DateRange):
            out["time_precision"] = obj.time_precision
        if isinstance(obj, EventMention):
            out["fatalities"] = obj.fatalities
            out["injured"] = obj.injured
        return out
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    if isinstance(obj, (list, tuple)):
        return [to_json(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_json(v) for k, v in obj.items()}
    return obj
