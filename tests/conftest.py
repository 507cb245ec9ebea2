"""Shared fixtures: a small seed store, and real servers on 127.0.0.1.

Servers run the production path: ``python -m endpoint.serve`` (gunicorn, gthread
workers, query worker processes) in a subprocess of its own process group, on a
free port, stopped at the end of the session.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from servers import ServerProcess, launch

from endpoint.config import EndpointConfig
from kg.store import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SPARQL11 = SHARED / "conformance" / "sparql11"

SEED_TRIG = """
@prefix dip: <https://w3id.org/dipkg/ontology#> .
@prefix id: <https://w3id.org/dipkg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix wd: <http://www.wikidata.org/entity/> .

id:graph\\/ontology {
  dip:Letter rdfs:subClassOf dip:Document .
  dip:NewsArticle rdfs:subClassOf dip:Document .
  dip:Correspondence rdfs:subClassOf dip:DiplomaticAct .
  dip:ResumptionOfRelations rdfs:subClassOf dip:DiplomaticAct .
}

id:graph\\/authority {
  id:state\\/israel a dip:State ; rdfs:label "Israel"@en ;
      skos:altLabel "Israeli"@en ; owl:sameAs wd:Q801 .
  id:state\\/soviet-union a dip:State ; rdfs:label "Soviet Union"@en ; owl:sameAs wd:Q15180 .
  id:state\\/russia a dip:State ; rdfs:label "Russia"@en ;
      dip:successorOf id:state\\/soviet-union ; owl:sameAs wd:Q159 .
  id:person\\/moshe-sharett a dip:Envoy ; rdfs:label "Moshe Sharett"@en ;
      skos:altLabel "Charetta"@en, "Charette"@en ;
      dip:represents id:state\\/israel ; dip:heldOffice id:person\\/moshe-sharett\\/office\\/1 .
  id:person\\/moshe-sharett\\/office\\/1 a dip:Office ;
      rdfs:label "Foreign Minister of Israel"@en ; dip:officeOf id:state\\/israel ;
      dip:startYear "1948"^^xsd:gYear ; dip:endYear "1956"^^xsd:gYear .
  id:person\\/vyacheslav-molotov a dip:Envoy ; rdfs:label "Vyacheslav Molotov"@en ;
      dip:represents id:state\\/soviet-union .
  id:place\\/moscow a dip:Place ; rdfs:label "Moscow"@en ; owl:sameAs wd:Q649 .
}

id:graph\\/source\\/003_890de7d9d2c0c7d9 {
  id:doc\\/003_890de7d9d2c0c7d9 a dip:NewsArticle ;
      dcterms:title "Moscow and Israel Announce Resumption of Diplomatic Relations" ;
      dcterms:date "1953-07-20"^^xsd:date ; dcterms:publisher "Jewish Telegraphic Agency" ;
      dip:genre "news" ;
      dip:text "MOSCOW. On July 6, Mr. Sharett wrote to Mr. Molotov proposing to resume." .
  id:act\\/003_890de7d9d2c0c7d9\\/5f0c1a2b3c4d a dip:Correspondence ;
      dip:actor id:person\\/moshe-sharett ; dip:counterpart id:person\\/vyacheslav-molotov ;
      dip:date "1953-07-06"^^xsd:date ; dip:place id:place\\/moscow ;
      dip:recordedIn id:doc\\/003_890de7d9d2c0c7d9 ;
      prov:wasDerivedFrom id:doc\\/003_890de7d9d2c0c7d9 ;
      dip:extractionMethod "pattern:letter-wrote-to" ; dip:confidence 0.9 ;
      dip:evidence <https://w3id.org/dipkg/id/act/003_890de7d9d2c0c7d9/5f0c1a2b3c4d/evidence> .
  <https://w3id.org/dipkg/id/act/003_890de7d9d2c0c7d9/5f0c1a2b3c4d/evidence>
      a oa:SpecificResource ; oa:hasSource id:doc\\/003_890de7d9d2c0c7d9 ;
      oa:hasSelector
        <https://w3id.org/dipkg/id/act/003_890de7d9d2c0c7d9/5f0c1a2b3c4d/evidence/position> .
  <https://w3id.org/dipkg/id/act/003_890de7d9d2c0c7d9/5f0c1a2b3c4d/evidence/position>
      a oa:TextPositionSelector ;
      oa:start "8"^^xsd:nonNegativeInteger ; oa:end "50"^^xsd:nonNegativeInteger .
  id:act\\/003_890de7d9d2c0c7d9\\/a1b2c3d4e5f6 a dip:ResumptionOfRelations ;
      dip:actor id:person\\/vyacheslav-molotov ; dip:counterpart id:person\\/moshe-sharett ;
      dip:date "1953-07-20"^^xsd:date ; dip:recordedIn id:doc\\/003_890de7d9d2c0c7d9 ;
      dip:confidence 0.8 .
}

