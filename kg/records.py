"""Plain data the stages pass along.

Every record is a frozen dataclass; every piece of text a record points at is a
:class:`Span` of character offsets (Python string indices, i.e. Unicode code
points) into the source text exactly as read from its file.  No stage rewrites the
text, so an offset found by any stage is valid in the original.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Span:
    """A half-open range ``[start, end)`` of the source text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def of(self, text: str) -> str:
        """The words this span covers in ``text``."""
        return text[self.start : self.end]

    def __contains__(self, other: object) -> bool:
        return isinstance(other, Span) and self.start <= other.start and other.end <= self.end

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date at the precision the text gives it: a year, a month, or a day.

    >>> PartialDate(1953, 7).xsd()
    ('1953-07', 'gYearMonth')
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")

    def xsd(self) -> tuple[str, str]:
        """The lexical form and the XSD datatype's local name."""
        if self.month is None:
            return f"{self.year:04d}", "gYear"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}", "gYearMonth"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}", "date"

    def __str__(self) -> str:
        return self.xsd()[0]


@dataclass(frozen=True)
class SourceMeta:
    """What the manifest (``data/sources.yaml``) says of a source text, or what was detected."""

    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    date: PartialDate | None = None
    genre: str | None = None  # news | encyclopedia | collection | essay
    licence: str | None = None


@dataclass(frozen=True)
class Office:
    """An office a person held for a state, with years when known."""

    title: str
    state: str  # authority id of the state
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Entity:
    """A state, person (envoy) or place, from the authority data or found in a text.

    ``id`` is the slug used in the entity's IRI (``id:state/{id}`` and so on).
    ``evidence`` is set only for an entity found in a text and absent from the
    authority data: the span of the mention that introduced it.
    """

    id: str
    kind: str  # "State" | "Envoy" | "Place"
    label: str
    spellings: tuple[str, ...] = ()
    wikidata: str | None = None  # a Q-id such as "Q801"
    represents: str | None = None  # for an Envoy: authority id of the state
    offices: tuple[Office, ...] = ()
    successor_of: str | None = None  # for a State: the state it succeeded
    country: str | None = None  # for a Place: the state it lies in
    # for a Place whose state changed: (state id, last year in it), earliest first
    earlier: tuple[tuple[str, int], ...] = ()
    evidence: Span | None = None
    source: str | None = field(default=None, compare=False)  # source id of that evidence

    def country_in(self, year: int | None) -> str | None:
        """The state a place lay in that year: Kyiv in 1970 is in the Soviet Union."""
        if year is not None:
            for state, last in self.earlier:
                if year <= last:
                    return state
        return self.country


# -- records the conversion stages produce ---------------------------------------------

#: IRI path segment of each entity kind (``id:state/…``, ``id:person/…``, ``id:place/…``).
KIND_PATH = {"State": "state", "Envoy": "person", "Place": "place"}


def entity_key(entity: Entity) -> str:
    """The IRI path of an entity below ``id:`` (``state/israel``); acts refer to entities by it."""
    return f"{KIND_PATH.get(entity.kind, entity.kind.lower())}/{entity.id}"


@dataclass(frozen=True)
class Document:
    """A document: the whole source text (``n == 0``) or one inside a collection (``n >= 1``).

    Spans point into the top-level source text; ``author``/``recipient`` are entity keys
    set by the resolve stage from ``author_span``/``recipient_span``.
    """

    n: int
    kind: str  # a local name of kg.vocab.DOCUMENT_TYPES
    span: Span
    title: str | None = None
    date: PartialDate | None = None
    heading: Span | None = None
    date_span: Span | None = None
    body: Span | None = None
    author_span: Span | None = None
    recipient_span: Span | None = None
    author: str | None = None
    recipient: str | None = None
    number: str | None = None  # the collection's own numbering, e.g. "4.6"
    genre: str | None = None


@dataclass(frozen=True)
class Sentence:
    """A sentence of content (boilerplate never becomes a sentence)."""

    span: Span
    doc: int  # ``Document.n`` of the innermost document containing it
    paragraph: int  # index of its paragraph, for "previous sentence" context
    lead: bool = False  # the first content sentence of a top-level text


@dataclass(frozen=True)
class Mention:
    """A stretch of text naming a state, person, place, date, or a group ("the two countries").

    ``kind`` is "State", "Envoy", "Place", "Date", "Name" (a person name not yet known)
    or "Group".  ``surface`` is the part to look up (a person's name without the title).
    ``head`` is the noun that follows a state adjective ("Soviet *ambassador*").
    ``entity`` (an entity key) and ``sense`` ("government", "place", "modifier") are set by
    the resolve stage.
    """

    span: Span
    kind: str
    surface: str
    title: str | None = None
    title_span: Span | None = None
    adjective: str | None = None  # the state word in a person's title ("Soviet")
    of_state: str | None = None  # the words after "of" in a person's title ("of Egypt")
    head: str | None = None
    date: PartialDate | None = None
    explicit: bool = True  # a date given in full by the text, not completed from context
    entity: str | None = None
    sense: str | None = None
    group: tuple[str, ...] = ()  # for "Group": the entity keys it stands for


@dataclass(frozen=True)
class Act:
    """A diplomatic act found in the text, with the evidence a historian can check."""

    type: str  # a local name of kg.vocab.ACT_TYPES
    evidence: Span
    doc: int  # ``Document.n`` of the innermost document containing the evidence
    method: str
    confidence: float
    actors: tuple[str, ...] = ()
    counterparts: tuple[str, ...] = ()
    intermediaries: tuple[str, ...] = ()
    date: PartialDate | None = None
    place: str | None = None
    trigger: Span | None = None  # the words that carry the act, inside the evidence

    @property
    def participants(self) -> tuple[str, ...]:
        return self.actors + self.counterparts + self.intermediaries


@dataclass(frozen=True)
class Analysis:
    """What the stages know of one text so far; each stage returns a new one.

    ``authority`` is the authority data object (see kg.authority); stages only call its
    lookup methods.
    """

    text: str
    source_id: str
    meta: SourceMeta | None = None
    authority: object | None = field(default=None, compare=False, repr=False)
    genre: str | None = None
    title: str | None = None
    date: PartialDate | None = None
    content: tuple[Span, ...] = ()
    boilerplate: tuple[Span, ...] = ()
    # photo captions that tell of an event ("The photo above shows X receiving Y"): not
    # part of the running text, but read for acts
    captions: tuple[Span, ...] = ()
    # the place words of a news dateline ("JERUSALEM, Nov. 20, 1977 (JTA) —"), if any
    dateline: Span | None = None
    documents: tuple[Document, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    acts: tuple[Act, ...] = ()
    warnings: tuple[str, ...] = ()
