"""The same queries on rdflib and on kg.store.Store (pyoxigraph) give the same answers.

The endpoint and ``kg query`` run on pyoxigraph because it is much faster
(benchmarks/results/http.json); rdflib stays for building, parsing and the
ontology.  This test is what makes that choice safe: over one generated dataset
shaped as ontology/README.md says (about 5k triples, one named graph per
source), a dozen queries covering lookups, joins with date filters, OPTIONAL,
aggregates, property paths, DESCRIBE/CONSTRUCT, FILTER(CONTAINS), GRAPH and
ORDER BY must agree: SELECT as multisets of rows (ordered lists where the
query orders totally), ASK as booleans, graphs as isomorphic graphs.
"""

from __future__ import annotations

import contextlib
import importlib.util
import sys
import warnings
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from kg.store import Store

ROOT = Path(__file__).resolve().parents[1]
ID = "https://w3id.org/dipkg/id/"
P = (
    "PREFIX dip: <https://w3id.org/dipkg/ontology#>\n"
    "PREFIX id: <https://w3id.org/dipkg/id/>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
    "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
    "PREFIX dcterms: <http://purl.org/dc/terms/>\n"
    "PREFIX oa: <http://www.w3.org/ns/oa#>\n"
)


@contextlib.contextmanager
def _rdflib_dataset_deprecations() -> Iterator[None]:
    """rdflib 7.6 warns about its own internal use of deprecated Dataset members.

    Only those warnings are silenced, and only around calls into rdflib's Dataset.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning,
                                message=r"(Dataset|ConjunctiveGraph)\.\w+ is deprecated")
        yield


def _generator():  # benchmarks/ is not a package; load the module from its file
    name = "dipkg_bench_generate"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "generate.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="module")
def nquads() -> str:
    gen = _generator()
    authority_dir = ROOT / "data" / "authority"
    authority = gen.load_authority(authority_dir) if authority_dir.is_dir() else None
    return "".join(gen.generate_nquads(5_000, seed=7, authority=authority))


@pytest.fixture(scope="module")
def engines(nquads: str) -> tuple[rdflib.Dataset, Store]:
    ds = rdflib.Dataset(default_union=True)
    with _rdflib_dataset_deprecations():
        ds.parse(data=nquads, format="nquads")
    store = Store(union_default_graph=True)
    store.load_bytes(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    assert len(store) == sum(1 for _ in ds.quads((None, None, None, None))) > 4_000
    return ds, store


def _some(store: Store, sparql: str) -> str:
    """An IRI from the data, so lookups hit something whatever the generator picked."""
    row = next(iter(store.query(sparql)))
    return row[0].value


SELECTS: dict[str, str] = {
    "lookup": "SELECT ?p ?o WHERE { <{act}> ?p ?o }",
    "join_date_filter": (
        "SELECT ?act ?name ?date WHERE { ?act dip:actor ?a ; dip:date ?date . "
        "?a rdfs:label ?name FILTER(?date >= '1950-01-01'^^xsd:date "
        "&& ?date < '1970-01-01'^^xsd:date) }"),
    "optional": (
        "SELECT ?act ?place ?via WHERE { ?act dip:actor ?x "
        "OPTIONAL { ?act dip:place ?place } OPTIONAL { ?act dip:intermediary ?via } }"),
    "aggregate": (
        "SELECT ?type (COUNT(?act) AS ?n) (MIN(?d) AS ?first) (MAX(?d) AS ?last) "
        "WHERE { ?act a ?type ; dip:actor ?x ; dip:date ?d "
        "FILTER(DATATYPE(?d) = xsd:date) } GROUP BY ?type"),
    "aggregate_having": (
        "SELECT ?a (COUNT(DISTINCT ?c) AS ?partners) WHERE { ?act dip:actor ?a ; "
        "dip:counterpart ?c } GROUP BY ?a HAVING (COUNT(DISTINCT ?c) > 1)"),
    "path_sequence": (
        "SELECT ?act ?title WHERE { ?act dip:recordedIn/dcterms:title ?title }"),
    "path_alternative_plus": (
        "SELECT ?s ?name WHERE { ?s dip:successorOf+ ?o . ?o rdfs:label|skos:altLabel ?name }"),
    "filter_contains": (
        "SELECT ?q ?exact WHERE { ?q oa:exact ?exact "
        "FILTER(CONTAINS(LCASE(?exact), 'relations')) }"),
    "graph": (
        "SELECT ?g (COUNT(?act) AS ?n) WHERE { GRAPH ?g { ?act dip:actor ?x } } GROUP BY ?g"),
    "graph_fixed": (
        "SELECT ?s ?name WHERE { GRAPH <https://w3id.org/dipkg/id/graph/authority> "
        "{ ?s a dip:State ; rdfs:label ?name } }"),
    "not_exists_union": (
        "SELECT ?x WHERE { { ?x a dip:Envoy } UNION { ?x a dip:State } "
        "FILTER NOT EXISTS { ?x dip:represents ?any } }"),
}
ORDERED: dict[str, str] = {
    "order_by_limit": (
        "SELECT ?act ?date WHERE { ?act dip:date ?date FILTER(DATATYPE(?date) = xsd:date) } "
        "ORDER BY DESC(?date) ?act LIMIT 25"),
}
GRAPHS: dict[str, str] = {
    "describe": "DESCRIBE <{act}>",
    "construct": (
        "CONSTRUCT { ?a dip:dealtWith ?c . ?act dip:when ?d } WHERE { ?act dip:actor ?a ; "
        "dip:counterpart ?c ; dip:date ?d "
        "FILTER(DATATYPE(?d) = xsd:date && YEAR(?d) < 1960) }"),
}
ASKS: dict[str, tuple[str, bool]] = {
    "ask_true": ("ASK { ?s dip:successorOf ?o }", True),
    "ask_false": ("ASK { ?s dip:successorOf ?s }", False),
}


def _fill(engines: tuple[rdflib.Dataset, Store], template: str) -> str:
    act = _some(engines[1], P + "SELECT ?a WHERE { ?a dip:place ?p } ORDER BY ?a LIMIT 1")
    return P + template.replace("{act}", act)


def _rdflib_rows(ds: rdflib.Dataset, sparql: str) -> list[tuple[str | None, ...]]:
    with _rdflib_dataset_deprecations():
        result = ds.query(sparql)
        return [tuple(None if v is None else str(v) for v in row) for row in result]


def _ox_rows(store: Store, sparql: str) -> list[tuple[str | None, ...]]:
    result = store.query(sparql)
    names = [v.value for v in result.variables]
    return [tuple(None if s[n] is None else s[n].value for n in names) for s in result]


@pytest.mark.parametrize("name", sorted(SELECTS))
def test_select_agrees(engines: tuple[rdflib.Dataset, Store], name: str) -> None:
    sparql = _fill(engines, SELECTS[name])
    expected = _rdflib_rows(engines[0], sparql)
    got = _ox_rows(engines[1], sparql)
    assert expected, f"{name} finds nothing in the generated data; the test would be empty"
    assert Counter(got) == Counter(expected)


@pytest.mark.parametrize("name", sorted(ORDERED))
def test_ordered_select_agrees(engines: tuple[rdflib.Dataset, Store], name: str) -> None:
    sparql = _fill(engines, ORDERED[name])
    expected = _rdflib_rows(engines[0], sparql)
    assert len(expected) == 25
    assert _ox_rows(engines[1], sparql) == expected


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_graph_results_are_isomorphic(engines: tuple[rdflib.Dataset, Store], name: str) -> None:
    sparql = _fill(engines, GRAPHS[name])
    expected = rdflib.Graph()
    with _rdflib_dataset_deprecations():
        for triple in engines[0].query(sparql):
            expected.add(triple)
    got = rdflib.Graph().parse(
        data=engines[1].query(sparql).serialize(format=ox.RdfFormat.N_TRIPLES),
        format="nt")
    assert len(expected) > 0
    assert isomorphic(got, expected), (len(got), len(expected))


@pytest.mark.parametrize("name", sorted(ASKS))
def test_ask_agrees(engines: tuple[rdflib.Dataset, Store], name: str) -> None:
    sparql, answer = ASKS[name]
    sparql = P + sparql
    with _rdflib_dataset_deprecations():
        assert bool(engines[0].query(sparql).askAnswer) is answer
    assert bool(engines[1].query(sparql)) is answer


def test_in_memory_worker_store_answers_as_the_disk_store(
    nquads: str, tmp_path: Path
) -> None:
    """Query workers copy small stores into memory; the copy must answer the same."""
    import gc

    from endpoint.executor import open_worker_store

    disk = Store(tmp_path / "store")
    disk.load_bytes(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    disk.flush()
    del disk
    gc.collect()
    on_disk = open_worker_store(str(tmp_path / "store"), True, 0)
    in_memory = open_worker_store(str(tmp_path / "store"), True, 10_000_000)
    assert in_memory.in_memory.wait(30)
    assert not on_disk.in_memory.is_set()
    assert on_disk.current.path is not None and in_memory.current.path is None
    assert len(in_memory.current) == len(on_disk.current)
    for template in (*SELECTS.values(), *ORDERED.values()):
        sparql = P + template.replace("{act}", _some(on_disk, P + "SELECT ?a WHERE { "
                                                     "?a dip:place ?p } ORDER BY ?a LIMIT 1"))
        assert Counter(_ox_rows(in_memory, sparql)) == Counter(_ox_rows(on_disk, sparql))
    # a store over the limit stays on disk
    big = open_worker_store(str(tmp_path / "store"), True, 10)
    assert not big.in_memory.wait(0.5) and big.current.path is not None
