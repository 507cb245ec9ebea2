"""Realistic synthetic corpora for dipkg: graphs at a chosen size, and texts for the converters.

The seed corpus is five texts and a few thousand triples, far too small to tell how the
store, the reasoner or the endpoint behave as the work grows.  This module makes more of
the same thing:

* ``graph``: an N-Quads dataset shaped exactly as ``ontology/README.md`` says (states,
  envoys with offices, places, documents of the four genres with their ``dip:text``,
  collections of letters and telegrams, acts of all thirteen types with Web Annotation
  evidence whose ``oa:exact`` really is ``dip:text[start:end]``), one named graph per source
  and the entities in ``id:graph/authority``.  It streams, so 10M triples never sit in memory.
* ``texts``: plain-text documents in the four genres, written from sentence templates filled
  with the authority data, to measure what conversion costs as the corpus grows.  Next to
  the texts go ``sources.yaml`` (the metadata a manifest would give) and ``truth.jsonl``
  (every act the templates wrote, with its span), so a converter's recall can be scored.

Both come from the same pure generator (:func:`generate_sources`), deterministic for a
seed; the files are written only in :func:`main`.

    python benchmarks/generate.py graph --triples 100k -o /tmp/g100k.nq.gz
    python benchmarks/generate.py texts -n 50 -o /tmp/texts
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import logging
import random
import re
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402

from kg.records import Entity, Office, PartialDate, Span  # noqa: E402
from kg.vocab import ACT_TYPES, GRAPH_AUTHORITY, ID  # noqa: E402

log = logging.getLogger("benchmarks.generate")

# -- namespaces (plain strings: this module writes N-Quads text, not rdflib terms) --------
DIP = "https://w3id.org/dipkg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
SKOS_EXACT_MATCH = "http://www.w3.org/2004/02/skos/core#exactMatch"
DCT = "http://purl.org/dc/terms/"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
OA = "http://www.w3.org/ns/oa#"
XSD = "http://www.w3.org/2001/XMLSchema#"
WD = "http://www.wikidata.org/entity/"

GENRES = ("news", "encyclopedia", "collection", "essay")
_GENRE_WEIGHTS = (40, 20, 15, 25)
_GENRE_CLASS = {
    "news": "NewsArticle",
    "encyclopedia": "Article",
    "essay": "Article",
    "collection": "DocumentCollection",
}

# -- terms -------------------------------------------------------------------------


class Lit(NamedTuple):
    """A literal: lexical form, and a datatype IRI or a language tag."""

    value: str
    datatype: str | None = None
    lang: str | None = None


Term = str | Lit  # a str is an IRI
Statement = tuple[str, str, Term, str]  # subject, predicate, object, graph


def _en(text: str) -> Lit:
    return Lit(text, lang="en")


def _typed(value: object, local: str) -> Lit:
    return Lit(str(value), XSD + local)


def _date_lit(d: PartialDate) -> Lit:
    lexical, local = d.xsd()
    return Lit(lexical, XSD + local)


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def nquad_line(st: Statement) -> str:
    """One statement as an N-Quads line."""
    s, p, o, g = st
    if isinstance(o, Lit):
        obj = '"' + o.value.translate(_ESCAPES) + '"'
        if o.lang:
            obj += "@" + o.lang
        elif o.datatype:
            obj += "^^<" + o.datatype + ">"
    else:
        obj = "<" + o + ">"
    return f"<{s}> <{p}> {obj} <{g}> .\n"


class _OxTerms:
    """Statements to pyoxigraph quads, reusing the nodes that repeat (predicates, classes)."""

    def __init__(self) -> None:
        self._nodes: dict[str, ox.NamedNode] = {}

    def node(self, iri: str, *, cache: bool = False) -> ox.NamedNode:
        if not cache:
            return ox.NamedNode(iri)
        n = self._nodes.get(iri)
        if n is None:
            n = self._nodes[iri] = ox.NamedNode(iri)
        return n

    def quad(self, st: Statement) -> ox.Quad:
        s, p, o, g = st
        if isinstance(o, Lit):
            if o.lang:
                obj: ox.NamedNode | ox.Literal = ox.Literal(o.value, language=o.lang)
            else:
                dt = self.node(o.datatype or XSD + "string", cache=True)
                obj = ox.Literal(o.value, datatype=dt)
        else:
            obj = self.node(o, cache=p == RDF_TYPE)
        return ox.Quad(self.node(s), self.node(p, cache=True), obj, self.node(g, cache=True))


# -- the world: states, envoys, places -----------------------------------------------

# Fallback states when data/authority/ has none: (id, label, adjective, capital, wikidata).
_STATES: tuple[tuple[str, str, str, str, str | None], ...] = (
    ("israel", "Israel", "Israeli", "Jerusalem", "Q801"),
    ("soviet-union", "Soviet Union", "Soviet", "Moscow", "Q15180"),
    ("russia", "Russia", "Russian", "Moscow", "Q159"),
    ("united-states", "United States", "American", "Washington", "Q30"),
    ("united-kingdom", "United Kingdom", "British", "London", "Q145"),
    ("france", "France", "French", "Paris", "Q142"),
    ("egypt", "Egypt", "Egyptian", "Cairo", "Q79"),
    ("syria", "Syria", "Syrian", "Damascus", "Q858"),
    ("jordan", "Jordan", "Jordanian", "Amman", "Q810"),
    ("lebanon", "Lebanon", "Lebanese", "Beirut", "Q822"),
    ("iraq", "Iraq", "Iraqi", "Baghdad", "Q796"),
    ("iran", "Iran", "Iranian", "Tehran", "Q794"),
    ("turkey", "Turkey", "Turkish", "Ankara", "Q43"),
    ("czechoslovakia", "Czechoslovakia", "Czechoslovak", "Prague", "Q33946"),
    ("poland", "Poland", "Polish", "Warsaw", "Q36"),
    ("bulgaria", "Bulgaria", "Bulgarian", "Sofia", "Q219"),
    ("hungary", "Hungary", "Hungarian", "Budapest", "Q28"),
    ("romania", "Romania", "Romanian", "Bucharest", "Q218"),
    ("yugoslavia", "Yugoslavia", "Yugoslav", "Belgrade", "Q83286"),
    ("austria", "Austria", "Austrian", "Vienna", "Q40"),
    ("netherlands", "Netherlands", "Dutch", "The Hague", "Q55"),
    ("switzerland", "Switzerland", "Swiss", "Bern", "Q39"),
    ("germany", "Germany", "German", "Bonn", "Q183"),
    ("greece", "Greece", "Greek", "Athens", "Q41"),
    ("cyprus", "Cyprus", "Cypriot", "Nicosia", "Q229"),
    ("china", "China", "Chinese", "Beijing", "Q148"),
    ("ukraine", "Ukraine", "Ukrainian", "Kyiv", "Q212"),
    ("belarus", "Belarus", "Belarusian", "Minsk", "Q184"),
)
_SUCCESSOR = {"russia": "soviet-union"}
_STATE_YEARS = {"soviet-union": (1922, 1991), "russia": (1991, 2100), "israel": (1948, 2100)}

_NAMES = {
    "hebrew": (
        ("Moshe", "David", "Yitzhak", "Avraham", "Shmuel", "Yosef", "Eliahu", "Golda",
         "Abba", "Zalman", "Arie", "Michael", "Benjamin", "Ehud", "Shimon", "Ruth",
         "Yaakov", "Natan", "Miriam", "Gideon"),
        ("Levavi", "Eliashiv", "Avner", "Razin", "Namir", "Bentsur", "Rafael", "Tekoah",
         "Lavie", "Eban", "Meron", "Sasson", "Harel", "Katz", "Ben-Ami", "Gilboa", "Peled",
         "Shalev", "Carmel", "Yaari", "Dayan", "Bar-On", "Ronen", "Zohar", "Amir", "Golan",
         "Navon", "Tamir", "Ofer", "Segev"),
    ),
    "russian": (
        ("Andrei", "Vyacheslav", "Pavel", "Alexander", "Nikolai", "Sergei", "Mikhail",
         "Boris", "Yevgeny", "Dmitri", "Valentin", "Igor", "Anatoly", "Viktor", "Leonid",
         "Oleg", "Vladimir", "Konstantin", "Grigory", "Yuri"),
        ("Yershov", "Abramov", "Bodrov", "Dorofeev", "Chuvakhin", "Zorin", "Kuznetsov",
         "Semenov", "Vinogradov", "Pozdnyakov", "Tarasov", "Lavrov", "Sokolov", "Volkov",
         "Morozov", "Orlov", "Belov", "Fedorov", "Gusev", "Makarov", "Nikitin", "Pavlov",
         "Romanov", "Stepanov", "Titov", "Ustinov", "Zaitsev", "Kozlov", "Lebedev",
         "Vasiliev"),
    ),
    "arabic": (
        ("Mahmoud", "Ahmad", "Omar", "Khalid", "Youssef", "Ibrahim", "Hassan", "Faisal",
         "Nabil", "Sami", "Karim", "Walid", "Adel", "Tariq", "Fuad"),
        ("Fawzi", "Riad", "Haddad", "Nasser", "Khoury", "Mansour", "Saleh", "Aziz",
         "Hamdan", "Qasim", "Rifai", "Shukri", "Tawfiq", "Zaki", "Bakr"),
    ),
    "european": (
        ("John", "Henri", "Jan", "Karl", "Pierre", "Tomas", "Stefan", "Georg", "Laszlo",
         "Ion", "Milan", "Petar", "Hans", "William", "Paul", "Anton", "Josef", "Marek"),
        ("Smith", "Dubois", "Novak", "Horvath", "Popescu", "Kowalski", "Petrov", "Weber",
         "Jansen", "Muller", "Bernard", "Svoboda", "Nagy", "Ionescu", "Nowak", "Dimitrov",
         "Fischer", "Clarke", "Laurent", "Kovac", "Berger", "Moreau", "Wagner", "Hall"),
    ),
}
_CULTURE = {
    "israel": "hebrew",
    "soviet-union": "russian",
    "russia": "russian",
    "ukraine": "russian",
    "belarus": "russian",
    "egypt": "arabic",
    "syria": "arabic",
    "jordan": "arabic",
    "lebanon": "arabic",
    "iraq": "arabic",
    "saudi-arabia": "arabic",
    "libya": "arabic",
}

# (short title before a name, long office title); {adj} the state's adjective, {state}
# its name, {host} the name of the state a mission is accredited to.
_ROLES = (
    ("{adj} Ambassador", "Ambassador of {state} to {host}"),
    ("{adj} Minister", "Minister of {state} to {host}"),
    ("{adj} Chargé d'Affaires", "Chargé d'Affaires of {state} in {host}"),
    ("{adj} Foreign Minister", "Foreign Minister of {state}"),
    ("{adj} Deputy Foreign Minister", "Deputy Foreign Minister of {state}"),
    ("{adj} Prime Minister", "Prime Minister of {state}"),
    ("{adj} Permanent Representative",
     "Permanent Representative of {state} to the United Nations"),
    ("Director of the Eastern European Department of the {adj} Foreign Ministry",
     "Director of the Eastern European Department of the Foreign Ministry of {state}"),
)

MIN_YEAR, MAX_YEAR = 1947, 2018


def slugify(text: str) -> str:
    """The slug of a name: lower case, ASCII letters and digits, hyphens."""
    text = text.lower().replace("'", "")
    text = (
        text.replace("é", "e").replace("è", "e").replace("ü", "u").replace("ö", "o")
        .replace("ä", "a").replace("á", "a").replace("í", "i").replace("ó", "o")
    )
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


@dataclass
class World:
    """Who and where acts are about, with indexes to pick an envoy in office in a year."""

    states: list[Entity]
    envoys: list[Entity]
    places: list[Entity]
    adjective: dict[str, str]  # state id -> adjective
    capital: dict[str, str]  # state id -> place id
    short_titles: dict[tuple[str, int], str] = field(default_factory=dict)  # (envoy, office#)
    _by_state: dict[str, list[int]] = field(default_factory=dict)
    _active: dict[tuple[str, int], list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.state_by_id = {s.id: s for s in self.states}
        self.place_by_id = {p.id: p for p in self.places}
        for i, e in enumerate(self.envoys):
            if e.represents:
                self._by_state.setdefault(e.represents, []).append(i)

    def envoys_in_office(self, state: str, year: int) -> list[int]:
        """Indexes of the envoys of ``state`` holding an office in ``year`` (cached)."""
        key = (state, year)
        found = self._active.get(key)
        if found is None:
            found = []
            for i in self._by_state.get(state, ()):
                offices = self.envoys[i].offices
                if not offices or any(
                    (o.start or MIN_YEAR) <= year <= (o.end or MAX_YEAR) for o in offices
                ):
                    found.append(i)
            self._active[key] = found
        return found

    def state_exists(self, state: str, year: int) -> bool:
        start, end = _STATE_YEARS.get(state, (MIN_YEAR, MAX_YEAR + 1))
        return start <= year <= end


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [str(k) for k in value]
    return [str(v) for v in value]  # type: ignore[union-attr]


@dataclass(frozen=True)
class Authority:
    """What ``data/authority/*.yaml`` gives: entities, and the words texts use for states."""

    entities: tuple[Entity, ...] = ()
    adjectives: dict[str, str] = field(default_factory=dict)  # state id -> "Soviet"
    capitals: dict[str, str] = field(default_factory=dict)  # state id -> "Moscow"


def parse_authority(documents: Iterable[tuple[str, object]]) -> Authority:
    """The authority data from parsed YAML documents, given as ``(file stem, content)``.

    Tolerant of the layout (a list of entries, or a mapping from a kind to a list) because
    ``data/authority/`` is curated by hand; the kind comes from an entry's ``kind``/``type``,
    else its list's key, else the file name (``states``, ``persons``/``envoys``, ``places``).
    """
    kinds = {"state": "State", "states": "State", "person": "Envoy", "persons": "Envoy",
             "people": "Envoy", "envoy": "Envoy", "envoys": "Envoy", "place": "Place",
             "places": "Place"}
    entities: list[Entity] = []
    adjectives: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for stem, content in documents:
        groups: list[tuple[str, object]]
        if isinstance(content, dict):
            groups = [(str(k), v) for k, v in content.items()]
        else:
            groups = [(stem, content)]
        for key, entries in groups:
            if not isinstance(entries, list):
                continue
            for entry in entries:
                if not isinstance(entry, dict) or not entry.get("id"):
                    continue
                kind = kinds.get(str(entry.get("kind") or entry.get("type") or "").lower())
                kind = kind or kinds.get(key.lower()) or kinds.get(stem.lower())
                if kind is None:
                    continue
                eid = str(entry["id"])
                label = str(entry.get("label") or entry.get("name") or eid)
                adjs = _as_list(entry.get("adjectives"))
                spellings = _as_list(entry.get("names")) + _as_list(entry.get("spellings"))
                spellings += adjs + _as_list(entry.get("altLabels"))
                if kind == "State":
                    if adjs:
                        adjectives[eid] = adjs[0]
                    if _as_list(entry.get("capitals")):
                        capitals[eid] = _as_list(entry.get("capitals"))[0]
                offices = []
                for o in entry.get("offices") or ():
                    if isinstance(o, dict) and (o.get("title") or o.get("label")):
                        offices.append(Office(
                            title=str(o.get("title") or o.get("label")),
                            state=str(o.get("state") or o.get("officeOf")
                                      or entry.get("represents") or ""),
                            start=o.get("start") or o.get("from"),
                            end=o.get("end") or o.get("to"),
                        ))
                entities.append(Entity(
                    id=eid,
                    kind=kind,
                    label=label,
                    spellings=tuple(dict.fromkeys(s for s in spellings if s != label)),
                    wikidata=entry.get("wikidata") or None,
                    represents=entry.get("represents") or entry.get("state") or None,
                    offices=tuple(offices),
                    successor_of=entry.get("successor_of") or None,
                    country=entry.get("country") or None,
                ))
    return Authority(tuple(entities), adjectives, capitals)


def load_authority(directory: str | Path) -> Authority:
    """The authority data in ``directory/*.yaml`` (empty when there is none): CLI-side I/O."""
    import yaml

    docs = []
    for path in sorted(Path(directory).glob("*.y*ml")):
        with path.open(encoding="utf-8") as fh:
            docs.append((path.stem, yaml.safe_load(fh)))
    return parse_authority(docs)


def build_world(authority: Authority, n_envoys: int, rng: random.Random) -> World:
    """The authority's states and places, fallback states, and ``n_envoys`` envoys: the
    authority's first ones, then generated ones."""
    states: dict[str, Entity] = {e.id: e for e in authority.entities if e.kind == "State"}
    adjective = {sid: authority.adjectives.get(sid, s.label) for sid, s in states.items()}
    capital_name = dict(authority.capitals)
    for sid, label, adj, cap, qid in _STATES:
        if sid not in states:
            states[sid] = Entity(id=sid, kind="State", label=label, spellings=(adj,),
                                 wikidata=qid, successor_of=_SUCCESSOR.get(sid))
            adjective[sid] = adj
        if sid not in authority.adjectives:
            adjective[sid] = adj
        capital_name.setdefault(sid, cap)
    places: dict[str, Entity] = {e.id: e for e in authority.entities if e.kind == "Place"}
    capital: dict[str, str] = {}
    for sid, name in capital_name.items():
        pid = slugify(name)
        places.setdefault(pid, Entity(id=pid, kind="Place", label=name, country=sid))
        capital[sid] = pid

    # the curated envoys first (the seed corpus's come first in the file), no more than asked
    envoys = [e for e in authority.entities
              if e.kind == "Envoy" and e.represents in states][:n_envoys]
    short_titles: dict[tuple[str, int], str] = {}
    used = {e.id for e in envoys}
    # most envoys belong to the two protagonists, the rest to the other states
    state_ids = sorted(states)
    weights = [30 if s in ("israel", "soviet-union") else 12 if s == "russia" else 1
               for s in state_ids]
    while len(envoys) < n_envoys:
        sid = rng.choices(state_ids, weights)[0]
        first, last = _NAMES[_CULTURE.get(sid, "european")]
        name = f"{rng.choice(first)} {rng.choice(last)}"
        slug = base = slugify(name)
        k = 1
        while slug in used:
            k += 1
            slug = f"{base}-{k}"
        used.add(slug)
        lo, hi = _STATE_YEARS.get(sid, (MIN_YEAR, MAX_YEAR))
        lo, hi = max(lo, MIN_YEAR), min(hi, MAX_YEAR)
        year = rng.randint(lo, hi - 1)
        offices = []
        for n in range(rng.randint(1, 3)):
            end = min(year + rng.randint(1, 8), hi)
            short, long_ = rng.choice(_ROLES)
            host = rng.choice([s for s in state_ids if s != sid])
            fill = {"adj": adjective[sid], "state": states[sid].label,
                    "host": states[host].label}
            offices.append(Office(title=long_.format(**fill), state=sid, start=year, end=end))
            short_titles[(slug, n)] = short.format(**fill)
            year = end
            if year >= hi:
                break
        envoys.append(Entity(id=slug, kind="Envoy", label=name, represents=sid,
                             offices=tuple(offices)))
    world = World(sorted(states.values(), key=lambda s: s.id), envoys,
                  sorted(places.values(), key=lambda p: p.id), adjective, capital)
    world.short_titles = short_titles
    return world


# -- records of a generated source ------------------------------------------------------


@dataclass(frozen=True)
class GenAct:
    """An act the templates wrote, with the span of the sentence that states it."""

    type: str
    actor: str  # IRI
    counterpart: str | None
    intermediary: str | None
    date: PartialDate
    place: str | None
    span: Span
    method: str
    confidence: float
    item: int | None = None  # number of the collection item it was written in


@dataclass(frozen=True)
class GenItem:
    """A letter, telegram, note or memorandum inside a collection."""

    n: int
    kind: str
    title: str
    date: PartialDate
    author: str  # IRI
    recipient: str  # IRI
    body: Span


@dataclass(frozen=True)
class GenSource:
    """One generated source text and everything the graph says about it."""

    id: str
    genre: str
    title: str
    date: PartialDate | None
    publisher: str
    url: str
    text: str
    acts: tuple[GenAct, ...]
    items: tuple[GenItem, ...] = ()


# -- text writing -----------------------------------------------------------------------

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_DAYS_IN = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _ordinal(d: int) -> str:
    suffix = "th" if 10 <= d % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    return f"{d}{suffix}"


def date_phrase(d: PartialDate, rng: random.Random) -> str:
    """A date as the texts write it: 'on July 15, 1953', 'in June 1967', 'in 1948'..."""
    if d.month is None:
        return f"in {d.year}"
    month = _MONTHS[d.month - 1]
    if d.day is None:
        return rng.choice((f"in {month} {d.year}", f"in {month} of {d.year}"))
    return rng.choice((
        f"on {month} {d.day}, {d.year}",
        f"on {d.day} {month} {d.year}",
        f"on {month} {_ordinal(d.day)} {d.year}",
        f"on {month} {_ordinal(d.day)}, {d.year}",
    ))


def date_line(d: PartialDate) -> str:
    """A date on a line of its own, as headings and datelines give it."""
    if d.month is None:
        return str(d.year)
    if d.day is None:
        return f"{_MONTHS[d.month - 1]} {d.year}"
    return f"{_MONTHS[d.month - 1]} {d.day}, {d.year}"


def random_date(rng: random.Random, lo: int = MIN_YEAR, hi: int = MAX_YEAR) -> PartialDate:
    """A date in [lo, hi]: 60 % to the day, 25 % to the month, 15 % to the year."""
    year = rng.randint(lo, hi)
    r = rng.random()
    if r < 0.15:
        return PartialDate(year)
    month = rng.randint(1, 12)
    if r < 0.40:
        return PartialDate(year, month)
    return PartialDate(year, month, rng.randint(1, _DAYS_IN[month - 1]))


class _Text:
    """A text being written, which knows the span of every piece added to it."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, s: str) -> Span:
        start = self.length
        self.parts.append(s)
        self.length += len(s)
        return Span(start, self.length)

    def value(self) -> str:
        return "".join(self.parts)


_TOPICS = ("the situation in the Middle East", "the emigration of Soviet Jews",
           "trade and cultural exchanges", "the armistice lines", "the Suez crisis",
           "the question of Jerusalem", "the return of property of the Russian Church",
           "the peace conference", "the status of the legation", "the refugee problem",
           "scientific cooperation", "direct flights between the two capitals")
_FILLER = (
    "The talks were described by both sides as frank and businesslike.",
    "{adj} officials declined to comment on the report.",
    "Observers in {capital} saw the step as a sign of a wider change of course.",
    "The decision followed months of quiet contacts through third countries.",
    "Neither government published the full text of the exchange.",
    "Diplomats in {capital} said the matter had been discussed for some time.",
    "The press in {capital} gave the news little prominence.",
    "Historians still disagree about the motives behind this policy.",
    "The episode showed how much relations depended on the wider international climate.",
    "Several questions of substance were left for later negotiations.",
)


class _Writer:
    """Writes act sentences and filler into a :class:`_Text` for one source."""

    def __init__(self, world: World, rng: random.Random, doc: str, text: _Text) -> None:
        self.world, self.rng, self.doc, self.text = world, rng, doc, text
        self.acts: list[GenAct] = []

    # -- who ---
    def _protagonist(self, year: int) -> str:
        return "russia" if year > 1991 else "soviet-union"

    def _pair(self, year: int) -> tuple[str, str]:
        rng, w = self.rng, self.world
        east = self._protagonist(year)
        r = rng.random()
        if r < 0.7:
            pair = ["israel", east]
        else:
            others = [s.id for s in w.states if w.state_exists(s.id, year)]
            pair = [rng.choice(("israel", east)), rng.choice(others)]
            if pair[0] == pair[1]:
                pair = ["israel", east]
        rng.shuffle(pair)
        return pair[0], pair[1]

    def _third(self, year: int, exclude: tuple[str, ...]) -> str:
        w = self.world
        cands = [s.id for s in w.states if s.id not in exclude and w.state_exists(s.id, year)]
        return self.rng.choice(cands)

    def _state_mention(self, sid: str) -> str:
        s = self.world.state_by_id[sid]
        adjective = self.world.adjective.get(sid, s.label)
        if adjective != s.label and self.rng.random() < 0.25:
            return f"the {adjective} government"
        return s.label if sid not in ("united-states", "soviet-union", "united-kingdom",
                                      "netherlands") else f"the {s.label}"

    def _envoy(self, sid: str, year: int) -> tuple[str, str] | None:
        """(IRI, mention) of an envoy of ``sid`` in office in ``year``, if there is one."""
        found = self.world.envoys_in_office(sid, year)
        if not found:
            return None
        e = self.world.envoys[self.rng.choice(found)]
        title = None
        for n, o in enumerate(e.offices):
            if (o.start or MIN_YEAR) <= year <= (o.end or MAX_YEAR):
                title = self.world.short_titles.get((e.id, n)) or o.title
                break
        surname = e.label.split()[-1]
        r = self.rng.random()
        if title and r < 0.45:
            mention = f"{title} {e.label}"
        elif title and r < 0.6:
            mention = f"{e.label}, {title},"
        elif r < 0.8:
            mention = f"Mr. {surname}"
        else:
            mention = f"{e.label[0]}. {surname}"
        return f"{ID}person/{e.id}", mention

    def _agent(self, sid: str, year: int, person: bool) -> tuple[str, str]:
        if person:
            found = self._envoy(sid, year)
            if found:
                return found
        return f"{ID}state/{sid}", self._state_mention(sid)

    # -- what ---
    def act(self, year_range: tuple[int, int] = (MIN_YEAR, MAX_YEAR),
            date: PartialDate | None = None, item: int | None = None,
            doc: str | None = None) -> None:
        """Write one act sentence (and maybe a filler sentence) into the text."""
        rng, w = self.rng, self.world
        kind = rng.choice(ACT_TYPES)
        d = date or random_date(rng, *year_range)
        year = d.year
        a, b = self._pair(year)
        person = kind in ("Visit", "Meeting", "Correspondence", "PublicStatement",
                          "Agreement", "Proposal")
        actor, am = self._agent(a, year, person)
        person_b = person and (kind in ("Correspondence", "Meeting") or rng.random() < 0.7)
        counterpart, bm = self._agent(b, year, person_b)
        inter = im = None
        if rng.random() < 0.15:
            sid = self._third(year, (a, b))
            inter, im = self._agent(sid, year, rng.random() < 0.3)
        dp = date_phrase(d, rng)
        place = None
        where = w.state_by_id[b].label
        if kind in ("Visit", "Meeting") and b in w.capital:
            place = f"{ID}place/{w.capital[b]}"
            where = w.place_by_id[w.capital[b]].label
        sentence, template = self._sentence(kind, am, bm, dp, im, where, rng)
        if inter and "{im}" not in template:
            inter = None
        if "{bm}" not in template:
            counterpart = None
        prefix = "" if self.text.length == 0 or self.text.parts[-1].endswith(("\n", " ")) else " "
        self.text.add(prefix)
        span = self.text.add(sentence[:-1])
        self.text.add(".")
        self.acts.append(GenAct(
            type=kind, actor=actor, counterpart=counterpart, intermediary=inter, date=d,
            place=place, span=span,
            method=f"template:{kind[0].lower()}{kind[1:]}-{template_id(template)}",
            confidence=round(rng.uniform(0.55, 0.98), 2), item=item,
        ))
        if rng.random() < 0.5:
            self.filler(b)

    def filler(self, sid: str) -> None:
        w = self.world
        s = self.rng.choice(_FILLER).format(
            adj=w.adjective.get(sid, "Foreign"),
            capital=w.place_by_id[w.capital[sid]].label if sid in w.capital else "the capital")
        self.text.add(" " + s)

    def _sentence(self, kind: str, am: str, bm: str, dp: str, im: str | None, where: str,
                  rng: random.Random) -> tuple[str, str]:
        options = _TEMPLATES[kind]
        if im:
            with_im = [t for t in options if "{im}" in t]
            options = with_im or options
        else:
            options = [t for t in options if "{im}" not in t]
        template = rng.choice(options)
        Dp = dp[0].upper() + dp[1:]
        s = template.format(am=am, bm=bm, dp=dp, Dp=Dp, im=im or "", where=where,
                            topic=rng.choice(_TOPICS))
        return s[0].upper() + s[1:], template


def template_id(template: str) -> str:
    return hashlib.sha256(template.encode()).hexdigest()[:6]


_TEMPLATES: dict[str, tuple[str, ...]] = {
    "Recognition": (
        "{am} recognized {bm} {dp}.",
        "{Dp}, {am} extended de jure recognition to {bm}.",
        "{am} was among the first to recognize {bm}, {dp}.",
    ),
    "EstablishmentOfRelations": (
        "{am} established diplomatic relations with {bm} {dp}.",
        "{Dp}, {am} agreed to establish diplomatic relations with {bm}.",
        "{Dp}, {am} and {bm} established diplomatic relations with the help of {im}.",
    ),
    "SeveranceOfRelations": (
        "{am} broke off diplomatic relations with {bm} {dp}.",
        "{Dp}, {am} severed diplomatic ties with {bm}.",
    ),
    "ResumptionOfRelations": (
        "{am} resumed diplomatic relations with {bm} {dp}.",
        "{Dp}, {am} announced the resumption of relations with {bm}.",
        "{Dp}, {am} restored relations with {bm} after talks held through {im}.",
    ),
    "EstablishmentOfConsularRelations": (
        "{am} established consular relations with {bm} {dp}.",
        "{Dp}, {am} agreed to exchange consular missions with {bm}.",
    ),
    "Visit": (
        "{am} visited {where} {dp}, where {bm} received the guest.",
        "{Dp}, {am} arrived in {where} on an official visit.",
        "{am} paid a visit to {where} {dp} and met {bm}.",
    ),
    "Meeting": (
        "{am} met {bm} in {where} {dp}.",
        "{Dp}, {am} held talks with {bm} in {where}.",
        "{Dp}, {am} met {bm} in {where} through the good offices of {im}.",
    ),
    "Correspondence": (
        "{Dp}, {am} wrote to {bm}.",
        "{am} sent a letter to {bm} {dp}.",
        "{Dp}, {am} sent a telegram to {bm}.",
        "{Dp}, {am} addressed a note to {bm} through {im}.",
    ),
    "PublicStatement": (
        "{Dp}, {am} declared that relations with {bm} depended on {topic}.",
        "{am} stated publicly {dp} that {bm} had to be consulted on {topic}.",
    ),
    "Agreement": (
        "{am} and {bm} signed an agreement on {topic} {dp}.",
        "{Dp}, {am} concluded an agreement with {bm} on {topic}.",
    ),
    "Vote": (
        "{am} voted at the United Nations in favour of {bm} {dp}.",
        "{Dp}, {am} voted for the admission of {bm} to the United Nations.",
    ),
    "ArmsTransfer": (
        "{am} supplied arms to {bm} {dp}.",
        "{Dp}, {am} delivered weapons to {bm} by way of {im}.",
        "{Dp}, {am} agreed to sell aircraft to {bm}.",
    ),
    "Proposal": (
        "{Dp}, {am} proposed to {bm} talks on {topic}.",
        "{am} suggested to {bm} {dp} a conference on {topic}.",
        "{Dp}, {am} proposed through {im} that {bm} discuss {topic}.",
    ),
}

_PUBLISHERS = {
    "news": ("Levant Telegraphic Agency", "The Diplomatic Wire", "Middle East News Service"),
    "encyclopedia": ("Encyclopedia of Modern Diplomacy", "Jewish History Online"),
    "collection": ("Archive of Foreign Policy Documents",),
    "essay": ("Institute for Strategy and Security", "Centre for Eurasian Studies"),
}


def _source_id(seed: int, n: int) -> str:
    return f"{n:06d}_" + hashlib.sha256(f"{seed}:{n}".encode()).hexdigest()[:16]


def _write_news(w: _Writer, n_acts: int) -> tuple[str, PartialDate]:
    rng, t = w.rng, w.text
    year = rng.randint(MIN_YEAR, MAX_YEAR)
    pub = random_date(rng, year, year)
    pub = PartialDate(pub.year, pub.month or rng.randint(1, 12), pub.day or rng.randint(1, 28))
    a, b = w._pair(year)
    title = rng.choice((
        "{A} and {B} Discuss Relations", "{A} Envoy's Visit Yields Few Gains",
        "{A} Protests to {B}", "New Contacts Between {A} and {B}",
    )).format(A=w.world.state_by_id[a].label, B=w.world.state_by_id[b].label)
    t.add(f"{title}\nMenu Archive Search\n\n{title}\n\nDownload PDF for this date\n\n")
    t.add(f"{date_line(pub)}\n\n")
    lo = max(MIN_YEAR, year - 5)
    for i in range(n_acts):
        w.act((lo, year))
        t.add("\n\n" if i % 2 else "")
    t.add("\n\nSupport our archive\n\nThe digitization of this archive was made possible by "
          "the support of readers and foundations.\n  • Friends of the Archive\n"
          "  • Readers' Fund\n\nAll rights reserved.\n")
    return title, pub


def _write_encyclopedia(w: _Writer, n_acts: int) -> tuple[str, PartialDate | None]:
    rng, t = w.rng, w.text
    year = rng.randint(MIN_YEAR, MAX_YEAR)
    a, b = w._pair(year)
    title = f"{w.world.state_by_id[a].label}–{w.world.state_by_id[b].label} relations"
    t.add(f"{title}\n\n{date_line(random_date(rng, year, year))}\n\n")
    for i in range(n_acts):
        w.act((max(MIN_YEAR, year - 20), year))
        if i % 3 == 2:
            t.add("\n\n")
    t.add("\n\nSee also: history of the region; foreign relations.\n")
    return title, None


def _write_essay(w: _Writer, n_acts: int) -> tuple[str, PartialDate]:
    rng, t = w.rng, w.text
    pub = PartialDate(rng.randint(1990, MAX_YEAR), rng.randint(1, 12))
    institute = rng.choice(_PUBLISHERS["essay"])
    title = rng.choice(("Moscow and Jerusalem: Seventy Years of Ambivalence",
                        "Between Pragmatism and Ideology", "The Long Thaw",
                        "Great Power Politics and a Small State"))
    author = rng.choice(w.world.envoys).label
    t.add(f"{institute}\n\n{title}\n\nby {author}\n\n")
    sections = ("The early years", "Rupture", "The thaw", "After the Soviet Union",
                "Assessment")
    per = max(1, n_acts // len(sections))
    written = 0
    for k, heading in enumerate(sections):
        t.add(f"{heading}\n\n")
        lo = MIN_YEAR + k * (MAX_YEAR - MIN_YEAR) // len(sections)
        hi = MIN_YEAR + (k + 1) * (MAX_YEAR - MIN_YEAR) // len(sections)
        count = per if k < len(sections) - 1 else n_acts - written
        for _ in range(count):
            w.act((lo, hi))
            written += 1
            if rng.random() < 0.3:
                t.add(f" [{rng.randint(1, 90)}]")
        t.add("\n\n")
    t.add("Notes\n\n" + "".join(f"[{i}] Archival reference {rng.randint(100, 999)}.\n"
                                 for i in range(1, 6)))
    return title, pub


def _write_collection(w: _Writer, n_acts: int) -> tuple[str, PartialDate | None, list[GenItem]]:
    rng, t, world = w.rng, w.text, w.world
    year = rng.randint(1948, 1990)
    east = w._protagonist(year)
    part = rng.randint(1, 9)
    title = (f"{world.state_by_id[east].label.upper()}-ISRAELI RELATIONS. "
             f"A Collection of Documents, Part {part}")
    t.add(f"\n\n**{title}**\n\n{year}\n\nTranslated into English and transcribed.\n\n")
    n_items = max(1, min(12, n_acts // 2 or 1))
    plans = []
    d0 = PartialDate(year, rng.randint(1, 6), rng.randint(1, 28))
    for i in range(n_items):
        kind = rng.choice(("Letter", "Letter", "Telegram", "Note", "Memorandum"))
        sa, sb = ("israel", east) if rng.random() < 0.5 else (east, "israel")
        a = w._envoy(sa, year) or (f"{ID}state/{sa}", world.state_by_id[sa].label)
        b = w._envoy(sb, year) or (f"{ID}state/{sb}", world.state_by_id[sb].label)
        month = min(12, d0.month + i // 3)  # type: ignore[operator]
        d = PartialDate(year, month, rng.randint(1, _DAYS_IN[month - 1]))
        head = f"{kind.upper()} FROM {a[1].rstrip(',').upper()} TO {b[1].rstrip(',').upper()}."
        plans.append((kind, a, b, d, head))
    t.add("CONTENT\n\n")
    for i, (_, _, _, d, head) in enumerate(plans, 1):
        t.add(f"{part}.{i}. {head}\n\n{date_line(d)}\n\n")
    items: list[GenItem] = []
    per = max(1, n_acts // n_items)
    for i, (kind, a, b, d, head) in enumerate(plans, 1):
        start = t.length
        t.add(f"{head}\n\n{date_line(d)}\n\n")
        if kind == "Memorandum":
            t.add("Secret.\n\n")
        count = per if i < n_items else max(1, n_acts - per * (n_items - 1))
        for _ in range(count):
            w.act((max(MIN_YEAR, year - 3), year), item=i)
        sign = rng.choice(("With respect\n", "Yours sincerely,\n", ""))
        t.add(f"\n\n{sign}{a[1].rstrip(',').split(', ')[0]}")
        items.append(GenItem(n=i, kind=kind, title=head.rstrip(".").title(), date=d,
                             author=a[0], recipient=b[0], body=Span(start, t.length)))
        t.add("\n\n.....\n\n")
    return title, None, items


def generate_sources(n: int | None, seed: int, *, authority: Authority | None = None,
                     world: World | None = None, acts: tuple[int, int] | None = None,
                     start: int = 0) -> Iterator[GenSource]:
    """Generated sources one after another (forever when ``n`` is None); deterministic.

    ``acts`` bounds the number of act sentences per source (default: by genre).
    """
    rng = random.Random(seed)
    if world is None:
        world = build_world(authority or Authority(), 200, rng)
    i = start
    while n is None or i < start + n:
        genre = rng.choices(GENRES, _GENRE_WEIGHTS)[0]
        sid = _source_id(seed, i)
        yield make_source(world, rng, sid, genre, acts)
        i += 1


def make_source(world: World, rng: random.Random, sid: str, genre: str,
                acts: tuple[int, int] | None = None) -> GenSource:
    """One source of ``genre``: its text and what the graph says of it."""
    doc = f"{ID}doc/{sid}"
    lo, hi = acts or {"news": (3, 12), "encyclopedia": (5, 25), "collection": (6, 30),
                      "essay": (10, 60)}[genre]
    n_acts = rng.randint(lo, max(lo, hi))
    text = _Text()
    w = _Writer(world, rng, doc, text)
    items: list[GenItem] = []
    if genre == "news":
        title, date = _write_news(w, n_acts)
    elif genre == "encyclopedia":
        title, date = _write_encyclopedia(w, n_acts)
    elif genre == "essay":
        title, date = _write_essay(w, n_acts)
    else:
        title, date, items = _write_collection(w, n_acts)
    publisher = rng.choice(_PUBLISHERS[genre])
    return GenSource(id=sid, genre=genre, title=title, date=date, publisher=publisher,
                     url=f"https://example.org/{genre}/{sid}", text=text.value(),
                     acts=tuple(w.acts), items=tuple(items))


# -- records to statements -----------------------------------------------------------------


def entity_statements(world: World) -> Iterator[Statement]:
    """The entities, in ``id:graph/authority``, as ontology/README.md writes them."""
    g = str(GRAPH_AUTHORITY)
    for s in world.states:
        iri = f"{ID}state/{s.id}"
        yield iri, RDF_TYPE, DIP + "State", g
        yield iri, DIP + "forState", iri, g  # a state stands for itself
        yield iri, RDFS_LABEL, _en(s.label), g
        for alt in s.spellings:
            yield iri, SKOS_ALT, _en(alt), g
        if s.wikidata:
            yield iri, SKOS_EXACT_MATCH, WD + s.wikidata, g
        if s.successor_of:
            yield iri, DIP + "successorOf", f"{ID}state/{s.successor_of}", g
    for p in world.places:
        iri = f"{ID}place/{p.id}"
        yield iri, RDF_TYPE, DIP + "Place", g
        yield iri, RDFS_LABEL, _en(p.label), g
        if p.wikidata:
            yield iri, SKOS_EXACT_MATCH, WD + p.wikidata, g
    for e in world.envoys:
        iri = f"{ID}person/{e.id}"
        yield iri, RDF_TYPE, DIP + "Envoy", g
        yield iri, RDFS_LABEL, _en(e.label), g
        for alt in e.spellings:
            yield iri, SKOS_ALT, _en(alt), g
        if e.represents:
            yield iri, DIP + "represents", f"{ID}state/{e.represents}", g
        if e.wikidata:
            yield iri, SKOS_EXACT_MATCH, WD + e.wikidata, g
        for n, o in enumerate(e.offices, 1):
            office = f"{iri}/office/{n}"
            yield iri, DIP + "heldOffice", office, g
            yield office, RDF_TYPE, DIP + "Office", g
            yield office, RDFS_LABEL, _en(o.title), g
            if o.state:
                yield office, DIP + "officeOf", f"{ID}state/{o.state}", g
            if o.start:
                yield office, DIP + "startYear", _typed(f"{o.start:04d}", "gYear"), g
            if o.end:
                yield office, DIP + "endYear", _typed(f"{o.end:04d}", "gYear"), g


def act_iri(source_id: str, act: GenAct) -> str:
    """``id:act/{source}/{hash}``, the hash of ``type|start|end`` as the data model says."""
    key = f"{act.type}|{act.span.start}|{act.span.end}"
    return f"{ID}act/{source_id}/{hashlib.sha256(key.encode()).hexdigest()[:12]}"


def source_statements(src: GenSource) -> Iterator[Statement]:
    """Everything about one source, in its named graph ``id:graph/source/{id}``."""
    g = f"{ID}graph/source/{src.id}"
    doc = f"{ID}doc/{src.id}"
    yield doc, RDF_TYPE, DIP + _GENRE_CLASS[src.genre], g
    yield doc, DCT + "title", Lit(src.title), g
    if src.date:
        yield doc, DCT + "date", _date_lit(src.date), g
    yield doc, DCT + "publisher", Lit(src.publisher), g
    yield doc, DCT + "source", src.url, g
    yield doc, DCT + "license", Lit("CC BY 4.0 (synthetic benchmark data)"), g
    yield doc, DIP + "genre", Lit(src.genre), g
    yield doc, DIP + "text", Lit(src.text), g
    for it in src.items:
        d = f"{doc}/{it.n}"
        yield d, RDF_TYPE, DIP + it.kind, g
        yield d, DCT + "title", Lit(it.title), g
        yield d, DCT + "date", _date_lit(it.date), g
        yield d, DIP + "author", it.author, g
        yield d, DIP + "recipient", it.recipient, g
        yield d, DCT + "isPartOf", doc, g
        yield d, DIP + "bodyStart", _typed(it.body.start, "integer"), g
        yield d, DIP + "bodyEnd", _typed(it.body.end, "integer"), g
    text = src.text
    for act in src.acts:
        a = act_iri(src.id, act)
        ev = a + "/evidence"
        yield a, RDF_TYPE, DIP + act.type, g
        yield a, DIP + "actor", act.actor, g
        if act.counterpart:
            yield a, DIP + "counterpart", act.counterpart, g
        if act.intermediary:
            yield a, DIP + "intermediary", act.intermediary, g
        yield a, DIP + "date", _date_lit(act.date), g
        if act.place:
            yield a, DIP + "place", act.place, g
        yield a, DIP + "recordedIn", f"{doc}/{act.item}" if act.item else doc, g
        yield a, PROV_DERIVED, doc, g
        yield a, DIP + "extractionMethod", Lit(act.method), g
        yield a, DIP + "confidence", _typed(f"{act.confidence:.2f}", "decimal"), g
        yield a, DIP + "evidence", ev, g
        yield ev, RDF_TYPE, OA + "SpecificResource", g
        yield ev, OA + "hasSource", doc, g
        yield ev, OA + "hasSelector", ev + "/position", g
        yield ev, OA + "hasSelector", ev + "/quote", g
        yield ev + "/position", RDF_TYPE, OA + "TextPositionSelector", g
        yield ev + "/position", OA + "start", _typed(act.span.start, "nonNegativeInteger"), g
        yield ev + "/position", OA + "end", _typed(act.span.end, "nonNegativeInteger"), g
        q = ev + "/quote"
        yield q, RDF_TYPE, OA + "TextQuoteSelector", g
        yield q, OA + "exact", Lit(text[act.span.start : act.span.end]), g
        yield q, OA + "prefix", Lit(text[max(0, act.span.start - 32) : act.span.start]), g
        yield q, OA + "suffix", Lit(text[act.span.end : act.span.end + 32]), g


_TRIPLES_PER_ACT = 22  # about: act 10-12, evidence 4, selectors 7


def parse_size(text: str) -> int:
    """'10k' -> 10_000, '1M' -> 1_000_000, '2.5m' -> 2_500_000, '500' -> 500."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmMgG]?)\s*", text)
    if not m:
        raise ValueError(f"not a size: {text!r} (use 10k, 100k, 1M, 10M)")
    factor = {"": 1, "k": 1_000, "m": 1_000_000, "g": 1_000_000_000}[m.group(2).lower()]
    return int(float(m.group(1)) * factor)


def generate_statements(n_triples: int, seed: int, *,
                        authority: Authority | None = None) -> Iterator[Statement]:
    """About ``n_triples`` statements: the entities, then whole sources until the count is met.

    The last source gets fewer acts, so the total goes over by less than a hundred triples
    (one small source: its document, one act and perhaps one collection item).
    The entity graph comes first and whole, so it is the floor (about 3,400 triples for
    a small dataset: the authority's 218 states and 537 places, and a few dozen envoys).
    """
    rng = random.Random(seed)
    world = build_world(authority or Authority(), min(30_000, 40 + n_triples // 400), rng)
    count = 0
    for st in entity_statements(world):
        yield st
        count += 1
    i = 0
    while count < n_triples:
        genre = rng.choices(GENRES, _GENRE_WEIGHTS)[0]
        remaining = n_triples - count
        budget = max(1, (remaining - 30) // _TRIPLES_PER_ACT)
        lo, hi = {"news": (3, 12), "encyclopedia": (5, 25), "collection": (6, 30),
                  "essay": (10, 60)}[genre]
        n_acts = min(rng.randint(lo, hi), budget)
        src = make_source(world, rng, _source_id(seed, i), genre, (n_acts, n_acts))
        for st in source_statements(src):
            yield st
            count += 1
        i += 1


def generate_quads(n_triples: int, seed: int = 0, *,
                   authority: Authority | None = None) -> Iterator[ox.Quad]:
    """About ``n_triples`` pyoxigraph quads of a realistic dataset (see the module doc)."""
    terms = _OxTerms()
    for st in generate_statements(n_triples, seed, authority=authority):
        yield terms.quad(st)


def generate_nquads(n_triples: int, seed: int = 0, *,
                    authority: Authority | None = None) -> Iterator[str]:
    """The same dataset as N-Quads lines (the fast path the CLI writes)."""
    return map(nquad_line, generate_statements(n_triples, seed, authority=authority))


@dataclass(frozen=True)
class GeneratedText:
    """A text for the converters, with the metadata and acts it was written from."""

    source: GenSource

    @property
    def name(self) -> str:
        return self.source.id + ".txt"

    @property
    def text(self) -> str:
        return self.source.text

    def manifest_entry(self) -> dict[str, object]:
        s = self.source
        return {"title": s.title, "publisher": s.publisher, "url": s.url,
                "date": str(s.date) if s.date else None, "genre": s.genre,
                "licence": "CC BY 4.0 (synthetic benchmark data)"}

    def truth(self) -> Iterator[dict[str, object]]:
        for a in self.source.acts:
            yield {"source": self.source.id, "type": a.type, "actor": a.actor,
                   "counterpart": a.counterpart, "intermediary": a.intermediary,
                   "date": str(a.date), "place": a.place, "start": a.span.start,
                   "end": a.span.end, "exact": self.source.text[a.span.start : a.span.end]}


def generate_texts(n: int, seed: int = 0, *, authority: Authority | None = None,
                   scale: float = 1.0) -> list[GeneratedText]:
    """``n`` plausible source texts in the four genres; ``scale`` multiplies their length."""
    rng = random.Random(seed)
    world = build_world(authority or Authority(), 200, rng)
    out = []
    for i in range(n):
        genre = GENRES[i % 4] if i < 4 else rng.choices(GENRES, _GENRE_WEIGHTS)[0]
        lo, hi = {"news": (3, 12), "encyclopedia": (5, 25), "collection": (6, 30),
                  "essay": (10, 60)}[genre]
        bounds = (max(1, round(lo * scale)), max(1, round(hi * scale)))
        out.append(GeneratedText(make_source(world, rng, _source_id(seed, i), genre, bounds)))
    return out


# -- CLI ---------------------------------------------------------------------------------


def _open_out(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".gz":
        return gzip.open(path, "wt", encoding="utf-8", compresslevel=5)
    return path.open("w", encoding="utf-8")


def write_graph(path: Path, n_triples: int, seed: int, authority: Authority) -> int:
    """Stream the dataset to ``path`` (gzipped if it ends .gz); returns the triples written."""
    count = 0
    batch: list[str] = []
    with _open_out(path) as fh:
        for line in generate_nquads(n_triples, seed, authority=authority):
            batch.append(line)
            if len(batch) >= 10_000:
                fh.write("".join(batch))
                count += len(batch)
                batch.clear()
        fh.write("".join(batch))
        count += len(batch)
    return count


def write_texts(out: Path, n: int, seed: int, authority: Authority,
                scale: float) -> int:
    """Write the texts, ``sources.yaml`` and ``truth.jsonl`` into ``out``; returns bytes."""
    import yaml

    out.mkdir(parents=True, exist_ok=True)
    texts = generate_texts(n, seed, authority=authority, scale=scale)
    size = 0
    manifest = {}
    with (out / "truth.jsonl").open("w", encoding="utf-8") as truth:
        for t in texts:
            data = t.text.encode("utf-8")
            (out / t.name).write_bytes(data)
            size += len(data)
            manifest[t.source.id] = t.manifest_entry()
            for row in t.truth():
                truth.write(json.dumps(row, ensure_ascii=False) + "\n")
    (out / "sources.yaml").write_text(
        "# Metadata of the generated texts (benchmarks/generate.py), one entry per file id.\n"
        + yaml.safe_dump(manifest, sort_keys=True, allow_unicode=True), encoding="utf-8")
    return size


def main(argv: Sequence[str] | None = None) -> int:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--seed", type=int, default=0, help="same seed, same output")
    common.add_argument("--authority", type=Path, default=ROOT / "data" / "authority",
                        help="directory of authority YAML (default: data/authority)")
    common.add_argument("-v", "--verbose", action="store_true")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("graph", parents=[common],
                       help="an N-Quads dataset of about --triples triples")
    g.add_argument("--triples", default="10k", help="10k, 100k, 1M, 10M, or a number")
    g.add_argument("-o", "--out", type=Path, required=True, help="file.nq or file.nq.gz")
    t = sub.add_parser("texts", parents=[common], help="plain-text sources for the converters")
    t.add_argument("-n", type=int, default=20, help="how many texts")
    t.add_argument("--scale", type=float, default=1.0, help="multiplies each text's length")
    t.add_argument("-o", "--out", type=Path, required=True, help="output directory")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(message)s")
    authority = load_authority(args.authority) if args.authority.is_dir() else Authority()
    log.info("authority: %d entities from %s", len(authority.entities), args.authority)
    started = time.perf_counter()
    if args.command == "graph":
        try:
            n = parse_size(args.triples)
        except ValueError as exc:
            parser.error(str(exc))
        count = write_graph(args.out, n, args.seed, authority)
        secs = time.perf_counter() - started
        print(f"{count} triples -> {args.out} in {secs:.1f} s "
              f"({count / secs / 1000:.0f}k triples/s, {args.out.stat().st_size / 1e6:.1f} MB)")
    else:
        size = write_texts(args.out, args.n, args.seed, authority, args.scale)
        secs = time.perf_counter() - started
        print(f"{args.n} texts ({size / 1000:.0f} kB) -> {args.out} in {secs:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
