"""The stage's ``run``: the sentences (and photo captions) in order, each trigger of each
pattern read into an act (roles, date, implied parties, checks), acts told by reference,
then the passes over all the acts in order.

Only the sequence and the state carried from sentence to sentence live here; the rules of
each step are in the sibling modules.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace

from kg.records import Act, Analysis, Document, Mention, Sentence, Span, entity_key
from kg.stages.acts.arguments import (
    CLAUSE_PRONOUN,
    GOVERNMENT,
    OBJECT_OF_VERB,
    PREPS,
    SAME_TALK,
    SUBJ_PREPS,
    UNNAMED_ENVOY,
    Part,
    antecedent,
    dedupe,
    find_parts,
    find_roles,
    hyphen_pair,
    listed_after,
    more_destinations,
    only_states,
    speaker,
    split_clauses,
    valid,
)
from kg.stages.acts.dating import Timeline, document_date, trigger_date
from kg.stages.acts.derived import (
    announced_decision,
    drop_document_voice,
    followed,
    gapped_repeats,
    heading_acts,
    joint_heading_acts,
    proposals_in_letters,
    same_acts,
)
from kg.stages.acts.guards import rejected
from kg.stages.acts.merge import (
    drop_implied_visits,
    drop_speech_summaries,
    during_meetings,
    merge_repeats,
    prefer_specific,
    replies,
    trim,
)
from kg.stages.acts.patterns import PATTERNS, RELATIONS, Pattern
from kg.stages.acts.world import (
    World,
    capital_subjects,
    capitals_by_date,
    here_state,
    implied_parties,
)
from kg.stages.dates import years_in_force
from kg.stages.mentions import NOT_NAMES

log = logging.getLogger(__name__)

# a pronoun subject early in a clause ("where on Friday he called on X and asked Y")
_EARLY_PRONOUN = re.compile(r"\W*(?:\w+\s+){0,6}?\b([Hh]e|[Ss]he|[Ii]t|[Tt]hey)\s")

_ABROAD = re.compile(
    r"\bat\s+(?:the|his|her|its|their)\s+(?:[\w’'-]+\s+){0,2}?(?:mission|embassy|legation|"
    r"consulate|delegation|residence|hotel|headquarters)\b",
    re.I,
)


@dataclass
class _Reader:
    """The text being read and what reading it has given so far: the acts (and their
    evidence spans), the previous sentence's actors (for a pronoun), the last change of
    relations (for "did the same") and the dates in force."""

    a: Analysis
    sentences: list[Sentence]
    docs: dict[int, Document]
    world: World
    time: Timeline
    acts: list[Act]
    seen_spans: set[tuple[str, int, int]]
    prev: tuple[str, ...] = ()
    last_rel: tuple[int, Act] | None = None


@dataclass(frozen=True)
class _Sent:
    """One sentence (or caption) as the patterns see it."""

    i: int
    sent: Sentence
    mentions: list[Mention]
    dates: list[Mention]
    parts: list[Part]
    clauses: list[Span]
    year: int | None
    named: set[str]


def run(a: Analysis) -> Analysis:
    """Read each sentence and caption in turn (:func:`_read_sentence`), then the passes over
    all the acts (:func:`_post_passes`), then merge repeats (:func:`merge_repeats`)."""
    text = a.text
    sentences, by_sentence = _sentences(a)
    docs = {d.n: d for d in a.documents}
    world = World(a)
    years = years_in_force(a, sentences, explicit_only=True)
    acts: list[Act] = heading_acts(a.documents) + joint_heading_acts(a, world)
    seen_spans: set[tuple[str, int, int]] = {
        (x.type, x.evidence.start, x.evidence.end) for x in acts
    }
    r = _Reader(a, sentences, docs, world, Timeline.of(a, sentences), acts, seen_spans)
    for i, sent in enumerate(sentences):
        _read_sentence(r, i, sent, by_sentence.get(i, []), years[i])
    acts = _post_passes(a, r.acts, sentences, years, world)
    entities = a.entities + tuple(
        e for k, e in sorted(world.added.items()) if k not in {entity_key(x) for x in a.entities}
    )
    return replace(a, acts=tuple(merge_repeats(text, acts)), entities=entities)


def _sentences(a: Analysis) -> tuple[list[Sentence], dict[int, list[Mention]]]:
    """The sentences in text order, photo captions among them (read like sentences of
    their own, a paragraph each), and the mentions of each by its index."""
    by_sentence: dict[int, list[Mention]] = {}
    sentences = sorted(
        [*a.sentences, *(Sentence(c, 0, -1 - k) for k, c in enumerate(a.captions))],
        key=lambda x: x.span.start,
    )
    ms = sorted(a.mentions, key=lambda m: m.span.start)
    j = 0
    for i, sent in enumerate(sentences):
        while j < len(ms) and ms[j].span.start < sent.span.start:
            j += 1
        k = j
        while k < len(ms) and ms[k].span.start < sent.span.end:
            by_sentence.setdefault(i, []).append(ms[k])
            k += 1
    return sentences, by_sentence


def _post_passes(
    a: Analysis, acts: list[Act], sentences: list[Sentence], years: list[int | None],
    world: World,
) -> list[Act]:
    """The passes over all the acts, in order."""
    acts = replies(acts)
    acts = during_meetings(acts)
    acts = drop_speech_summaries(acts)
    acts = drop_implied_visits(acts)
    acts = drop_document_voice(a.text, acts, a.documents, world.home)
    acts = proposals_in_letters(a.text, acts)
    return capitals_by_date(a, acts, sentences, years, world)


def _read_sentence(
    r: _Reader, i: int, sent: Sentence, mentions: list[Mention], year: int | None
) -> None:
    """The acts of one sentence: each pattern's triggers, the most specific kept, then the
    acts it tells of by reference ("did the same", "followed"); then what the next sentence
    needs to know of it."""
    text, world, sentences = r.a.text, r.world, r.sentences
    dates = [m for m in mentions if m.kind == "Date" and m.date]
    parts = find_parts(text, sent, mentions)
    clauses = split_clauses(text, sent.span)
    parts = capital_subjects(text, sent, parts, world, year)
    named = {world.home(k) for p in parts for k in p.keys}
    s = _Sent(i, sent, mentions, dates, parts, clauses, year, named)
    found: list[tuple[int, Act]] = []
    for pat in PATTERNS:
        for trig in pat.regex.finditer(text, sent.span.start, sent.span.end):
            _read_trigger(r, s, pat, trig, found)
    found = prefer_specific(text, found)
    found.sort(key=lambda t: t[0])
    last_rel = r.last_rel
    ref_rel = [x for _, x in found if x.type in RELATIONS] or (
        [last_rel[1]]
        if last_rel is not None
        and last_rel[0] == i - 1
        and sentences[last_rel[0]].paragraph == sent.paragraph
        else []
    )
    if ref_rel:
        found = [(pos, announced_decision(text, x, ref_rel[-1], world)) for pos, x in found]
    _record(r, clauses, found)
    _by_reference(r, s, found)
    rel = [x for _, x in found if x.type in RELATIONS]
    if rel:
        r.last_rel = (i, rel[-1])
    mine = [x for _, x in found]
    r.time.advance(text, sent, dates, mine)
    # the sentence's subjects, for a pronoun in the next one: a name joined by "and" to a
    # subject is one too ("X and Y met"), one joined to an object is not ("called on X and Y")
    subjects: list[str] = []
    joined_to_subject = False
    for p in sorted(parts, key=lambda p: p.start):
        is_subject = not p.place and (
            (p.prep not in PREPS and not OBJECT_OF_VERB.fullmatch(p.prep))
            or (p.prep == "and" and joined_to_subject)
        )
        if is_subject:
            subjects += p.keys
        joined_to_subject = is_subject
    # actors first (what "he" or "it" stands for), then the other parties ("they met again")
    r.prev = tuple(dedupe(
        [k for x in mine for k in x.actors] + subjects + [k for x in mine for k in x.counterparts]
    ))


def _record(r: _Reader, clauses: list[Span], found: list[tuple[int, Act]]) -> None:
    """Add a sentence's acts, one per type and evidence span (a second one gets its own
    clause as evidence, or is dropped)."""
    text = r.a.text
    for pos, act in found:
        key = (act.type, act.evidence.start, act.evidence.end)
        if key in r.seen_spans:
            clause = next((c for c in clauses if c.start <= pos < c.end), None)
            if clause is None:
                continue
            act = replace(act, evidence=trim(text, clause))
            key = (act.type, act.evidence.start, act.evidence.end)
            if key in r.seen_spans:
                continue
        r.seen_spans.add(key)
        r.acts.append(act)


def _by_reference(r: _Reader, s: _Sent, found: list[tuple[int, Act]]) -> None:
    """Acts a sentence tells of by pointing back at a change of relations: "X and Y did
    the same", "Poland followed"; appended to ``found`` and to the acts."""
    text, world, sentences, sent, i = r.a.text, r.world, r.sentences, s.sent, s.i
    clauses, parts, dates, last_rel = s.clauses, s.parts, s.dates, r.last_rel
    same: list[Act] = []
    if (
        last_rel is not None
        and last_rel[0] >= i - 1
        and sentences[last_rel[0]].paragraph == sent.paragraph
    ):
        ref = next((x for _, x in reversed(found) if x.type in RELATIONS), last_rel[1])
        same = same_acts(text, sent, clauses, parts, dates, ref, world)
        for x in same:
            found.append((x.trigger.start if x.trigger else x.evidence.start, x))
            r.acts.append(x)
    elif found and any(x.type in RELATIONS for _, x in found):
        ref = next(x for _, x in reversed(found) if x.type in RELATIONS)
        same = same_acts(text, sent, clauses, parts, dates, ref, world)
        for x in same:
            found.append((x.trigger.start if x.trigger else x.evidence.start, x))
            r.acts.append(x)
    if not found and not same and last_rel is not None and last_rel[0] == i - 1:
        follow = followed(text, sent, parts, dates, last_rel[1], world)
        if follow is not None:
            found.append((follow.evidence.start, follow))
            r.acts.append(follow)


