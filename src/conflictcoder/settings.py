"""Every weight and threshold of conflictcoder's judgement, named, documented and kept as data.

A number that decides what a report says (how far two reports of one incident may lie apart,
how sure a place must be to be used, how large a toll is flagged) is a setting, not a literal in
code: `settings.yaml` beside this module gives each one its value and why it is what it is, a run
can override any of them (`--settings FILE`, or the `CONFLICTCODER_SETTINGS` environment
variable, which worker processes inherit), and the values and their hash are recorded with the
results (the store's `runs` table, the Parquet and GeoJSON exports), so a figure can always be
traced to the numbers that produced it, as geoparser records each module's settings with its
output.

Code reads a setting through a section's view, looked up when used, so an override applies to
modules imported before it:

    S = settings.view("linker")
    ... if score >= S.threshold: ...
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path
from typing import Any, Iterator

import yaml

DEFAULTS = Path(__file__).resolve().parent / "settings.yaml"
ENV = "CONFLICTCODER_SETTINGS"


class SettingsError(ValueError):
    """A settings file that cannot be used: the one-line message names the file and the key."""


def _defaults() -> tuple[dict[str, Any], dict[str, str]]:
    values: dict[str, Any] = {}
    docs: dict[str, str] = {}
    raw = yaml.safe_load(DEFAULTS.read_text(encoding="utf-8")) or {}
    for section, entries in raw.items():
        for name, entry in (entries or {}).items():
            if not isinstance(entry, dict) or "value" not in entry or not entry.get("why"):
                raise SettingsError(f"{DEFAULTS}: {section}.{name} needs a value and a why")
            values[f"{section}.{name}"] = _frozen(entry["value"])
            docs[f"{section}.{name}"] = " ".join(str(entry["why"]).split())
    return values, docs


def _frozen(v: Any) -> Any:
    """Lists become tuples: a setting is read-only and hashable."""
    return tuple(_frozen(x) for x in v) if isinstance(v, list) else v


class Settings:
    """One complete set of values: the defaults with a run's overrides applied."""

    def __init__(self, values: dict[str, Any], docs: dict[str, str], sources: tuple[str, ...] = ()):
        self.values = dict(values)
        self.docs = docs
        self.sources = sources  # the override files applied, in order

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.values)

    def section(self, section: str) -> dict[str, Any]:
        prefix = section + "."
        return {k[len(prefix):]: v for k, v in self.values.items() if k.startswith(prefix)}

    def to_json(self) -> str:
        """The values as canonical JSON (sorted keys), what the hash is taken of."""
        return json.dumps(self.values, sort_keys=True, separators=(",", ":"))

    @functools.cached_property
    def hash(self) -> str:
        """Twelve hex digits that change whenever any value does."""
        return hashlib.sha1(self.to_json().encode()).hexdigest()[:12]

    def changed(self) -> dict[str, Any]:
        """The values that differ from the defaults."""
        base, _ = _defaults()
        return {k: v for k, v in self.values.items() if base.get(k) != v}

    def with_file(self, path: str | Path) -> "Settings":
        """These settings with a YAML file's overrides applied.

        The file maps sections to names to values (`linker: {threshold: 4.0}`) or uses dotted
        names (`linker.threshold: 4.0`). An unknown name or a value of another type is an error
        naming the file and the setting, never silently ignored."""
        p = Path(path)
        try:
            raw = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
        except OSError as e:
            raise SettingsError(f"{p}: cannot read settings ({e.strerror or e})") from None
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            where = f"{p}:{mark.line + 1}" if mark else str(p)
            raise SettingsError(f"{where}: not valid YAML ({getattr(e, 'problem', e)})") from None
        if not isinstance(raw, dict):
            raise SettingsError(f"{p}: settings must be a mapping of section to name to value")
        values = dict(self.values)
        for name, value in _flatten(raw, values):
            if name not in values:
                raise SettingsError(f"{p}: unknown setting '{name}' (`conflictcoder settings` lists them)")
            values[name] = _checked(p, name, values[name], _frozen(value))
        return Settings(values, self.docs, self.sources + (str(p),))


def _flatten(raw: dict, known: dict, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """(dotted name, value) pairs of an override file; a mapping is a section unless it is the
    value of a setting that is itself a mapping (`places.w_feature`)."""
    for k, v in raw.items():
        name = f"{prefix}{k}"
        if isinstance(v, dict) and name not in known:
            yield from _flatten(v, known, name + ".")
        else:
            yield name, v


def _checked(path: Path, name: str, old: Any, new: Any) -> Any:
    """A new value must have the default's shape: a number for a number, a pair for a pair."""
    if isinstance(old, bool) or isinstance(new, bool):
        ok = isinstance(old, bool) and isinstance(new, bool)
    elif isinstance(old, (int, float)):
        ok = isinstance(new, (int, float))
        if ok and isinstance(old, float):
            new = float(new)
    elif isinstance(old, tuple):
        ok = isinstance(new, tuple) and len(new) == len(old)
    elif isinstance(old, dict):
        ok = isinstance(new, dict) and set(new) == set(old)
    else:
        ok = type(new) is type(old)
    if not ok:
        raise SettingsError(f"{path}: setting '{name}' must be like {old!r}, not {new!r}")
    return new


@functools.lru_cache(maxsize=None)
def _load(files: tuple[str, ...]) -> Settings:
    values, docs = _defaults()
    s = Settings(values, docs)
    for f in files:
        s = s.with_file(f)
    return s


def load(path: str | Path | None = None) -> Settings:
    """The defaults, with the overrides of `path` when given."""
    return _load((str(Path(path).resolve()),) if path else ())


def active() -> Settings:
    """The settings of this run: the file `CONFLICTCODER_SETTINGS` names, else the defaults."""
    return _from_env(os.environ.get(ENV) or None)


@functools.lru_cache(maxsize=8)
def _from_env(path: str | None) -> Settings:
    return load(path)


def use(path: str | Path | None) -> Settings:
    """Make a settings file this process's (and its workers') settings; None: the defaults.

    Checked at once, so a bad file fails before any work starts."""
    s = load(path)
    if path:
        os.environ[ENV] = str(Path(path).resolve())
    else:
        os.environ.pop(ENV, None)
    return s


class _View:
    """One section of the active settings, read attribute by attribute when used."""

    __slots__ = ("_section",)

    def __init__(self, section: str):
        self._section = section

    def __getattr__(self, name: str) -> Any:
        try:
            return active().values[f"{self._section}.{name}"]
        except KeyError:
            raise AttributeError(f"no setting '{self._section}.{name}' in settings.yaml") from None


def view(section: str) -> _View:
    """A section's settings as attributes: `view("linker").threshold`."""
    return _View(section)
