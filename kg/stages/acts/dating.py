"""When: an act's date from its own clause, a relative one ("last month", "last week",
"two days later"), an anniversary's, or the one the context fixes ("during that visit", the
day a news report's story is told of, the year a paragraph opened with, the date of a letter
or of an encyclopedia entry), the context being kept sentence by sentence in
:class:`Timeline`.

A news report tells of its own days: an act of its story told in the simple past with no
date of its own ("Mr Putin travelled to the Prime Minister's office for talks") is of the
story's day (:func:`story_date`), unless its clause tells of another time (the pluperfect,
the future, "since", "earlier", "in 2001") or its paragraph has moved to one.

A partial date stays partial; nothing is guessed beyond what the text and its context say.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from kg.records import Act, Analysis, Document, Mention, PartialDate, Sentence, Span
from kg.stages.acts.arguments import CLAUSE_BREAK
from kg.stages.acts.patterns import RELATIONS, Pattern

_REPORTING = re.compile(
    r"\b(?:said|says|told|tells|reported|reports|stated|wrote|informed|according\s+to)\b", re.I
)
_CONNECTIVE = re.compile(
    r"^(?:During\s+(?:the|that|this|his|her)\s+(?:visit|meeting|talks|trip|stay)|At\s+the\s+time|"
    r"As\s+a\s+(?:result|consequence)|At\s+the\s+same\s+time|Following\s+this|"
    r"Subsequently|Consequently|Thereafter|Soon\s+after|Shortly\s+after(?:wards)?)\b"
)


_SAID = ("PublicStatement", "Proposal")  # acts dated, failing their own date, by the story's


def _date(
    text: str,
    sent: Sentence,
    clause: Span,
    trig: re.Match[str],
    dates: list[Mention],
    prev_dates: list[Mention],
    passive: bool = False,
) -> tuple[PartialDate | None, float]:
    """The act's date and a confidence penalty: in the clause, else the sentence opening."""
    ts = trig.start()
    inside = [d for d in dates if clause.start <= d.span.start and d.span.end <= clause.end]
    after = [
        d
        for d in inside
        if d.span.start >= ts
        and not re.search(
            r"\b(?:since|until|till|before)\s+$", text[max(0, d.span.start - 8) : d.span.start]
        )
        # "restore relations, broken off in June 1967": the date of another event
        and not _OTHER_EVENT.search(text, trig.end(), d.span.start)
        # "the first meeting since X broke off relations in 1967": that event's date
        and not _BACKGROUND_CLAUSE.search(text, trig.end(), d.span.start)
        # "agreement has been reached that they will meet on November 19": a later event
        and not _FUTURE.search(text, trig.end(), d.span.start)
    ]
    if after:
        return after[0].date, 0.0

    te = trig.end()
    close = [
        d
        for d in dates
        if te <= d.span.start <= te + 25
        and not re.search(r"\b(?:since|until|till|before)\s+$", text[te : d.span.start])
        and not CLAUSE_BREAK.search(text[te : d.span.start])
        and not _FUTURE.search(text, te, d.span.start)
    ]
    if close and passive:  # "relations, which were interrupted on May 2, 1949"
        return close[0].date, 0.0
    # "the talks in March, I have the honour to inform you that X agrees to ...": a date
    # of the matrix clause does not date what its "that" clause tells
    before = [
        d for d in inside if d.span.end <= ts and not re.search(r"\bthat\b", text[d.span.end : ts])
        and not _in_relative(text, clause, d, ts)
    ]
    if before:
        return before[-1].date, 0.0
    if close:
        return close[0].date, 0.0
    if re.search(r",\s*(?:where|when)\s*$", text[max(sent.span.start, clause.start - 10) :
                                                 clause.start]):
        # "in July 2017 X visited Israel, where he was received ...": the time and place
        # of what the relative clause hangs on
        hung = [d for d in dates if d.span.end <= clause.start]
        if hung:
            return hung[-1].date, 0.05
    opening = [d for d in dates if d.span.start - sent.span.start <= 12 and d.span.end <= ts]
    if opening and not _REPORTING.search(text[opening[0].span.end : ts]):
        return opening[0].date, 0.05
    if _CONNECTIVE.match(text[sent.span.start : sent.span.end]) and prev_dates:
        return PartialDate(prev_dates[-1].date.year), 0.1
    if re.search(r"\band\s*$", text[max(sent.span.start, clause.start - 6) : clause.start]) and (
        re.match(r"\s*(?:was|were|is|are|has|had|have|later|then)\b", text[clause.start : ts + 4])
    ):
        # "arrived last night and was welcomed by ...": a predicate sharing its subject
        # and its time with the one before
        shared = [
            d
            for d in dates
            if d.span.end <= clause.start
            and not re.search(
                r"\b(?:since|until|till|before)\s+$", text[max(0, d.span.start - 8) : d.span.start]
            )
        ]
        if shared:
            return shared[-1].date, 0.05
    earlier = [d for d in dates if d.span.end <= ts and d.explicit
               and not _in_relative(text, clause, d, ts)]
    if earlier:  # the year the sentence is about, from another of its clauses
        return PartialDate(earlier[-1].date.year), 0.1
    later = [
        d
        for d in dates
        if d.span.start >= te
        and d.explicit
        and not _OTHER_EVENT.search(text, te, d.span.start)
        and not _BACKGROUND_CLAUSE.search(text, te, d.span.start)
    ]
    if later:  # "... sent arms to Egypt, and in October 1973 ...": the sentence's year
        return PartialDate(later[0].date.year), 0.15
    return None, 0.0