# a named subject right before a verb: "the Arab League had declared", "Hamas called"
_NAMED_SUBJECT = re.compile(
    r"(?:^|[,;]\s*|\b(?:but|while|when|that)\s+)(?:the\s+)?"
    r"(?P<name>(?-i:[A-Z][\w’'-]+)(?:\s+(?-i:[A-Z][\w’'-]+)){0,3})\s+"
    r"(?:(?:had|has|have|also|then|later|again|once|itself)\s+){0,2}(?:[a-z]+ly\s+)?$"
)
# words that start no body's name (pronouns, conjunctions: "When we discussed"), and
# titles: "King Abdullah II announced" is a person the text may name oddly
_NOT_A_BODY = NOT_NAMES | frozenset(["I", "There", "Then", "As", "Once", "Now", "So",
                         "King", "Queen", "President", "Prime", "Premier", "Chancellor",
                         "Foreign", "General", "Gen", "Sheikh", "Emir", "Prince", "Crown",
                         "Mr", "Mrs", "Ms", "Dr", "Pope", "Shah", "Sultan", "Minister",
                         "Secretary", "Ambassador", "Envoy", "Chairman", "Leader"])


def _unknown_subject(text: str, clause: Span, trig: re.Match[str], parts: list[Part]) -> bool:
    """Whether the verb's subject is named but unknown ("the Arab League had declared"):
    then the act is that body's, and no other party may be put in its place."""
    m = _NAMED_SUBJECT.search(text[clause.start : trig.start()])  # "^": the clause's start
    if m is None or set(m.group("name").split()) & _NOT_A_BODY:
        return False
    at = clause.start + m.start("name")
    return not any(at <= p.start < trig.start() or p.start <= at < p.end for p in parts)


