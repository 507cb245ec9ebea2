"""The SPARQL 1.1 Protocol at /sparql, against a real gunicorn server.

Expected answers come from pyoxigraph run in-process over the same seed data
(an independent path: no HTTP, no workers, no serializers of ours).
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from conftest import PREFIXES, SEED_TRIG, LiveServer
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from endpoint import negotiate
from endpoint.app import create_app
from endpoint.config import EndpointConfig
from kg.errors import InputError, NotAcceptable

SRX = "{http://www.w3.org/2005/sparql-results#}"
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
INFERRED = "https://w3id.org/dipkg/id/graph/inferred"
AUTHORITY = "https://w3id.org/dipkg/id/graph/authority"

LABELS = PREFIXES + """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?x ?label WHERE { ?x rdfs:label ?label } ORDER BY ?x"""
ACTS = PREFIXES + "SELECT ?act WHERE { ?act a dip:DiplomaticAct }"
CONSTRUCT = PREFIXES + """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
CONSTRUCT { ?x rdfs:label ?l ; dip:represents ?s } WHERE { ?x rdfs:label ?l
  OPTIONAL { ?x dip:represents ?s } }"""


@pytest.fixture(scope="module")
def oracle() -> ox.Store:
    """The seed data in an in-memory pyoxigraph store."""
    store = ox.Store()
    store.load(SEED_TRIG.encode(), format=ox.RdfFormat.TRIG)
    return store


def oracle_rows(oracle: ox.Store, query: str, **kw: object) -> list[dict[str, str]]:
    return [{v.value: s[v.value].value for v in res.variables if s[v.value] is not None}
            for res in [oracle.query(query, use_default_graph_as_union=True, **kw)]
            for s in res]


def json_rows(body: bytes) -> list[dict[str, str]]:
    doc = json.loads(body)
    return [{k: v["value"] for k, v in b.items()} for b in doc["results"]["bindings"]]


def rdf_triples(body: bytes, media_type: str) -> set[tuple[str, str, str]]:
    """Parse RDF with pyoxigraph's parsers (rdflib 7.6 warns on JSON-LD and datasets)."""
    fmt = ox.RdfFormat.from_media_type(media_type)
    assert fmt is not None, media_type
    return {(q.subject.value, q.predicate.value, q.object.value)
            for q in ox.parse(body, format=fmt)}


def get(server: LiveServer, query: str, **kw: object) -> requests.Response:
    params = {"query": query, **kw.pop("params", {})}  # type: ignore[dict-item]
    return requests.get(server.sparql, params=params, timeout=30, **kw)  # type: ignore[arg-type]


# -- methods ------------------------------------------------------------------
def test_get_post_form_and_post_direct_agree(live_server: LiveServer, oracle: ox.Store) -> None:
    expected = oracle_rows(oracle, LABELS)
    assert len(expected) >= 6
    r1 = get(live_server, LABELS)
    r2 = requests.post(live_server.sparql, data={"query": LABELS}, timeout=30)
    r3 = requests.post(live_server.sparql, data=LABELS.encode(),
                       headers={"Content-Type": "application/sparql-query"}, timeout=30)
    for r in (r1, r2, r3):
        assert r.status_code == 200, r.text
        assert r.headers["Content-Type"].startswith("application/sparql-results+json")
        assert json_rows(r.content) == expected
        assert r.headers["X-Result-Rows"] == str(len(expected))


# -- formats --------------------------------------------------------------------
def test_select_in_every_results_format(live_server: LiveServer, oracle: ox.Store) -> None:
    expected = oracle_rows(oracle, LABELS)
    pairs = sorted((row["x"], row["label"]) for row in expected)

    r = get(live_server, LABELS, headers={"Accept": "application/sparql-results+xml"})
    assert r.headers["Content-Type"].startswith("application/sparql-results+xml")
    root = ET.fromstring(r.content)
    got = []
    for result in root.iter(f"{SRX}result"):
        cells = {b.get("name"): next(iter(b)).text for b in result.iter(f"{SRX}binding")}
        got.append((cells["x"], cells["label"]))
    assert sorted(got) == pairs

    r = get(live_server, LABELS, headers={"Accept": "text/csv"})
    assert r.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0] == ["x", "label"]
    assert sorted(tuple(row) for row in rows[1:]) == pairs

    r = get(live_server, LABELS, headers={"Accept": "text/tab-separated-values"})
    assert r.headers["Content-Type"].startswith("text/tab-separated-values")
    lines = r.text.splitlines()
    assert lines[0].split("\t") == ["?x", "?label"]
    tsv = sorted(tuple(line.split("\t")) for line in lines[1:])
    assert tsv == sorted((f"<{x}>", f'"{label}"@en') for x, label in pairs)


