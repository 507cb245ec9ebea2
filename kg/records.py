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
    evidence: Span | None = None
    source: str | None = field(default=None, compare=False)  # source id of that evidence