def _dropped(pat: Pattern, trig: re.Match[str], why: str) -> None:
    """Say at debug level why a trigger gave no act (``kg -vv convert``): the first thing a
    reader of a missed act wants to know."""
    log.debug("%s at %d %r: %s", pat.name, trig.start(), trig.group(0)[:40], why)


def _read_trigger(
    r: _Reader, s: _Sent, pat: Pattern, trig: re.Match[str], found: list[tuple[int, Act]]
) -> None:
    """The act one trigger tells of, and those it implies, appended to ``found``: its
    roles, its date, the parties the text implies, a check it has what its type needs."""
    text, sent, parts, world, a = r.a.text, s.sent, s.parts, r.world, r.a
    clause = next((c for c in s.clauses if c.start <= trig.start() < c.end), sent.span)
    if rejected(pat, text, sent, clause, trig):
        _dropped(pat, trig, "negated, modal, reported or guarded")
        return
    roles = _pattern_roles(r, s, pat, trig, clause, found)
    if roles is None:
        _dropped(pat, trig, "no roles")
        return
    actors, counter, place = roles
    if pat.form == "verb" and pat.type != "Recognition" and _unknown_subject(
        text, clause, trig, parts
    ):
        _dropped(pat, trig, "its subject is a body the authority data does not know")
        return
    dated = trigger_date(
        text, sent, clause, trig, pat, s.dates, r.docs.get(sent.doc), a.date, s.year, r.time
    )
    if dated is None:
        _dropped(pat, trig, "about another time")
        return
    date, penalty, act_year = dated
    unnamed = re.search(
        r"\band\s+(?:the\s+)?(?-i:[A-Z][\w’'-]+)\s+$", text[clause.start : trig.start()]
    )
    if unnamed and not any(
        p.end >= clause.start + unnamed.start() and p.end <= trig.start() for p in parts
    ):
        # "Bonn and Cairo restored relations" with Cairo unknown: no party to add
        pass
    else:
        actors, counter, place = implied_parties(
            pat,
            actors,
            counter,
            place,
            world,
            sent.doc,
            act_year,
            s.named,
            bool(re.match(r"\s+with\b", text[trig.end() : trig.end() + 6])),
        )
    actors_t = dedupe(actors)
    counter_t = tuple(k for k in dedupe(counter) if k not in actors_t)
    if pat.type == "Proposal" and counter_t and all(
        k.startswith("state/") for k in counter_t
    ) and any(k.startswith("person/") for k in actors_t) and {
        world.home(k) for k in actors_t + counter_t
    } == {world.home(actors_t[0])}:
        return  # an envoy's advice to his own government: no diplomatic act
    if pat.type == "Meeting" and len(actors_t) >= 2 and not counter_t:
        # "Israel and Egypt held talks": the two sides meet each other
        actors_t, counter_t = actors_t[:1], actors_t[1:]
    if not valid(pat.type, list(actors_t), list(counter_t), place, pat.name == "meeting-group"):
        _dropped(pat, trig, f"parties missing: {actors_t} -> {counter_t}")
        return
    if pat.type in RELATIONS and pat.form == "verb" and not actors_t and not (
        pat.type == "Recognition"
        and re.search(r"\bthe\s+(?-i:[A-Z]{2,6})\s+$", text[clause.start : trig.start()])
    ):
        # the subject is named, but as nothing the authority knows (an organisation's
        # initials, "the PLO recognized Israel", still tell whom it recognized)
        return
    if place == GOVERNMENT:
        place = None
    if pat.name == "visit-verb" and counter_t and all(k.startswith("person/") for k in counter_t):
        # "the Polish ambassador visited Avner": a call on a person is a meeting
        act_type = "Meeting"
    else:
        act_type = pat.type
    if act_type == "Visit":
        dest = {world.home(k) for k in counter_t} | ({world.home(place)} if place else set())
        home = {world.home(k) for k in actors_t}
        if dest & home:
            return  # a Russian "visiting" Moscow is no diplomatic visit
    date, penalty = document_date(
        a, sent, pat, trig, act_type, s.dates, r.docs.get(sent.doc), date, penalty, r.time
    )
    conf = pat.confidence - penalty
    if not (actors_t and (counter_t or place)):
        conf -= 0.1
    act = Act(
        act_type,
        sent.span,
        sent.doc,
        f"pattern:{pat.name}",
        round(max(0.3, conf), 2),
        actors=actors_t,
        counterparts=counter_t,
        date=date,
        place=place,
        trigger=Span(trig.start(), trig.end()),
    )
    if act_type == "Visit" and (place or counter_t):
        # "visited Damascus and Amman": a visit to each
        home = {world.home(k) for k in actors_t}
        for q in more_destinations(text, parts, trig.end(), clause.end):
            k = q.keys[0]
            st = world.state_of_place(k, act_year) if q.place else k
            if (st and st.startswith("state/") and st not in counter_t
                    and world.home(st) not in home):
                found.append((q.start, replace(
                    act, counterparts=(st,), place=k if q.place else None,
                    evidence=Span(trig.start(), q.end))))
    if act_type == "Meeting" and len(counter_t) >= 2 and re.search(
        r"\bseparately\b|\band\s+with\b", text[trig.start() : clause.end]
    ):
        # "conferred separately with X and with Y": one meeting with each
        for k in counter_t:
            at = next((p for p in parts if k in p.keys and p.start >= trig.start()), None)
            if at is not None:
                found.append(
                    (at.start, replace(act, counterparts=(k,), evidence=Span(trig.start(), at.end)))
                )
        return
    if pat.name == "statement-speech-by":
        for k, part in listed_after(text, parts, trig.end(), clause.end)[1:]:
            found.append((part.start, replace(
                act, actors=(k,), evidence=Span(trig.start(), part.end))))
    found.append((trig.start(), act))
    for again in gapped_repeats(text, sent, s.dates, act):
        found.append((again.trigger.start, again))
    if pat.name in ("meeting-receiving", "meeting-received-by") and not (
        _ABROAD.search(text, trig.end(), clause.end)
    ):
        # receiving a visitor: the visitor visits the host's state (or the place's)
        # (not at the host's mission or hotel abroad: no journey is told)
        host = world.state_of_place(place, act_year) if place else None
        host = host or (world.home(actors_t[0]) if actors_t else None)
        guests = tuple(k for k in counter_t if world.home(k) != host
                       and not world.posted_to(k, host, act_year))
        if host and host.startswith("state/") and guests:
            found.append(
                (
                    trig.start() + 1,
                    replace(
                        act,
                        type="Visit",
                        method="pattern:visit-received",
                        actors=guests,
                        counterparts=(host,),
                    ),
                )
            )


