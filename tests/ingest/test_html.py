"""HTML pages: main text and the publication date from the page's own metadata."""

from __future__ import annotations

import datetime as dt

import lxml.html
import pytest

from conflictcoder.ingest.html import page, publication_date
from conflictcoder.ingest.reader import read_inputs
from conflictcoder.model import Article, Rejection


def date_of(head: str, body: str = "") -> tuple:
    tree = lxml.html.document_fromstring(f"<html><head>{head}</head><body>{body}<p>x</p></body></html>")
    return publication_date(tree)


@pytest.mark.parametrize(
    "head, body, expected, source",
    [
        ("<meta property='article:published_time' content='2024-03-12T06:30:00Z'>", "", "2024-03-12",
         "meta article:published_time"),
        ("<meta name='pubdate' content='20240312'>", "", "2024-03-12", "meta pubdate"),
        ("<meta itemprop='datePublished' content='2024-03-12'>", "", "2024-03-12", "meta datepublished"),
        ("<meta name='DC.date.issued' content='2024-03-12'>", "", "2024-03-12", "meta dc.date.issued"),
        ("<script type='application/ld+json'>{\"datePublished\": \"2024-03-12T10:00:00+03:00\"}</script>", "",
         "2024-03-12", "JSON-LD datePublished"),
        ("<script type='application/ld+json'>[{\"@type\": \"WebPage\"}, {\"datePublished\": \"2024-03-12\"}]</script>",
         "", "2024-03-12", "JSON-LD datePublished"),
        ("", "<time datetime='2024-01-01'>Jan 1</time><time itemprop='datePublished' datetime='2024-03-12'>x</time>",
         "2024-03-12", "<time datetime>"),  # the one marked as the publication date wins
        ("", "<time datetime='2024-03-12T09:00'>9:00</time>", "2024-03-12", "<time datetime>"),
        # metadata beats <time>; a broken JSON-LD block is skipped
        ("<script type='application/ld+json'>{broken</script><meta property='article:published_time' "
         "content='2024-03-12'>", "<time datetime='2024-01-01'>x</time>", "2024-03-12", "meta article:published_time"),
        ("<meta property='article:published_time' content='yesterday'>", "", None, None),
        ("", "", None, None),
    ],
)
def test_publication_date_from_metadata(head, body, expected, source):
    d, src = date_of(head, body)
    assert (d.isoformat() if d else None, src) == (expected, source)


def test_page_main_text_title_outlet_lang():
    html = ("<html lang='fr-FR'><head><title>Fallback</title><meta property='og:title' content='Clashes in Gao'>"
            "<meta property='og:site_name' content='Demo Wire'></head><body><nav>Menu Home About</nav>"
            "<article><p>Gunmen killed at least 20 villagers near Ansongo in the Gao region on Tuesday, "
            "local officials said.</p><p>The attackers arrived on motorcycles.</p></article>"
            "<div class='comments'>Comment: terrible news</div></body></html>")
    p = page(html, "https://www.demo.example/x")
    assert p.title == "Clashes in Gao" and p.outlet == "Demo Wire" and p.lang == "fr"
    assert p.text.startswith("Gunmen killed") and "\n\nThe attackers" in p.text  # paragraphs kept apart
    assert "Menu" not in p.text and p.published is None


def test_html_files_are_read_and_pages_without_date_rejected(tmp_path):
    body = ("<article><p>Protesters marched through Kandahar on Monday against new market taxes, "
            "shopkeepers said.</p></article>")
    (tmp_path / "a.html").write_text("<html><head><meta property='article:published_time' content='2024-06-10'>"
                                     f"</head><body>{body}</body></html>", encoding="utf-8")
    (tmp_path / "b.htm").write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    a, r = list(read_inputs([tmp_path]))
    assert isinstance(a, Article) and a.published == dt.date(2024, 6, 10) and a.text.startswith("Protesters")
    assert isinstance(r, Rejection) and r.origin == str(tmp_path / "b.htm") and "no publication date" in r.message


def test_a_page_over_the_limit_is_refused_before_extraction(tmp_path):
    """Main-text extraction grows faster than the page (a 40 MB page took over ten minutes and
    1.4 GB): a page over MAX_PAGE_BYTES is one line, at once; one under it is read."""
    import time

    from conflictcoder.ingest.common import MAX_PAGE_BYTES

    head = "<html><head><meta property='article:published_time' content='2024-03-12'></head><body><article>"
    para = "<p>Shelling went on in the town and the people fled, officials said on Monday.</p>\n"
    (tmp_path / "big.html").write_text(head + para * (MAX_PAGE_BYTES // len(para) + 10) + "</article></body></html>")
    (tmp_path / "small.html").write_text(head + para * 20 + "</article></body></html>")
    t = time.monotonic()
    items = list(read_inputs([tmp_path]))
    assert time.monotonic() - t < 10
    bad = [x for x in items if isinstance(x, Rejection)]
    assert [(r.origin, r.message) for r in bad] == [
        (str(tmp_path / "big.html"), f"page too large (over {MAX_PAGE_BYTES} bytes > limit for an HTML page)")]
    assert len([x for x in items if isinstance(x, Article)]) == 1
