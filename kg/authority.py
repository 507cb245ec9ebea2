"""The curated authority data: states, envoys and places, and how the texts spell them.

The YAML files in ``data/authority/`` are the single place where a spelling such as
"M. CHARETTA" is tied to Moshe Sharett; the converters resolve every mention through
:class:`Authority` so that the same person gets the same IRI in every source.

Matching is exact on a normalised key (case, dots, hyphens, possessive 's, diacritics
and a leading Mr./Mrs./Dr. do not matter) and honours the period a spelling belongs to:
"the Russians" in a 1953 text is the Soviet Union, in a 2018 text Russia.  Short
all-capital acronyms ("US", "USSR") only match in capitals, so the pronoun "us" is not
the United States.  :meth:`Authority.fuzzy_lookup` adds transliteration-tolerant matching
for persons ("Charetta" is Sharett) on the surname, with guards against near misses.

>>> auth = load_authority()
>>> auth.lookup("M. CHARETTA").id
'moshe-sharett'
>>> auth.lookup("Russians", kind="State", year=1953).id
'soviet-union'
>>> auth.lookup("Russians", kind="State", year=2003).id
'russia'
>>> auth.lookup("us") is None
True
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

import kg
from kg.errors import InputError
from kg.records import Entity, Office
from kg.sources import read_yaml

log = logging.getLogger(__name__)

#: The kinds exported to the graph, in the order :meth:`Authority.lookup` tries them.
KINDS = ("State", "Envoy", "Place")
#: Persons named in the texts who did not act for a state (``others.yaml``); never exported.
OTHER = "Person"
ALL_KINDS = (*KINDS, OTHER)

_FILES = {
    "State": "states.yaml",
    "Envoy": "persons.yaml",
    "Place": "places.yaml",
    OTHER: "others.yaml",
}
_OPTIONAL_FILES = frozenset({OTHER})

_COMMON_KEYS = {"id", "label", "wikidata", "names", "note"}
_ALLOWED_KEYS = {
    "State": _COMMON_KEYS
    | {"adjectives", "capitals", "names_until", "names_from", "successor_of", "from", "to"},
    "Envoy": _COMMON_KEYS | {"represents", "offices"},
    "Place": _COMMON_KEYS | {"country", "earlier"},
    OTHER: _COMMON_KEYS,
}
_OFFICE_KEYS = {"title", "state", "from", "to"}

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "messrs", "sir"})
_ACRONYM_MAX = 5

#: Below this surname length (after transliteration folding) fuzzy matching must be exact.
_FUZZY_MIN_LEN = 6


def default_directory() -> Path:
    """``data/authority`` of the checkout this package runs from."""
    return Path(kg.__file__).resolve().parents[1] / "data" / "authority"


# --------------------------------------------------------------------------- normalising


def _tokens(surface: str) -> list[str]:
    """Split a spelling into word tokens, keeping case; runs of initials are merged.

    >>> _tokens("V.M. Molotov"), _tokens("U. S. S. R."), _tokens("Bessmertnykh’s")
    (['VM', 'Molotov'], ['USSR'], ['Bessmertnykh'])
    >>> _tokens("Mr. Ben-Gurion's")
    ['Ben', 'Gurion']
    """
    text = unicodedata.normalize("NFKD", surface)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = re.sub(r"(?<=\w)'[sS]\b", "", text)  # possessive 's
    text = re.sub(r"(?<=[sS])'(?!\w)", "", text)  # plural possessive s'
    raw = re.sub(r"[^\w]+|_", " ", text).split()
    merged: list[str] = []
    run = ""
    for tok in raw:
        if len(tok) == 1 and tok.isalpha():
            run += tok
            continue
        if run:
            merged.append(run)
            run = ""
        merged.append(tok)
    if run:
        merged.append(run)
    while len(merged) > 1 and merged[0].casefold() in _HONORIFICS:
        merged.pop(0)
    return merged


def _is_acronym(tokens: list[str]) -> bool:
    return (
        len(tokens) == 1
        and tokens[0].isalpha()
        and tokens[0].isupper()
        and len(tokens[0]) <= _ACRONYM_MAX
    )


def normalise(surface: str) -> str:
    """The key a spelling is matched on.

    >>> normalise("M.Charette") == normalise("m. charette")
    True
    >>> normalise("U.S."), normalise("USSR"), normalise("Israel’s")
    ('^US', '^USSR', 'israel')
    """
    tokens = _tokens(surface)
    if _is_acronym(tokens):
        return "^" + tokens[0]
    return " ".join(t.casefold() for t in tokens)


def _surface_keys(surface: str) -> list[str]:
    """Keys to try for a mention: an all-capital word may be an acronym or a heading."""
    tokens = _tokens(surface)
    plain = " ".join(t.casefold() for t in tokens)
    if _is_acronym(tokens):
        return ["^" + tokens[0], plain]
    return [plain] if plain else []


def _fuzzy_key(tokens: list[str], personal: bool) -> str:
    """What fuzzy matching compares: a person's surname, or a whole place or state name."""
    if not tokens:
        return ""
    if personal:
        return _fold(tokens[-1])
    return " ".join(_fold(t) for t in tokens)


