"""Stage ``text``: find the content of a source text, its documents and its sentences.

The text is never rewritten: web boilerplate (site menus, "Download PDF", funders lists,
photo credits, publisher header lines) is left out of the *content spans*, and every
later stage works on offsets of the original string.  A transcribed collection of
documents is split into its inner documents from its table of contents.
"""

from __future__ import annotations

import re
from dataclasses import replace

from rapidfuzz import fuzz

from kg.records import Analysis, Document, PartialDate, Sentence, Span
from kg.stages import Stage
from kg.stages.dates import MONTHS, find_dates, parse_date_line

# -- boilerplate ------------------------------------------------------------------------

_MENU = re.compile(
    r"^(?:Menu\b.*\bSearch|Menu|Search|Skip to (?:main )?content|Advertisement)$"
    # a navigation bar: "Home | World | Middle East | Business | Video"
    r"|^(?:[A-Z][\w&'’-]*(?: [\w&'’-]+){0,4} ?[|•·] ?){2,}[A-Z][\w&'’-]*(?: [\w&'’-]+){0,4}$"
    # "World  UK  Politics  Business": items set apart by runs of spaces
    r"|^(?:[A-Z][\w&'’-]*(?: [\w&'’-]+)?\s{2,}){3,}[A-Z][\w&'’-]*(?: [\w&'’-]+)?$"
    # share buttons, comment counts, archive furniture
    r"|^(?:Share (?:on|via) \w+\s*)+$|^[\d,]+ comments?$|^Special to (?:the )?[A-Z].*$"
    r"|^See the article in its original context\b.*$"
    # "TimesMachine | Archive": two short items
    r"|^[A-Z][\w&'’-]*(?: [\w&'’-]+)? [|•·] [A-Z][\w&'’-]*(?: [\w&'’-]+)?$"
)
# a section label above a news headline: "DIPLOMACY", "WORLD NEWS"
_SECTION = re.compile(r"^(?:[A-Z&]{3,}(?: [A-Z&]{2,})?|[A-Z][a-z]+)$")
_DOWNLOAD = re.compile(r"^Download (?:PDF|the PDF|this)\b.*$", re.I)
# Lists that run to the end of a page: funders, related links, share widgets.
_TO_END = re.compile(
    r"^(?:Founding Funders|Our Funders|Related Articles|Read More|Share this)\b"
    r"|^(?:Related|See also|More on this story)(?: (?:stories|links|articles|coverage))?:"
)
_PHOTO = re.compile(
    r"^[\[(]?(?:photo|image|picture|credit|caption)s?\s*(?:credit)?\s*:|"
    r"^The (?:photo|picture|image)s? (?:above|below)\b",
    re.I,
)
_ORG = re.compile(
    r"\b(?:Institute|Center|Centre|Agency|Foundation|University|Press|Society|Council|"
    r"Library|Archive|Archives|Museum|Association)\b"
)
_CAPTION = re.compile(
    r"^The (?:photo|picture|image)s? (?:above|below) (?:shows?|depicts?)\s+(?=\S)", re.I
)
# a news dateline opening the first paragraph: "JERUSALEM, Nov. 20, 1977 (JTA) — "
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'’ -]{2,40}?(?:,\s*[A-Z][A-Za-z.'’ -]{1,30}?)?),\s*"
    # "MOSCOW, Feb. 12 --": the year may be left to the page's date
    r"(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{4})?)"
    r"\s*(?:\([A-Za-z][A-Za-z. ]{0,20}\))?\s*(?:—|–|--|-)\s*"
)
# -- the publication date of an online news report --------------------------------------
# A date line of a web page: "Published: 28 April 2005 | Updated: 29 April 2005 08:14",
# "Thursday, 28 April 2005, 14:32 GMT", "April 28, 2005 | 4:12 PM", "Updated 28.04.2005".
# Only a line that holds nothing but dates, times, weekdays, labels and a byline counts.
_MON = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_NEWS_DATES = (
    re.compile(rf"\b{_MON}\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I),
    re.compile(rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+{_MON},?\s+(?P<y>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T[\d:.]+Z?)?\b"),
    re.compile(r"\b(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)\d\d)\b"),
)
_NEWS_LABEL = re.compile(
    r"\b(?P<label>(?:First\s+|Originally\s+)?(?:Published|Posted|Printed|Filed|Issued|Created|"
    r"Dated?)|(?:Last\s+)?(?:Updated|Modified|Edited|Revised))\s*(?:on|at)?\s*:?",
    re.I,
)
_NEWS_NOISE = re.compile(
    r"\b(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\b\.?"
    r"|\b[0-2]?\d[:.][0-5]\d(?::[0-5]\d)?\s*(?:[AaPp]\.?\s?[Mm]\b\.?)?"
    r"|\b(?:GMT|UTC|BST|CET|CEST|EET|EEST|MSK|IDT|IST|EST|EDT|CST|CDT|PST|PDT|ET|PT|Z)\b"
    r"(?:\s*[+-]\s*\d{1,2}(?::?\d\d)?)?"
    r"|\b(?:Local\s+time|at|[0-9]+\s+(?:mins?|minutes?|hours?)\s+ago)\b",
    re.I,
)
# "By Staff Reporter, Jerusalem", "By Jane Doe and John Roe, Reuters": names, no sentence
_BYLINE = re.compile(
    # "By our diplomatic correspondent and agencies", "By Staff Reporter"
    r"^(?:[Bb]y|From)\s+(?:our|a|the)\s+(?:[a-z]+\s+){0,3}?(?:correspondents?|reporters?|staff|"
    r"editors?|writers?|desk|bureau)(?:\s+(?:and|&)\s+(?:agencies|wires|news\s+agencies))?"
    r"(?=\s*(?:[|•·]|\s[-–—]\s|$))|"
    r"^(?:(?:Written\s+|Reported\s+)?[Bb]y|From\s+(?:our|a)\s+[a-z]+)\s+"
    r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|de|van|von|al|el|bin|ibn))*"
    r"(?:,\s*[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|de|in))*){0,2}"
    r"(?=\s*(?:[|•·]|\s[-–—]\s|$))"
)
_NEWS_LEFT = re.compile(r"[\s|•·,;:()\[\]–—/-]*")


