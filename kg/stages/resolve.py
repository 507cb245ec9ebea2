"""Stage ``resolve``: link mentions to authority entities.

Exact lookup after normalisation, then fuzzy matching for transliterations ("Charetta",
"LEVAWI"); a capital is a government or a place by its context ("in Moscow" is the city,
"Moscow was ready" the government); a titled person absent from the authority data
becomes a new envoy of the state his title names ("Polish ambassador Beretsky"); a
surname alone refers back to the full name met before; "the two countries" to the last
two states named.  Only the authority API is used (``lookup``, ``fuzzy_lookup``, ``get``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import replace

from kg.records import Analysis, Document, Entity, Mention, Span, entity_key
from kg.stages import Stage
from kg.stages.dates import years_in_force
from kg.stages.mentions import NOT_NAMES

_PLACE_PREP = re.compile(
    r"(?:\b(?:in|at|to|from|near|into|outside|visit(?:ed|s|ing)?|toward|towards|via)\s+(?:the\s+)?)$",
    re.I,
)
# nouns after a state adjective that make it stand for the state itself
OFFICIAL_HEADS = frozenset(
    [
        "government",
        "governments",
        "authorities",
        "officials",
        "official",
        "representative",
        "representatives",
        "side",
        "delegation",
        "ministry",
        "leadership",
        "leader",
        "leaders",
        "ambassador",
        "ambassadors",
        "envoy",
        "envoys",
        "diplomat",
        "diplomats",
        "embassy",
        "legation",
        "mission",
        "consulate",
        "minister",
        "president",
        "premier",
        "spokesman",
        "spokesperson",
        "regime",
        "administration",
        "cabinet",
        "foreign",
        "state",
        # what a state puts forward: "a Russian proposal"
        "proposal",
        "proposals",
        "initiative",
        "initiatives",
        "counterpart",
        "counterparts",
    ]
)
_FUNCTION = frozenset(
    [
        "and",
        "or",
        "in",
        "on",
        "at",
        "to",
        "of",
        "with",
        "by",
        "from",
        "for",
        "was",
        "were",
        "is",
        "are",
        "has",
        "had",
        "have",
        "will",
        "would",
        "did",
        "does",
        "do",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "which",
        "who",
        "that",
        "as",
        "than",
        "but",
        "also",
        "then",
        "not",
        "been",
        "be",
        "being",
        "it",
        "its",
        "their",
        "his",
        "her",
        "this",
        "these",
        "those",
        "a",
        "an",
        "the",
        "after",
        "before",
        "since",
        "when",
        "while",
    ]
)


#: how many of the latest state mentions "the two countries" may refer to
_GROUP_WINDOW = 8


#: letters that carry no separable accent, so NFKD leaves them whole ("Wałęsa")
_UNDECOMPOSED = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
     "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ı": "i", "ð": "d", "þ": "th", "Þ": "Th"}
)


# an event named after the city it was held in: "the Astana talks", "the Oslo accords"
_NAMED_EVENT = re.compile(
    r"\s+(?:talks|process|accords?|agreements?|conference|summit|format|declaration|forum|"
    r"negotiations|meeting|round|group)\b",
    re.I,
)


def _ascii(name: str) -> str:
    """A name without its diacritics ("Erdoğan" → "Erdogan", "Wałęsa" → "Walesa"): slugs
    are plain ASCII."""
    folded = unicodedata.normalize("NFKD", name.translate(_UNDECOMPOSED))
    return folded.encode("ascii", "ignore").decode("ascii")


_PARTICLE = re.compile(r"^(?:al|el|ad|bin|ibn|abu|de|van|von)[- ]", re.I)


def _surname_keys(name: str) -> list[str]:
    """The bare forms a later mention of this person may take: the last word, and for a
    name with a particle the part after it ("al-Sharaa" → "sharaa")."""
    if not name.split():
        return []
    last = _last_name(name)
    keys = [last]
    bare = _PARTICLE.sub("", last)
    if bare != last and bare:
        keys.append(bare)
    return keys


def _full_person_name(surface: str, auth) -> bool:
    """Two or more capitalised parts (or initials and a surname), none of them a state or a
    place the authority data knows: enough to make a person of without a state."""
    words = surface.replace("-", " ").split()
    if len(words) < 2 or not all(w[:1].isupper() or w.lower() in _PARTICLES for w in words):
        return False
    if any(w in NOT_NAMES or w.rstrip(".") in NOT_NAMES for w in words):
        return False  # "Mr. Prime Minister", "Security Council"
    for w in [surface, *words]:
        if w.lower() in _PARTICLES:
            continue
        if auth.lookup(w, kind="State") is not None or auth.lookup(w, kind="Place") is not None:
            return False
    return True


def _last_name(name: str) -> str:
    """The word a later mention may use alone; a regnal name ("Hassan II") only whole."""
    words = name.lower().split()
    return " ".join(words) if re.fullmatch(r"[ivx]+", words[-1]) else words[-1]


_PARTICLES = frozenset(["al", "el", "ad", "bin", "ibn", "abu", "de", "van", "von"])


def _slug(name: str) -> str:
    """"Gennadi I. Gerasimov" -> "gennadi-gerasimov": a middle initial is left out, as
    people are usually cited by first and last name (initials alone are kept)."""
    words = name.split()
    if len(words) >= 3 and re.fullmatch(r"[^\W\d_]{2,}", words[0]):
        words = [words[0], *(w for w in words[1:-1] if not re.fullmatch(r"\w\.?", w)), words[-1]]
    return re.sub(r"[^a-z0-9]+", "-", " ".join(words).lower()).strip("-")


def _nice(name: str) -> str:
    if name.isupper():
        return re.sub(r"[A-Z][A-Z'’-]+", lambda m: m.group(0).capitalize(), name)
    return name


def is_modifier(text: str, m: Mention, entity: Entity) -> bool:
    """True when a state word only qualifies a noun ("Soviet Jewish community")."""
    head = (m.head or "").split()
    if any(w.lower() in OFFICIAL_HEADS for w in head[:3]):
        return False
    surface = m.surface
    if " " in surface or surface.lower() == entity.label.lower() or surface.isupper():
        return False
    if surface.endswith("s"):  # "the Russians", "the Soviets": the state's side
        return False
    nxt = text[m.span.end : m.span.end + 2]
    if not nxt.startswith(" ") or not head:
        return False
    first = head[0].lower()
    if first.endswith("ed") or first in _VERBS:
        return False  # "Bonn broke off relations": a verb follows, the state acts
    return first not in _FUNCTION and head[0][:1].isalpha()


_VERBS = frozenset(
    [
        *("broke", "cut", "sent", "held", "made", "began", "told", "gave", "took", "came"),
        *("went", "flew", "signed", "met", "sold", "paid", "left", "said", "won", "lost"),
    ]
)


def run(a: Analysis) -> Analysis:
    auth = a.authority
    text = a.text
    # the year in force at each sentence start: the sentence's own date, else the last one
    years = dict(zip((x.span.start for x in a.sentences),
                     years_in_force(a, a.sentences, explicit_only=False), strict=True))
    starts = sorted(years)
    new: dict[str, Entity] = {}
    used: dict[str, Entity] = {}
    surnames: dict[str, str] = {}
    recent_states: list[str] = []
    recent_persons: list[str] = []
    out: list[Mention] = []
    warnings = list(a.warnings)

    def year_at(pos: int) -> int | None:
        best = None
        for s in starts:
            if s <= pos:
                best = s
            else:
                break
        if best is None:
            return a.date.year if a.date else None
        return years[best]

    def use(e: Entity) -> str:
        used[entity_key(e)] = e
        return entity_key(e)

    def person(surface: str, m: Mention | None, year: int | None) -> str | None:
        surface = re.sub(r"['’]s$", "", surface.strip(" ,."))
        if not surface:
            return None
        if auth.lookup(surface, kind="Person") is not None:
            return None
        if len(surface.split()) == 1 and surface.lower() in surnames:
            # a bare surname refers back to the full name this text met before
            # ("President George Bush ... Bush told"), before any other bearer of it
            return surnames[surface.lower()]
        e = None
        if m is not None and m.title and m.title != "Mr.":
            # "King Hussein", "President Clinton", "Hussein of Jordan": the title or the
            # state with the name may be a spelling of its own where the name alone is not
            forms = [f"{m.title} {surface}"]
            if m.of_state:
                forms += [f"{surface} of {m.of_state}", f"{m.title} {surface} of {m.of_state}"]
            for form in forms:
                e = auth.lookup(form, kind="Envoy")
                if e is not None:
                    break
        e = e or auth.lookup(surface, kind="Envoy")
        if e is not None and len(surface.split()) == 1 and year is not None:
            # "Vice President Bush" in 1985: a surname the data gives to one person, whose
            # offices do not fit the year, while the title fits another of that surname's
            other = _by_office(known_surnames.get(surface.lower(), []), m, year, None)
            if other is not None and other != e and not any(
                (o.start is None or o.start - 1 <= year) and (o.end is None or year <= o.end + 1)
                for o in e.offices
            ):
                e = other
        if e is None:
            hit = auth.fuzzy_lookup(surface, kind="Envoy")
            e = hit[0] if hit else None
        if e is not None:
            key = use(e)
            for word in _surname_keys(surface):
                surnames.setdefault(word, key)
            return key
        last = _last_name(surface)
        if last in surnames:
            return surnames[last]
        if len(surface.split()) == 1 and last in known_surnames:
            # a bare surname the authority data gives to someone else ("Hussein": King
            # Hussein or Saddam Hussein) is never a new person; the title may tell which
            e = _by_office(known_surnames[last], m, year, state_for(m, year) if m else None)
            if e is not None:
                key = use(e)
                surnames.setdefault(last, key)
                return key
            return None
        honorific = m is not None and m.title == "Mr." and _full_person_name(surface, auth)
        if m is not None and m.title and (m.title != "Mr." or honorific):
            # "Dr. Kurt Birrenbach": a full name after an honorific is a person too
            state = state_for(m, year)
            if state is None and not _full_person_name(surface, auth):
                # a titled surname alone, with no state the text ties to it, is too
                # little to make a person of ("President Assad" somewhere unnamed)
                return None
            label = _full_name(text, _nice(surface))
            slug = _slug(_ascii(label))
            if not slug:
                return None
            if slug not in new:
                # a new person; the state only when the text ties him to one, never guessed
                new[slug] = Entity(
                    id=slug,
                    kind="Envoy",
                    label=label,
                    represents=state.id if state is not None else None,
                    evidence=m.span,
                    source=a.source_id,
                )
                if state is not None:
                    use(state)
            key = entity_key(new[slug])
            used[key] = new[slug]
            for word in _surname_keys(surface):
                surnames.setdefault(word, key)
            return key
        return None

    known_surnames = _surname_index(auth)
    docs = {d.n: d for d in a.documents}

    def doc_at(pos: int) -> Document:
        best = a.documents[0]
        for d in a.documents[1:]:
            if d.span.start <= pos < d.span.end:
                best = d
        return best

    offices = _office_table(auth)

    def related(x: str, y: str) -> bool:
        try:
            ex, ey = auth.get("State", x), auth.get("State", y)
        except KeyError:
            return False
        return ex.successor_of == y or ey.successor_of == x
    dateline_state = None
    if a.dateline is not None:
        words = a.dateline.of(text).split(",")[0].strip()
        found = auth.lookup(words, kind="State", year=a.date.year if a.date else None)
        if found is None:
            found = auth.state_of(
                auth.lookup(words, kind="Place"), a.date.year if a.date else None
            )
        dateline_state = found

    def stated(m: Mention, year: int | None) -> Entity | None:
        """The state a titled person's own words name: an adjective, "of X", "X's"."""
        if m.adjective:
            st = auth.lookup(m.adjective, kind="State", year=year)
            if st is not None:
                return st
        if m.of_state:
            # "of the United States"; a description's capitalised runs come "; "-separated
            # ("Soviet Foreign Ministry; Moscow"): the longest start of one that is a state
            for run in m.of_state.split("; "):
                words = run.split()
                for n in range(len(words), 0, -1):
                    st = auth.lookup(" ".join(words[:n]), kind="State", year=year)
                    if st is not None:
                        return st
        return None

    # what any mention of a surname says of its state ("Premier Begin" ... "Israeli Prime
    # Minister Begin"): one state for a surname, else none
    hints: dict[str, set[str]] = {}
    for m in a.mentions:
        if m.kind == "Envoy" and m.title and m.title != "Mr.":
            st = stated(m, year_at(m.span.start))
            if st is not None:
                last = _last_name(re.sub(r"['’]s$", "", m.surface.strip(" ,.")))
                hints.setdefault(last, set()).add(st.id)

    def state_for(m: Mention, year: int | None) -> Entity | None:
        """The state a titled person absent from the authority data acts for, if the text
        says it: his own title's words, another mention of his surname, an office title
        of the authority data only one state had that year, or (for a head of state or
        government in a news report) the place the sentence or the dateline names."""
        st = stated(m, year)
        if st is not None:
            return st
        last = _last_name(re.sub(r"['’]s$", "", m.surface.strip(" ,.")))
        if len(hints.get(last, ())) == 1:
            return auth.get("State", next(iter(hints[last])))
        title = f"{m.adjective} {m.title}" if m.adjective else m.title
        sid = _office_state(offices, title, year, related)
        if sid is not None:
            return auth.get("State", sid)
        if m.title and _HEAD_TITLE.fullmatch(m.title):
            sent_start = next(
                (x.span.start for x in a.sentences if x.span.start <= m.span.start < x.span.end),
                None,
            )
            if sent_start is not None:
                for found in reversed(list(_IN_PLACE.finditer(text, sent_start, m.span.start))):
                    # "In Washington, President Carter ...", "arrived in Israel and was
                    # welcomed by President Katzir": the nearest place named before; an
                    # unknown place leaves the state unknown ("in Damascus, ... President
                    # Assad"), a description ("in the Jewish state") is passed over
                    where = found.group(2) or found.group(4)
                    st = auth.lookup(where, kind="State", year=year)
                    place = auth.lookup(where, kind="Place") if st is None else None
                    if st is None:
                        st = auth.state_of(place, year)
                    if st is not None:
                        return st
                    if not (found.group(1) or found.group(3)) and place is None:
                        return None
            return dateline_state
        return None

    resolved_docs: dict[int, Document] = {}
    pending: list[tuple[int, list[str]]] = []
    # an undated text is written no earlier than the latest year it names: a capital with
    # no year in force stands for the state of that time ("Moscow" in a text naming 1988)
    named = [m.date.year for m in a.mentions if m.kind == "Date" and m.date and m.explicit]
    latest = max(named) if named else None
    for m in a.mentions:
        year = year_at(m.span.start)
        key = None
        sense = None
        if m.kind in ("State", "Place"):
            place = auth.lookup(m.surface, kind="Place")
            state = (
                auth.lookup(m.surface, kind="State", year=year if year is not None else latest)
                if m.kind == "State"
                else None
            )
            before = text[max(0, m.span.start - 30) : m.span.start]
            if place is not None and (
                state is None
                or _PLACE_PREP.search(before)
                or _NAMED_EVENT.match(text, m.span.end)  # "the Astana talks": the city's
            ):
                key, sense = use(place), "place"
            elif state is not None:
                key = use(state)
                sense = (
                    "modifier"
                    if place is None
                    and not _PLACE_PREP.search(before)  # "in Cairo earlier": the city
                    and is_modifier(text, m, state)
                    else ("government" if place is not None else "state")
                )
                if sense != "modifier":
                    recent_states.append(key)
        elif m.kind == "Envoy":
            key = person(m.surface, m, year)
            if key is None and m.adjective:
                # an unnamed or unknown official: the state his title names
                state = auth.lookup(m.adjective, kind="State", year=year)
                if state is not None:
                    key, sense = use(state), "official"
        elif m.kind == "Name":
            last = m.surface.lower()
            key = surnames.get(last)
        elif m.kind == "Group" and m.head == "persons":
            # "the two leaders": the last two persons named, if two
            order = []
            for k in reversed(recent_persons[-6:]):
                if k not in order:
                    order.append(k)
            if re.search(r"leaders|presidents|statesmen", m.surface):
                # "the two leaders": persons who led their states, when two such were named
                heads = [k for k in order if any(_HEAD_TITLE.match(o.title)
                                                 for o in used[k].offices)]
                order = heads if len(heads) >= 2 else order
            if len(order) >= 2:
                out.append(replace(m, group=(order[1], order[0])))
            continue
        elif m.kind == "Group":
            # resolved below, once the whole text's counts are known
            pending.append((len(out), list(recent_states[-_GROUP_WINDOW:])))
            out.append(m)
            continue
        if key and key.startswith("person/"):
            recent_persons.append(key)
        out.append(replace(m, entity=key, sense=sense) if key or sense else m)

    # "the two countries": of the states named just before, the two the text is most about
    counts = Counter(x.entity for x in out if x.entity and x.entity.startswith("state/"))
    for index, recent in reversed(pending):
        order: list[str] = []  # distinct, most recent first
        for k in reversed(recent):
            if k not in order:
                order.append(k)
        if len(order) < 2:
            del out[index]
            continue
        best = sorted(order, key=lambda k: (-counts[k], order.index(k)))[:2]
        pair = sorted(best, key=order.index, reverse=True)  # in the order the text named them
        out[index] = replace(out[index], group=tuple(pair))

    # authors and recipients of inner documents
    for d in a.documents[1:]:
        refs = []
        for sp in (d.author_span, d.recipient_span):
            refs.append(_party(sp, out, auth, d.date.year if d.date else None, person, use,
                               a.text))
        resolved_docs[d.n] = replace(d, author=refs[0], recipient=refs[1])
    documents = tuple(resolved_docs.get(d.n, d) for d in a.documents)
    docs = {d.n: d for d in documents}

    # "the Prime Minister": the person last named with that title
    out = _title_references(a, out)

    # first-person and second-person pronouns inside a letter
    final: list[Mention] = []
    for m in out:
        if m.kind == "Pronoun":
            d = docs.get(doc_at(m.span.start).n)
            who = d.author if m.surface in ("I", "my", "me") else d.recipient
            if who and who.startswith("person/"):
                final.append(replace(m, entity=who, sense="person"))
            elif who and m.surface in ("I", "my", "me"):
                # an unnamed envoy writing: he stands for the state the heading names
                final.append(replace(m, entity=who, sense="official"))
            continue
        if m.kind == "Name" and not m.entity:
            continue
        final.append(m)

    # the closure: states the envoys represent, offices' states, predecessors, countries
    queue = list(used.values())
    while queue:
        e = queue.pop()
        refs = [e.represents, e.successor_of, *(o.state for o in e.offices)]
        for sid in filter(None, refs):
            key = f"state/{sid}"
            if key not in used:
                try:
                    used[key] = auth.get("State", sid)
                except KeyError:
                    warnings.append(f"{e.id}: unknown state {sid}")
                    continue
                queue.append(used[key])
        if e.country and f"state/{e.country}" not in used:
            try:
                used[f"state/{e.country}"] = auth.get("State", e.country)
                queue.append(used[f"state/{e.country}"])
            except KeyError:
                warnings.append(f"{e.id}: unknown state {e.country}")
    entities = tuple(used[k] for k in sorted(used))
    return replace(
        a, mentions=tuple(final), documents=documents, entities=entities, warnings=tuple(warnings)
    )