def _fold(word: str) -> str:
    """Fold transliteration variants together: ch/sh, w/v, y/i, doubled letters, final vowel.

    >>> _fold("charetta") == _fold("sharett"), _fold("levawi") == _fold("levavi")
    (True, True)
    >>> _fold("levy") == _fold("levavi")
    False
    """
    w = word.casefold()
    for old, new in (
        ("sch", "sh"),
        ("ch", "sh"),
        ("w", "v"),
        ("ph", "f"),
        ("ck", "k"),
        ("y", "i"),
        ("tz", "ts"),
    ):
        w = w.replace(old, new)
    w = re.sub(r"(.)\1+", r"\1", w)
    if len(w) > 4:
        w = re.sub(r"[aeiou]+$", "", w)
    return w


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class _Spelling:
    """One way of writing an entity, and the years it denotes that entity in."""

    text: str
    entity: Entity
    form: str  # name | adjective | capital
    until: int | None = None
    since: int | None = None

    @property
    def period_bound(self) -> bool:
        return self.until is not None or self.since is not None

    def valid(self, year: int) -> bool:
        return (self.until is None or year <= self.until) and (
            self.since is None or year >= self.since
        )


class Authority:
    """The loaded authority data, with look-ups by id and by spelling."""

    def __init__(
        self,
        entities: list[Entity],
        spellings: list[_Spelling],
        periods: dict[str, tuple[int | None, int | None]],
    ) -> None:
        self._by_id: dict[tuple[str, str], Entity] = {(e.kind, e.id): e for e in entities}
        self._order = tuple(entities)
        self._spellings = tuple(spellings)
        self._periods = periods
        self._index: dict[str, dict[str, list[_Spelling]]] = {k: {} for k in ALL_KINDS}
        # fuzzy candidates per kind: (spelling, its fuzzy key), acronyms and period-bound left out
        self._fuzzy: dict[str, list[tuple[_Spelling, str]]] = {k: [] for k in ALL_KINDS}
        for sp in spellings:
            key = normalise(sp.text)
            self._index[sp.entity.kind].setdefault(key, []).append(sp)
            if not key.startswith("^") and not sp.period_bound:
                personal = sp.entity.kind in ("Envoy", OTHER)
                target = _fuzzy_key(_tokens(sp.text), personal)
                if target:
                    self._fuzzy[sp.entity.kind].append((sp, target))

    # -- by id ---------------------------------------------------------------------------

    def get(self, kind: str, id: str) -> Entity:
        """The entity of ``kind`` with slug ``id``; ``KeyError`` if there is none.

        >>> load_authority().get("State", "israel").wikidata
        'Q801'
        """
        return self._by_id[(kind, id)]

    def state_of(self, place: Entity | None, year: int | None) -> Entity | None:
        """The state a place lay in that year (Kyiv in 1970: the Soviet Union), or None.

        >>> auth = load_authority()
        >>> auth.state_of(auth.lookup("Kyiv", kind="Place"), 1970).id
        'soviet-union'
        """
        country = place.country_in(year) if place is not None else None
        return self.get("State", country) if country else None

    def entities(self, kind: str | None = None) -> tuple[Entity, ...]:
        """Entities of one kind, or of all exported kinds (State, Envoy, Place) in file order.

        Persons from ``others.yaml`` (kind ``"Person"``) are returned only when asked for
        by kind, so that nothing iterating the exported kinds emits them by accident.
        """
        if kind is None:
            return tuple(e for e in self._order if e.kind in KINDS)
        _check_kind(kind)
        return tuple(e for e in self._order if e.kind == kind)

    def existence(self, state_id: str) -> tuple[int | None, int | None]:
        """The ``from``/``to`` years of a state (``None`` where open or unknown)."""
        return self._periods.get(state_id, (None, None))

    # -- by spelling ---------------------------------------------------------------------

    def lookup(
        self, surface: str, *, kind: str | None = None, year: int | None = None
    ) -> Entity | None:
        """The entity ``surface`` names exactly (after normalising), or ``None``.

        Without ``kind`` the kinds are tried in the order State, Envoy, Place, Person,
        so a capital used for its government ("Moscow") resolves to the state; ask for
        ``kind="Place"`` to get the city.  ``year`` is the year of the event the mention
        is about: it selects period-bound spellings (``names_until``/``names_from``)
        and tells apart states sharing a spelling (Moscow: the Soviet Union up to 1991,
        Russia after).  Without a year, period-bound spellings are ignored and a shared
        spelling goes to the state that still exists.  A spelling that stays ambiguous
        gives ``None``.

        >>> auth = load_authority()
        >>> auth.lookup("Moscow", year=1953).id, auth.lookup("Moscow", year=2010).id
        ('soviet-union', 'russia')
        >>> auth.lookup("Moscow", kind="Place").id
        'moscow'
        """
        keys = _surface_keys(surface)
        if not keys:
            return None
        kinds = (kind,) if kind is not None else ALL_KINDS
        for k in kinds:
            _check_kind(k)
            index = self._index[k]
            for key in keys:
                found = self._choose(index.get(key, []), year)
                if found is not None:
                    return found
        return None

    def _choose(self, candidates: list[_Spelling], year: int | None) -> Entity | None:
        if not candidates:
            return None
        if year is None:
            pool = [c for c in candidates if not c.period_bound]
        else:
            pool = [c for c in candidates if c.valid(year)]
            bound = [c for c in pool if c.period_bound]
            if bound:  # a spelling tied to this period beats a timeless one
                pool = bound
        entities = list(dict.fromkeys(c.entity for c in pool))
        if len(entities) > 1 and all(e.kind == "State" for e in entities):
            entities = self._by_period(entities, year)
        if len(entities) == 1:
            return entities[0]
        if entities:
            log.debug("ambiguous spelling %r: %s", candidates[0].text, [e.id for e in entities])
        return None

    def _by_period(self, states: list[Entity], year: int | None) -> list[Entity]:
        """Narrow states sharing a spelling by when they existed."""
        if year is None:
            current = [s for s in states if self.existence(s.id)[1] is None]
            return current or states
        alive = [
            s
            for s in states
            if (self.existence(s.id)[0] or year) <= year <= (self.existence(s.id)[1] or year)
        ]
        if len(alive) <= 1:
            return alive or states
        # In a transition year the established state is meant (Moscow, October 1991).
        soonest = min(self.existence(s.id)[1] or 10_000 for s in alive)
        return [s for s in alive if (self.existence(s.id)[1] or 10_000) == soonest]

    def fuzzy_lookup(
        self, surface: str, *, kind: str, threshold: float = 0.85
    ) -> tuple[Entity, float] | None:
        """The entity ``surface`` most likely names, with a score in ``(0, 1]``, or ``None``.

        An exact :meth:`lookup` scores 1.0 (no year: period-bound spellings are not used).
        Otherwise, for persons, the capitalised surname (last word) is compared after
        folding transliteration variants, so "Scharett" finds Sharett; a folded surname
        shorter than six letters must match exactly and lengths may differ by one letter
        at most, so "Levy" never becomes Levavi nor "Church" Churchill.  A given name or
        initial in the mention must agree with the candidate's, and a mention naming a
        non-envoy person exactly ("Sarah Netanyahu") matches nothing.  For states and
        places the whole name is compared the same way (acronyms never fuzzily; a place's
        variant must have as many letters as its name).

        >>> auth = load_authority()
        >>> entity, score = auth.fuzzy_lookup("Mr. Scharett", kind="Envoy")
        >>> entity.id, score
        ('moshe-sharett', 1.0)
        >>> auth.fuzzy_lookup("Lavin", kind="Envoy") is None
        True
        """
        _check_kind(kind)
        exact = self.lookup(surface, kind=kind)
        if exact is not None:
            return exact, 1.0
        if kind != OTHER and self.lookup(surface, kind=OTHER) is not None:
            return None
        raw = _tokens(surface)
        if not raw or not raw[-1].isalpha():
            return None
        personal = kind in ("Envoy", OTHER)
        if personal and raw[-1].islower():
            return None  # a name is capitalised; "church" is not Churchill
        query = _fuzzy_key(raw, personal)
        given = raw[0].casefold() if personal and len(raw) > 1 else None
        # hundreds of cities: a place's variant spells the same number of letters
        # ("Jerusalim"), and "Alexander" is no Alexandria
        slack = 0 if kind == "Place" else 1
        best: dict[Entity, float] = {}
        for sp, target in self._fuzzy[kind]:
            if target[0] != query[0]:
                continue
            if abs(len(query) - len(target)) > slack:
                continue
            if len(query) < _FUZZY_MIN_LEN or len(target) < _FUZZY_MIN_LEN:
                # short: only a person's surname may match, and only exactly
                score = 1.0 if personal and query == target else 0.0
            else:
                score = fuzz.ratio(query, target) / 100.0
            if score < threshold:
                continue
            if given is not None and not self._given_agrees(given, sp.entity):
                continue
            best[sp.entity] = max(score, best.get(sp.entity, 0.0))
        if not best:
            return None
        top = max(best.values())
        winners = [e for e, s in best.items() if s == top]
        if len(winners) > 1:
            log.debug("fuzzy match for %r is ambiguous: %s", surface, [e.id for e in winners])
            return None
        return winners[0], round(top, 3)

    def _given_agrees(self, given: str, entity: Entity) -> bool:
        """Whether a mention's given name or initials fit any of the entity's spellings."""
        givens: set[str] = set()
        for text in (entity.label, *entity.spellings):
            toks = [t.casefold() for t in _tokens(text)]
            if len(toks) > 1:
                givens.add(toks[0])
        if not givens:
            return True
        if len(given) <= 2:  # initials
            return any(g[0] == given[0] for g in givens)
        folded = _fold(given)
        return any(
            (len(g) <= 2 and g[0] == given[0]) or fuzz.ratio(folded, _fold(g)) >= 80.0
            for g in givens
        )

    def surface_forms(self, kind: str) -> list[tuple[str, Entity]]:
        """Every spelling of every entity of ``kind`` (names, adjectives, capitals,
        period-bound spellings) with its entity, longest first, for building matchers.

        A spelling may appear for more than one entity (Moscow: the Soviet Union and
        Russia); resolve what a matcher finds with :meth:`lookup` and the event's year.

        >>> forms = load_authority().surface_forms("State")
        >>> forms[0][0]
        'Union of Soviet Socialist Republics'
        """
        _check_kind(kind)
        seen: dict[tuple[str, str], tuple[str, Entity]] = {}
        for sp in self._spellings:
            if sp.entity.kind == kind:
                seen.setdefault((sp.text, sp.entity.id), (sp.text, sp.entity))
        return sorted(seen.values(), key=lambda pair: (-len(pair[0]), pair[0], pair[1].id))

    def office_title(self, person_id: str, year: int) -> str | None:
        """The title of the office an envoy held in ``year`` (the first listed), or ``None``.

        An office whose years are unknown counts for any year: the texts attest it.

        >>> auth = load_authority()
        >>> auth.office_title("moshe-sharett", 1953)
        'Foreign Minister of Israel'
        >>> auth.office_title("moshe-sharett", 1960) is None
        True
        """
        person = self.get("Envoy", person_id)
        for office in person.offices:
            if (office.start is None or office.start <= year) and (
                office.end is None or year <= office.end
            ):
                return office.title
        return None


