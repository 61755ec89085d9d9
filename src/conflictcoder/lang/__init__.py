"""Language packs: a language is one folder of data plus its examples.

Every word conflictcoder reads a report with (count nouns, date words, trigger verbs, place
affixes, the verbs that introduce a source ...) lives in `lang/<code>/`, never in code, so a
second language is a second folder rather than edits across the stages (as spaCy's
`spacy/lang/<code>/` packs and dateparser's per-language data files do). A pack holds:

- `pack.yaml`: its name and the spaCy pipeline that parses it;
- the vocabulary files the stages ask for by name (`counts.yaml`, `dates.yaml`, `triggers.csv`
  ...), each documented in its own header;
- `examples/`: sentences with what must be read from them, which are both the pack's
  specification and its tests (`tests/lang/` runs them for every pack).

The pack in use is chosen per article (`Article.lang`): the pipeline wraps each article's
extraction in `using(code)`, and every vocabulary loader caches per language
(`per_language`), so an English run never loads another pack and two languages can share a
process. Files that hold no language (the actor catalogue, the export schema, the gazetteer's
data) stay in `conflictcoder/data/`.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, TypeVar

import yaml

DEFAULT = "en"
ROOT = Path(__file__).resolve().parent

_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_active: contextvars.ContextVar[str] = contextvars.ContextVar("conflictcoder_language", default=DEFAULT)

T = TypeVar("T")


class UnknownLanguage(ValueError):
    """A language code with no pack: the message names the packs there are."""


@dataclass(frozen=True)
class LanguagePack:
    """One language's folder: its metadata and its data files, parsed once each."""

    code: str
    path: Path
    meta: dict = field(default_factory=dict, compare=False)

    @property
    def name(self) -> str:
        return str(self.meta.get("name") or self.code)

    @property
    def model(self) -> str | None:
        """The spaCy pipeline (a pip package) that parses this language."""
        return self.meta.get("spacy_model")

    @functools.cached_property
    def function_words(self) -> frozenset[str]:
        """Its commonest function words (pack.yaml), what `detect` recognises it by."""
        return frozenset(w.lower() for w in self.meta.get("function_words") or ())

    def has(self, name: str) -> bool:
        return (self.path / name).is_file()

    def file(self, name: str) -> Path:
        """Path of one of the pack's data files; a clear error if the pack lacks it."""
        p = self.path / name
        if not p.is_file():
            raise FileNotFoundError(f"language pack '{self.code}' has no {name} ({self.path})")
        return p

    def load(self, name: str):
        """A YAML file of the pack, parsed once per process."""
        return _parse_yaml(self.file(name))

    def examples(self) -> list[Path]:
        """The pack's example files (specification and tests)."""
        d = self.path / "examples"
        return sorted(p for p in d.iterdir() if p.is_file()) if d.is_dir() else []


@functools.lru_cache(maxsize=None)
def _parse_yaml(path: Path):
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def available() -> tuple[str, ...]:
    """Codes of the packs that ship (folders holding a pack.yaml)."""
    return tuple(sorted(p.name for p in ROOT.iterdir() if (p / "pack.yaml").is_file()))


@functools.lru_cache(maxsize=None)
def get(code: str | None = None) -> LanguagePack:
    """The pack for a language code ('en', 'EN', 'en-GB' and 'English' all give English)."""
    key = (code or DEFAULT).strip().lower().replace("_", "-").split("-")[0]
    path = ROOT / key
    if not (path / "pack.yaml").is_file():  # a language's name ("English") names its pack too
        named = [c for c in available()
                 if str(_parse_yaml(ROOT / c / "pack.yaml").get("name", "")).lower() == (code or "").strip().lower()]
        if named:
            return get(named[0])
        raise UnknownLanguage(
            f"no language pack for '{code}' (packs: {', '.join(available())})"
        )
    return LanguagePack(code=key, path=path, meta=_parse_yaml(path / "pack.yaml") or {})


def detect(text: str, default: str = DEFAULT) -> str:
    """The language of a text with no language given, from the packs' own function words.

    Each pack lists its commonest function words (`function_words` in pack.yaml: articles,
    prepositions, auxiliaries); the pack whose words make up the largest share of the first
    2,000 characters' words wins, if that share is at least `detect_min_share` (settings.yaml)
    and ahead of the next by a clear margin; otherwise `default`. Offline, no model, and free
    when only one pack ships."""
    codes = available()
    if len(codes) < 2:
        return default
    from .. import settings

    S = settings.view("lang")
    words = _WORDS.findall(text[:2000].lower())
    if not words:
        return default
    shares = sorted(((sum(w in get(c).function_words for w in words) / len(words), c) for c in codes),
                    reverse=True)
    (best, code), (second, _) = shares[0], shares[1]
    if best >= S.detect_min_share and best >= second * S.detect_margin:
        return code
    return default


def active() -> LanguagePack:
    """The pack of the article being read (English outside any `using`)."""
    return get(_active.get())


@contextlib.contextmanager
def using(code: str | None) -> Iterator[LanguagePack]:
    """Read with one language's pack inside this block (the pipeline wraps each article)."""
    pack = get(code)
    token = _active.set(pack.code)
    try:
        yield pack
    finally:
        _active.reset(token)


def per_language(fn: Callable[..., T]) -> Callable[..., T]:
    """Cache a vocabulary loader (or anything built from a pack's data) once per language.

    The drop-in for `functools.lru_cache` on loaders: the cache key is the active language plus
    the arguments, so a compiled pattern built from English words is never used on French."""
    cached = functools.lru_cache(maxsize=None)(lambda code, *a, **k: fn(*a, **k))

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return cached(_active.get(), *args, **kwargs)

    wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return wrapper