def _news_dates(line: str) -> list[tuple[int, int, PartialDate]]:
    """Full dates in a line, in the formats of news pages, with their spans."""
    found: list[tuple[int, int, PartialDate]] = []
    for pattern in _NEWS_DATES:
        for m in pattern.finditer(line):
            if any(m.start() < e and s < m.end() for s, e, _ in found):
                continue
            gd = m.groupdict()
            year = int(gd["y"])
            if gd.get("mon"):
                month = [k[:3] for k in MONTHS].index(gd["mon"].lower()[:3]) + 1
                day = int(gd["d"])
            elif gd.get("m"):
                month, day = int(gd["m"]), int(gd["d"])
            else:  # 28/04/2005 or 04/28/2005: only when the order is plain
                a, b = int(gd["a"]), int(gd["b"])
                if a > 12 >= b:
                    day, month = a, b
                elif b > 12 >= a:
                    day, month = b, a
                else:
                    continue
            if not (1 <= month <= 12 and 1 <= day <= 31):
                continue
            found.append((m.start(), m.end(), PartialDate(year, month, day)))
    return sorted(found, key=lambda x: x[0])


def news_date_line(line: str) -> PartialDate | None:
    """The publication date a web page's date line gives, or None for any other line.

    The published date wins over an update; a line with anything more than dates, times,
    weekdays, labels and a byline (a sentence that names a date) is no date line."""
    x = line.strip().strip("*_").strip()
    if not x or len(x) > 160:
        return None
    dates = _news_dates(x)
    if not dates:
        return None
    rest = x
    byline = _BYLINE.match(rest)
    if byline:
        rest = " " * byline.end() + rest[byline.end() :]
    for s, e, _ in dates:
        rest = rest[:s] + " " * (e - s) + rest[e:]
    labels = [(m.start(), m.group("label").lower()) for m in _NEWS_LABEL.finditer(rest)]
    rest = _NEWS_LABEL.sub(lambda m: " " * len(m.group(0)), rest)
    rest = _NEWS_NOISE.sub(lambda m: " " * len(m.group(0)), rest)
    if not _NEWS_LEFT.fullmatch(rest):
        return None

    def updated(start: int) -> bool:
        before = [lab for at, lab in labels if at < start]
        return bool(before) and re.search(r"updat|modif|edit|revis", before[-1]) is not None

    published = [d for s, _e, d in dates if not updated(s)]
    return (published or [d for _s, _e, d in dates])[0]


def _is_byline(line: str) -> bool:
    """"By Staff Reporter, Jerusalem": a byline alone on its line."""
    m = _BYLINE.match(line.strip())
    return m is not None and m.end() >= len(line.strip()) and len(line.split()) <= 10


_URL_LINE = re.compile(r"^[<(\[]?(?:https?://|www\.)\S+[>)\]]?$")
_TERMINAL = re.compile(r"[.!?…:\"”’)]$")

# -- collections ----------------------------------------------------------------------------