# "X, who visited Moscow in 2001, described ...": a date of the relative clause (closed by a
# comma before the trigger) dates what the clause tells, not the main predicate
_RELATIVE_OPEN = re.compile(r",\s+(?:who|which|whose|whom)\b[^,.;:]*$")


def _in_relative(text: str, clause: Span, d: Mention, ts: int) -> bool:
    """Whether the date ``d`` lies in a relative clause closed before the trigger at ``ts``."""
    head = text[max(0, d.span.start - 120, clause.start - 120) : d.span.start]
    return bool(_RELATIVE_OPEN.search(head)) and "," in text[d.span.end : ts]


_RELATIVE = re.compile(r"\b(?:(last|this)\s+(month|year)|(earlier|later)\s+this\s+month)\b",
                       re.I)


def relative_date(
    text: str,
    clause: Span,
    doc: Document | None,
    fallback: PartialDate | None,
    penalty: float,
    last: PartialDate | None = None,
) -> tuple[PartialDate | None, float]:
    """"my stay in Washington last month", in a letter of October 1974: September 1974 (the
    document's date, else the text's, is "now"); "last week", "three days ago" count back
    from now too, "two days later", "a year later" count on from ``last``, the date of the
    event told before.  "A week ago" is only as precise as the count allows (a week that
    straddles two months gives the year); "a week later" is that day, as historians count."""
    now = (doc.date if doc is not None and doc.date is not None else None) or fallback
    m = _RELATIVE.search(text, clause.start, clause.end)
    if m is None:
        return _counted_date(text, clause, now, last, penalty)
    if now is None:
        return None, penalty
    which, unit = (m.group(1) or "this").lower(), (m.group(2) or "month").lower()
    if unit == "year":
        return PartialDate(now.year - (which == "last")), penalty + 0.1
    if now.month is None:
        return None, penalty
    if which == "last":
        y, mo = (now.year, now.month - 1) if now.month > 1 else (now.year - 1, 12)
        return PartialDate(y, mo), penalty + 0.1
    return PartialDate(now.year, now.month), penalty + 0.1


_NUMBERS = {w: n for n, w in enumerate(
    ["a", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
     "twelve"], start=1)} | {"one": 1}
_COUNT = r"(?P<n>\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_AGO = re.compile(
    r"\b(?:(?P<last>last|previous)\s+week|" + _COUNT + r"\s+(?P<unit>days?|weeks?)\s+ago)\b",
    re.I,
)
_LATER = re.compile(
    r"\b" + _COUNT + r"\s+(?P<unit>days?|weeks?|months?|years?)\s+"
    # "two days after the war": counted from that event, not from the last date
    r"(?P<dir>later|afterwards|earlier|(?:after|before)\b(?!\s+(?:the|that|this|his|her|its|a|an|"
    r"their|(?-i:[A-Z])|\w+ing\b)))\b",
    re.I,
)


def _within(lo: dt.date, hi: dt.date) -> PartialDate | None:
    """The most precise date that holds both days: their month, else their year."""
    if (lo.year, lo.month) == (hi.year, hi.month):
        return PartialDate(lo.year, lo.month)
    return PartialDate(lo.year) if lo.year == hi.year else None


