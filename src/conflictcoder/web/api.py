"""api: the JSON routes under /api: events (list, filter, one with its evidence), aggregates,
exports, and analysts' writes (corrections, merge, split).

Reads serve the corrected dataset (corrections laid over the machine's events); each event
also carries the machine's values and the history of its corrections. Writes need the token
(auth.py) and go through corrections.record and link/linker.py's merge and split, which store
who, when and why. Reads run side by side, each on its own cursor; a write has the store to
itself (db.py).

What it does not do: SQL (queries.py), validation rules (models.py).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Annotated, Literal, Optional

from fastapi import APIRouter, Depends, HTTPException, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from .. import corrections
from . import models, queries
from .auth import allow_read, require_write

BUSY = {503: {"model": models.Problem, "description": "Another process holds the store file (named in `detail`)."}}
READ_ERRORS = {401: {"model": models.Problem, "description": "Not a local client, and no token."},
               403: {"model": models.Problem, "description": "Not a local client, and a wrong token."}, **BUSY}
WRITE_ERRORS = {400: {"model": models.Problem, "description": "The body is not JSON."},
                401: {"model": models.Problem, "description": "No token."},
                403: {"model": models.Problem, "description": "Wrong token."},
                404: {"model": models.Problem, "description": "No such event."},
                413: {"model": models.Problem, "description": "The body is over 256 KiB."}, **BUSY}
NOT_FOUND = {404: {"model": models.Problem, "description": "No such event."}}

router = APIRouter(prefix="/api")
EventIdParam = Annotated[str, PathParam(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_:.-]+$")]
Region = Annotated[Optional[str], Query(min_length=1, max_length=200, pattern=models._LINE)]
Search = Annotated[Optional[str], Query(min_length=1, max_length=200, pattern=models._LINE,
                                        description="Words in the event's fields or its articles' text.")]

IsoDateQuery = Annotated[Optional[str], Query(pattern=r"^\d{4}-\d{2}-\d{2}$", json_schema_extra={"format": "date"})]


async def filters(
    country: Annotated[Optional[str], Query(pattern=r"^[A-Z]{2}$", description="ISO2 country code, e.g. SY.")] = None,
    admin1: Region = None,
    since: Annotated[IsoDateQuery, Query(description="Events ending on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[IsoDateQuery, Query(description="Events starting on or before this date (YYYY-MM-DD).")] = None,
    event_type: Optional[models.EventType] = None,
    sub_event_type: Optional[models.SubEventType] = None,
    actor: Annotated[Optional[str], Query(min_length=1, max_length=200, pattern=models._LINE,
                                          description="Part of actor1's or actor2's name.")] = None,
    min_fatalities: Annotated[Optional[int], Query(ge=0, le=10_000_000)] = None,
    q: Search = None,
) -> queries.Filters:
    """The filters every list, aggregate and export takes."""
    return queries.Filters(country, admin1, _iso("since", since), _iso("until", until), event_type, sub_event_type, actor, min_fatalities, q)



def invalid(where: str, name: str, msg: str, value=None):
    """A 422 in FastAPI's own shape (a list of errors), as the OpenAPI schema documents it."""
    return RequestValidationError([{"type": "value_error", "loc": (where, name), "msg": msg, "input": value}])


