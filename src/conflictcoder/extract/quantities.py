"""quantities: numbers in digits or words, ranges, hedges and vague amounts.

"at least nine" -> value 9, low 9, high None, qualifier at_least; "over 1,300"; "some three
million" -> about 3,000,000; "tens of thousands" -> conventional value with low/high from
`lang/en/quantities.yaml` (the table is documented in README.md); "between 10 and 15" -> low 10,
high 15; "10 or more".

What it does not do: decide what is counted (people killed, towns seized) or whose figure it
is; that is `events/counts`. Numbers inside date expressions, ages, percentages, money and
times of day are left out.
"""

from __future__ import annotations

import re

from .. import lang
from ..lexicon import load_yaml, number_words
from ..model import Annotations, Quantity, Span


@lang.per_language
def _vocab():
    q = load_yaml("quantities.yaml")
    nw = number_words()
    units = [w for w in nw["units"] if w not in ("a", "an", "couple", "dozen")]
    unit = "(?:" + "|".join(sorted(units, key=len, reverse=True)) + ")"
    scales = "(?:" + "|".join(nw["scales"]) + ")"
    word_num = (
        rf"(?:{unit}(?:-{unit})?|an?)(?:\s+{scales}(?:\s+(?:and\s+)?{unit}(?:-{unit})?)?)*"
    )
    digits = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    fraction = r"(?:a\s+)?(?:quarter|half|third)\s+(?:of\s+)?an?\s+(?:million|billion)"  # "a quarter of a million"
    number = rf"(?:{fraction}|(?:{digits})(?:\s*{scales})?|{word_num})"
    hedge = "(?:" + "|".join(sorted(map(re.escape, q["hedges"]), key=len, reverse=True)) + ")"
    vague = "(?:" + "|".join(sorted(map(re.escape, q["vague"]), key=len, reverse=True)) + ")"
    suffix = "(?:" + "|".join(sorted(map(re.escape, q["suffix_hedges"]), key=len, reverse=True)) + ")"
    pattern = re.compile(
        rf"(?<![\w$£€.,/:-])(?:(?P<hedge>{hedge})\s+)?"
        rf"(?:between\s+(?P<lo>{number})\s+and\s+(?P<hi>{number})"
        rf"|(?P<vague>{vague})(?=\s+of\b|\s+\w|[\s.,;])"
        rf"|(?P<a>{number})(?:\s*(?:-|to|or)\s*(?P<b>{number}))?(?:(?:\s+|-)(?P<suffix>{suffix})\b)?)"
        rf"(?![\w%/]|:\d)",  # not part of "01/25/16", "24/7", "5:17"
        re.IGNORECASE,
    )
    return q, pattern


def parse_number(text: str) -> float | None:
    """'1,300' -> 1300, '3.6 million' -> 3600000, 'twenty-one' -> 21, 'a million' -> 1e6."""
    nw = number_words()
    t = text.lower().replace(",", "").strip()
    frac = re.fullmatch(r"(?:a\s+)?(quarter|half|third)\s+(?:of\s+)?an?\s+(million|billion)", t)
    if frac:
        part = {"quarter": 0.25, "half": 0.5, "third": 1 / 3}[frac.group(1)]
        return round(part * (1e6 if frac.group(2) == "million" else 1e9))
    total, current = 0.0, 0.0
    seen = False
    for tok in re.split(r"[\s-]+", t):
        if not tok or tok == "and":
            continue
        if re.fullmatch(r"\d+(?:\.\d+)?", tok):
            current += float(tok)
            seen = True
        elif tok in ("a", "an"):
            current += 1
            seen = True
        elif tok in nw["units"]:
            current += nw["units"][tok]
            seen = True
        elif tok in nw["scales"]:
            scale = nw["scales"][tok]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


SKIP_AFTER = re.compile(
    r"^(?:\s*(?:%|per\s*cent|percent)|-?\s*(?:years?|months?|weeks?|days?)[-\s]old|-(?:year|month|week|day)-old|\s*(?:am|pm|a\.m\.|p\.m\.|GMT|km|kilomet|mile|metre|meter|kg|tonnes?|dollars?|euros?|hours?\b))",
    re.IGNORECASE,
)
SKIP_BEFORE = re.compile(r"(?:[$£€]|\bUSD|\bNo\.|\bnumber|\bpage|\bat)\s*$", re.IGNORECASE)
# a number in a name ("the Group of 20", "Group of Seven"): capitalised "Group of" before it
NAME_BEFORE = re.compile(r"\bGroup\s+of\s*$")
# an emergency number dialled ("called 911", "a 911 call", "dialed 999"), not a figure
EMERGENCY_NUMBER = re.compile(r"^(?:911|999|112)$")
EMERGENCY_CONTEXT = re.compile(r"(?:\b(?:call(?:ed|ing|s)?|dial(?:l?ed|l?ing|s)?|to|a)\s*$)|"
                               r"(?:^\s*(?:call|dispatch|operator|center|centre|emergency|line|system|tape|recording))",
                               re.IGNORECASE)
