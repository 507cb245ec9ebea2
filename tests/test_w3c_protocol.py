"""The W3C SPARQL 1.1 Protocol test suite (protocol/manifest.ttl), run over HTTP.

Every request of every test is sent as the manifest writes it, with its path
``/sparql/...`` mapped onto our ``/sparql``.  The suite's ``ut:graphData``
files (data1.nt..data3.nt) are loaded into the named graphs their labels give.
``data0.rdf`` is named by several query tests but not shipped with the suite;
it is absent from our store, so ``default-graph-uri=...data0.rdf`` makes the
default graph empty, which those tests (``ASK {}``, constant SELECT, CONSTRUCT
of a constant triple, DESCRIBE of an IRI) answer the same either way.

This endpoint is read-only.  The seven ``update_*`` tests expect an update to
succeed; here they check the refusal instead: the update gets 403, and each
follow-up ``ASK`` the manifest expects to be true (because the update ran) is
false, proving nothing was written; the suite's data is still all there.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

import pyoxigraph as ox
import pytest
import requests
from conftest import PROTOCOL_DIR, LiveServer
from rdflib import Graph, Namespace
from rdflib.collection import Collection
from rdflib.namespace import RDF

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
SRX = "{http://www.w3.org/2005/sparql-results#}"

RESULTS_TYPES = {"application/sparql-results+json", "application/sparql-results+xml",
                 "text/csv", "text/tab-separated-values"}
BOOLEAN_TYPES = {"application/sparql-results+json", "application/sparql-results+xml"}
RDF_TYPES = {"text/turtle", "application/n-triples", "application/rdf+xml",
             "application/ld+json", "application/trig", "application/n-quads"}


@dataclass
class Step:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: set[str]
    boolean: bool | None = None
    format: str | None = None


@dataclass
class ProtocolTest:
    id: str
    name: str
    steps: list[Step] = field(default_factory=list)

    @property
    def is_update(self) -> bool:
        return self.id.startswith("update_")


def load_suite() -> list[ProtocolTest]:
    if not (PROTOCOL_DIR / "manifest.ttl").exists():
        return []
    g = Graph().parse(PROTOCOL_DIR / "manifest.ttl", format="turtle")
    manifest = next(g.subjects(RDF.type, MF.Manifest))
    tests = []
    for node in Collection(g, g.value(manifest, MF.entries)):
        test = ProtocolTest(str(node).rsplit("#", 1)[1], str(g.value(node, MF.name)))
        action = g.value(node, MF.action)
        for req in Collection(g, g.value(action, HT.requests)):
            headers = {}
            hlist = g.value(req, HT.headers)
            if hlist is not None:
                for h in Collection(g, hlist):
                    headers[str(g.value(h, HT.fieldName))] = str(g.value(h, HT.fieldValue))
            body = None
            b = g.value(req, HT.body)
            if b is not None:
                encoding = str(g.value(b, CNT.characterEncoding) or "UTF-8")
                body = str(g.value(b, CNT.chars)).encode(encoding.lower())
            resp = g.value(req, HT.resp)
            statuses = {str(s).rsplit("#", 1)[1] for s in g.objects(resp, MF.expectedStatus)}
            expected_boolean = g.value(resp, MF.expectedBoolean)
            expected_format = g.value(resp, MF.expectedFormat)
            test.steps.append(Step(
                method=str(g.value(req, HT.methodName)),
                path=str(g.value(req, HT.absolutePath)),
                headers=headers,
                body=body,
                statuses=statuses,
                boolean=None if expected_boolean is None else expected_boolean.toPython(),
                format=None if expected_format is None else str(expected_format),
            ))
        tests.append(test)
    return tests


SUITE = load_suite()


def send(server: LiveServer, step: Step) -> requests.Response:
    assert step.path.startswith("/sparql/")
    url = server.sparql + step.path[len("/sparql/"):]
    return requests.request(step.method, url, headers=step.headers, data=step.body,
                            timeout=30, allow_redirects=False)


def status_class(code: int) -> str:
    return f"StatusCode{code // 100}xx"


def boolean_of(r: requests.Response) -> bool:
    media = r.headers["Content-Type"].split(";")[0]
    assert media in BOOLEAN_TYPES, media
    if media.endswith("json"):
        return json.loads(r.content)["boolean"]
    return ET.fromstring(r.content).find(f"{SRX}boolean").text == "true"


def check_format(r: requests.Response, expected: str) -> None:
    media = r.headers["Content-Type"].split(";")[0]
    if expected == "boolean":
        assert media in BOOLEAN_TYPES
    elif expected == "tabular":
        assert media in RESULTS_TYPES
        if media.endswith("json"):
            assert "results" in json.loads(r.content)
    elif expected == "RDF":
        assert media in RDF_TYPES
        list(ox.parse(r.content, format=ox.RdfFormat.from_media_type(media)))
    else:
        raise AssertionError(f"unknown expected format {expected}")


def test_suite_is_complete() -> None:
    if not SUITE:
        pytest.skip(f"the W3C protocol tests are not at {PROTOCOL_DIR}")
    assert len(SUITE) == 34
    assert sum(t.is_update for t in SUITE) == 7


@pytest.mark.parametrize("test", SUITE, ids=[t.id for t in SUITE])
def test_protocol(w3c_server: LiveServer, test: ProtocolTest) -> None:
    first, *rest = test.steps
    r = send(w3c_server, first)
    if test.is_update:
        assert first.statuses == {"StatusCode2xx", "StatusCode3xx"}
        assert r.status_code == 403, r.text
        assert "read-only" in r.text
        for step in rest:
            r = send(w3c_server, step)
            assert status_class(r.status_code) in step.statuses, r.text
            if step.boolean is True:
                assert boolean_of(r) is False  # the refused update left no trace
        # CLEAR ALL / DROP ALL did not run either
        probe = requests.get(w3c_server.sparql, timeout=30, params={
            "query": "ASK { GRAPH ?g { <http://kasei.us/2009/09/sparql/data/data1.rdf> ?p ?o } }"})
        assert boolean_of(probe) is True
        return
    for i, step in enumerate(test.steps):
        if i:
            r = send(w3c_server, step)
        assert status_class(r.status_code) in step.statuses, (r.status_code, r.text)
        if step.format is not None:
            check_format(r, step.format)
        if step.boolean is not None:
            assert boolean_of(r) is step.boolean


def test_graph_data_is_where_the_suite_says(w3c_server: LiveServer) -> None:
    """The suite's premise: each data file is the named graph its label names."""
    for n in (1, 2, 3):
        iri = f"http://kasei.us/2009/09/sparql/data/data{n}.rdf"
        r = requests.get(w3c_server.sparql, timeout=30, params={
            "query": f"ASK {{ GRAPH <{iri}> {{ <{iri}> a ?t }} }}"})
        assert boolean_of(r) is True
