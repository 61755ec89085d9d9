"""read: report files, JSON Lines and CSV (plain, gzip, bz2, zstd) into Articles; bad input into Rejections."""

import csv
import datetime as dt
import gzip
import json

import pytest

from conflictcoder.ingest.common import article_id
from conflictcoder.ingest.reader import iter_files, read_inputs
from conflictcoder.lexicon import data_path
from conflictcoder.model import Article, Rejection

BODY = "Shelling killed three civilians in Marib on Monday, officials said.\n\nThe army returned fire."
PUB = dt.date(2024, 1, 9)


def read(*paths, **kw):
    return list(read_inputs(paths, **kw))


def articles(items):
    return [x for x in items if isinstance(x, Article)]


def rejections(items):
    return [x for x in items if isinstance(x, Rejection)]


def write(path, text, encoding="utf-8"):
    path.write_text(text, encoding=encoding, newline="")
    return path


def jsonl(path, *records):
    return write(path, "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records))


# --- reports ---------------------------------------------------------------------------------


def test_report_fields_and_text_without_date_line(tmp_path):
    f = write(tmp_path / "r.txt", f"date 2024-01-09\n\n\n{BODY}\n")
    [a] = read(f)
    assert isinstance(a, Article)
    assert a.published == PUB
    assert a.text == BODY  # starts at the first non-blank line after the date line
    assert "date" not in a.text and a.text.startswith("Shelling")
    assert a.origin == str(f)
    assert a.id == article_id(BODY, PUB)
    assert (a.title, a.outlet, a.url, a.lang) == (None, None, None, "en")
    i = a.text.index("Marib")
    assert a.text[i:i + 5] == "Marib"  # offsets refer to Article.text


@pytest.mark.parametrize(
    "header",
    ["date 2024-01-09", "\ufeffdate 2024-01-09", "  DATE 2024-01-09  ", "Date: 2024-01-09", "date:2024-01-09",
     "\n\n date 2024-01-09", "date 2024-01-09T08:30:00"],
)
def test_report_date_line_variants(tmp_path, header):
    [a] = read(write(tmp_path / "r.txt", f"{header}\r\n{BODY}\r\n"))
    assert isinstance(a, Article), a
    assert a.published == PUB and a.text == BODY


def test_report_text_may_follow_the_date_on_the_same_line(tmp_path):
    [a] = read(write(tmp_path / "r.txt", f" date 2024-01-09 {BODY}\n"))
    assert a.published == PUB and a.text == BODY


def test_explicit_file_with_unknown_suffix_is_a_report(tmp_path):
    [a] = read(write(tmp_path / "report.story", f"date 2024-01-09\n{BODY}"))
    assert isinstance(a, Article) and a.text == BODY


# --- JSON Lines and CSV ----------------------------------------------------------------------


def test_jsonl_fields_and_origin_lines(tmp_path):
    f = jsonl(
        tmp_path / "feed.jsonl",
        {"id": "x1", "published": "2024-01-09", "title": "Marib", "text": BODY, "url": "https://e.org/1",
         "outlet": "Wire", "lang": "en"},
        "",
        {"date": "2024-01-10T23:30:00+03:00", "content": "Second report.", "source": "Other"},
        {"published": "2024-01-11", "body": "Third report.", "lang": "fr"},
    )
    a, b, c = read(f)
    assert (a.published, a.title, a.text, a.url, a.outlet, a.lang) == (PUB, "Marib", BODY, "https://e.org/1", "Wire", "en")
    assert a.origin == f"{f}:1"
    assert (b.published, b.text, b.outlet, b.title, b.origin) == (dt.date(2024, 1, 10), "Second report.", "Other", None, f"{f}:3")
    assert (c.text, c.lang, c.origin) == ("Third report.", "fr", f"{f}:4")


def test_same_article_in_txt_and_jsonl_gets_same_id(tmp_path):
    txt = write(tmp_path / "a.txt", f"date 2024-01-09\n{BODY}\n")
    other_ws = BODY.replace("\n\n", "\n   \n").replace(" ", "  ")
    js = jsonl(tmp_path / "a.jsonl", {"published": "2024-01-09T12:00:00Z", "text": other_ws})
    a, b = read(txt, js)
    assert a.id == b.id == article_id(BODY, PUB)


def test_csv_fields_multiline_text_and_row_origin(tmp_path):
    f = tmp_path / "feed.csv"
    with open(f, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "Published", "title", "text", "url", "source"])
        w.writerow(["1", "2024-01-09", "Marib", BODY, "https://e.org/1", "Wire"])  # spans 3 lines
        w.writerow(["2", "2024-01-10", "", "Second report.", "", ""])
    a, b = read(f)
    assert (a.published, a.title, a.text, a.url, a.outlet, a.origin) == (PUB, "Marib", BODY, "https://e.org/1", "Wire", f"{f}:2")
    assert (b.title, b.url, b.outlet, b.origin) == (None, None, None, f"{f}:5")
    assert a.id == article_id(BODY, PUB)