def _iso(name: str, value: str | None) -> dt.date | None:
    """An ISO date from a query parameter (pydantic's lax dates would take `0` for 1970-01-01)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise invalid("query", name, "not a date (YYYY-MM-DD)", value)


Filtered = Annotated[queries.Filters, Depends(filters)]


def _reading(request: Request):
    """The store for one read request (its own cursor: reads do not wait on each other)."""
    return request.app.state.store.read()


async def _cached(request: Request, model, compute) -> Response:
    """The JSON of `model` from `compute(store)`, kept until the next write (db.py): the same
    question (path and query) is answered from memory, on the event loop; a new one is computed
    in a worker thread. The answer is still checked against `model`, as FastAPI's response_model
    would."""
    def answer(store) -> bytes:
        return model.model_validate(compute(store)).model_dump_json().encode()

    shared = request.app.state.store
    key = (request.url.path, tuple(sorted(request.query_params.multi_items())))
    body = shared.peek(key)
    if body is None:
        body = await run_in_threadpool(shared.cached, key, answer)
    return Response(body, media_type="application/json")


def _writing(request: Request):
    """The store read-write for one write request (reads wait meanwhile)."""
    return request.app.state.store.write()


def _detail(store, event_id: str) -> dict:
    ev = queries.event(store, event_id)
    if ev is None:
        raise HTTPException(404, f"no such event: {event_id}")
    ms = queries.mentions(store, event_id)
    ids = [m["mention_id"] for m in ms]
    ev.update(corrections=corrections.for_event(store, event_id), mentions=ms, counts=queries.counts(store, ids),
              articles=queries.articles(store, ids), link_decisions=queries.link_decisions(store, ids))
    return ev


# --- reads --------------------------------------------------------------------------------


@router.get("/meta", response_model=models.Meta, dependencies=[Depends(allow_read)], responses=READ_ERRORS,
            summary="Vocabulary and what the filters can choose from")
async def meta(request: Request):
    def compute(store):
        clearable = list(models.Clearable.__args__)
        return {"taxonomy": {k: list(v) for k, v in corrections.taxonomy().items()}, **queries.facets(store),
                "correctable": list(corrections.FIELDS), "clearable": clearable}

    return await _cached(request, models.Meta, compute)


@router.get("/events", response_model=models.EventList, dependencies=[Depends(allow_read)], responses=READ_ERRORS,
            summary="List and filter events (corrected values), newest first")
async def list_events(request: Request, f: Filtered,
                limit: Annotated[int, Query(ge=1, le=5000)] = 1000,
                offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0):
    def compute(store):
        total, rows = queries.list_events(store, f, limit, offset)
        return {"total": total, "limit": limit, "offset": offset, "events": rows}

    return await _cached(request, models.EventList, compute)


# before /events/{event_id}: Starlette tries routes in order, and 'merge' would match the id
@router.post("/events/merge", response_model=models.MergeOut, dependencies=[Depends(require_write)],
             responses=WRITE_ERRORS, summary="Merge events an analyst knows are one (the first id is kept)")
def merge(request: Request, body: models.MergeIn):
    from ..link.linker import merge as do_merge

    with _writing(request) as store:
        try:
            kept = do_merge(store, body.event_ids, author=body.author, reason=body.reason)
        except KeyError as e:
            raise HTTPException(404, e.args[0])
    return {"event_id": kept, "merged": body.event_ids[1:]}


@router.get("/events/{event_id}", response_model=models.EventDetail, dependencies=[Depends(allow_read)],
            responses={**READ_ERRORS, **NOT_FOUND},
            summary="One event: its mentions, counts, sources, articles with evidence highlighted, corrections")
def get_event(request: Request, event_id: EventIdParam):
    with _reading(request) as store:
        return _detail(store, event_id)


@router.get("/aggregates/timeline", response_model=models.Timeline, dependencies=[Depends(allow_read)],
            responses=READ_ERRORS, summary="Events and fatalities per day or week and event type")
async def timeline(request: Request, f: Filtered, interval: Literal["day", "week"] = "week"):
    return await _cached(request, models.Timeline,
                   lambda store: {"interval": interval, "buckets": queries.timeline(store, f, interval)})


@router.get("/aggregates/admin1", response_model=models.Admin1Aggregates, dependencies=[Depends(allow_read)],
            responses=READ_ERRORS, summary="Events and fatalities per first-level region")
async def admin1(request: Request, f: Filtered):
    return await _cached(request, models.Admin1Aggregates, lambda store: {"regions": queries.by_admin1(store, f)})


@router.get("/aggregates/breakdown", response_model=models.Breakdown, dependencies=[Depends(allow_read)],
            responses=READ_ERRORS, summary="Events and fatalities by event type, actor and country")
async def breakdown(request: Request, f: Filtered):
    return await _cached(request, models.Breakdown, lambda store: queries.breakdown(store, f))


EXPORT_TYPES = {"acled-csv": ("text/csv", "events.csv"), "geojson": ("application/geo+json", "events.geojson"),
                "parquet": ("application/vnd.apache.parquet", "events.parquet"),
                "jsonl": ("application/x-ndjson", "events.jsonl")}


@router.get("/export", dependencies=[Depends(allow_read)], response_class=Response,
            responses={**READ_ERRORS, 200: {"content": {t: {} for t, _ in EXPORT_TYPES.values()},
                                            "description": "The export file (as `conflictcoder export`)."}},
            summary="Download an export (corrected values, a `corrected` column)")
def export(request: Request, f: Filtered, format: Literal["acled-csv", "geojson", "parquet", "jsonl"] = "acled-csv"):
    """The events every filter of the list selects (the page's export links carry them all)."""
    from ..export import export as do_export

    media, name = EXPORT_TYPES[format]
    with tempfile.TemporaryDirectory() as tmp, _reading(request) as store:
        out = Path(tmp) / name
        do_export(store, format, out, events=queries.export_events(store, f))
        body = out.read_bytes()
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


# --- writes -------------------------------------------------------------------------------


@router.post("/events/{event_id}/corrections", response_model=models.EventDetail,
             dependencies=[Depends(require_write)], responses=WRITE_ERRORS,
             summary="Correct an event's fields (stored with author, time and reason; the machine's value stays)")
def correct(request: Request, event_id: EventIdParam, body: models.CorrectionIn):
    changes = body.changes()
    with _writing(request) as store:
        ev = queries.event(store, event_id)
        if ev is None:
            raise HTTPException(404, f"no such event: {event_id}")
        event_type = changes.get("event_type", ev["event_type"])
        sub = changes.get("sub_event_type", ev["sub_event_type"])
        if sub not in corrections.taxonomy().get(event_type, ()):
            raise invalid("body", "sub_event_type", f"{sub!r} is not a sub-event type of {event_type!r}: give one", sub)
        start = changes.get("date_start", ev["date_start"])
        end = changes.get("date_end", ev["date_end"])
        if start is not None and end is not None and start > end:
            raise invalid("body", "date_end", f"date_end {end} is before date_start {start}", str(end))
        if {"location", "lat", "lon"} & set(changes) and "geonames_id" not in changes:
            changes["geonames_id"] = None  # the gazetteer entry no longer names the corrected place
        current = {f: ev[col] for f, (col, _) in corrections.FIELDS.items()}
        changes = {f: v for f, v in changes.items() if v != current[f]}  # what already holds is no correction
        if not changes:
            raise invalid("body", "body", "nothing changes: every value given is the event's value already")
        corrections.record(store, event_id, changes, body.author, body.reason)
        return _detail(store, event_id)


@router.post("/events/{event_id}/split", response_model=models.SplitOut, dependencies=[Depends(require_write)],
             responses={**WRITE_ERRORS, 409: {"model": models.Problem, "description": "The event would be empty."}},
             summary="Move mentions out of an event into a new one")
def split(request: Request, event_id: EventIdParam, body: models.SplitIn):
    from ..link.linker import split as do_split

    with _writing(request) as store:
        try:
            new_id = do_split(store, event_id, body.mention_ids, author=body.author, reason=body.reason)
        except KeyError as e:
            raise HTTPException(404, e.args[0])
        except ValueError as e:
            raise HTTPException(409, e.args[0])
    return {"event_id": event_id, "new_event_id": new_id}