_TOC = re.compile(
    r"^\**(?:CONTENTS?|TABLE OF CONTENTS|LIST OF DOCUMENTS|DOCUMENTS)\**:?$", re.I
)
# "7.1. TITLE", "1. TITLE", "1) TITLE", "No. 1. TITLE", "Document 3: TITLE"
_NUMBER = (
    r"(?:(?i:No\.?|Nr\.|Document|Doc\.)\s*(?P<n1>\d+(?:\.\d+)*)[.:]?"
    r"|(?P<n2>\d+(?:\.\d+)+)\.?|(?P<n3>\d{1,3})[.)])"
)
_TOC_ENTRY = re.compile(rf"^{_NUMBER}\s+(?P<title>\S.*?)\s*$")
# a TOC line ending in dot leaders and a page number
_LEADERS = re.compile(r"\s*(?:\.\s?){3,}\s*\d{1,4}$|\s*…+\s*\d{1,4}$")
# words a heading may put before the kind: "PERSONAL MESSAGE", "CIPHER TELEGRAM"
_MOD = (
    # "EXCERPT FROM THE LETTER ...", "TEXT OF THE NOTE ..."
    r"(?:(?:EXCERPTS?|EXTRACTS?)\s+)?(?:(?:FROM|TEXT\s+OF)\s+(?:THE\s+|A\s+)?)?"
    r"(?:(?:TOP\s+SECRET|SECRET|CONFIDENTIAL|URGENT|PERSONAL|PRIVATE|OFFICIAL|OPEN|"
    r"CONGRATULATORY|CIPHER(?:ED)?|CODED|ENCRYPTED|ORAL|VERBAL|FINAL|TELEPHONE|RADIO)[,\s]+){0,3}"
)
# The kinds of documents a collection holds, as the ontology's document classes.  The
# longer names come first: "NOTE VERBALE" is a note, "NOTE OF A CONVERSATION" a record.
_RECORD = (
    r"(?:(?:REPORT|RECORD|NOTES?|MINUTES|MEMORANDUM|SUMMARY|TRANSCRIPT)\s+(?:OF|ON)\s+"
    r"(?:THE\s+|A\s+)?(?:CONVERSATION|TALKS?|MEETING|INTERVIEW|DISCUSSION|RECEPTION)S?|"
    r"(?:FROM\s+THE\s+)?DIARY|CONVERSATION|TALKS?\s+(?:BETWEEN|OF|WITH))\b"
)
_IS_RECORD = re.compile(rf"^{_MOD}{_RECORD}", re.I)
_DOC_KINDS = (
    (_IS_RECORD, "Memorandum"),
    (re.compile(rf"^{_MOD}(?:NOTE[\s-]+VERBALE|AIDE[\s-]*M[EÉ]MOIRE)\b", re.I), "Note"),
    (re.compile(rf"^{_MOD}(?:LETTER|MESSAGE|EPISTLE)S?\b", re.I), "Letter"),
    (re.compile(rf"^{_MOD}(?:TELEGRAM|CABLE|CABLEGRAM|WIRE|DISPATCH)S?\b", re.I), "Telegram"),
    (
        re.compile(
            rf"^{_MOD}(?:(?:JOINT\s+|TASS\s+)?(?:STATEMENT|COMMUNIQU[EÉ]|DECLARATION|"
            r"PRESS\s+RELEASE|ANNOUNCEMENT|APPEAL)|SPEECH|ADDRESS|REMARKS|BROADCAST)\b",
            re.I,
        ),
        "PressStatement",
    ),
    # "JOINT SOVIET-AMERICAN STATEMENT ON ...": a statement of the states it names
    (
        re.compile(r"^JOINT\s+(?:[\w-]+\s+){0,3}?(?:STATEMENT|COMMUNIQU[EÉ]|DECLARATION)\b", re.I),
        "PressStatement",
    ),
    (re.compile(rf"^{_MOD}NOTES?\b", re.I), "Note"),
    (
        re.compile(
            rf"^{_MOD}(?:REFERENCE|MEMORANDUM|MEMO|REPORT|RECORD|MINUTES|SUMMARY|"
            r"INFORMATION|BRIEFING|DIRECTIVE|INSTRUCTIONS?)\b",
            re.I,
        ),
        "Memorandum",
    ),
)
# "REPLY OF X TO THE NOTE OF Y": the kind of the document replied to, else a letter
_REPLY = re.compile(rf"^{_MOD}(?:REPLY|REPLIES|ANSWERS?|RESPONSES?)\b", re.I)
_REPLY_TO = re.compile(
    r"\bTO\s+THE\s+(?P<kind>NOTE|LETTER|MESSAGE|TELEGRAM|CABLE|MEMORANDUM|STATEMENT|APPEAL)\b",
    re.I,
)
_QUESTIONS = re.compile(r"\bTO\s+(?:THE\s+)?(?:\w+\s+){0,2}QUESTIONS?\b", re.I)
_HEAD_WORD = (
    rf"{_MOD}(?:JOINT\s+|TASS\s+)?(?:NOTE[\s-]+VERBALE|AIDE[\s-]*M[EÉ]MOIRE|LETTER|MESSAGE|"
    r"TELEGRAM|CABLEGRAM|CABLE|WIRE|DISPATCH|NOTE|REFERENCE|MEMORANDUM|MEMO|REPORT|RECORD|"
    r"REPLY|REPLIES|ANSWERS?|RESPONSES?|STATEMENT|COMMUNIQU[EÉ]|DECLARATION|PRESS\s+RELEASE|ANNOUNCEMENT|"
    r"APPEAL|SPEECH|ADDRESS|REMARKS|BROADCAST|INFORMATION|BRIEFING|DIRECTIVE|INSTRUCTIONS?)"
)
_BY = r"(?:FROM|OF|BY|SENT\s+BY)"
_FROM = re.compile(rf"^{_HEAD_WORD}\s+{_BY}\s+(?P<a>.+)$", re.I | re.S)
# where a recipient starts: "TO", "ADDRESSED TO", "DELIVERED TO"
_TO = re.compile(r"\s+(?:(?:ADDRESSED|SENT|DELIVERED|HANDED)\s+)?TO\s+(?=\S)", re.I)
# "THE AMBASSADOR TO THE USSR": a "TO" inside an office, not before a recipient
_OFFICE_TO = re.compile(
    r"(?:AMBASSADOR|ENVOY|MINISTER|REPRESENTATIVE|DELEGATE|DELEGATION|MISSION|OBSERVER|"
    r"AFFAIRES|CONSUL|EMBASSY|LEGATION|ATTACH[EÉ])$",
    re.I,
)
# a topic after the parties names no party: "... ON THE AGGRESSION AGAINST EGYPT"
_TOPIC = re.compile(
    r"\s+(?:ON|CONCERNING|REGARDING|ABOUT|IN\s+CONNECTION\s+WITH|WITH\s+REGARD\s+TO|"
    r"IN\s+REPLY\s+TO|IN\s+RESPONSE\s+TO|ON\s+THE\s+OCCASION\s+OF|AT\s+THE)\s+",
    re.I,
)
_PRESS = re.compile(r"\s+(?:TO|FOR|BEFORE)\s+(?:THE\s+)?(?:PRESS|JOURNALISTS|REPORTERS)$", re.I)
# "B. RAZIN. ACTING DIRECTOR ..." where a translation dropped the "TO": split after a name.
_NAME_STOP = re.compile(r"^(?P<a>.*?\b[A-Za-z][A-Za-z'’-]+)\.\s+(?P<r>\S.*)$")
# an initialled name ends a party: "N.A. BULGANIN", "D. BEN-GURION"
_INITIALLED = re.compile(r"(?:\b[A-Z]\.\s?){1,3}[A-Z][A-Za-z'’-]+$")
# "Moscow, November 5, 1956" or "5 November 1956, Jerusalem": a document's date line
_PLACE_DATE = re.compile(
    r"^(?:(?P<p1>[A-Z][A-Za-z'’. -]{1,30}),\s+(?P<d1>.+)"
    r"|(?P<d2>.+?),\s+(?P<p2>[A-Z][A-Za-z'’. -]{1,30}))$"
)

