"""WARC files of news crawls into Articles: one HTML response record, one article.

What it does: streams a `.warc` / `.warc.gz` file record by record with warcio (never the whole
file in memory). Each `response` (or `resource`) record with HTTP status 2xx and an HTML
content type becomes an Article: main text and publication date from `ingest/html.py`, URL from
`WARC-Target-URI`, title, outlet (`og:site_name`, else the host) and language from the page.
When the page's metadata has no publication date, the crawl time (`WARC-Date`) stands in and
the article's origin says so: "... [published: WARC-Date, no date in the page]".
A record with no usable text or date becomes one Rejection naming the file and the record
("crawl.warc.gz:record 12 (https://...)"); so does an unreadable (broken) record, and the
records after it are still read.

What it does not do: follow redirects, read request/metadata/warcinfo records, non-HTML
payloads (images, robots.txt, PDFs) or error pages (non-2xx): those are not articles and are
skipped without a message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator, Optional, Union

from ..model import Article, Rejection
from .common import MAX_PAGE_BYTES, Bad, article_id, normalise_text, open_input, printable

HTML_TYPES = ("text/html", "application/xhtml+xml")
MIN_WORDS = 10  # main text shorter than this is navigation or a stub, not an article

Item = Union[Article, Rejection]


def _charset(content_type: str) -> Optional[str]:
    for part in content_type.split(";")[1:]:
        k, _, v = part.partition("=")
        if k.strip().lower() == "charset" and v.strip():
            return v.strip().strip("\"'")
    return None


def _decode(payload: bytes, content_type: str) -> str:
    charset = _charset(content_type)
    if charset:
        try:
            return payload.decode(charset, "replace")
        except LookupError:
            pass
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError:
        return payload.decode("cp1252", "replace")


def read_warc(path: Path, comp: Optional[str], max_bytes: int) -> Iterator[Item]:
    """Articles (and Rejections) from one WARC file; see the module docstring.

    A broken record costs only itself: the reader looks for the next record (a line starting
    `WARC/1.` in a plain WARC, the next gzip member in a `.warc.gz`) and goes on from there, with
    one Rejection for the unreadable stretch."""
    import zlib

    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from .html import page, to_date

    if comp == "gzip":  # the first member only: a broken later one is that record's problem
        with open(path, "rb") as fh:
            try:
                head = zlib.decompressobj(31).decompress(fh.read(1 << 16), 5)
            except zlib.error:
                head = b""
    else:
        with open_input(path, comp) as fh:
            head = fh.read(5)
    if head != b"WARC/":
        raise Bad(f"not a WARC file (starts with {head!r}, not 'WARC/')")
    # warcio reads per-record gzip itself; other compressions are undone first (not seekable:
    # no resynchronisation after a broken record there)
    seekable = comp in (None, "gzip")
    magic = GZIP_MAGIC if comp == "gzip" else WARC_MAGIC
    with (open(path, "rb") if seekable else open_input(path, comp)) as fh:
        n, pos, failing = 0, 0, False
        while pos is not None:
            last = None  # where the last record read from `pos` starts
            try:
                it = ArchiveIterator(fh)
                while True:
                    record = _quiet(next, it, None)
                    if record is None:
                        return
                    if not str(record.format).startswith("warc"):  # warcio's ARC guess at broken bytes
                        raise ArchiveLoadFailed(f"not a WARC record (read as {record.format})")
                    n += 1
                    failing = False
                    item = _record(record, f"{path}:record {n}", max_bytes, page, to_date, article_id, normalise_text)
                    if item is not None:
                        yield item
                    last = _quiet(it.get_record_offset)
            except (ArchiveLoadFailed, zlib.error, EOFError, ValueError) as e:
                if not failing:  # one rejection for one unreadable stretch, however many tries it takes
                    n += 1
                    if n == 1 and isinstance(e, ArchiveLoadFailed):
                        raise Bad(f"not a WARC file ({_first_line(e)})")
                    more = "skipped to the next record" if seekable else "rest of file skipped"
                    yield Rejection(f"{path}:record {n}", f"unreadable WARC record ({_first_line(e)}); {more}")
                failing = True
                if not seekable:
                    return
                pos = _next_start(fh, (last if last is not None else pos) + 1, magic)
                if pos is not None:
                    fh.seek(pos)


GZIP_MAGIC = b"\x1f\x8b\x08"
WARC_MAGIC = b"\nWARC/1."


def _first_line(e: Exception) -> str:
    """The error's first line; what it quotes of the file is left out when that is binary."""
    line = (str(e).strip().split("\n") or [""])[0]
    if not (line.isascii() and line.isprintable()):
        line = line.split(":", 1)[0] + ": binary data"
    return printable(line, 160)


def _quiet(fn, *args):
    """fn(*args) with warcio's warnings to stderr ("Record not followed by newline") silenced:
    the broken record gets its own one-line Rejection instead."""
    import contextlib
    import io

    with contextlib.redirect_stderr(io.StringIO()):
        return fn(*args)


def _next_start(fh, start: int, magic: bytes) -> Optional[int]:
    """Offset of the next record start at or after `start` (`magic` found), or None; reads
    1 MiB at a time."""
    fh.seek(start)
    base, tail = start, b""
    while True:
        chunk = fh.read(1 << 20)
        if not chunk:
            return None
        buf = tail + chunk
        i = buf.find(magic)
        if i >= 0:
            at = base - len(tail) + i
            return at + 1 if magic == WARC_MAGIC else at  # WARC_MAGIC starts with the newline before
        tail = buf[-(len(magic) - 1):]
        base += len(chunk)


def _record(record, origin, max_bytes, page, to_date, article_id, normalise_text) -> Optional[Item]:
    if record.rec_type not in ("response", "resource"):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    where = f"{origin} ({uri})" if uri else origin
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        ctype = record.http_headers.get_header("Content-Type") or ""
    else:
        ctype = record.rec_headers.get_header("Content-Type") or ""
    if not ctype.strip().lower().startswith(HTML_TYPES):
        return None

    max_bytes = min(max_bytes, MAX_PAGE_BYTES)  # main-text extraction of a huge page: minutes, gigabytes
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        return Rejection(where, f"record too large (over {max_bytes} bytes > limit for an HTML page)")
    html = _decode(payload, ctype)
    p = page(html, uri)
    text = normalise_text(p.text)
    if len(text.split()) < MIN_WORDS:
        words = len(text.split())
        found = f"{words} word{'s' if words != 1 else ''}" if text else "nothing"
        return Rejection(where, f"no article text in the page (main-text extraction found {found})")
    published, note = p.published, ""
    if published is None:
        published = to_date(record.rec_headers.get_header("WARC-Date"))
        if published is None:
            return Rejection(where, "no publication date (none in the page's metadata and no valid WARC-Date)")
        note = " [published: WARC-Date, no date in the page]"
    return Article(
        id=article_id(text, published), published=published, text=text, title=p.title,
        outlet=p.outlet, url=uri, lang=p.lang, origin=origin + note,
    )
