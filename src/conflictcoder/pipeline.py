"""The pipeline: read -> annotate (spaCy) -> extract layers -> assemble event mentions.

Stages are plain functions `extract(doc, ann, res)` looked up by name, so the same code runs in
one process, a pool or a cluster. Linking and storing happen after, across articles.
"""

from __future__ import annotations

import datetime as dt
import importlib
import sys
from typing import Callable, Iterable, Iterator, Sequence

from . import lang
from .model import Annotations, Article, Span
from .resources import Resources

# Extraction layers in the order they run; later ones may read earlier layers from `ann`.
EXTRACT_STAGES = ("dates", "places", "actors", "quantities", "triggers")
LAYERS = ("dates", "places", "actors", "quantities", "counts", "triggers", "sources", "events")


def _stage(name: str):
    return importlib.import_module(f".extract.{name}", __package__).extract


def make_article(text: str, published: dt.date | str, **meta) -> Article:
    """Build an Article (with its content-hash id) from raw text and a publication date."""
    from .ingest.common import article_id

    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    return Article(id=article_id(text, published), published=published, text=text, **meta)


class Pipeline:
    """Extract everything conflictcoder knows from articles.

    `Pipeline().extract(article)` returns `Annotations` with every layer filled and the
    article's event mentions assembled.
    """

    def __init__(self, resources: Resources | None = None, layers: Sequence[str] | None = None):
        self.res = resources or Resources()
        self.layers = tuple(layers) if layers else LAYERS

    def _run(self, doc, article: Article) -> Annotations:
        """Every layer of one article, read with its language's pack (an article in a language
        with no pack raises `lang.UnknownLanguage`, which `pipe` reports as that article's
        rejection)."""
        from .events.assemble import assemble

        with lang.using(article.lang):
            ann = Annotations(article=article)
            ann.sentences = [Span(s.start_char, s.end_char, s.text) for s in doc.sents]
            for name in EXTRACT_STAGES:
                setattr(ann, name, _stage(name)(doc, ann, self.res))
            assemble(doc, ann, self.res)
        return ann

    def extract(self, article: Article | str, published: dt.date | str | None = None) -> Annotations:
        """Annotate one article (or raw text plus a publication date)."""
        if isinstance(article, str):
            if published is None:
                raise ValueError("raw text needs a publication date: extract(text, published=...)")
            article = make_article(article, published)
        return self._run(self.res.nlp(article.text), article)

    def pipe(self, articles: Iterable[Article], batch_size: int = 16, errors: str = "report",
             on_error: Callable[[Article, Exception], None] | None = None) -> Iterator[Annotations]:
        """Annotate a stream of articles, batching the spaCy pass.

        An article that makes a stage fail (a bug, not bad input) must not stop a run of
        thousands: with `errors="report"` (the default) it is skipped and handed to
        `on_error(article, exception)` (the command line counts it as rejected and exits 2),
        or without `on_error` gets one line on stderr naming it; it is not stored, so a re-run
        tries it again. `errors="raise"` raises instead."""
        stream = ((a.text, a) for a in articles)
        for doc, article in self.res.nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
            try:
                yield self._run(doc, article)
            except Exception as exc:  # noqa: BLE001 - reported and skipped, see above
                if errors == "raise":
                    raise
                if on_error is not None:
                    on_error(article, exc)
                    continue
                where = article.origin or article.id
                print(f"conflictcoder: {where}: article skipped after an internal error: "
                      f"{type(exc).__name__}: {exc}", file=sys.stderr)