# -- sentences ----------------------------------------------------------------------------

_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")
_ABBREV = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "gen",
        "lt",
        "col",
        "capt",
        "prof",
        "sen",
        "rep",
        "gov",
        "jr",
        "sr",
        "no",
        "nos",
        "vol",
        "pp",
        "p",
        "vs",
        "cf",
        "inc",
        "ltd",
        "co",
        "corp",
        "mt",
        "ft",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "t",
        "e.g",
        "i.e",
        "approx",
    ]
)
_INITIALS = re.compile(r"^(?:[A-Z]\.)*[A-Z]$")

_SMALL_WORDS = frozenset(
    ["a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"]
)
_ACRONYMS = frozenset(["USSR", "US", "USA", "UN", "UK", "TASS", "PLO", "NATO", "EU", "IDF", "JTA"])


def smart_title(text: str) -> str:
    """Title case for an all-capitals heading, keeping initials and acronyms."""
    words = re.sub(r"\s+", " ", text.strip().strip("*").strip()).split(" ")
    out = []
    for i, w in enumerate(words):
        core = w.strip("\"'“”.,:;()")
        if (
            (not w.isupper() and not core.isupper())
            or re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?\.?,?", w)
            or all(p in _ACRONYMS for p in core.split("-"))
        ):
            out.append(w)
        elif "-" in core and any(p in _ACRONYMS for p in core.split("-")):
            out.append("-".join(p if p in _ACRONYMS else p.capitalize() for p in w.split("-")))
        elif i and core.lower() in _SMALL_WORDS:
            out.append(w.lower())
        else:
            out.append(
                re.sub(
                    r"[A-Za-z][A-Za-z']*",
                    lambda m: m.group(0)[0].upper() + m.group(0)[1:].lower(),
                    w,
                )
            )
    return " ".join(out).rstrip(".")


def _lines(text: str) -> list[tuple[int, int]]:
    """Spans of the lines, without the newline and surrounding blanks; blank lines dropped."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.span()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def _is_heading(line: str) -> bool:
    """A short line without closing punctuation: a section heading, not a sentence."""
    return len(line.split()) <= 12 and not _TERMINAL.search(line)


def _is_long_title(line: str, strs: list[str]) -> bool:
    """A long first line without closing punctuation over a text: an essay's title
    ("The German Question on the Nile: How Bonn and East Berlin Fought ...")."""
    return len(strs) > 2 and len(line.split()) <= 25 and not _TERMINAL.search(line)


def _page_date(
    strs: list[str], skip: set[int], boiler: list[Span], lines: list[tuple[int, int]], title: int
) -> PartialDate | None:
    """The date line under a title, past a byline: "By Staff Reporter, Jerusalem" then
    "Published: 28 April 2005 | Updated: 29 April 2005 08:14"."""
    after = [i for i in range(title + 1, len(lines)) if i not in skip][:4]
    standfirst = False
    for i in after:
        d = parse_date_line(strs[i]) or news_date_line(strs[i])
        if d is not None:
            skip.add(i)
            return d
        if _is_byline(strs[i]):
            skip.add(i)
            boiler.append(Span(*lines[i]))
        elif not standfirst and not strs[i].rstrip().endswith((".", "?", "!", '"', "”")):
            standfirst = True  # a subheadline under the title: content, read past it
        else:
            return None
    return None


def _header_date(text: str, lines: list[tuple[int, int]], strs: list[str]) -> PartialDate | None:
    """The first full date in a page's header, the lines above its first paragraph:
    "INSS Insight No. 1112, December 3, 2018", "See the article in its original context
    from February 13, 1953", "Tue 9 Aug 2016 18.42 BST"."""
    for (s, e), x in zip(lines, strs, strict=True):
        if len(x.split()) >= 40:
            return None  # the story has begun
        if _DATELINE.match(x):
            return None
        if _TERMINAL.search(x.rstrip()):
            continue  # a sentence of the story, not a line of the page's header
        for d in find_dates(text, s, e):
            if d.year and d.month and d.day:
                return PartialDate(d.year, d.month, d.day)
    return None


