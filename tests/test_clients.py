"""Real SPARQL clients against the endpoint: SPARQLWrapper and rdflib's SPARQLStore."""

from __future__ import annotations

import csv
import io

import pyoxigraph as ox
import pytest
from conftest import PREFIXES, SEED_TRIG, LiveServer
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

LABELS = PREFIXES + """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?x ?label WHERE { ?x rdfs:label ?label } ORDER BY ?x"""
CONSTRUCT = PREFIXES + """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
CONSTRUCT { ?x rdfs:label ?l } WHERE { ?x a dip:Envoy ; rdfs:label ?l }"""
SHARETT = URIRef("https://w3id.org/dipkg/id/person/moshe-sharett")
LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")


@pytest.fixture(scope="module")
def oracle() -> ox.Store:
    store = ox.Store()
    store.load(SEED_TRIG.encode(), format=ox.RdfFormat.TRIG)
    return store


@pytest.fixture(scope="module")
def expected_labels(oracle: ox.Store) -> list[tuple[str, str]]:
    rows = oracle.query(LABELS, use_default_graph_as_union=True)
    return sorted((r["x"].value, r["label"].value) for r in rows)


@pytest.fixture(scope="module")
def expected_graph(oracle: ox.Store) -> set[tuple[str, str, str]]:
    return {(t.subject.value, t.predicate.value, t.object.value)
            for t in oracle.query(CONSTRUCT, use_default_graph_as_union=True)}


def wrapper(server: LiveServer, query: str, fmt: str) -> SPARQLWrapper:
    sw = SPARQLWrapper(server.sparql)
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    return sw


def test_sparqlwrapper_json(live_server: LiveServer, expected_labels: list) -> None:
    result = wrapper(live_server, LABELS, JSON).queryAndConvert()
    got = sorted((b["x"]["value"], b["label"]["value"]) for b in result["results"]["bindings"])
    assert got == expected_labels
    ask = wrapper(live_server, PREFIXES + "ASK { id:state\\/israel a dip:State }", JSON)
    assert ask.queryAndConvert()["boolean"] is True


def test_sparqlwrapper_xml(live_server: LiveServer, expected_labels: list) -> None:
    doc = wrapper(live_server, LABELS, XML).queryAndConvert()  # a minidom Document
    got = []
    for result in doc.getElementsByTagName("result"):
        cells = {b.getAttribute("name"): b.firstChild.firstChild.data
                 for b in result.getElementsByTagName("binding")}
        got.append((cells["x"], cells["label"]))
    assert sorted(got) == expected_labels


def test_sparqlwrapper_csv_and_tsv(live_server: LiveServer, expected_labels: list) -> None:
    body = wrapper(live_server, LABELS, CSV).queryAndConvert()
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert rows[0] == ["x", "label"] and sorted(map(tuple, rows[1:])) == expected_labels
    body = wrapper(live_server, LABELS, TSV).queryAndConvert().decode("utf-8")
    lines = body.splitlines()
    assert lines[0] == "?x\t?label"
    assert sorted(tuple(line.split("\t")) for line in lines[1:]) == sorted(
        (f"<{x}>", f'"{label}"@en') for x, label in expected_labels)


@pytest.mark.parametrize("fmt", [TURTLE, N3, RDFXML, JSONLD])
def test_sparqlwrapper_construct(live_server: LiveServer, expected_graph: set, fmt: str) -> None:
    sw = wrapper(live_server, CONSTRUCT, fmt)
    response = sw.query()
    media = response.info()["content-type"].split(";")[0]
    body = response.response.read()
    parsed = ox.parse(body, format=ox.RdfFormat.from_media_type(media))
    assert {(t.subject.value, t.predicate.value, t.object.value) for t in parsed} == \
        expected_graph


def test_sparqlwrapper_ntriples(live_server: LiveServer, expected_graph: set) -> None:
    sw = wrapper(live_server, CONSTRUCT, TURTLE)
    sw.setOnlyConneg(True)
    sw.addCustomHttpHeader("Accept", "application/n-triples")
    response = sw.query()
    assert response.info()["content-type"].startswith("application/n-triples")
    parsed = ox.parse(response.response.read(), format=ox.RdfFormat.N_TRIPLES)
    assert {(t.subject.value, t.predicate.value, t.object.value) for t in parsed} == \
        expected_graph


def test_sparqlwrapper_post(live_server: LiveServer, expected_labels: list) -> None:
    sw = wrapper(live_server, LABELS, JSON)
    sw.setMethod("POST")
    result = sw.queryAndConvert()
    got = sorted((b["x"]["value"], b["label"]["value"]) for b in result["results"]["bindings"])
    assert got == expected_labels


# rdflib 7.6 itself builds a ConjunctiveGraph when it parses a CONSTRUCT answer.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_rdflib_sparqlstore(live_server: LiveServer, oracle: ox.Store,
                            expected_labels: list) -> None:
    store = SPARQLStore(query_endpoint=live_server.sparql, returnFormat="json")
    g = Graph(store=store)
    rows = sorted((str(r[0]), str(r[1])) for r in g.query(LABELS))
    assert rows == expected_labels
    assert (SHARETT, LABEL, Literal("Moshe Sharett", lang="en")) in g
    labels = set(g.objects(SHARETT, LABEL))
    assert Literal("Moshe Sharett", lang="en") in labels
    ask = g.query(PREFIXES + "ASK { id:state\\/israel a dip:State }")
    assert ask.askAnswer is True
    built = g.query(CONSTRUCT)
    assert len(built.graph) == len(list(oracle.query(CONSTRUCT,
                                                     use_default_graph_as_union=True)))
    assert len(g) == len(oracle)