@pytest.mark.parametrize("accept", ["application/sparql-results+json",
                                    "application/sparql-results+xml"])
def test_ask(live_server: LiveServer, accept: str) -> None:
    for query, expected in ((PREFIXES + "ASK { id:state\\/israel a dip:State }", True),
                            (PREFIXES + "ASK { id:state\\/israel a dip:Envoy }", False)):
        r = get(live_server, query, headers={"Accept": accept})
        assert r.status_code == 200
        if "json" in accept:
            assert json.loads(r.content)["boolean"] is expected
        else:
            assert ET.fromstring(r.content).find(f"{SRX}boolean").text == str(expected).lower()


@pytest.mark.parametrize("accept", ["text/turtle", "application/n-triples",
                                    "application/ld+json", "application/rdf+xml",
                                    "application/trig", "application/n-quads"])
def test_construct_in_every_rdf_format(
    live_server: LiveServer, oracle: ox.Store, accept: str
) -> None:
    expected = {(t.subject.value, t.predicate.value, t.object.value)
                for t in oracle.query(CONSTRUCT, use_default_graph_as_union=True)}
    assert len(expected) > 8
    r = get(live_server, CONSTRUCT, headers={"Accept": accept})
    assert r.status_code == 200, r.text
    assert r.headers["Content-Type"].split(";")[0] == accept
    assert rdf_triples(r.content, accept) == expected