def detect_genre(text: str, lines: list[str]) -> str:
    """news | encyclopedia | collection | essay, from the shape of the text."""
    if _find_toc(lines) is not None:
        return "collection"
    if any(_MENU.match(x) or _DOWNLOAD.match(x) or _TO_END.match(x) for x in lines):
        return "news"
    if any(_DATELINE.match(x) for x in lines[:25]):
        return "news"
    headings = sum(1 for x in lines[1:] if _is_heading(x))
    if len(text) > 12000 or headings >= 3:
        return "essay"
    if len(lines) > 1 and parse_date_line(lines[1]) is not None:
        return "encyclopedia"
    return "news"


def _find_toc(lines: list[str]) -> int | None:
    """Index of the table-of-contents line followed by numbered entries, or None."""
    for i, line in enumerate(lines):
        if _TOC.match(line):
            entries = [x for x in lines[i + 1 : i + 8] if _toc_entry(x, numbered=False)]
            article = any(_SECTION_ENTRY.match(x) for x in lines[i + 1 : i + 30])
            if len(entries) >= 2 and not article:
                return i
    return None


# an article's contents, not a collection's: "2 See also", "3 References"
_SECTION_ENTRY = re.compile(
    r"^\s*\d+\.?\s+(?:See\s+also|References|Notes|External\s+links|"
    r"Further\s+reading|Bibliography)\s*$",
    re.I,
)


def _norm(s: str) -> str:
    return re.sub(r"[^A-Z0-9]+", " ", s.upper()).strip()


def _doc_kind(heading: str) -> str | None:
    """The document class a heading names by its first words, or None."""
    heading = heading.strip().strip("*").strip()
    m = _TOC_ENTRY.match(heading)
    heading = m.group("title") if m else heading
    for pattern, kind in _DOC_KINDS:
        if pattern.match(heading):
            return kind
    if _REPLY.match(heading):
        if _QUESTIONS.search(heading):  # answers to a newspaper's questions: for the public
            return "PressStatement"
        m = _REPLY_TO.search(heading)
        if m is not None:
            replied = _doc_kind(m.group("kind"))
            if replied is not None:
                return replied
        return "Letter"
    return None


def _split_to(party: str) -> tuple[int, int] | None:
    """Where the recipient of "X TO Y" starts: the "TO" after an initialled name first,
    else the first "TO" that does not end an office ("THE AMBASSADOR TO THE USSR")."""
    cuts = list(_TO.finditer(party))
    for m in cuts:
        if _INITIALLED.search(party[: m.start()]):
            return m.start(), m.end()
    for m in cuts:
        if not _OFFICE_TO.search(party[: m.start()]):
            return m.start(), m.end()
    # "THE MINISTER TO THE USSR TO THE MINISTRY": the last "TO" of several
    return (cuts[-1].start(), cuts[-1].end()) if len(cuts) > 1 else None


def _parties(text: str, line: tuple[int, int]) -> tuple[Span | None, Span | None]:
    """Author and recipient spans parsed from a heading line."""
    s, e = line
    body = text[s:e]
    stripped = body.rstrip(" .*")
    # leave out a quoted title: REFERENCE OF X "ON ..."
    q = re.search(r"\s+[\"“«]", stripped)
    if q:
        stripped = stripped[: q.start()]
    m = _FROM.match(stripped)
    if not m or _IS_RECORD.match(stripped):
        # a record of a conversation is written by neither party to it
        return None, None
    a0, a1 = m.span("a")
    party = stripped[a0:a1]
    press = _PRESS.search(party)
    if press:  # "STATEMENT BY X TO THE PRESS"
        party = party[: press.start()]
    cut = _split_to(party)
    author_end = cut[0] if cut else len(party)
    # "STATEMENT OF X ON THE AGGRESSION AGAINST Y", "NOTE OF X IN REPLY TO THE NOTE OF Y":
    # the topic names no party
    topic = _TOPIC.search(party)
    if topic and topic.start() <= author_end:
        author_end = topic.start()
        cut = None
    author = Span(s + a0, s + a0 + author_end)
    if cut is not None:
        r0, r1 = cut[1], len(party)
        topic = _TOPIC.search(party, r0)
        if topic:
            r1 = topic.start()
        return author, Span(s + a0 + r0, s + a0 + r1)
    n = _NAME_STOP.match(party[:author_end])
    if n and _doc_kind(stripped) in ("Letter", "Telegram", "Note"):
        return (
            Span(s + a0 + n.start("a"), s + a0 + n.end("a")),
            Span(s + a0 + n.start("r"), s + a0 + n.end("r")),
        )
    return author, None