def _pattern_roles(
    r: _Reader, s: _Sent, pat: Pattern, trig: re.Match[str], clause: Span,
    found: list[tuple[int, Act]],
) -> tuple[list[str], list[str], str | None] | None:
    """A trigger's roles (:func:`find_roles`) with what its pattern adds or checks (a letter's
    writer for "I propose", a reply only to a letter just told of, ...); None for no act."""
    text, sent, parts, world, a = r.a.text, s.sent, s.parts, r.world, r.a
    docs, prev, acts, year, mentions = r.docs, r.prev, r.acts, s.year, s.mentions
    actors, counter, place = find_roles(pat, text, clause, sent, trig, parts, prev)
    # a city is where an act happens, never who does it ("the Astana talks")
    actors = [k for k in actors if not k.startswith("place/")]
    before_me = [x for p0, x in found if p0 < trig.start() and x.actors]
    if not actors and before_me and pat.form == "verb" and re.search(
        r"\band\s+(?:then\s+|later\s+|also\s+)?$",
        text[max(sent.span.start, trig.start() - 20) : trig.start()],
    ):
        # "he travelled to X and held talks with Y": the same subject
        last = max(before_me, key=lambda x: x.trigger.start if x.trigger else 0)
        actors = list(last.actors)
    if pat.name == "statement-speaking-to-press" and trig.group(0)[0].islower():
        # "Peres, speaking on Israel Radio, called ...": the name the phrase is set after
        own = [p for p in parts if p.end <= trig.start() and p.start >= sent.span.start
               and not p.place and re.fullmatch(r",\s*", text[p.end : trig.start()])]
        actors, counter = (list(own[-1].keys) if own else []), []
    elif pat.name == "statement-speaking-to-press":
        # the subject of the main clause after the participle's phrase
        comma = text.find(",", trig.end(), sent.span.end)
        main = [p for p in parts if comma >= 0 and p.start > comma and not p.place
                and not p.possessive and p.prep not in PREPS][:1]
        he = re.match(r",\s*(he|she)\b", text[comma:]) if comma >= 0 else None
        if he and (not main or main[0].start > comma + he.end()):
            actors = antecedent(he.group(1), prev)  # "Addressing the Knesset, he asked"
        else:
            actors = list(main[0].keys) if main else []
        counter = []
    if pat.name == "statement-said-after":
        actors, counter = speaker(text, trig, parts), []
        if any(x.type == "PublicStatement" and set(actors) <= set(x.actors)
               and 0 <= trig.start() - x.evidence.end <= SAME_TALK
               for x in acts):
            return None  # more of what the speaker has just been said to say
    if pat.name == "proposal-offered" and re.match(r"(?:off|sug|ask|req)", trig.group(0), re.I):
        # "X offered to ...", "X asked that the Soviet side ...": the subject
        # proposes; its addressee is who the "that" clause asks to act
        subj = [p for p in parts if clause.start <= p.start and p.end <= trig.start()
                and p.prep not in SUBJ_PREPS and not p.place]
        if subj and subj[-1].prep == "and" and not [p for p in subj if p.prep != "and"]:
            subj = []  # "he called on X and Y and asked France": Y is called on, not asking
        pron = CLAUSE_PRONOUN.search(text, clause.start, trig.start()) or _EARLY_PRONOUN.match(
            text, clause.start, trig.start()
        )
        if subj:
            actors = list(subj[-1].keys)
        elif pron:  # "He offered to ...": whom "he" stands for, or nobody
            actors = antecedent(pron.group(1), prev)
        else:
            actors = []
        # ... or whom it asks directly ("asked France to speed the delivery")
        asked = [p for p in parts if 0 <= p.start - trig.end() <= 14 and not p.place
                 and re.fullmatch(r"(?:that\s+)?(?:the\s+)?", text[trig.end() : p.start])]
        counter = [k for k in asked[0].keys if k not in actors] if asked else []
    if pat.name == "agreement-agreed-that" and len(dedupe(actors + counter)) < 2:
        return None  # "X agreed that ...": an opinion, unless two sides agree
    if pat.name == "meeting-we":
        d = docs.get(sent.doc)
        if d is None or not d.n or not d.author or not d.recipient:
            return None
        actors, counter = [d.author], [d.recipient]
    if pat.name == "visit-first-person":
        d = docs.get(sent.doc)
        if d is None or not d.n or not d.author:
            return None
        actors = [d.author]
    if pat.name == "meeting-received-by" and not counter and re.search(
        r"(?-i:\b(?:I|[Ww]e))\s+$", text[clause.start : trig.start()]
    ):
        # in a telegram: "Today I was received by Deputy Foreign Minister X": its writer
        d = docs.get(sent.doc)
        if d is None or not d.n or not d.author:
            return None
        counter = [d.author]
    if pat.name in ("proposal-first-person", "meeting-our"):
        # the writer of a letter speaks: he proposes to its recipient, "our
        # conversation" was the sentence's subject's with him
        d = docs.get(sent.doc)
        if d is None or not d.n or not d.author:
            return None
        if pat.name == "proposal-first-person":
            if not d.recipient:
                return None
            actors, counter = [d.author], [d.recipient]
        else:
            subj = [
                p
                for p in parts
                if p.end <= trig.start()
                and p.prep not in PREPS
                and p.keys[0].startswith("person/")
                and p.keys[0] not in (d.author, d.recipient)
            ]
            if not subj:
                return None
            actors, counter = list(subj[0].keys), [d.author]
    if pat.name == "proposal-invitation-accepted":
        # the inviter proposes, the one accepting is his counterpart
        subj = [
            p for p in parts
            if clause.start <= p.start and p.end <= trig.start()
            and p.prep not in PREPS and not p.place
        ]
        if not actors or not subj:
            return None
        actors, counter = actors[:1], list(subj[-1].keys)
    if pat.name == "consular-consulate" and not counter:
        # "opened a consulate in Bombay": with the state the city lies in
        where = [p for p in parts if p.place and 0 <= p.start - trig.end() <= 8]
        st = world.state_of_place(where[0].keys[0], year) if where else None
        if st and st not in actors:
            counter = [st]
    if pat.name == "letter-answered":
        # only a reply to a letter the sentence has just told of
        asked = [x for p0, x in found if x.type == "Correspondence"
                 and p0 < trig.start() and set(actors) & set(x.counterparts)]
        if not asked:
            return None
        counter = list(asked[-1].actors)
    if pat.name == "letter-wrote-to" and not counter and re.match(
        r"(?:tele)?phoned", trig.group(0), re.I
    ):
        return None  # a call to no one the text names
    if pat.name == "visit-taken-to" and not actors:
        # "a tour by the Soviet minister that has taken him to X": the traveller
        by = [p for p in parts if trig.start() < p.start < trig.end()
              and p.prep == "by" and not p.place]
        actors = list(by[0].keys) if by else []
    if pat.name == "visit-here":
        here = here_state(a, world, year)
        counter = [here] if here else []
    if (pat.name == "visit-is-in" or trig.group(0).startswith("reached")) and not all(
        k.startswith("person/") for k in actors
    ):
        return None  # only a person stays somewhere on a visit (arms too reach Egypt)
    if pat.type in ("Correspondence", "ArmsTransfer", "Recognition", "PublicStatement"):
        # a note sent to London goes to the British government
        counter = [
            (world.state_of_place(k, year) or k) if k.startswith("place/") else k
            for k in counter
        ]
    if pat.type == "Agreement" and not (actors and counter):
        pair = hyphen_pair(text, max(clause.start, trig.start() - 40), trig.end(), mentions)
        if pair:
            actors = pair
            counter = []
    if pat.name in ("meeting-receiving", "meeting-received-by") and not UNNAMED_ENVOY.match(
        text, trig.end()
    ):
        # a person is received, not a state ("received the Egyptian proposal"), unless
        # the words name its envoy ("received the Russian leader")
        counter = [k for k in counter if k.startswith("person/")]
    if pat.type in RELATIONS:
        # "President Carter broke relations with Iran": his state does
        actors = only_states([world.home(k) for k in actors])
        counter = only_states([world.home(k) for k in counter])
    if pat.type == "PublicStatement":
        counter = _directed_at(text, sent, pat, trig, parts, actors, counter, world)
    return actors, counter, place


def _directed_at(
    text: str, sent: Sentence, pat: Pattern, trig: re.Match[str], parts: list[Part],
    actors: list[str], counter: list[str], world: World,
) -> list[str]:
    """Whom a statement is directed at: its addressee, else the foreign state it is about
    ("condemned Israel's raid", "declared that Britain was not ready").  The parties of what
    "X said" or "announced that" reports are not addressed ("said the US welcomed")."""
    that = re.match(r"\s+that\b", text[trig.end() : trig.end() + 6])
    if pat.name == "statement-said-that" or that:
        counter = []
    if counter or not actors:
        return counter
    own = {world.home(k) for k in actors}
    about = [
        k for p in parts if trig.end() <= p.start < sent.span.end and not p.place
        # not the state after its city: "told reporters in Amman, Jordan"
        and not any(q.place and re.fullmatch(r",\s*", text[q.end : p.start]) for q in parts)
        for k in p.keys
        if k.startswith("state/") and k not in own and not any(world.related(k, h) for h in own)
    ]
    return about[:1]
