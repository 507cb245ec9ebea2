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
from kg.stages.dates import find_dates, parse_date_line

# -- boilerplate ------------------------------------------------------------------------

_MENU = re.compile(r"^(?:Menu\b.*\bSearch|Menu|Search|Skip to (?:main )?content|Advertisement)$")
_DOWNLOAD = re.compile(r"^Download (?:PDF|the PDF|this)\b.*$", re.I)
# Lists that run to the end of a page: funders, related links, share widgets.
_TO_END = re.compile(r"^(?:Founding Funders|Our Funders|Related Articles|Read More|Share this)\b")
_PHOTO = re.compile(
    r"^(?:photo|image|picture|credit|caption)s?\s*(?:credit)?\s*:|"
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
    r"(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4})"
    r"\s*(?:\([A-Za-z][A-Za-z. ]{0,20}\))?\s*(?:—|–|--|-)\s*"
)
_URL_LINE = re.compile(r"^[<(\[]?(?:https?://|www\.)\S+[>)\]]?$")
_TERMINAL = re.compile(r"[.!?…:\"”’)]$")

# -- collections ----------------------------------------------------------------------------

_TOC = re.compile(r"^\**(?:CONTENTS?|TABLE OF CONTENTS)\**$", re.I)
_TOC_ENTRY = re.compile(r"^(?P<num>\d+(?:\.\d+)+)\.?\s+(?P<title>\S.*?)\s*$")
_DOC_KINDS = (
    (re.compile(r"^(?:LETTER|MESSAGE)\b", re.I), "Letter"),
    (re.compile(r"^(?:TELEGRAM|CABLE|CABLEGRAM)\b", re.I), "Telegram"),
    (
        re.compile(r"^(?:STATEMENT|COMMUNIQU[EÉ]|DECLARATION|PRESS RELEASE)\b", re.I),
        "PressStatement",
    ),
    # "JOINT SOVIET-AMERICAN STATEMENT ON ...": a statement of the states it names
    (
        re.compile(r"^JOINT\s+(?:[\w-]+\s+){0,3}?(?:STATEMENT|COMMUNIQU[EÉ]|DECLARATION)\b", re.I),
        "PressStatement",
    ),
    (re.compile(r"^(?:NOTE|AIDE-M[EÉ]MOIRE)\b", re.I), "Note"),
    (re.compile(r"^(?:REFERENCE|MEMORANDUM|MEMO|REPORT|RECORD|MINUTES)\b", re.I), "Memorandum"),
)
_HEAD_WORD = (
    r"(?:LETTER|MESSAGE|TELEGRAM|CABLE|CABLEGRAM|NOTE|REFERENCE|MEMORANDUM|MEMO|REPORT|RECORD)"
)
_FROM_TO = re.compile(rf"^{_HEAD_WORD}\s+(?:FROM|OF|BY)\s+(?P<a>.+?)\s+TO\s+(?P<r>.+?)$", re.I)
_FROM = re.compile(rf"^{_HEAD_WORD}\s+(?:FROM|OF|BY)\s+(?P<a>.+)$", re.I)
_STATEMENT = re.compile(
    r"^(?:STATEMENT|COMMUNIQU[EÉ]|DECLARATION)\s+(?:BY|OF|FROM)\s+(?P<a>.+?)"
    r"(?:\s+(?:TO|FOR)\s+THE\s+PRESS)?$",
    re.I,
)
# "B. RAZIN. ACTING DIRECTOR ..." where a translation dropped the "TO": split after a name.
_NAME_STOP = re.compile(r"^(?P<a>.*?\b[A-Za-z][A-Za-z'’-]+)\.\s+(?P<r>\S.*)$")

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


def detect_genre(text: str, lines: list[str]) -> str:
    """news | encyclopedia | collection | essay, from the shape of the text."""
    if _find_toc(lines) is not None:
        return "collection"
    if any(_MENU.match(x) or _DOWNLOAD.match(x) or _TO_END.match(x) for x in lines):
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
            entries = [x for x in lines[i + 1 : i + 8] if _TOC_ENTRY.match(x)]
            if len(entries) >= 2:
                return i
    return None


def _norm(s: str) -> str:
    return re.sub(r"[^A-Z0-9]+", " ", s.upper()).strip()


def _doc_kind(heading: str) -> str | None:
    for pattern, kind in _DOC_KINDS:
        if pattern.match(heading):
            return kind
    return None


def _parties(text: str, line: tuple[int, int]) -> tuple[Span | None, Span | None]:
    """Author and recipient spans parsed from a heading line."""
    s, e = line
    body = text[s:e]
    stripped = body.rstrip(" .")
    # leave out a quoted title: REFERENCE OF X "ON ..."
    q = re.search(r"\s+[\"“«]", stripped)
    if q:
        stripped = stripped[: q.start()]
    # "STATEMENT OF X ON THE RELATIONS WITH Y": the topic names no party
    topic = re.search(r"\s+(?:ON|CONCERNING|REGARDING|ABOUT)\s+", stripped)
    if topic and not re.search(r"\s+TO\s+", stripped[: topic.start()]) and _STATEMENT.match(
        stripped
    ):
        stripped = stripped[: topic.start()]
    for pattern in (_STATEMENT, _FROM_TO):
        m = pattern.match(stripped)
        if m:
            a = Span(s + m.start("a"), s + m.end("a"))
            r = Span(s + m.start("r"), s + m.end("r")) if "r" in m.groupdict() else None
            return a, r
    m = _FROM.match(stripped)
    if not m:
        return None, None
    a0, a1 = m.span("a")
    n = _NAME_STOP.match(stripped[a0:a1])
    if n and _doc_kind(stripped) in ("Letter", "Telegram", "Note"):
        return (
            Span(s + a0 + n.start("a"), s + a0 + n.end("a")),
            Span(s + a0 + n.start("r"), s + a0 + n.end("r")),
        )
    return Span(s + a0, s + a1), None


