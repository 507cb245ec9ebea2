"""Helpers for tests that hold the project to suites written elsewhere.

* Reading W3C test manifests and comparing SPARQL results the way the suites mean
  them: solutions as multisets of rows (as lists when the query orders them), blank
  nodes up to renaming, ASK as a boolean, CONSTRUCT/DESCRIBE graphs up to
  isomorphism.  Expected results may be SPARQL XML/JSON/TSV/CSV files or RDF (an
  ``rs:ResultSet`` or a plain graph).
* Starting the real ``kg serve --dataset FILE...`` as a user would, in its own
  process group, and stopping the whole group.
"""

from __future__ import annotations

import csv
import io
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import unquote, urlparse

import pyoxigraph as ox
import rdflib
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from servers import ServerProcess, launch

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SPARQL11 = SHARED / "conformance" / "sparql11"
LUBM = SHARED / "bench" / "lubm"

MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
RS = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/result-set#")
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Row = frozenset[tuple[str, Term]]

_RDF_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
}


def file_path(node: rdflib.term.Node) -> Path:
    """The local path of a ``file:`` IRI from a parsed manifest."""
    return Path(unquote(urlparse(str(node)).path))


def members(graph: rdflib.Graph, node: rdflib.term.Node) -> list[rdflib.term.Node]:
    """An RDF list's members, or the node itself when it is not a list."""
    if (node, rdflib.RDF.first, None) in graph or node == rdflib.RDF.nil:
        return list(Collection(graph, node))
    return [node]


def parse_rdf(path: Path) -> list[ox.Triple]:
    """A test's RDF file as pyoxigraph triples (its own IRI as base)."""
    fmt = _RDF_FORMATS[path.suffix.lower()]
    return [
        ox.Triple(q.subject, q.predicate, q.object)
        for q in ox.parse(path.read_bytes(), format=fmt, base_iri=path.as_uri())
    ]


# -- expected results ------------------------------------------------------------------
@dataclass(frozen=True)
class Results:
    """A query's outcome in one comparable shape.

    ``kind`` is ``boolean``, ``solutions`` or ``graph``; ``lexical`` marks a CSV
    reference (terms as plain strings, blank nodes as ``_:label``).
    """

    kind: str
    boolean: bool | None = None
    rows: tuple[Row, ...] = ()
    triples: tuple[ox.Triple, ...] = ()
    lexical: bool = False


def _row(solution: ox.QuerySolution, names: Sequence[str]) -> Row:
    return frozenset((n, solution[n]) for n in names if solution[n] is not None)