def _date_line(line: str) -> PartialDate | None:
    """The date a document's date line gives, with or without a place."""
    d = parse_date_line(line)
    if d is not None:
        return d
    line = line.strip().strip("*_ ").rstrip(".")
    if line[:1] in "([" and line[-1:] in ")]":  # "(November 5, 1956)"
        return _date_line(line[1:-1])
    m = _PLACE_DATE.match(line)
    if m is None:
        return None
    return parse_date_line(m.group("d1") or m.group("d2"))


def _toc_entry(line: str, numbered: bool = True) -> tuple[str, str, PartialDate | None] | None:
    """Number, title and (when the line gives one) date of a table-of-contents entry.

    With ``numbered=False`` an unnumbered line that opens with a kind of document ("Letter
    from X to Y, 5 May 1961") is an entry too, with the number "" for the caller to give."""
    x = line.strip().strip("*").strip()
    m = _TOC_ENTRY.match(x)
    if m is not None:
        num = m.group("n1") or m.group("n2") or m.group("n3")
        title = _LEADERS.sub("", m.group("title"))
    elif not numbered and _doc_kind(x) is not None and len(x.split()) >= 3:
        num, title = "", _LEADERS.sub("", x)
    else:
        return None
    # "... BEN-GURION. (November 8, 1956)", "... BEN-GURION, 8 November 1956"
    date = None
    found = find_dates(title)
    if found and found[-1].end >= len(title.rstrip(").] ")) and found[-1].year:
        last = found[-1]
        head = title[: last.start]
        sep = re.search(r"(?:[.,;:]\s*|\s+[-–—]\s*|\s*[(\[])\s*$", head)
        if sep is not None and head[: sep.start()].strip():
            date = PartialDate(last.year, last.month, last.day if last.month else None)
            title = head[: sep.start()].strip()
    return num, title, date


def _continues(title: str, line: str) -> bool:
    """Whether a line carries on a heading in capitals that a line break cut."""
    x = line.strip().strip("*").strip()
    return (
        not _TERMINAL.search(title.strip().strip("*").strip())
        and x.upper() == x
        and any(c.isalpha() for c in x)
        and _toc_entry(x) is None
        and _date_line(x) is None
        and _doc_kind(x) is None
    )


def _numbered_heading(title: str) -> bool:
    """Whether a body line with an entry's number is its heading though the titles differ:
    a heading in capitals that names a kind of document, not a numbered point."""
    return title.upper() == title and _doc_kind(title) is not None


def _heading_start(text: str, line: tuple[int, int]) -> int:
    """Start of a body heading without its number ("7.1. "), which only repeats the TOC."""
    s, e = line
    m = re.match(rf"\**{_NUMBER}\s+\**", text[s:e])
    return s + m.end() if m else s