TOLL_AT = re.compile(r"\b(?:toll|figure|tally|number|count|total)\s+(?:[\w'\u2019]+\s+){0,4}at\s*$", re.IGNORECASE)  # "put the toll at 12"
# a day glued to its year after a month ("Jun 182016", "Aug 012016"): a date whose spaces were
# lost in scraping, never a figure
MONTH_BEFORE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$", re.IGNORECASE)
GLUED_DAY_YEAR = re.compile(r"(?:0?[1-9]|[12]\d|3[01])(?:19|20)\d\d")
PRONOUN_ONE = re.compile(r"^\s+(?:another|who|that|which|day|side)\b", re.IGNORECASE)


def _bounds(value, hedge_cfg):
    bound = (hedge_cfg or {}).get("bound", "exact")
    if bound == "low":
        return value, None
    if bound == "high":
        return None, value
    if bound == "approx":
        return round(value * 0.9), round(value * 1.1)
    return value, value


def extract(doc, ann: Annotations, res=None) -> list[Quantity]:
    """All quantities in the article text, in order, outside date expressions."""
    q, pattern = _vocab()
    text = ann.article.text
    date_spans = [(d.span.start, d.span.end) for d in ann.dates if d.span]
    out: list[Quantity] = []
    for m in pattern.finditer(text):
        start, end = m.span()
        core_start = m.start("hedge") if m.group("hedge") else start
        if any(s < end and start < e for s, e in date_spans):
            # a hedge may precede a date ("over the past four days"): only the number matters
            core = (m.start("a"), m.end("a")) if m.group("a") else (start, end)
            if any(s < core[1] and core[0] < e for s, e in date_spans):
                continue
        if SKIP_AFTER.match(text[end:end + 12]) or SKIP_BEFORE.search(text[max(0, core_start - 8):core_start]) and \
                not TOLL_AT.search(text[max(0, core_start - 30):core_start]):
            continue
        hedge = (m.group("hedge") or "").lower() or None
        hcfg = q["hedges"].get(hedge) if hedge else None
        if m.group("vague"):
            v = q["vague"][m.group("vague").lower()]
            low, high = v["low"], v["high"]
            if hcfg and hcfg["bound"] == "low":
                high = None
            quantity = Quantity(v["value"], low, high, f"{hcfg['qualifier']}_vague" if hcfg else "vague")
        elif m.group("lo"):
            lo, hi = parse_number(m.group("lo")), parse_number(m.group("hi"))
            if lo is None or hi is None:
                continue
            quantity = Quantity(lo, lo, hi, "range")
        else:
            a_text = m.group("a")
            a = parse_number(a_text)
            if a is None:
                continue
            if a_text.lower() in ("a", "an"):
                continue  # a bare article is not a number
            if NAME_BEFORE.search(text[max(0, start - 12):start]):
                continue
            if EMERGENCY_NUMBER.match(a_text) and not hedge and (
                    EMERGENCY_CONTEXT.search(text[max(0, start - 10):start])
                    or EMERGENCY_CONTEXT.search(text[end:end + 12])):
                continue
            if a_text.lower() == "one" and PRONOUN_ONE.match(text[end:end + 10]):
                continue
            if GLUED_DAY_YEAR.fullmatch(a_text) and MONTH_BEFORE.search(text[max(0, start - 12):start]):
                continue  # "Last updated at Jun 182016 BEIRUT ..."
            if re.fullmatch(r"(1[89]|20)\d\d", a_text) and not hedge:
                continue  # a bare year outside a date expression
            if m.group("b"):
                b = parse_number(m.group("b"))
                if b is None or b <= a:
                    continue
                quantity = Quantity(a, a, b, "range")
            elif m.group("suffix"):
                scfg = q["suffix_hedges"][m.group("suffix").lower()]
                low, high = _bounds(a, scfg)
                quantity = Quantity(a, low, high, scfg["qualifier"])
            else:
                low, high = _bounds(a, hcfg)
                quantity = Quantity(a, low, high, hcfg["qualifier"] if hcfg else None)
        quantity.span = Span(start, end, text[start:end])
        out.append(quantity)
    return out
