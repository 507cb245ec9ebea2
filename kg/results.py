"""Query results as text: the standard formats, and a table for people at a terminal."""

from __future__ import annotations

import pyoxigraph as ox

from kg.errors import InputError
from kg.store import QueryResult

RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


def term_text(term: object) -> str:
    """A term as a person reads it: an IRI bare, a literal by its value."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)


def render(result: QueryResult, fmt: str = "table") -> str:
    """``result`` in ``fmt``: ``table`` or a format of :data:`RESULT_FORMATS`/:data:`GRAPH_FORMATS`.

    >>> s = ox.Store()
    >>> s.add(ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://b"), ox.Literal("c")))
    >>> print(render(s.query("SELECT ?o WHERE { ?s ?p ?o }")), end="")
    o
    -
    c
    (1 row)
    """
    if isinstance(result, ox.QueryBoolean):
        if fmt in RESULT_FORMATS:
            return result.serialize(format=RESULT_FORMATS[fmt]).decode()
        return ("true" if bool(result) else "false") + "\n"
    if not isinstance(result, ox.QuerySolutions):  # CONSTRUCT or DESCRIBE, local or remote
        graph_fmt = GRAPH_FORMATS.get("turtle" if fmt == "table" else fmt)
        if graph_fmt is None:
            raise InputError(f"a CONSTRUCT or DESCRIBE result cannot be written as {fmt}")
        return ox.serialize(list(result), format=graph_fmt).decode()
    if fmt in RESULT_FORMATS:
        return result.serialize(format=RESULT_FORMATS[fmt]).decode()
    if fmt != "table":
        raise InputError(f"a SELECT result cannot be written as {fmt}")
    names = [v.value for v in result.variables]
    rows = [[term_text(sol[n]) for n in names] for sol in result]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
