"""What the whole text says about its states (:class:`World`): which two it is mainly
about, which state a place stood for in a given year.  Used to fill in a party the text
implies (a visit to a city is a visit to the state it lay in that year; a change of
relations with one party named is with the text's other principal state) and to name the
state a capital stood for at the act's date.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import replace

from kg.records import Act, Analysis, Entity, Sentence, entity_key
from kg.stages.acts.arguments import PREPS, Part, dedupe
from kg.stages.acts.patterns import RELATIONS, Pattern


class World:
    """What the whole text says about its states: which two it is mainly about, which
    state a place stood for in a given year.  Used to complete acts whose other party the
    text leaves implicit ("Relations were broken off by Moscow", "visited Moscow")."""

    def __init__(self, a: Analysis) -> None:
        self.auth = a.authority
        self.entities = {entity_key(e): e for e in a.entities}
        self.added: dict[str, Entity] = {}
        counts: dict[int, Counter[str]] = {}
        total: Counter[str] = Counter()
        doc_of = {}
        for sent in a.sentences:
            doc_of[sent.span.start] = sent.doc
        starts = sorted(doc_of)
        for m in a.mentions:
            if not m.entity or m.kind in ("Date", "Pronoun") or m.sense == "modifier":
                continue
            key = m.entity
            if key.startswith("person/"):
                e = self.entities.get(key)
                key = f"state/{e.represents}" if e is not None and e.represents else ""
            if not key.startswith("state/"):
                continue
            k = bisect.bisect_right(starts, m.span.start) - 1
            doc = doc_of[starts[k]] if k >= 0 else 0
            counts.setdefault(doc, Counter())[key] += 1
            total[key] += 1
        self.counts = counts
        self.total = total

    def related(self, a: str, b: str) -> bool:
        """Successor and predecessor count as one party (Russia, the Soviet Union)."""
        ea, eb = self.entities.get(a), self.entities.get(b)
        return bool(
            (ea and ea.successor_of and f"state/{ea.successor_of}" == b)
            or (eb and eb.successor_of and f"state/{eb.successor_of}" == a)
        )

    def _alive(self, key: str, year: int | None) -> bool:
        if year is None or self.auth is None:
            return True
        try:
            start, end = self.auth.existence(key.removeprefix("state/"))
        except (KeyError, AttributeError):
            return True
        return (start is None or start <= year) and (end is None or year <= end)

    def principal(self, doc: int, year: int | None, exclude: tuple[str, ...] = ()) -> list[str]:
        """The states the text (the inner document, else the whole) is mainly about, most
        mentioned first, leaving out ``exclude`` and its predecessors and successors, and
        states that did not exist in ``year``; only a clear leader counts (more mentions
        than the next)."""
        for counter in (self.counts.get(doc), self.total) if doc else (self.total,):
            if not counter:
                continue
            ranked = [
                (k, c)
                for k, c in counter.most_common()
                if k not in exclude
                and not any(self.related(k, x) for x in exclude)
                and self._alive(k, year)
            ]
            # a predecessor and its successor are one party: keep the first
            merged: list[tuple[str, int]] = []
            for k, c in ranked:
                if not any(self.related(k, m) for m, _ in merged):
                    merged.append((k, c))
            if merged:
                return [k for k, _ in merged]
        return []

    def other(self, present: tuple[str, ...], doc: int, year: int | None) -> str | None:
        """The document's other principal state, if there is a clear one."""
        ranked = self.principal(doc, year)
        top = ranked[:2]
        if len(top) < 2 or not any(
            k in present or any(self.related(k, x) for x in present) for k in top
        ):
            return None
        rest = [
            k for k in top if k not in present and not any(self.related(k, x) for x in present)
        ]
        if len(rest) != 1:
            return None
        counter = self.counts.get(doc) or self.total
        if len(ranked) > 2 and counter[ranked[2]] >= counter[rest[0]]:
            return None  # no clear second party
        return self.use(rest[0])

    def pair(self, doc: int, year: int | None) -> tuple[str, ...]:
        """The two principal states, when they clearly stand out."""
        ranked = self.principal(doc, year)
        counter = self.counts.get(doc) or self.total
        if len(ranked) < 2 or (len(ranked) > 2 and counter[ranked[2]] >= counter[ranked[1]]):
            return ()
        return tuple(self.use(k) for k in ranked[:2])

    def state_of_place(self, place: str, year: int | None) -> str | None:
        """The state a place lay in: for a capital the state of that year (Moscow in 1953
        is the Soviet Union), else the place's country."""
        e = self.entities.get(place)
        if e is None:
            return None
        if self.auth is not None:
            s = self.auth.lookup(e.label, kind="State", year=year)
            if s is not None:
                key = entity_key(s)
                if key not in self.entities:
                    self.added[key] = s
                    self.entities[key] = s
                return key
        country = e.country_in(year)
        return self.use(f"state/{country}") if country else None

    def posted_to(self, key: str, state: str | None, year: int | None) -> bool:
        """Whether the envoy ``key`` held a post in ``state`` that year ("Israeli Minister
        to the Soviet Union"): his reception there is no visit."""
        e = self.entities.get(key)
        host = self.entities.get(state) if state else None
        if e is None or host is None:
            return False
        return any(
            re.search(rf"\bto\s+(?:the\s+)?{re.escape(host.label)}\b", o.title or "")
            and (year is None or ((o.start or year) <= year <= (o.end or year)))
            for o in e.offices
        )

    def home(self, key: str) -> str:
        e = self.entities.get(key)
        if e is not None and e.kind == "Envoy" and e.represents:
            return f"state/{e.represents}"
        if e is not None and e.kind == "Place":
            return f"state/{e.country}" if e.country else key
        return key

    def use(self, key: str) -> str:
        if key not in self.entities and self.auth is not None:
            try:
                e = self.auth.get("State", key.removeprefix("state/"))
            except KeyError:
                return key
            self.added[key] = e
            self.entities[key] = e
        return key


