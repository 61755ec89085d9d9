"""columns: which input column holds which article field, and how its dates are written.

Why apart from the readers: analysts' corpora name their columns as they like
(`article_content`, `headline`, `pub_date`) and write dates as their country does (3/15/2020).
The readers ask a `Columns` for a record's fields and its date, so one mapping serves JSON
Lines and CSV alike. Default names are data (`data/input_columns.yaml`); the user's own names
(`--text-col` ... or `--columns text=body,published=day`) go first; `--date-format` is a
`strptime` format tried before ISO dates.

What it does not do: guess. A date that is neither ISO nor in the given format is rejected
with a hint to give `--date-format` (3/4/2020 is March or April: only the user knows).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Optional

FIELDS = ("text", "published", "title", "id", "url", "outlet", "lang")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?=$|[T ]\d|[T ]?$)")


class BadDate(ValueError):
    """A value that is no date in the accepted forms; the message says why, in one line."""


def _defaults() -> dict[str, tuple[str, ...]]:
    from ..lexicon import load_yaml

    table = load_yaml("input_columns.yaml")
    return {f: tuple(n.lower() for n in table[f]) for f in FIELDS}


@dataclass(frozen=True)
class Columns:
    """Names tried for each field (first present, non-empty wins) and an optional date format."""

    names: dict[str, tuple[str, ...]] = field(default_factory=_defaults)
    date_format: Optional[str] = None

    @classmethod
    def of(cls, mapping: Optional[dict[str, str]] = None, date_format: Optional[str] = None) -> "Columns":
        """Defaults with the user's column names first: `mapping` is {field: column}."""
        names = _defaults()
        for f, col in (mapping or {}).items():
            if f not in FIELDS:
                raise ValueError(f"unknown article field {f!r} in column mapping; choose from {', '.join(FIELDS)}")
            if col and col.strip():
                names[f] = (col.strip().lower(),) + tuple(n for n in names[f] if n != col.strip().lower())
        if date_format is not None:
            try:
                dt.datetime.strptime(dt.date(2001, 2, 3).strftime(date_format), date_format)
            except ValueError as e:
                raise ValueError(f"bad --date-format {date_format!r}: {e}") from None
        return cls(names=names, date_format=date_format)

    def parse_date(self, value: object) -> dt.date:
        """An ISO date or datetime, or a string in `date_format`; `BadDate` otherwise."""
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if not isinstance(value, str):
            raise BadDate(f"invalid date {value!r}")
        s = value.strip()
        if self.date_format:
            try:
                return dt.datetime.strptime(s, self.date_format).date()
            except ValueError:
                pass
        m = _ISO_DATE.match(s)
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                pass
        if self.date_format:
            raise BadDate(f"invalid date {s[:40]!r} (expected {self.date_format} or YYYY-MM-DD)")
        hint = "; give --date-format, e.g. %m/%d/%Y" if re.match(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}", s) else ""
        raise BadDate(f"invalid date {s[:40]!r} (expected YYYY-MM-DD{hint})")


def parse_mapping(spec: Optional[str]) -> dict[str, str]:
    """`text=body,published=day` into {"text": "body", "published": "day"} (`date` = `published`)."""
    out: dict[str, str] = {}
    for part in (spec or "").split(","):
        if not part.strip():
            continue
        key, sep, col = part.partition("=")
        key = key.strip().lower()
        if not sep or not col.strip():
            raise ValueError(f"bad --columns item {part.strip()!r}: expected FIELD=COLUMN")
        out["published" if key == "date" else key] = col.strip()
    return out


DEFAULT = None  # built on first use: reading data files at import time would slow every CLI start


def default() -> Columns:
    global DEFAULT
    if DEFAULT is None:
        DEFAULT = Columns()
    return DEFAULT