id:graph\\/source\\/002_c5a588f108b3ad1e {
  id:doc\\/002_c5a588f108b3ad1e a dip:DocumentCollection ;
      dcterms:title "Documents on Israeli-Soviet Relations" ; dip:genre "collection" .
  id:doc\\/002_c5a588f108b3ad1e\\/6 a dip:Letter ;
      dcterms:title "Letter from Israeli Foreign Minister M. Charetta to V. Molotov" ;
      dcterms:date "1953-07-06"^^xsd:date ;
      dip:author id:person\\/moshe-sharett ; dip:recipient id:person\\/vyacheslav-molotov ;
      dcterms:isPartOf id:doc\\/002_c5a588f108b3ad1e .
}

id:graph\\/inferred {
  id:act\\/003_890de7d9d2c0c7d9\\/5f0c1a2b3c4d a dip:DiplomaticAct ;
      dip:participant id:person\\/moshe-sharett, id:person\\/vyacheslav-molotov ;
      dip:actingState id:state\\/israel ; dip:counterpartState id:state\\/soviet-union .
  id:act\\/003_890de7d9d2c0c7d9\\/a1b2c3d4e5f6 a dip:DiplomaticAct ;
      dip:participant id:person\\/moshe-sharett, id:person\\/vyacheslav-molotov .
  id:doc\\/003_890de7d9d2c0c7d9 a dip:Document ;
      dip:records id:act\\/003_890de7d9d2c0c7d9\\/5f0c1a2b3c4d,
                  id:act\\/003_890de7d9d2c0c7d9\\/a1b2c3d4e5f6 .
  id:doc\\/002_c5a588f108b3ad1e\\/6 a dip:Document .
  id:person\\/moshe-sharett dip:interactedWith id:person\\/vyacheslav-molotov .
  id:person\\/vyacheslav-molotov dip:interactedWith id:person\\/moshe-sharett .
}
"""

DIP = "https://w3id.org/dipkg/ontology#"
PREFIXES = "PREFIX dip: <https://w3id.org/dipkg/ontology#>\nPREFIX id: <https://w3id.org/dipkg/id/>\n"


def build_store(
    directory: Path,
    loads: list[tuple[bytes, ox.RdfFormat, str | None]],
    *,
    as_build: bool = False,
) -> Path:
    """An on-disk store from (data, format, graph) triples, closed before it is served.

    ``as_build`` lays it out as ``kg build`` does: the asserted union in the default graph.
    """
    store = Store(directory)
    for data, fmt, graph in loads:
        store.load_bytes(data, format=fmt, graph=graph)
    if as_build:
        store.merge_asserted_into_default()
    store.flush()
    del store
    gc.collect()
    return directory


@dataclass
class LiveServer(ServerProcess):
    """A running endpoint (``python -m endpoint.serve``) with the config it serves."""

    config: EndpointConfig | None = None


def start_server(config: EndpointConfig, log_dir: Path, *, workers: int = 1,
                 threads: int = 8) -> LiveServer:
    """Start ``python -m endpoint.serve`` on a free loopback port and wait until it answers."""
    started = launch(
        lambda port: [sys.executable, "-m", "endpoint.serve", "--host", "127.0.0.1",
                      "--port", str(port), "--workers", str(workers), "--threads", str(threads),
                      "--config", config.to_json()],
        log_dir / f"server-{time.monotonic_ns()}.log",
    )
    return LiveServer(started.process, started.url, started.log_path, started.ready_seconds,
                      config)


@pytest.fixture(scope="session")
def seed_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store of a few entities, documents and acts, with an inferred graph."""
    directory = tmp_path_factory.mktemp("seed") / "store"
    return build_store(directory, [(SEED_TRIG.encode(), ox.RdfFormat.TRIG, None)], as_build=True)


