"""store: the event store in one DuckDB file (zero set-up), versioned schema, transactions.

Tables: articles, rejections, mentions (one event as one article reports it, with the full
JSON of the mention for lossless read-back), counts (every figure, attached to a mention or
kept as a claim with mention_id NULL), evidence (spans backing each field), events (linked and
reconciled), event_mentions, link_decisions and corrections (analysts' fixes of event fields,
beside the machine's values: `conflictcoder.corrections`).

An article and all its rows are written in one transaction, and an article already stored is
skipped: ingesting twice, or re-running after a crash, adds nothing.
All SQL is parameterised; nothing is built from user strings.

Sharing the file: DuckDB lets one process write a file, or any number of processes read it
(read-only), not both. Readers (`events`, `export`, `report`, `mentions`, the web server) open it
read-only (`open_reader`), so they run side by side; a writer that finds it in use waits up to
`wait` seconds, then gets `StoreBusy`: one line naming the process that holds it, never
DuckDB's traceback. Within one process, `cursor()` gives each thread its own connection to the
same database, so readers do not wait on each other.

What it does not do: linking (link/linker.py decides events; this module only stores them).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import duckdb

from ..model import Annotations, Count, EventMention, Rejection, to_json
from ..sql import dicts

MIGRATIONS: list[str] = [
    # 1: the first schema
    """
    CREATE TABLE articles (
        id VARCHAR PRIMARY KEY, published DATE NOT NULL, title VARCHAR, outlet VARCHAR,
        url VARCHAR, lang VARCHAR, origin VARCHAR, text VARCHAR NOT NULL,
        ingested_at TIMESTAMP NOT NULL
    );
    CREATE TABLE rejections (origin VARCHAR, message VARCHAR, rejected_at TIMESTAMP);
    CREATE TABLE mentions (
        mention_id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, published DATE,
        event_type VARCHAR, sub_event_type VARCHAR,
        date_start DATE, date_end DATE, time_precision INTEGER, date_text VARCHAR,
        place_name VARCHAR, place_text VARCHAR, geonames_id BIGINT, lat DOUBLE, lon DOUBLE,
        country_code VARCHAR, admin1 VARCHAR, admin2 VARCHAR, geo_precision INTEGER,
        place_confidence DOUBLE,
        actor1 VARCHAR, inter1 INTEGER, actor2 VARCHAR, inter2 INTEGER,
        fatalities INTEGER, confidence DOUBLE, sources VARCHAR, sentence VARCHAR, data VARCHAR
    );
    CREATE TABLE counts (
        count_id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, mention_id VARCHAR,
        kind VARCHAR, value DOUBLE, low DOUBLE, high DOUBLE, qualifier VARCHAR,
        victims VARCHAR, victim_actor VARCHAR, scope VARCHAR, scope_reason VARCHAR,
        period_start DATE, period_end DATE, claimed_by VARCHAR, negated BOOLEAN,
        span_start INTEGER, span_end INTEGER, span_text VARCHAR
    );
    CREATE TABLE evidence (
        article_id VARCHAR, owner_kind VARCHAR, owner_id VARCHAR, field VARCHAR,
        span_start INTEGER, span_end INTEGER, text VARCHAR
    );
    CREATE TABLE events (
        event_id VARCHAR PRIMARY KEY, event_type VARCHAR, sub_event_type VARCHAR,
        date_start DATE, date_end DATE, time_precision INTEGER,
        location VARCHAR, geonames_id BIGINT, lat DOUBLE, lon DOUBLE, country_code VARCHAR,
        admin1 VARCHAR, admin2 VARCHAR, geo_precision INTEGER,
        actor1 VARCHAR, inter1 INTEGER, actor2 VARCHAR, inter2 INTEGER, interaction INTEGER,
        fatalities_best INTEGER, fatalities_low INTEGER, fatalities_high INTEGER,
        sources VARCHAR, notes VARCHAR, n_mentions INTEGER,
        first_published DATE, last_published DATE
    );
    CREATE TABLE event_mentions (event_id VARCHAR NOT NULL, mention_id VARCHAR PRIMARY KEY);
    CREATE INDEX mentions_article ON mentions(article_id);
    CREATE INDEX counts_article ON counts(article_id);
    """,
    # 2: sub-groups, named victims, estimates and disputed figures; injuries per mention
    """
    ALTER TABLE counts ADD COLUMN included_in_total BOOLEAN DEFAULT TRUE;
    ALTER TABLE counts ADD COLUMN victim_name VARCHAR;
    ALTER TABLE counts ADD COLUMN estimate BOOLEAN DEFAULT FALSE;
    ALTER TABLE counts ADD COLUMN disputed BOOLEAN DEFAULT FALSE;
    ALTER TABLE mentions ADD COLUMN injured INTEGER;
    """,
    # 3: injuries reconciled per event; analysts' link decisions, kept across re-links
    """
    ALTER TABLE events ADD COLUMN injured_best INTEGER DEFAULT 0;
    ALTER TABLE events ADD COLUMN injured_low INTEGER DEFAULT 0;
    ALTER TABLE events ADD COLUMN injured_high INTEGER DEFAULT 0;
    CREATE TABLE link_decisions (
        kind VARCHAR NOT NULL, mention_a VARCHAR NOT NULL, mention_b VARCHAR NOT NULL,
        author VARCHAR, reason VARCHAR, decided_at TIMESTAMP NOT NULL
    );
    CREATE INDEX event_mentions_event ON event_mentions(event_id);
    """,
    # 4: where a figure is told for ("40 civilians killed ... in the province")
    """
    ALTER TABLE counts ADD COLUMN place_name VARCHAR;
    ALTER TABLE counts ADD COLUMN geonames_id BIGINT;
    ALTER TABLE counts ADD COLUMN lat DOUBLE;
    ALTER TABLE counts ADD COLUMN lon DOUBLE;
    """,
    # 5: figures claimed by a party to the fighting
    """
    ALTER TABLE counts ADD COLUMN partisan BOOLEAN DEFAULT FALSE;
    """,
    # 6: analysts' corrections of event fields (the machine's values in events stay as they are);
    # mention_id: the event's first report when corrected, so a correction finds its event again
    # after `link --rebuild` gives it another id
    """
    CREATE SEQUENCE corrections_seq;
    CREATE TABLE corrections (
        correction_id BIGINT PRIMARY KEY DEFAULT nextval('corrections_seq'),
        event_id VARCHAR NOT NULL, mention_id VARCHAR, field VARCHAR NOT NULL,
        value VARCHAR, original VARCHAR, author VARCHAR NOT NULL, reason VARCHAR NOT NULL,
        corrected_at TIMESTAMP NOT NULL
    );
    CREATE INDEX corrections_event ON corrections(event_id);
    """,
    # 7: the id the user's corpus gave an article, so results join back to that corpus
    """
    ALTER TABLE articles ADD COLUMN input_id VARCHAR;
    """,
    # 8: which report's death figure is best, and why (link/linker.py `_fatalities`)
    """
    ALTER TABLE events ADD COLUMN best_source VARCHAR;
    ALTER TABLE events ADD COLUMN best_reason VARCHAR;
    """,
    # 9: what an analyst should check before trusting an event (an implausible toll)
    """
    ALTER TABLE events ADD COLUMN flags VARCHAR;
    """,
    # 10: the settings (every weight and threshold, settings.py) each run used, so a figure can
    # be traced to the numbers that produced it
    """
    CREATE TABLE runs (
        run_id VARCHAR PRIMARY KEY, command VARCHAR NOT NULL, started_at TIMESTAMP NOT NULL,
        version VARCHAR, settings_hash VARCHAR NOT NULL, settings VARCHAR NOT NULL, changed VARCHAR
    );
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