def capitals_by_date(
    a: Analysis, acts: list[Act], sentences: list[Sentence], years: list[int | None],
    world: World,
) -> list[Act]:
    """A capital standing for its state names the state of the act's year: "Moscow broke
    off relations in 1967" is the Soviet Union even in a text written in 1990.  The year
    is the act's own date, else its sentence's, else the latest year the text names."""
    if a.authority is None:
        return acts
    capitals = sorted(
        (m for m in a.mentions if m.kind == "State" and m.sense == "government" and m.entity),
        key=lambda m: m.span.start,
    )
    if not capitals:
        return acts
    starts = [x.span.start for x in sentences]
    named = [m.date.year for m in a.mentions if m.kind == "Date" and m.date and m.explicit]
    latest = max(named) if named else None
    out = []
    for act in acts:
        if act.date is not None:
            year = act.date.year
        else:
            k = bisect.bisect_right(starts, act.evidence.start) - 1
            year = years[k] if k >= 0 else None
            year = latest if year is None else year
        if year is None:
            out.append(act)
            continue
        swap: dict[str, str] = {}
        lo = bisect.bisect_left([m.span.start for m in capitals], act.evidence.start)
        for m in capitals[lo:]:
            if m.span.start >= act.evidence.end:
                break
            if m.entity not in act.participants or m.entity in swap:
                continue
            st = a.authority.lookup(m.surface, kind="State", year=year)
            if st is None or entity_key(st) == m.entity:
                continue
            new = entity_key(st)
            if new not in world.entities:
                world.added[new] = st
                world.entities[new] = st
            swap[m.entity] = new
        if swap:
            act = replace(
                act,
                actors=dedupe([swap.get(k, k) for k in act.actors]),
                counterparts=dedupe([swap.get(k, k) for k in act.counterparts]),
            )
        out.append(act)
    return out


# a verb right after a place name: the place is the subject, its government acts
_VERB_AFTER = re.compile(
    r"\s+(?:[a-z]+ly\s+)?(?:[a-z]+ed|broke|cut|sent|held|made|began|told|gave|took|signed|"
    r"met|sold|paid|left|said|had|has|was|is|recogni[sz]es|restores|resumes)\b"
)


def here_state(a: Analysis, world: World, year: int | None) -> str | None:
    """The state "here" is in a news report: its dateline's, else the one it is mainly about."""
    auth = a.authority
    if a.dateline is not None and auth is not None:
        words = a.dateline.of(a.text).split(",")[0].strip()
        st = auth.lookup(words, kind="State", year=year)
        if st is None:
            st = auth.state_of(auth.lookup(words, kind="Place"), year)
        return world.use(entity_key(st)) if st is not None else None
    if a.genre != "news":
        return None
    ranked = world.principal(0, year)
    counts = world.total
    if ranked and (len(ranked) == 1 or counts[ranked[0]] > counts[ranked[1]]):
        return world.use(ranked[0])
    return None


