"""Stage ``acts``: sentences → diplomatic acts, by trigger patterns with argument roles.

Each pattern is a verb or noun trigger ("severed diplomatic relations", "X's visit to Y")
of one act type.  Arguments come from the resolved mentions around the trigger: the
subject to its left (or "by X" for a passive, "X's" for a noun), the object or the
"with"/"to"/"between" phrase to its right.  The date is the one in the trigger's clause,
never invented: a partial date stays partial.  Negated, hypothetical or modal triggers
("did not materialize", "was ready to resume", "would") give no act.  Precision first: an
act needs at least one resolved participant and whatever its type cannot do without.
Inner documents of a collection give acts of their own: a letter is a correspondence of
its author to its recipient, a press statement a public statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kg.records import Act, Analysis, Document, Mention, PartialDate, Sentence, Span
from kg.stages import Stage

_REL = (
    r"(?:(?:full|formal|normal|official|its|their|the|diplomatic|all|harmonious|and)\s+){0,4}"
    r"(?:relations|ties|relationship)"
)
_DREL = r"(?:(?:full|formal|normal|official|its|their|the)\s+){0,3}diplomatic\s+(?:relations|ties)"


@dataclass(frozen=True)
class Pattern:
    """One trigger: act type, form ("verb", "noun", "passive") and base confidence."""

    name: str
    type: str
    form: str
    regex: re.Pattern[str]
    confidence: float


def _p(name: str, type_: str, form: str, regex: str, conf: float = 0.9) -> Pattern:
    return Pattern(name, type_, form, re.compile(regex, re.I), conf)


PATTERNS: tuple[Pattern, ...] = (
    _p(
        "severance-verb",
        "SeveranceOfRelations",
        "verb",
        rf"\b(?:severed|severs|sever|broke\s+off|broken\s+off|break\s+off|breaks\s+off|cut\s+off|"
        rf"cuts\s+off|ruptured|suspended)\s+{_REL}",
    ),
    _p(
        "severance-gerund",
        "SeveranceOfRelations",
        "noun",
        rf"\b(?:severing|breaking\s+off|cutting\s+off)\s+{_REL}",
        0.8,
    ),
    _p(
        "severance-passive",
        "SeveranceOfRelations",
        "passive",
        rf"\b{_REL}(?:\s+[\w’']+){{0,5}}?\s+(?:were|was|had\s+been|have\s+been|being)\s+"
        rf"(?:severed|broken\s+off|cut\s+off|ruptured)",
        0.8,
    ),
    _p(
        "severance-noun",
        "SeveranceOfRelations",
        "noun",
        rf"\b(?:severance|rupture|breaking\s+off|break)\s+(?:of|in)\s+{_REL}",
        0.8,
    ),
    _p(
        "resumption-verb",
        "ResumptionOfRelations",
        "verb",
        rf"\b(?:resumed?|resumes|restored?|restores|renew(?:ed|s)?|re-?establish(?:ed|es)?)\s+{_REL}",
    ),
    _p(
        "resumption-noun",
        "ResumptionOfRelations",
        "noun",
        rf"\b(?:resumption|restoration|renewal|re-?establishment)\s+of\s+{_REL}",
        0.85,
    ),
    _p(
        "resumption-passive",
        "ResumptionOfRelations",
        "passive",
        rf"\b{_REL}(?:\s+[\w’']+){{0,5}}?\s+(?:were|was|had\s+been|have\s+been)\s+"
        rf"(?:resumed|restored|renewed|re-?established)",
        0.8,
    ),
    _p(
        "establishment-verb",
        "EstablishmentOfRelations",
        "verb",
        rf"\bestablish(?:ed|es)?\s+{_DREL}",
    ),
    _p(
        "establishment-noun",
        "EstablishmentOfRelations",
        "noun",
        rf"\bestablishment\s+of\s+{_DREL}",
        0.8,
    ),
    _p(
        "consular-verb",
        "EstablishmentOfConsularRelations",
        "verb",
        r"\b(?:established|establish|opened|open|set\s+up)\s+(?:\w+\s+){0,2}?consular\s+"
        r"(?:ties|relations|delegation|mission|office|section)",
    ),
    _p(
        "consular-noun",
        "EstablishmentOfConsularRelations",
        "noun",
        r"\b(?:creation|establishment|opening)\s+of\s+(?:an?\s+|the\s+)?(?:\w+\s+)?consular\s+"
        r"(?:ties|relations|delegation|mission|office|section)",
        0.85,
    ),
    _p("recognition-verb", "Recognition", "verb", r"\brecogni[sz](?:ed|es|e)\b"),
    _p("recognition-noun", "Recognition", "noun", r"\brecognition\s+of\b", 0.8),
    _p("visit-verb", "Visit", "verb", r"\bvisit(?:ed|s)?\s+(?!to\b)"),
    _p("visit-noun", "Visit", "noun", r"\bvisits?\s+to\s+", 0.85),
    _p(
        "meeting-verb",
        "Meeting",
        "verb",
        r"\b(?:met|meets|meet)\s+(?:with\s+)?|\b(?:spoke|speaks|talked|conferred)\s+with\s+",
    ),
    _p(
        "meeting-noun",
        "Meeting",
        "noun",
        r"\b(?:meeting|talks|conversations?|consultations|discussions|news\s+conference)\s+"
        r"(?:with|between)\s+",
        0.85,
    ),
    _p(
        "letter-wrote-to",
        "Correspondence",
        "verb",
        r"\b(?:wrote|writes|telegraphed|cabled)\s+(?:\w+\s+){0,2}?to\s+",
    ),
    _p(
        "letter-sent",
        "Correspondence",
        "verb",
        r"\bsen[dt]s?\s+(?:\w+\s+){0,3}?(?:letter|message|note|telegram|cable)s?\b(?:\s+to\s+)?",
    ),
    _p(
        "letter-exchange",
        "Correspondence",
        "noun",
        r"\bexchange\s+of\s+(?:letters|notes|messages|telegrams)\s+between\s+",
        0.85,
    ),
    _p(
        "letter-noun",
        "Correspondence",
        "noun",
        r"\b(?:letter|note|telegram|reply)\b(?=,?\s+(?:of|dated)\s+(?:\d|[A-Z]))|"
        r"(?<=['’]s\s)(?:letter|note|telegram)\b|(?<=\bhis\s)letter\b",
        0.8,
    ),
    _p(
        "statement-verb",
        "PublicStatement",
        "verb",
        r"\b(?:declared|announced|announces|declares|stated)\b",
        0.8,
    ),
    _p(
        "statement-issued",
        "PublicStatement",
        "verb",
        r"\b(?:issued|released|made|published)\s+(?:a|an)\s+(?:\w+\s+){0,2}?"
        r"(?:statement|declaration|communiqu[eé])\b",
    ),
    _p(
        "agreement-signed",
        "Agreement",
        "verb",
        r"\bsign(?:ed|s|ing)?\s+(?:\w+\s+){0,4}?(?:agreements?|treaty|accord|pact)\b",
    ),
    _p(
        "agreement-passive",
        "Agreement",
        "passive",
        r"\b(?:agreements?|treaty|accord)\b[^.;]{0,80}?\b(?:was|were|has\s+been|have\s+been)"
        r"\s+signed\b",
        0.8,
    ),
    _p(
        "vote",
        "Vote",
        "verb",
        r"\bvot(?:ed|es)\s+(?:in\s+favou?r\s+of|for|against|to)\b|\babstained\b",
    ),
    _p(
        "arms-transfer",
        "ArmsTransfer",
        "noun",
        r"\b(?:arms|weapons?|weaponry)\s+(?:deal|shipments?|sales?|supplies)\b|"
        r"\bshipments?\s+of\s+(?:arms|weapons?|weaponry)\b|\b(?:sale|sales)\s+of\s+(?:arms|weapons?)\b",
        0.8,
    ),
    _p(
        "arms-supply",
        "ArmsTransfer",
        "verb",
        r"\b(?:supply|supplied|supplies|supplying|sending|sent|provide|provided)\s+"
        r"(?:\w+\s+)?(?:with\s+)?(?:arms|weapons?|weaponry)\b",
    ),
    _p(
        "arms-passive",
        "ArmsTransfer",
        "passive",
        r"\b(?:arms|weapons?|weaponry)\s+(?:were\s+|was\s+)?(?:provided|sent|supplied|shipped)\s+"
        r"(?=by|from)",
        0.85,
    ),
    _p("proposal-verb", "Proposal", "verb", r"\bpropos(?:ed|es)\b|\bput\s+forward\b", 0.85),
)

# words before the trigger (in its clause) that make it unreal: negation, modality, wishes
_NEGATION = re.compile(
    r"\b(?:not|n't|never|no|without|failed|fail|refus(?:e|ed|al)|cancel(?:l)?ed|instead|"
    r"demand(?:s|ed)?|urg(?:e|ed|es|ing)|called\s+on|calling\s+on|ask(?:s|ed)?|"
    r"request(?:s|ed)?|pressure|pressed)\b",
    re.I,
)
_MODAL = re.compile(
    r"\b(?:would|should|could|might|(?-i:may)|will|shall|must|can|cannot|"
    r"hopes?|hoped|hoped-for|hoping|wish(?:es|ed)?|want(?:s|ed)?|ready|prepared|willing|"
    r"willingness|expect(?:s|ed|ation|ations)?|possible|possibility|likely|liable|plan(?:s|ned)?|"
    r"intends?|intended|intention|desire[sd]?|aim(?:s|ed)?|seek(?:s|ing)?|sought|tried|try|"
    r"attempts?|refus(?:e|ed|al)|if|unless|whether|rule|failed|fail|cancel(?:l)?ed|"
    r"conditional|dependent|depends?|question|issue|idea|accused|alleg(?:e|ed)|"
    r"claimed|denied|rumou?red|threat(?:en|ened)?|without|instead|refrain(?:ed)?|avoid(?:ed)?|"
    r"consider(?:s|ed)?|offer(?:s|ed)?)\b",
    re.I,
)
_NEGATED_AFTER = re.compile(
    r"\b(?:did\s+not\s+(?:materiali[sz]e|take\s+place|happen|succeed|bear\s+fruit)|"
    r"never\s+(?:took\s+place|happened|materiali[sz]ed)|was\s+(?:later\s+)?cancel(?:l)?ed|"
    r"was\s+rejected|failed)\b",
    re.I,
)
_INFINITIVE = re.compile(r"\bto\s+$")
_REAL_INFINITIVE = re.compile(
    r"(?:\b(?:first|second|last|only)\s+(?:\w+\s+){0,3}to|\beffort\s+to|\brushed\s+to|"
    r"\bcontinued\s+to|\bwent\s+on\s+to|\bhastened\s+to|\bmoved\s+to)\s+$",
    re.I,
)
_CLAUSE_BREAK = re.compile(
    r";|:|\s[–—]\s|\(|\)|,\s+(?:and|but|while|which|whereas|although|though|when|where|who)\b|"
    r"\s+and\s+(?=\w+ing\b)"
)
_PREPS: frozenset[str] = frozenset(
    [
        "with",
        "to",
        "of",
        "from",
        "by",
        "between",
        "for",
        "against",
        "on",
        "in",
        "at",
        "toward",
        "towards",
        "into",
        "over",
        "about",
        "than",
        "like",
        "under",
        "via",
        "and",
        "upon",
        "among",
    ]
)
_SUBJ_PREPS = _PREPS - {"and"}
_SKIP_BEFORE = re.compile(r"(?:\b(?:the|a|an|Mr\.|Mrs\.|Dr\.|[A-Z][a-z]+|de|of\s+the)\s+)*$")
_SUBJ_PREPS = _PREPS - {"and"}
_POSSESSIVE = re.compile(r"^['’]s\b")
_REPORTING = re.compile(
    r"\b(?:said|says|told|tells|reported|reports|stated|wrote|informed|according\s+to)\b", re.I
)
_CONNECTIVE = re.compile(
    r"^(?:As\s+a\s+(?:result|consequence)|At\s+the\s+same\s+time|Following\s+this|"
    r"Subsequently|Consequently|Thereafter|Soon\s+after|Shortly\s+after(?:wards)?)\b"
)
_PRONOUN_POSS = re.compile(r"\b(?:his|her|their|its)\s+(?:\w+\s+){0,2}$", re.I)

RELATIONS = frozenset(
    {
        "Recognition",
        "EstablishmentOfRelations",
        "SeveranceOfRelations",
        "ResumptionOfRelations",
        "EstablishmentOfConsularRelations",
    }
)


@dataclass(frozen=True)
class _Part:
    """A participant mention as the act patterns see it."""

    start: int
    end: int
    keys: tuple[str, ...]
    prep: str  # the word just before it, lower case ("" at the clause start)
    possessive: bool
    place: bool


def _clauses(text: str, span: Span) -> list[Span]:
    out = []
    s = span.start
    for m in _CLAUSE_BREAK.finditer(text, span.start, span.end):
        if m.start() > s:
            out.append(Span(s, m.start()))
        s = m.end()
    if s < span.end:
        out.append(Span(s, span.end))
    return out


_GOVERNMENT_OF = re.compile(
    r"\b(?:Government|government|Ministry\s+of\s+Foreign\s+Affairs|people|representatives?|"
    r"leadership|authorities)\s+of\s+(?:the\s+)?$"
)


def _parts(text: str, sent: Sentence, mentions: list[Mention]) -> list[_Part]:
    out = []
    titles = [
        m.title_span.start for m in mentions if m.kind == "Envoy" and m.title_span and m.entity
    ]
    for m in mentions:
        if m.kind == "Date" or not (m.entity or m.group):
            continue
        if m.sense == "modifier":
            continue
        if m.kind == "State" and any(
            0 <= t - m.span.end <= 30
            and re.fullmatch(r"(?:['’]s)?(?:\s+[A-Za-z-]+){0,3}\s*", text[m.span.end : t])
            for t in titles
        ):
            continue  # "Soviet" in "Soviet Prime Minister Nikolai Bulganin"
        keys = m.group or (m.entity,)
        start = m.title_span.start if m.title_span else m.span.start
        before = text[sent.span.start : start]
        # step back over the title words and articles in front of the name
        b = _SKIP_BEFORE.search(before)
        core = before[: b.start()] if b else before
        w = re.search(r"([A-Za-z']+)\W*$", core)
        prep = w.group(1).lower() if w else ""
        # "Poland's permanent representative to the UN, Beretsky": the name's own title
        if m.kind == "Envoy" and re.search(r",\s*$", before) and m.title:
            prep = ""
        gov = _GOVERNMENT_OF.search(before)
        if gov:
            start = gov.start()
            w = re.search(
                r"([A-Za-z']+)\W*$", re.sub(r"(?:\b(?:the|a|an)\s+)*$", "", before[: gov.start()])
            )
            prep = w.group(1).lower() if w else ""
        out.append(
            _Part(
                start,
                m.span.end,
                tuple(keys),
                prep,
                bool(_POSSESSIVE.match(text[m.span.end : m.span.end + 3])),
                m.sense == "place",
            )
        )
    return out


def _unreal(text: str, clause: Span, trig: re.Match[str], form: str) -> bool:
    """Negated, modal or hypothetical: the words before the trigger in its clause say so."""
    before = text[clause.start : trig.start()]
    if _MODAL.search(before):
        return True
    if _NEGATION.search(" ".join(before.split()[-6:])):
        return True
    if (
        form == "verb"
        and re.search(
            r"(?:\b(?:the|a|an|that|this|his|her|their|its|such|our|my)|['’]s)\s+$", before, re.I
        )
        and (
            re.match(r"(?:visit|propos|announc|declar|restor|renew|resum)", trig.group(0), re.I)
            and not re.match(r"visits?\s+to", trig.group(0), re.I)
        )
    ):
        return True  # a participle or noun, not the verb: "the proposed conference"
    if _INFINITIVE.search(before) and not _REAL_INFINITIVE.search(before):
        return True
    after = text[trig.end() : clause.end]
    return bool(_NEGATED_AFTER.search(after[:80]))


def _states(keys: list[str]) -> list[str]:
    return [k for k in keys if k.startswith("state/")]


def _dedupe(keys: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for k in keys:
        if k not in out:
            out.append(k)
    return tuple(out)


def _roles(
    pat: Pattern, text: str, clause: Span, sent: Sentence, trig: re.Match[str], parts: list[_Part]
) -> tuple[list[str], list[str], str | None]:
    """Actors, counterparts and place of a trigger."""
    ts, te = trig.span()
    left = [p for p in parts if p.end <= ts]
    right = [p for p in parts if p.start >= te]
    in_clause_left = [p for p in left if p.start >= clause.start]
    in_clause_right = [p for p in right if p.end <= clause.end]
    actors: list[str] = []
    counter: list[str] = []
    place: str | None = None

    # "between X and Y" right after the trigger (or inside it)
    tail = text[ts : min(clause.end, te + 40)]
    if re.search(r"\bbetween\s", tail):
        after_between = [
            p
            for p in right + [p for p in parts if ts <= p.start < te]
            if p.start >= ts + tail.index("between")
        ]
        after_between.sort(key=lambda p: p.start)
        gap = text[after_between[0].end : after_between[1].start] if len(after_between) >= 2 else ""
        if len(after_between) >= 2 and re.search(r"\band\b", gap) and len(gap) < 40:
            actors += after_between[0].keys
            counter += after_between[1].keys
            return actors, counter, None

    # the object or the "with/to" phrase
    obj = [p for p in in_clause_right if not p.place]
    places = [p for p in in_clause_right if p.place]
    if pat.type in ("Visit",):
        dest = next((p for p in in_clause_right if p.start - te <= 12), None)
        if dest is not None:
            if dest.place:
                place = dest.keys[0]
            else:
                counter += dest.keys
    elif pat.type == "Recognition":
        if (
            obj
            and re.fullmatch(
                r"\s*(?:the\s+)?(?:(?:State|Government)\s+of\s+(?:the\s+)?)?",
                text[te : obj[0].start],
                re.I,
            )
            and len(obj[0].keys) == 1
            and not obj[0].possessive
        ):
            counter += obj[0].keys
    else:
        for p in obj:
            if p.start - te > 60:
                break
            if p.prep in ("with", "to") or (
                pat.form == "verb" and p.start - te <= 4 and p.prep == ""
            ):
                counter += p.keys
                # "with X and Y", "with X, Y and Z" (a bare comma only inside such a list)
                last, chain, joined = p, [], False
                for q in obj:
                    if q.start <= last.end:
                        continue
                    gap = text[last.end : q.start]
                    if re.fullmatch(r"\s*,?\s*and\s+(?:the\s+)?", gap):
                        chain.append(q)
                        joined = True
                        break
                    if not re.fullmatch(r"\s*,\s*(?:the\s+)?", gap):
                        break
                    chain.append(q)
                    last = q
                if joined:
                    for q in chain:
                        counter += q.keys
                break
        if pat.type in ("Meeting",) and places:
            place = places[0].keys[0]

    passive = pat.form == "passive" or bool(
        re.search(r"\b(?:was|were|been|being)\s+$", text[sent.span.start : ts])
    )
    if passive:
        by = [p for p in in_clause_right if p.prep in ("by", "from") and p.start - te <= 40]
        if by:
            actors += by[0].keys
        return actors, counter, place

    if pat.form == "noun":
        poss = [p for p in left if p.possessive and ts - p.end <= 30 and p.start >= sent.span.start]
        if poss:
            actors += poss[-1].keys
        for p in right:
            if p.start - te <= 15 and p.prep in ("by", "from") and not p.place:
                actors += p.keys
                break
        # "an Israeli consular delegation": the state adjective in front of the noun
        adj = [p for p in left if ts - p.end <= 3 and p.prep not in _PREPS]
        if not actors and adj:
            actors += adj[-1].keys
        if not actors and _PRONOUN_POSS.search(text[max(sent.span.start, ts - 30) : ts]):
            subj = [p for p in parts if p.prep not in _PREPS and not p.possessive and not p.place]
            subj_left = [p for p in subj if p.end <= ts]
            pick = subj_left[-1:] or (
                [p for p in subj if p.start >= te][:1] if pat.type == "Meeting" else []
            )
            if pick:
                actors += pick[0].keys
        return actors, counter, place

    # verbs: the subject, nearest on the left, with a coordinated one ("X and Y resume")
    subj = [
        p
        for p in in_clause_left
        if (p.prep not in _PREPS or (p.prep == "and" and ts - p.end <= 15)) and not p.place
    ]
    if not subj:
        subj = [
            p for p in left if p.start >= sent.span.start and p.prep not in _PREPS and not p.place
        ]
    if subj:
        s = subj[-1]
        actors += s.keys
        coord = r"\s*,?\s+and\s+(?:the\s+)?"
        co = [p for p in left if p.start >= s.end]
        if co and re.fullmatch(coord, text[s.end : co[0].start]):
            actors += co[0].keys
        pre = [p for p in left if p.end <= s.start and p.start >= sent.span.start]
        if pre and re.fullmatch(coord, text[pre[-1].end : s.start]) and pre[-1].prep not in _PREPS:
            actors = list(pre[-1].keys) + actors
    else:
        poss = [p for p in left if p.possessive and p.start >= clause.start]
        if poss:
            actors += poss[-1].keys
    return actors, counter, place


def _date(
    text: str,
    sent: Sentence,
    clause: Span,
    trig: re.Match[str],
    dates: list[Mention],
    prev_dates: list[Mention],
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
    ]
    if after:
        return after[0].date, 0.0
    before = [d for d in inside if d.span.end <= ts]
    if before:
        return before[-1].date, 0.0
    opening = [d for d in dates if d.span.start - sent.span.start <= 12 and d.span.end <= ts]
    if opening and not _REPORTING.search(text[opening[0].span.end : ts]):
        return opening[0].date, 0.05
    if _CONNECTIVE.match(text[sent.span.start : sent.span.end]) and prev_dates:
        return PartialDate(prev_dates[-1].date.year), 0.1
    return None, 0.0


def _heading_acts(documents: tuple[Document, ...]) -> list[Act]:
    acts = []
    for d in documents[1:]:
        if d.heading is None or d.author is None:
            continue
        if d.kind in ("Letter", "Telegram", "Note"):
            acts.append(
                Act(
                    "Correspondence",
                    d.heading,
                    d.n,
                    f"document:{d.kind.lower()}",
                    0.95,
                    actors=(d.author,),
                    counterparts=(d.recipient,) if d.recipient else (),
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


def _valid(type_: str, actors: list[str], counter: list[str], place: str | None) -> bool:
    if type_ in RELATIONS:
        if type_ == "Recognition":
            return bool(_states(counter)) and all(k.startswith("state/") for k in actors)
        return bool(actors or counter)
    if type_ == "Visit":
        return bool(actors) and bool(counter or place)
    if type_ == "Meeting":
        return bool(actors) and bool(counter) and set(actors) != set(counter)
    if type_ in ("Correspondence", "PublicStatement", "Vote", "ArmsTransfer", "Proposal"):
        return bool(actors)
    return bool(actors or counter)


def _present(word: str) -> bool:
    w = word.split()[0].lower()
    return (w.endswith("s") and not w.endswith("ss")) or w in ("resume", "restore", "renew")


def run(a: Analysis) -> Analysis:
    text = a.text
    by_sentence: dict[int, list[Mention]] = {}
    sentences = list(a.sentences)
    ms = sorted(a.mentions, key=lambda m: m.span.start)
    j = 0
    for i, sent in enumerate(sentences):
        while j < len(ms) and ms[j].span.start < sent.span.start:
            j += 1
        k = j
        while k < len(ms) and ms[k].span.start < sent.span.end:
            by_sentence.setdefault(i, []).append(ms[k])
            k += 1
    docs = {d.n: d for d in a.documents}
    countries = {}
    for e in a.entities:
        if e.kind == "Place" and e.country:
            countries[f"place/{e.id}"] = f"state/{e.country}"
        if e.kind == "Envoy" and e.represents:
            countries[f"person/{e.id}"] = f"state/{e.represents}"
    acts: list[Act] = _heading_acts(a.documents)
    seen_spans: set[tuple[str, int, int]] = {
        (x.type, x.evidence.start, x.evidence.end) for x in acts
    }
    prev_dates: list[Mention] = []
    for i, sent in enumerate(sentences):
        mentions = by_sentence.get(i, [])
        dates = [m for m in mentions if m.kind == "Date" and m.date]
        parts = _parts(text, sent, mentions)
        clauses = _clauses(text, sent.span)
        found: list[tuple[int, Act]] = []
        for pat in PATTERNS:
            for trig in pat.regex.finditer(text, sent.span.start, sent.span.end):
                clause = next((c for c in clauses if c.start <= trig.start() < c.end), sent.span)
                if _unreal(text, clause, trig, pat.form):
                    continue
                actors, counter, place = _roles(pat, text, clause, sent, trig, parts)
                if pat.type in RELATIONS:
                    actors, counter = _states(actors), _states(counter)
                actors_t = _dedupe(actors)
                counter_t = tuple(k for k in _dedupe(counter) if k not in actors_t)
                if not _valid(pat.type, list(actors_t), list(counter_t), place):
                    continue
                if pat.type == "Visit":
                    dest = set(counter_t) | ({countries[place]} if place in countries else set())
                    home = {countries.get(k, k) for k in actors_t}
                    if dest & home:
                        continue  # a Russian "visiting" Moscow is no diplomatic visit
                date, penalty = _date(text, sent, clause, trig, dates, prev_dates)
                doc = docs.get(sent.doc)
                # a present-tense act in a lead sentence or a letter happens on its date
                present = _present(trig.group(0))
                if (
                    date is None
                    and doc is not None
                    and doc.date is not None
                    and present
                    and ((sent.lead and doc.n == 0) or (doc.n and pat.form == "verb"))
                ):
                    date, penalty = doc.date, 0.05
                conf = pat.confidence - penalty
                if not (actors_t and (counter_t or place)):
                    conf -= 0.1
                found.append(
                    (
                        trig.start(),
                        Act(
                            pat.type,
                            sent.span,
                            sent.doc,
                            f"pattern:{pat.name}",
                            round(max(0.3, conf), 2),
                            actors=actors_t,
                            counterparts=counter_t,
                            date=date,
                            place=place,
                        ),
                    )
                )
        # prefer the most specific: a statement announcing another act is that act
        others = [p for p, x in found if x.type != "PublicStatement"]
        found = [
            (p, x)
            for p, x in found
            if not (
                x.method == "pattern:statement-verb" and any(-120 <= o - p <= 60 for o in others)
            )
        ]
        found.sort(key=lambda t: t[0])
        for pos, act in found:
            key = (act.type, act.evidence.start, act.evidence.end)
            if key in seen_spans:
                clause = next((c for c in clauses if c.start <= pos < c.end), None)
                if clause is None:
                    continue
                act = replace(act, evidence=_trim(text, clause))
                key = (act.type, act.evidence.start, act.evidence.end)
                if key in seen_spans:
                    continue
            seen_spans.add(key)
            acts.append(act)
        prev_dates = dates
    return replace(a, acts=tuple(_merge(acts)))


def _trim(text: str, span: Span) -> Span:
    s, e = span.start, span.end
    while s < e and text[s] in " ,":
        s += 1
    while e > s and text[e - 1] in " ,":
        e -= 1
    return Span(s, e)


def _merge(acts: list[Act]) -> list[Act]:
    """Drop repeats: the same act (type, participants, date) found twice.  An undated act
    like a dated one stays: "cut off relations ... a second time" is another act."""
    out: list[Act] = []
    seen: set[tuple] = set()
    for x in acts:
        key = (x.type, x.actors, x.counterparts, x.date)
        if key in seen:
            continue
        seen.add(key)
        out.append(x)
    return out


STAGE = Stage(
    name="acts",
    needs=("text", "sentences", "mentions", "documents"),
    sets=("acts",),
    run=run,
)