def _connect(path: Path, read_only: bool, wait: float):
    """A DuckDB connection; `StoreBusy` (one line) when another process holds the file for `wait` s."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as e:
            if "lock" not in str(e).lower():
                raise
            if time.monotonic() >= deadline:
                raise StoreBusy(busy_message(path, str(e), read_only)) from None
            time.sleep(0.2)


def open_reader(path: str | Path, wait: float = 0.0) -> "Store":
    """The store read-only (other readers, such as a running `serve`, may hold it too), migrated
    first if it is older than this conflictcoder."""
    store = Store(path, read_only=True, wait=wait)
    if store.version < SCHEMA_VERSION:
        store.close()
        Store(path, wait=wait).close()
        store = Store(path, read_only=True, wait=wait)
    return store


@dataclass
class AddResult:
    articles_added: int = 0
    articles_skipped: int = 0
    mentions_added: int = 0


def _span(obj):
    s = getattr(obj, "span", None) if obj is not None else None
    return (s.start, s.end, s.text) if s is not None else (None, None, None)


class StoreBusy(RuntimeError):
    """The store file is held by another process; the message is one line saying which."""


def _holder(message: str) -> str:
    """Who holds the lock, from DuckDB's message: "PID 123 (conflictcoder serve --db x.duckdb)"."""
    m = re.search(r"\(PID (\d+)\)", message)
    if not m:
        return "another process"
    pid = m.group(1)
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            argv = [a.decode("utf-8", "replace") for a in fh.read().split(b"\0") if a]
    except OSError:
        argv = []
    # `python -m conflictcoder.cli serve ...` and the `conflictcoder` script both read as conflictcoder
    for i, a in enumerate(argv):
        if a.endswith("conflictcoder") or a in ("conflictcoder.cli", "conflictcoder"):
            argv = ["conflictcoder", *argv[i + 1:]]
            break
    shown = " ".join(argv)[:120]
    return f"process {pid} ({shown})" if shown else f"process {pid}"


