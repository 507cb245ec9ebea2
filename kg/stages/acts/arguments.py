"""Who did what to whom: the participant mentions of a sentence (:class:`Part`), its
clauses, and the roles a trigger gives them (actors, counterparts, place), with speakers
who follow their words and the antecedents of pronouns.

Local to a sentence and the one before it; what the whole text implies is in
:mod:`kg.stages.acts.world`.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from kg.records import Mention, Sentence, Span
from kg.stages.acts.patterns import OFFICIAL_VOICE, RELATIONS, Pattern

CLAUSE_BREAK = re.compile(
    r";|:|\s[–—]\s|—|\(|\)|,\s+(?:and|but|while|which|whereas|although|though|when|where|who)\b|"
    r",\s+(?:to|in|of|by|for|with|from|after|on)\s+(?:which|whom)\b|"
    r"\s+and\s+(?=[a-z]\w*ing\b)|"
    r"\s+and\s+(?=(?:was|were|is|are|will|would|has|had|later|then)\b)|"
    # a coordinated predicate: "was received by X, held talks with Y and visited Z"
    r",\s+(?=(?:held|met|visited|signed|sent|made|told|said|gave|flew|arrived|called|"
    r"laid|paid|left|went|came)\s)"
)
PREPS: frozenset[str] = frozenset(
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
SUBJ_PREPS = PREPS - {"and"}
# the modifiers of an office before a name or title: "the new Russian president"
_OFFICE_MODIFIER = r"new|newly\s+elected|then|former|visiting|outgoing|incoming|acting|deputy"
# between a verb and its object: "met the new Russian president, X", "received Mr. X"
_DIRECT_OBJECT = re.compile(
    r"\s*(?:the\s+|his\s+|her\s+|their\s+|its\s+)?(?:(?:Mr|Mrs|Ms|Dr)\.\s*)?"
    rf"(?:(?:{_OFFICE_MODIFIER}|(?-i:[A-Z][\w’'-]*))\s+){{0,3}}"
)
# the word before a name that makes it a verb's object, not a subject
OBJECT_OF_VERB = re.compile(
    r"[a-z]{2,}[^e]ed|followed|joined|urged|asked|accused|told|met|informed|invited|"
    r"received|thanked|visited|recognized|recognised|supported|backed|persuaded|pressed"
)
# the words in front of a name or its title that belong to it: articles, honorifics,
# capitalised words, and the modifiers of an office ("the new Russian president")
_SKIP_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|both|either|Mr\.|Mrs\.|Dr\.|de|of\s+the|"
    # a capitalised title word, not a preposition opening the sentence right before the
    # name ("In Astana he held talks"; "In July the Argentine government" skips a date)
    r"(?!(?:In|At|From|To|With|By|On|For|During|After|Before|Since|Until)\s+(?:the\s+)?$)"
    r"[A-Z][a-z]+|"
    rf"{_OFFICE_MODIFIER}|late|veteran|powerful|"
    r"[a-z]+['’]s)\s+)*$"
)
_POSSESSIVE = re.compile(r"^['’]s\b")
_SUBJECT_PRONOUN = re.compile(
    r"(?:^|[,;]\s*|\b(?:and|then|so|therefore|when|after|once|because|as|where)\s+|"
    # "In 1955 it signed": after an opening date
    r"^\s*(?:In|By|On|At|Later\s+in)\s+(?:the\s+)?(?:[A-Za-z]+\s+){0,2}(?:\d{4})?,?\s*|^\s+|"
    # "Nevertheless he travelled": after a sentence adverb
    r"^\s*(?:Nevertheless|Nonetheless|However|Still|Yet|Later|Soon|Eventually|Subsequently|"
    r"Afterwards|Thereafter|Meanwhile|Then),?\s+|"
    # "While in Paris he also met": after an adverbial phrase that names no one
    r"^\s*(?:While|Once|After|Before|During|On|At|In|As)\s+(?:[\w’'-]+\s+){0,4}?)"
    r"\b([Ii]t|[Hh]e|[Ss]he|[Tt]hey)\s+"
    r"(?:(?:also|then|even|again|later|immediately|further|had|has|have|subsequently)\s+){0,2}$"
)
_ASIDE = re.compile(
    r",\s+(?:[a-z]+ing|who|which|whose|a|an|the|then|now|once|himself|herself)\b[^,;()—]*,"
)
CLAUSE_PRONOUN = re.compile(r"\b([Hh]e|[Ss]he|[Ii]t|[Tt]hey)\s+(?:[a-z]+ly\s+)?$")
_PRONOUN_POSS = re.compile(r"\b(?:his|her|their|its)\s+(?:[\w-]+\s+){0,3}$", re.I)


@dataclass(frozen=True)
class Part:
    """A participant mention as the act patterns see it."""

    start: int
    end: int
    keys: tuple[str, ...]
    prep: str  # the word just before it, lower case ("" at the clause start)
    possessive: bool
    place: bool


def split_clauses(text: str, span: Span) -> list[Span]:
    out = []
    s = span.start
    aside_end = -1
    for m in CLAUSE_BREAK.finditer(text, span.start, span.end):
        if m.group(0) == "(":
            close = text.find(")", m.end(), span.end)
            if 0 <= close - m.end() <= 20:  # "David Levy (right) and ...": an aside
                aside_end = close
                continue
        if m.start() == aside_end:
            continue
        if m.start() > s:
            out.append(Span(s, m.start()))
        s = m.end()
    if s < span.end:
        out.append(Span(s, span.end))
    return out


_GOVERNMENT_OF = re.compile(
    r"\b(?:Governments?|governments?|Ministry\s+of\s+Foreign\s+Affairs|people|representatives?|"
    r"leadership|leaders|authorities)\s+of\s+(?:the\s+)?$"
)


# "the Israeli and Syrian delegations met": a state adjective before its envoys stands
# for the state
_ENVOYS_OF = re.compile(
    # "the Israeli and Syrian delegations", "the Czech, Hungarian and Slovak prime ministers"
    r"(?:(?:,\s*|\s+and\s+)(?:the\s+)?(?-i:[A-Z])[\w-]+)*"
    # "an Israeli consular team": the state the delegation speaks for
    r"(?:\s+(?:consular|trade|official|diplomatic|military|parliamentary|government(?:al)?|"
    r"economic|technical|high-level|senior))?"
    r"\s+(?:delegations?|negotiators|diplomats|envoys?|representatives|emissaries|teams?|"
    # "summoned the Polish chargé d'affaires": an unnamed envoy stands for his state
    r"missions?|ambassadors?|charg[eé]s?\s+d['’]affaires|consuls?(?:\s+general)?|"
    # "received the Russian leader": an unnamed head of state or minister, his state
    r"leaders?|presidents?|premiers?|prime\s+ministers?|foreign\s+ministers?|chancellors?|"
    r"heads?\s+of\s+(?:state|government))\b(?!\s+(?-i:[A-Z]))"
)


# "received the Russian leader", "hosted the visiting Polish delegation"
UNNAMED_ENVOY = re.compile(
    r"(?:the\s+)?(?:visiting\s+)?(?-i:[A-Z])[\w-]+" + _ENVOYS_OF.pattern
)


def find_parts(text: str, sent: Sentence, mentions: list[Mention]) -> list[Part]:
    out = []
    titles = [
        m.title_span.start for m in mentions if m.kind == "Envoy" and m.title_span and m.entity
    ]
    for m in mentions:
        if m.kind == "Date" or not (m.entity or m.group):
            continue
        if m.sense == "modifier" and not (
            m.kind == "State" and _ENVOYS_OF.match(text, m.span.end)
        ):
            continue
        if m.kind == "State" and any(
            0 <= t - m.span.end <= 30
            and re.fullmatch(r"(?:['’]s)?(?:\s+[A-Za-z-]+){0,3}\s*", text[m.span.end : t])
            # not "Moscow for talks with President X": a phrase of its own
            and not re.search(r"\b(?:for|with|to|in|on|at|from|and|or)\b", text[m.span.end : t])
            for t in titles
        ):
            continue  # "Soviet" in "Soviet Prime Minister Nikolai Bulganin"
        keys = m.group or (m.entity,)
        # the phrase starts at a title before the name ("Foreign Minister X"), not at one
        # after it ("X, head of the Near East Department")
        start = (
            m.title_span.start
            if m.title_span and m.title_span.start < m.span.start
            else m.span.start
        )
        if m.kind == "Envoy" and m.adjective and m.title_span:
            # "Poland's permanent representative, Beretsky": the phrase starts at "Poland's"
            at = text.rfind(m.adjective, max(sent.span.start, start - 40), start)
            if at >= 0 and re.fullmatch(
                r"(?:['’]s)?(?:\s+[A-Za-z-]+){0,3}\s*", text[at + len(m.adjective) : start]
            ):
                start = at
        before = text[sent.span.start : start]
        # step back over the title words and articles in front of the name
        b = _SKIP_BEFORE.search(before)
        core = before[: b.start()] if b else before
        w = re.search(r"([A-Za-z']+)\W*$", core)
        prep = w.group(1).lower() if w else ""
        if re.search(r",\s*$", core):
            prep = ""  # "Later on, Russia criticized": a new phrase after the comma
        if re.search(r"\bspokes(?:man|woman|person|men)\s+for\s+(?:the\s+)?$", core, re.I):
            prep = ""  # "a spokesman for X told reporters": X speaks through him
        if re.search(r"\b(?:anti|pro|non)-$", text[max(0, m.span.start - 5) : m.span.start], re.I):
            continue  # "anti-Israeli": an attitude, not a party
        # "Poland's permanent representative to the UN, Beretsky": the name's own title
        if m.kind == "Envoy" and re.search(r",\s*$", before) and m.title:
            prep = ""
        gov = _GOVERNMENT_OF.search(before)
        if gov:
            start = sent.span.start + gov.start()
            w = re.search(
                r"([A-Za-z']+)\W*$", re.sub(r"(?:\b(?:the|a|an)\s+)*$", "", before[: gov.start()])
            )
            prep = w.group(1).lower() if w else ""
        out.append(
            Part(
                start,
                m.span.end,
                tuple(keys),
                prep,
                bool(_POSSESSIVE.match(text[m.span.end : m.span.end + 3])),
                m.sense == "place",
            )
        )
    return out


def more_destinations(text: str, parts: list[Part], te: int, end: int) -> list[Part]:
    """The places or states listed after a journey's first destination ("to Damascus and
    Amman", "to X, Y and Z"), each a single party."""
    right = sorted((p for p in parts if te <= p.start and p.end <= end), key=lambda p: p.start)
    if not right or right[0].start - te > 12 or len(right[0].keys) != 1:
        return []
    out: list[Part] = []
    last = right[0]
    for q in right[1:]:
        if not re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:the\s+)?", text[last.end : q.start]):
            break
        if len(q.keys) != 1 or q.possessive or not (q.place or q.keys[0].startswith("state/")):
            break
        out.append(q)
        last = q
    return out


