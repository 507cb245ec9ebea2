"""Date expressions, shared by the text and mentions stages (a lexicon, not a stage).

Plain regular expressions: fast to import (dateparser takes ~0.5 s) and exact about
offsets.  A found date keeps the precision the text gives; completing a partial date
from context is the caller's business.  :func:`years_in_force` (the year each sentence
tells of) serves the resolve and acts stages alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kg.records import Analysis, PartialDate, Sentence

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_M = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MU = _M + "|" + _M.upper()[3:-1]  # also all capitals, as in headings
MONTH = rf"(?P<month>{_M[3:-1]}|{_M.upper()[3:-1]})"
# abbreviated month names, as in news datelines ("Nov. 20, 1977"); only before a day and year
_ABBR = r"(?P<month>Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\."
ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[789]\d\d|20\d\d)"

_FULL_MDY = rf"\b{MONTH}\.?\s+(?P<day>[0-3]?\d){_ORD},?\s+{_YEAR}\b"
_FULL_ABBR = rf"\b{_ABBR}\s*(?P<day>[0-3]?\d){_ORD},?\s+{_YEAR}\b"
_FULL_DMY = rf"\b(?P<day>[0-3]?\d){_ORD}\s+(?:of\s+)?{MONTH},?\s+{_YEAR}\b"
# "Tue 9 Aug 2016 18.42 BST": a web page's day before an abbreviated month
_FULL_DMY_ABBR = (
    rf"\b(?P<day>[0-3]?\d)\s+(?P<month>Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?,?\s+{_YEAR}\b"
)
_MONTH_YEAR = rf"\b{MONTH},?\s+(?:of\s+)?{_YEAR}\b"
_NOYEAR = r"(?!,?\s+(?:of\s+)?(?:1[789]|20)\d\d)"
_MD = rf"\b{MONTH}\s+(?P<day>[0-3]?\d){_ORD}\b(?!\d){_NOYEAR}"
_DM = rf"\b(?P<day>[0-3]?\d){_ORD}\s+{MONTH}\b{_NOYEAR}"
# "MOSCOW, Feb. 12 --": a dateline's abbreviated month and day
_MD_ABBR = rf"\b{_ABBR}\s*(?P<day>[0-3]?\d){_ORD}\b(?!\d){_NOYEAR}"
_MONTH_REL = (
    rf"\b{MONTH}\s+of\s+(?P<rel>(?:that|this|the\s+same|that\s+same|last|the\s+previous|"
    rf"the\s+following|the\s+next)\s+year)\b"
)
# "in March", "early May", "mid-April", "last February", "that May" (of the year in force);
# bare "May" is too often a verb.
_MONTH_ONLY = (
    rf"\b(?P<prep>(?i:in|early|late|mid-?|since|until|by|during|of|last|this|next|following|"
    rf"from|before|after|that))"
    rf"\s+(?:early\s+|late\s+|mid-?)?{MONTH}\b(?!\s*,?\s*\d)"
)
_YEAR_ONLY = r"(?<![\d$£€.,/-])(?P<year>1[89]\d\d|20\d\d)(?![\d%]|s\b|-\d|\.\d)"
_REL_YEAR = (  # also at the start of a sentence: "The next year ..."
    r"\b(?P<rel>(?:[Tt]hat|[Tt]he)\s+same\s+year|(?:of\s+)?[Tt]hat\s+year|[Tt]his\s+year|"
    r"[Ll]ast\s+year|[Tt]he\s+following\s+year|[Tt]he\s+next\s+year|[Tt]he\s+previous\s+year|"
    r"[Tt]he\s+(?:following|next)\s+month)\b"
)

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(p))
    for name, p in (
        ("full", _FULL_MDY),
        ("full", _FULL_DMY),
        ("full", _FULL_ABBR),
        ("full", _FULL_DMY_ABBR),
        ("month-year", _MONTH_YEAR),
        ("month-day", _MD),
        ("month-day", _DM),
        ("month-day", _MD_ABBR),
        ("month-relative", _MONTH_REL),
        ("month", _MONTH_ONLY),
        ("relative-year", _REL_YEAR),
        ("year", _YEAR_ONLY),
    )
)


@dataclass(frozen=True)
class RawDate:
    """A date expression as written: what parts it gives and what it needs from context."""

    start: int
    end: int
    form: str  # full | month-year | month-day | month | relative-year | year
    year: int | None = None
    month: int | None = None
    day: int | None = None
    relation: str | None = None  # for "last February", "that same year", ...


def _month(name: str) -> int:
    key = name.lower()
    return MONTHS[key] if key in MONTHS else ABBREVIATIONS[key]


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[RawDate]:
    """Every date expression in ``text[start:end]``, longest first where they overlap."""
    end = len(text) if end is None else end
    found: list[RawDate] = []
    taken: list[tuple[int, int]] = []
    for form, pattern in _PATTERNS:
        for m in pattern.finditer(text, start, end):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            gd = m.groupdict()
            month = _month(gd["month"]) if gd.get("month") else None
            day = int(gd["day"]) if gd.get("day") else None
            if day is not None and not 1 <= day <= 31:
                continue
            year = int(gd["year"]) if gd.get("year") else None
            relation = None
            if form == "month":
                prep = gd["prep"].lower()
                if prep == "following" and not re.search(r"\bthe\s+$", text[max(0, s - 6):s], re.I):
                    continue  # "following May's talks": a preposition, not "the following May"
                relation = prep if prep in ("last", "this", "next", "following") else None
                # keep the month word only, not the preposition
                s = m.start("month") if relation is None else s
            elif form == "month-relative":
                relation = re.sub(r"\s+", " ", gd["rel"].lower())
            elif form == "relative-year":
                relation = re.sub(r"\s+", " ", gd["rel"].lower()).removeprefix("of ")
            found.append(RawDate(s, e, form, year, month, day, relation))
            taken.append((s, e))
    found.sort(key=lambda d: d.start)
    return found


def parse_date_line(line: str) -> PartialDate | None:
    """The date a line consists of ("July 15, 1953", "15 July 1953", "May 1948"), or None."""
    stripped = line.strip().strip("*_ ").rstrip(".")
    if not stripped:
        return None
    dates = find_dates(stripped)
    if len(dates) != 1 or dates[0].start != 0 or dates[0].end != len(stripped):
        return None
    d = dates[0]
    if d.year is None:
        return None
    return PartialDate(d.year, d.month, d.day if d.month else None)


def years_in_force(
    a: Analysis, sentences: Sequence[Sentence], *, explicit_only: bool
) -> list[int | None]:
    """The year in force at each sentence: the year of its own first date, else that of the
    last date of its document so far, else the document's (or the text's) date.
    ``explicit_only`` leaves out dates completed from context ("in June")."""
    dates = sorted(
        (m for m in a.mentions
         if m.kind == "Date" and m.date and (m.explicit or not explicit_only)),
        key=lambda m: m.span.start,
    )
    docs = {d.n: d for d in a.documents}
    last: dict[int, int | None] = {}
    out: list[int | None] = []
    i = 0
    for sent in sentences:
        doc = docs.get(sent.doc, a.documents[0] if a.documents else None)
        ref = (doc.date if doc else None) or a.date
        last.setdefault(sent.doc, ref.year if ref else None)
        own = None
        while i < len(dates) and dates[i].span.start < sent.span.end:
            if dates[i].span.start >= sent.span.start and own is None:
                own = dates[i].date.year
            i += 1
        if own is not None:
            last[sent.doc] = own
        out.append(own if own is not None else last[sent.doc])
    return out