_SURNAMES: dict[int, tuple[object, dict]] = {}


def _surname_index(auth) -> dict[str, list[Entity]]:
    """Last words of the authority's person names ("hussein" → King Hussein, Saddam
    Hussein): a bare surname among them names someone the data knows, never a new person."""
    cached = _SURNAMES.get(id(auth))
    if cached is not None and cached[0] is auth:
        return cached[1]
    index: dict[str, list[Entity]] = {}
    for kind in ("Envoy", "Person"):
        try:
            pairs = auth.surface_forms(kind)
        except (AttributeError, ValueError, KeyError):
            continue
        for form, e in pairs:
            words = [w for w in re.split(r"[\s]+", form.strip()) if w]
            if len(words) < 2 or words[-2].lower() == "of":
                continue
            last = words[-1].lower()
            bucket = index.setdefault(last, [])
            if e not in bucket:
                bucket.append(e)
    _SURNAMES[id(auth)] = (auth, index)
    return index


def _by_office(
    candidates: list[Entity], m: Mention | None, year: int | None, state: Entity | None
) -> Entity | None:
    """Of the persons sharing a surname, the one a title fits: an office of that title (for
    the state the text names, in the year when known), if exactly one does."""
    if m is None or not m.title or m.title == "Mr.":
        return None
    title = re.sub(r"\s+", " ", m.title.lower())
    fits = []
    for e in candidates:
        if e.kind != "Envoy":
            continue
        if state is not None and e.represents != state.id:
            continue
        for o in e.offices:
            head = re.split(r"\s+of\s+", o.title.lower(), maxsplit=1)[0]
            if head != title and not head.endswith(" " + title):
                continue
            if year is not None and not (
                (o.start is None or o.start - 1 <= year) and (o.end is None or year <= o.end + 1)
            ):
                continue
            fits.append(e)
            break
    return fits[0] if len(fits) == 1 else None