def test_csv_large_field(tmp_path):
    from conflictcoder.ingest.reader import MAX_TEXT_CHARS

    text = "word " * 30_000  # > csv's default 131072-character field limit: the csv module reads it
    f = tmp_path / "big.csv"
    with open(f, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["date", "text"], ["2024-01-09", text], ["2024-01-09", text[:MAX_TEXT_CHARS]]])
    bad, good = read(f)
    assert bad == Rejection(f"{f}:2", f"article text too long ({len(text) - 1} characters > limit of {MAX_TEXT_CHARS})")
    assert isinstance(good, Article) and good.text == text[:MAX_TEXT_CHARS].strip()


def test_json_array_document(tmp_path):
    f = write(tmp_path / "list.json", json.dumps(
        [{"date": "2024-01-09", "text": "One."}, {"date": "2024-01-10", "text": "Two."}], indent=2))
    a, b = read(f)
    assert (a.text, b.text) == ("One.", "Two.")
    assert a.origin == f"{f}:2" and b.origin.startswith(f"{f}:") and b.origin != a.origin


# --- gzip ------------------------------------------------------------------------------------


def test_gzip_inputs(tmp_path):
    with gzip.open(tmp_path / "r.txt.gz", "wt", encoding="utf-8") as fh:
        fh.write(f"date 2024-01-09\n{BODY}\n")
    with gzip.open(tmp_path / "feed.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"date": "2024-01-10", "text": "From JSONL."}) + "\n{bad\n")
    with gzip.open(tmp_path / "feed.csv.gz", "wt", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["date", "text"], ["2024-01-11", "From CSV."]])
    items = read(tmp_path)
    assert [a.text for a in articles(items)] == ["From CSV.", "From JSONL.", BODY]  # sorted names
    [r] = rejections(items)
    assert r.origin == f"{tmp_path / 'feed.jsonl.gz'}:2" and "malformed JSON" in r.message


def test_not_gzip_and_truncated_gzip(tmp_path):
    write(tmp_path / "a.jsonl.gz", "plain text, not gzip\n")
    data = gzip.compress(("\n".join(json.dumps({"date": "2024-01-09", "text": f"r{i}"}) for i in range(2000))).encode())
    (tmp_path / "b.jsonl.gz").write_bytes(data[: len(data) // 2])
    items = read(tmp_path)
    bad = rejections(items)
    assert [r.origin for r in bad] == [str(tmp_path / "a.jsonl.gz"), str(tmp_path / "b.jsonl.gz")]
    assert "gzip" in bad[0].message and "truncated" in bad[1].message
    assert len(articles(items)) > 0  # records before the truncation are still read


# --- bz2 and zstd ----------------------------------------------------------------------------

RECORDS = [{"date": "2024-01-09", "text": f"Report number {i}."} for i in range(3000)]


def _compress(kind: str, data: bytes) -> bytes:
    if kind == "bz2":
        import bz2

        return bz2.compress(data, 1)  # 100 kB blocks: a cut file still has whole blocks
    import zstandard

    return zstandard.ZstdCompressor().compress(data)


@pytest.mark.parametrize("suffix, kind", [(".bz2", "bz2"), (".zst", "zstd"), (".zstd", "zstd")])
def test_bz2_and_zstd_inputs(tmp_path, suffix, kind):
    lines = "".join(json.dumps(r) + "\n" for r in RECORDS[:2]) + "{bad\n"
    (tmp_path / f"feed.jsonl{suffix}").write_bytes(_compress(kind, lines.encode()))
    (tmp_path / f"feed.csv{suffix}").write_bytes(_compress(kind, b"date,text\n2024-01-11,From CSV.\n"))
    (tmp_path / f"r.txt{suffix}").write_bytes(_compress(kind, f"date 2024-01-09\n{BODY}\n".encode()))
    items = read(tmp_path)
    assert [a.text for a in articles(items)] == ["From CSV.", "Report number 0.", "Report number 1.", BODY]
    [r] = rejections(items)
    assert r.origin == f"{tmp_path / f'feed.jsonl{suffix}'}:3" and "malformed JSON" in r.message
    assert articles(items)[1].id == article_id("Report number 0.", PUB)  # same identity as uncompressed


def test_zstd_reads_several_frames(tmp_path):
    import zstandard

    frames = b"".join(zstandard.ZstdCompressor().compress((json.dumps(r) + "\n").encode()) for r in RECORDS[:5])
    (tmp_path / "feed.jsonl.zst").write_bytes(frames)
    assert [a.text for a in articles(read(tmp_path))] == [f"Report number {i}." for i in range(5)]


@pytest.mark.parametrize("suffix, kind, word", [(".bz2", "bz2", "bz2"), (".zst", "zstd", "zstd")])
def test_not_compressed_and_truncated(tmp_path, suffix, kind, word):
    write(tmp_path / f"a.jsonl{suffix}", "plain text, not compressed\n")
    # incompressible-ish records so that half the file still holds whole records
    data = _compress(kind, "".join(json.dumps({"date": "2024-01-09", "text": hashlib_text(i)}) + "\n"
                                   for i in range(3000)).encode())
    (tmp_path / f"b.jsonl{suffix}").write_bytes(data[: len(data) // 2])
    items = read(tmp_path)
    bad = rejections(items)
    assert [r.origin for r in bad] == [str(tmp_path / f"a.jsonl{suffix}"), str(tmp_path / f"b.jsonl{suffix}")]
    assert word in bad[0].message and "truncated" in bad[1].message
    assert len(articles(items)) > 0  # records before the truncation are still read


def hashlib_text(i: int) -> str:
    import hashlib

    return " ".join(hashlib.sha256(f"{i}:{j}".encode()).hexdigest() for j in range(4))


def test_compressed_stream_is_not_read_whole(tmp_path, monkeypatch):
    """Reading the first record of a big compressed file decompresses only a little of it."""
    import zstandard

    big = "".join(json.dumps({"date": "2024-01-09", "text": hashlib_text(i)}) + "\n" for i in range(20000))
    (tmp_path / "big.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(big.encode()))
    stream = read_inputs([tmp_path / "big.jsonl.zst"])
    first = next(stream)
    assert isinstance(first, Article)
    import tracemalloc

    tracemalloc.start()
    for _ in range(100):
        next(stream)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    stream.close()
    assert peak < len(big) // 4, (peak, len(big))


# --- directories -----------------------------------------------------------------------------


def test_directory_walk_sorted_recursive_skips_unknown_and_dedups(tmp_path):
    (tmp_path / "b").mkdir()
    write(tmp_path / "b" / "z.txt", "date 2024-01-02\nSecond.")
    write(tmp_path / "a.txt", "date 2024-01-01\nFirst.")
    write(tmp_path / "c.txt", "date 2024-01-03\nThird.")
    write(tmp_path / "notes.md", "# not an input")
    write(tmp_path / "image.png", "\x89PNG")
    write(tmp_path / ".hidden.txt", "date 2024-01-04\nHidden.")
    items = read(tmp_path, tmp_path / "a.txt", tmp_path, str(tmp_path / "b"))
    assert [a.text for a in items] == ["First.", "Second.", "Third."]
    assert list(iter_files([tmp_path])) == [tmp_path / "a.txt", tmp_path / "b" / "z.txt", tmp_path / "c.txt"]


def test_file_named_twice_is_read_once(tmp_path):
    f = write(tmp_path / "a.txt", "date 2024-01-01\nFirst.")
    assert len(read(f, str(f), tmp_path / "." / "a.txt")) == 1


# --- bad input: a Rejection with file (and line), and the run goes on -----------------------


@pytest.mark.parametrize(
    "content, line, message",
    [
        ("", None, "empty file"),
        ("  \n\n", None, "empty file"),
        ("Shelling killed three civilians.\n", 1, "missing date line"),
        ("\n\ndated reports follow\ntext", 3, "missing date line"),
        ("date 2019-13-45\nText.", 1, "malformed date '2019-13-45'"),
        ("date yesterday\nText.", 1, "malformed date"),
        ("date 2024-01-09\n\n   \n", 1, "no article text"),
    ],
)
def test_bad_report(tmp_path, content, line, message):
    bad = write(tmp_path / "a-bad.txt", content)
    good = write(tmp_path / "b-good.txt", f"date 2024-01-09\n{BODY}")
    first, second = read(tmp_path)
    assert isinstance(first, Rejection)
    assert first.origin == (f"{bad}:{line}" if line else str(bad))
    assert message in first.message and "\n" not in first.message
    assert isinstance(second, Article) and second.origin == str(good)


def test_binary_and_non_utf8_reports(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"date 2024-01-09\nCaf\xe9 in Marib\n")  # latin-1
    (tmp_path / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "c.txt").write_bytes("date 2024-01-09\nText.".encode("utf-16"))
    write(tmp_path / "d.txt", f"date 2024-01-09\n{BODY}")
    a, b, c, d = read(tmp_path)
    assert a.origin == str(tmp_path / "a.txt")
    assert a.message.startswith("not UTF-8 text (binary?)") and "byte offset 19" in a.message
    assert b.message.startswith("not UTF-8 text (binary?)") and "byte offset 0" in b.message
    assert c.message.startswith("not UTF-8 text (binary?)")
    assert isinstance(d, Article)


def test_report_too_large(tmp_path):
    f = write(tmp_path / "big.txt", "date 2024-01-09\n" + "x" * 200)
    [r] = read(f, max_bytes=100)
    assert r.origin == str(f) and r.message == f"file too large ({f.stat().st_size} bytes > limit of 100)"


def test_missing_path(tmp_path):
    good = write(tmp_path / "a.txt", "date 2024-01-09\nText.")
    r, a = read(tmp_path / "nope.txt", good)
    assert r == Rejection(str(tmp_path / "nope.txt"), "no such file or directory")
    assert isinstance(a, Article)


def test_bad_jsonl_records_are_rejected_and_good_ones_kept(tmp_path):
    f = jsonl(
        tmp_path / "feed.jsonl",
        {"date": "2024-01-09", "text": "Good one."},
        '{"date": "2024-01-09", "text": "unterminated',
        '["a", "list"]',
        {"date": "2024-01-09"},
        {"text": "No date."},
        {"date": "2019-13-45", "text": "Bad date."},
        {"published": 20240109, "text": "Numeric date."},
        {"date": "2024-01-09", "text": "   \n  "},
        {"date": "2024-01-09", "text": 42},
        {"date": "2024-01-10", "text": "Good two."},
    )
    items = read(f)
    assert [a.text for a in articles(items)] == ["Good one.", "Good two."]
    bad = {int(r.origin.rsplit(":", 1)[1]): r.message for r in rejections(items)}
    assert all(r.origin.startswith(f"{f}:") for r in rejections(items))
    assert sorted(bad) == [2, 3, 4, 5, 6, 7, 8, 9]
    assert bad[2].startswith("malformed JSON: Unterminated string")
    assert "not an object" in bad[3]
    assert "no text" in bad[4]
    assert "no date" in bad[5]
    assert "invalid date '2019-13-45'" in bad[6]
    assert "invalid date" in bad[7]
    assert "empty" in bad[8]
    assert "not a string" in bad[9]


def test_jsonl_bad_bytes_and_long_lines(tmp_path):
    f = tmp_path / "feed.jsonl"
    good = json.dumps({"date": "2024-01-09", "text": "Good."}).encode()
    long = json.dumps({"date": "2024-01-09", "text": "x" * 500}).encode()
    f.write_bytes(good + b"\n" + b'{"date": "2024-01-09", "text": "Caf\xe9"}\n' + long + b"\n" + good + b"\n")
    items = read(f, max_bytes=200)
    assert len(articles(items)) == 2
    r2, r3 = rejections(items)
    assert r2.origin == f"{f}:2" and r2.message.startswith("not UTF-8 text (binary?)")
    assert f"byte offset {len(good) + 1 + 35}" in r2.message
    assert r3.origin == f"{f}:3" and "line too long" in r3.message


def test_binary_jsonl_is_rejected_once(tmp_path):
    (tmp_path / "x.jsonl").write_bytes(bytes(range(256)) * 40)
    [r] = read(tmp_path / "x.jsonl")
    assert r.origin == str(tmp_path / "x.jsonl") and r.message.startswith("not UTF-8 text (binary?)")


def test_bad_csv_rows(tmp_path):
    f = tmp_path / "feed.csv"
    f.write_bytes(
        b"date,text\n"
        b"2024-01-09,Good one.\n"
        b"2024-13-45,Bad date.\n"
        b"2024-01-09,\n"
        b"2024-01-09,Caf\xe9\n"
        b"2024-01-10,\"Good two,\nwith a second line.\"\n"
    )
    items = read(f)
    assert [a.text for a in articles(items)] == ["Good one.", "Good two,\nwith a second line."]
    assert articles(items)[1].origin == f"{f}:6"
    bad = {r.origin: r.message for r in rejections(items)}
    assert set(bad) == {f"{f}:3", f"{f}:4", f"{f}:5"}
    assert "invalid date" in bad[f"{f}:3"] and "empty" in bad[f"{f}:4"]
    assert bad[f"{f}:5"].startswith("not UTF-8 text (binary?)")


def test_csv_without_text_column(tmp_path):
    f = write(tmp_path / "feed.csv", "date,headline\n2024-01-09,Nothing here\n")
    [r] = read(f)
    assert r.origin == str(f) and "no text column" in r.message


# --- the demo corpus -------------------------------------------------------------------------


def test_demo_corpus_reads_cleanly():
    items = read(data_path("demo"))
    assert rejections(items) == []
    arts = articles(items)
    assert len(arts) >= 14
    assert all(isinstance(a.published, dt.date) and a.text and not a.text.startswith("date") for a in arts)
    assert len({a.id for a in arts}) == len(arts)
    assert sum(1 for a in arts if ".jsonl:" in a.origin) >= 2
    text = " ".join(a.text for a in arts)
    countries = ["Syria", "Yemen", "Ukraine", "Somali", "Nigeria", "Mali", "Afghanistan", "Sudan", "Congo",
                 "Myanmar", "Iraq", "Kivu", "Kharkiv", "Mogadishu"]
    assert sum(c in text for c in countries) >= 5


# --- hostile input: bounded memory and time, one line each, the rest read ---------------------


def _gzip_of(byte: bytes, size: int) -> bytes:
    """`size` bytes of `byte` as gzip: one compressed MiB repeated as members (a gzip file may be
    many members end to end), so that the bomb costs milliseconds to make."""
    return gzip.compress(byte * (1 << 20), compresslevel=9) * (size >> 20)


@pytest.mark.parametrize("name, byte", [("zeros.jsonl.gz", b"\0"), ("newlines.csv.gz", b"\n"),
                                        ("newlines.jsonl.gz", b"\n"), ("spaces.txt.gz", b" ")])
def test_decompression_bomb_is_cut_short_with_one_line(tmp_path, name, byte):
    import time
    import tracemalloc

    (tmp_path / name).write_bytes(_gzip_of(byte, 1 << 30))  # 1 GiB inflated, about 1 MB on disk
    jsonl(tmp_path / "zz-good.jsonl", {"date": "2024-01-09", "text": BODY})
    t = time.monotonic()
    traced = byte == b"\0"  # one endless line: memory is the risk (tracing millions of short lines is slow)
    if traced:
        tracemalloc.start()
    items = read(tmp_path)
    if traced:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert peak < 100_000_000
    assert time.monotonic() - t < 20
    bad = rejections(items)
    assert len(bad) == 1 and bad[0].origin == str(tmp_path / name), bad
    assert any(w in bad[0].message for w in ("decompression bomb", "too large", "NUL byte"))
    assert len(articles(items)) == 1  # the good file beside it


def test_bomb_after_good_records_keeps_them(tmp_path):
    import io

    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb") as gz:
        for i in range(3):
            gz.write((json.dumps({"date": "2024-01-09", "text": f"{BODY} ({i})"}) + "\n").encode())
        for _ in range(300):
            gz.write(b" " * (1 << 20))
    (tmp_path / "tail.jsonl.gz").write_bytes(buf.getvalue())
    items = read(tmp_path / "tail.jsonl.gz")
    assert len(articles(items)) == 3
    assert "decompression bomb" in rejections(items)[0].message


def test_ordinary_compressed_text_is_no_bomb(tmp_path):
    text = "".join(json.dumps({"date": "2024-01-09", "text": f"{BODY} Report {i}."}) + "\n" for i in range(40000))
    (tmp_path / "big.jsonl.gz").write_bytes(gzip.compress(text.encode()))  # repetitive: high ratio, real text
    items = read(tmp_path / "big.jsonl.gz")
    assert not rejections(items) and len(articles(items)) == 40000


def test_count_records_is_bounded(tmp_path):
    from conflictcoder.ingest.reader import count_records

    jsonl(tmp_path / "a.jsonl", *({"date": "2024-01-09", "text": f"t{i}"} for i in range(5)))
    assert count_records(tmp_path / "a.jsonl", None) == 5
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(b"x\n" * 1000))
    assert count_records(tmp_path / "b.jsonl.gz", "gzip") == 1000
    (tmp_path / "c.jsonl").write_bytes(b"y\n" * 3_000_000)
    assert count_records(tmp_path / "c.jsonl", None, max_bytes=1_000_000) is None


def test_fifo_and_other_non_regular_files_are_rejected_not_opened(tmp_path):
    import os
    import socket

    os.mkfifo(tmp_path / "pipe.jsonl")  # opening it would block until a writer comes
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "sock.txt"))
    jsonl(tmp_path / "zz.jsonl", {"date": "2024-01-09", "text": BODY})
    try:
        items = read(tmp_path, tmp_path / "pipe.jsonl")
    finally:
        sock.close()
    bad = {r.origin: r.message for r in rejections(items)}
    assert set(bad) == {str(tmp_path / "pipe.jsonl"), str(tmp_path / "sock.txt")}
    assert "FIFO" in bad[str(tmp_path / "pipe.jsonl")] and "socket" in bad[str(tmp_path / "sock.txt")]
    assert len(articles(items)) == 1
    assert list(iter_files([tmp_path])) == [tmp_path / "zz.jsonl"]


def test_future_date_and_overlong_text_are_rejected_with_the_limit(tmp_path):
    from conflictcoder.ingest.reader import MAX_TEXT_CHARS

    tomorrow = dt.date.today() + dt.timedelta(days=1)
    write(tmp_path / "a-far.txt", f"date 3019-03-02\n\n{BODY}\n")
    write(tmp_path / "b-tomorrow.txt", f"date {tomorrow}\n\n{BODY}\n")  # time zones: tomorrow is fine
    jsonl(tmp_path / "c.jsonl", {"date": "2999-01-01", "text": BODY},
          {"date": "2024-01-09", "text": "word " * (MAX_TEXT_CHARS // 5 + 1)}, {"date": "2024-01-09", "text": BODY})
    items = read(tmp_path)
    bad = {r.origin: r.message for r in rejections(items)}
    assert bad == {str(tmp_path / "a-far.txt"): "publication date 3019-03-02 is in the future",
                   f"{tmp_path / 'c.jsonl'}:1": "publication date 2999-01-01 is in the future",
                   f"{tmp_path / 'c.jsonl'}:2": f"article text too long ({MAX_TEXT_CHARS + 4} characters > "
                                                f"limit of {MAX_TEXT_CHARS})"}
    assert len(articles(items)) == 2


def test_a_huge_article_is_refused_without_copies(tmp_path):
    """20 MB of text in a report, a JSON line and a CSV field: one line each, and reading them
    costs a few copies of one line at most, not the decoded, normalised copies of each."""
    import tracemalloc

    text = "Shelling went on in the town. " * 700_000  # 21 MB
    write(tmp_path / "a.txt", f"date 2024-01-09\n\n{text}\n")
    jsonl(tmp_path / "b.jsonl", {"date": "2024-01-09", "text": text}, {"date": "2024-01-09", "text": BODY})
    with open(tmp_path / "c.csv", "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["date", "text"], ["2024-01-09", text], ["2024-01-09", BODY]])
    tracemalloc.start()
    items = read(tmp_path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 110_000_000, peak
    bad = {r.origin: r.message for r in rejections(items)}
    assert set(bad) == {str(tmp_path / "a.txt"), f"{tmp_path / 'b.jsonl'}:1", f"{tmp_path / 'c.csv'}:2"}, bad
    assert all("too long" in m for m in bad.values())
    assert len(articles(items)) == 2
