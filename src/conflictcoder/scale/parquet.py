"""parquet: one partition of extraction results as Parquet files, and loading them into the store.

Layout under the output directory (one file per partition and table, written by DuckDB, no
pyarrow needed):

    mentions/part-000007-3f9a1c2b7d.parquet   one row per event mention (flat ACLED-style
                                              columns, `data` = the mention's full JSON)
    counts/part-000007-3f9a1c2b7d.parquet     one row per figure (claims: mention_id NULL)
    articles/part-000007-3f9a1c2b7d.parquet   one row per article; `annotations` holds the
                                              article's Annotations (pickled), which is what
                                              the store loads

`articles/` is written last and atomically (temporary name, then rename), so a partition whose
`articles` file exists is complete: a resumed run loads it instead of extracting it again.
The directory may be local or, when fsspec has the filesystem installed (s3fs, gcsfs, ...), a
URL such as s3://bucket/run1 that every Dask worker can write to.

What it does not do: decide events (linking runs on the store after loading). The pickled
column is an intermediate for this program's own loader, not an exchange format: load only
directories you wrote yourself.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import tempfile
from typing import Iterable, Iterator

from ..model import Annotations, to_json
from .bulk import add_batch

TABLES = ("mentions", "counts", "articles")

_SCHEMAS = {
    "mentions": """article_id VARCHAR, mention_id VARCHAR, published DATE, event_type VARCHAR,
        sub_event_type VARCHAR, date_start DATE, date_end DATE, time_precision INTEGER, place_name VARCHAR,
        geonames_id BIGINT, lat DOUBLE, lon DOUBLE, country_code VARCHAR, admin1 VARCHAR, admin2 VARCHAR,
        geo_precision INTEGER, actor1 VARCHAR, inter1 INTEGER, actor2 VARCHAR, inter2 INTEGER,
        fatalities INTEGER, injured INTEGER, confidence DOUBLE, data VARCHAR""",
    "counts": """article_id VARCHAR, mention_id VARCHAR, kind VARCHAR, value DOUBLE, low DOUBLE, high DOUBLE,
        qualifier VARCHAR, victims VARCHAR, scope VARCHAR, claimed_by VARCHAR, negated BOOLEAN,
        span_start INTEGER, span_end INTEGER, span_text VARCHAR""",
    "articles": """id VARCHAR, published DATE, title VARCHAR, outlet VARCHAR, url VARCHAR, lang VARCHAR,
        origin VARCHAR, n_mentions INTEGER, annotations BLOB""",
}


def _remote(base: str) -> bool:
    return "://" in base and not base.startswith("file://")


def part_path(base: str, table: str, name: str) -> str:
    return f"{base.rstrip('/')}/{table}/{name}.parquet"


def exists(base: str, name: str) -> bool:
    """Is partition `name` complete under `base`?"""
    path = part_path(base, "articles", name)
    if _remote(base):
        import fsspec

        fs, p = fsspec.core.url_to_fs(path)
        return fs.exists(p)
    return os.path.exists(path)


def _rows(anns: list[Annotations]) -> dict[str, list[list]]:
    rows: dict[str, list[list]] = {t: [] for t in TABLES}
    for ann in anns:
        a = ann.article
        owner = {}
        for m in ann.events:
            d, p = m.date, m.place
            rows["mentions"].append([
                a.id, m.mention_id, a.published, m.event_type, m.sub_event_type,
                d.start if d else None, d.end if d else None, d.time_precision if d else None,
                p.name if p else None, p.geonames_id if p else None, p.lat if p else None, p.lon if p else None,
                p.country_code if p else None, p.admin1 if p else None, p.admin2 if p else None,
                p.precision if p else None, m.actor1.name if m.actor1 else None, m.actor1.type if m.actor1 else None,
                m.actor2.name if m.actor2 else None, m.actor2.type if m.actor2 else None,
                m.fatalities, m.injured, m.confidence, json.dumps(to_json(m), ensure_ascii=False),
            ])
            for c in m.counts:
                owner[id(c)] = m.mention_id
        for c in ann.counts:
            q, s = c.quantity, c.span
            rows["counts"].append([
                a.id, owner.get(id(c)), c.kind, q.value, q.low, q.high, q.qualifier, c.victims, c.scope,
                c.claimed_by.name if c.claimed_by else None, c.negated,
                s.start if s else None, s.end if s else None, s.text if s else None,
            ])
        rows["articles"].append([a.id, a.published, a.title, a.outlet, a.url, a.lang, a.origin, len(ann.events),
                                 pickle.dumps(ann, protocol=pickle.HIGHEST_PROTOCOL)])
    return rows


def write_partition(base: str, name: str, anns: list[Annotations]) -> dict[str, str]:
    """Write the three Parquet files of one partition; returns {table: path}."""
    import duckdb

    rows = _rows(anns)
    con = duckdb.connect()
    con.execute("SET threads = 1")
    out: dict[str, str] = {}
    tmpdir = tempfile.mkdtemp(prefix="conflictcoder-part-")
    try:
        for table in TABLES:  # articles last: its presence marks the partition complete
            con.execute(f"CREATE TABLE {table} ({_SCHEMAS[table]})")
            if rows[table]:
                marks = ", ".join("?" * len(rows[table][0]))
                con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows[table])
            local = os.path.join(tmpdir, f"{table}.parquet")
            con.execute(f"COPY {table} TO '{_quote(local)}' (FORMAT parquet, COMPRESSION zstd)")
            target = part_path(base, table, name)
            _publish(local, target, remote=_remote(base))
            out[table] = target
    finally:
        con.close()
        shutil.rmtree(tmpdir, ignore_errors=True)
    return out


def _quote(path: str) -> str:
    return path.replace("'", "''")


def _publish(local: str, target: str, remote: bool) -> None:
    """Move a finished file into place atomically (local) or upload it (remote)."""
    if remote:
        import fsspec

        fs, p = fsspec.core.url_to_fs(target)
        fs.put_file(local, p)
        return
    os.makedirs(os.path.dirname(target), exist_ok=True)
    tmp = f"{target}.tmp-{os.getpid()}"
    shutil.copyfile(local, tmp)
    os.replace(tmp, target)


def read_annotations(base: str, name: str, batch_size: int = 32) -> Iterator[list[Annotations]]:
    """The partition's Annotations in batches (the article order it was written in)."""
    import duckdb

    path = part_path(base, "articles", name)
    tmpdir = None
    if _remote(base):
        import fsspec

        tmpdir = tempfile.mkdtemp(prefix="conflictcoder-load-")
        fs, p = fsspec.core.url_to_fs(path)
        local = os.path.join(tmpdir, "articles.parquet")
        fs.get_file(p, local)
        path = local
    con = duckdb.connect()
    try:
        cur = con.execute(f"SELECT annotations FROM read_parquet('{_quote(path)}')")
        while True:
            rows = cur.fetchmany(batch_size)
            if not rows:
                break
            yield [pickle.loads(r[0]) for r in rows]
    finally:
        con.close()
        if tmpdir:
            shutil.rmtree(tmpdir, ignore_errors=True)


def load_partition(store, base: str, name: str, batch_size: int = 32) -> tuple[int, int]:
    """Store a partition's articles, one transaction per batch; (added, already stored)."""
    added = skipped = 0
    for batch in read_annotations(base, name, batch_size):
        r = add_batch(store, batch)
        added += r.articles_added
        skipped += r.articles_skipped
    return added, skipped


def remove_stale(base: str, name: str) -> None:
    """Remove other versions of partition `name`'s slot ("part-000007-*": an earlier run over
    other input) so that the directory holds each article once. Local directories only."""
    if _remote(base):
        return
    prefix = name.rsplit("-", 1)[0] + "-"
    for table in TABLES:
        d = os.path.join(base, table)
        if not os.path.isdir(d):
            continue
        for f in os.listdir(d):
            if f.startswith(prefix) and f != f"{name}.parquet":
                os.remove(os.path.join(d, f))


def names(base: str) -> Iterable[str]:
    """Names of the complete partitions under a local `base`, sorted."""
    d = os.path.join(base, "articles")
    if not os.path.isdir(d):
        return []
    return sorted(f[: -len(".parquet")] for f in os.listdir(d) if f.endswith(".parquet"))