def test_describe(live_server: LiveServer) -> None:
    r = get(live_server, PREFIXES + "DESCRIBE id:person\\/moshe-sharett",
            headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    g = Graph().parse(data=r.content, format="turtle")
    sharett = URIRef("https://w3id.org/dipkg/id/person/moshe-sharett")
    assert (sharett, URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
            Literal("Moshe Sharett", lang="en")) in g


# -- content negotiation --------------------------------------------------------
@pytest.mark.parametrize(("accept", "expected"), [
    ("application/sparql-results+xml;q=0.5, application/sparql-results+json;q=0.9",
     "application/sparql-results+json"),
    ("application/sparql-results+json;q=0.4, application/sparql-results+xml",
     "application/sparql-results+xml"),
    ("text/csv, */*;q=0.1", "text/csv"),
    ("text/*;q=0.9, text/csv;q=0.1", "text/tab-separated-values"),
    ("application/json", "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("", "application/sparql-results+json"),
])
def test_select_conneg(live_server: LiveServer, accept: str, expected: str) -> None:
    r = get(live_server, ACTS, headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["Content-Type"].split(";")[0] == expected
    assert r.headers["Vary"] == "Accept"


@pytest.mark.parametrize(("accept", "expected"), [
    ("text/turtle;q=0.2, application/n-triples", "application/n-triples"),
    ("application/json", "application/ld+json"),
    ("application/rdf+xml;q=0.3, text/turtle;q=0.8", "text/turtle"),
    ("*/*", "text/turtle"),
])
def test_construct_conneg(live_server: LiveServer, accept: str, expected: str) -> None:
    r = get(live_server, CONSTRUCT, headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["Content-Type"].split(";")[0] == expected


def test_format_parameter_beats_accept(live_server: LiveServer) -> None:
    r = get(live_server, ACTS, params={"format": "csv"},
            headers={"Accept": "application/sparql-results+xml"})
    assert r.headers["Content-Type"].startswith("text/csv")
    r = get(live_server, CONSTRUCT, params={"format": "json"})
    assert r.headers["Content-Type"].startswith("application/ld+json")
    r = get(live_server, CONSTRUCT, params={"format": "nt"})
    assert r.headers["Content-Type"].startswith("application/n-triples")
    r = get(live_server, ACTS, params={"format": "gif"})
    assert r.status_code == 406


def test_best_match_unit() -> None:
    offered = ["text/turtle", "application/ld+json"]
    assert negotiate.best_match("application/ld+json;q=1, text/turtle;q=0.5", offered) == \
        "application/ld+json"
    assert negotiate.best_match("text/turtle;q=0, */*", offered) == "application/ld+json"
    assert negotiate.best_match("image/png", offered) is None
    assert negotiate.best_match(None, offered) == "text/turtle"
    with pytest.raises(NotAcceptable):
        negotiate.negotiate("image/png", offered)


# -- errors ---------------------------------------------------------------------
def test_malformed_query_is_400_with_the_parser_message(live_server: LiveServer) -> None:
    r = get(live_server, "SELECT * WHERE { ?s ?p ")
    assert r.status_code == 400
    assert "QuerySyntaxError" in r.text and "error at 1:" in r.text


def test_two_queries_are_400(live_server: LiveServer) -> None:
    r = requests.get(live_server.sparql, params=[("query", "ASK {}"), ("query", "ASK {}")],
                     timeout=30)
    assert r.status_code == 400
    r = requests.post(live_server.sparql, data=[("query", "ASK {}"), ("query", "ASK {}")],
                      timeout=30)
    assert r.status_code == 400
    r = get(live_server, "ASK {} ASK {}")
    assert r.status_code == 400


def test_wrong_or_missing_content_type_is_415(live_server: LiveServer) -> None:
    r = requests.post(live_server.sparql, data=b"ASK {}",
                      headers={"Content-Type": "text/plain"}, timeout=30)
    assert r.status_code == 415
    r = requests.post(live_server.sparql, data=b"ASK {}", timeout=30)
    assert r.status_code == 415
    r = requests.post(live_server.sparql, data="ASK {}".encode("utf-16"),
                      headers={"Content-Type": "application/sparql-query; charset=UTF-16"},
                      timeout=30)
    assert r.status_code == 415


def test_unservable_accept_is_406(live_server: LiveServer) -> None:
    assert get(live_server, ACTS, headers={"Accept": "image/png"}).status_code == 406
    # only results syntaxes accepted, but the query builds a graph
    r = get(live_server, CONSTRUCT, headers={"Accept": "text/csv"})
    assert r.status_code == 406
    # only RDF syntaxes accepted, but the query selects
    r = get(live_server, ACTS, headers={"Accept": "text/turtle"})
    assert r.status_code == 406


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_are_405(live_server: LiveServer, method: str) -> None:
    r = requests.request(method, live_server.sparql, params={"query": "ASK {}"}, timeout=30)
    assert r.status_code == 405


def test_updates_are_refused_and_never_run(live_server: LiveServer, oracle: ox.Store) -> None:
    count = PREFIXES + "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    before = json_rows(get(live_server, count).content)
    insert = "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }"
    attempts = [
        requests.get(live_server.sparql, params={"update": "CLEAR ALL"}, timeout=30),
        requests.post(live_server.sparql, data={"update": insert}, timeout=30),
        requests.post(live_server.sparql, data=insert.encode(),
                      headers={"Content-Type": "application/sparql-update"}, timeout=30),
        get(live_server, insert),
        get(live_server, "PREFIX x: <urn:x> DROP ALL"),
        requests.post(live_server.sparql, data={"query": "CLEAR ALL"}, timeout=30),
    ]
    for r in attempts:
        assert r.status_code == 403, r.text
        assert "read-only" in r.text
    after = json_rows(get(live_server, count).content)
    assert after == before
    assert int(after[0]["n"]) == len(oracle)


# -- datasets and reasoning -----------------------------------------------------
def test_default_graph_uri(live_server: LiveServer, oracle: ox.Store) -> None:
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    r = get(live_server, q, params={"default-graph-uri": AUTHORITY})
    expected = len(list(oracle.quads_for_pattern(None, None, None, ox.NamedNode(AUTHORITY))))
    assert int(json_rows(r.content)[0]["n"]) == expected
    assert r.headers["X-Reasoning"] == "none"
    # two default graphs are merged
    both = [AUTHORITY, INFERRED]
    r = requests.get(live_server.sparql, timeout=30, params=[("query", q)] + [
        ("default-graph-uri", g) for g in both])
    expected = sum(len(list(oracle.quads_for_pattern(None, None, None, ox.NamedNode(g))))
                   for g in both)
    assert int(json_rows(r.content)[0]["n"]) == expected


def test_named_graph_uri(live_server: LiveServer) -> None:
    q = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    r = get(live_server, q, params={"named-graph-uri": AUTHORITY})
    assert [row["g"] for row in json_rows(r.content)] == [AUTHORITY]


def test_infer_parameter(live_server: LiveServer, oracle: ox.Store) -> None:
    inferred_acts = len(list(oracle.query(
        PREFIXES + f"SELECT ?a WHERE {{ GRAPH <{INFERRED}> {{ ?a a dip:DiplomaticAct }} }}")))
    assert inferred_acts == 2
    r = get(live_server, ACTS)
    assert r.headers["X-Reasoning"] == "owl2rl"
    assert len(json_rows(r.content)) == inferred_acts
    r = get(live_server, ACTS, params={"infer": "false"})
    assert r.headers["X-Reasoning"] == "none"
    assert json_rows(r.content) == []
    # the inferred graph is hidden from GRAPH too
    r = get(live_server, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
            params={"infer": "false"})
    graphs = {row["g"] for row in json_rows(r.content)}
    assert INFERRED not in graphs and AUTHORITY in graphs
    assert get(live_server, ACTS, params={"infer": "maybe"}).status_code == 400


# -- service description and VoID -----------------------------------------------
def test_service_description(live_server: LiveServer, oracle: ox.Store) -> None:
    r = requests.get(live_server.sparql, timeout=30)
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/turtle")
    g = Graph().parse(data=r.content, format="turtle", publicID=live_server.sparql)
    services = list(g.subjects(RDF.type, SD.Service))
    assert len(services) == 1
    s = services[0]
    assert g.value(s, SD.endpoint) == URIRef(live_server.sparql)
    assert (s, SD.supportedLanguage, SD.SPARQL11Query) in g
    assert len(set(g.objects(s, SD.resultFormat))) == 10
    assert ((s, SD.feature, SD.UnionDefaultGraph) in g) == live_server.config.union_default_graph
    assert g.value(s, SD.defaultEntailmentRegime) == URIRef(
        "http://www.w3.org/ns/entailment/OWL-RDF-Based")
    assert g.value(s, SD.supportedEntailmentProfile) == URIRef(
        "http://www.w3.org/ns/owl-profile/RL")
    dataset = g.value(s, SD.defaultDataset)
    names = {str(g.value(n, SD.name)) for n in g.objects(dataset, SD.namedGraph)}
    assert names == {g.value for g in oracle.named_graphs()}
    jr = requests.get(live_server.sparql, headers={"Accept": "application/ld+json"}, timeout=30)
    assert jr.headers["Content-Type"].startswith("application/ld+json")
    assert len(rdf_triples(jr.content, "application/ld+json")) == len(g)


def test_void(live_server: LiveServer, oracle: ox.Store) -> None:
    r = requests.get(live_server.url + ".well-known/void", timeout=30)
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/turtle")
    g = Graph().parse(data=r.content, format="turtle")
    (ds,) = [d for d in g.subjects(RDF.type, VOID.Dataset) if (d, VOID.subset, None) in g]
    distinct = {(q.subject, q.predicate, q.object) for q in oracle}
    assert int(g.value(ds, VOID.triples)) == len(distinct)
    assert str(g.value(ds, VOID.sparqlEndpoint)) == live_server.sparql
    assert str(g.value(ds, VOID.uriSpace)) == "https://w3id.org/dipkg/id/"
    assert g.value(ds, DCTERMS.license) is not None
    for prop in (VOID.classes, VOID.properties, VOID.distinctSubjects, VOID.distinctObjects):
        assert int(g.value(ds, prop)) > 0
    classes = {q.object for q in oracle.quads_for_pattern(
        None, ox.NamedNode(str(RDF.type)), None, None)}
    assert int(g.value(ds, VOID.classes)) == len(classes)
    subsets = {str(s): int(g.value(s, VOID.triples)) for s in g.objects(ds, VOID.subset)}
    for graph in oracle.named_graphs():
        assert subsets[graph.value] == len(list(oracle.quads_for_pattern(None, None, None, graph)))
    asserted = next(v for k, v in subsets.items() if k.endswith("#asserted"))
    inferred = next(v for k, v in subsets.items() if k.endswith("#inferred"))
    assert inferred == subsets[INFERRED] and asserted + inferred == len(distinct)
    jr = requests.get(live_server.url + ".well-known/void",
                      headers={"Accept": "application/ld+json"}, timeout=30)
    assert jr.headers["Content-Type"].startswith("application/ld+json")
    assert len(rdf_triples(jr.content, "application/ld+json")) == len(g)


def test_query_dataset_from_clauses(live_server: LiveServer, oracle: ox.Store) -> None:
    def size(graph: str) -> int:
        return len(list(oracle.quads_for_pattern(None, None, None, ox.NamedNode(graph))))

    q = f"SELECT (COUNT(*) AS ?n) FROM <{AUTHORITY}> WHERE {{ ?s ?p ?o }}"
    r = get(live_server, q)
    assert int(json_rows(r.content)[0]["n"]) == size(AUTHORITY)
    # FROM NAMED alone: the default graph is empty, GRAPH sees only the named one
    r = get(live_server, f"ASK FROM NAMED <{AUTHORITY}> {{ ?s ?p ?o }}")
    assert json.loads(r.content)["boolean"] is False
    r = get(live_server, f"SELECT DISTINCT ?g FROM NAMED <{AUTHORITY}> "
                         "WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert [row["g"] for row in json_rows(r.content)] == [AUTHORITY]
    # the protocol's dataset wins over the query's
    r = get(live_server, q, params={"default-graph-uri": INFERRED})
    assert int(json_rows(r.content)[0]["n"]) == size(INFERRED)
    assert r.headers["X-Reasoning"] == "owl2rl"


def test_in_process_app_and_cache(seed_store_path: Path) -> None:
    """create_app works without gunicorn (Flask's test client); the cache answers repeats."""
    app = create_app(EndpointConfig(store_path=seed_store_path, cache=True))
    try:
        client = app.test_client()
        first = client.get("/sparql", query_string={"query": ACTS})
        second = client.get("/sparql", query_string={"query": ACTS})
        assert first.status_code == second.status_code == 200
        assert "X-Cache" not in first.headers and second.headers["X-Cache"] == "hit"
        assert first.data == second.data
        other = client.get("/sparql", query_string={"query": ACTS, "infer": "false"})
        assert "X-Cache" not in other.headers
        assert json_rows(other.data) == []
    finally:
        app.extensions["dipkg"].close()


def test_config_from_env_and_json(tmp_path: Path) -> None:
    config = EndpointConfig.from_env({
        "KG_STORE": str(tmp_path), "KG_QUERY_TIMEOUT": "2.5", "KG_MAX_ROWS": "7",
        "KG_SERVICE_ALLOWLIST": "http://a/sparql, http://b/sparql", "KG_CACHE": "off",
        "KG_UNION_DEFAULT_GRAPH": "0",
    })
    assert config.store_path == tmp_path and config.query_timeout == 2.5
    assert config.max_rows == 7 and not config.cache and not config.union_default_graph
    assert config.service_allowlist == ("http://a/sparql", "http://b/sparql")
    assert EndpointConfig.from_json(config.to_json()) == config
    assert config.replace(max_rows=9).max_rows == 9 and config.max_rows == 7
    with pytest.raises(InputError):
        EndpointConfig.from_env({"KG_MAX_ROWS": "many"})
