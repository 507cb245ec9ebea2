"""Content negotiation shared by every route.

A client picks a representation with the ``Accept`` header (q-values and
wildcards, RFC 9110 section 12.5.1) or, for browsers and tools that cannot set
headers, a ``format`` parameter that wins over ``Accept``.  Each route offers a
list of media types in its own order of preference; the first one wins a tie.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.errors import NotAcceptable

# Canonical media types, by the short names the query workers understand.
RESULT_TYPES: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES: dict[str, str] = {
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "trig": "application/trig",
    "nq": "application/n-quads",
}
HTML = "text/html"

# Media types clients send that mean one of the canonical ones.
ALIASES: dict[str, str] = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "application/x-turtle": "text/turtle",
    "text/n3": "text/turtle",  # Turtle is a subset of N3, so Turtle is valid N3
    "text/rdf+n3": "text/turtle",
    "text/plain": "application/n-triples",  # the pre-2014 N-Triples media type
    "application/x-trig": "application/trig",
    "text/x-nquads": "application/n-quads",
    "application/json-ld": "application/ld+json",
}

# The ``format`` parameter: one name may mean a results format or an RDF format.
FORMAT_PARAM: dict[str, str] = {
    "json": "application/sparql-results+json",
    "srj": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "srx": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "n3": "text/turtle",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "n-triples": "application/n-triples",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "rdf": "application/rdf+xml",
    "rdf+xml": "application/rdf+xml",
    "trig": "application/trig",
    "nq": "application/n-quads",
    "nquads": "application/n-quads",
    "n-quads": "application/n-quads",
    "html": HTML,
}
# Where a graph is served, ``json`` and ``xml`` mean their RDF counterparts.
_GRAPH_READING = {
    "application/sparql-results+json": "application/ld+json",
    "application/sparql-results+xml": "application/rdf+xml",
}


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float

    def matches(self, media_type: str) -> int:
        """Specificity of the match (3 exact, 2 ``type/*``, 1 ``*/*``), 0 for none."""
        t, _, s = media_type.partition("/")
        if self.type == "*" and self.subtype == "*":
            return 1
        if self.type == t and self.subtype == "*":
            return 2
        if self.type == t and self.subtype == s:
            return 3
        return 0


def parse_accept(header: str | None, *, graph: bool = False) -> list[MediaRange]:
    """The media ranges of an Accept header; aliases mapped to canonical types.

    With ``graph`` (an RDF graph is being served), JSON and XML mean JSON-LD and
    RDF/XML.
    """
    ranges: list[MediaRange] = []
    for part in (header or "").split(","):
        fields = [f.strip() for f in part.split(";")]
        mtype = fields[0].lower()
        if "/" not in mtype:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        mtype = ALIASES.get(mtype, mtype)
        if graph:
            mtype = _GRAPH_READING.get(mtype, mtype)
        t, _, s = mtype.partition("/")
        ranges.append(MediaRange(t, s, q))
    return ranges


def best_match(
    accept_header: str | None, offered: list[str], *, graph: bool = False
) -> str | None:
    """The offered media type the client prefers most, or None if it accepts none.

    An absent or empty Accept header accepts anything (the first offer wins).
    For each offer the most specific matching range gives its q-value; q=0
    excludes it.  Ties go to the earlier offer.
    """
    if not offered:
        return None
    ranges = parse_accept(accept_header, graph=graph)
    if not ranges:
        return offered[0]
    best: tuple[float, str] | None = None
    for media_type in offered:
        specificity, q = 0, 0.0
        for r in ranges:
            m = r.matches(media_type)
            if m > specificity or (m == specificity and m and r.q > q):
                specificity, q = m, r.q
        if specificity and q > 0 and (best is None or q > best[0]):
            best = (q, media_type)
    return best[1] if best else None


def from_format_param(value: str, offered: list[str], *, graph: bool = False) -> str:
    """The media type a ``format`` parameter names (a short name or a media type)."""
    v = value.strip().lower()
    media_type = FORMAT_PARAM.get(v) or ALIASES.get(v, v)
    if graph:
        media_type = _GRAPH_READING.get(media_type, media_type)
    if media_type not in offered:
        raise NotAcceptable(
            f"format={value!r} is not available here; use one of: {', '.join(offered)}"
        )
    return media_type


def negotiate(
    accept_header: str | None,
    offered: list[str],
    *,
    format_param: str | None = None,
    graph: bool = False,
) -> str:
    """The media type to serve: ``format`` first, then Accept; 406 when nothing fits."""
    if format_param:
        return from_format_param(format_param, offered, graph=graph)
    chosen = best_match(accept_header, offered, graph=graph)
    if chosen is None:
        raise NotAcceptable(
            f"cannot serve any of {accept_header!r}; available: {', '.join(offered)}"
        )
    return chosen


def short_name(media_type: str) -> str:
    """The worker's short name of a canonical media type (``json``, ``turtle``...)."""
    for table in (RESULT_TYPES, GRAPH_TYPES):
        for name, mt in table.items():
            if mt == media_type:
                return name
    raise KeyError(media_type)


def content_type(media_type: str) -> str:
    """The Content-Type header for a media type: text types say they are UTF-8."""
    textual = media_type.startswith("text/") or media_type in (
        "application/n-triples",
        "application/n-quads",
        "application/trig",
    )
    return f"{media_type}; charset=utf-8" if textual else media_type
