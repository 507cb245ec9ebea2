"""The W3C SPARQL 1.1 query evaluation tests through the project's store layer.

Each ``mf:QueryEvaluationTest`` of the manifests ``manifest-sparql11-query.ttl``
includes runs twice, loaded the same way (``qt:data`` into the default graph,
``qt:graphData`` into a named graph called by the file's IRI):

* through pyoxigraph alone (a plain ``pyoxigraph.Store``, no query options but the
  base IRI), the engine underneath; a test it fails is skipped with its reason;
* through :class:`kg.store.Store` with reasoning off (``union_default_graph=False``,
  no inferred graph), which must then pass too: the layer may not change SPARQL's
  meaning (its default-graph policy, ``FROM``/``FROM NAMED`` handling, named graphs).

Then small handmade cases check that the layer keeps that meaning when the store
also holds an ontology graph and an inferred graph, under both default-graph policies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from w3c_support import (
    MF,
    QT,
    SPARQL11,
    Results,
    describe,
    expected_results,
    file_path,
    from_result,
    members,
    results_match,
    rows_equal,
)

from kg.reason import reason_store
from kg.store import Store, rdf_format
from kg.vocab import GRAPH_INFERRED, GRAPH_ONTOLOGY

MANIFEST = SPARQL11 / "manifest-sparql11-query.ttl"


@dataclass(frozen=True)
class EvaluationTest:
    id: str
    query: Path
    data: tuple[Path, ...]
    graph_data: tuple[Path, ...]
    result: Path


def _collect() -> list[EvaluationTest]:
    if not MANIFEST.exists():
        return []
    top = rdflib.Graph().parse(MANIFEST)
    tests = []
    for include in top.objects(None, MF.include):
        for manifest_iri in members(top, include):
            path = file_path(manifest_iri)
            m = rdflib.Graph().parse(path)
            for entries in m.objects(None, MF.entries):
                for test in members(m, entries):
                    if (test, rdflib.RDF.type, MF.QueryEvaluationTest) not in m:
                        continue
                    action = m.value(test, MF.action)
                    tests.append(EvaluationTest(
                        id=f"{path.parent.name}/{str(test).rsplit('#', 1)[-1]}",
                        query=file_path(m.value(action, QT.query)),
                        data=tuple(file_path(d) for d in m.objects(action, QT.data)),
                        graph_data=tuple(file_path(d) for d in m.objects(action, QT.graphData)),
                        result=file_path(m.value(test, MF.result)),
                    ))
    return sorted(tests, key=lambda t: t.id)


TESTS = _collect()
_TOP_LEVEL_ORDER = re.compile(r"\border\s+by\b", re.IGNORECASE)


def ordered(query: str) -> bool:
    """Whether the query orders its solutions (ORDER BY after the last closing brace)."""
    return bool(_TOP_LEVEL_ORDER.search(query.rsplit("}", 1)[-1]))


def _load(test: EvaluationTest, load) -> None:
    """Call ``load(bytes, format, graph, base)`` for the test's data as the suite means it."""
    for path in test.data:
        load(path.read_bytes(), rdf_format(path), None, path.as_uri())
    for path in test.graph_data:
        load(path.read_bytes(), rdf_format(path), path.as_uri(), path.as_uri())


def run_pyoxigraph(test: EvaluationTest, query: str) -> Results:
    store = ox.Store()

    def load(data: bytes, fmt: ox.RdfFormat, graph: str | None, base: str) -> None:
        store.load(data, format=fmt, to_graph=ox.NamedNode(graph) if graph else None,
                   base_iri=base)

    _load(test, load)
    return from_result(store.query(query, base_iri=test.query.as_uri()))


def run_layer(test: EvaluationTest, query: str) -> Results:
    store = Store(union_default_graph=False)

    def load(data: bytes, fmt: ox.RdfFormat, graph: str | None, base: str) -> None:
        store.load_bytes(data, format=fmt, graph=graph, base_iri=base)

    _load(test, load)
    assert not store.has_inferred()
    return from_result(store.query(query, infer=False, base_iri=test.query.as_uri()))


def test_the_suite_is_there() -> None:
    if not MANIFEST.exists():
        pytest.skip(f"the W3C SPARQL 1.1 tests are not at {SPARQL11}")
    assert len(TESTS) > 200
    assert len({t.id for t in TESTS}) == len(TESTS)


@pytest.mark.parametrize("test", TESTS, ids=[t.id for t in TESTS])
def test_query_evaluation(test: EvaluationTest) -> None:
    query = test.query.read_text("utf-8")
    expected = expected_results(test.result)
    is_ordered = ordered(query)
    try:
        alone = run_pyoxigraph(test, query)
    except (SyntaxError, ValueError, OSError, RuntimeError) as exc:
        pytest.skip(f"pyoxigraph alone fails: {type(exc).__name__}: {exc}")
    if not results_match(expected, alone, ordered=is_ordered):
        pytest.skip(f"pyoxigraph alone fails: expected {describe(expected, 3)}, "
                    f"got {describe(alone, 3)}")
    ours = run_layer(test, query)
    assert results_match(expected, ours, ordered=is_ordered), (
        f"expected {describe(expected)}\n got {describe(ours)}")