def _collection(
    text: str, lines: list[tuple[int, int]], toc: int, end: int, warnings: list[str]
) -> tuple[list[Document], int]:
    """Inner documents of a collection, and the line index where the TOC ends."""
    strs = [text[s:e] for s, e in lines]
    entries: list[tuple[str, str, PartialDate | None]] = []
    i = toc + 1
    while i < len(lines):
        m = _TOC_ENTRY.match(strs[i])
        if m:
            entries.append((m.group("num"), m.group("title"), None))
        elif entries and (d := parse_date_line(strs[i])) is not None and entries[-1][2] is None:
            entries[-1] = (entries[-1][0], entries[-1][1], d)
        else:
            break
        i += 1
    toc_end = i
    found: list[tuple[int, tuple[str, str, PartialDate | None]]] = []
    cursor = toc_end
    for entry in entries:
        want = _norm(entry[1])
        for j in range(cursor, len(lines)):
            if lines[j][0] >= end:
                break
            cand = _norm(_TOC_ENTRY.sub(r"\g<title>", strs[j]))
            if (
                abs(len(cand) - len(want)) <= max(8, len(want) // 5)
                and fuzz.ratio(cand, want) >= 85
            ):
                found.append((j, entry))
                cursor = j + 1
                break
        else:
            warnings.append(f"collection entry {entry[0]} has no heading in the body")
    docs = []
    for k, (j, (num, title, toc_date)) in enumerate(found):
        hs, he = lines[j]
        doc_end = lines[found[k + 1][0]][0] if k + 1 < len(found) else end
        while doc_end > he and text[doc_end - 1].isspace():
            doc_end -= 1
        body_start = he
        date = None
        date_span = None
        if j + 1 < len(lines) and lines[j + 1][0] < doc_end:
            d = parse_date_line(strs[j + 1])
            if d is not None:
                date, date_span = d, Span(*lines[j + 1])
                body_start = lines[j + 1][1]
        if date is None:
            date = toc_date
        while body_start < doc_end and text[body_start].isspace():
            body_start += 1
        heading = strs[j]
        kind = _doc_kind(heading)
        if kind is None:
            warnings.append(f"collection entry {num}: unknown document kind, taken as a memorandum")
            kind = "Memorandum"
        author, recipient = _parties(text, lines[j])
        docs.append(
            Document(
                n=entries.index((num, title, toc_date)) + 1,
                kind=kind,
                span=Span(hs, doc_end),
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
    if first is not None and genre != "collection":
        x = strs[first]
        publisher = meta.publisher if meta else None
        is_publisher = (publisher and fuzz.partial_ratio(x.lower(), publisher.lower()) >= 90) or (
            _ORG.search(x) and _is_heading(x)
        )
        if is_publisher:
            skip.add(first)
            boiler.append(Span(*lines[first]))
        elif _is_heading(x) or genre in ("news", "encyclopedia"):
            skip.add(first)
            title = title or x.strip()
            for i in range(first + 1, min(first + 6, len(lines))):
                if strs[i] == x:  # the headline repeated under the menu
                    skip.add(i)
                    boiler.append(Span(*lines[i]))
            nxt = next((i for i in range(first + 1, len(lines)) if i not in skip), None)
            if nxt is not None and (d := parse_date_line(strs[nxt])) is not None:
                skip.add(nxt)
                date = date or d
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
            for i, (s, _e) in enumerate(lines):
                if s < first_body:
                    skip.add(i)  # front matter and table of contents
            for d in inner:
                for i, (s, _e) in enumerate(lines):
                    if d.heading and s == d.heading.start:
                        skip.add(i)
                    if d.date_span and s == d.date_span.start:
                        skip.add(i)
        if title is None:
            block = re.match(r"\s*(.+?)(?:\n\s*\n|$)", text, re.S)
            if block:
                title = ": ".join(
                    smart_title(p) for p in block.group(1).split("\n") if p.strip("* ")
                )

    content = [Span(*lines[i]) for i in range(len(lines)) if i not in skip and lines[i][0] < end]
    dateline = None
    if content and genre != "collection":
        # the dateline is no part of the first sentence; its date is the report's date
        m = _DATELINE.match(text, content[0].start, content[0].end)
        if m is not None:
            found = find_dates(text, m.start("date"), m.end("date"))
            if len(found) == 1 and found[0].year and found[0].day:
                d = found[0]
                date = date or PartialDate(d.year, d.month, d.day)
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