_HEAD_TITLE = re.compile(
    r"(?:Prime Minister|Premier|President|Chancellor|King|Queen|Foreign Minister|"
    r"Foreign Secretary|Defen[cs]e Minister)",
    re.I,
)
_IN_PLACE = re.compile(
    r"\b[Ii]n\s+(the\s+)?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})\b"
    # "flew to Ankara, where he met Prime Minister X": the place the clause hangs on
    r"|\bto\s+(the\s+)?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}),\s+where\b"
)


def _full_name(text: str, name: str) -> str:
    """An initialled name ("L. Erhard") in full when the text spells it so elsewhere
    ("Ludwig Erhard"): the slug of a person found in a text prefers the full name."""
    if not re.fullmatch(r"(?:[A-Z]\.\s?)+[A-Z][\w'’-]+", name):
        return name
    surname = name.split()[-1].split(".")[-1]
    initial = name[0]
    m = re.search(rf"\b({initial}[a-z]+)\s+{re.escape(surname)}\b", text, re.I)
    if m and m.group(1)[0].isupper() and m.group(1)[1:].islower():
        return f"{m.group(1)} {surname}"
    return name


_OFFICE_TABLES: dict[int, tuple[object, dict]] = {}


def _office_table(auth) -> dict[str, list[tuple[str, int | None, int | None]]]:
    """Office titles of the authority data by their title word(s): "Chancellor of West
    Germany" → {"chancellor": [("west-germany", 1949, 1963)]}."""
    cached = _OFFICE_TABLES.get(id(auth))
    if cached is not None and cached[0] is auth:
        return cached[1]
    table: dict[str, list[tuple[str, int | None, int | None]]] = {}
    try:
        envoys = auth.entities("Envoy")
    except (AttributeError, ValueError):
        envoys = ()
    for e in envoys:
        for o in e.offices:
            head = re.split(r"\s+of\s+", o.title, maxsplit=1)[0] if " of " in o.title else ""
            if head:
                table.setdefault(head.lower(), []).append((o.state, o.start, o.end))
    _OFFICE_TABLES[id(auth)] = (auth, table)
    return table


