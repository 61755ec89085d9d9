"""Load the data files: a language's vocabulary from its pack, the rest from `data/`, once.

Code never hard-codes vocabulary; it asks here. A name that the active language pack holds
(`lang/<code>/counts.yaml`) is read from the pack; anything else (the actor catalogue, the export
schema, the gazetteer's files) from `conflictcoder/data/`. Loaders are cached per language
(`lang.per_language`) so each file is parsed once per process and language.
"""

from __future__ import annotations

import functools
import re
from importlib import resources as _res
from pathlib import Path

import yaml

from . import lang

DATA = Path(str(_res.files("conflictcoder") / "data"))


def data_path(name: str) -> Path:
    """Path of a bundled data file: the active language pack's when it has one of that name."""
    pack = lang.active()
    return pack.file(name) if pack.has(name) else DATA / name


def load_yaml(name: str):
    """Parse a bundled YAML file once (per language for a pack's file)."""
    pack = lang.active()
    if pack.has(name):
        return pack.load(name)
    return _data_yaml(name)


@functools.lru_cache(maxsize=None)
def _data_yaml(name: str):
    with open(DATA / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@lang.per_language
def number_words() -> dict[str, dict[str, int]]:
    """{"units": {...}, "scales": {...}, "ordinals": {...}} from number_words.yaml."""
    return load_yaml("number_words.yaml")


def word_to_int(word: str) -> int | None:
    """'four' -> 4, 'twenty-one' -> 21, '12' -> 12; None when not a number word."""
    w = word.lower().strip().replace(",", "")
    if w.isdigit():
        return int(w)
    units = number_words()["units"]
    if w in units and w not in ("a", "an"):
        return units[w]
    if "-" in w:
        parts = w.split("-")
        if len(parts) == 2 and parts[0] in units and parts[1] in units:
            return units[parts[0]] + units[parts[1]]
    return None


_SITE = re.compile(r"(?<![a-z])(?<!\bto )(?<!\bto a )(?<!\bto the )(?<!\bto an )(?<!\bnearby )(?<!\blocal )[a-z]+")


@lang.per_language
def site_words() -> frozenset[str]:
    """What attacks hit, as reports name it (sites.yaml)."""
    return frozenset(load_yaml("sites.yaml")["sites"])


def sites_named(text: str | None) -> set[str]:
    """The sites a text names as hit (lang/en/sites.yaml): "the market", "two schools"; not a
    destination ("taken to a hospital", "fled to the camp"). Two reports of one place and day
    naming different sites and none in common tell two attacks (assembly and linking)."""
    known = site_words()
    out = set()
    for w in _SITE.findall((text or "").lower()):
        for form in (w, w[:-1] if w.endswith("s") else None, w[:-2] if w.endswith("es") else None):
            if form in known:
                out.add(form)
    return out
