"""A small hand-written graph for the linked-data and page tests.

It follows ontology/README.md and adds what the seed fixture lacks: quotes,
overlapping evidence spans, a collection with inner documents, acts between
states over the years (one by Russia, a successor state), and hostile strings
(markup in a label and a text, a ``javascript:`` IRI) to prove the escaping.
The base IRI is a parameter, to serve the same data under another host.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.store import Store

DEFAULT_BASE = "https://w3id.org/dipkg/id/"

NEWS_TEXT = (
    'In May 1948 the Soviet Union recognized Israel. <script>alert("x")</script> '
    "On July 6, 1953, Mr. Sharett wrote to Mr. Molotov & asked to resume relations."
)
COLLECTION_TEXT = (
    "DOCUMENTS 1953\n\n"
    "1. Note of the Soviet Government, 12 February 1953.\n"
    "The Soviet Government severed relations with Israel.\n\n"
    "2. Letter of M. Sharett, 6 July 1953.\n"
    "I write to you, Mr. Molotov, about our relations."
)
EVIL_LABEL = '<img src=x onerror="alert(1)">'


@dataclass(frozen=True)
class ActSpec:
    key: str
    type: str
    actor: str
    counterpart: str
    date: str
    datatype: str
    doc: str  # where it is recorded
    source: str  # top-level document whose text holds the span
    exact: str
    occurrence: int = 0


ACTS = (
    ActSpec("rec1948", "Recognition", "state/soviet-union", "state/israel", "1948-05",
            "gYearMonth", "doc/news1", "doc/news1", "the Soviet Union recognized Israel"),
    ActSpec("letter1953", "Correspondence", "person/moshe-sharett", "person/vyacheslav-molotov",
            "1953-07-06", "date", "doc/news1", "doc/news1", "Mr. Sharett wrote to Mr. Molotov"),
    ActSpec("resume1953", "ResumptionOfRelations", "person/moshe-sharett",
            "person/vyacheslav-molotov", "1953-07-20", "date", "doc/news1", "doc/news1",
            "Mr. Molotov & asked to resume relations"),
    ActSpec("sever1953", "SeveranceOfRelations", "state/soviet-union", "state/israel",
            "1953-02-12", "date", "doc/coll1/1", "doc/coll1",
            "The Soviet Government severed relations with Israel"),
    ActSpec("visit2016", "Visit", "state/russia", "state/israel", "2016", "gYear",
            "doc/coll1/2", "doc/coll1", "our relations"),
)

REPRESENTS = {"person/moshe-sharett": "state/israel",
              "person/vyacheslav-molotov": "state/soviet-union"}


def span(spec: ActSpec) -> tuple[int, int]:
    text = NEWS_TEXT if spec.source == "doc/news1" else COLLECTION_TEXT
    start = text.index(spec.exact)
    return start, start + len(spec.exact)


def _lit(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def sample_trig(base: str = DEFAULT_BASE) -> str:
    """The sample dataset as TriG, its instance IRIs under ``base``."""

    def i(x: str) -> str:
        return f"<{base}{x}>"

    dip = "https://w3id.org/dipkg/ontology#"
    head = f"""@prefix dip: <{dip}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
