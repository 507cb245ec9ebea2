"""Linked data: /id/... pages and descriptions, and the ontology at /ontology."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from flask import Flask
from flask.testing import FlaskClient
from sample_linked import (
    ACTS,
    COLLECTION_TEXT,
    DEFAULT_BASE,
    EVIL_LABEL,
    NEWS_TEXT,
    act_iri,
    build_sample_store,
    span,
)

from endpoint.app import create_app
from endpoint.config import EndpointConfig
from endpoint.html import Linker, Span, highlight

ROOT = Path(__file__).resolve().parents[1]
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
DIP = "https://w3id.org/dipkg/ontology#"
OA = "http://www.w3.org/ns/oa#"

TINY_ONTOLOGY = """@prefix dip: <https://w3id.org/dipkg/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/dipkg/ontology> a owl:Ontology ; rdfs:comment "A stand-in <b>ontology</b>." .
dip:DiplomaticAct a owl:Class ; rdfs:label "diplomatic act"@en ;
    skos:definition "Something a state does towards another."@en .
dip:Visit a owl:Class ; rdfs:label "visit"@en ; rdfs:subClassOf dip:DiplomaticAct ;
    skos:definition "A journey to <another> state."@en ;
    skos:closeMatch <https://w3id.org/dipkg/cameo/042> .
dip:State a owl:Class ; rdfs:label "state"@en .
dip:Envoy a owl:Class ; rdfs:label "envoy"@en .
dip:actor a owl:ObjectProperty ; rdfs:label "actor"@en ; rdfs:domain dip:DiplomaticAct ;
    rdfs:range [ a owl:Class ; owl:unionOf ( dip:State dip:Envoy ) ] .
dip:performed a owl:ObjectProperty ; owl:inverseOf dip:actor .
dip:represents a owl:ObjectProperty ; rdfs:range dip:State .
dip:actingState a owl:ObjectProperty ; owl:propertyChainAxiom ( dip:actor dip:represents ) .
dip:successorOf a owl:ObjectProperty, owl:TransitiveProperty .
dip:interactedWith a owl:ObjectProperty, owl:SymmetricProperty .
"""


def make_app(store_path: Path, **config: object) -> Flask:
    return create_app(EndpointConfig(store_path=store_path, cache=False).replace(**config))


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_store(tmp_path_factory.mktemp("linked") / "store")


@pytest.fixture(scope="module")
def app(sample_store: Path) -> Iterator[Flask]:
    app = make_app(sample_store)
    yield app
    app.extensions["dipkg"].close()


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def page(client: FlaskClient, path: str, accept: str = BROWSER_ACCEPT, **kw: object):
    return client.get(path, headers={"Accept": accept}, **kw)


def graph_of(data: bytes, media: str) -> rdflib.Graph:
    """Parse with pyoxigraph (rdflib's JSON-LD parser warns on this rdflib version)."""
    quads = ox.parse(data, format=ox.RdfFormat.from_media_type(media))
    nt = ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in quads),
                      format=ox.RdfFormat.N_TRIPLES)
    return rdflib.Graph().parse(data=nt, format="nt")


