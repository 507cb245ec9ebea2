"""Acts no trigger tells of itself: those of inner documents' headings (a letter, a press
or joint statement), the repeats a sentence adds without a verb ("and in Moscow in January
2018"), and those told by pointing back at a change of relations ("did the same",
"followed", "announced its decision").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from kg.records import Act, Analysis, Document, Mention, PartialDate, Sentence, Span, entity_key
from kg.stages.acts.arguments import Part, dedupe, list_chain
from kg.stages.acts.merge import compatible, trim
from kg.stages.acts.world import World

# "met X in Sochi in August 2017 and in Moscow in January 2018": the same kind of act again
_GAP_SHORT = re.compile(
    r"\s*,?\s*and\s+(?:again\s+|later\s+|once\s+more\s+)?(?:(?:in|at)\s+(?:the\s+)?"
    r"(?-i:[A-Z])[\w’'-]*(?:\s+(?-i:[A-Z])[\w’'-]*)*\s+)?(?:in|on)\s+(?:early\s+|late\s+)?",
    re.I,
)
_GAP_AGAIN = re.compile(
    r"[^.;:]{0,100}?,\s*and\s+(?:again|once\s+more)\s+(?:in|on)\s+(?:early\s+|late\s+)?", re.I
)
_FINITE = re.compile(r"\b(?:\w+ed|was|were|is|are|had|has|met|went|came|flew|said|told)\b", re.I)


_DECISION = re.compile(r"\s+(?:its|his|her|their|the)\s+(?:decision|move|step)\b", re.I)


def announced_decision(text: str, x: Act, ref: Act, world: World) -> Act:
    """"X broke off relations with Y. Moscow announced its decision on June 10": the
    announcement of the change of relations just told of is that change, on that day."""
    if (
        x.type != "PublicStatement"
        or x.trigger is None
        or not _DECISION.match(text, x.trigger.end)
        or not {world.home(k) for k in x.actors} & {world.home(k) for k in ref.actors}
        or not compatible(x.date, ref.date)
    ):
        return x
    return replace(ref, evidence=x.evidence, doc=x.doc, trigger=x.trigger,
                   date=x.date or ref.date, method="pattern:announced-decision",
                   confidence=round(max(0.3, ref.confidence - 0.1), 2))


_RETURNED = re.compile(r"\band\s+returned\s+(?:there\s+)?(?:in|on)\s+(?:early\s+|late\s+)?$", re.I)


def gapped_repeats(text: str, sent: Sentence, dates: list[Mention], act: Act) -> list[Act]:
    """Repeats of a visit or meeting the sentence adds without a verb of their own ("and
    again in May"), and a return visit ("and returned in November 2003")."""
    if act.type not in ("Visit", "Meeting") or act.date is None or act.trigger is None:
        return []
    if act.type == "Visit":
        # "travelled to Moscow in September 2001 and returned in November 2003"
        back = [d for d in dates if d.explicit and d.span.start > act.trigger.end
                and _RETURNED.search(text, act.trigger.end, d.span.start)]
        if back:
            d = back[0]
            at = text.rfind("returned", act.trigger.end, d.span.start)
            return [replace(act, evidence=Span(at, d.span.end), date=d.date,
                            method=act.method + "+returned",
                            confidence=round(max(0.3, act.confidence - 0.1), 2),
                            trigger=Span(at, at + len("returned")))]
    own = [d for d in dates if d.date == act.date and d.span.start >= act.trigger.end]
    if not own:
        return []
    out, last = [], own[0]
    for d in sorted(dates, key=lambda d: d.span.start):
        if d.span.start <= last.span.end or not d.explicit:
            continue
        gap = text[last.span.end : d.span.start]
        if not (_GAP_SHORT.fullmatch(gap) or (_GAP_AGAIN.fullmatch(gap)
                                               and not _FINITE.search(gap))):
            break
        rest = re.match(r"[^,;.]*", text[d.span.end : sent.span.end]).group(0)
        if _FINITE.search(rest):
            break  # "..., and in January 1955 Hacohen led a delegation": a verb of its own
        at = last.span.end + gap.lower().rfind("and")
        out.append(replace(act, evidence=Span(at, d.span.end), date=d.date,
                           method=act.method + "+gapped",
                           confidence=round(max(0.3, act.confidence - 0.1), 2),
                           trigger=Span(at, at + 3)))
        last = d
    return out


def heading_acts(documents: tuple[Document, ...]) -> list[Act]:
    acts = []
    for d in documents[1:]:
        if d.heading is None or d.author is None:
            continue
        if d.kind in ("Letter", "Telegram", "Note", "Memorandum"):
            acts.append(
                Act(
                    "Correspondence",
                    d.heading,
                    d.n,
                    f"document:{d.kind.lower()}",
                    0.95,
                    actors=(d.author,),
                    # an envoy's report to his own ministry: no counterpart to name
                    counterparts=(d.recipient,) if d.recipient and d.recipient != d.author else (),
                    date=d.date,
                )
            )
        elif d.kind == "PressStatement":
            acts.append(
                Act(
                    "PublicStatement",
                    d.heading,
                    d.n,
                    "document:press-statement",
                    0.95,
                    actors=(d.author,),
                    date=d.date,
                )
            )
    return acts


def drop_document_voice(
    text: str, acts: list[Act], documents: tuple[Document, ...], home: Callable[[str], str]
) -> list[Act]:
    """A collection's note that "condemns", "declares" or "has warned" in its author's
    name is itself the act (its Correspondence); what its author's voice says in the
    present is no statement of its own.  One told in the past ("on June 5 the Soviet
    Government stated") is."""
    docs = {d.n: d for d in documents}

    def own_voice(x: Act) -> bool:
        d = docs.get(x.doc)
        if not x.doc or d is None or d.author is None or x.trigger is None:
            return False
        voice = {d.author, home(d.author)}
        word = text[x.trigger.start : x.trigger.end].split()[0].lower()
        return set(x.actors) <= voice and not _SIMPLE_PAST.fullmatch(word)

    return [x for x in acts if not (
        x.type == "PublicStatement" and x.method.startswith("pattern:") and own_voice(x)
    )]


def proposals_in_letters(text: str, acts: list[Act]) -> list[Act]:
    """A letter that proposes, offers, invites or asks ("wrote to Eisenhower ...,
    proposing a summit") is also a Proposal to its addressee; a Proposal told in the same
    sentence as its letter ("In a letter to Nehru, Zhou proposed") is made to the letter's
    addressee."""
    out = list(acts)

    def told_with(letter: Act) -> list[int]:
        """The Proposals its own sentence tells by the letter's writer."""
        return [i for i, y in enumerate(out) if y.type == "Proposal"
                and set(y.actors) == set(letter.actors) and y.evidence == letter.evidence]

    for i, x in enumerate(out):
        if x.type != "Correspondence" or x.counterparts:
            continue
        # "Eisenhower's letter of 7 November urged Ben-Gurion to withdraw": whom the letter
        # asks is whom it was sent to
        asked = [out[j] for j in told_with(x) if out[j].counterparts]
        if asked:
            out[i] = replace(x, counterparts=asked[0].counterparts)
    letters = [x for x in out if x.type == "Correspondence" and x.counterparts and x.trigger]
    for x in letters:
        m = _PROPOSING.search(text, x.trigger.end, x.evidence.end)
        told = told_with(x)
        for i in told:
            if not out[i].counterparts:
                out[i] = replace(out[i], counterparts=x.counterparts)
        if m is not None and not told:
            out.append(replace(x, type="Proposal", method="pattern:proposal-in-letter",
                               trigger=Span(*m.span(1)),
                               confidence=round(max(0.3, x.confidence - 0.1), 2)))
    return out


# "..., proposing an immediate summit": the letter's participle, in its own sentence part
_PROPOSING = re.compile(
    r"[^.;]{0,150}?\b(proposing|offering|inviting|urging|requesting|suggesting|"
    r"asking\s+(?:him|her|them|the\s+\w+\s+government)\s+to)\b"
    # (offering condolences is no offer)
    r"(?!\s+(?:his\s+|her\s+|their\s+|its\s+)?[\"“]?(?:condolences|sympathy|congratulations|"
    r"thanks|regrets?|apolog))"
)


_SIMPLE_PAST = re.compile(r"[a-z]+ed|said|told|made|gave|sent|wrote|spoke|issued")


_FOLLOWED = re.compile(
    r"\s+(?:soon\s+|quickly\s+|later\s+)?followed(?:\s+suit)?"
    r"(?=\s*(?:[.;,]|later|soon|in\b|on\b|the\s+same|that\s+same|within))"
)
_THAT_MONTH = re.compile(r"\b(?:later|earlier)?\s*(?:in\s+)?(?:that|the\s+same)\s+month\b")
_THAT_YEAR = re.compile(r"\b(?:later|earlier)?\s*(?:in\s+)?(?:that|the\s+same)\s+year\b")


def followed(
    text: str, sent: Sentence, parts: list[Part], dates: list[Mention], prev: Act, world: World
) -> Act | None:
    """"Poland followed later that month": the act the previous sentence told of, by the
    state this sentence opens with, towards the party of that act the text is most about."""
    first = next((p for p in parts if p.start - sent.span.start <= 4), None)
    if first is None or first.place or len(first.keys) != 1:
        return None
    actor = first.keys[0]
    if not actor.startswith("state/"):
        return None
    m = _FOLLOWED.match(text, first.end)
    if m is None:
        return None
    others = [k for k in prev.participants if k != actor and world.home(k) != actor]
    if not others:
        return None
    other = max(others, key=lambda k: world.total[world.home(k)])
    rest = text[m.end() : sent.span.end]
    date = next((d.date for d in dates if d.explicit and d.span.start >= m.end()), None)
    if date is None and prev.date is not None:
        if _THAT_MONTH.match(rest.strip()) and prev.date.month is not None:
            date = PartialDate(prev.date.year, prev.date.month)
        elif _THAT_YEAR.match(rest.strip()):
            date = PartialDate(prev.date.year)
    return Act(
        prev.type,
        sent.span,
        sent.doc,
        "pattern:followed",
        0.7,
        actors=(actor,),
        counterparts=(world.home(other),),
        date=date,
        trigger=Span(m.start(), m.end()),
    )


# "X, Y and Z did the same", "followed suit", "as did X and Y": the act just told of,
# by each listed state
_SAME = re.compile(
    r"\b(?:did\s+(?:the\s+same|likewise|so\s+too)|followed\s+suit|"
    r"followed(?=\s*(?:[.;,]|later|soon|shortly|within|in\s+\d|the\s+same|that\s+same|$)))",
    re.I,
)
_AS_DID = re.compile(r"\bas\s+did\s+", re.I)
_SOON = re.compile(r"^\s*(?:within\s+(?:days|a\s+week|weeks|hours)|soon|shortly|immediately|"
                   r"quickly|the\s+(?:same|next)\s+(?:day|week)|(?:later\s+)?that\s+month|"
                   r"in\s+the\s+same\s+month)\b", re.I)
_SAME_YEAR = re.compile(r"^\s*(?:later\s+)?(?:that|the\s+same)\s+year\b|^\s*within\s+months\b",
                        re.I)
# ", and Bulgaria a few months later": an elliptical member of the list
_ELLIPSIS = re.compile(
    r"^\s*(?:(?:a\s+few|several|some|two|three|four|six)\s+(?:days|weeks|months)\s+later|"
    r"later|soon\s+after(?:wards)?|shortly\s+after(?:wards)?)?\s*[.;]?\s*$",
    re.I,
)


def _state_list(parts: list[Part], text: str, anchor: int, before: bool, lo: int, hi: int,
                world: World) -> list[tuple[str, Part]]:
    """The states of a coordinated list that ends (``before``) or starts at ``anchor``."""
    cand = sorted((p for p in parts if lo <= p.start and p.end <= hi and len(p.keys) == 1),
                  key=lambda p: p.start)
    if before:
        cand = [p for p in cand if p.end <= anchor]
        if not cand or not re.fullmatch(r"\s*(?:[a-z]+\s+)?", text[cand[-1].end : anchor]):
            return []
        chain = list_chain(text, cand, backwards=True)
    else:
        cand = [p for p in cand if p.start >= anchor]
        if not cand or not re.fullmatch(r"\s*(?:the\s+)?", text[anchor : cand[0].start]):
            return []
        chain = list_chain(text, cand)
    keys = [(world.home(p.keys[0]), p) for p in chain]
    return keys if all(k.startswith("state/") for k, _ in keys) else []


def same_acts(
    text: str, sent: Sentence, clauses: list[Span], parts: list[Part], dates: list[Mention],
    ref: Act, world: World,
) -> list[Act]:
    """"Poland and Hungary did the same in 1990, and Bulgaria a few months later": the act
    ``ref`` (the change of relations just told of) again, once for each state listed, with
    the same other party."""
    out: list[Act] = []
    for ci, clause in enumerate(clauses):
        m = _SAME.search(text, clause.start, clause.end)
        later: list[tuple[str, Part]] = []
        end = clause.end
        if m is not None:
            listed = _state_list(parts, text, m.start(), True, clause.start, m.start(), world)
            rest_start = m.end()
            # elliptical members after it: ", and Bulgaria a few months later"
            for nxt in clauses[ci + 1 :]:
                extra = _state_list(parts, text, nxt.start, False, nxt.start, nxt.end, world)
                tail_from = max((p.end for p in parts if nxt.start <= p.start < nxt.end),
                                default=nxt.start)
                if not extra or not _ELLIPSIS.match(text[tail_from : nxt.end]):
                    break
                later += extra
                end = nxt.end
        else:
            m = _AS_DID.search(text, clause.start, clause.end)
            if m is None:
                continue
            listed = _state_list(parts, text, m.end(), False, m.end(), clause.end, world)
            rest_start = m.end()
        if not listed:
            continue
        names = {k for k, _ in listed + later}
        others = [k for k in (ref.counterparts or ref.actors)
                  if world.home(k) not in names and k not in names]
        if not others:
            continue
        if len(others) > 1 and not ref.counterparts:
            # "X and Y restored relations ... Z did the same": with the one the text is about
            others = [max(others, key=lambda k: world.total[world.home(k)])]
        rest = text[rest_start : clause.end]
        own = [d for d in dates if d.explicit and rest_start <= d.span.start < clause.end]
        date = own[0].date if own else None
        if date is None and ref.date is not None:
            if _SOON.match(rest) and ref.date.month is not None:
                date = PartialDate(ref.date.year, ref.date.month)
            elif _SAME_YEAR.match(rest) or (m.re is _AS_DID):
                date = ref.date if m.re is _AS_DID else PartialDate(ref.date.year)
        for group, d in ((listed, date), (later, PartialDate(date.year) if date else None)):
            for k, part in group:
                if k in ref.actors and date == ref.date:
                    continue
                # one evidence per state (an act's IRI comes from its evidence span)
                out.append(
                    Act(
                        ref.type,
                        trim(text, Span(part.start, max(end, m.end()))),
                        sent.doc,
                        "pattern:did-the-same",
                        0.7,
                        actors=(k,),
                        counterparts=tuple(dedupe(others)),
                        date=d,
                        trigger=Span(m.start(), m.end()),
                    )
                )
    return out


_JOINT = re.compile(
    r"^\W*JOINT\s+(?P<a>[A-Z][\w]+)-(?P<b>[A-Z][\w]+)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:STATEMENT|COMMUNIQU[EÉ]|DECLARATION)\b",
    re.I,
)


def joint_heading_acts(a: Analysis, world: World) -> list[Act]:
    """"JOINT SOVIET-AMERICAN STATEMENT": a public statement of both states the heading's
    adjective pair names."""
    acts = []
    auth = a.authority
    if auth is None:
        return acts
    for d in a.documents[1:]:
        if d.heading is None or d.author is not None or d.kind != "PressStatement":
            continue
        m = _JOINT.match(d.heading.of(a.text))
        if m is None:
            continue
        year = d.date.year if d.date else None
        states = [auth.lookup(m.group(g), kind="State", year=year) for g in ("a", "b")]
        if any(st is None for st in states) or states[0] == states[1]:
            continue
        acts.append(
            Act(
                "PublicStatement",
                d.heading,
                d.n,
                "document:joint-statement",
                0.9,
                actors=tuple(world.use(entity_key(st)) for st in states),
                date=d.date,
            )
        )
    return acts
