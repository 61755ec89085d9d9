"""read: report files, JSON Lines, CSV and WARC into `Article`s, streaming, one record at a time.

What it does: walks the paths it is given (directories recursively, in sorted order), reads
each file in its format (plain, gzip, bz2 or zstd), normalises the text, gives every article its
content-hash id, and yields `Article`s. Anything it cannot read becomes a `Rejection` (where
and why, in one line) and the run goes on with the next record or file.

What it does not do: it does not deduplicate articles (the store does, on `Article.id`), does
not guess publication dates, does not detect languages. HTML is cleaned only in WARC records
(`ingest/warc.py`, `ingest/html.py`).

Formats:
- report (`.txt`, and any explicitly named file of unknown suffix): first line
  `date YYYY-MM-DD` (also `Date: YYYY-MM-DD`; a BOM or leading whitespace is fine), then the
  text. Text may also follow the date on the same line. `Article.text` starts at the first
  non-blank character after the date.
- JSON Lines (`.jsonl`, `.json`): one object per line with `text` (or `content`, `body`,
  `article_content`...), `published` (or `date`; ISO date or datetime, or `--date-format`), and
  optionally `id` (the corpus's own id, kept as `Article.input_id`), `title` (or `headline`,
  `article_title`), `url`, `outlet` (or `source`), `lang`: the names `ingest/columns.py` takes.
  A `.json` file holding one JSON array (or pretty-printed objects)
  is read as a whole when it fits under the size limit.
- CSV (`.csv`): a header row, then the same columns as JSON Lines.
- any of these with `.gz`, `.bz2`, `.zst` or `.zstd` appended: decompressed as a stream.
- HTML (`.html`, `.htm`): one saved page; main text and the publication date from the
  page's metadata (`ingest/html.py`); a page without a date is rejected.
- WARC (`.warc`, `.warc.gz`): news crawls; each HTML response record becomes one Article
  (main text, publication date from the page's metadata); see `ingest/warc.py`.

Limits (hostile or broken input must cost bounded memory and time, and never stop the run):
a compressed file that inflates more than `MAX_INFLATION` times its size is a decompression
bomb and the rest of it is rejected (what it held before is kept); anything that is not a
regular file (a FIFO, a device, a socket) is rejected without being opened, since reading it
could block for ever; an article dated after tomorrow (UTC) or longer than
`MAX_TEXT_CHARS` characters, a JSON Lines / CSV line over `MAX_LINE_BYTES` and an HTML page
over `MAX_PAGE_BYTES` are rejected with the limit in the message (the limits shared with the
HTML and WARC readers, and the decompressing stream, are in `ingest/common.py`).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import gzip
import json
import os
import re
import stat
import zlib
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator, Optional, Union

from ..model import Article, Rejection
from .columns import BadDate, Columns, default as default_columns
from .common import Bad, article_id, normalise_text, open_input

DEFAULT_MAX_BYTES = 50_000_000
# The longest article one run takes. Extraction grows faster than an article's length (a
# 50,000-character report of repeated incidents: 16 s and 324 MB; 833,000 characters did not
# end in ten minutes), and spaCy's own limit (1,000,000, E088) is far beyond what a run can
# afford; 100,000 characters is a very long report (FA-KES's longest has 8,606).
MAX_TEXT_CHARS = 100_000
# A JSON Lines / CSV line holds one article: 16 bytes a character is room for any text within
# MAX_TEXT_CHARS, even JSON-escaped ("\u0627" is 6 bytes); a longer line is not decoded and
# copied (five copies of 50 MB would take a run past 500 MB).
MAX_LINE_BYTES = 16 * MAX_TEXT_CHARS

# Formats by (lower-case) suffix; a compression suffix is stripped first.
FORMATS = {".txt": "report", ".jsonl": "jsonl", ".json": "jsonl", ".csv": "csv", ".warc": "warc",
           ".html": "html", ".htm": "html"}
# Compression by suffix. A WARC file is read by warcio, which handles per-record gzip itself.
COMPRESSIONS = {".gz": "gzip", ".bz2": "bz2", ".zst": "zstd", ".zstd": "zstd"}

# Record fields: the names of `ingest/columns.py` (data/input_columns.yaml), first present wins.

_DATE_LINE = re.compile(r"date(?:[ \t]*[:=][ \t]*|[ \t]+)(\S+)[ \t]*(.*)", re.IGNORECASE)
_SNIFF_BYTES = 8192

PathLike = Union[str, os.PathLike]
Item = Union[Article, Rejection]


def parse_date(value: object) -> dt.date:
    """An ISO date, or the date part of an ISO datetime; `Bad` otherwise."""
    try:
        return Columns.parse_date(default_columns(), value)
    except BadDate as e:
        raise Bad(str(e).split(" (expected")[0]) from None


# --- walking the inputs ----------------------------------------------------------------------


def _format_of(path: Path) -> tuple[Optional[str], Optional[str]]:
    """(format or None when unknown, compression or None) from the file name."""
    name = path.name.lower()
    base, ext = os.path.splitext(name)
    comp = COMPRESSIONS.get(ext)
    if comp:
        name = base
    return FORMATS.get(os.path.splitext(name)[1]), comp


def _sources(paths: Iterable[PathLike]) -> Iterator[Union[tuple[Path, str, Optional[str]], Rejection]]:
    """(file, format, compression) for every file to read, in order, each once; or a Rejection.

    Directories are walked recursively in sorted name order; inside them, files of unknown
    suffix and hidden entries (names starting with ".") are skipped. An explicitly named file
    of unknown suffix is read as a report.
    """
    seen: set[str] = set()

    def key(p: Path) -> str:
        try:
            return os.path.realpath(p)
        except OSError:
            return os.path.abspath(p)

    def walk(d: Path) -> Iterator[Union[tuple[Path, str, Optional[str]], Rejection]]:
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError as e:
            yield Rejection(str(d), f"cannot list directory: {e.strerror or e}")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            p = Path(d, entry.name)
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            k = key(p)
            if k in seen:
                continue
            if is_dir:
                seen.add(k)  # also guards against symlink loops
                yield from walk(p)
                continue
            fmt, comp = _format_of(p)
            if fmt is None:
                continue
            seen.add(k)
            odd = _not_regular(p)
            if odd:
                yield Rejection(str(p), odd)
                continue
            yield p, fmt, comp

    for raw in paths:
        p = Path(raw)
        k = key(p)
        if k in seen:
            continue
        if p.is_dir():
            seen.add(k)
            yield from walk(p)
        elif p.exists():
            seen.add(k)
            odd = _not_regular(p)
            if odd:
                yield Rejection(str(p), odd)
                continue
            fmt, comp = _format_of(p)
            yield p, fmt or "report", comp
        else:
            yield Rejection(str(p), "no such file or directory")


def _not_regular(p: Path) -> Optional[str]:
    """Why `p` (which exists) is not a regular file to read, or None: opening a FIFO blocks until
    something writes to it, and a device or socket is no article."""
    try:
        mode = os.stat(p).st_mode
    except OSError as e:
        return _os_message(e)
    if stat.S_ISREG(mode):
        return None
    kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file")
    return f"{kind}, not a regular file: not read"


def iter_files(paths: Iterable[PathLike]) -> Iterator[Path]:
    """The files `read_inputs` would read, in the same order (missing paths left out)."""
    for item in _sources(paths):
        if not isinstance(item, Rejection):
            yield item[0]


def unsupported_files(paths: Iterable[PathLike]) -> list[Path]:
    """Files inside the named directories that `read_inputs` leaves out for their type (not
    hidden ones), so that a command can say so once instead of skipping them without a word."""
    out: list[Path] = []
    for raw in paths:
        if not Path(raw).is_dir():
            continue
        for root, dirs, files in os.walk(raw):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            out.extend(Path(root, f) for f in sorted(files) if not f.startswith(".") and _format_of(Path(f))[0] is None)
    return out


# --- reading ---------------------------------------------------------------------------------


def read_inputs(paths: Iterable[PathLike], max_bytes: int = DEFAULT_MAX_BYTES,
                columns: Optional[Columns] = None) -> Iterator[Item]:
    """Articles from report files, JSON Lines, CSV (plain or compressed) and WARC, files and directories.

    Streams: one file open at a time, JSON Lines and CSV read record by record. Bad input is
    yielded as a `Rejection(origin, message)` and never stops the run. `Article.origin` is
    "path" for a report and "path:LINE" for a JSON Lines / CSV record (the line it starts on).
    `max_bytes` bounds a report file, a JSON document and (up to `MAX_LINE_BYTES`) a single
    JSON Lines / CSV line. `columns` says which JSON/CSV columns hold which field and how dates
    are written (`ingest/columns.py`; default names otherwise).
    """
    import functools
    from .html import read_html
    from .warc import read_warc

    readers: dict[str, Callable[[Path, Optional[str], int], Iterator[Item]]] = {
        "report": _read_report, "jsonl": functools.partial(_read_jsonl, columns=columns),
        "csv": functools.partial(_read_csv, columns=columns), "warc": read_warc,
        "html": read_html,
    }
    for src in _sources(paths):
        if isinstance(src, Rejection):
            yield src
            continue
        path, fmt, comp = src
        try:
            for item in readers[fmt](path, comp, max_bytes):
                yield _within_limits(item)
        except Bad as e:
            yield Rejection(str(path), str(e))
        except (gzip.BadGzipFile, zlib.error) as e:
            yield Rejection(str(path), f"not valid gzip data ({e})")
        except EOFError:
            yield Rejection(str(path), f"{comp or 'compressed'} stream ended early (truncated file?)")
        except OSError as e:
            if comp == "bz2" and "invalid data stream" in str(e).lower():
                yield Rejection(str(path), "not valid bz2 data (invalid data stream)")
            else:
                yield Rejection(str(path), _os_message(e))
        except Exception as e:  # zstandard.ZstdError and the like: a broken stream, not a bug
            if comp == "zstd" and type(e).__name__ == "ZstdError":
                yield Rejection(str(path), f"not valid zstd data ({e})")
            else:
                raise


def _within_limits(item: Item) -> Item:
    """The article, or a Rejection when its date is in the future or its text is too long."""
    if isinstance(item, Rejection):
        return item
    where = item.origin or item.id
    if item.published > dt.datetime.now(dt.timezone.utc).date() + dt.timedelta(days=1):
        return Rejection(where, f"publication date {item.published.isoformat()} is in the future")
    if len(item.text) > MAX_TEXT_CHARS:
        return Rejection(where, _too_long_text(len(item.text)))
    return item


def _too_long_text(n: int) -> str:
    return f"article text too long ({n} characters > limit of {MAX_TEXT_CHARS})"


def _os_message(e: OSError) -> str:
    if isinstance(e, FileNotFoundError):
        return "no such file or directory"
    if isinstance(e, PermissionError):
        return "permission denied"
    if isinstance(e, IsADirectoryError):
        return "is a directory"
    return f"cannot read: {e.strerror or e}"


def count_records(path: Path, comp: Optional[str], max_bytes: int = 50_000_000, max_seconds: float = 2.0) -> Optional[int]:
    """Lines in a file (an upper bound on its records), reading at most `max_bytes` decompressed
    bytes for at most `max_seconds`, 1 MiB at a time; None when it would take more (no total)."""
    import time

    deadline = time.monotonic() + max_seconds
    n, seen, last = 0, 0, b"\n"
    with open_input(path, comp) as fh:
        while True:
            chunk = fh.read(1 << 20)
            if not chunk:
                return n + (last != b"\n")
            seen += len(chunk)
            if seen > max_bytes or time.monotonic() > deadline:
                return None
            n += chunk.count(b"\n")
            last = chunk[-1:]


def _not_utf8(data: bytes, offset: int = 0) -> Optional[str]:
    """The rejection message when `data` (starting at byte `offset` of the file) is not text.

    An incomplete multi-byte character at the very end is tolerated (sniffed prefixes).
    """
    nul = data.find(b"\x00")
    if nul < 0 and data.isascii():  # the common case, at C speed (a bomb of blank lines is millions of calls)
        return None
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return "not UTF-8 text (binary?): starts with a UTF-16 byte-order mark; re-save as UTF-8"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=False)
    except UnicodeDecodeError as e:
        if nul < 0 or e.start < nul:
            return (f"not UTF-8 text (binary?): invalid byte 0x{data[e.start]:02x} "
                    f"at byte offset {offset + e.start}")
    if nul >= 0:
        return f"not UTF-8 text (binary?): NUL byte at byte offset {offset + nul}"
    return None


def _sniff(path: Path, comp: Optional[str]) -> None:
    """`Bad` when the first bytes of a line-oriented file show it is binary, not text.

    Binary: a NUL byte, a UTF-16 byte-order mark, or mostly undecodable bytes. A few bad bytes
    in a text file are left to the line they are on, so that the other lines are still read.
    """
    with open_input(path, comp) as fh:
        head = fh.read(_SNIFF_BYTES)
    msg = _not_utf8(head)
    if msg is None:
        return
    bad = head.decode("utf-8", "replace").count("\ufffd")
    if b"\x00" in head or head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) or bad > len(head) // 20:
        raise Bad(msg)


# --- reports ---------------------------------------------------------------------------------


def _read_report(path: Path, comp: Optional[str], max_bytes: int) -> Iterator[Item]:
    """One report: `date YYYY-MM-DD` on the first non-blank line, then the text."""
    if not comp:
        size = path.stat().st_size
        if size > max_bytes:
            raise Bad(f"file too large ({size} bytes > limit of {max_bytes})")
    with open_input(path, comp) as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise Bad(f"file too large (over {max_bytes} bytes uncompressed > limit)")
    bom = 3 if data.startswith(codecs.BOM_UTF8) else 0
    if not data[bom:].strip():
        raise Bad("empty file")
    if len(data) > 4 * MAX_TEXT_CHARS + 4096:  # over the limit in any encoding: not decoded, not copied
        raise Bad(f"article text too long (over {len(data) - 4096} bytes > limit of {MAX_TEXT_CHARS} characters)")
    msg = _not_utf8(data[bom:] + b"\n", bom)  # "\n": a truncated character at EOF is an error
    if msg:
        raise Bad(msg)
    raw = data[bom:].decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    lines = raw.split("\n")
    n = next((i for i, line in enumerate(lines) if line.strip()), None)
    if n is None:  # only non-ASCII blanks (e.g. no-break spaces)
        raise Bad("empty file")
    header = lines[n].strip().lstrip("\ufeff").strip()
    m = _DATE_LINE.fullmatch(header)
    if not m:
        shown = header if len(header) <= 40 else header[:40] + "..."
        yield Rejection(f"{path}:{n + 1}", f"missing date line: expected 'date YYYY-MM-DD', found {shown!r}")
        return
    try:
        published = parse_date(m[1])
    except Bad:
        yield Rejection(f"{path}:{n + 1}", f"malformed date {m[1][:40]!r} in date line (expected date YYYY-MM-DD)")
        return
    text = normalise_text("\n".join([m[2], *lines[n + 1:]]))
    if not text:
        yield Rejection(f"{path}:{n + 1}", "no article text after the date line")
        return
    yield Article(id=article_id(text, published), published=published, text=text, origin=str(path))


# --- records (JSON Lines, CSV) ---------------------------------------------------------------


def _field(rec: dict, names: tuple[str, ...]) -> tuple[Optional[str], object]:
    """(field name, value) of the first present, non-empty field among `names`."""
    for name in names:
        v = rec.get(name)
        if v is not None and not (isinstance(v, str) and not v.strip()):
            return name, v
    return None, None


def _meta(rec: dict, names: tuple[str, ...]) -> Optional[str]:
    _, v = _field(rec, names)
    if v is None or isinstance(v, (dict, list)):
        return None
    return str(v).strip() or None


def _article_from_record(rec: dict, origin: str, columns: Optional[Columns] = None) -> Item:
    """An Article from a JSON / CSV record (keys already lower-cased), or a Rejection."""
    cols = columns or default_columns()
    names = cols.names
    name, text = _field(rec, names["text"])
    if name is None:
        blank = [n for n in names["text"] if isinstance(rec.get(n), str)]
        if blank:
            return Rejection(origin, f"field '{blank[0]}' is empty")
        return Rejection(origin, f"record has no text (fields {', '.join(names['text'][:4])}...; see --text-col)")
    if not isinstance(text, str):
        return Rejection(origin, f"field '{name}' is not a string")
    if len(text) > 2 * MAX_TEXT_CHARS:  # before normalising: its copies of 50 MB would cost gigabytes
        return Rejection(origin, _too_long_text(len(text)))
    text = normalise_text(text)
    if not text:
        return Rejection(origin, f"field '{name}' is empty")
    dname, value = _field(rec, names["published"])
    if dname is None:
        return Rejection(origin, f"record has no date (fields {', '.join(names['published'][:3])}...; see --date-col)")
    try:
        published = cols.parse_date(value)
    except BadDate as e:
        return Rejection(origin, f"{e} in field '{dname}'")
    return Article(
        id=article_id(text, published), published=published, text=text,
        title=_meta(rec, names["title"]), outlet=_meta(rec, names["outlet"]),
        url=_meta(rec, names["url"]), lang=_meta(rec, names["lang"]), origin=origin,
        input_id=_meta(rec, names["id"]),
    )


def _lines(fh: IO[bytes], max_bytes: int) -> Iterator[tuple[int, int, Optional[bytes]]]:
    """(1-based line number, byte offset, line bytes) with bounded memory.

    A line longer than `max_bytes` is skipped in chunks and yielded as None.
    """
    n, offset = 0, 0
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        n += 1
        start = offset
        offset += len(line)
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = fh.readline(1 << 20)
                offset += len(line)
            yield n, start, None
            continue
        if n == 1 and line.startswith(codecs.BOM_UTF8):
            line = line[3:]
            start += 3
        yield n, start, line


def _final(line: bytes) -> bytes:
    """The line as `_not_utf8` must see it: ending in a newline, so that a character cut short at
    the end of the file is an error (no copy when it already ends in one)."""
    return line if line.endswith(b"\n") else line + b"\n"


def _too_long(max_bytes: int) -> str:
    return f"line too long (over {max_bytes} bytes > limit)"


def _read_jsonl(path: Path, comp: Optional[str], max_bytes: int, columns: Optional[Columns] = None) -> Iterator[Item]:
    """JSON Lines, one object per line; a JSON array document when the file starts with '['."""
    _sniff(path, comp)
    line_max = min(max_bytes, MAX_LINE_BYTES)
    with open_input(path, comp) as fh:
        head = fh.read(_SNIFF_BYTES).lstrip(codecs.BOM_UTF8).lstrip()
        first_line = head.split(b"\n", 1)[0].strip()
    if head.startswith(b"[") or first_line == b"{":
        yield from _read_json_document(path, comp, max_bytes, columns)
        return
    with open_input(path, comp) as fh:
        for n, offset, line in _lines(fh, line_max):
            origin = f"{path}:{n}"
            if line is None:
                yield Rejection(origin, _too_long(line_max))
                continue
            if not line.strip():
                continue
            msg = _not_utf8(_final(line), offset)
            if msg:
                yield Rejection(origin, msg)
                continue
            try:
                rec = json.loads(line.rstrip(b"\r\n"))
            except json.JSONDecodeError as e:
                yield Rejection(origin, f"malformed JSON: {e.msg} (column {e.colno})")
                continue
            yield _record(rec, origin, columns)


def _record(rec: object, origin: str, columns: Optional[Columns] = None) -> Item:
    if not isinstance(rec, dict):
        return Rejection(origin, f"JSON record is not an object (got {type(rec).__name__})")
    return _article_from_record({str(k).strip().lower(): v for k, v in rec.items()}, origin, columns)


def _read_json_document(path: Path, comp: Optional[str], max_bytes: int,
                        columns: Optional[Columns] = None) -> Iterator[Item]:
    """A whole JSON document (an array of objects, or pretty-printed objects one after another)."""
    with open_input(path, comp) as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise Bad(f"JSON document too large (over {max_bytes} bytes > limit); use JSON Lines")
    msg = _not_utf8(data + b"\n")
    if msg:
        raise Bad(msg)
    s = data.decode("utf-8-sig")
    dec = json.JSONDecoder()
    ws = re.compile(r"\s*")

    def line_of(i: int) -> int:
        return s.count("\n", 0, i) + 1

    def bad(e: json.JSONDecodeError) -> Rejection:
        return Rejection(f"{path}:{e.lineno}", f"malformed JSON: {e.msg} (column {e.colno})")

    i = ws.match(s, 0).end()
    while i < len(s):
        if s[i] != "[":
            start = i
            try:
                obj, i = dec.raw_decode(s, i)
            except json.JSONDecodeError as e:
                yield bad(e)
                return
            yield _record(obj, f"{path}:{line_of(start)}", columns)
            i = ws.match(s, i).end()
            continue
        i = ws.match(s, i + 1).end()  # inside an array: decode element by element
        while i < len(s) and s[i] != "]":
            start = i
            try:
                obj, i = dec.raw_decode(s, i)
            except json.JSONDecodeError as e:
                yield bad(e)
                return
            yield _record(obj, f"{path}:{line_of(start)}", columns)
            i = ws.match(s, i).end()
            if i < len(s) and s[i] == ",":
                i = ws.match(s, i + 1).end()
            elif i < len(s) and s[i] != "]":
                yield Rejection(f"{path}:{line_of(i)}", "malformed JSON: expected ',' or ']' in array")
                return
        if i >= len(s):
            yield Rejection(f"{path}:{line_of(len(s))}", "malformed JSON: array not closed")
            return
        i = ws.match(s, i + 1).end()


def _read_csv(path: Path, comp: Optional[str], max_bytes: int, columns: Optional[Columns] = None) -> Iterator[Item]:
    """CSV with a header row naming the same fields as JSON Lines; one Article per row."""
    _sniff(path, comp)
    max_bytes = min(max_bytes, MAX_LINE_BYTES)  # a line (and a field) holds one article at most
    if csv.field_size_limit() < max_bytes:
        csv.field_size_limit(max_bytes)
    issues: list[tuple[int, str]] = []  # (line, message) of lines the csv reader did not see

    def text_lines(fh: IO[bytes]) -> Iterator[str]:
        for n, offset, line in _lines(fh, max_bytes):
            if line is None:
                issues.append((n, _too_long(max_bytes)))
                yield "\n"
                continue
            msg = _not_utf8(_final(line), offset)
            if msg:
                issues.append((n, msg))
            yield line.decode("utf-8", "replace")

    with open_input(path, comp) as fh:
        reader = csv.reader(text_lines(fh))
        header: Optional[list[str]] = None
        try:
            for row in reader:  # the first non-blank row
                if any(h.strip() for h in row):
                    header = row
                    break
        except csv.Error as e:
            raise Bad(f"line {reader.line_num}: malformed CSV header ({e})")
        if header is None:
            raise Bad("empty file")
        if issues:
            raise Bad(f"line {issues[0][0]}: {issues[0][1]}")
        header_names = [h.strip().lower() for h in header]
        text_names = (columns or default_columns()).names["text"]
        if not any(c in header_names for c in text_names):
            raise Bad(f"line 1: CSV header has no text column (one of {', '.join(text_names)}; "
                       f"or name yours with --text-col)")
        last = reader.line_num
        while True:
            start = last + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as e:
                yield Rejection(f"{path}:{start}", f"malformed CSV ({e})")
                if reader.line_num == last:  # no progress: give up on this file
                    return
                last = reader.line_num
                continue
            last = reader.line_num
            mine = [(n, m) for n, m in issues if n <= last]
            if mine:
                del issues[: len(mine)]
                n, m = mine[0]
                yield Rejection(f"{path}:{start if row else n}", m)
                continue
            if not any(x.strip() for x in row):
                continue
            origin = f"{path}:{start}"
            if len(row) > len(header_names):
                yield Rejection(origin, f"row has {len(row)} fields, header has {len(header_names)}")
                continue
            rec = {c: v for c, v in zip(header_names, row) if c}
            yield _article_from_record(rec, origin, columns)