def exact_day(d: PartialDate | None) -> dt.date | None:
    """The calendar day of a date given to the day, else None."""
    if d is None or d.month is None or d.day is None:
        return None
    return dt.date(d.year, d.month, d.day)


def _counted_date(
    text: str, clause: Span, now: PartialDate | None, last: PartialDate | None, penalty: float
) -> tuple[PartialDate | None, float]:
    """A date counted back from now ("last week", "three days ago") or on from the last
    event ("two days later", "a year later"); None when the anchor is not precise enough."""
    m = _AGO.search(text, clause.start, clause.end)
    today = exact_day(now)
    if m is not None and today is not None:
        if m.group("last"):  # the calendar week before this one
            monday = today - dt.timedelta(days=today.weekday() + 7)
            found = _within(monday, monday + dt.timedelta(days=6))
        else:
            n = _NUMBERS.get(m.group("n").lower()) or int(m.group("n"))
            if m.group("unit").lower().startswith("day"):
                d = today - dt.timedelta(days=n)
                found = PartialDate(d.year, d.month, d.day)
            else:
                d = today - dt.timedelta(weeks=n)
                found = _within(d - dt.timedelta(days=3), d + dt.timedelta(days=3))
        return (found, penalty + 0.1) if found else (None, penalty)
    m = _LATER.search(text, clause.start, clause.end)
    if m is None or last is None:
        return None, penalty
    n = _NUMBERS.get(m.group("n").lower()) or int(m.group("n"))
    sign = -1 if m.group("dir").lower() in ("earlier", "before") else 1
    unit = m.group("unit").lower()
    if unit.startswith("year"):
        return PartialDate(last.year + sign * n), penalty + 0.1
    if unit.startswith("month"):
        if last.month is None:
            return None, penalty
        k = last.year * 12 + last.month - 1 + sign * n
        return PartialDate(k // 12, k % 12 + 1), penalty + 0.1
    base = exact_day(last)
    if base is None:
        return None, penalty
    if unit.startswith("day"):
        d = base + dt.timedelta(days=sign * n)
        return PartialDate(d.year, d.month, d.day), penalty + 0.1
    d = base + dt.timedelta(weeks=sign * n)  # "a week later": that day, as historians count
    return PartialDate(d.year, d.month, d.day), penalty + 0.1


_IRREGULAR_PAST = frozenset(
    [
        *("met", "broke", "cut", "sent", "held", "had", "made", "began", "spoke", "told"),
        *("wrote", "sold", "gave", "took", "came", "went", "flew", "became", "brought"),
        *("bought", "fought", "led", "left", "paid", "put", "read", "said", "saw", "set"),
        *("shut", "sought", "stood"),
    ]
)


def _present(word: str, verb: bool = False) -> bool:
    """A present-tense trigger word ("establish", "signs"); with ``verb``, any verb form
    that is not a past one counts ("Israel and China establish relations")."""
    w = word.split()[0].lower()
    if w in ("was", "has"):
        return False
    if (w.endswith("s") and not w.endswith("ss")) or w in ("resume", "restore", "renew"):
        return True
    return verb and not w.endswith(("ed", "ing")) and w not in _IRREGULAR_PAST


_PAST_TIME = re.compile(
    r"\b(?:last|previous|ago|earlier|formerly|once|years?|months?|weeks?|in\s+\d{4})\b", re.I
)
_FUTURE = re.compile(r"\b(?:will|shall|would)\b")
_OTHER_TIME = re.compile(
    r"\b(?:later|afterwards?|subsequently|eventually|since|until|once|formerly|previously|"
    r"then|ever|still|today|now|at\s+the\s+time|in\s+the\s+(?:past|end|future))\b",
    re.I,
)
_NEAR_DAY = re.compile(
    r"\b(?:(?:days|hours)\s+(?:before|after|later|earlier)|the\s+(?:following|next|previous)\s+"
    r"day|the\s+day\s+(?:before|after)|the\s+same\s+day|on\s+the\s+eve|the\s+ceremony)\b",
    re.I,
)
# a date after "since ..." or "until ..." dates that other event, not the trigger's
_BACKGROUND_CLAUSE = re.compile(r"\b(?:since|until|till|before|ever\s+since)\s+(?!\d)", re.I)
# a participle after a comma opens another event's phrase: "relations, broken off in 1967"
_OTHER_EVENT = re.compile(
    r",\s+(?:\w+ed|broken|cut|sent|held|made|begun|signed)\b|"
    # "restored relations, ending a rupture that began when X broke them off in 1967"
    r"\b(?:that|which)\s+(?:had\s+)?(?:began|begun|started)\b"
)
_DURING_EVENT = re.compile(
    r"\b(?:during|after|following|at|on)\s+(?:that|the|this|his|her|its|their)\s+(?:\w+\s+)?"
    r"(?:visit|meeting|talks|trip|stay|arrival)\b",
    re.I,
)
# "the twenty-fifth anniversary of the restoration of relations": an earlier event
_ANNIVERSARY = re.compile(
    r"\b(?P<n>[a-z]+(?:-[a-z]+)?|\d{1,3}(?:st|nd|rd|th))\s+anniversary\s+of\s+(?:the\s+)?$", re.I
)
_ORDINALS = {
    w: n
    for n, w in enumerate(
        [
            *("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"),
            *("ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth"),
            *("sixteenth", "seventeenth", "eighteenth", "nineteenth"),
        ],
        start=1,
    )
}
_TENS = dict(zip(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"],
                 range(20, 100, 10), strict=True))


def ordinal(word: str) -> int | None:
    """"twenty-fifth" → 25, "40th" → 40, "tenth" → 10; None for anything else."""
    w = word.lower()
    if w[:-2].isdigit():
        return int(w[:-2])
    if w in _ORDINALS:
        return _ORDINALS[w]
    for tens, n in _TENS.items():
        if w == tens[:-1] + "ieth":
            return n
        if w.startswith(tens + "-") and w[len(tens) + 1 :] in _ORDINALS:
            return n + _ORDINALS[w[len(tens) + 1 :]]
    return None


_PARTICIPLES = _IRREGULAR_PAST | frozenset(
    [
        *("broken", "begun", "spoken", "written", "given", "taken", "come", "gone", "flown"),
        *("become", "seen", "done", "been", "chosen", "drawn", "driven", "known", "shown"),
        *("risen", "fallen", "forgotten", "won", "got", "gotten", "kept", "felt", "heard"),
    ]
)
# words that put a clause at another time than the story's day: modal or future, background
# ("since", "until"), an earlier time ("earlier", "last", "ago", "in 2001")
_NOT_STORY_TIME = re.compile(
    r"\b(?:will|shall|would|could|might|may|must|should|can|"
    r"(?:is|are|was|were)\s+(?:due|expected|scheduled|set|going|planning|about|to)\b|"
    r"plans?\s+to|intends?\s+to|hopes?\s+to|"
    r"since|until|till|once|formerly|previously|earlier|last|ago|"
    r"before(?!\s+\w+ing\b)|in\s+the\s+past|at\s+the\s+time|in\s+\d{4}|"
    r"eventually|subsequently|(?:years?|months?|weeks?|decades?)\s+(?:before|earlier|ago)|"
    r"during\s+the\s+period|on\s+the\s+eve|when)\b",
    re.I,
)
_NOT_PAST = frozenset(
    ["had", "has", "have", "to", "be", "been", "would", "will", "could", "not", "never"]
)
# verbs by which a noun trigger is done: "held talks", "paid a visit", "sent a letter"
_DOING = frozenset(
    [
        *("held", "had", "conducted", "made", "paid", "began", "opened", "started", "resumed"),
        *("travelled", "traveled", "went", "came", "flew", "drove", "arrived", "returned"),
        *("signed", "concluded", "sent", "issued", "gave", "delivered", "exchanged", "sat"),
        *("met", "joined", "attended", "hosted", "received", "accepted", "extended", "handed"),
        *("presented", "renewed", "launched", "announced"),
    ]
)
# what the story is about: "described the visit as historic" is said at its time
_STORY_EVENT = re.compile(
    r"\b(?:the|this|his|her|their)\s+(?:\w+\s+)?(?:visit|talks|meeting|trip)\b", re.I
)
_STORY_WINDOW = 7  # days before a report's date that its story may tell of


def _verb_before(text: str, start: int, end: int) -> tuple[str, str] | None:
    """The last finite-looking past verb in ``text[start:end]`` and the word before it."""
    words = list(re.finditer(r"[A-Za-z]+", text[start:end]))
    for k in range(len(words) - 1, -1, -1):
        w = words[k].group(0)
        low = w.lower()
        if w[0].isupper() and k > 0:
            continue  # a name ("United"), not a verb
        if low in ("was", "were") or low in _IRREGULAR_PAST or (
            low.endswith("ed") and len(low) > 4
        ):
            return low, (words[k - 1].group(0).lower() if k else "")
    return None


def _past_simple(text: str, clause: Span, trig: re.Match[str], pat: Pattern) -> bool:
    """Whether the trigger's clause tells of it in the simple past ("met", "was received",
    "travelled ... for talks"): not the pluperfect ("had flown"), the present perfect, a
    modal or the future."""
    w, *rest = trig.group(0).lower().split()
    if w in ("had", "has", "have") and rest and (rest[0] in _PARTICIPLES or rest[0].endswith("ed")):
        return False  # "had travelled to X for talks": the trigger's own verb group
    prev = re.findall(r"[A-Za-z]+", text[clause.start : trig.start()])
    before = prev[-1].lower() if prev else ""
    if pat.form == "verb" and (w in _PARTICIPLES or w.endswith(("ed", "s"))):
        if before in ("was", "were"):
            return w in _PARTICIPLES or w.endswith("ed")
        if before in _NOT_PAST:
            return False
        return w in ("was", "were") or w in _IRREGULAR_PAST or w.endswith("ed")
    inner = _verb_before(text, trig.start(), trig.end())
    if pat.form != "noun" and inner is not None:  # "relations were broken off"
        return inner[1] not in _NOT_PAST
    if (not prev or _aside(text, clause, trig, pat)) and (w.endswith("ing") or pat.form == "noun"):
        # "Speaking to reporters afterward, Mr. Hadass said", "At a news conference, X
        # said", "Peres, speaking on the radio, called": the phrase's time is its main
        # verb's, the first verb past its comma
        comma = text.find(",", trig.end(), trig.end() + 120)
        return comma != -1 and _main_verb_past(text, comma, comma + 60)
    if w.endswith("ing") and not before.endswith("ed"):
        return False  # "arriving in ...": a participle's time is its own
    found = _verb_before(text, clause.start, trig.start())
    if found is None:
        return False
    verb, before = found
    if before in _NOT_PAST or (verb == "had" and inner is not None):
        return False
    # a noun is the story's act when the verb before it does it ("travelled ... for talks",
    # "held talks"), not when it names it ("a communique which contained an exchange of
    # letters", "described the talks")
    return pat.form != "noun" or verb in _DOING


def _aside(text: str, clause: Span, trig: re.Match[str], pat: Pattern) -> bool:
    """Whether the trigger opens a phrase set off by commas after the subject: "Peres,
    speaking on Israel Radio, called", "Olmert, on his first visit to Russia, met"."""
    if trig.group(0).lower().endswith("ing") or pat.form != "noun":
        return text[clause.start : trig.start()].rstrip().endswith(",")
    start = max(clause.start, text.rfind(",", clause.start, trig.start()) + 1)
    return bool(_ON_VISIT.fullmatch(text, start, trig.start()))


_ON_VISIT = re.compile(
    r"\W*(?:on|during|in\s+the\s+course\s+of)\s+(?:his|her|their|its|a|an|the)\s+(?:[\w-]+\s+){0,3}",
    re.I,
)


def _main_verb_past(text: str, start: int, end: int) -> bool:
    """Whether the first verb in ``text[start:end]``, past its subject (names, pronouns,
    titles), is in the simple past: "Mr. Hadass said" yes, "he will say" no."""
    for m in re.finditer(r"[A-Za-z]+", text[start:end]):
        w = m.group(0)
        low = w.lower()
        if w[0].isupper() or low in _SUBJECT_WORDS:
            continue
        return low in _IRREGULAR_PAST or (low.endswith("ed") and len(low) > 4)
    return False


_SUBJECT_WORDS = frozenset(
    ["he", "she", "they", "it", "the", "a", "an", "his", "her", "its", "their"]
)


_STEPS_OUT = re.compile(
    r"\b(?:since|until|till|earlier|previously|formerly|once|ago|eventually|subsequently|"
    r"in\s+the\s+past|years?\s+(?:before|earlier|later))\b",
    re.I,
)


_HAD = re.compile(
    r"\bhad\s+(?:(?:\w+ly|already|earlier|just|also|never|not|first|once)\s+)*(?:been\s+)?"
    r"([a-z]+)\b", re.I
)


def _another_time(text: str, clause: Span, trig: re.Match[str]) -> bool:
    """Whether a clause tells of another time than the one its paragraph is about: in the
    pluperfect ("had flown") or with a word that steps out of it ("since", "earlier")."""
    for m in _HAD.finditer(text, clause.start, trig.end()):
        v = m.group(1).lower()
        if v in _PARTICIPLES or v.endswith("ed"):
            return True
    return bool(_STEPS_OUT.search(text, clause.start, trig.end())) or bool(
        re.search(r"\b(?:since\s+then|ever\s+since|until\s+then)\b", text[trig.end() : clause.end])
    )


def story_date(
    text: str, sent: Sentence, clause: Span, trig: re.Match[str], pat: Pattern,
    doc: Document | None, time: Timeline,
) -> PartialDate | None:
    """The day a news report's story is told of, for an act of its main story that has no
    date of its own and is told in the simple past: the latest day of the week up to the
    report's date the story has named ("on Thursday", "last night"), else the report's date.
    None outside a dated report, in a paragraph about another time, in a clause of another
    time ("had flown", "will meet", "since", "earlier", "in 2001") or in a quotation."""
    report = time.report
    if report is None or sent.doc != 0 or (doc is not None and doc.n):
        return None
    year = time.para_year.get(sent.paragraph)
    if year is not None and year != report.year:
        return None
    if sent.paragraph in time.para_other and not _STORY_EVENT.search(
        text, trig.start(), clause.end
    ):
        return None
    if text.count("\u201c", sent.span.start, trig.start()) > text.count(
        "\u201d", sent.span.start, trig.start()
    ) or text.count('"', sent.span.start, trig.start()) % 2:
        return None  # words quoted tell of no act of the story
    # the clause's own words (not a relative clause's it opens with) up to the trigger and
    # its complement, not what a "that" clause reports
    start = clause.start
    if re.search(r",\s*(?:who|which|whose|whom)\s*$", text[max(0, start - 10) : start]):
        start = max(start, text.rfind(",", start, trig.start()) + 1)
    said = re.compile(r"\bthat\b|[\"\u201c]").search(text, trig.end(), clause.end)
    if _NOT_STORY_TIME.search(text[start : said.start() if said else clause.end]):
        return None
    if any(m.group(1).lower() in _PARTICIPLES or m.group(1).lower().endswith("ed")
           for m in _HAD.finditer(text, start, trig.end())):
        return None  # "had flown to Moscow to meet X": before the story
    if not _past_simple(text, clause, trig, pat) or re.match(
        r"notes?\s+of\b", text[trig.start() : trig.end() + 4], re.I
    ):
        return None  # (nor "made note of the fact that ...": no note is sent)
    return time.story or report


@dataclass
class Timeline:
    """The dates in force while the text is read sentence by sentence: the previous
    sentence's dates, the year each paragraph tells of, the time each paragraph last named,
    the last visit or meeting's date (for "during that visit") and where it was told."""

    lead_paragraph: int | None
    near_day: set[int]
    prev_dates: list[Mention] = field(default_factory=list)
    para_year: dict[int, int] = field(default_factory=dict)
    para_date: dict[int, PartialDate] = field(default_factory=dict)
    last_event: PartialDate | None = None
    event_at: tuple[int, int] | None = None  # the document and paragraph of last_event
    # a news report's date, the day its story has reached, the paragraphs that have moved
    # to another time, and the date last named (for "two days later")
    report: PartialDate | None = None
    story: PartialDate | None = None
    para_other: set[int] = field(default_factory=set)
    last_date: PartialDate | None = None

    @classmethod
    def of(cls, a: Analysis, sentences: list[Sentence]) -> Timeline:
        """The timeline before the first sentence."""
        text = a.text
        return cls(
            next((x.paragraph for x in a.sentences if x.lead), None),
            {x.paragraph for x in sentences if _NEAR_DAY.search(text, x.span.start, x.span.end)},
            report=a.date if a.genre == "news" else None,
        )

    def _story_time(self, d: PartialDate) -> bool:
        """Whether a date named in a report is within its story's days."""
        r = self.report
        if r is None or d.year != r.year:
            return False
        if d.month is None or r.month is None:
            return True
        if d.day is None or r.day is None:
            return d.month == r.month
        back = (dt.date(r.year, r.month, r.day) - dt.date(d.year, d.month, d.day)).days
        return 0 <= back <= _STORY_WINDOW

    def _follow_story(self, text: str, sent: Sentence, dates: list[Mention]) -> None:
        """The day a report's story has reached, and whether this paragraph left it."""
        told = [
            d for d in dates
            if not re.search(r"\b(?:since|until|till|before|after)\s+(?:\w+\s+)?$",
                             text[max(0, d.span.start - 16) : d.span.start])
        ]
        if self.report is None or sent.doc != 0 or not told:
            return
        for d in told:
            if d.date.day is not None and self._story_time(d.date) and (
                self.story is None or exact_day(d.date) > exact_day(self.story)
            ):
                self.story = d.date
        if self._story_time(told[-1].date):
            self.para_other.discard(sent.paragraph)
        else:
            self.para_other.add(sent.paragraph)

    def advance(self, text: str, sent: Sentence, dates: list[Mention], found: list[Act]) -> None:
        """After a sentence: what it dated and named becomes the context of the next."""
        self.prev_dates = dates
        self._follow_story(text, sent, dates)
        if dates:
            self.last_date = max(dates, key=lambda d: d.span.start).date
        for x in found:
            if x.type in ("Visit", "Meeting") and x.date is not None:
                self.last_event = x.date
                self.event_at = (sent.doc, sent.paragraph)
        told_at = [  # a month named: the time of a story (a bare year may be background)
            d for d in dates
            if d.explicit and d.date.month is not None
            and not re.search(r"\b(?:since|until|till|before|after)\s+(?:\w+\s+)?$",
                              text[max(0, d.span.start - 16) : d.span.start])
        ]
        if told_at:
            self.para_date[sent.paragraph] = told_at[0].date
        if self.last_event is not None and any(
            d.explicit and d.date.year != self.last_event.year for d in dates
        ) and not any(x.type in ("Visit", "Meeting") for x in found):
            self.event_at = None  # the story has moved to another time
        opening = [d for d in dates if d.span.start - sent.span.start <= 40]
        if opening:  # "In 2017, ...", "An example is X in 2017": the paragraph's year now
            self.para_year[sent.paragraph] = opening[-1].date.year
        elif dates:
            self.para_year.pop(sent.paragraph, None)


def trigger_date(
    text: str,
    sent: Sentence,
    clause: Span,
    trig: re.Match[str],
    pat: Pattern,
    dates: list[Mention],
    doc: Document | None,
    text_date: PartialDate | None,
    year: int | None,
    time: Timeline,
) -> tuple[PartialDate | None, float, int | None] | None:
    """A trigger's date, its confidence penalty and the year its act is in: its own clause's
    date, a relative one ("last month"), an anniversary's, else one the context fixes; None
    when an anniversary cannot be dated (no act is claimed then)."""
    date, penalty = _date(text, sent, clause, trig, dates, time.prev_dates, pat.form == "passive")
    count = _LATER.search(text, clause.start, clause.end) or _AGO.search(
        text, clause.start, clause.end
    )
    # "Three months later, ... Barak informed Beijing; ... in 2002 ...", "When X recognized
    # Y on 15 October, Bonn broke off relations four days later": a count in the trigger's
    # own clause, with no date after it there, wins over the dates before it
    counted = count is not None and not any(
        # no date between the count and the trigger: it is the trigger's own time
        min(count.start(), trig.start()) < d.span.start < max(count.end(), trig.end())
        # nor a date of its own after it ("Four years later they met ... on 11 February")
        or trig.end() <= d.span.start < clause.end
        for d in dates
    )
    if date is None or counted:
        anchor = [d.date for d in dates if d.span.end <= (count.start() if count else clause.start)]
        rel, rel_penalty = relative_date(text, clause, doc, text_date, penalty,
                                         anchor[-1] if anchor else time.last_date)
        if rel is not None or date is None:
            date, penalty = rel, rel_penalty
    if pat.type == "Vote" and not dates and (date is None or date.month is None):
        # "The resolution was adopted on 10 November 1975 by 72 votes to 35. The Soviet
        # Union voted for it": the day of the vote the sentence before told of
        day = [d.date for d in time.prev_dates if d.date is not None and d.date.day]
        if day and (date is None or day[-1].year == date.year):
            date, penalty = day[-1], penalty + 0.1
    anniv = (
        _ANNIVERSARY.search(text, max(sent.span.start, trig.start() - 40), trig.start())
        if pat.form == "noun"
        else None
    )
    if anniv is not None:
        # the event is as many years before the date as the anniversary says;
        # without both, no date can be told and no act is claimed
        n = ordinal(anniv.group("n"))
        base = date or (PartialDate(year) if year else None)
        if n is None or base is None:
            return None
        date, penalty = PartialDate(base.year - n), penalty + 0.1
    act_year = date.year if date else year
    if (
        date is None
        and time.last_event is not None
        and _DURING_EVENT.search(
            text[max(sent.span.start, trig.start() - 80) : clause.end]
        )
    ):
        date, penalty = time.last_event, 0.1  # "during that visit": the visit's date
    if date is None:
        told = story_date(text, sent, clause, trig, pat, doc, time)
        if told is not None:  # an act of a news report's story: the story's day
            date, penalty = told, 0.1
    if (date is None and time.para_year.get(sent.paragraph) is not None
            and not _another_time(text, clause, trig)):
        # the year the paragraph is telling of, unless the clause steps out of it ("had
        # earlier recognized", "since", "until")
        date, penalty = PartialDate(time.para_year[sent.paragraph]), 0.1
    # a dated letter or record inside a collection dates what it says itself
    story = doc is None or not doc.n or doc.date is None
    if (date is None and story and time.report is None and time.last_event is not None
            and time.event_at == (sent.doc, sent.paragraph)
            and not _another_time(text, clause, trig)):
        # "X arrived in Israel on 10 November for a two-day visit. He met Y ...": in the
        # month of the visit or meeting the paragraph has just told of (a dated report
        # has its story's days for that)
        date, penalty = PartialDate(time.last_event.year, time.last_event.month), 0.15
    if date is None and story and pat.type in _SAID and sent.paragraph in time.para_date:
        # "In March 2006 X arrived ... Russian officials said that ...": said
        # at the time the paragraph tells of
        told = time.para_date[sent.paragraph]
        date, penalty = PartialDate(told.year, told.month), 0.1
    if (date is None and story and pat.type in _SAID and time.last_event is not None
            and time.event_at is not None and time.event_at[0] == sent.doc):
        # "Soviet officials insisted that ...", told just after the visit it
        # comments on: said at the time of that visit
        date, penalty = PartialDate(time.last_event.year, time.last_event.month), 0.1
    return date, penalty, act_year


def document_date(
    a: Analysis,
    sent: Sentence,
    pat: Pattern,
    trig: re.Match[str],
    act_type: str,
    dates: list[Mention],
    doc: Document | None,
    date: PartialDate | None,
    penalty: float,
    time: Timeline,
) -> tuple[PartialDate | None, float]:
    """Failing any other, the date the document or the entry's day gives an act."""
    # a present-tense act in a lead sentence or a letter happens on its date
    present = _present(trig.group(0), pat.form == "verb")
    if (
        date is None
        and doc is not None
        and doc.date is not None
        and present
        and ((sent.lead and doc.n == 0) or (doc.n and pat.form == "verb"))
    ):
        date, penalty = doc.date, 0.05
    if (
        date is None
        and doc is not None
        and doc.n
        and doc.date is not None
        and doc.date.month is not None
        and (doc.kind in ("PressStatement", "Memorandum", "Telegram")
             or pat.name == "meeting-our")
        and act_type not in RELATIONS
        and not _PAST_TIME.search(a.text, sent.span.start, sent.span.end)
    ):
        # a short document of a collection (a communiqué, a report) tells of
        # the days it is dated in, unless it names another time
        date, penalty = PartialDate(doc.date.year, doc.date.month), 0.1
    if (
        date is None
        and a.genre == "encyclopedia"
        and sent.doc == 0
        and sent.paragraph == time.lead_paragraph
        and a.date is not None
        and not dates
        # "restore relations, 23 years after X broke them off": not that day
        and not _PAST_TIME.search(a.text, sent.span.start, trig.end())
    ):
        # an entry "on this day": its opening paragraph tells of that day
        date, penalty = a.date, 0.1
    if (
        date is None
        and a.genre == "encyclopedia"
        and sent.doc == 0
        and a.date is not None
        and a.date.day is not None
        and not dates
        and time.para_year.get(sent.paragraph) in (None, a.date.year)
        and not _PAST_TIME.search(a.text, sent.span.start, sent.span.end)
        and (sent.paragraph in time.near_day
             or not _OTHER_TIME.search(a.text, sent.span.start, sent.span.end))
    ):
        # the rest of such an entry tells of the days around that day ("days
        # before the ceremony"), unless it says it moves on ("later"): its month
        date, penalty = PartialDate(a.date.year, a.date.month), 0.15
    return date, penalty