def busy_message(path: Path, message: str, read_only: bool) -> str:
    who = _holder(message)
    if read_only:
        return (f"{path} is being written by {who}; a store cannot be read while it is written: "
                "wait for it to finish, then try again")
    return (f"{path} is in use by {who}; a store is written by one process at a time and only while "
            "no other has it open: stop or wait for that process, then try again")


class Store:
    """A DuckDB event store. Use as a context manager.

    `wait`: seconds to keep trying while another process holds the file, before `StoreBusy`."""

    def __init__(self, path: str | Path, read_only: bool = False, wait: float = 0.0):
        self.path = Path(path)
        self.con = _connect(self.path, read_only, wait)
        if not read_only:
            self._migrate()

    def cursor(self) -> "Store":
        """This store through a connection of its own (DuckDB's cursor), for one thread: readers in
        threads run side by side instead of queueing on one connection. Close it after use."""
        view = object.__new__(Store)
        view.path, view.con = self.path, self.con.cursor()
        return view

    # --- schema -------------------------------------------------------------------------
    def _migrate(self) -> None:
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, applied_at TIMESTAMP)"
        )
        current = self.con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]
        if current > SCHEMA_VERSION:
            raise RuntimeError(
                f"{self.path}: schema version {current} is newer than this conflictcoder ({SCHEMA_VERSION}); upgrade"
            )
        for version in range(current + 1, SCHEMA_VERSION + 1):
            self.con.execute("BEGIN TRANSACTION")
            try:
                for stmt in MIGRATIONS[version - 1].split(";"):
                    if stmt.strip():
                        self.con.execute(stmt)
                self.con.execute("INSERT INTO schema_version VALUES (?, ?)", [version, dt.datetime.now()])
                self.con.execute("COMMIT")
            except Exception:
                self.con.execute("ROLLBACK")
                raise

    @property
    def version(self) -> int:
        return self.con.execute("SELECT max(version) FROM schema_version").fetchone()[0]

    # --- writing ------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def add(self, annotations: Annotations | Iterable[Annotations]) -> AddResult:
        """Store articles with their mentions, counts and evidence; one transaction per batch."""
        batch = [annotations] if isinstance(annotations, Annotations) else list(annotations)
        result = AddResult()
        self.con.execute("BEGIN TRANSACTION")
        try:
            seen = set()
            for ann in batch:
                a = ann.article
                if a.id in seen or self.has_article(a.id):
                    result.articles_skipped += 1
                    continue
                seen.add(a.id)
                self._insert_article(ann)
                result.articles_added += 1
                result.mentions_added += len(ann.events)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        return result

    def _insert_article(self, ann: Annotations) -> None:
        a = ann.article
        self.con.execute(
            "INSERT INTO articles (id, published, title, outlet, url, lang, origin, text, ingested_at, input_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [a.id, a.published, a.title, a.outlet, a.url, a.lang, a.origin, a.text, dt.datetime.now(), a.input_id],
        )
        owner_of: dict[int, str] = {}
        for m in ann.events:
            self._insert_mention(ann, m)
            for c in m.counts:
                owner_of[id(c)] = m.mention_id
        all_counts = list(ann.counts)
        for m in ann.events:  # counts attached to mentions but not in ann.counts (hand-built)
            all_counts.extend(c for c in m.counts if all(c is not x for x in all_counts))
        for i, c in enumerate(all_counts):
            self._insert_count(a.id, f"{a.id}:c{i}", owner_of.get(id(c)), c)

    def _insert_mention(self, ann: Annotations, m: EventMention) -> None:
        a = ann.article
        d, p = m.date, m.place
        sources = [s.name for s in m.sources]
        sentence = " ".join(s.text for s in m.sentences)
        self.con.execute(
            "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                m.mention_id, a.id, a.published, m.event_type, m.sub_event_type,
                d.start if d else None, d.end if d else None, d.time_precision if d else None,
                d.span.text if d and d.span else None,
                p.name if p else None, p.span.text if p and p.span else None,
                p.geonames_id if p else None, p.lat if p else None, p.lon if p else None,
                p.country_code if p else None, p.admin1 if p else None, p.admin2 if p else None,
                p.precision if p else None, p.confidence if p else None,
                m.actor1.name if m.actor1 else None, m.actor1.type if m.actor1 else None,
                m.actor2.name if m.actor2 else None, m.actor2.type if m.actor2 else None,
                m.fatalities, m.confidence, json.dumps(sources), sentence,
                json.dumps(to_json(m), ensure_ascii=False), m.injured,
            ],
        )
        rows = []
        for field, obj in (("date", d), ("place", p), ("actor1", m.actor1), ("actor2", m.actor2)):
            s, e, t = _span(obj)
            if s is not None:
                rows.append([a.id, "mention", m.mention_id, field, s, e, t])
        if m.trigger is not None:
            rows.append([a.id, "mention", m.mention_id, "trigger", m.trigger.start, m.trigger.end, m.trigger.text])
        for sent in m.sentences:
            rows.append([a.id, "mention", m.mention_id, "sentence", sent.start, sent.end, sent.text])
        for src in m.sources:
            s, e, t = _span(src)
            if s is not None:
                rows.append([a.id, "mention", m.mention_id, "source", s, e, t])
        if rows:
            self.con.executemany("INSERT INTO evidence VALUES (?, ?, ?, ?, ?, ?, ?)", rows)

    def _insert_count(self, article_id: str, count_id: str, mention_id: str | None, c: Count) -> None:
        q = c.quantity
        s, e, t = _span(c)
        self.con.execute(
            "INSERT INTO counts (count_id, article_id, mention_id, kind, value, low, high, qualifier, "
            "victims, victim_actor, scope, scope_reason, period_start, period_end, claimed_by, negated, "
            "span_start, span_end, span_text, included_in_total, victim_name, estimate, disputed, "
            "place_name, geonames_id, lat, lon, partisan) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                count_id, article_id, mention_id, c.kind, q.value, q.low, q.high, q.qualifier,
                c.victims, c.victim_actor, c.scope, c.scope_reason,
                c.period.start if c.period else None, c.period.end if c.period else None,
                c.claimed_by.name if c.claimed_by else None, c.negated, s, e, t,
                c.included_in_total, c.victim_name, c.estimate, c.disputed,
                c.place.name if c.place else None, c.place.geonames_id if c.place else None,
                c.place.lat if c.place else None, c.place.lon if c.place else None, c.partisan,
            ],
        )
        if s is not None:
            self.con.execute("INSERT INTO evidence VALUES (?, ?, ?, ?, ?, ?, ?)",
                             [article_id, "count", count_id, "count", s, e, t])

    def add_rejection(self, r: Rejection) -> None:
        self.con.execute("INSERT INTO rejections VALUES (?, ?, ?)", [r.origin, r.message, dt.datetime.now()])

    # --- reading ------------------------------------------------------------------------
    def _dicts(self, sql: str, params: list | None = None) -> list[dict]:
        return dicts(self.con, sql, params)

    def record_run(self, command: str, settings=None) -> str:
        """Note that `command` ran on this store with these settings (default: the active ones);
        returns the run's id."""
        import uuid

        from .. import __version__
        from .. import settings as _settings

        s = settings or _settings.active()
        run_id = uuid.uuid4().hex[:16]
        self.con.execute("INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?)",
                         [run_id, command, dt.datetime.now(), __version__, s.hash, s.to_json(),
                          json.dumps(s.changed(), sort_keys=True)])
        return run_id

    def settings_used(self) -> list[dict]:
        """Each distinct set of settings runs on this store used: its hash, what it changed from
        the defaults, and when it was first and last used (oldest first)."""
        try:
            rows = self.con.execute(
                "SELECT settings_hash, any_value(changed), min(started_at), max(started_at) FROM runs"
                " GROUP BY settings_hash ORDER BY min(started_at)").fetchall()
        except duckdb.CatalogException:  # a store of an older version opened read-only
            return []
        return [{"settings_hash": h, "changed": json.loads(c or "{}"), "first_run": str(f), "last_run": str(la)}
                for h, c, f, la in rows]

    def summary(self) -> dict:
        row = self.con.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM rejections),"
            " (SELECT count(*) FROM mentions), (SELECT count(*) FROM events),"
            " (SELECT coalesce(sum(fatalities_best), 0) FROM events),"
            " (SELECT count(*) FROM counts WHERE mention_id IS NULL)"
        ).fetchone()
        keys = ("articles", "rejections", "mentions", "events", "fatalities", "claims")
        return dict(zip(keys, (int(x) for x in row)))

    def events(self, country: str | None = None, since: dt.date | None = None, until: dt.date | None = None,
               event_type: str | None = None, limit: int | None = None, relation: str = "events") -> list[dict]:
        """Events, newest first, filtered by parameters (never by SQL text). `relation` is the
        events table or a SELECT of the same columns (code's own SQL: corrections.events)."""
        sql = (f"SELECT * FROM {relation} WHERE (? IS NULL OR country_code = ?) AND (? IS NULL OR date_end >= ?)"
               " AND (? IS NULL OR date_start <= ?) AND (? IS NULL OR event_type = ?)"
               " ORDER BY date_start DESC, event_id")
        params = [country, country, since, since, until, until, event_type, event_type]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        rows = self._dicts(sql, params)
        for r in rows:
            r["sources"] = json.loads(r["sources"] or "[]")
        return rows

    def mentions_for(self, event_id: str) -> list[dict]:
        return self._dicts(
            "SELECT m.* FROM mentions m JOIN event_mentions em USING (mention_id) WHERE em.event_id = ?"
            " ORDER BY m.published, m.mention_id", [event_id])

    def claims(self, article_id: str | None = None) -> list[dict]:
        """Figures kept as claims (not attached to any event mention)."""
        return self._dicts(
            "SELECT * FROM counts WHERE mention_id IS NULL AND (? IS NULL OR article_id = ?) ORDER BY count_id",
            [article_id, article_id])

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
