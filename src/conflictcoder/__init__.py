"""conflictcoder: news reports in, a geocoded, deduplicated conflict event dataset out.

    from conflictcoder import Pipeline
    ann = Pipeline().extract(article)
"""

from .model import Article, Annotations, EventMention, Event  # noqa: F401
from .pipeline import Pipeline, make_article  # noqa: F401

__version__ = "0.1.0"
