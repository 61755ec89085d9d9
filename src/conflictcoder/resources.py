"""Resources that load once per process and are passed to every stage.

The spaCy pipeline, the gazetteer and the lexicons are expensive to build; stages never load
them themselves. Each is built lazily on first use so a command that needs only some layers
does not pay for the others.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Sequence


class Resources:
    """Shared, read-only resources for all stages of one process."""

    def __init__(
        self,
        model: str | None = None,
        actor_lexicons: Sequence[str | Path] = (),
        gazetteer_path: str | Path | None = None,
    ):
        self.model = model
        self.actor_lexicons = tuple(Path(p) for p in actor_lexicons)
        self.gazetteer_path = Path(gazetteer_path) if gazetteer_path else None

    @cached_property
    def nlp(self):
        from .nlp.loader import load_pipeline

        return load_pipeline(self.model)

    @cached_property
    def gazetteer(self):
        from . import lang
        from .gazetteer import Gazetteer

        # one gazetteer for every language: its own name-matching words are the default pack's,
        # whichever article happens to load it first
        with lang.using(lang.DEFAULT):
            return Gazetteer.load(self.gazetteer_path)

    @property
    def actor_lexicon(self):
        """The actor lexicon for the active language (its demonyms are the language's)."""
        from .extract.actors import ActorLexicon

        return self._per_language("actors", lambda: ActorLexicon.load(extra=self.actor_lexicons))

    @property
    def trigger_lexicon(self):
        """The trigger lexicon of the active language pack (`lang/<code>/triggers.csv`)."""
        from .extract.triggers import TriggerLexicon

        return self._per_language("triggers", TriggerLexicon.load)

    def _per_language(self, what: str, build):
        from . import lang

        key = (what, lang.active().code)
        cache = self.__dict__.setdefault("_by_language", {})
        if key not in cache:
            cache[key] = build()
        return cache[key]
