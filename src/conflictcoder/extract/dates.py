"""dates: time expressions normalised against the publication date P into [start, end].

News conventions (the test table in tests/extract/test_dates.py is the specification):
- a weekday is the most recent such day on or before P ("on Monday" in a Monday report is
  P), the next one after P under future cues ("will", "next");
- "overnight", "last night", "the early hours" cover [P-1, P] (precision day);
- "since X" is open: [X.start, P], `open_start`;
- "over the past four days", "in the last 24 hours" anchor back from P; "four days of
  fighting" is a duration anchored to end at P;
- a month or day-and-month without a year is the most recent one not after P;
- durations ("for three years") and sets ("every week") are typed so, and are not event dates;
- a future cue ("will", "set to") reaches a date unless a past-tense verb comes between them;
- "a year earlier" is the period the report is about, a year before (a quarter when the sentence,
  or the last period named before it, is one);
- "that year", "the following month", "the next day" follow the last date told before them;
- feasts (lang/en/dates.yaml), decades and centuries in words, halves and quarters of named years.

What it does not do: times of day, time zones, or dates relative to another event ("two days
after the attack").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .. import lang
from ..lexicon import load_yaml, number_words, word_to_int
from ..model import Annotations, DateRange, Span

D = dt.timedelta
# Reasons that mark vague references (TimeML PRESENT_REF / PAST_REF / FUTURE_REF): not event dates.
PRESENT_REF = "present reference (now)"
PAST_REF = "vague past reference (recently): no start"
FUTURE_REF = "vague future reference: no end"
ANAPHOR = "relative to an earlier date that the text does not give"


@lang.per_language
def _vocab() -> dict:
    v = dict(load_yaml("dates.yaml"))
    months = sorted(v["months"], key=len, reverse=True)
    v["month_re"] = r"(?:" + "|".join(m.capitalize() for m in months) + r")\.?"
    v["weekday_re"] = r"(?:" + "|".join(w.capitalize() for w in v["weekdays"]) + r")"
    units = sorted(v["units"], key=len, reverse=True)
    v["unit_re"] = r"(?:" + "|".join(units) + r")s?"
    nums = sorted((w for w in number_words()["units"] if w not in ("zero",)), key=len, reverse=True)
    v["num_re"] = r"(?:\d+|(?:" + "|".join(nums) + r")(?:-(?:" + "|".join(nums) + r"))?|few|several|couple of)"
    v["activity_re"] = r"(?:" + "|".join(re.escape(a) for a in v["activity_nouns"]) + r")"
    v["past_re"] = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in v["past_cues"]) + r")\b", re.I)
    v["not_future_re"] = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in v["not_future"]) + r")\b", re.I)
    v["abbreviations"] = frozenset(v["abbreviations"])
    v["future_re"] = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in v["future_cues"]) + r")\b", re.I)
    return v


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _month_num(word: str) -> int:
    return _vocab()["months"][word.lower().rstrip(".")]


def _count(word: str | None) -> int:
    if not word:
        return 1
    w = word.lower()
    if w in ("few", "several", "couple of"):
        return {"few": 3, "several": 3, "couple of": 2}[w]
    n = word_to_int(w)
    return n if n is not None else 1


def _rng(start, end, precision, type_="date", open_start=False, reason=None) -> DateRange:
    return DateRange(start, end, precision, type_, None, open_start, reason)


def _year_for(month: int, day: int | None, P: dt.date, future: bool) -> int:
    """Most recent (or, in future tense, next) occurrence of month/day relative to P."""
    y = P.year
    probe = dt.date(y, month, min(day or 1, calendar.monthrange(y, month)[1]))
    if future:
        return y if probe >= P.replace(day=1) or (day and probe >= P) else y + 1
    return y if probe <= P else y - 1


def _weekday(name: str, P: dt.date, mode: str) -> dt.date:
    target = _vocab()["weekdays"].index(name.lower())
    back = (P.weekday() - target) % 7
    if mode == "last":
        return P - D(days=back or 7)
    if mode == "future":
        ahead = (target - P.weekday()) % 7
        return P + D(days=ahead or 7)
    return P - D(days=back)


def _build_patterns():
    v = _vocab()
    M, W, U, N, A = v["month_re"], v["weekday_re"], v["unit_re"], v["num_re"], v["activity_re"]
    Y = r"(?:1[89]\d\d|20\d\d)"
    ones = "one|two|three|four|five|six|seven|eight|nine"
    TENS = (rf"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:{ones}))?"
            rf"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|{ones})")
    DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    QN = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
    YW = rf"(?:eighteen|nineteen)[\s-]+{TENS}"
    DW = "|".join(v["decades"])
    CW = "|".join(sorted(v["centuries"], key=len, reverse=True))
    HOL = "|".join(re.escape(h).replace("\\ ", r"\s+").replace("'", "['\u2019]") for h in sorted(v["holidays"], key=len, reverse=True))
    pats = [
        ("iso", rf"\b{Y}-[01]\d-[0-3]\d\b"),
        ("numeric", rf"\b\d{{1,2}}[/.]\d{{1,2}}[/.]{Y}\b"),
        ("day_month", rf"\b(?:the\s+)?(?P<d1>{DAY})\s+(?:of\s+)?(?P<m1>{M})(?:,?\s+(?P<y1>{Y}))?\b"),
        ("month_day", rf"\b(?P<m2>{M})\s+(?P<d2>{DAY})(?:,?\s+(?P<y2>{Y}))?\b(?!\s*(?:%|percent|people|civilians))"),
        ("part_month", rf"\b(?P<part>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)[\s-]+(?P<m3>{M})(?:\s+(?P<y3>{Y}))?\b"),
        ("part_year", rf"\b(?P<part2>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+first\s+half\s+of|the\s+(?:second|last|latter)\s+half\s+of|(?:the\s+)?(?:first|last|second)\s+two\s+quarters\s+of)[\s-]+(?P<rel2>last\s+year|this\s+year|(?P<y4>{Y}))\b"),
        ("month_year", rf"\b(?P<m4>{M})(?:\s+of)?\s+(?:(?P<y5>{Y})|(?P<y5w>{YW}))\b"),
        ("month_rel", rf"\b(?P<m6>{M})(?:\s+of)?\s+(?P<mrel>this|last|next)\s+year\b"),
        ("month", rf"\b(?P<m5>{M})\b"),
        ("decade", rf"\b(?:the\s+)?(?P<dec>(?:1[89]|20)\d0)s\b"
                   rf"|\bthe\s+(?:(?:early|mid|late)[\s-]+|(?:first|last|second|latter)\s+half\s+of\s+the\s+)?(?:(?P<decw>{DW})|'(?P<dec2>\d0)s)\b"),
        # "the 20th century", "the eleventh century", "this century"
        ("century", rf"\b(?:the\s+)?(?P<cent>1\d|20|21|[1-9])(?:st|nd|rd|th)\s+century\b|\b(?:the\s+)?(?P<centw>{CW})\s+century\b"),
        ("year", rf"\b(?P<y6>{Y})\b(?![-/.]\d)"),
        # years in words, as transcribed speech has them: "nineteen ninety-six", "the year two thousand"
        ("year_words", rf"\b(?:the\s+year\s+)?(?P<yc>eighteen|nineteen)[\s-]+(?P<yr>{TENS})\b(?![\s-]+(?-i:[a-z]+s)\b)"
                       rf"|\bthe\s+year\s+two\s+thousand(?:\s+and)?(?:[\s-]+(?P<yr2>{TENS}))?\b"),
        # the unit that holds the publication date: "the current fiscal year", "this quarter"
        ("current_unit", rf"\b(?:the\s+)?(?:current|present)\s+(?:(?:fiscal|calendar|financial)\s+)?(?P<cu>year|quarter|month|week)\b"
                         rf"|\bthis\s+(?:(?:fiscal|calendar|financial)\s+)?(?P<cu2>quarter)\b|\bthis\s+(?:fiscal|calendar|financial)\s+(?P<cu3>year)\b"),
        # "the year", "the full year", "the fiscal year": the publication's year, unless another year is meant
        ("the_year", rf"\bthe\s+(?:full|fiscal|calendar|financial|whole|entire)\s+year\b(?![-\s]+(?:ago|earlier|before|after|later|old)\b)"
                     rf"|\bthe\s+year\b(?![-\s]+(?:before|after|earlier|later|ago|of|in|when|that|since|which|\d|two|one|nineteen|eighteen)\b)"),
        # relative to the last date told: "that year", "the following month", "later that year"
        ("anaphor", rf"\b(?:(?P<anw>later|earlier)\s+(?:in\s+)?)?(?:that(?:\s+same)?|the\s+same)\s+(?P<anu>year|month|quarter|day)\b"
                    rf"|\bthe\s+(?P<anr>following|previous|preceding)\s+(?P<anu2>year|month|day|morning|evening|night)\b"
                    rf"|\bthe\s+(?P<anr2>next)\s+(?P<anu3>day|morning|evening|night)\b"),
        ("ago", rf"\b(?P<n1>(?:a\s+)?(?:few|couple\s+of)|several|many|some|{N}|an?)\s+(?P<u1>{U})\s+ago\b|\b(?P<u1b>years|months|decades)\s+ago\b"),
        ("past", rf"\b(?:(?:over|in|during|within|for)\s+)?the\s+(?:past|last|previous)\s+(?:(?P<n2>{N})\s+)?(?P<u2>{U})\b"),
        ("activity", rf"\b(?P<n3>{N})\s+(?P<u3>{U})\s+of\s+(?:\w+\s+)?{A}\b"),
        ("set", rf"\b(?:every|each)\s+(?:(?:other|single)\s+)?(?:day|night|week|month|year|{W})\b|\b(?:daily|weekly|monthly|annually|nightly)\b"),
        ("earlier", rf"\b(?:earlier|later)\s+(?:this|last)\s+(?P<u4>week|month|year)\b|\bearlier\s+today\b"
                    rf"|\b(?:earlier|later)\s+in\s+the\s+(?P<u4b>day)\b|\bearlier\s+in\s+the\s+(?P<u4c>week|month|year)\b"),
        ("rel_unit", rf"\b(?P<which>last|this|next|past)\s+(?P<u5>week|month|year|weekend)\b(?!'s\s+{QN}[\s-]+quarter)"),
        ("end_last_year", rf"\bthe\s+end\s+of\s+last\s+year\b"),
        # feasts and holidays with a fixed or reckoned date: "Christmas", "Thanksgiving Day"
        ("holiday", rf"\b(?:(?P<hmod>last|next|this)\s+)?(?P<hol>{HOL})\b"),
        # a weekday with its date: the date decides ("Saturday, April 25")
        ("weekday_date", rf"\b(?:on\s+)?{W},?\s+(?:(?P<wdm>{M})\s+(?P<wdd>{DAY})|(?:the\s+)?(?P<wdd2>{DAY})\s+(?:of\s+)?(?P<wdm2>{M}))(?:,?\s+(?P<wdy>{Y}))?\b"),
        # "the week of March 6": the week that holds the date
        ("week_of", rf"\bthe\s+week\s+of\s+(?:(?P<wom>{M})\s+(?P<wod>{DAY})|(?:the\s+)?(?P<wod2>{DAY})\s+(?:of\s+)?(?P<wom2>{M}))(?:,?\s+(?P<woy>{Y}))?\b"),
        ("weekday", rf"\b(?:(?P<wmod>last|next|this|coming|early|late|on)\s+)?(?P<wd>{W})(?:\s+(?:morning|afternoon|evening|night))?\b"),
        ("night", rf"\bovernight\b|\blast\s+night\b|\b(?:in\s+)?the\s+(?:early|small)\s+hours(?:\s+of\s+(?:the\s+morning|today))?\b"),
        ("today", rf"\btoday\b|\btonight\b|\bthis\s+(?:morning|afternoon|evening)\b"),
        ("tomorrow", rf"\btomorrow\b"),
        # "a year earlier", "the year-ago period", "the year-earlier third quarter", "the
        # comparable year-ago quarter", "the corresponding period last year", "last year's quarter"
        ("year_earlier", rf"\b(?:a\s+year\s+(?:earlier|before|previously)"
                         rf"|(?:the\s+)?(?:(?:comparable|corresponding|same)\s+)?year[-\s](?:earlier|ago)"
                         rf"(?:\s+(?:(?P<yeq>{QN})[\s-]+)?(?P<yeu>period|quarter))?"
                         rf"|(?:the\s+)?(?:corresponding|comparable|same)\s+(?P<yeu2>period|quarter)\s+(?:a\s+year\s+(?:ago|earlier)|of\s+last\s+year|last\s+year)"
                         rf"|the\s+(?P<yeu4>period|quarter)\s+a\s+year\s+(?:ago|earlier)"
                         rf"|last\s+year's\s+(?:(?P<yeq2>{QN})[\s-]+)?(?P<yeu3>quarter|period))\b"),
        ("season", rf"\b(?:(?P<swhich>last|this|next|past)\s+)?(?P<sname>spring|summer|fall|autumn|winter)(?:\s+of\s+(?:(?P<sy>{Y})|(?P<syw>{YW})))?\b"),
        ("last_quarter", rf"\bthe\s+(?:latest\s+|last\s+|past\s+|recent\s+|most\s+recent\s+)?quarter\b"
                         rf"|\bthe\s+(?:latest|most\s+recent)\s+(?P<lqp>period)\b"),
        ("weekend", rf"\b(?:over\s+)?the\s+weekend\b"),
        ("quarter", rf"\b(?:the\s+)?(?:(?P<qy0>{Y})\s+|(?P<qrel>next|last|this)\s+year's\s+)?(?P<qn>{QN})[\s-]+quarter(?:\s+of\s+(?P<qy>{Y}))?\b"),
        # "the 1988 period", "the 1988 quarter": that year's counterpart of the period reported
        ("year_period", rf"\bthe\s+(?P<py>{Y})\s+(?P<pu>quarter|period)\b"),
        ("past_then", rf"\bthen[\s-]+(?:current|prevailing|existing)\b"),
        ("present", rf"\b(?:now|currently|current|at\s+present|nowadays|at\s+the\s+moment|these\s+days)\b"),
        ("end_of_unit", rf"\b(?:the\s+)?(?P<eop>end|beginning|start|middle)\s+of\s+(?:the|this)\s+(?P<eou>month|year)\b"),
        # "by year-end", "since year-end": the last day of the year (this one, or the last one past)
        ("year_end", rf"\byear[-\s]end\b(?!\s+(?:of|in)\b)"),
        ("decade_ago", rf"\b(?:a|one)\s+decade\s+ago\b"),
        ("past_ref", rf"\bat\s+the\s+time\b(?!\s+(?:of|when|that|being)\b)|\b(?:(?:the\s+)?past\s+(?:(?:several|few|many)\s+)?(?:years|quarters|decades)|recent\s+(?:years|months|weeks|days|quarters)\s+(?:and|or)\s+(?:years|months|weeks|days|quarters)"
                     rf"|(?:in\s+)?recent\s+quarters)\b|\b(?:recently|lately|previously|recent(?=\s*$)|(?:in\s+)?recent\s+(?:years|months|weeks|days)|in\s+recent\s+(?:years|months|weeks|days)|in\s+the\s+past|the\s+past)\b(?!\s+(?:\d|\w+\s+(?:days?|weeks?|months?|years?)|few|several|days?|weeks?|months?|years?|week|month|year|decade))"),
        ("future_ref", rf"\b(?:(?:one|some)\s+day(?=\s+(?:be|become|see|return|come|have|go|get|make|win|rule|lead))|someday|(?:in\s+|over\s+)?the\s+(?:near|short|long)(?:er)?[\s-]+term|(?:at\s+)?a\s+later\s+date|future\s+(?:years|months|quarters)|(?:the\s+)?coming\s+quarters"
                       rf"|in\s+the\s+(?:near\s+)?future|the\s+(?:near\s+)?future|future(?=\s*$)|soon|(?:the\s+)?coming\s+(?:days|weeks|months|years)|in\s+(?:the\s+)?coming\s+(?:days|weeks|months|years))\b"),
        ("yesterday", rf"\byesterday(?:\s+(?:morning|afternoon|evening))?\b"),
        ("duration", rf"\b(?:for\s+)?(?P<n6>{N})\s+(?P<u6>{U})\b(?!-(?:earlier|ago|old)\b)|\b(?P<u7>years|months|decades|weeks)\s+of\b"
                     # "have fought for years": a stretch of unknown length
                     rf"|\bfor\s+(?:(?:many|several|some)\s+)?(?P<u9>years|months|decades)\b"
                     # "the six-year war", "a three-year-old conflict", "the 40-day siege"
                     rf"|\b(?P<n8>{N})-(?P<u8>year|month|week|day)(?:-old)?\s+(?:(?:civil|long|bloody|brutal)\s+)?"
                     rf"(?:war|conflict|siege|crisis|uprising|insurgency|occupation|blockade|campaign|offensive|battle|revolution)\b"),
    ]
    alts = "|".join(f"(?P<{name}>{rx})" for name, rx in pats)
    return re.compile(rf"(?P<since>\bsince\s+(?:the\s+)?)?(?:{alts})", re.IGNORECASE), [n for n, _ in pats]


@lang.per_language
def _master():
    rx, names = _build_patterns()
    return rx, names


QUARTER_CTX = re.compile(r"\b(?P<qo>first|second|third|fourth|1st|2nd|3rd|4th)?[\s-]*quarter\b", re.I)
ORDINAL_Q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
# right before a date, these make it a deadline or schedule ("by Jan. 14", "payable Dec. 15")
IMMEDIATE_FUTURE = re.compile(r"\b(?:by|through|until|till|effective|payable|record|deadline\s+of)\s+$", re.I)
# "a halt starting on Thursday", "effective Monday": a weekday that begins something to come
STARTING = re.compile(r"\b(?:starting|beginning|effective)\s+$", re.I)
# a day-and-month without a year this close after publication is the coming one, not last year's
AHEAD_DAYS = 60
# how far back (characters) the text before a sentence is read for the period it is about
DISCOURSE = 600


# in the sentences before: the period a report is about (a quarter, or a longer run: "the first
# nine months", "the fiscal year"); a bare "quarter" there must be a reporting one, not a city's
PERIOD_CTX = re.compile(
    r"\b(?:(?P<qo>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter"
    r"|(?P<qb>(?:latest|fiscal|current|the|this|same|year-ago|year-earlier)\s+quarter(?!\s+of\b)|quarter\s+ended)"
    r"|(?P<long>(?:first\s+)?(?:nine|six|twelve|12|9|6)[\s-]+months|(?:first|second)\s+half|(?:fiscal|full|calendar)\s+year"
    r"|year\s+ended|for\s+the\s+year))\b", re.I)


def _quarter_before(P: dt.date, n: int | None) -> tuple[int, int]:
    """Quarter n (None: the last one completed before publication) a year before its latest occurrence."""
    if n is None:
        done = (P.month - 1) // 3
        return (done, P.year - 1) if done else (4, P.year - 2)
    return n, P.year - 1 if dt.date(P.year, 3 * n - 2, 1) <= P else P.year - 2


def _context_quarter(sentence: str, discourse: str) -> tuple[bool, int | None]:
    """Is the text about a quarter, and which (None: not said)? The sentence's own quarter, or,
    when the sentence names no period, the last period named before it."""
    q = QUARTER_CTX.search(sentence)
    if q is None:
        for q in PERIOD_CTX.finditer(discourse):
            pass
        if q is None or q.group("long"):
            return False, None
    return True, ORDINAL_Q.get((q.group("qo") or "").lower())


def _year_earlier(P: dt.date, sentence: str, discourse: str = "") -> DateRange:
    """"a year earlier", "a year ago": the year before, or the same quarter a year before
    when the sentence compares quarters ("third-quarter profit rose from a year earlier"), or,
    when the sentence names no period, the report's last period before it was a quarter
    ("Third-quarter net rose 12%. Revenue rose to $3 billion from $2.6 billion a year earlier")."""
    quarterly, n = _context_quarter(sentence, discourse)
    if not quarterly:
        return _rng(dt.date(P.year - 1, 1, 1), dt.date(P.year - 1, 12, 31), "year")
    n, year = _quarter_before(P, n)
    return _rng(dt.date(year, 3 * n - 2, 1), _month_end(year, 3 * n), "month")


def _easter(y: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(y, month, day + 1)


def _holiday(name: str, y: int) -> dt.date:
    rule = _vocab()["holidays"][re.sub(r"\s+", " ", name.lower().replace("\u2019", "'"))]
    if rule.startswith("easter"):
        return _easter(y) + D(days=int(rule.split()[1]))
    if re.fullmatch(r"\d\d-\d\d", rule):
        mo, day = map(int, rule.split("-"))
        return dt.date(y, mo, day)
    mo, wd, n = rule.split()
    mo, n, wd = int(mo), int(n), _vocab()["weekdays"].index(wd)
    if n > 0:
        first = dt.date(y, mo, 1)
        return first + D(days=(wd - first.weekday()) % 7 + 7 * (n - 1))
    last = _month_end(y, mo)
    return last - D(days=(last.weekday() - wd) % 7)


def _year_in_words(text: str) -> int:
    """"nineteen ninety-four" -> 1994."""
    c, rest = re.split(r"[\s-]+", text.strip(), maxsplit=1)
    return {"eighteen": 1800, "nineteen": 1900}[c.lower()] + (word_to_int(re.sub(r"\s+", "-", rest.lower())) or 0)


def _norm(kind: str, m: re.Match, P: dt.date, future: bool, sentence: str = "", discourse: str = "",
          ref: DateRange | None = None, past: bool = False, before: str = "") -> DateRange | None:
    g = m.group
    v = _vocab()
    if kind == "iso":
        d = dt.date.fromisoformat(g(kind))
        return _rng(d, d, "day")
    if kind == "numeric":
        a, b, y = re.split(r"[/.]", g(kind))
        a, b, y = int(a), int(b), int(y)
        if a > 12 and b <= 12:
            d = dt.date(y, b, a)
        elif b > 12 and a <= 12:
            d = dt.date(y, a, b)
        elif a == b:
            d = dt.date(y, a, b)
        else:
            return _rng(None, None, "day", reason="ambiguous day/month order")
        return _rng(d, d, "day")
    if kind in ("day_month", "month_day"):
        mo = _month_num(g("m1") or g("m2"))
        day = int(re.match(r"\d+", g("d1") or g("d2")).group())
        y = g("y1") or g("y2")
        year = int(y) if y else _year_for(mo, day, P, future)
        if not y and year < P.year:
            ahead = dt.date(P.year, mo, min(day, calendar.monthrange(P.year, mo)[1]))
            if 0 < (ahead - P).days <= AHEAD_DAYS:
                year = P.year
        if day > calendar.monthrange(year, mo)[1]:
            return None
        d = dt.date(year, mo, day)
        return _rng(d, d, "day")
    if kind == "part_month":
        mo = _month_num(g("m3"))
        year = int(g("y3")) if g("y3") else _year_for(mo, None, P, future)
        if not g("y3") and year < P.year and 0 < (dt.date(P.year, mo, 1) - P).days <= AHEAD_DAYS:
            year = P.year  # "by mid-November" in a late-October report
        part = re.sub(r"\s+", " ", g("part").lower())
        last = calendar.monthrange(year, mo)[1]
        if part == "early" or "beginning" in part or "start" in part:
            a, b = 1, 10
        elif part == "mid" or "middle" in part:
            a, b = 11, 20
        else:
            a, b = 21, last
        return _rng(dt.date(year, mo, a), dt.date(year, mo, b), "day" if b - a < 7 else "week")
    if kind == "part_year":
        rel = (g("rel2") or "").lower()
        year = int(g("y4")) if g("y4") else (P.year - 1 if rel.startswith("last") else P.year)
        part = re.sub(r"\s+", " ", g("part2").lower())
        if "first half" in part or part.endswith("first two quarters of"):
            return _rng(dt.date(year, 1, 1), dt.date(year, 6, 30), "year")
        if "half" in part or "two quarters" in part:
            return _rng(dt.date(year, 7, 1), dt.date(year, 12, 31), "year")
        if part == "early" or "beginning" in part or "start" in part:
            return _rng(dt.date(year, 1, 1), dt.date(year, 3, 31), "year")
        if part == "mid" or "middle" in part:
            return _rng(dt.date(year, 5, 1), dt.date(year, 8, 31), "year")
        return _rng(dt.date(year, 12, 1), dt.date(year, 12, 31), "year")
    if kind == "month_year":
        mo, year = _month_num(g("m4")), int(g("y5")) if g("y5") else _year_in_words(g("y5w"))
        return _rng(dt.date(year, mo, 1), _month_end(year, mo), "month")
    if kind == "month_rel":
        mo = _month_num(g("m6"))
        year = P.year + {"this": 0, "last": -1, "next": 1}[g("mrel").lower()]
        return _rng(dt.date(year, mo, 1), _month_end(year, mo), "month")
    if kind == "month":
        mo = _month_num(g("m5"))
        year = _year_for(mo, None, P, future)
        coming = dt.date(P.year + (mo <= P.month), mo, 1)
        if not future and not past and (coming - P).days <= AHEAD_DAYS:
            year = coming.year  # a month about to begin is the coming one ("the summit in January")
        return _rng(dt.date(year, mo, 1), _month_end(year, mo), "month")
    if kind == "decade":
        if g("dec"):
            y = int(g("dec"))
        else:  # "the nineties", "the '80s": the latest such decade that has begun by publication
            d = v["decades"][g("decw").lower()] if g("decw") else int(g("dec2"))
            y = P.year // 100 * 100 + d
            y -= 100 if y > P.year else 0
        return _rng(dt.date(y, 1, 1), dt.date(y + 9, 12, 31), "year")
    if kind == "century":
        if g("cent"):
            n = int(g("cent"))
        else:
            n = v["centuries"][g("centw").lower()]
            if n <= 0:  # "this century", "the last century"
                n += P.year // 100 + 1
        y = (n - 1) * 100
        return _rng(dt.date(max(y, 1), 1, 1), dt.date(y + 99, 12, 31), "year")
    if kind == "holiday":
        mod = (g("hmod") or "").lower()
        rule = v["holidays"][re.sub(r"\s+", " ", g("hol").lower().replace("\u2019", "'"))]
        span = int(rule.split()[2]) if rule.startswith("easter") and len(rule.split()) > 2 else 0
        when = lambda y: _holiday(g("hol"), y)  # noqa: E731
        day = when(P.year)
        ahead = 0 < (day - P).days + span <= AHEAD_DAYS and not past
        if mod == "next" or (future and mod != "last" and mod != "this"):
            day = day if day + D(days=span) >= P else when(P.year + 1)
        elif mod != "this" and day > P and not ahead:
            day = when(P.year - 1)
        if span:  # "Easter week": the week that ends on Easter Sunday
            return _rng(day, day + D(days=span), "week")
        return _rng(day, day, "day")
    if kind == "anaphor":
        # needs a date told before it, whole years or months ("in 1988 ... that year")
        if ref is None:
            return _rng(None, None, "year", reason=ANAPHOR)
        unit = (g("anu") or g("anu2") or g("anu3")).lower()
        shift = {"following": 1, "next": 1, "previous": -1, "preceding": -1}.get((g("anr") or g("anr2") or "").lower(), 0)
        if unit in ("day", "morning", "evening", "night"):
            if ref.start != ref.end:
                return _rng(None, None, "day", reason=ANAPHOR)
            d = ref.start + D(days=shift)
            return _rng(d, d, "day")
        if unit == "quarter":
            if not (ref.start.day == 1 and ref.start.month % 3 == 1 and ref.end == _month_end(ref.start.year, ref.start.month + 2)):
                return _rng(None, None, "month", reason=ANAPHOR)
            return _rng(ref.start, ref.end, "month")
        if unit == "year":
            if ref.start.year != ref.end.year:
                return _rng(None, None, "year", reason=ANAPHOR)
            y = ref.start.year + shift
            return _rng(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")
        m = ref.start.year * 12 + ref.start.month - 1 + shift
        if ref.precision == "year":
            return _rng(None, None, "month", reason=ANAPHOR)
        return _rng(dt.date(m // 12, m % 12 + 1, 1), _month_end(m // 12, m % 12 + 1), "month")
    if kind == "week_of":
        mo = _month_num(g("wom") or g("wom2"))
        day = int(re.match(r"\d+", g("wod") or g("wod2")).group())
        year = int(g("woy")) if g("woy") else _year_for(mo, day, P, future)
        if not g("woy") and year < P.year and 0 < (dt.date(P.year, mo, day) - P).days <= AHEAD_DAYS:
            year = P.year
        d = dt.date(year, mo, day)
        return _rng(d - D(days=d.weekday()), d + D(days=6 - d.weekday()), "week")
    if kind == "weekday_date":
        mo = _month_num(g("wdm") or g("wdm2"))
        day = int(re.match(r"\d+", g("wdd") or g("wdd2")).group())
        if g("wdy"):
            return _rng(dt.date(int(g("wdy")), mo, day), dt.date(int(g("wdy")), mo, day), "day")
        wd = v["weekdays"].index(re.match(r"(?:on\s+)?([A-Za-z]+)", m.group(kind), re.I).group(1).lower())
        fits = [y for y in (P.year - 1, P.year, P.year + 1)
                if day <= calendar.monthrange(y, mo)[1] and dt.date(y, mo, day).weekday() == wd]
        if fits:  # the year in which the date falls on that weekday, nearest publication
            y = min(fits, key=lambda y: abs((dt.date(y, mo, day) - P).days))
            return _rng(dt.date(y, mo, day), dt.date(y, mo, day), "day")
        return None
    if kind == "year_words":
        if g("yc"):
            y = _year_in_words(f"{g('yc')} {g('yr')}")
        else:
            y = 2000 + (word_to_int(g("yr2").lower().replace(" ", "-")) if g("yr2") else 0)
        return _rng(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")
    if kind == "year":
        y = int(g("y6"))
        return _rng(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")
    if kind == "ago":
        vague = re.sub(r"\s+", " ", (g("n1") or "").lower())
        if g("u1b") or vague in ("a few", "few", "several", "many", "some"):
            # "several years ago", "years ago": in the past, how far is not said
            unit = (g("u1b") or g("u1")).lower().rstrip("s")
            return _rng(None, P, "year" if unit in ("year", "decade") else "month" if unit == "month" else "week", reason=PAST_REF)
        n = _count(vague.replace("a couple of", "couple of"))
        unit = g("u1").lower().rstrip("s")
        if unit == "year" and n == 1:
            return _year_earlier(P, sentence, discourse)
        days = v["units"][unit] * n
        d = P - D(days=days)
        if unit == "day":
            return _rng(d, d, "day")
        if unit == "week":
            return _rng(d - D(days=3), d + D(days=3), "week")
        if unit == "month":  # calendar months back: "five months ago" in late March is October
            mm = P.year * 12 + P.month - 1 - n
            return _rng(dt.date(mm // 12, mm % 12 + 1, 1), _month_end(mm // 12, mm % 12 + 1), "month")
        return _rng(d.replace(month=1, day=1), d.replace(month=12, day=31), "year")
    if kind in ("past", "activity"):
        n = _count(g("n2") if kind == "past" else g("n3"))
        unit = (g("u2") or g("u3")).lower().rstrip("s")
        vague = (g("n2") if kind == "past" else g("n3")) or ""
        if kind == "past" and vague.lower() in ("few", "several", "couple of"):
            # "over the past few days": recent, but how far back is not said
            return _rng(None, P, "month" if unit in ("month", "year") else "week", reason=PAST_REF)
        if unit == "hour":
            start = P - D(days=max(1, (n + 23) // 24))
            return _rng(start, P, "day", "duration" if kind == "activity" else "date")
        days = v["units"][unit] * n
        start = P - D(days=max(days - 1, 0)) if unit == "day" else P - D(days=days)
        precision = "day" if unit == "day" else unit if unit in ("week", "month", "year") else "week"
        return _rng(start, P, precision, "duration" if kind == "activity" else "date")
    if kind == "set":
        return _rng(None, None, "day", "set", reason="recurring")
    if kind == "current_unit":
        unit = (g("cu") or g("cu2") or g("cu3")).lower()
        if unit == "quarter":
            q = (P.month - 1) // 3
            return _rng(dt.date(P.year, 3 * q + 1, 1), _month_end(P.year, 3 * q + 3), "month")
        return _rel_unit("this", unit, P)
    if kind == "the_year":
        return _rng(dt.date(P.year, 1, 1), dt.date(P.year, 12, 31), "year")
    if kind == "earlier":
        unit = (g("u4") or g("u4b") or g("u4c") or "day").lower()
        text = m.group(kind).lower()
        if unit == "day":
            return _rng(P, P, "day")
        if "last" in text:
            return _rel_unit("last", unit, P)
        if unit == "week":
            return _rng(P - D(days=P.weekday()), P, "week")
        if unit == "month":
            return _rng(P.replace(day=1), P, "month")
        return _rng(P.replace(month=1, day=1), P, "year")
    if kind == "rel_unit":
        if g("which").lower() == "last" and g("u5").lower() == "year" and QUARTER_CTX.search(sentence):
            return _year_earlier(P, sentence)  # "third-quarter net rose from last year"
        return _rel_unit(g("which").lower(), g("u5").lower(), P)
    if kind == "end_last_year":
        return _rng(dt.date(P.year - 1, 12, 1), dt.date(P.year - 1, 12, 31), "month")
    if kind == "weekday":
        mod = (g("wmod") or "").lower()
        mode = "last" if mod == "last" else "future" if mod in ("next", "coming") or (future and mod != "this") else "recent"
        d = _weekday(g("wd"), P, mode)
        return _rng(d, d, "day")
    if kind == "night":
        return _rng(P - D(days=1), P, "day")
    if kind == "today":
        return _rng(P, P, "day")
    if kind == "end_of_unit":
        unit = (g("eou") or "year").lower()
        part = (g("eop") or "end").lower()
        if unit == "month":
            last = _month_end(P.year, P.month)
            a, b = {"end": (21, last.day), "beginning": (1, 10), "start": (1, 10), "middle": (11, 20)}[part]
            return _rng(P.replace(day=a), P.replace(day=b), "month")
        a, b = {"end": ((12, 1), (12, 31)), "beginning": ((1, 1), (3, 31)), "start": ((1, 1), (3, 31)),
                "middle": ((5, 1), (8, 31))}[part]
        return _rng(dt.date(P.year, *a), dt.date(P.year, *b), "year")
    if kind == "year_end":
        d = dt.date(P.year, 12, 31)
        if m.group("since") or past:
            d = dt.date(P.year - 1, 12, 31)
        return _rng(d, d, "day")
    if kind == "decade_ago":
        y = P.year - 10
        return _rng(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")
    if kind == "year_earlier":
        qn = g("yeq") or g("yeq2")
        if qn or (g("yeu") or g("yeu2") or g("yeu3") or g("yeu4") or "").lower() == "quarter":
            n, year = _quarter_before(P, ORDINAL_Q[qn.lower()] if qn else _context_quarter(sentence, discourse)[1])
            return _rng(dt.date(year, 3 * n - 2, 1), _month_end(year, 3 * n), "month")
        return _year_earlier(P, sentence, discourse)
    if kind == "season":
        first = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}[g("sname").lower()]
        which = (g("swhich") or "").lower()
        if g("sy") or g("syw"):
            year = int(g("sy")) if g("sy") else _year_in_words(g("syw"))
        else:
            year = P.year if dt.date(P.year, first, 1) <= P else P.year - 1
            if which == "this":  # "this summer": the one of this year, past or coming
                year = P.year if first != 12 or P.month == 12 else P.year - 1
            elif which in ("last", "past"):
                year -= 1 if dt.date(year, first, 1) + D(days=92) > P else 0
            elif which == "next" or (future and which != "last"):
                year = P.year if dt.date(P.year, first, 1) > P else P.year + 1
        start = dt.date(year, first, 1)
        end_month = first + 2
        end = _month_end(year + (end_month - 1) // 12, (end_month - 1) % 12 + 1)
        return _rng(start, end, "month")
    if kind == "last_quarter":
        q = (P.month - 1) // 3  # quarters completed this year
        year = P.year if q else P.year - 1
        n = q or 4
        if g("lqp"):  # "the latest period": the quarter being reported, when the report is quarterly
            quarterly, qn = _context_quarter(sentence, discourse)
            if not quarterly:
                return None
            if qn is not None:
                n, year = qn, P.year if _month_end(P.year, 3 * qn) < P else P.year - 1
        return _rng(dt.date(year, 3 * n - 2, 1), _month_end(year, 3 * n), "month")
    if kind == "tomorrow":
        return _rng(P + D(days=1), P + D(days=1), "day")
    if kind == "weekend":
        sat = P - D(days=(P.weekday() - 5) % 7)
        if sat + D(days=1) > P and sat == P - D(days=0) and P.weekday() == 5:
            pass  # a Saturday report: this weekend is the one under way
        return _rng(sat, min(sat + D(days=1), max(P, sat)), "day" if sat == P else "week")
    if kind == "quarter":
        n = ORDINAL_Q[g("qn").lower()]
        year = int(g("qy") or g("qy0") or 0) or (P.year if dt.date(P.year, 3 * n - 2, 1) <= P else P.year - 1)
        if g("qrel"):  # "next year's first quarter"
            year = P.year + {"next": 1, "last": -1, "this": 0}[g("qrel").lower()]
        return _rng(dt.date(year, 3 * n - 2, 1), _month_end(year, 3 * n), "month")
    if kind == "year_period":
        year = int(g("py"))
        quarterly, n = _context_quarter(sentence, discourse)
        if g("pu").lower() == "quarter" or quarterly:
            if n is None:  # the quarter being reported: the last one completed before publication
                n = (P.month - 1) // 3 or 4
            return _rng(dt.date(year, 3 * n - 2, 1), _month_end(year, 3 * n), "month")
        return _rng(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
        return _rng(dt.date(year, 3 * n - 2, 1), _month_end(year, 3 * n), "month")
    if kind == "past_then":  # "the then-current price": present then, past now
        return _rng(None, P, "day", reason=PAST_REF)
    if kind == "present":
        return _rng(P, P, "day", reason=PRESENT_REF)
    if kind == "past_ref":
        # "in recent days/weeks", "recently": the last weeks; "in recent months/years": longer
        text = m.group(kind).lower()
        precision = "year" if "year" in text or text in ("previously", "in the past", "the past") else \
            "month" if "month" in text or "quarter" in text else "week"
        return _rng(None, P, precision, reason=PAST_REF)
    if kind == "future_ref":
        return _rng(P, None, "year", reason=FUTURE_REF)
    if kind == "yesterday":
        return _rng(P - D(days=1), P - D(days=1), "day")
    if kind == "duration":
        unit = (g("u6") or g("u7") or g("u8") or g("u9") or "day").lower().rstrip("s")
        if g("n6") and future and unit in ("day", "week", "month", "year") and re.search(r"\bin\s+$", before) \
                and not re.match(r"for\b", m.group(kind), re.I):
            # "will be redeemed in five years": that long after publication
            n = _count(g("n6"))
            if unit == "day":
                d = P + D(days=n)
                return _rng(d, d, "day")
            if unit == "week":
                d = P + D(days=7 * n)
                return _rng(d - D(days=d.weekday()), d + D(days=6 - d.weekday()), "week")
            if unit == "month":
                mm = P.year * 12 + P.month - 1 + n
                return _rng(dt.date(mm // 12, mm % 12 + 1, 1), _month_end(mm // 12, mm % 12 + 1), "month")
            return _rng(dt.date(P.year + n, 1, 1), dt.date(P.year + n, 12, 31), "year")
        precision = unit if unit in ("day", "week", "month", "year") else "year" if unit == "decade" else "day"
        return _rng(None, None, precision, "duration", reason="duration, not anchored to a date")
    return None


def _rel_unit(which: str, unit: str, P: dt.date) -> DateRange:
    if unit == "weekend":
        sat = P - D(days=(P.weekday() - 5) % 7)
        return _rng(sat, sat + D(days=1), "day")
    if unit == "week":
        monday = P - D(days=P.weekday())
        if which == "last":
            return _rng(monday - D(days=7), monday - D(days=1), "week")
        if which == "next":
            return _rng(monday + D(days=7), monday + D(days=13), "week")
        if which == "past":
            return _rng(P - D(days=7), P, "week")
        return _rng(monday, P, "week")
    if unit == "month":
        if which in ("last",):
            last_end = P.replace(day=1) - D(days=1)
            return _rng(last_end.replace(day=1), last_end, "month")
        if which == "past":
            return _rng(P - D(days=30), P, "month")
        if which == "next":
            nm = _month_end(P.year, P.month) + D(days=1)
            return _rng(nm, _month_end(nm.year, nm.month), "month")
        return _rng(P.replace(day=1), P, "month")
    if which == "last":
        return _rng(dt.date(P.year - 1, 1, 1), dt.date(P.year - 1, 12, 31), "year")
    if which == "past":
        return _rng(P - D(days=365), P, "year")
    if which == "next":
        return _rng(dt.date(P.year + 1, 1, 1), dt.date(P.year + 1, 12, 31), "year")
    return _rng(dt.date(P.year, 1, 1), P, "year")


MODAL_MAY = re.compile(r"^May\s+(?:be|have|not|also|still|well|never|soon|even|only|yet|face|cause|take|need|want|help|lead|become|seem|prove)\b")


def _title_case(text: str, at: int) -> bool:
    """Is the word at `at` in a run of Capitalised Words (a headline: "Protesters March On")?"""
    words = re.findall(r"[A-Za-z]+", text[max(0, at - 30):at + 30])
    caps = sum(1 for w in words if w[0].isupper())
    return len(words) >= 4 and caps >= 0.7 * len(words)


def _season_in_name(text: str, start: int, end: int) -> bool:
    """Is a capitalised season word part of a name ("Sinking Spring", "Spring Valley", "Fall
    River", "Arab Spring", "Winter Haven")? It is when a capitalised word stands right beside it
    outside a Title-Case headline; "in Spring" or "Spring 2016" stay dates."""
    if not text[start].isupper():
        return False
    prev = re.search(r"([A-Za-z][\w'-]*)[ \t]+$", text[max(0, start - 30):start])
    nxt = re.match(r"[ \t]+([A-Za-z][\w'-]*)", text[end:end + 30])
    beside = [w.group(1) for w in (prev, nxt) if w]
    if not any(w[0].isupper() for w in beside):
        return False
    return not _title_case(text, start)


SENT_STOP = re.compile(r"[.!?]['\"\u201d\u2019)]*\s|\n")


def _stop(text: str, k: int) -> bool:
    """Is the stop at k the end of a sentence (not "Mr. ", "Corp. ", "Dec. 16", an initial "P. ")?"""
    if text[k] in "\n!?":
        return True
    word = re.search(r"([A-Za-z]+)\.$", text[max(0, k - 12):k + 1])
    if word is None:
        return True
    w = word.group(1)
    return not ((len(w) == 1 and w.isupper()) or w.lower() in _vocab()["abbreviations"])


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end]: from the last stop before it to the next one after."""
    lo = max(0, start - 600)
    a = next((m.start() for m in reversed(list(SENT_STOP.finditer(text, lo, start))) if _stop(text, m.start())), 0)
    b = next((m.start() for m in SENT_STOP.finditer(text, end, min(len(text), end + 600))
              if _stop(text, m.start())), len(text))
    return a, b


def _future_tense(before: str) -> bool:
    """Does the clause before an expression put it in the future? The last future cue counts unless
    a past-tense verb comes after it ("they said they would appeal the decision, announced
    Wednesday", "Cuba must leave, the court ruled Wednesday")."""
    v = _vocab()
    last = None
    for last in v["future_re"].finditer(v["not_future_re"].sub(" ", before)):
        pass
    if last is None:
        return False
    rest = v["not_future_re"].sub(" ", before)[last.end():]
    # a participle after an auxiliary is no past tense ("would be paid in January", "will be held")
    return not any(not re.search(r"\b(?:be|been|being|is|are|get|gets|have|has)\s+$", rest[:p.start()], re.I)
                   for p in v["past_re"].finditer(rest))


AUXILIARY = frozenset(("be", "been", "being", "is", "are", "get", "gets", "have", "has"))


def _past_cue(before: str) -> bool:
    """Is there a past-tense verb of the vocabulary among the last words ("had purchased shares through")?"""
    words = re.findall(r"[A-Za-z']+", before)[-8:]
    return any(_vocab()["past_re"].fullmatch(w) and not (i and words[i - 1].lower() in AUXILIARY)
               for i, w in enumerate(words))


def _past_tense(before: str) -> bool:
    """Do the last words before an expression tell of the past ("took the town in", "last")? A
    participle after an auxiliary does not ("is to be repaid by", "will be held in")."""
    words = re.findall(r"[A-Za-z']+", before)[-8:]
    if words and words[-1].lower() == "last":
        return True
    past = _vocab()["past_re"]
    return any((past.fullmatch(w) or (len(w) > 4 and w.endswith("ed") and w.islower()))
               and not (i and words[i - 1].lower() in AUXILIARY) for i, w in enumerate(words))


def _scan(text: str, P: dt.date) -> list[DateRange]:
    return [r for r, _ in _scan_bounds(text, P)]


WORD_START = re.compile(r"(?<!\w)\w")


def _next_match(rx, text: str, pos: int):
    """The first match of `rx` at or after `pos`, tried only where a word starts: every date
    expression opens a word, and trying the big alternation there and nowhere else is three
    times faster than `rx.search` trying it at every character."""
    for w in WORD_START.finditer(text, pos):
        m = rx.match(text, w.start())
        if m:
            return m
    return None


def _scan_bounds(text: str, P: dt.date) -> list[tuple[DateRange, DateRange]]:
    """Each expression found, with what it names before "since" opens it ("since [early December]")."""
    rx, names = _master()
    v = _vocab()
    out: list[tuple[DateRange, DateRange]] = []
    ref = None  # the last date told (for "that year", "the following month")
    # matching is case-insensitive; month and weekday names are then required to be capitalised
    crx = rx
    pos = 0
    while True:
        m = _next_match(crx, text, pos)
        if not m:
            break
        kind = next(n for n in names if m.group(n))
        start, end = m.span()
        core = m.group(kind)
        pos = end
        # month and weekday names must be capitalised (lowercase "march", "may" are words)
        if kind in ("month", "month_year", "month_rel", "month_day", "day_month", "part_month", "weekday",
                    "weekday_date", "holiday"):
            name = m.group("m6") or m.group("m5") or m.group("m4") or m.group("m2") or m.group("m1") or m.group("m3") \
                or m.group("wd") or m.group("wdm") or m.group("wdm2") or m.group("hol")
            if name and not name[0].isupper():
                pos = m.start(kind) + 1
                continue
            if kind == "month" and name.rstrip(".").lower() in ("may", "march", "mar", "jan", "jun", "sep", "oct", "dec", "aug", "nov", "feb", "apr", "jul"):
                before = text[max(0, m.start() - 20):m.start()].split()
                prev = before[-1].lower() if before else ""
                # capitalised "March"/"May" inside a sentence is the month; at its start (or in a
                # Title-Case headline) only after a preposition of time
                initial = not before or before[-1][-1:] in '.!?:"\u201c\u201d' or text[max(0, m.start() - 2):m.start()].count("\n")
                if name.rstrip(".").lower() in ("may", "march") and (
                        (initial or prev not in v["month_preps"] and _title_case(text, m.start(kind)))
                        or MODAL_MAY.match(text[m.start(kind):])):
                    if not m.group("since"):
                        pos = m.start(kind) + 1
                        continue
                if len(name.rstrip(".")) == 3 and name.rstrip(".").lower() != "may" and prev not in v["month_preps"]:
                    pos = m.start(kind) + 1
                    continue
        if kind == "year":
            # a bare year is a date unless it counts something ("2000 soldiers") or is money
            after = text[m.end():m.end() + 25]
            before = text[max(0, m.start() - 12):m.start()].lower()
            if re.match(r"\s+(?:[a-z]+s|people|police|personnel|more|of|to|and\s+\d)\b", after) or re.search(r"(?:[$£€]|about|some|nearly|over|than|least|the)\s*$", before):
                continue
        if kind == "present" and re.match(r"\s+(?:aged\s+)?\d", text[m.end():m.end() + 8]):
            continue  # "Chisler, now 21,": an age, not a time
        if kind == "season" and not m.group("swhich") and not (m.group("sy") or m.group("syw")) \
                and _season_in_name(text, m.start("sname"), m.end("sname")):
            continue
        if kind == "duration" and re.match(r"\d", core) and re.search(r"-year-old|years?\s+old", text[m.start(kind):m.end(kind) + 5]):
            continue
        sent_start, sent_end = _sentence(text, start, end)
        future = _future_tense(text[sent_start:start]) or (
            kind in ("month", "month_day", "day_month") and bool(IMMEDIATE_FUTURE.search(text[max(0, start - 16):start]))
            and not _past_cue(text[sent_start:start])) or (
            kind == "weekday" and bool(STARTING.search(text[max(0, start - 16):start])))
        try:
            r = _norm(kind, m, P, future, text[sent_start:sent_end], text[max(0, sent_start - DISCOURSE):sent_start], ref,
                      _past_tense(text[sent_start:start]), text[sent_start:start])
        except (ValueError, KeyError):
            r = None
        if r is None:
            continue
        if r.start is not None and r.end is not None and r.reason is None and r.type == "date":
            ref = r
        bound = r
        if m.group("since") and r.start is not None:
            r = DateRange(r.start, P, r.precision, "date", None, True, None)
            if kind in ("weekday", "month", "part_month", "day_month", "month_day"):
                r.precision = "day" if kind in ("weekday", "day_month", "month_day") else r.precision
        on = re.match(r"on\s+", text[start:start + 8], re.IGNORECASE) or (
            kind == "past_ref" and re.match(r"at\s+(?=the\s+time)", text[start:start + 16], re.IGNORECASE))
        if on:  # "on Monday", "at the time": the preposition is not the date
            start += on.end()
        r.span = Span(start, end, text[start:end])
        out.append((r, bound))
    return out


def normalise(expr: str, published: dt.date, context: str = "", after: str = "") -> DateRange | None:
    """Normalise one expression (the longest match in it) against the publication date.
    `context` is the text before it in its sentence (tense cues), `after` the text after it."""
    offset = len(context) + 1 if context else 0
    text = f"{context} {expr}" if context else expr
    limit = len(text)
    if after:
        text = f"{text} {after}"
    pairs = _scan_bounds(text, published)
    scanned = [r for r, _ in pairs]
    found = [r for r in scanned if r.span.start >= offset and r.span.end <= limit]
    if not found:
        # the expression is part of a longer one ("[April] next year", "the [year-ago] quarter"):
        # the longer one says what it is
        cover = [(r, b) for r, b in pairs if r.span.start <= offset and r.span.end >= len(f"{context} {expr}" if context else expr)]
        if cover:
            r, bound = max(cover, key=lambda rb: rb[0].span.end - rb[0].span.start)
            if r.open_start:  # "since [Monday]": the expression is the day (month, year) itself
                r = bound
            r.span = Span(0, len(expr), expr)
            return r
    if not found and context:  # the context swallowed the expression ("earlier" + "this month")
        offset, found = 0, _scan(expr, published)
    if not found:  # a bare month name needs a preposition of time to be read as one
        lead = f"{context} in " if context else "in "  # the context still tells the tense
        offset = len(lead)
        found = [r for r in _scan(f"{lead}{expr}", published) if r.span.start >= offset]
    if not found:
        return None
    best = max(found, key=lambda r: r.span.end - r.span.start)
    best.span = Span(best.span.start - offset, best.span.end - offset, best.span.text)
    return best


def extract(doc, ann: Annotations, res=None) -> list[DateRange]:
    """Time expressions in the article, in text order, non-overlapping, with exact spans."""
    return _scan(ann.article.text, ann.article.published)