def _check_kind(kind: str) -> None:
    if kind not in ALL_KINDS:
        raise ValueError(f"unknown entity kind {kind!r}; expected one of {ALL_KINDS}")


# --------------------------------------------------------------------------- loading


def load_authority(directory: Path | None = None) -> Authority:
    """Read ``states.yaml``, ``persons.yaml``, ``places.yaml`` (and ``others.yaml`` if
    present) from ``directory``; raise :class:`~kg.errors.InputError` on a malformed file."""
    directory = Path(directory) if directory is not None else default_directory()
    raw: dict[str, list[dict[str, Any]]] = {}
    for kind, name in _FILES.items():
        path = directory / name
        if not path.is_file():
            if kind in _OPTIONAL_FILES:
                raw[kind] = []
                continue
            raise InputError(f"{path}: authority file not found")
        raw[kind] = _read_list(path)

    state_ids = {str(e.get("id")) for e in raw["State"]}
    entities: list[Entity] = []
    spellings: list[_Spelling] = []
    periods: dict[str, tuple[int | None, int | None]] = {}
    for kind, entries in raw.items():
        path = directory / _FILES[kind]
        seen: set[str] = set()
        for n, entry in enumerate(entries, start=1):
            where = f"{path}: entry {n}"
            entity, forms, period = _build(kind, entry, where, state_ids)
            if entity.id in seen:
                raise InputError(f"{where}: duplicate id {entity.id!r}")
            seen.add(entity.id)
            entities.append(entity)
            spellings.extend(forms)
            if kind == "State":
                periods[entity.id] = period
    log.debug("loaded %d authority entities from %s", len(entities), directory)
    return Authority(entities, spellings, periods)


