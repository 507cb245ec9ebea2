"""Acts against each other: the same event told twice is one act, a weak statement that
only announces another act gives way to it, a letter without an addressee answers whoever
wrote to its author, words between two persons just shown meeting were said at that
meeting, a summary ("speeches by X, Y and Z") gives way to what it sums up.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.records import Act, PartialDate, Span
from kg.stages.acts.dating import exact_day
from kg.stages.acts.patterns import RELATIONS

_REPEATED = re.compile(
    r"\b(?:again|second|third|(?<!after\s)another|once\s+more|anew|re-?(?:newed|sumed|stored)|"
    r"first\s+met)\b",
    re.I,
)
_WEAK_STATEMENTS = frozenset(
    ["pattern:statement-verb", "pattern:statement-expressed", "pattern:statement-spoke-of"]
)
#: types whose repeated mention in one text is almost always the same event
_ONE_EVENT = RELATIONS | {"Visit", "Meeting", "Correspondence"}
_SYMMETRIC = RELATIONS - {"Recognition"} | {"Meeting", "Agreement"}


def prefer_specific(text: str, found: list[tuple[int, Act]]) -> list[tuple[int, Act]]:
    """One sentence's acts without the weak statements that only announce another act."""
    # prefer the most specific: a statement announcing another act is that act
    # ("X announced the restoration of relations", "the resumption ... was announced",
    # "in its note of May 2 it expressed its regret": the note is the act)
    others = [(p, x.type) for p, x in found if x.type != "PublicStatement"]
    parties = {h for _, x in found if x.type != "PublicStatement" for h in x.participants}
    found = [
        (p, x)
        for p, x in found
        if not (
            x.method in _WEAK_STATEMENTS
            # a third party's announcement is its own statement: "Sudan and Israel have
            # agreed to normalize relations, President Trump announced"
            and not (x.actors and parties and not set(x.actors) & parties)
            and not (
                # "X announced that Egypt had concluded a deal": a statement of its own,
                # unless what it announces is a change of relations or a letter
                x.trigger is not None
                and re.match(r"\s+that\b", text[x.trigger.end : x.trigger.end + 6])
                and all(t not in RELATIONS and t != "Correspondence" for _, t in others)
            )
            and any(
                0 <= o - p <= 60
                or ((t in RELATIONS or t == "Correspondence") and -120 <= o - p <= 60)
                for o, t in others
            )
        )
    ]
    return found


def drop_speech_summaries(acts: list[Act]) -> list[Act]:
    """"speeches by X, Y and Z" sums up what the text then tells speaker by speaker."""
    return [
        x for x in acts
        if not (x.method == "pattern:statement-speech-by" and any(
            y.type == "PublicStatement" and y.actors == x.actors and y is not x
            and y.method != x.method and 0 < y.evidence.start - x.evidence.start <= 1500
            and compatible(x.date, y.date)
            for y in acts
        ))
    ]


def drop_implied_visits(acts: list[Act]) -> list[Act]:
    """A reception implies a visit only when the text does not tell of that visit itself
    (the same parties within a fortnight or at a compatible date: not a visit years before)."""
    told = [x for x in acts if x.type == "Visit" and x.method != "pattern:visit-received"]
    return [x for x in acts if not (
        x.method == "pattern:visit-received"
        and any((y.actors, y.counterparts) == (x.actors, x.counterparts)
                and (compatible(x.date, y.date) or _days_apart(x.date, y.date) <= 14)
                for y in told)
    )]


def _days_apart(a: PartialDate | None, b: PartialDate | None) -> float:
    da, db = exact_day(a), exact_day(b)
    return float("inf") if da is None or db is None else abs((da - db).days)


