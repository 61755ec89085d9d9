"""datelines: the place a report was filed from ("BEIRUT (AP) —", "KHARTOUM:", "OUAGADOUGOU,
Burkina Faso —"), told apart from the places where things happened.

A dateline opens a line: a few capitalised words (a city, its country or state, a date, the
agency in parentheses), then a dash or a colon, then the report. Scraped copy that lost its
punctuation keeps the city in capitals near the start of the line ("Jun 18 2016 BEIRUT At
least seven ..."). A dateline says where the reporter was, rarely where the incident was, so
`events/assemble` places an event there only when the article names no other place.

What it does not do: find or resolve toponyms (`places`); it marks places already found.
"""

from __future__ import annotations

import re

from .. import lang
from .. import settings
from ..lexicon import load_yaml
from ..model import Place

S = settings.view("datelines")  # weights and thresholds: settings.yaml, section datelines

# the dash or colon that ends a dateline, with the report after it
END_MARK = re.compile(r"\s*(?:\([^()\n]{1,40}\)\s*)?(?:—|–|--|-|:)\s+(?=\S)")
# the words a dateline may hold: capitalised words, numbers, commas, brackets, agency names
DATELINE_WORD = re.compile(r"^[\[(]?(?:[A-Z0-9][\w'’.\-/]*|[a-z]{1,3}-[A-Z][\w'’.\-]*)[\])]?,?$")
BRACKETED_PLACE = re.compile(r"^\s*\[[A-Z][\w .'-]+\],")


def spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each dateline in the text: the stretch from a line's start to its mark."""
    out = []
    pos = 0
    for line in text.split("\n"):
        head = line[:S.max_dateline + 45]
        for m in END_MARK.finditer(head):
            prefix = line[:m.start()]
            words = prefix.split()
            if (0 < len(words) <= S.max_words and m.start() <= S.max_dateline
                    and len(line) - m.end() >= S.min_report
                    and all(DATELINE_WORD.match(w) for w in words)
                    or _bracketed_country(prefix)):
                out.append((pos + len(line) - len(line.lstrip()), pos + m.start()))
            break  # only the first mark of a line can end a dateline
        pos += len(line) + 1
    return out


def _bracketed_country(prefix: str) -> bool:
    """"[Sudan], July 22 (ANI/Xinhua):": a wire's bracketed place before its date."""
    return bool(BRACKETED_PLACE.match(prefix))


def mark(text: str, places: list[Place]) -> list[Place]:
    """Set `dateline` on the places that name where the report was filed from."""
    zones = spans(text)
    for p in places:
        if p.span is None:
            continue
        s = p.span.start
        in_zone = any(a <= s < b for a, b in zones)
        line_start = text.rfind("\n", 0, s) + 1
        capitals = (p.span.text.isupper() and len(p.span.text) > 3 and s - line_start <= S.capitals_within
                    and not text[line_start:s].strip(" ,.0123456789").islower())
        if in_zone or (capitals and _no_mark_line(text, line_start)) or _before_agency(text, p.span.end):
            p.dateline = True
    return places


def _before_agency(text: str, end: int) -> bool:
    """A place right before a news agency's name ("Moscow AFP Saturday 7 Oct", "ALEPPO
    (Reuters)", "Kabul, June 14 (dpa)"): the wire's dateline, wherever scraping left it."""
    m = AGENCY_AFTER.match(text, end)
    return m is not None and (m.group(1) or m.group(2)).lower().split("/")[0] in _agencies()


# "(Reuters)" anywhere, or a bare agency name followed by the date or a dash ("Moscow AFP
# Saturday 7 Oct 2017", "Kabul AFP - ..."), never "hit Aleppo, Reuters reported"
AGENCY_AFTER = re.compile(
    r"(?:,?\s*\(([A-Za-z][A-Za-z/]{1,15})\)"
    r"|\s+([A-Za-z]{2,10})(?=\s+(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|\d)"
    r"|\s*[:—–-]\s))")


@lang.per_language
def _agencies() -> frozenset[str]:
    """Lower-cased names of news agencies that open a dateline (lang/en/place_words.yaml)."""
    return frozenset(a.lower() for a in load_yaml("place_words.yaml")["dateline_agencies"])


def _no_mark_line(text: str, line_start: int) -> bool:
    """A line of scraped copy that runs on (a date, the city in capitals, the report)."""
    end = text.find("\n", line_start)
    return (end if end >= 0 else len(text)) - line_start >= S.min_report