"""
    authority = f"""{i("graph/authority")} {{
  {i("state/israel")} a dip:State ; rdfs:label "Israel"@en ; skos:altLabel "Israeli"@en ;
      owl:sameAs <http://www.wikidata.org/entity/Q801> .
  {i("state/soviet-union")} a dip:State ; rdfs:label "Soviet Union"@en .
  {i("state/russia")} a dip:State ; rdfs:label "Russia"@en ;
      dip:successorOf {i("state/soviet-union")} .
  {i("person/moshe-sharett")} a dip:Envoy ; rdfs:label "Moshe Sharett"@en ;
      dip:represents {i("state/israel")} ; dip:heldOffice {i("person/moshe-sharett/office/1")} .
  {i("person/moshe-sharett/office/1")} a dip:Office ; rdfs:label "Foreign Minister of Israel"@en ;
      dip:officeOf {i("state/israel")} ; dip:startYear "1948"^^xsd:gYear ;
      dip:endYear "1956"^^xsd:gYear .
  {i("person/vyacheslav-molotov")} a dip:Envoy ; rdfs:label "Vyacheslav Molotov"@en ;
      dip:represents {i("state/soviet-union")} .
  {i("person/evil")} a dip:Envoy ; rdfs:label {_lit(EVIL_LABEL)}@en ;
      owl:sameAs <javascript:alert(1)> .
}}
"""
    docs = f"""{i("graph/source/news1")} {{
  {i("doc/news1")} a dip:NewsArticle ; dcterms:title "Moscow and Israel resume relations" ;
      dcterms:date "1953-07-20"^^xsd:date ; dip:genre "news" ; dip:text {_lit(NEWS_TEXT)} .
}}
{i("graph/source/coll1")} {{
  {i("doc/coll1")} a dip:DocumentCollection ; dcterms:title "Documents 1953" ;
      dip:genre "collection" ; dip:text {_lit(COLLECTION_TEXT)} .
  {i("doc/coll1/1")} a dip:Note ; dcterms:title "Note of the Soviet Government" ;
      dcterms:date "1953-02-12"^^xsd:date ; dcterms:isPartOf {i("doc/coll1")} ;
      dip:bodyStart {COLLECTION_TEXT.index("1. Note")} ;
      dip:bodyEnd {COLLECTION_TEXT.index("2. Letter")} .
  {i("doc/coll1/2")} a dip:Letter ; dcterms:title "Letter of M. Sharett" ;
      dcterms:date "1953-07-06"^^xsd:date ; dcterms:isPartOf {i("doc/coll1")} ;
      dip:author {i("person/moshe-sharett")} ; dip:recipient {i("person/vyacheslav-molotov")} ;
      dip:bodyStart {COLLECTION_TEXT.index("2. Letter")} ; dip:bodyEnd {len(COLLECTION_TEXT)} .
}}
"""
    acts, inferred = [], []
    for a in ACTS:
        act = f"act/{a.source.split('/')[1]}/{a.key}"
        start, end = span(a)
        graph = i("graph/source/" + a.source.split("/")[1])
        acts.append(f"""{graph} {{
  {i(act)} a dip:{a.type} ; dip:actor {i(a.actor)} ; dip:counterpart {i(a.counterpart)} ;
      dip:date "{a.date}"^^xsd:{a.datatype} ; dip:recordedIn {i(a.doc)} ;
      prov:wasDerivedFrom {i(a.source)} ; dip:confidence 0.9 ;
      dip:extractionMethod "pattern:test" ; dip:evidence {i(act + "/evidence")} .
  {i(act + "/evidence")} a oa:SpecificResource ; oa:hasSource {i(a.source)} ;
      oa:hasSelector {i(act + "/evidence/position")}, {i(act + "/evidence/quote")} .
  {i(act + "/evidence/position")} a oa:TextPositionSelector ;
      oa:start "{start}"^^xsd:nonNegativeInteger ; oa:end "{end}"^^xsd:nonNegativeInteger .
  {i(act + "/evidence/quote")} a oa:TextQuoteSelector ; oa:exact {_lit(a.exact)} .
}}
""")
        acting = REPRESENTS.get(a.actor, a.actor)
        counter = REPRESENTS.get(a.counterpart, a.counterpart)
        inferred.append(f"""  {i(act)} a dip:DiplomaticAct ;
      dip:participant {i(a.actor)}, {i(a.counterpart)} ;
      dip:actingState {i(acting)} ; dip:counterpartState {i(counter)} ;
      dip:involvedState {i(acting)}, {i(counter)} .
  {i(a.actor)} dip:interactedWith {i(a.counterpart)} .
  {i(a.counterpart)} dip:interactedWith {i(a.actor)} .
  {i(a.doc)} dip:records {i(act)} .""")
    inferred_graph = f"{i('graph/inferred')} {{\n" + "\n".join(inferred) + "\n}\n"
    return head + authority + docs + "".join(acts) + inferred_graph


def build_sample_store(directory: Path, base: str = DEFAULT_BASE) -> Path:
    """An on-disk store of the sample, closed so a server can open it read-only."""
    store = Store(directory)
    store.load_bytes(sample_trig(base).encode("utf-8"), format=ox.RdfFormat.TRIG)
    store.merge_asserted_into_default()  # laid out as kg build lays out a graph
    store.flush()
    del store
    gc.collect()
    return directory


def act_iri(key: str, base: str = DEFAULT_BASE) -> str:
    spec = next(a for a in ACTS if a.key == key)
    return f"{base}act/{spec.source.split('/')[1]}/{key}"