def only_states(keys: list[str]) -> list[str]:
    return [k for k in keys if k.startswith("state/")]


def dedupe(keys: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for k in keys:
        if k not in out:
            out.append(k)
    return tuple(out)


def antecedent(pronoun: str, prev: tuple[str, ...]) -> list[str]:
    """The previous sentence's main actor a subject pronoun stands for, if its kind fits:
    "he"/"she"/"his"/"her" a person, "it"/"its" a state, "they"/"their" a state or a group."""
    p = pronoun.lower()
    if p in ("he", "she", "his", "her", "him"):
        fits = [k for k in prev if k.startswith("person/")]
    else:
        fits = [k for k in prev if k.startswith("state/")]
    return fits[:1]


SAME_TALK = 1500  # characters: "he said" this soon after his statement goes on with it
# who speaks for a state when the speaker is named after the words
_VOICE = re.compile(rf"\b(?:{OFFICIAL_VOICE}|statement)\b", re.I)


def speaker(text: str, trig: re.Match[str], parts: list[Part]) -> list[str]:
    """Who speaks when the speaker follows the words: the persons named in the ``who`` group,
    else its states when an official voice speaks for them ("a spokesman for the Freedonian
    government"); nobody for a pronoun or a source ("he said", "officials said")."""
    name = "who" if trig.group("who") is not None else "who2"
    lo, hi = trig.span(name)
    keys = [k for p in parts if lo <= p.start and p.end <= hi and not p.place for k in p.keys]
    persons = [k for k in keys if k.startswith("person/")]
    if persons:
        return list(dedupe(persons))
    voice = _VOICE.search(text, lo, hi)
    return list(dedupe(keys)) if voice else []


def find_roles(
    pat: Pattern,
    text: str,
    clause: Span,
    sent: Sentence,
    trig: re.Match[str],
    parts: list[Part],
    prev: tuple[str, ...] = (),
) -> tuple[list[str], list[str], str | None]:
    """Actors, counterparts and place of a trigger; ``prev`` holds the previous sentence's
    main actors, for a pronoun subject ("It also expressed ...")."""
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
    pair_word = re.search(r"\bbetween\s|\b(?:meeting|talks)\s+of\s", tail)
    if pair_word:
        after_between = [
            p
            for p in right + [p for p in parts if ts <= p.start < te]
            if p.start >= ts + pair_word.start()
        ]
        after_between.sort(key=lambda p: p.start)
        gap = text[after_between[0].end : after_between[1].start] if len(after_between) >= 2 else ""
        if len(after_between) >= 2 and re.search(r"\band\b", gap) and len(gap) < 40:
            actors += after_between[0].keys
            counter += after_between[1].keys
            return actors, counter, None

    # the object or the "with/to" phrase; a note or arms sent to a capital go to its state
    to_places = pat.type in ("Correspondence", "ArmsTransfer")
    obj = [
        p for p in in_clause_right
        # "protested to Moscow", "lodged a protest with Ankara": with its government
        if not p.place or to_places or (pat.type == "PublicStatement" and p.prep in ("with", "to"))
    ]
    if pat.type == "Correspondence" and pat.form == "verb":
        # "sent the Egyptian President a formal invitation": the addressee is inside
        addressee = [p for p in parts if ts < p.start and p.end <= te and not p.place]
        if addressee:
            obj = []
            counter += addressee[0].keys
    places = [p for p in in_clause_right if p.place]
    if pat.type in ("Visit",):
        dest = next((p for p in in_clause_right if p.start - te <= 12), None)
        if pat.name == "visit-travelled" and dest is not None and (
            dest.possessive or not re.fullmatch(r"\s*(?:the\s+)?", text[te : dest.start])
        ):
            dest = None  # "came to Egypt's aid", "came to the aid of Egypt": no journey
        if dest is not None:
            if dest.place:
                place = dest.keys[0]
            else:
                counter += dest.keys
    elif pat.type == "Recognition":
        if (
            obj
            and re.fullmatch(
                r"\s*(?:the\s+)?(?:right\s+of\s+(?:the\s+)?)?"
                r"(?:(?:State|Government)\s+of\s+(?:the\s+)?)?",
                text[te : obj[0].start],
                re.I,
            )
            and len(obj[0].keys) == 1
            and not obj[0].possessive
        ):
            counter += obj[0].keys
        else:
            cap = re.match(
                r"[^.;,]{0,40}?\bas\s+(?:the\s+)?(?:\w+\s+)?capital\s+of\s+(?:the\s+)?",
                text[te : clause.end],
            )
            if re.match(
                r"\s*the\s+(?-i:[A-Z][\w-]*)(?:\s+(?-i:[A-Z][\w-]*)){0,4}\s+as\s+(?:the\s+)?"
                r"(?:sole\s+|legitimate\s+|only\s+|lawful\s+)*(?:representative|government)\b",
                text[te : clause.end],
            ):
                place = GOVERNMENT  # "recognized the PLO as the representative of ..."
            elif cap:
                after = [p for p in obj if p.start == te + cap.end()]
                counter += after[0].keys if after else []
            elif re.match(
                r"\s*the\s+(?-i:[A-Z][\w-]*\s+){1,3}(?:government|regime|authority|administration)\b",
                text[te : clause.end],
            ):
                place = GOVERNMENT  # "recognize the Hamas government": no state to name
            elif (
                gov := re.match(
                    r"\s*the\s+(?:[\w-]+\s+){0,3}(?:government|regime|authorities)\s+"
                    r"(?:in|of|at)\s+(?:the\s+)?",
                    text[te : clause.end],
                )
            ) and any(p.start == te + gov.end() for p in in_clause_right):
                # "recognized the new government in Beijing": the state of that capital
                counter += next(p for p in in_clause_right if p.start == te + gov.end()).keys
    else:
        for p in obj:
            if p.start - te > 60:
                break
            if p.prep in ("with", "to") or (
                pat.form == "verb"
                and p.start - te <= 40
                and _DIRECT_OBJECT.fullmatch(text, te, p.start)
            ):
                counter += p.keys
                # "with X and Y", "with X, Y and Z" (a bare comma only inside such a list)
                last, chain, joined = p, [], False
                for q in obj:
                    if q.start <= last.end:
                        continue
                    gap = text[last.end : q.start]
                    if re.fullmatch(r"\s*,?\s*and\s+(?:with\s+)?(?:the\s+)?"
                                    r"(?:(?:Mr|Mrs|Ms|Dr)\.\s*)?", gap):
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

    passive = pat.form == "passive" or (
        pat.form == "verb"
        and bool(re.search(r"\b(?:was|were|been|being)\s+$", text[sent.span.start : ts]))
    )
    if passive:
        rel = re.search(r"\b(?:that|which)\s+", trig.group(0))
        inner = [p for p in parts if rel and ts + rel.end() <= p.start and p.end <= te
                 and not p.place]
        if pat.type == "Agreement" and inner:
            # "the treaty that X and Y signed": the relative clause's own subjects sign
            return [k for p in inner for k in p.keys], counter, place
        by = [p for p in in_clause_right if p.prep in ("by", "from") and p.start - te <= 40]
        if by:
            actors += by[0].keys
            # "by President Katzir and Premier Begin", "by X, Y and Z"
            last = by[0]
            for q in in_clause_right:
                if q.start <= last.end or q.place:
                    continue
                gap = text[last.end : q.start]
                if not re.fullmatch(r"\s*(?:,|,?\s*and)\s+(?:the\s+)?(?:his\s+)?"
                                    r"(?:(?:Mr|Mrs|Ms|Dr)\.\s*|[\w-]+\s+){0,3}?", gap) or len(
                    gap
                ) > 40:
                    break
                if re.search(r"\b(?:with|to|of|in|at|for)\b", gap):
                    break
                actors += q.keys
                last = q
        if pat.name == "meeting-received-by":
            # "He was received at the airport by Begin": the host meets the subject
            subj = [p for p in in_clause_left if p.prep not in PREPS and not p.place]
            if not subj and re.search(r"\band\s*$", text[max(sent.span.start, clause.start - 6) :
                                                           clause.start]):
                # "X arrived in Israel ... and was welcomed by Y": the sentence's subject
                subj = [
                    p
                    for p in left
                    if p.start >= sent.span.start and p.prep not in PREPS and not p.place
                ][:1]
            if subj:
                counter += subj[-1].keys
            else:
                pron = _SUBJECT_PRONOUN.search(text[max(clause.start, ts - 40) : ts])
                if pron:
                    # "X visited Israel, where he was received by Y": the sentence's own
                    # subject first, else the previous sentence's
                    own = [
                        p
                        for p in left
                        if p.start >= sent.span.start
                        and p.end <= clause.start
                        and p.prep not in PREPS
                        and not p.place
                        and antecedent(pron.group(1), p.keys)
                    ]
                    counter += own[-1].keys if own else antecedent(pron.group(1), prev)
        return actors, counter, place

    if pat.name == "visit-where":
        # "in Damascus, where Sadat had flown": the place before "where", the subject after
        inside = sorted((p for p in parts if ts <= p.start and p.end <= te), key=lambda p: p.start)
        at = text.find("where", ts, te)
        dest = [p for p in inside if p.end <= at]
        who = [p for p in inside if p.start > at and not p.place]
        if not dest or not who:
            return [], [], None
        if dest[0].place:
            return list(who[0].keys), [], dest[0].keys[0]
        return list(who[0].keys), list(dest[0].keys), None

    if pat.name == "meeting-took-place":
        # "Preliminary talks took place ..., when an Israel representative informed the
        # Russians": between the two states the sentence names, if exactly two
        states = dedupe(
            [k for p in parts if not p.place for k in p.keys if k.startswith("state/")]
        )
        if len(states) == 2:
            return [states[0]], [states[1]], place
        return [], [], place

    if pat.name == "letter-citation":
        nxt = [
            p
            for p in in_clause_right
            if re.fullmatch(r"(?:(?:Tov|Comrade)\.?\s+)?", text[te : p.start]) and not p.place
        ]
        return (list(nxt[0].keys) if nxt else []), counter, place

    if pat.form == "noun":
        poss = [p for p in left if p.possessive and ts - p.end <= 30 and p.start >= sent.span.start]
        if poss:
            actors += poss[-1].keys
        for p in right:
            if p.start - te <= 15 and not p.place and (
                p.prep in ("by", "from")
                # "the meeting of X with Y": X meets
                or (p.prep == "of" and pat.type == "Meeting" and p.start - te <= 4)
            ):
                actors += p.keys
                break
        # "an Israeli consular delegation": the state adjective in front of the noun
        adj = [p for p in left if ts - p.end <= 3 and p.prep not in PREPS]
        if not actors and adj:
            actors += adj[-1].keys
        inside = [p for p in parts if ts <= p.start and p.end <= te and not p.place]
        if not actors and inside and (
            pat.type in RELATIONS or pat.type == "Proposal"
            or (pat.type == "Visit" and inside[0].prep == "of")  # "the visit of X to Y"
        ):
            actors += inside[0].keys
        pron = _PRONOUN_POSS.search(text[max(sent.span.start, ts - 30) : ts])
        if (
            not actors
            and pron
            and pat.type == "Meeting"
            and not counter
            and pron.group(0).split()[0].lower() == "their"
        ):
            # "Since their meeting in 2001": the two persons the previous sentence joined
            persons = [k for k in prev if k.startswith("person/")]
            if len(persons) >= 2:
                return [persons[0]], [persons[1]], place
        if not actors and pron:
            word = pron.group(0).split()[0].lower()
            subj = [
                p
                for p in parts
                if p.prep not in PREPS and (word == "its" or not p.possessive) and not p.place
            ]
            if word in ("his", "her"):
                # "his visit": the nearest person named before it, whatever his role
                persons = [
                    p
                    for p in parts
                    if p.end <= ts
                    and p.keys[0].startswith("person/")
                    and p.prep not in ("with", "and", "by", "of")
                ]
                subj = persons[-1:] or [
                    p for p in subj if p.keys[0].startswith("person/")
                    and (p.end <= ts or p.prep == "")  # or the subject after it
                ]
            subj_left = [p for p in subj if p.end <= ts]
            pick = subj_left[-1:] or (
                # "During her visit to Israel, Angela Merkel held ...": the subject after
                [p for p in subj if p.start >= te][:1]
                if pat.type in ("Meeting", "PublicStatement", "Visit")
                else []
            )
            if pick:
                actors += pick[0].keys
            elif not [p for p in parts if p.end <= ts] and re.search(
                r"\b(?:it|he|she|they|his|her|its|their)\b", text[sent.span.start : ts], re.I
            ):
                # "Therefore, it renewed its arms shipments": the pronoun's antecedent
                actors += antecedent(word, prev)
        lo = max(sent.span.start, ts - 40)
        light = _LIGHT_VERB.search(text[lo:ts])
        he = light and re.search(r"\b([Hh]e|[Ss]he)\s+$", text[lo : lo + light.start()])
        if not actors and he:
            # "In Astana he held talks with X": the pronoun, not the place before it; a
            # person named earlier in the sentence, else the previous sentence's
            own = [p for p in parts if p.start >= sent.span.start and p.end <= lo + he.start()
                   and p.prep not in PREPS and not p.place and not p.possessive
                   and antecedent(he.group(1), p.keys)]
            actors += antecedent(he.group(1), own[0].keys if own else prev)
        if not actors and (
            (pat.type in ("PublicStatement", "Meeting", "Correspondence") and counter) or light
        ):
            # "at a joint news conference with Levy, Bessmertnykh seemed ...": the subject
            subj = [
                p
                for p in parts
                if (p.prep not in PREPS or (light and p.prep == "and" and p.end <= ts))
                and not p.place
                and not p.possessive
                and not set(p.keys) & set(counter)
            ]
            subj = _before_first(text, sent, ts, subj)
            # "... and Walter Ulbricht, the East German leader, paid a state visit": the
            # light verb's subject is on its left, even when joined to an earlier clause
            pick = [p for p in subj if p.end <= ts][-1:] or [p for p in subj if p.start >= te][:1]
            if pick:
                actors += pick[0].keys
        if not actors and pat.type == "ArmsTransfer":
            # "the USSR openly supported the Arabs, which included arms shipments to Syria"
            subj = [
                p
                for p in left
                if p.start >= sent.span.start and p.prep not in PREPS and not p.place
            ]
            if subj:
                actors += subj[0].keys
        return actors, counter, place

    if (pat.type in ("Correspondence", "ArmsTransfer") or pat.name == "statement-summoned") and (
        not counter
    ):
        # "sent you a note", "supplied Egypt with arms": the addressee inside the trigger
        counter += [
            k for p in parts if ts <= p.start and p.end <= te and not p.place for k in p.keys
        ]

    # verbs: the subject, nearest on the left, with a coordinated one ("X and Y resume"),
    # not the object of an earlier verb ("Poland followed the Soviet Union and broke off")
    subj = [
        p
        for p in in_clause_left
        if (p.prep not in PREPS or (p.prep == "and" and ts - p.end <= 15)) and not p.place
        and not OBJECT_OF_VERB.fullmatch(p.prep)
    ]
    pron = CLAUSE_PRONOUN.search(text[clause.start : ts]) if not subj else None
    if pron and clause.start > sent.span.start:
        # "Begin answered ..., and on November 15 he sent ...": a pronoun subject of a
        # later clause is the sentence's own subject when its kind fits
        first = [p for p in left if p.start >= sent.span.start and not p.place][:1]
        if first and first[0].prep not in PREPS and antecedent(pron.group(1), first[0].keys):
            subj = first
    if not subj:
        subj = [
            p for p in left if p.start >= sent.span.start and p.prep not in PREPS and not p.place
        ]
    asides = [
        (m.start(), m.end())
        for m in _ASIDE.finditer(text, sent.span.start, ts)
        if any(p.end == m.start() for p in left)  # an apposition follows a name
    ]
    if asides and subj:
        # "X, speaking after Y, told ...", "X, a member of Y, established ...": a name inside
        # an apposition or a participial aside is not the subject
        def aside(p: Part) -> bool:
            return any(a0 < p.start and p.end < a1 for a0, a1 in asides)

        outside = [p for p in subj if not aside(p)] or [
            p for p in left if p.start >= sent.span.start and p.prep not in PREPS
            and not p.place and not aside(p)
        ]
        subj = outside or subj
    if pat.name in _CLAUSE_SUBJECT:
        subj = [p for p in subj if p.start >= clause.start]
    subj = _before_first(text, sent, ts, subj)
    coordinated = (
        clause.start > sent.span.start
        and not [p for p in in_clause_left if p.prep not in PREPS]
        and re.search(r",?\s+and\s*$", text[max(sent.span.start, clause.start - 6) : clause.start])
    )
    who = re.search(r",\s*who\s*$", text[max(sent.span.start, clause.start - 8) : clause.start])
    if who and not [p for p in in_clause_left if p.prep not in PREPS]:
        # "X and Y, who met in Z": the relative pronoun stands for the names before it
        head = [p for p in left if p.end <= clause.start and not p.place
                and re.fullmatch(r"\s*,\s*who\s*", text[p.end : clause.start])]
        if head:
            chain = [head[-1]]
            for p in reversed([q for q in left if q.end <= chain[0].start and not q.place]):
                if not re.fullmatch(r"\s*,?\s*and\s+(?:the\s+)?", text[p.end : chain[0].start]):
                    break
                chain.insert(0, p)
            return [k for p in chain for k in p.keys], counter, place
    if subj:
        # "X flew to Moscow with Y, and met Z": a predicate without a subject of its own
        # shares the sentence's first subject, not the last name before it
        s = subj[0] if coordinated else subj[-1]
        if re.search(r"\bthat\s+(?:the\s+)?(?-i:[A-Z])[\w’'-]*\s+(?:[a-z]+ly\s+)?$",
                     text[s.end : ts]):
            # "X wrote that the PLO recognized ...": the verb has a subject of its own,
            # one the text names but nothing known resolves
            return actors, counter, place
        if not coordinated and re.search(r"\band\s+(?:also\s+|then\s+|later\s+)?$",
                                         text[s.end : ts]):
            # "X demanded that Israel withdraw ... and declared ...": the second verb is
            # X's, not that of the subject inside X's "that" clause
            outer = [p for p in subj if p.end <= s.start
                     and re.search(r"\bthat\b", text[p.end : s.start])]
            if outer:
                s = outer[-1]
        actors += s.keys
        coord = (r"\s*(?:\([^()]{1,20}\)\s*)?,?\s+and\s+(?:the\s+|his\s+|her\s+)?"
                 r"(?:(?:Mr|Mrs|Ms|Dr)\.\s*)?")
        co = [p for p in left if p.start >= s.end]
        if co and re.fullmatch(coord, text[s.end : co[0].start]):
            actors += co[0].keys
        pre = [p for p in left if p.end <= s.start and p.start >= clause.start]
        if pre and re.fullmatch(coord, text[pre[-1].end : s.start]) and pre[-1].prep not in PREPS:
            # "the Soviet Union, Poland, Hungary and Bulgaria cut ties": the whole list
            members = [q for q in pre[:-1] if not q.place and q.prep not in PREPS] + pre[-1:]
            actors = [k for q in list_chain(text, members, backwards=True)
                      for k in q.keys] + actors
        elif not pre and (
            he := re.search(r"\b([Hh]e|[Ss]he)\s+and\s+(?:the\s+)?$",
                            text[max(clause.start, s.start - 20) : s.start])
        ):
            # "on October 8 he and X signed": the pronoun's person acts with X
            own = [p for p in left if p.start >= sent.span.start and p.end <= s.start
                   and p.prep not in PREPS and p.keys[0].startswith("person/")]
            who = list(own[0].keys) if own else antecedent(he.group(1), prev)
            actors = [k for k in who if k not in actors] + actors
    else:
        poss = [p for p in left if p.possessive and p.start >= clause.start]
        if poss:
            actors += poss[-1].keys
    if not actors:
        pron = _SUBJECT_PRONOUN.search(text[max(clause.start, ts - 40) : ts])
        if pron:
            persons = [k for k in prev if k.startswith("person/")]
            if (pron.group(1).lower() == "they" and pat.type == "Meeting" and not counter
                    and len(persons) >= 2):
                # "they met again": the two persons the previous sentence joined
                return [persons[0]], [persons[1]], place
            # "first made public by Premier Nasser ..., when he announced": a name earlier in
            # the same sentence comes before the previous sentence's
            same_sentence = sorted(
                (
                    p for p in left
                    if p.start >= sent.span.start and p.end <= clause.start and not p.place
                    and not p.possessive and len(p.keys) == 1
                    and antecedent(pron.group(1), p.keys)
                    and p.prep not in ("with", "to", "of", "for", "against", "from", "on", "than",
                                       "during", "after", "before", "since")
                ),
                key=lambda p: p.prep in PREPS,  # a subject first, then an agent ("by X")
            )
            actors += antecedent(
                pron.group(1), same_sentence[0].keys if same_sentence else prev
            )
    return actors, counter, place


def listed_after(text: str, parts: list[Part], at: int, end: int) -> list[tuple[str, Part]]:
    """The persons or states of a list "by X, Y and Z" starting at ``at``."""
    cand = sorted((p for p in parts if at <= p.start and p.end <= end and len(p.keys) == 1
                   and not p.place), key=lambda p: p.start)
    if not cand or not re.fullmatch(r"\s*by\s+(?:the\s+)?", text[at : cand[0].start]):
        return []
    return [(p.keys[0], p) for p in list_chain(text, cand)]


LIST_GAP = re.compile(r"\s*,\s*(?:and\s+)?(?:the\s+)?|\s+and\s+(?:the\s+)?")


def list_chain(text: str, cand: list[Part], *, backwards: bool = False) -> list[Part]:
    """The parts of a list "X, Y and Z": from the first of ``cand`` on (or, ``backwards``, from
    the last back), as long as only commas and "and" stand between them."""
    order = list(reversed(cand)) if backwards else cand
    chain = [order[0]]
    for p in order[1:]:
        a, b = (p, chain[-1]) if backwards else (chain[-1], p)
        if not LIST_GAP.fullmatch(text[a.end : b.start]):
            break
        chain.append(p)
    return list(reversed(chain)) if backwards else chain


def valid(
    type_: str, actors: list[str], counter: list[str], place: str | None, group: bool = False
) -> bool:
    """Whether an act has the parties its type cannot do without; ``group`` marks a meeting
    with a group the text does not name one by one ("met Arab leaders")."""
    if type_ in RELATIONS:
        if type_ == "Recognition":
            return bool(only_states(counter) or (actors and place == GOVERNMENT)) and all(
                k.startswith("state/") for k in actors
            )
        return bool(actors or counter)
    if type_ == "Visit":
        return bool(actors) and bool(counter or place)
    if type_ == "Meeting":
        return bool(actors) and set(actors) != set(counter) and (bool(counter) or group)
    if type_ in ("Correspondence", "PublicStatement", "Vote", "ArmsTransfer", "Proposal"):
        return bool(actors)
    return bool(actors or counter)
#: a marker in the place slot: a recognition of a named government that is not a state
GOVERNMENT = "<government>"
# "paid a visit to", "held talks with": the noun is the verb's object, the subject acts
_LIGHT_VERB = re.compile(
    r"\b(?:paid|pays|pay|made|makes|make|began|completed|concluded|undertook|ended|held|holds|"
    r"hold|had|returned)\s+"
    r"(?:an?\s+|his\s+|her\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
_FIRST_TO = re.compile(
    r"\b(?:became|becomes|become|was|is)\s+(?:also\s+)?the\s+(?:first|second|last|only)\b"
)


def _before_first(text: str, sent: Sentence, ts: int, subj: list[Part]) -> list[Part]:
    """"X became the first Soviet leader to visit": a state word after "the first" only
    qualifies the noun; the subject is before it."""
    first = list(_FIRST_TO.finditer(text, sent.span.start, ts))
    if not first:
        return subj
    return [p for p in subj if p.end <= first[-1].start()] or subj


_CLAUSE_SUBJECT = frozenset(
    [
        "statement-judged",
        "statement-expressed",
        "statement-quoted",
        "statement-spoke-of",
        "statement-answered",
        "statement-told-person",
        "statement-said-at",
    ]
)


def hyphen_pair(text: str, start: int, end: int, mentions: list[Mention]) -> list[str]:
    """States named by an adjective pair such as "Czech-Egyptian" or "Israeli-Russian"."""
    states = [
        m
        for m in mentions
        if m.kind == "State" and m.entity and start <= m.span.start and m.span.end <= end
    ]
    for x, y in itertools.pairwise(states):
        if text[x.span.end : y.span.start] == "-" and x.entity != y.entity:
            return [x.entity, y.entity]
    return []