@pytest.fixture(scope="session")
def server_factory(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[..., LiveServer]]:
    """Start extra servers with their own configs; all are stopped at the end."""
    started: list[LiveServer] = []
    log_dir = tmp_path_factory.mktemp("server-logs")

    def start(config: EndpointConfig, **kw: int) -> LiveServer:
        server = start_server(config, log_dir, **kw)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="session")
def live_server(seed_store_path: Path, server_factory: Callable[..., LiveServer]) -> LiveServer:
    """The endpoint over the seed store with the default limits, cache off."""
    config = EndpointConfig(store_path=seed_store_path, cache=False)
    return server_factory(config)


# -- the W3C suites' data, in one store --------------------------------------
PROTOCOL_DIR = SPARQL11 / "protocol"
RESULT_FORMAT_DIRS = (SPARQL11 / "json-res", SPARQL11 / "csv-tsv-res")


def suite_graph(path: Path) -> str:
    """The named graph holding one result-format test data file."""
    return f"urn:w3c:{path.parent.name}/{path.name}"


def protocol_graphs() -> dict[Path, str]:
    """The protocol suite's ``ut:graphData``: data file -> graph name (its rdfs:label)."""
    from rdflib import Graph
    from rdflib.namespace import RDFS, Namespace

    ut = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
    manifest = Graph().parse(PROTOCOL_DIR / "manifest.ttl", format="turtle")
    out: dict[Path, str] = {}
    for node in manifest.objects(None, ut.graphData):
        data = manifest.value(node, ut.graph)
        label = manifest.value(node, RDFS.label)
        if data is not None and label is not None:
            out[PROTOCOL_DIR / Path(str(data)).name] = str(label)
    return out


@pytest.fixture(scope="session")
def w3c_server(
    tmp_path_factory: pytest.TempPathFactory, server_factory: Callable[..., LiveServer]
) -> LiveServer:
    """The endpoint over the W3C protocol and result-format test data, served as files.

    Each protocol data file goes into the named graph its ``ut:graphData`` label
    gives; each result-format data file into ``suite_graph(path)``.  The
    default graph is the store's own (empty) one, as for ``kg serve --dataset``.
    """
    if not (PROTOCOL_DIR / "manifest.ttl").exists():
        pytest.skip(f"the W3C SPARQL 1.1 tests are not at {SPARQL11}")
    loads: list[tuple[bytes, ox.RdfFormat, str | None]] = []
    for path, graph in sorted(protocol_graphs().items()):
        loads.append((path.read_bytes(), ox.RdfFormat.N_TRIPLES, graph))
    for directory in RESULT_FORMAT_DIRS:
        for path in sorted(directory.glob("*.ttl")):
            if path.name != "manifest.ttl":
                loads.append((path.read_bytes(), ox.RdfFormat.TURTLE, suite_graph(path)))
    store = build_store(tmp_path_factory.mktemp("w3c") / "store", loads)
    config = EndpointConfig(store_path=store, union_default_graph=False, cache=False)
    return server_factory(config)