_GENERIC_TITLES = frozenset(
    [
        *("minister", "president", "premier", "ambassador", "envoy", "consul", "representative"),
        *("spokesman", "spokesperson", "diplomat", "director", "general", "chairman"),
        *("secretary", "leader", "counterpart", "affaires", "state", "vice-president"),
    ]
)


def _office_state(table: dict, title: str | None, year: int | None, related) -> str | None:
    """The one state whose office of this title the authority data shows held in ``year``
    ("Federal Chancellor" in 1965: West Germany), else None."""
    if not title or year is None:
        return None
    words = title.lower().split()
    if words[-1] in _GENERIC_TITLES:
        return None  # "Minister", "President": every state has one
    for n in range(len(words)):
        rows = table.get(" ".join(words[n:]))
        if rows:
            ever = {sid for sid, _, _ in rows}
            states = {
                sid
                for sid, start, end in rows
                if start is not None and end is not None and start - 1 <= year <= end + 1
            }
            if len(states) != 1:
                return None
            sid = next(iter(states))
            # the title must name one state's office: held by no other state, or only by
            # the same state under another name (a predecessor or successor)
            if all(x == sid or related(x, sid) for x in ever):
                return sid
            return None
    return None


_TITLE_REF = re.compile(
    r"\b[Tt]he\s+(Prime\s+Minister|Premier|President|Chancellor|Foreign\s+Minister|[Kk]ing|"
    r"[Qq]ueen)\b"
    r"(?!\s+(?:of\b|[A-Z]))"
)
_SAME_TITLE = {"premier": "prime minister"}