def from_result(result: object) -> Results:
    """A pyoxigraph query result (or parsed results file) as :class:`Results`."""
    if isinstance(result, ox.QueryBoolean):
        return Results("boolean", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        return Results("solutions", rows=tuple(_row(s, names) for s in result))
    if isinstance(result, ox.QueryTriples):
        return Results("graph", triples=tuple(result))
    raise TypeError(f"not a query result: {type(result).__name__}")


def _csv_results(path: Path) -> Results:
    with path.open(newline="", encoding="utf-8") as f:
        lines = list(csv.reader(f))
    names, data = lines[0], lines[1:]
    rows = tuple(
        frozenset((n, ox.Literal(v)) for n, v in zip(names, line, strict=True) if v != "")
        for line in data
    )
    return Results("solutions", rows=rows, lexical=True)


def _rdf_result_set(graph: rdflib.Graph) -> Results | None:
    rs = graph.value(None, rdflib.RDF.type, RS.ResultSet, any=True)
    if rs is None:
        return None
    boolean = graph.value(rs, RS.boolean)
    if boolean is not None:
        return Results("boolean", boolean=bool(boolean.toPython()))
    from kg.reason import _from_rdflib_term

    rows = []
    for solution in graph.objects(rs, RS.solution):
        row = set()
        for binding in graph.objects(solution, RS.binding):
            name = str(graph.value(binding, RS.variable))
            row.add((name, _from_rdflib_term(graph.value(binding, RS.value))))
        rows.append(frozenset(row))
    return Results("solutions", rows=tuple(rows))


def expected_results(path: Path) -> Results:
    """The reference outcome in a test's result file."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _csv_results(path)
    if suffix in (".srx", ".srj", ".tsv"):
        fmt = {".srx": ox.QueryResultsFormat.XML, ".srj": ox.QueryResultsFormat.JSON,
               ".tsv": ox.QueryResultsFormat.TSV}[suffix]
        return from_result(ox.parse_query_results(path.read_bytes(), fmt))
    triples = parse_rdf(path)
    graph = rdflib.Graph()
    graph.parse(path, format="turtle" if suffix == ".ttl" else "xml", publicID=path.as_uri())
    as_set = _rdf_result_set(graph)
    return as_set if as_set is not None else Results("graph", triples=tuple(triples))


# -- comparison ------------------------------------------------------------------------
_XSD = "http://www.w3.org/2001/XMLSchema#"
_FLOATS = {_XSD + "double", _XSD + "float"}
_INTEGERS = {_XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort",
    "unsignedByte")}


def canonical(term: Term) -> Term:
    """A numeric or boolean literal in one lexical form per value (``"2.0E-1"`` and
    ``"0.2"`` doubles are one number, ``"0"`` and ``"false"`` one boolean; the suites'
    results write either); other terms unchanged."""
    if not isinstance(term, ox.Literal):
        return term
    dt = term.datatype.value
    try:
        if dt in _FLOATS:
            lexical = repr(float(term.value))
        elif dt == _XSD + "decimal":
            lexical = f"{Decimal(term.value).normalize():f}"
        elif dt in _INTEGERS:
            lexical = str(int(term.value))
        elif dt == _XSD + "boolean" and term.value in ("0", "1", "true", "false"):
            lexical = "true" if term.value in ("1", "true") else "false"
        else:
            return term
    except (ValueError, ArithmeticError):
        return term
    return ox.Literal(lexical, datatype=term.datatype)


def _canonical_rows(rows: Sequence[Row]) -> list[Row]:
    return [frozenset((n, canonical(t)) for n, t in r) for r in rows]


def _lexical(term: Term) -> Term:
    """A term as the CSV results format writes it (a string)."""
    if isinstance(term, ox.BlankNode):
        return ox.Literal("_:" + term.value)
    return ox.Literal(term.value)


def _shape(row: Row) -> frozenset[tuple[str, Term | None]]:
    return frozenset((n, None if isinstance(t, ox.BlankNode) else t) for n, t in row)


def _extend(mapping: dict[Term, Term], back: dict[Term, Term], a: Row, b: Row
            ) -> list[tuple[Term, Term]] | None:
    """Bind a's blank nodes to b's so that the rows are equal; the new pairs, or None."""
    da, db = dict(a), dict(b)
    if da.keys() != db.keys():
        return None
    added: list[tuple[Term, Term]] = []
    for name, x in da.items():
        y = db[name]
        if isinstance(x, ox.BlankNode) and isinstance(y, ox.BlankNode):
            if x in mapping or y in back:
                if mapping.get(x) != y or back.get(y) != x:
                    for k, v in added:
                        del mapping[k], back[v]
                    return None
                continue
            mapping[x], back[y] = y, x
            added.append((x, y))
        elif x != y:
            for k, v in added:
                del mapping[k], back[v]
            return None
    return added


def rows_equal(expected: Sequence[Row], actual: Sequence[Row], *, ordered: bool) -> bool:
    """Equal as multisets (lists when ``ordered``), blank nodes up to a bijective renaming,
    numbers by value within their datatype."""
    expected, actual = _canonical_rows(expected), _canonical_rows(actual)
    if len(expected) != len(actual):
        return False
    if Counter(map(_shape, expected)) != Counter(map(_shape, actual)):
        return False
    has_bnodes = any(isinstance(t, ox.BlankNode) for r in (*expected, *actual) for _, t in r)
    if not has_bnodes and not ordered:
        return Counter(expected) == Counter(actual)
    mapping: dict[Term, Term] = {}
    back: dict[Term, Term] = {}
    if ordered:
        return all(_extend(mapping, back, a, b) is not None
                   for a, b in zip(expected, actual, strict=True))
    used = [False] * len(actual)

    def search(i: int) -> bool:
        if i == len(expected):
            return True
        for j, b in enumerate(actual):
            if used[j] or _shape(b) != _shape(expected[i]):
                continue
            added = _extend(mapping, back, expected[i], b)
            if added is None:
                continue
            used[j] = True
            if search(i + 1):
                return True
            used[j] = False
            for k, v in added:
                del mapping[k], back[v]
        return False

    return search(0)


def graphs_isomorphic(a: Iterable[ox.Triple], b: Iterable[ox.Triple]) -> bool:
    from kg.reason import to_rdflib

    ga = to_rdflib((t.subject, t.predicate, t.object) for t in a)
    gb = to_rdflib((t.subject, t.predicate, t.object) for t in b)
    return isomorphic(ga, gb)


def results_match(expected: Results, actual: Results, *, ordered: bool = False) -> bool:
    """Whether ``actual`` is the outcome ``expected`` describes."""
    if expected.kind != actual.kind:
        return False
    if expected.kind == "boolean":
        return expected.boolean == actual.boolean
    if expected.kind == "graph":
        return graphs_isomorphic(expected.triples, actual.triples)
    rows = actual.rows
    if expected.lexical:
        rows = tuple(frozenset((n, _lexical(t)) for n, t in r) for r in rows)
    return rows_equal(expected.rows, rows, ordered=ordered)


def describe(results: Results, limit: int = 8) -> str:
    """A short text of a result for assertion messages."""
    if results.kind == "boolean":
        return str(results.boolean)
    if results.kind == "graph":
        return f"{len(results.triples)} triples: " + " ".join(
            str(t) for t in results.triples[:limit])
    shown = [
        "{" + ", ".join(f"?{n}={t}" for n, t in sorted(r, key=lambda x: x[0])) + "}"
        for r in results.rows[:limit]
    ]
    return f"{len(results.rows)} rows: " + " ".join(shown)


def json_results(body: bytes) -> Results:
    """A SPARQL JSON results body (from the endpoint) as :class:`Results`."""
    return from_result(ox.parse_query_results(io.BytesIO(body), ox.QueryResultsFormat.JSON))


# -- the real server -------------------------------------------------------------------
KgServer = ServerProcess  # a running ``kg serve``


def start_kg_serve(datasets: Sequence[Path], log_path: Path, *, timeout: float = 120.0,
                   extra: Sequence[str] = ()) -> KgServer:
    """``kg serve --port P --dataset FILE...`` on 127.0.0.1; returns once /sparql answers.

    Raises RuntimeError with the server's log if it exits or does not answer in time.
    """
    return launch(
        lambda port: [sys.executable, "-m", "kg.cli", "serve", "--host", "127.0.0.1",
                      "--port", str(port), *extra, "--dataset", *map(str, datasets)],
        log_path,
        timeout=timeout,
    )
