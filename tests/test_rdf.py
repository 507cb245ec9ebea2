"""Records → triples, per ontology/README.md."""

from __future__ import annotations

import hashlib
from decimal import Decimal

from rdflib import Graph, Literal

from kg.rdf import act_iri, source_triples
from kg.records import Act, Document, Entity, Office, PartialDate, SourceMeta, Span
from kg.vocab import DCTERMS, DIP, ID, OA, PROV, RDF, RDFS, SKOS, WD, XSD

TEXT = "Intro. On July 6, Mr. Sharett wrote to Mr. Molotov. End."
START = TEXT.index("On July")
END = TEXT.index(" End")
SHARETT = Entity(
    "moshe-sharett",
    "Envoy",
    "Moshe Sharett",
    ("Charetta",),
    None,
    "israel",
    (Office("Foreign Minister of Israel", "israel", 1948, 1956),),
)
MOLOTOV = Entity("vyacheslav-molotov", "Envoy", "Vyacheslav Molotov", (), "Q1", "soviet-union")
ISRAEL = Entity("israel", "State", "Israel", ("Israeli",), "Q801")
USSR = Entity("soviet-union", "State", "Soviet Union", (), "Q15180")
ACT = Act(
    "Correspondence",
    Span(START, END),
    0,
    "pattern:letter-wrote-to",
    0.9,
    actors=("person/moshe-sharett",),
    counterparts=("person/vyacheslav-molotov",),
    date=PartialDate(1953, 7, 6),
)


def _graph() -> Graph:
    doc = Document(
        0, "NewsArticle", Span(0, len(TEXT)), title="T", date=PartialDate(1953, 7, 20), genre="news"
    )
    meta = SourceMeta(publisher="JTA", url="http://example.org/a", licence="quoted")
    return source_triples(
        Graph(), TEXT, "003_x", [doc], [SHARETT, MOLOTOV, ISRAEL, USSR], [ACT], meta
    )


def test_act_iri_hash() -> None:
    digest = hashlib.sha256(f"Correspondence|{START}|{END}".encode()).hexdigest()[:12]
    assert act_iri("003_x", ACT) == ID[f"act/003_x/{digest}"]


def test_act_triples() -> None:
    g = _graph()
    a = act_iri("003_x", ACT)
    assert set(g.objects(a, RDF.type)) == {DIP.Correspondence}
    assert g.value(a, DIP.actor) == ID["person/moshe-sharett"]
    assert g.value(a, DIP.counterpart) == ID["person/vyacheslav-molotov"]
    assert g.value(a, DIP.date) == Literal("1953-07-06", datatype=XSD.date)
    assert g.value(a, DIP.recordedIn) == ID["doc/003_x"]
    assert g.value(a, PROV.wasDerivedFrom) == ID["doc/003_x"]
    assert g.value(a, DIP.confidence) == Literal(Decimal("0.90"), datatype=XSD.decimal)
    ev = g.value(a, DIP.evidence)
    assert g.value(ev, OA.hasSource) == ID["doc/003_x"]
    pos, quote = sorted(g.objects(ev, OA.hasSelector))
    assert (g.value(pos, OA.start).toPython(), g.value(pos, OA.end).toPython()) == (START, END)
    assert str(g.value(quote, OA.exact)) == TEXT[START:END]
    assert str(g.value(quote, OA.prefix)) == TEXT[:START]


def test_document_and_entities_are_self_contained() -> None:
    g = _graph()
    doc = ID["doc/003_x"]
    assert g.value(doc, RDF.type) == DIP.NewsArticle
    assert str(g.value(doc, DIP.text)) == TEXT
    assert g.value(doc, DCTERMS.date) == Literal("1953-07-20", datatype=XSD.date)
    assert str(g.value(doc, DCTERMS.publisher)) == "JTA"
    sharett = ID["person/moshe-sharett"]
    assert g.value(sharett, RDF.type) == DIP.Envoy
    assert g.value(sharett, RDFS.label) == Literal("Moshe Sharett", lang="en")
    assert g.value(sharett, SKOS.altLabel) == Literal("Charetta", lang="en")
    assert g.value(sharett, DIP.represents) == ID["state/israel"]
    office = g.value(sharett, DIP.heldOffice)
    assert office == ID["person/moshe-sharett/office/1"]
    assert g.value(office, DIP.startYear) == Literal("1948", datatype=XSD.gYear)
    # the represented states are declared in the same graph
    assert g.value(ID["state/israel"], RDF.type) == DIP.State
    assert g.value(ID["state/soviet-union"], SKOS.exactMatch) == WD.Q15180