def text_of(markup: str) -> str:
    """Visible text of an HTML fragment."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


# -- HTML pages ---------------------------------------------------------------------
def test_state_page_for_a_browser(client: FlaskClient) -> None:
    r = page(client, "/id/state/israel")
    assert r.status_code == 200 and r.mimetype == "text/html"
    body = r.get_data(as_text=True)
    assert "<h1>Israel</h1>" in body
    # an external IRI is an external link that opens safely
    assert 'href="http://www.wikidata.org/entity/Q801" rel="noopener noreferrer"' in body
    # IRIs under our base link to local pages
    assert 'href="/id/person/moshe-sharett"' in body
    assert "Vary" in r.headers and "Accept" in r.headers["Vary"]


def test_state_page_lists_its_acts_in_date_order_with_quotes(client: FlaskClient) -> None:
    body = page(client, "/id/state/israel").get_data(as_text=True)
    acts = body[body.index("Acts (") : body.index("<h2>Facts")]
    dates = re.findall(r'<td class="date">([^<]*)</td>', acts)
    assert dates == sorted(dates) and len(dates) == 5  # via its envoy too
    assert "the Soviet Union recognized Israel" in acts
    assert 'href="/id/act/news1/letter1953"' in acts
    assert "actor (envoy)" in acts and "counterpart" in acts


def test_asserted_and_inferred_facts_are_told_apart(client: FlaskClient) -> None:
    body = page(client, "/id/person/moshe-sharett").get_data(as_text=True)
    rows = re.findall(r'<tr class="(inferred|asserted)"><td>(.*?)</td>', body)
    kinds = {text_of(p): k for k, p in rows}
    assert kinds["dip:interactedWith"] == "inferred"
    assert kinds["dip:represents"] == "asserted"
    assert kinds["rdfs:label"] == "asserted"


def test_act_page_shows_evidence_and_links_to_its_source(client: FlaskClient) -> None:
    body = page(client, "/id/act/news1/letter1953").get_data(as_text=True)
    assert "<mark>Mr. Sharett wrote to Mr. Molotov</mark>" in body
    assert 'href="/id/doc/news1#ev-letter1953"' in body
    start, end = span(next(a for a in ACTS if a.key == "letter1953"))
    assert f"characters {start}–{end}" in body


def test_document_page_highlights_every_span_and_escapes_the_text(client: FlaskClient) -> None:
    body = page(client, "/id/doc/news1").get_data(as_text=True)
    text_html = re.search(r'<div class="doctext">(.*?)</div>', body, re.S).group(1)
    assert text_of(text_html) == NEWS_TEXT  # nothing lost, nothing added
    assert "<script>" not in text_html and "&lt;script&gt;" in text_html
    links = dict(re.findall(r'<a class="hl[^"]*" href="([^"]+)"[^>]*>([^<]*)</a>', text_html))
    assert {"/id/act/news1/rec1948", "/id/act/news1/letter1953",
            "/id/act/news1/resume1953"} <= set(links)
    # the overlap of the letter and the resumption is marked as such
    assert 'class="hl d2' in text_html
    assert 'id="ev-resume1953"' in text_html


def test_inner_document_shows_its_slice_of_the_collection(client: FlaskClient) -> None:
    body = page(client, "/id/doc/coll1/1").get_data(as_text=True)
    text_html = re.search(r'<div class="doctext">(.*?)</div>', body, re.S).group(1)
    start, end = COLLECTION_TEXT.index("1. Note"), COLLECTION_TEXT.index("2. Letter")
    assert text_of(text_html) == COLLECTION_TEXT[start:end]
    assert 'href="/id/act/coll1/sever1953"' in text_html
    assert "/id/act/coll1/visit2016" not in text_html  # its span lies in the other letter


def test_collection_lists_its_inner_documents(client: FlaskClient) -> None:
    body = page(client, "/id/doc/coll1").get_data(as_text=True)
    inner = body[body.index("Documents in this collection") :]
    assert inner.index("Note of the Soviet Government") < inner.index("Letter of M. Sharett")
    assert 'href="/id/person/moshe-sharett"' in inner  # the letter's author


def test_hostile_strings_are_escaped_and_unsafe_iris_not_linked(client: FlaskClient) -> None:
    body = page(client, "/id/person/evil").get_data(as_text=True)
    assert EVIL_LABEL not in body
    assert html.escape(EVIL_LABEL) in body or "&lt;img src=x onerror=" in body
    assert 'href="javascript:' not in body


def test_unknown_iri_is_404(client: FlaskClient) -> None:
    assert page(client, "/id/state/atlantis").status_code == 404
    assert page(client, "/id/state/atlantis", "text/turtle").status_code == 404
    assert page(client, "/id/state/<x>").status_code == 404


def test_no_path_escapes_the_served_data(client: FlaskClient) -> None:
    for path in ("/id/../../etc/passwd", "/id/%2e%2e/%2e%2e/etc/passwd",
                 "/static/../linked.py", "/static/%2e%2e/linked.py", "/ontology.py",
                 "/ontology.%2e%2e"):
        r = page(client, path)
        assert r.status_code in (404, 406), path
        assert b"root:" not in r.data and b"import" not in r.data


# -- RDF for programs ---------------------------------------------------------------
@pytest.mark.parametrize(
    "accept",
    ["text/turtle", "application/ld+json", "application/rdf+xml", "application/n-triples"],
)
def test_act_description_in_every_syntax(client: FlaskClient, accept: str) -> None:
    r = page(client, "/id/act/news1/letter1953", accept)
    assert r.status_code == 200 and r.mimetype == accept
    g = graph_of(r.data, accept)
    act = rdflib.URIRef(act_iri("letter1953"))
    ev = rdflib.URIRef(act_iri("letter1953") + "/evidence")
    assert (act, rdflib.URIRef(DIP + "evidence"), ev) in g
    assert (ev, rdflib.URIRef(OA + "hasSource"), rdflib.URIRef(DEFAULT_BASE + "doc/news1")) in g
    exact = list(g.objects(None, rdflib.URIRef(OA + "exact")))
    starts = list(g.objects(None, rdflib.URIRef(OA + "start")))
    assert [str(e) for e in exact] == ["Mr. Sharett wrote to Mr. Molotov"] and len(starts) == 1
    # the description stays about the act: no other act's triples
    assert all(str(s).startswith(act_iri("letter1953")) for s in g.subjects())


def test_format_parameter_wins_and_unknown_types_are_refused(client: FlaskClient) -> None:
    r = page(client, "/id/state/israel?format=ttl")
    assert r.mimetype == "text/turtle"
    assert page(client, "/id/state/israel", "image/png").status_code == 406
    assert page(client, "/id/state/israel", "*/*").mimetype == "text/html"


def test_inferred_triples_can_be_left_out(client: FlaskClient) -> None:
    inferred = rdflib.URIRef(DIP + "interactedWith")
    with_all = rdflib.Graph().parse(data=page(client, "/id/person/moshe-sharett",
                                              "text/turtle").data, format="turtle")
    asserted = rdflib.Graph().parse(data=page(client, "/id/person/moshe-sharett?infer=false",
                                              "text/turtle").data, format="turtle")
    assert any(with_all.triples((None, inferred, None)))
    assert not any(asserted.triples((None, inferred, None)))
    # the office, a node that only describes the person, comes along
    office = rdflib.URIRef(DEFAULT_BASE + "person/moshe-sharett/office/1")
    assert (office, rdflib.RDFS.label, None) in asserted


def test_the_base_iri_is_configurable(tmp_path: Path) -> None:
    base = "http://kg.example.org/data/"
    app = make_app(build_sample_store(tmp_path / "store", base), base_iri=base)
    try:
        c = app.test_client()
        body = page(c, "/id/state/israel").get_data(as_text=True)
        assert "<h1>Israel</h1>" in body and 'href="/id/person/moshe-sharett"' in body
        g = rdflib.Graph().parse(data=page(c, "/id/state/israel", "text/turtle").data,
                                 format="turtle")
        assert (rdflib.URIRef(base + "state/israel"), rdflib.RDFS.label, None) in g
        # the default base names nothing here
        assert page(c, "/id/doc/nothing").status_code == 404
    finally:
        app.extensions["dipkg"].close()


# -- the ontology --------------------------------------------------------------------
def test_ontology_for_protege_and_for_people(client: FlaskClient, app: Flask) -> None:
    path = Path(app.extensions["dipkg"].config.ontology_path)
    if not path.is_file():
        pytest.skip(f"{path} is not written yet")
    ttl = page(client, "/ontology", "text/turtle")
    assert ttl.mimetype == "text/turtle" and ttl.data == path.read_bytes()
    xml = page(client, "/ontology", "application/rdf+xml")
    assert xml.mimetype == "application/rdf+xml"
    g = rdflib.Graph().parse(data=xml.data, format="xml")
    assert (rdflib.URIRef(DIP + "Visit"), rdflib.RDF.type, rdflib.OWL.Class) in g
    assert page(client, "/ontology.owl").data == xml.data
    body = page(client, "/ontology").get_data(as_text=True)
    assert 'id="Visit"' in body and 'id="actor"' in body
    for cls in g.subjects(rdflib.RDF.type, rdflib.OWL.Class):
        if str(cls).startswith(DIP):
            assert f'id="{str(cls)[len(DIP):]}"' in body


def test_ontology_page_documents_each_term(tmp_path: Path, sample_store: Path) -> None:
    onto = tmp_path / "tiny.ttl"
    onto.write_text(TINY_ONTOLOGY)
    app = make_app(sample_store, ontology_path=onto)
    try:
        c = app.test_client()
        body = page(c, "/ontology/").get_data(as_text=True)
        visit = body[body.index('id="Visit"') :]
        visit = visit[: visit.index("</section>")]
        assert "A journey to &lt;another&gt; state." in visit
        assert 'href="/ontology#DiplomaticAct"' in visit
        assert "https://w3id.org/dipkg/cameo/042" in visit
        act = body[body.index('id="DiplomaticAct"') :]
        assert 'href="/ontology#Visit"' in act[: act.index("</section>")]  # its subclass
        actor = body[body.index('id="actor"') :]
        actor = actor[: actor.index("</section>")]
        assert "⊔" in actor and 'href="/ontology#Envoy"' in actor  # a union range
        assert 'href="/ontology#performed"' in actor  # the inverse, seen from this side
        chain = body[body.index('id="actingState"') :]
        assert "∘" in chain[: chain.index("</section>")]
        assert "transitive" in body[body.index('id="successorOf"') :]
        assert "<b>ontology</b>" not in body
        # no .owl beside the stand-in: RDF/XML is written from the Turtle
        g = rdflib.Graph().parse(data=page(c, "/ontology", "application/rdf+xml").data,
                                 format="xml")
        assert len(g) == len(rdflib.Graph().parse(onto))
        assert page(c, "/ontology.ttl").data == onto.read_bytes()
    finally:
        app.extensions["dipkg"].close()


# -- the highlighter -----------------------------------------------------------------
def test_highlight_overlaps_nesting_and_clipping() -> None:
    text = "abcdefghij<&>"
    spans = [Span(0, 6, "/a", "A", "ev-a"), Span(3, 9, "/b", "B <b>", "ev-b"),
             Span(4, 5, "/c", "C", "ev-c"), Span(11, 99, "/d", "D", "ev-d"),
             Span(7, 7, "/e", "E", "ev-e")]
    out = str(highlight(text, spans))
    assert text_of(out) == text
    pieces = re.findall(r'<a class="hl (d\d)[^"]*" href="([^"]+)" title="([^"]*)">([^<]*)</a>', out)
    assert [(d, h, t) for d, h, _, t in pieces] == [
        ("d1", "/a", "abc"), ("d2", "/a", "d"), ("d3", "/c", "e"), ("d2", "/a", "f"),
        ("d1", "/b", "ghi"), ("d1", "/d", "&amp;&gt;")]
    assert "B &lt;b&gt;" in out and "<b>" not in out
    assert out.count('id="ev-') == 4  # the empty span has no text to carry it
    # offsets count in the source; an inner text starting at 5 sees only its part
    inner = str(highlight("fghij", spans, offset=5))
    assert text_of(inner) == "fghij" and 'href="/c"' not in inner


def test_linker_maps_our_iris_home_and_refuses_unsafe_schemes() -> None:
    lk = Linker("http://h/id/", "/app")
    assert lk.href("http://h/id/state/x") == "/app/id/state/x"
    assert lk.href(DIP + "Visit") == "/app/ontology#Visit"
    assert lk.href("https://example.org/x") == "https://example.org/x"
    assert lk.href("javascript:alert(1)") is None
    assert lk.href("data:text/html,x") is None
