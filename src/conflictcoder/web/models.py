"""models: what the API takes in (validated) and gives out (documented in the OpenAPI schema).

Input is checked before it reaches the store: event types and sub-event types against ACLED's
taxonomy (taxonomy/acled.yaml, the vocabulary of lang/en/triggers.csv and the rest of ACLED's
list), dates as ISO dates, fatalities as non-negative integers, coordinates in range, names
without control characters and of bounded length; unknown fields are refused (422).

What it does not do: look at the store (whether an event exists, its current type): api.py does.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Optional

from pydantic import AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field, StrictInt, model_validator

from ..corrections import taxonomy
from ..model import ActorType

EventType = Literal[tuple(taxonomy())]  # type: ignore[valid-type]
SubEventType = Literal[tuple(s for subs in taxonomy().values() for s in subs)]  # type: ignore[valid-type]
Precision = Literal[1, 2, 3]
_LINE = r"^[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x1f\x7f]*$"  # one line, not blank
_TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"  # may have line breaks
Name = Annotated[str, Field(min_length=1, max_length=200, pattern=_LINE)]


def _iso_date(value):
    """Only an ISO date string (YYYY-MM-DD) or a date: pydantic's lax dates would take `0` for
    1970-01-01, and its strict ones refuse the JSON string that a client sends."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError("not a date (YYYY-MM-DD)")


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date), Field(ge=dt.date(1900, 1, 1), le=dt.date(2100, 12, 31),
                                                                json_schema_extra={"format": "date"})]
def _local_time(value):
    """A stored time (naive: this machine's local time, as `datetime.now()` wrote it) with its UTC
    offset, so that a client elsewhere reads the right instant (RFC 3339 needs the offset)."""
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return value.astimezone()
    return value


Timestamp = Annotated[AwareDatetime, BeforeValidator(_local_time)]
# a coordinate as a JSON number only: pydantic's lax floats would take `false` for 0.0
Coordinate = Annotated[float, Field(strict=True, allow_inf_nan=False)]
Inter = Annotated[StrictInt, Field(ge=int(min(ActorType)), le=int(max(ActorType)), description="ACLED inter code: 1 state forces ... 8 external/other forces")]
Clearable = Literal["location", "geonames_id", "admin1", "admin2", "actor1", "inter1", "actor2", "inter2"]
EventId = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_:.-]+$")]


class Authored(BaseModel):
    model_config = ConfigDict(extra="forbid")

    author: Annotated[str, Field(min_length=1, max_length=100, pattern=_LINE, description="Who decides.")]
    reason: Annotated[str, Field(min_length=1, max_length=2000, pattern=_TEXT, description="Why.")]


class CorrectionIn(Authored):
    """Fields to set (leave out what stays) and fields to clear; author and reason are required."""

    event_type: Optional[EventType] = None
    sub_event_type: Optional[SubEventType] = None
    date_start: Optional[IsoDate] = None
    date_end: Optional[IsoDate] = None
    time_precision: Optional[Precision] = Field(None, description="1 day, 2 week, 3 month or wider")
    location: Optional[Name] = None
    geonames_id: Optional[Annotated[StrictInt, Field(ge=1, le=99_999_999_999)]] = None
    lat: Optional[Annotated[Coordinate, Field(ge=-90, le=90)]] = None
    lon: Optional[Annotated[Coordinate, Field(ge=-180, le=180)]] = None
    country_code: Optional[Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")]] = None
    admin1: Optional[Name] = None
    admin2: Optional[Name] = None
    geo_precision: Optional[Precision] = Field(None, description="1 the town, 2 near a town / part of a region, 3 region")
    actor1: Optional[Name] = None
    inter1: Optional[Inter] = None
    actor2: Optional[Name] = None
    inter2: Optional[Inter] = None
    fatalities: Optional[Annotated[StrictInt, Field(ge=0, le=10_000_000)]] = None
    clear: list[Clearable] = Field(default_factory=list, max_length=8, description="Fields to set to null.")

    @model_validator(mode="after")
    def _consistent(self):
        changes = self.changes()
        both = {f for f in self.clear if getattr(self, f) is not None}
        if both:
            raise ValueError(f"both set and cleared: {', '.join(sorted(both))}")
        if not changes:
            raise ValueError("nothing to correct: give at least one field")
        if self.date_start and self.date_end and self.date_start > self.date_end:
            raise ValueError("date_end is before date_start")
        if self.event_type and self.sub_event_type and self.sub_event_type not in taxonomy()[self.event_type]:
            raise ValueError(f"{self.sub_event_type!r} is not a sub-event type of {self.event_type!r}")
        return self

    def changes(self) -> dict:
        """field -> new value (None for a cleared field), for corrections.record."""
        out = {f: getattr(self, f) for f in type(self).model_fields
               if f not in ("author", "reason", "clear") and getattr(self, f) is not None}
        out.update({f: None for f in self.clear})
        return out


def _no_repeats(model, ids: list[str], what: str):
    if len(set(ids)) != len(ids):
        raise ValueError(f"{what} is given twice")
    return model


class MergeIn(Authored):
    event_ids: list[EventId] = Field(min_length=2, max_length=50, description="The first one is kept.")

    @model_validator(mode="after")
    def _distinct(self):
        return _no_repeats(self, self.event_ids, "an event id")


class SplitIn(Authored):
    mention_ids: list[Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_:.-]+$")]] = Field(
        min_length=1, max_length=500, description="Mentions that form the new event.")

    @model_validator(mode="after")
    def _distinct(self):
        return _no_repeats(self, self.mention_ids, "a mention id")