def during_meetings(acts: list[Act]) -> list[Act]:
    """An undated (or only yearly dated) word from one person to another the text has just
    shown meeting him ("held talks with Sharon ... Sharon told Putin that") was said at that
    meeting."""
    out = list(acts)
    met: list[tuple[int, frozenset[str], PartialDate]] = []
    for i in sorted(range(len(acts)), key=lambda i: acts[i].evidence.start):
        x = acts[i]
        pair = frozenset(k for k in x.participants if k.startswith("person/"))
        if x.type == "Meeting" and x.date is not None and len(pair) >= 2:
            met.append((x.evidence.start, pair, x.date))
        elif x.type == "PublicStatement" and x.actors and x.counterparts and len(pair) == 2:
            before = [d for s, p, d in met if s < x.evidence.start and pair <= p]
            if before and (
                x.date is None
                or (_precision(x.date) < _precision(before[-1]) and compatible(x.date, before[-1]))
            ):
                conf = round(max(0.3, x.confidence - 0.1), 2)
                out[i] = replace(x, date=before[-1], confidence=conf)
    return out


def replies(acts: list[Act]) -> list[Act]:
    """A letter with no addressee, in a text where someone wrote to its author, answers
    that writer ("Sharett wrote to Molotov ... Molotov's letter of July 15")."""
    wrote_to: dict[str, str] = {}
    for x in acts:
        if x.type == "Correspondence" and len(x.actors) == 1 and len(x.counterparts) == 1:
            wrote_to.setdefault(x.counterparts[0], x.actors[0])
    out = []
    for x in acts:
        if (
            x.type == "Correspondence"
            and len(x.actors) == 1
            and not x.counterparts
            and x.method.startswith("pattern:")  # a document's heading says whom it is to
        ):
            writer = wrote_to.get(x.actors[0])
            if writer is None:
                # and a letter of someone who was written to answers back
                back = {v: k for k, v in wrote_to.items()}
                writer = back.get(x.actors[0])
            if writer is not None and writer != x.actors[0]:
                x = replace(x, counterparts=(writer,))
        out.append(x)
    return out


def trim(text: str, span: Span) -> Span:
    s, e = span.start, span.end
    while s < e and text[s] in " ,":
        s += 1
    while e > s and text[e - 1] in " ,":
        e -= 1
    return Span(s, e)


def _parties_key(x: Act) -> tuple:
    if x.type in _SYMMETRIC:
        return (x.type, frozenset(x.participants))
    return (x.type, x.actors, x.counterparts)


def compatible(a: PartialDate | None, b: PartialDate | None) -> bool:
    if a is None or b is None:
        return True
    return str(a) == str(b) or str(a).startswith(f"{b}-") or str(b).startswith(f"{a}-")


def _precision(d: PartialDate | None) -> int:
    return 0 if d is None else 1 + (d.month is not None) + (d.day is not None)


_VISIT_DAYS = 4  # days a state visit may be told over


def merge_repeats(text: str, acts: list[Act]) -> list[Act]:
    """Drop repeats.  In one sentence, the same act (type, parties, a compatible date) found
    twice is one act.  Across the text, an event-like act (relations, visits, meetings,
    letters) with the same parties and a compatible date is the same event mentioned again,
    unless its sentence says it happened again ("a second time"); the most precisely dated
    mention is kept."""
    kept: list[Act] = []
    for x in sorted(acts, key=lambda x: -_precision(x.date)):
        twin = None
        for i, y in enumerate(kept):
            if _parties_key(x) != _parties_key(y):
                continue
            if x.type == "Visit" and 0 < _days_apart(x.date, y.date) <= _VISIT_DAYS:
                # one visit told day by day ("arrived on Wednesday ... visited Yad Vashem
                # on Thursday"): the day it began
                if exact_day(x.date) < exact_day(y.date):  # type: ignore[operator]
                    kept[i] = x
                twin = i
                break
            if not compatible(x.date, y.date):
                continue
            same_sentence = x.evidence.start < y.evidence.end and y.evidence.start < x.evidence.end
            if same_sentence:
                twin = i
                break
            around = (
                text[max(x.evidence.start, x.trigger.start - 40) : x.trigger.end + 60]
                if x.trigger
                else x.evidence.of(text)
            )
            same_day = x.date is not None and x.date.day is not None and x.date == y.date
            if (x.type in _ONE_EVENT or same_day) and not _REPEATED.search(around):
                if y.method.startswith("document:") and y.doc == x.doc and x.doc:
                    continue  # a letter that mentions another letter is not that letter
                twin = i
                break
        if twin is None:
            kept.append(x)
    order = {id(x): n for n, x in enumerate(acts)}
    return sorted(kept, key=lambda x: order[id(x)])
