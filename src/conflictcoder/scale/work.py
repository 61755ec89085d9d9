"""work: what a worker process does, in a process pool or on a Dask worker.

The pipeline (spaCy, gazetteer, lexicons) is built once per process and kept in a module-level
cache keyed by the extra actor lexicons. `extract_articles` turns a chunk of Articles into
Annotations; an article whose extraction raises becomes a one-line Rejection instead of
stopping the run.

What it does not do: read inputs or write the store (the driver does, in one place).
"""

from __future__ import annotations

import dataclasses
import os
import signal
from typing import Sequence, Union

from ..model import Annotations, Article, Rejection

_PIPELINES: dict[tuple[str, ...], object] = {}

# numeric libraries must not start a thread per core in every worker: one worker, one core
SINGLE_THREAD_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def worker_pipeline(actors: Sequence[str] = ()):
    """This process's Pipeline (built on first use, then reused)."""
    key = tuple(str(a) for a in actors)
    pipe = _PIPELINES.get(key)
    if pipe is None:
        from ..pipeline import Pipeline
        from ..resources import Resources

        pipe = Pipeline(Resources(actor_lexicons=key))
        res = pipe.res
        res.nlp, res.gazetteer, res.actor_lexicon, res.trigger_lexicon  # load everything now
        _PIPELINES[key] = pipe
    return pipe


def init_pool_worker(actors: Sequence[str] = ()) -> None:
    """Process-pool initializer: ignore Ctrl-C (the driver stops cleanly) and build the pipeline."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for k, v in SINGLE_THREAD_ENV.items():
        os.environ.setdefault(k, v)
    worker_pipeline(actors)


def portable(obj, _seen=None):
    """Drop stages' private scratch attributes (spaCy tokens kept on a Count as `_verb`, ...).

    They are not fields of the data model, cannot be pickled to another process, and no later
    stage reads them. Works in place on the dataclass tree; returns `obj`.
    """
    seen = _seen if _seen is not None else set()
    if id(obj) in seen:
        return obj
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        seen.add(id(obj))
        names = {f.name for f in dataclasses.fields(obj)}
        extra = [k for k in getattr(obj, "__dict__", {}) if k not in names and k.startswith("_")]
        for k in extra:
            try:
                delattr(obj, k)
            except (AttributeError, dataclasses.FrozenInstanceError):
                pass
        for name in names:
            portable(getattr(obj, name), seen)
    elif isinstance(obj, (list, tuple)):
        for x in obj:
            portable(x, seen)
    return obj


def extract_articles(pipe, articles: list[Article]) -> list[Union[Annotations, Rejection]]:
    """Annotations for each article, in order (ready to pickle); a failing article becomes a Rejection."""
    try:
        return [portable(a) for a in pipe.pipe(articles, batch_size=max(1, len(articles)), errors="raise")]
    except Exception:  # find the culprit: one by one
        out: list[Union[Annotations, Rejection]] = []
        for a in articles:
            try:
                out.append(portable(pipe.extract(a)))
            except Exception as e:
                out.append(failure(a, e))
        return out


def failure(article: Article, exc: Exception) -> Rejection:
    """The Rejection of an article that made a stage raise: counted, stored and reported like bad
    input (exit status 2), so that it is never lost without a trace."""
    msg = (str(exc).strip().splitlines() or [""])[0][:200]
    return Rejection(article.origin or article.id, f"extraction failed: {type(exc).__name__}: {msg}")


def extract_chunk(articles: list[Article], actors: Sequence[str] = ()) -> list[Union[Annotations, Rejection]]:
    """Pool task: extract a chunk with this worker's pipeline."""
    return extract_articles(worker_pipeline(actors), articles)