# --- responses ----------------------------------------------------------------------------


class EventSummary(BaseModel):
    event_id: str
    event_type: Optional[str]
    sub_event_type: Optional[str]
    date_start: Optional[dt.date]
    date_end: Optional[dt.date]
    time_precision: Optional[int]
    location: Optional[str]
    lat: Optional[float]
    lon: Optional[float]
    country_code: Optional[str]
    admin1: Optional[str]
    admin2: Optional[str]
    geo_precision: Optional[int]
    actor1: Optional[str]
    actor2: Optional[str]
    fatalities_best: Optional[int]
    fatalities_low: Optional[int]
    fatalities_high: Optional[int]
    injured_best: Optional[int]
    n_mentions: Optional[int]
    corrected: list[str] = Field(description="Fields an analyst corrected.")


class EventList(BaseModel):
    total: int
    limit: int
    offset: int
    events: list[EventSummary]


class Segment(BaseModel):
    text: str
    kinds: list[str] = Field(description="Evidence covering this piece: sentence, trigger, place, actor1, count, ...")


class ArticleOut(BaseModel):
    article_id: str
    input_id: Optional[str] = Field(None, description="The id the user's corpus gave the article (its `id` column).")
    published: dt.date
    title: Optional[str]
    outlet: Optional[str]
    url: Optional[str]
    origin: Optional[str]
    segments: list[Segment]


class MentionOut(BaseModel):
    mention_id: str
    article_id: str
    published: Optional[dt.date]
    event_type: Optional[str]
    sub_event_type: Optional[str]
    date_start: Optional[dt.date]
    date_end: Optional[dt.date]
    place_name: Optional[str]
    lat: Optional[float]
    lon: Optional[float]
    admin1: Optional[str]
    country_code: Optional[str]
    actor1: Optional[str]
    actor2: Optional[str]
    fatalities: Optional[int]
    injured: Optional[int]
    confidence: Optional[float]
    sources: list[str]
    sentence: Optional[str]


class CountOut(BaseModel):
    count_id: str
    article_id: str
    mention_id: Optional[str]
    kind: Optional[str]
    value: Optional[float]
    low: Optional[float]
    high: Optional[float]
    qualifier: Optional[str]
    victims: Optional[str]
    scope: Optional[str]
    claimed_by: Optional[str]
    negated: Optional[bool]
    partisan: Optional[bool]
    span_start: Optional[int]
    span_end: Optional[int]
    span_text: Optional[str]


class CorrectionOut(BaseModel):
    correction_id: int
    corrected_event_id: str = Field(description="The event id the analyst corrected (it may since have changed).")
    mention_id: Optional[str]
    field: str
    value: Optional[str]
    original: Optional[str] = Field(description="The machine's value when corrected.")
    author: str
    reason: str
    corrected_at: Timestamp
    applied: bool = Field(description="In force (the latest correction of this field).")


class LinkDecisionOut(BaseModel):
    kind: str
    mention_a: str
    mention_b: str
    author: Optional[str]
    reason: Optional[str]
    decided_at: Timestamp


class EventDetail(EventSummary):
    geonames_id: Optional[int]
    inter1: Optional[int]
    inter2: Optional[int]
    interaction: Optional[int]
    injured_low: Optional[int]
    injured_high: Optional[int]
    notes: Optional[str]
    sources: list[str]
    best_source: Optional[str] = Field(None, description="The article whose death figure is fatalities_best.")
    best_reason: Optional[str] = Field(None, description="Why that figure is best (latest revision, ...).")
    first_published: Optional[dt.date]
    last_published: Optional[dt.date]
    machine: dict[str, Optional[str | int | float | dt.date]] = Field(
        description="The machine's value of every correctable field (the events table, never overwritten).")
    corrections: list[CorrectionOut]
    mentions: list[MentionOut]
    counts: list[CountOut]
    articles: list[ArticleOut]
    link_decisions: list[LinkDecisionOut]


class TimelineBucket(BaseModel):
    period: dt.date
    event_type: Optional[str]
    events: int
    fatalities: int


class Timeline(BaseModel):
    interval: Literal["day", "week"]
    buckets: list[TimelineBucket]


class Admin1Row(BaseModel):
    country_code: Optional[str]
    admin1: Optional[str]
    events: int
    fatalities: int


class Admin1Aggregates(BaseModel):
    regions: list[Admin1Row]


class GroupRow(BaseModel):
    key: Optional[str] = Field(description="The event type, actor or ISO2 country code.")
    events: int
    fatalities: int
    iso: Optional[int] = Field(None, description="ISO 3166 numeric code (countries only: the map's borders use it).")


class Breakdown(BaseModel):
    by_type: list[GroupRow]
    by_actor: list[GroupRow] = Field(description="Top actors; an event counts for each of its two actors.")
    by_country: list[GroupRow]


class RegionRef(BaseModel):
    country_code: str
    admin1: str


class Meta(BaseModel):
    taxonomy: dict[str, list[str]] = Field(description="ACLED event types and their sub-event types.")
    countries: list[str]
    admin1: list[RegionRef]
    date_min: Optional[dt.date]
    date_max: Optional[dt.date]
    events: int
    correctable: list[str]
    clearable: list[str]


class MergeOut(BaseModel):
    event_id: str = Field(description="The event kept.")
    merged: list[str]


class SplitOut(BaseModel):
    event_id: str
    new_event_id: str


class Problem(BaseModel):
    detail: str