def test_the_comparison_itself() -> None:
    """Blank nodes match up to a bijection, numbers by value, order only when asked."""
    a, b, c = ox.BlankNode("a"), ox.BlankNode("b"), ox.BlankNode("c")
    one = ox.Literal("1.0E0", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#double"))
    uno = ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#double"))
    x = ox.NamedNode("http://e/x")

    def rows(*pairs: tuple) -> tuple:
        return tuple(frozenset(p.items()) for p in pairs)

    assert rows_equal(rows({"s": a, "o": one}, {"s": a, "o": x}),
                      rows({"s": c, "o": x}, {"s": c, "o": uno}), ordered=False)
    assert not rows_equal(rows({"s": a}, {"s": a}), rows({"s": b}, {"s": c}), ordered=False)
    assert not rows_equal(rows({"s": a}, {"s": b}), rows({"s": c}, {"s": c}), ordered=False)
    assert not rows_equal(rows({"s": x}, {"o": x}), rows({"o": x}, {"s": x}), ordered=True)
    assert rows_equal(rows({"s": x}, {"o": x}), rows({"o": x}, {"s": x}), ordered=False)
    assert not rows_equal(rows({"s": x}), rows({"s": x}, {"s": x}), ordered=False)


def test_ordered_detection() -> None:
    assert ordered("SELECT * { ?s ?p ?o } ORDER BY ?s")
    assert not ordered("SELECT * { { SELECT ?s { ?s ?p ?o } ORDER BY ?s LIMIT 1 } }")


# -- the layer with an ontology graph and an inferred graph -----------------------------
EX = "http://example.org/"
DATA = f"""
<{EX}x> a <{EX}A> .
<{EX}x> <{EX}name> "x" .
""".encode()
ONTOLOGY = f"<{EX}A> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <{EX}B> .".encode()
OTHER = f"<{EX}y> a <{EX}A> .".encode()
ONTO, INF, OTHER_G = str(GRAPH_ONTOLOGY), str(GRAPH_INFERRED), f"{EX}graph/other"


@pytest.fixture(params=[False, True], ids=["files", "union"])
def layered(request: pytest.FixtureRequest) -> Store:
    """Data in the default graph, the ontology and another graph named, then reasoned."""
    store = Store(union_default_graph=request.param)
    store.load_bytes(DATA, format=ox.RdfFormat.TURTLE)
    store.load_bytes(ONTOLOGY, format=ox.RdfFormat.N_TRIPLES, graph=ONTO)
    store.load_bytes(OTHER, format=ox.RdfFormat.TURTLE, graph=OTHER_G)
    closure = reason_store(store)
    assert store.has_inferred() and len(closure.inferred) > 0
    return store


def _values(result: ox.QuerySolutions, var: str = "x") -> set[str]:
    return {row[var].value for row in result if row[var] is not None}


def _ask(store: Store, query: str, **kw) -> bool:
    return bool(store.query(query, **kw))


def test_layer_default_graph(layered: Store) -> None:
    b = f"SELECT ?x {{ ?x a <{EX}B> }}"
    a = f"SELECT ?x {{ ?x a <{EX}A> }}"
    if layered.union_default_graph:
        # Every asserted graph is in the default graph; the closure only with reasoning.
        assert _values(layered.query(a, infer=False)) == {EX + "x", EX + "y"}
        assert _values(layered.query(b, infer=False)) == set()
        assert _values(layered.query(b)) == {EX + "x", EX + "y"}
    else:
        # Files served as they are: their default graph, plus the closure when reasoning.
        assert _values(layered.query(a, infer=False)) == {EX + "x"}
        assert _values(layered.query(b, infer=False)) == set()
        # the closure was computed over every graph, so y (in a named graph) is a B too
        assert _values(layered.query(b)) == {EX + "x", EX + "y"}
        assert not _ask(layered, f"ASK {{ <{EX}A> ?p <{EX}B> }}")  # ontology stays named


def test_layer_graph_variable(layered: Store) -> None:
    q = "SELECT DISTINCT ?x { GRAPH ?x { ?s ?p ?o } }"
    assert _values(layered.query(q, infer=False)) == {ONTO, OTHER_G}
    assert _values(layered.query(q)) == {ONTO, OTHER_G, INF}
    # a named graph's content is its own, with or without reasoning
    q = f"SELECT ?x {{ GRAPH <{OTHER_G}> {{ ?x a ?c }} }}"
    assert _values(layered.query(q)) == _values(layered.query(q, infer=False)) == {EX + "y"}


def test_layer_from_and_from_named_stand_as_written(layered: Store) -> None:
    for infer in (True, False):
        # FROM: the default graph is exactly the graphs named, no closure added.
        q = f"SELECT ?x FROM <{OTHER_G}> {{ ?x a ?c }}"
        assert _values(layered.query(q, infer=infer)) == {EX + "y"}
        q = f"SELECT ?x FROM <{OTHER_G}> {{ ?x a <{EX}B> }}"
        assert _values(layered.query(q, infer=infer)) == set()
        q = f"SELECT ?x FROM <{OTHER_G}> FROM <{INF}> {{ ?x a <{EX}B> }}"
        assert _values(layered.query(q, infer=infer)) == {EX + "x", EX + "y"}
        # FROM NAMED alone: those named graphs, and an empty default graph.
        q = f"SELECT ?x FROM NAMED <{ONTO}> {{ GRAPH ?x {{ ?s ?p ?o }} }}"
        assert _values(layered.query(q, infer=infer)) == {ONTO}
        assert not _ask(layered, f"ASK FROM NAMED <{ONTO}> {{ ?s ?p ?o }}", infer=infer)


def test_layer_protocol_dataset_overrides_the_query(layered: Store) -> None:
    q = f"SELECT ?x FROM <{OTHER_G}> {{ ?x a <{EX}B> }}"
    assert _values(layered.query(q)) == set()
    got = layered.query(q, default_graph_uris=[INF])
    assert _values(got) == {EX + "x", EX + "y"}  # the inferred graph: both are B
    q = "SELECT ?x { GRAPH ?x { ?s ?p ?o } }"
    assert _values(layered.query(q, named_graph_uris=[OTHER_G])) == {OTHER_G}
