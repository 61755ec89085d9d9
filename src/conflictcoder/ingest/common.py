"""common: what the readers of ingest/ share: the rejection they raise, an article's text and
identity, one printable line of a message, and the opened (decompressed) stream.

Why apart: reader.py picks a reader by format and calls html.py and warc.py; those need the same
pieces, and taking them from reader.py made the three import each other in a circle. Here they
depend on nothing of the package, so reader -> html -> common and reader -> warc -> common only.

What it does not do: pick the format of a file or parse one (reader.py, html.py, warc.py do).
"""

from __future__ import annotations

import bz2
import datetime as dt
import gzip
import hashlib
import io
import unicodedata
from pathlib import Path
from typing import IO, Optional

# Real text compresses 3-15 times; a stream inflating more than this (once past the first
# INFLATION_FREE bytes) is a decompression bomb, and scanning it would cost minutes and gigabytes.
MAX_INFLATION = 200
INFLATION_FREE = 1_000_000
# An HTML page (a file, a WARC record): main-text extraction grows faster than the page (1 MB in
# 2 s, 4 MB in 19 s and 220 MB, 40 MB over ten minutes and 1.4 GB); news pages are far smaller.
MAX_PAGE_BYTES = 4_000_000


class Bad(Exception):
    """A record or file that cannot become an Article; the message is the rejection's."""


# --- text and identity -----------------------------------------------------------------------


def normalise_text(text: str) -> str:
    """NFC, `\\n` line endings, no trailing spaces on lines, no leading/trailing blank lines.

    Paragraph breaks (blank lines) inside the text are kept: character offsets of every later
    stage refer to this string.
    """
    text = unicodedata.normalize("NFC", text.lstrip("\ufeff"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def article_id(text: str, published: dt.date) -> str:
    """Content hash of an article: the same report read twice gets the same id.

    sha256 over the whitespace-collapsed, case-folded normalised text, "|", and the ISO
    publication date; first 16 hex characters. Insensitive to whitespace, line endings and
    the file format the report came from.
    """
    key = " ".join(normalise_text(text).casefold().split()) + "|" + published.isoformat()
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def printable(text: str, limit: int = 200) -> str:
    """`text` as one printable line of at most `limit` characters: control characters and raw
    bytes from a broken file are escaped (\\x1f), so a message never garbles a terminal."""
    out = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)
    return out if len(out) <= limit else out[: limit - 3] + "..."


# --- opening a file ----------------------------------------------------------------------------


def open_input(path: Path, comp: Optional[str]) -> IO[bytes]:
    """The file's bytes, decompressed as a stream (never read whole, bombs cut short: `_Inflation`)."""
    if comp is None:
        return open(path, "rb")
    raw = _Sips(open(path, "rb", buffering=0))
    try:
        if comp == "gzip":
            inner: IO[bytes] = gzip.GzipFile(fileobj=raw, mode="rb")
        elif comp == "bz2":
            inner = bz2.BZ2File(raw, "rb")
        else:
            inner = io.BufferedReader(_ZstdStream(raw), 1 << 16)
    except BaseException:
        raw.close()
        raise
    return io.BufferedReader(_Inflation(inner, raw), 1 << 16)


class _Sips(io.RawIOBase):
    """A file read at most 16 KiB at a time, so that `tell()` says how much of it the
    decompressor has really taken (gzip asks for 128 KiB at once: a bomb would inflate 25 MB
    of newlines before its ratio showed)."""

    def __init__(self, raw):
        self._raw = raw

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        return self._raw.readinto(memoryview(b)[: 1 << 14])

    def tell(self) -> int:
        return self._raw.tell()

    def close(self) -> None:
        self._raw.close()
        super().close()


class _Inflation(io.RawIOBase):
    """A decompressed stream that stops with `Bad` once it has inflated more than
    `MAX_INFLATION` times the compressed bytes read so far (past the first `INFLATION_FREE`):
    a 1 MB gzip of zeros would otherwise be a gigabyte to scan, line by line."""

    def __init__(self, inner: IO[bytes], raw: IO[bytes]):
        self._inner, self._raw, self._out = inner, raw, 0

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        data = self._inner.read1(len(b))  # what is ready: a truncated stream keeps its first records
        n = len(data)
        b[:n] = data
        self._out += n
        if self._out > INFLATION_FREE:
            read = max(self._raw.tell(), 1)
            if self._out > MAX_INFLATION * read:
                raise Bad(f"decompression bomb: {read} compressed bytes inflate to over {self._out} "
                           f"(more than {MAX_INFLATION} times); rest of file not read")
        return n

    def close(self) -> None:
        try:
            self._inner.close()
        finally:
            self._raw.close()
            super().close()


class _ZstdStream(io.RawIOBase):
    """A zstd file decompressed as a stream, frame after frame; EOFError when it is cut short."""

    def __init__(self, raw: IO[bytes]):
        import zstandard

        self._zstd = zstandard
        self._raw = raw
        self._dobj = zstandard.ZstdDecompressor().decompressobj()
        self._buf = b""
        self._in_frame = False

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        while not self._buf:
            chunk = self._raw.read(1 << 16)
            if not chunk:
                if self._in_frame:
                    raise EOFError("zstd stream ended early")
                return 0
            while chunk:
                self._in_frame = True
                self._buf += self._dobj.decompress(chunk)
                if self._dobj.eof:  # a frame ended: the rest starts the next one
                    chunk = self._dobj.unused_data
                    self._dobj = self._zstd.ZstdDecompressor().decompressobj()
                    self._in_frame = False
                else:
                    chunk = b""
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()