def _collection(
    text: str, lines: list[tuple[int, int]], toc: int, end: int, warnings: list[str]
) -> tuple[list[Document], int]:
    """Inner documents of a collection, and the line index where the TOC ends."""
    strs = [text[s:e] for s, e in lines]
    entries: list[tuple[str, str, PartialDate | None]] = []
    numbered = True
    i = toc + 1
    while i < len(lines):
        # unnumbered entries only in contents that number none
        entry = _toc_entry(strs[i], numbered=numbered and bool(entries))
        if entry is not None and not entry[0]:
            if _norm(entry[1]) in {_norm(x[1]) for x in entries}:
                break  # a title the contents gave already: the body's first heading
            entry = (str(len(entries) + 1), entry[1], entry[2])
            numbered = False
        elif entry is not None:
            if entry[0] in {x[0] for x in entries}:
                break  # a number the contents gave already: the body's first heading
            if entries and not numbered:
                break
            numbered = True
        if entry is not None:
            entries.append(entry)
        elif entries and (d := _date_line(strs[i])) is not None and entries[-1][2] is None:
            entries[-1] = (entries[-1][0], entries[-1][1], d)
        elif entries and entries[-1][2] is None and _continues(entries[-1][1], strs[i]):
            # a title wrapped onto the next line
            entries[-1] = (entries[-1][0], f"{entries[-1][1]} {strs[i].strip()}", None)
        else:
            break
        i += 1
    toc_end = i
    found: list[tuple[int, int, tuple[str, str, PartialDate | None]]] = []
    cursor = toc_end
    for entry in entries:
        want = _norm(entry[1])
        hit = None
        for j in range(cursor, len(lines)):
            if lines[j][0] >= end:
                break
            cand = _toc_entry(strs[j]) if numbered else None
            if cand and cand[0] != entry[0]:
                continue  # another document's number
            if cand and _numbered_heading(cand[1]):
                hit = (j, j)
                break
            line = cand[1] if cand else strs[j]
            # the heading on one line, or wrapped onto a second
            two = (
                [(j, line), (j + 1, f"{line} {strs[j + 1]}")]
                if j + 1 < len(lines) and _continues(line, strs[j + 1])
                else [(j, line)]
            )
            for last, cand_line in two:
                got = _norm(cand_line)
                if (
                    abs(len(got) - len(want)) <= max(8, len(want) // 5)
                    and fuzz.ratio(got, want) >= 85
                ):
                    hit = (j, last)
                    break
            if hit:
                break
        if hit is None:
            warnings.append(f"collection entry {entry[0]} has no heading in the body")
            continue
        found.append((*hit, entry))
        cursor = hit[1] + 1
    docs = []
    for k, (j, jl, (num, title, toc_date)) in enumerate(found):
        hs, he = _heading_start(text, lines[j]), lines[jl][1]
        doc_end = lines[found[k + 1][0]][0] if k + 1 < len(found) else end
        j = jl  # the date line comes after the heading's last line
        while doc_end > he and text[doc_end - 1].isspace():
            doc_end -= 1
        body_start = he
        date = None
        date_span = None
        # the date line under the heading, maybe past a short line ("Moscow", "Secret")
        for n in (j + 1, j + 2):
            if n >= len(lines) or lines[n][0] >= doc_end:
                break
            d = _date_line(strs[n])
            if d is not None:
                date, date_span = d, Span(*lines[n])
                body_start = lines[n][1]
                break
            if len(strs[n].split()) > 6 or not _is_heading(strs[n]):
                break
        if date is None:
            date = toc_date
        while body_start < doc_end and text[body_start].isspace():
            body_start += 1
        heading = text[hs:he]
        kind = _doc_kind(heading) or _doc_kind(title)
        if kind is None:
            warnings.append(f"collection entry {num}: unknown document kind, taken as a memorandum")
            kind = "Memorandum"
        author, recipient = _parties(text, (hs, he))
        docs.append(
            Document(
                n=entries.index((num, title, toc_date)) + 1,
                kind=kind,
                span=Span(lines[j][0], doc_end),
                title=smart_title(title),
                date=date,
                heading=Span(hs, he),
                date_span=date_span,
                body=Span(body_start, doc_end),
                author_span=author,
                recipient_span=recipient,
                number=num,
            )
        )
    return docs, toc_end


def split_sentences(text: str, start: int, end: int) -> list[Span]:
    """Sentence spans of one paragraph, robust to titles, initials and numbered points."""
    spans = []
    s = start
    for m in _BOUNDARY.finditer(text, start, end):
        p = m.start()
        token = re.search(r"(\S+)$", text[s:p])
        word = token.group(1) if token else ""
        core = word.lstrip("(\"“‘'[")
        if m.group(0).startswith(".") and len(m.group(0).rstrip("\"”’')]")) == 1:
            if core.lower().rstrip(".") in _ABBREV or _INITIALS.match(core):
                continue
            if core.isdigit() and len(core) <= 3 and text[s:p].strip() == core:
                continue  # a numbered point "1."
            if re.fullmatch(r"\(?[a-z]\)?", core):
                continue
        spans.append(Span(s, m.end()))
        s = m.end()
        while s < end and text[s].isspace():
            s += 1
    if s < end:
        spans.append(Span(s, end))
    return spans


def sentences_first(text: str, content: list[Span]) -> str:
    """The first sentence of the content, or ""."""
    if not content:
        return ""
    first = split_sentences(text, content[0].start, content[0].end)
    return first[0].of(text) if first else ""


def run(a: Analysis) -> Analysis:
    text = a.text
    meta = a.meta
    warnings = list(a.warnings)
    lines = _lines(text)
    strs = [text[s:e] for s, e in lines]
    genre = (meta.genre if meta and meta.genre else None) or detect_genre(text, strs)

    skip: set[int] = set()  # line indices that are not content
    boiler: list[Span] = []
    captions: list[Span] = []
    end = len(text)
    for i, x in enumerate(strs):
        if _TO_END.match(x):
            if any(len(y.split()) >= 30 for y in strs[i + 1 :]):
                # a share bar above the story ("Share this article | Facebook"): one line
                skip.add(i)
                boiler.append(Span(*lines[i]))
                continue
            end = lines[i][0]
            boiler.append(Span(lines[i][0], len(text)))
            skip.update(range(i, len(lines)))
            break
    for i, x in enumerate(strs):
        if i in skip:
            continue
        if _MENU.match(x) or _DOWNLOAD.match(x) or _PHOTO.match(x) or _URL_LINE.match(x):
            skip.add(i)
            boiler.append(Span(*lines[i]))
            cap = _CAPTION.match(x)
            if cap:  # what the photo shows, without the words about the photo
                captions.append(Span(lines[i][0] + cap.end(), lines[i][1]))

    # title, publisher header, date line
    title = meta.title if meta and meta.title else None
    date = meta.date if meta and meta.date else None
    first = next((i for i in range(len(lines)) if i not in skip), None)
    if first is not None and genre == "news" and (d := news_date_line(strs[first])):
        # a page that puts its date above the headline
        skip.add(first)
        date = date or d
        first = next((i for i in range(first + 1, len(lines)) if i not in skip), None)
    if first is not None and genre == "news" and _SECTION.match(strs[first]):
        skip.add(first)
        boiler.append(Span(*lines[first]))
        first = next((i for i in range(first + 1, len(lines)) if i not in skip), None)
    if first is not None and genre != "collection":
        x = strs[first]
        publisher = meta.publisher if meta else None
        is_publisher = (publisher and fuzz.partial_ratio(x.lower(), publisher.lower()) >= 90) or (
            _ORG.search(x) and _is_heading(x)
        )
        if is_publisher:
            skip.add(first)
            boiler.append(Span(*lines[first]))
        elif _is_heading(x) or genre in ("news", "encyclopedia") or _is_long_title(x, strs):
            skip.add(first)
            title = title or x.strip()
            for i in range(first + 1, min(first + 6, len(lines))):
                if strs[i] == x:  # the headline repeated under the menu
                    skip.add(i)
                    boiler.append(Span(*lines[i]))
            date = date or _page_date(strs, skip, boiler, lines, first)
    # headings and lone date lines are not sentences
    for i, x in enumerate(strs):
        if i not in skip and (_is_heading(x) or parse_date_line(x) is not None):
            skip.add(i)

    kind = {"news": "NewsArticle", "collection": "DocumentCollection"}.get(genre, "Article")
    inner: list[Document] = []
    if genre == "collection":
        toc = _find_toc(strs)
        if toc is None:
            warnings.append("a collection without a table of contents: no inner documents")
        else:
            inner, toc_end = _collection(text, lines, toc, end, warnings)
            first_body = inner[0].span.start if inner else lines[toc_end][0]
            toc_start = lines[toc][0]
            for i, (s, _e) in enumerate(lines):
                if s < first_body and not (s < toc_start and len(strs[i].split()) >= 25):
                    # front matter and table of contents; an editor's note in prose
                    # before the contents tells history, and is read
                    skip.add(i)
            for d in inner:
                for i, (s, _e) in enumerate(lines):
                    head = d.heading
                    if head and (s <= head.start < _e or head.start <= s < head.end):
                        skip.add(i)
                    if d.date_span and s == d.date_span.start:
                        skip.add(i)
        if title is None:
            block = re.match(r"\s*(.+?)(?:\n\s*\n|$)", text, re.S)
            if block:
                title = ": ".join(
                    smart_title(p) for p in block.group(1).split("\n") if p.strip("* ")
                )

    if date is None and genre != "collection":
        date = _header_date(text, lines, strs)
    content = [Span(*lines[i]) for i in range(len(lines)) if i not in skip and lines[i][0] < end]
    dateline = None
    if content and genre != "collection":
        # the dateline is no part of the first sentence; its date is the report's date.
        # It opens the story: lines above it ("Special to The New York Times", an
        # archive's note) are the page's, not the story's
        at, m = next(
            ((k, m) for k, c in enumerate(content[:6])
             if (m := _DATELINE.match(text, c.start, c.end)) is not None),
            (0, None),
        )
        boiler.extend(content[:at])
        content = content[at:]
        if m is not None:
            found = find_dates(text, m.start("date"), m.end("date"))
            if len(found) == 1 and found[0].year and found[0].day:
                d = found[0]
                date = date or PartialDate(d.year, d.month, d.day)
            elif (
                len(found) == 1 and found[0].day and date is not None
                and found[0].month is not None and found[0].month <= (date.month or 12)
            ):
                # "MOSCOW, Feb. 12 --" on a page of February 13, 1953: the story's day
                date = PartialDate(date.year, found[0].month, found[0].day)
            dateline = Span(*m.span("place"))
            content[0] = Span(m.end(), content[0].end)
    if title is None and sentences_first(a.text, content):
        # the shapes want a title; say plainly that the text has none
        words = sentences_first(a.text, content).split()
        title = f"[untitled {genre}] " + " ".join(words[:10]) + ("…" if len(words) > 10 else "")
    top = Document(
        n=0,
        kind=kind,
        span=Span(0, len(text)),
        title=title,
        date=date,
        body=Span(0, end),
        genre=genre,
    )
    documents = (top, *sorted(inner, key=lambda d: d.n))

    sentences = []
    lead_done = genre == "collection"
    for p, span in enumerate(content):
        doc = 0
        for d in inner:
            if span in d.span:
                doc = d.n
        for s in split_sentences(text, span.start, span.end):
            sentences.append(Sentence(s, doc, p, lead=not lead_done))
            lead_done = True
    return replace(
        a,
        genre=genre,
        title=title,
        date=date,
        content=tuple(content),
        boilerplate=tuple(sorted(boiler)),
        captions=tuple(captions),
        dateline=dateline,
        documents=documents,
        sentences=tuple(sentences),
        warnings=tuple(warnings),
    )


STAGE = Stage(
    name="text",
    needs=("text", "meta"),
    sets=(
        "genre",
        "title",
        "date",
        "content",
        "boilerplate",
        "captions",
        "dateline",
        "documents",
        "sentences",
    ),
    run=run,
)