def _title_key(title: str) -> str:
    t = re.sub(r"\s+", " ", title.lower())
    t = t.split()[-1] if t.split()[-1] in ("president", "chancellor") else t
    return _SAME_TITLE.get(t, t)


def _title_references(a: Analysis, mentions: list[Mention]) -> list[Mention]:
    """"In a statement, the Prime Minister said ...": a title without a name refers to the
    person the text last named with that title (Premier and Prime Minister are one)."""
    titled = [
        m
        for m in mentions
        if m.kind == "Envoy"
        and m.title
        and m.entity
        and m.entity.startswith("person/")
        # a former office holder is not "the Prime Minister" of the day
        and not (m.title_span and re.search(r"\b(?:former|ex-)\s*$",
                                            a.text[max(0, m.title_span.start - 8) :
                                                   m.title_span.start], re.I))
    ]
    if not titled:
        return mentions
    taken = [m.span for m in mentions if m.kind in ("Envoy", "State")]
    added = []
    for sent in a.sentences:
        for t in _TITLE_REF.finditer(a.text, sent.span.start, sent.span.end):
            span = Span(*t.span(1))
            if any(x.start < span.end and span.start < x.end for x in taken):
                continue
            key = _title_key(t.group(1))
            before = [m for m in titled if m.span.end <= span.start and _title_key(m.title) == key]
            if before:
                added.append(
                    Mention(span, "Envoy", t.group(1), title=t.group(1), entity=before[-1].entity)
                )
    if not added:
        return mentions
    return sorted([*mentions, *added], key=lambda x: (x.span.start, -x.span.end))


def _party(span: Span | None, mentions: list[Mention], auth, year, person, use,
           text: str = "") -> str | None:
    """The entity a heading names as author or recipient: a person, else a state (not a
    place in brackets: "MINISTER AVIDAR (MOSCOW)" writes from Moscow, not for it)."""
    if span is None:
        return None
    inside = [m for m in mentions if m.span in span
              and not (text[m.span.start - 1 : m.span.start] == "("
                       and text[m.span.end : m.span.end + 1] == ")")]
    for m in inside:
        if m.entity and m.entity.startswith("person/"):
            return m.entity
    for m in inside:
        if m.kind in ("State",) and m.entity and m.entity.startswith("state/"):
            return m.entity
    return None


STAGE = Stage(
    name="resolve",
    needs=("mentions", "documents", "sentences", "authority"),
    sets=("mentions", "documents", "entities"),
    run=run,
)
