"""WARC news crawls: HTML response records into Articles; records without text or date into Rejections."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conflictcoder.ingest.common import article_id
from conflictcoder.ingest.reader import read_inputs
from conflictcoder.model import Article, Rejection

PARAS = [
    "At least 12 civilians were killed on Monday when air strikes hit a market in Atarib, "
    "in the western countryside of Aleppo, the White Helmets said.",
    "Rescue workers pulled bodies from the rubble of two homes near the market.",
]
ARTICLE_BODY = "".join(f"<p>{p}</p>" for p in PARAS)
NAV = "<nav><a href='/'>Home</a> | <a href='/world'>World</a> | <a href='/sport'>Sport</a></nav>"


def html_page(head: str = "", body: str = ARTICLE_BODY, lang: str = "en") -> bytes:
    return (f"<html lang='{lang}'><head><title>Air strikes kill 12 | Demo News</title>{head}</head>"
            f"<body>{NAV}<article><h1>Air strikes kill 12 in Atarib</h1>{body}</article>"
            "<footer>Copyright Demo News 2024. All rights reserved.</footer></body></html>").encode()


def write_warc(path, records, gzip: bool):
    """records: (uri, warc_type, status, content_type, payload bytes)."""
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gzip)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "test"}))
        for uri, rtype, status, ctype, payload in records:
            if rtype == "response":
                http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
                rec = w.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=http,
                                           warc_headers_dict={"WARC-Date": "2024-03-15T08:00:00Z"})
            else:
                rec = w.create_warc_record(uri, rtype, payload=io.BytesIO(payload),
                                           warc_headers_dict={"WARC-Date": "2024-03-15T08:00:00Z"})
            w.write_record(rec)
    return path


CRAWL = [
    ("https://demo.example/a", "request", None, None, b"GET /a HTTP/1.1\r\nHost: demo.example\r\n\r\n"),
    ("https://demo.example/a", "response", "200 OK", "text/html; charset=utf-8",
     html_page("<meta property='article:published_time' content='2024-03-12T06:30:00+00:00'>"
               "<meta property='og:site_name' content='Demo News'>")),
    ("https://demo.example/b", "response", "200 OK", "text/html",
     html_page("<script type='application/ld+json'>{\"@graph\": [{\"@type\": \"NewsArticle\","
               " \"datePublished\": \"2024-03-13\"}]}</script>",
               body=ARTICLE_BODY.replace("Monday", "Tuesday"))),
    ("https://demo.example/logo.png", "response", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
    ("https://demo.example/old", "response", "301 Moved Permanently", "text/html", b"<html>moved</html>"),
    ("https://demo.example/c", "response", "200 OK", "text/html",
     html_page(body=ARTICLE_BODY.replace("Monday", "Sunday"))),  # no date in the page
    ("https://demo.example/empty", "response", "200 OK", "text/html",
     b"<html><head><title>Menu</title></head><body>" + NAV.encode() + b"</body></html>"),
]


@pytest.mark.parametrize("name, gz", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_html_responses_become_articles(tmp_path, name, gz):
    f = write_warc(tmp_path / name, CRAWL, gzip=gz)
    items = list(read_inputs([f]))
    arts = [x for x in items if isinstance(x, Article)]
    rejs = [x for x in items if isinstance(x, Rejection)]
    assert [a.url for a in arts] == ["https://demo.example/a", "https://demo.example/b", "https://demo.example/c"]
    a, b, c = arts
    # main text only: headline and paragraphs, no navigation or footer
    assert PARAS[0] in a.text and PARAS[1] in a.text
    assert "Home" not in a.text and "Copyright" not in a.text
    assert a.text.index(PARAS[0]) < a.text.index(PARAS[1])
    assert a.published == dt.date(2024, 3, 12) and a.outlet == "Demo News" and a.lang == "en"
    assert a.title.startswith("Air strikes kill 12")
    assert a.id == article_id(a.text, a.published)
    assert a.origin == f"{f}:record 3"
    assert b.published == dt.date(2024, 3, 13)  # JSON-LD datePublished
    # no date in the page: the crawl date stands in, and the origin says so
    assert c.published == dt.date(2024, 3, 15) and "WARC-Date" in c.origin
    assert c.outlet == "demo.example"
    [r] = rejs
    assert r.origin.startswith(f"{f}:record ") and "https://demo.example/empty" in r.origin
    assert "no article text" in r.message and "\n" not in str(r)


def test_warc_record_without_any_date_is_rejected(tmp_path):
    f = tmp_path / "nodate.warc"
    with open(f, "wb") as fh:
        w = WARCWriter(fh, gzip=False)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        rec = w.create_warc_record("https://demo.example/x", "response", payload=io.BytesIO(html_page()),
                                   http_headers=http, warc_headers_dict={"WARC-Date": "not a date"})
        w.write_record(rec)
    [r] = list(read_inputs([f]))
    assert isinstance(r, Rejection) and r.origin == f"{f}:record 1 (https://demo.example/x)"
    assert "no publication date" in r.message


def test_not_a_warc_file_is_one_rejection(tmp_path):
    f = tmp_path / "broken.warc"
    f.write_bytes(b"this is not a crawl\n")
    [r] = list(read_inputs([f]))
    assert isinstance(r, Rejection) and r.origin == str(f) and "not a WARC file" in r.message


def test_warc_files_in_directories_are_found(tmp_path):
    (tmp_path / "crawls").mkdir()
    write_warc(tmp_path / "crawls" / "part-0.warc.gz", CRAWL[1:2], gzip=True)
    [a] = list(read_inputs([tmp_path]))
    assert isinstance(a, Article) and a.url == "https://demo.example/a"


def _offsets(path):
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as fh:
        it = ArchiveIterator(fh)
        return [it.get_record_offset() for _ in it]


@pytest.mark.parametrize("name, gz", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_a_broken_record_costs_only_itself(tmp_path, name, gz, capfd):
    """The third response's bytes are garbled: one Rejection, one line, printable; the record
    before it and the ones after it are still read."""
    path = write_warc(tmp_path / name, CRAWL, gzip=gz)
    data = path.read_bytes()
    start = _offsets(path)[3]  # the response of https://demo.example/b
    garbage = b"\x1f\x8b\x08\x00\xff\xfe\x00\x07binary\x1b[31m" if gz else b"WARC/1.0\r\nContent-Length: zz\x00\xff\r\n"
    path.write_bytes(data[:start] + garbage + data[start + 40:])
    items = list(read_inputs([path]))
    got = [x.url for x in items if isinstance(x, Article)]
    assert got == ["https://demo.example/a", "https://demo.example/c"]
    bad = [x for x in items if isinstance(x, Rejection) and "unreadable" in x.message]
    assert len(bad) == 1 and "skipped to the next record" in bad[0].message
    assert bad[0].message.isprintable() and bad[0].message.isascii(), bad[0].message
    assert "WARNING" not in capfd.readouterr().err  # warcio's own multi-line warnings are not let through


def test_a_record_over_the_page_limit_is_refused(tmp_path):
    from conflictcoder.ingest.common import MAX_PAGE_BYTES

    huge = html_page(body=ARTICLE_BODY * (MAX_PAGE_BYTES // len(ARTICLE_BODY) + 10))
    path = write_warc(tmp_path / "c.warc.gz", [CRAWL[1], ("https://demo.example/huge", "response", "200 OK",
                                                          "text/html", huge), CRAWL[2]], gzip=True)
    items = list(read_inputs([path]))
    assert [x.url for x in items if isinstance(x, Article)] == ["https://demo.example/a", "https://demo.example/b"]
    [bad] = [x for x in items if isinstance(x, Rejection)]
    assert "demo.example/huge" in bad.origin and "limit for an HTML page" in bad.message
