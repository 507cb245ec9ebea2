"""The benchmark generator writes what ontology/README.md says, at the size asked, every time."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml
from benchmark_modules import load_benchmark

from kg.vocab import ACT_TYPES

ROOT = Path(__file__).resolve().parents[1]
DIP = "https://w3id.org/dipkg/ontology#"
ID = "https://w3id.org/dipkg/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"
PREFIX = f"PREFIX dip: <{DIP}>\nPREFIX oa: <http://www.w3.org/ns/oa#>\n" \
    "PREFIX dcterms: <http://purl.org/dc/terms/>\n"


gen = load_benchmark("generate")


@pytest.fixture(scope="module")
def authority():
    directory = ROOT / "data" / "authority"
    return gen.load_authority(directory) if directory.is_dir() else gen.Authority()


@pytest.fixture(scope="module")
def store(authority) -> ox.Store:
    data = "".join(gen.generate_nquads(20_000, seed=3, authority=authority)).encode()
    s = ox.Store()
    s.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    return s


def _select(store: ox.Store, query: str) -> list[ox.QuerySolution]:
    return list(store.query(PREFIX + query, use_default_graph_as_union=True))


def test_size_and_determinism(authority):
    lines = list(gen.generate_nquads(5_000, seed=11, authority=authority))
    assert 5_000 <= len(lines) <= 5_000 + 100  # the last source is trimmed to fit
    assert lines == list(gen.generate_nquads(5_000, seed=11, authority=authority))
    assert lines != list(gen.generate_nquads(5_000, seed=12, authority=authority))
    quads = list(gen.generate_quads(5_000, seed=11, authority=authority))
    assert ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode() == "".join(lines)


def test_evidence_quotes_are_at_their_offsets(store: ox.Store):
    rows = _select(store, """
        SELECT ?a ?type ?text ?start ?end ?exact ?prefix ?suffix WHERE {
          ?a a ?type ; dip:evidence ?e ; prov:wasDerivedFrom ?d .
          ?e oa:hasSource ?d ; oa:hasSelector ?p, ?q .
          ?d dip:text ?text . ?p oa:start ?start ; oa:end ?end .
          ?q oa:exact ?exact ; oa:prefix ?prefix ; oa:suffix ?suffix }
    """.replace("SELECT", "PREFIX prov: <http://www.w3.org/ns/prov#> SELECT", 1))
    assert len(rows) > 500
    for r in rows:
        text, start, end = r["text"].value, int(r["start"].value), int(r["end"].value)
        assert text[start:end] == r["exact"].value
        assert text[max(0, start - 32) : start] == r["prefix"].value
        assert text[end : end + 32] == r["suffix"].value
        # id:act/{source}/{first 12 hex of sha256(type|start|end)}
        local = r["type"].value.removeprefix(DIP)
        digest = hashlib.sha256(f"{local}|{start}|{end}".encode()).hexdigest()[:12]
        assert r["a"].value.endswith("/" + digest)


def test_all_act_types_dates_and_roles(store: ox.Store):
    types = {r["t"].value.removeprefix(DIP) for r in _select(
        store, "SELECT DISTINCT ?t WHERE { ?a dip:evidence ?e ; a ?t }")}
    assert types == set(ACT_TYPES)
    datatypes = {r["dt"].value.removeprefix(XSD) for r in _select(
        store, "SELECT DISTINCT (datatype(?d) AS ?dt) WHERE { ?a dip:date ?d }")}
    assert datatypes == {"date", "gYearMonth", "gYear"}
    for prop in ("counterpart", "intermediary", "place"):
        ask = PREFIX + f"ASK {{ ?a dip:{prop} ?x }}"
        assert bool(store.query(ask, use_default_graph_as_union=True)), prop
    # every agent of an act is a State or an Envoy described in the authority graph
    orphans = _select(store, """
        SELECT ?x WHERE { ?a dip:actor|dip:counterpart|dip:intermediary ?x
          FILTER NOT EXISTS { GRAPH <https://w3id.org/dipkg/id/graph/authority> {
            { ?x a dip:State } UNION { ?x a dip:Envoy ; dip:represents ?s } } } }""")
    assert orphans == []


def test_documents_graphs_and_collections(store: ox.Store):
    graphs = {g.value for g in store.named_graphs()}
    assert f"{ID}graph/authority" in graphs
    sources = {g for g in graphs if g.startswith(f"{ID}graph/source/")}
    assert len(sources) >= 10
    # each source graph holds exactly its own top-level document and text
    for row in _select(store, """
        SELECT ?g ?d ?genre WHERE { GRAPH ?g { ?d dip:text ?t ; dip:genre ?genre } }"""):
        assert row["g"].value == f"{ID}graph/source/" + row["d"].value.removeprefix(f"{ID}doc/")
    rows = _select(store, "SELECT ?genre WHERE { ?d dip:genre ?genre }")
    genres = {r["genre"].value for r in rows}
    assert genres == {"news", "encyclopedia", "collection", "essay"}
    items = _select(store, """
        SELECT ?item ?c ?kind ?text ?bs ?be WHERE {
          ?item dcterms:isPartOf ?c ; a ?kind ; dip:bodyStart ?bs ; dip:bodyEnd ?be ;
                dip:author ?author ; dip:recipient ?recipient .
          ?c a dip:DocumentCollection ; dip:text ?text }""")
    assert {r["kind"].value.removeprefix(DIP) for r in items} >= {"Letter", "Telegram"}
    for r in items:
        body = r["text"].value[int(r["bs"].value) : int(r["be"].value)]
        # the body starts with the letter's heading, which the CONTENT table lists too
        heading = body.split("\n", 1)[0]
        assert heading.split(" ", 1)[0] in {"LETTER", "TELEGRAM", "NOTE", "MEMORANDUM"}
        assert r["text"].value.count(heading) >= 2
        assert r["item"].value.startswith(r["c"].value + "/")


def test_entities_follow_the_data_model(store: ox.Store, authority):
    envoys = _select(store, """
        SELECT ?p ?state ?office ?label ?start WHERE { ?p a dip:Envoy ; dip:represents ?state ;
          dip:heldOffice ?office . ?office a dip:Office ; rdfs:label ?label ; dip:officeOf ?s2
          OPTIONAL { ?office dip:startYear ?start } }""".replace(
        "SELECT", "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT", 1))
    assert envoys
    for r in envoys:
        assert r["office"].value.startswith(r["p"].value + "/office/")
        if r["start"] is not None:
            assert r["start"].datatype.value == XSD + "gYear"
    persons = {e.id for e in authority.entities if e.kind == "Envoy"}
    if persons:  # the curated people are used, not only generated ones
        used = {r["p"].value.removeprefix(f"{ID}person/") for r in envoys}
        assert persons & used
    successor = _select(store, "SELECT ?a ?b WHERE { ?a dip:successorOf ?b }")
    assert (f"{ID}state/russia", f"{ID}state/soviet-union") in {
        (r["a"].value, r["b"].value) for r in successor}


def test_shacl_shapes_accept_a_small_graph(authority):
    shapes_path = ROOT / "ontology" / "shapes.ttl"
    if not shapes_path.exists():
        pytest.skip("ontology/shapes.ttl is not there yet")
    pyshacl = pytest.importorskip("pyshacl")
    import rdflib

    data = rdflib.Graph()
    data.parse(data="".join(
        line.rsplit(" <", 1)[0] + " .\n"
        for line in gen.generate_nquads(1_500, seed=5, authority=authority)), format="nt")
    conforms, _, report = pyshacl.validate(
        data, shacl_graph=rdflib.Graph().parse(shapes_path),
        ont_graph=rdflib.Graph().parse(ROOT / "ontology" / "dipkg.ttl"), inference="rdfs")
    assert conforms, report[:2000]


def test_texts_in_four_genres(authority):
    texts = gen.generate_texts(8, seed=2, authority=authority)
    assert [t.name for t in texts] == [t.name for t in gen.generate_texts(8, seed=2,
                                                                          authority=authority)]
    assert {t.source.genre for t in texts} == {"news", "encyclopedia", "collection", "essay"}
    assert len({t.text for t in texts}) == 8
    collection = next(t.text for t in texts if t.source.genre == "collection")
    assert "\nCONTENT\n" in collection
    assert any(h in collection for h in ("\nLETTER FROM ", "\nTELEGRAM FROM "))
    news = next(t.text for t in texts if t.source.genre == "news")
    assert "Download PDF for this date" in news
    for t in texts:
        for row in t.truth():
            assert t.text[row["start"] : row["end"]] == row["exact"]
    # dates as texts write them: "July 15, 1953", "in June 1967", "May 17th 1948"
    every = "\n".join(t.text for t in gen.generate_texts(30, seed=2, authority=authority))
    assert re.search(r"\b(January|February|March|April|May|June|July|August|September|"
                     r"October|November|December) \d{1,2}, \d{4}", every)
    assert re.search(r"\bin (January|June|July|May|March|April|August|September|October|"
                     r"November|December|February)( of)? \d{4}", every)
    assert re.search(r"\b\d{1,2}(st|nd|rd|th),? \d{4}", every)
    longer = gen.generate_texts(4, seed=2, authority=authority, scale=3.0)
    assert sum(len(t.text) for t in longer) > sum(len(t.text) for t in texts[:4])


def test_cli_writes_graph_and_texts(tmp_path: Path):
    out = tmp_path / "g.nq.gz"
    # (above the floor the whole entity graph sets, about 3,400 triples)
    assert gen.main(["graph", "--triples", "5k", "--seed", "4", "-o", str(out)]) == 0
    store = ox.Store()
    store.bulk_load(gzip.decompress(out.read_bytes()), format=ox.RdfFormat.N_QUADS)
    assert 5_000 <= len(store) <= 5_100
    texts = tmp_path / "texts"
    assert gen.main(["texts", "-n", "5", "-o", str(texts)]) == 0
    files = sorted(texts.glob("*.txt"))
    assert len(files) == 5
    manifest = yaml.safe_load((texts / "sources.yaml").read_text(encoding="utf-8"))
    assert set(manifest) == {f.stem for f in files}
    assert {m["genre"] for m in manifest.values()} == {"news", "encyclopedia", "collection",
                                                        "essay"}
    truth = [json.loads(line) for line in (texts / "truth.jsonl").read_text().splitlines()]
    assert Counter(row["source"] for row in truth).keys() == manifest.keys()
    for row in truth[:50]:
        text = (texts / f"{row['source']}.txt").read_text(encoding="utf-8")
        assert text[row["start"] : row["end"]] == row["exact"]


def test_parse_size_and_tolerant_authority():
    assert [gen.parse_size(s) for s in ("10k", "1M", "2.5m", "500")] == [
        10_000, 1_000_000, 2_500_000, 500]
    with pytest.raises(ValueError):
        gen.parse_size("lots")
    auth = gen.parse_authority([
        ("states", [{"id": "atlantis", "label": "Atlantis", "adjectives": ["Atlantean"],
                     "capitals": ["Poseidonia"]}]),
        ("misc", {"persons": [{"id": "jane-roe", "label": "Jane Roe", "represents": "atlantis",
                               "offices": [{"title": "Envoy of Atlantis", "state": "atlantis",
                                            "from": 1950, "to": 1960}]}]}),
    ])
    kinds = {e.id: e.kind for e in auth.entities}
    assert kinds == {"atlantis": "State", "jane-roe": "Envoy"}
    assert auth.adjectives["atlantis"] == "Atlantean" and auth.capitals["atlantis"] == "Poseidonia"
    lines = "".join(gen.generate_nquads(3_000, seed=1, authority=auth))
    assert f"<{ID}person/jane-roe/office/1>" in lines and f"<{ID}place/poseidonia>" in lines
