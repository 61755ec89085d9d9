"""HTML pages into article parts: main text, publication date, title, outlet, language.

What it does: `page(html)` extracts the main text of a news page with trafilatura (boilerplate,
navigation, comments and tables left out; paragraphs separated by blank lines) and reads the
publication date from the page's own metadata, in this order:
1. `<meta>` tags: `article:published_time`, `og:published_time`, `datePublished`,
   `pubdate`, `publishdate`, `DC.date.issued`, `dcterms.created`, `parsely-pub-date`, ...
2. JSON-LD (`<script type="application/ld+json">`): `datePublished` (also inside `@graph`).
3. `<time datetime="...">`: one marked as the publication date first (`itemprop`,
   `pubdate`, a class naming "publish"), else the first one on the page.

What it does not do: fetch anything (no network), guess a date from the URL or the text, or
decide what to do without a date (the WARC reader falls back to the crawl date, with a note).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional, Union
from urllib.parse import urlsplit

from ..model import Article, Rejection
from .common import MAX_PAGE_BYTES, Bad, article_id, normalise_text, open_input

# <meta> names/properties that hold the publication date, most specific first.
DATE_META = (
    "article:published_time", "og:published_time", "article:published", "datepublished",
    "pubdate", "publishdate", "publish-date", "publish_date", "published_time", "date_published",
    "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created", "dc.date",
    "parsely-pub-date", "sailthru.date", "cxenseparse:recs:publishtime", "date",
)
_ISO = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")
_COMPACT = re.compile(r"\s*(\d{4})(\d{2})(\d{2})(?:\D|$)")


@dataclass
class Page:
    text: str                       # main text, normalised later by the reader
    published: Optional[dt.date]    # None when the page's metadata has no usable date
    date_source: Optional[str]      # which metadata gave the date ("meta article:published_time", ...)
    title: Optional[str] = None
    outlet: Optional[str] = None
    lang: Optional[str] = None


def to_date(value: object) -> Optional[dt.date]:
    """The date part of an ISO date/datetime (also YYYYMMDD), or None."""
    if not isinstance(value, str):
        return None
    m = _ISO.match(value) or _COMPACT.match(value)
    if not m:
        return None
    try:
        d = dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
    return d if 1900 <= d.year <= 2100 else None


def _jsonld_dates(obj) -> Iterator[object]:
    if isinstance(obj, list):
        for x in obj:
            yield from _jsonld_dates(x)
    elif isinstance(obj, dict):
        if "datePublished" in obj:
            yield obj["datePublished"]
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if key in obj:
                yield from _jsonld_dates(obj[key])


def publication_date(tree) -> tuple[Optional[dt.date], Optional[str]]:
    """(date, where it came from) from an lxml HTML tree's metadata; (None, None) if none."""
    metas: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = el.get("content")
        if key and content and key not in metas:
            metas[key] = content
    for key in DATE_META:
        d = to_date(metas.get(key))
        if d:
            return d, f"meta {key}"
    for el in tree.iter("script"):
        if (el.get("type") or "").strip().lower() != "application/ld+json" or not el.text:
            continue
        try:
            data = json.loads(el.text)
        except ValueError:
            continue
        for value in _jsonld_dates(data):
            d = to_date(value)
            if d:
                return d, "JSON-LD datePublished"
    times = [el for el in tree.iter("time") if el.get("datetime")]
    marked = [el for el in times if (el.get("itemprop") or "").lower() == "datepublished"
              or el.get("pubdate") is not None or "publish" in (el.get("class") or "").lower()]
    for el in marked + times:
        d = to_date(el.get("datetime"))
        if d:
            return d, "<time datetime>"
    return None, None


def _meta(tree, *keys: str) -> Optional[str]:
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or "").strip().lower()
        if key in keys and (el.get("content") or "").strip():
            return el.get("content").strip()
    return None


def main_text(html: str, url: Optional[str] = None) -> str:
    """The page's main text, paragraphs separated by blank lines ("" when none is found)."""
    import trafilatura

    text = trafilatura.extract(
        html, url=url, include_comments=False, include_tables=False, include_images=False,
        favor_precision=True, deduplicate=False, with_metadata=False,
    ) or ""
    return "\n\n".join(line.strip() for line in text.split("\n") if line.strip())


def page(html: str, url: Optional[str] = None) -> Page:
    """Main text, publication date (from metadata only) and descriptive fields of one page."""
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return Page(text="", published=None, date_source=None)
    published, source = publication_date(tree)
    title = _meta(tree, "og:title", "twitter:title")
    if not title:
        t = tree.find(".//title")
        title = t.text_content().strip() if t is not None and t.text_content().strip() else None
    outlet = _meta(tree, "og:site_name", "application-name")
    if not outlet and url:
        outlet = urlsplit(url).hostname or None
        if outlet and outlet.startswith("www."):
            outlet = outlet[4:]
    lang = (tree.get("lang") or _meta(tree, "og:locale") or "").strip()[:2].lower() or None
    return Page(text=main_text(html, url), published=published, date_source=source,
                title=title, outlet=outlet, lang=lang)


def read_html(path: Path, comp: Optional[str], max_bytes: int) -> Iterator[Union[Article, Rejection]]:
    """One saved HTML page (`.html`, `.htm`, compressed or not) as one Article, or a Rejection."""
    max_bytes = min(max_bytes, MAX_PAGE_BYTES)
    with open_input(path, comp) as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise Bad(f"page too large (over {max_bytes} bytes > limit for an HTML page)")
    if not data.strip():
        raise Bad("empty file")
    try:
        html = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        html = data.decode("cp1252", "replace")
    p = page(html)
    text = normalise_text(p.text)
    if not text:
        yield Rejection(str(path), "no article text in the page")
        return
    if p.published is None:
        yield Rejection(str(path), "no publication date in the page's metadata "
                                   "(article:published_time, datePublished or <time datetime>)")
        return
    yield Article(id=article_id(text, p.published), published=p.published, text=text, title=p.title,
                  outlet=p.outlet, lang=p.lang, origin=str(path))
