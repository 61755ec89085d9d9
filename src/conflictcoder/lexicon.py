"""Load the data files in `conflictcoder/data/` (lexicons, vocabularies), once.

Code never hard-codes vocabulary; it asks here. Loaders are cached so each file is parsed once
per process.
"""

from __future__ import annotations

import functools
from importlib import resources as _res
from pathlib import Path

import yaml

DATA = Path(str(_res.files("conflictcoder") / "data"))


def data_path(name: str) -> Path:
    """Path of a bundled data file."""
    return DATA / name


@functools.lru_cache(maxsize=None)
def load_yaml(name: str):
    """Parse a bundled YAML file once."""
    with open(data_path(name), encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@functools.lru_cache(maxsize=None)
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