_HIS_GOVERNMENT = re.compile(
    r"['’]s\s+(?:\w+\s+)?(?:government|administration|cabinet|regime)\b", re.I
)
_OPENERS = frozenset(
    ["but", "and", "then", "when", "after", "yet", "so", "later", "meanwhile", "soon", "also",
     "thus", "finally", "eventually", "today", "since", "before", "now", "still", "instead"]
)


def capital_subjects(
    text: str, sent: Sentence, parts: list[Part], world: World, year: int | None
) -> list[Part]:
    """"Prague broke off relations": a city as the subject of a verb stands for the
    government of the state it lay in that year (not a name it is part of: "Radio X")."""
    out = []
    for p in parts:
        named = re.search(r"\b([A-Z][\w’'-]*)\s+$", text[sent.span.start : p.start])
        if (
            p.place
            and not (named and named.group(1).lower() not in _OPENERS)
            and p.prep not in PREPS
            and len(p.keys) == 1
            and _VERB_AFTER.match(text, p.end)
            and (st := world.state_of_place(p.keys[0], year)) is not None
        ):
            p = replace(p, keys=(st,), place=False)
        elif (
            p.possessive
            and len(p.keys) == 1
            and p.keys[0].startswith("person/")
            and _HIS_GOVERNMENT.match(text, p.end)
            and world.home(p.keys[0]).startswith("state/")
        ):
            # "Nehru's government recognized": the government of the state he led
            p = replace(p, keys=(world.home(p.keys[0]),), possessive=False)
        out.append(p)
    return out


def implied_parties(
    pat: Pattern,
    actors: list[str],
    counter: list[str],
    place: str | None,
    world: World,
    doc: int,
    year: int | None,
    named: set[str] = frozenset(),
    with_phrase: bool = False,
) -> tuple[list[str], list[str], str | None]:
    """Fill in a party the text implies but does not name; ``named`` are the states the
    sentence names (directly or through an envoy)."""
    actors, counter = list(actors), list(counter)
    if (pat.type == "Visit" or pat.name == "meeting-credentials") and place and not counter:
        # "visited Moscow": the visit is to the state the city then lay in
        st = world.state_of_place(place, year)
        if st:
            counter.append(st)
    elif pat.type == "Visit" and pat.form == "noun" and len(actors) == 1 and not counter:
        # "Shimon Peres made a state visit in April 2014", in a text on his state's relations
        # with one other: a visit there
        home = world.home(actors[0])
        other = world.other((home,), doc, year) if home.startswith("state/") else None
        if other:
            counter.append(other)
    elif pat.type in RELATIONS and pat.type != "Recognition":
        present = tuple(dedupe(actors + counter))
        if len(present) == 1 and (actors or pat.form != "verb") and not (
            with_phrase and not counter  # "restored relations with most Arab capitals"
        ):
            # "Relations were broken off by Moscow": with the text's other principal state
            # (not when a subject the text names but no state matches stands there:
            # "several Arab states broke off relations with Bonn")
            other = world.other(present, doc, year)
            if other:
                (counter if actors else actors).append(other)
        elif not present:
            # "normal relations, which were interrupted": between the two principal states,
            # when the sentence names no other ("relations were restored on 27 February
            # 1990" in a history of two states' relations)
            pair = world.pair(doc, year)
            others = {
                h for h in (world.home(k) for k in named)
                if h.startswith("state/")
                and not any(h == k or world.related(h, k) for k in pair)
            }
            if pair and not others:
                actors += pair
    elif pat.type == "Agreement":
        present = tuple(dedupe(actors + counter))
        if not present and (pat.form == "passive" or pat.name == "agreement-of-date") and not (
            with_phrase
        ):
            # "an agreement was signed in 2008" in a text about two states' relations
            actors += world.pair(doc, year)
        elif len(present) == 1:
            # "X signed the agreement": with the text's other principal state
            home = world.home(present[0])
            other = world.other((home,), doc, year) if home.startswith("state/") else None
            if other:
                counter.append(other)
    elif (
        pat.type == "Correspondence"
        and len(actors) == 1
        and not counter
        and actors[0].startswith("state/")
    ):
        # a government's note with no addressee: to the other principal state
        other = world.other(tuple(actors), doc, year)
        if other:
            counter.append(other)
    return actors, counter, place