def _read_list(path: Path) -> list[dict[str, Any]]:
    data = read_yaml(path)
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(e, dict) for e in data):
        raise InputError(f"{path}: expected a YAML list of mappings")
    return data


def _build(
    kind: str, entry: dict[str, Any], where: str, state_ids: set[str]
) -> tuple[Entity, list[_Spelling], tuple[int | None, int | None]]:
    unknown = set(entry) - _ALLOWED_KEYS[kind]
    if unknown:
        raise InputError(f"{where}: unknown field(s) {', '.join(sorted(map(str, unknown)))}")
    slug = entry.get("id")
    if not isinstance(slug, str) or not _SLUG.match(slug):
        raise InputError(f"{where}: id must be a lower-case hyphenated slug, got {slug!r}")
    where = f"{where} ({slug})"
    label = entry.get("label")
    if not isinstance(label, str) or not label.strip():
        raise InputError(f"{where}: label must be a non-empty string")
    if "wikidata" not in entry:
        raise InputError(f"{where}: wikidata must be given (a Q-id or null)")
    qid = entry["wikidata"]
    if qid is not None and (not isinstance(qid, str) or not _QID.match(qid)):
        raise InputError(f"{where}: wikidata must be a Q-id such as Q801 or null, got {qid!r}")

    def ref(field: str, value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or value not in state_ids:
            raise InputError(f"{where}: {field} {value!r} is not a state id")
        return value

    def strings(field: str) -> list[str]:
        value = entry.get(field) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise InputError(f"{where}: {field} must be a list of non-empty strings")
        return value

    def year(field: str, value: Any) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise InputError(f"{where}: {field} must be a year or null, got {value!r}")
        return value

    def period_map(field: str) -> dict[str, int]:
        value = entry.get(field) or {}
        if not isinstance(value, dict):
            raise InputError(f"{where}: {field} must map spellings to years")
        out: dict[str, int] = {}
        for k, v in value.items():
            y = year(f"{field}[{k!r}]", v)
            if not isinstance(k, str) or y is None:
                raise InputError(f"{where}: {field} must map spellings to years")
            out[k] = y
        return out

    names = strings("names")
    forms: list[tuple[str, str, int | None, int | None]] = [(label, "name", None, None)]
    forms += [(n, "name", None, None) for n in names]
    period: tuple[int | None, int | None] = (None, None)
    extra: dict[str, Any] = {}
    if kind == "State":
        forms += [(a, "adjective", None, None) for a in strings("adjectives")]
        forms += [(c, "capital", None, None) for c in strings("capitals")]
        forms += [(s, "name", y, None) for s, y in period_map("names_until").items()]
        forms += [(s, "name", None, y) for s, y in period_map("names_from").items()]
        period = (year("from", entry.get("from")), year("to", entry.get("to")))
        extra["successor_of"] = ref("successor_of", entry.get("successor_of"))
        if extra["successor_of"] == slug:
            raise InputError(f"{where}: a state cannot succeed itself")
    elif kind == "Envoy":
        extra["represents"] = ref("represents", entry.get("represents"))
        if extra["represents"] is None:
            raise InputError(f"{where}: represents must name a state")
        offices = entry.get("offices") or []
        if not isinstance(offices, list):
            raise InputError(f"{where}: offices must be a list")
        built = []
        for o in offices:
            if not isinstance(o, dict) or set(o) - _OFFICE_KEYS or not o.get("title"):
                raise InputError(f"{where}: each office needs title, state, from, to only")
            start, end = year("office from", o.get("from")), year("office to", o.get("to"))
            if start is not None and end is not None and start > end:
                raise InputError(f"{where}: office {o['title']!r} ends before it starts")
            state = ref("office state", o.get("state"))
            if state is None:
                raise InputError(f"{where}: office {o['title']!r} needs a state")
            built.append(Office(title=str(o["title"]), state=state, start=start, end=end))
        extra["offices"] = tuple(built)
    elif kind == "Place":
        extra["country"] = ref("country", entry.get("country"))
        earlier = entry.get("earlier") or {}
        if not isinstance(earlier, dict):
            raise InputError(f"{where}: earlier must map a state id to its last year")
        pairs = [(ref("earlier state", k), year("earlier year", v)) for k, v in earlier.items()]
        if any(y is None for _, y in pairs):
            raise InputError(f"{where}: earlier must map a state id to its last year")
        extra["earlier"] = tuple(sorted(pairs, key=lambda kv: kv[1]))

    alt = tuple(dict.fromkeys(text for text, *_ in forms if text != label))
    entity = Entity(id=slug, kind=kind, label=label, spellings=alt, wikidata=qid, **extra)
    for text, _form, _until, _since in forms:
        if not normalise(text):
            raise InputError(f"{where}: spelling {text!r} has no letters")
    spellings = [
        _Spelling(text=text, entity=entity, form=form, until=until, since=since)
        for text, form, until, since in forms
    ]
    return entity, spellings, period
