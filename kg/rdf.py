"""Records → RDF triples, exactly as ``ontology/README.md`` lays them out.

Pure: no files, no stores.  IRIs are stable (an act's IRI hashes its type and evidence
offsets), so converting the same text twice gives the same graph.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from decimal import Decimal

from rdflib import Graph, Literal, URIRef

from kg.records import Act, Document, Entity, PartialDate, SourceMeta, entity_key
from kg.vocab import DCTERMS, DIP, ID, OA, PROV, RDF, RDFS, SKOS, WD, XSD

KIND_CLASS = {"State": DIP.State, "Envoy": DIP.Envoy, "Place": DIP.Place}
CONTEXT = 32  # characters of oa:prefix / oa:suffix


def entity_iri(key: str) -> URIRef:
    """IRI of an entity key such as ``state/israel``."""
    return ID[key]


def doc_iri(source_id: str, n: int = 0) -> URIRef:
    return ID[f"doc/{source_id}"] if n == 0 else ID[f"doc/{source_id}/{n}"]


def act_hash(act: Act) -> str:
    """First 12 hex digits of SHA-256 of ``type|start|end`` of the evidence span."""
    raw = f"{act.type}|{act.evidence.start}|{act.evidence.end}".encode()
    return hashlib.sha256(raw).hexdigest()[:12]


def act_iri(source_id: str, act: Act) -> URIRef:
    return ID[f"act/{source_id}/{act_hash(act)}"]


def date_literal(date: PartialDate) -> Literal:
    lexical, dtype = date.xsd()
    return Literal(lexical, datatype=XSD[dtype])


def entity_triples(g: Graph, e: Entity) -> None:
    """Type, label, spellings, Wikidata link, and an envoy's state and offices."""
    s = entity_iri(entity_key(e))
    g.add((s, RDF.type, KIND_CLASS[e.kind]))
    g.add((s, RDFS.label, Literal(e.label, lang="en")))
    for sp in e.spellings:
        if sp != e.label:
            g.add((s, SKOS.altLabel, Literal(sp, lang="en")))
    if e.wikidata:
        # skos:exactMatch, not owl:sameAs: sameAs would copy every fact onto the
        # Wikidata IRI in the closure and double the answer to every reasoned query.
        g.add((s, SKOS.exactMatch, WD[e.wikidata]))
    if e.kind == "State":
        g.add((s, DIP.forState, s))  # a state stands for itself (see dip:forState)
    if e.represents:
        g.add((s, DIP.represents, ID[f"state/{e.represents}"]))
    if e.successor_of:
        g.add((s, DIP.successorOf, ID[f"state/{e.successor_of}"]))
    for i, office in enumerate(e.offices, start=1):
        o = ID[f"person/{e.id}/office/{i}"]
        g.add((s, DIP.heldOffice, o))
        g.add((o, RDF.type, DIP.Office))
        g.add((o, RDFS.label, Literal(office.title, lang="en")))
        g.add((o, DIP.officeOf, ID[f"state/{office.state}"]))
        if office.start is not None:
            g.add((o, DIP.startYear, Literal(f"{office.start:04d}", datatype=XSD.gYear)))
        if office.end is not None:
            g.add((o, DIP.endYear, Literal(f"{office.end:04d}", datatype=XSD.gYear)))


def document_triples(
    g: Graph, text: str, source_id: str, doc: Document, meta: SourceMeta | None
) -> None:
    s = doc_iri(source_id, doc.n)
    g.add((s, RDF.type, DIP[doc.kind]))
    if doc.title:
        g.add((s, DCTERMS.title, Literal(doc.title)))
    if doc.date:
        g.add((s, DCTERMS.date, date_literal(doc.date)))
    if doc.n == 0:
        g.add((s, DIP.text, Literal(text)))
        if doc.genre:
            g.add((s, DIP.genre, Literal(doc.genre)))
        if meta is not None:
            if meta.publisher:
                g.add((s, DCTERMS.publisher, Literal(meta.publisher)))
            if meta.url:
                g.add((s, DCTERMS.source, URIRef(meta.url)))
            if meta.licence:
                g.add((s, DCTERMS.license, Literal(meta.licence)))
        return
    g.add((s, DCTERMS.isPartOf, doc_iri(source_id)))
    if doc.author:
        g.add((s, DIP.author, entity_iri(doc.author)))
    if doc.recipient:
        g.add((s, DIP.recipient, entity_iri(doc.recipient)))
    if doc.body:
        g.add((s, DIP.bodyStart, Literal(doc.body.start, datatype=XSD.integer)))
        g.add((s, DIP.bodyEnd, Literal(doc.body.end, datatype=XSD.integer)))


def act_triples(g: Graph, text: str, source_id: str, act: Act) -> None:
    a = act_iri(source_id, act)
    top = doc_iri(source_id)
    g.add((a, RDF.type, DIP[act.type]))
    for prop, keys in (
        (DIP.actor, act.actors),
        (DIP.counterpart, act.counterparts),
        (DIP.intermediary, act.intermediaries),
    ):
        for k in keys:
            g.add((a, prop, entity_iri(k)))
    if act.date:
        g.add((a, DIP.date, date_literal(act.date)))
    if act.place:
        g.add((a, DIP.place, entity_iri(act.place)))
    g.add((a, DIP.recordedIn, doc_iri(source_id, act.doc)))
    g.add((a, PROV.wasDerivedFrom, top))
    g.add((a, DIP.extractionMethod, Literal(act.method)))
    g.add((a, DIP.confidence, Literal(Decimal(f"{act.confidence:.2f}"), datatype=XSD.decimal)))
    ev = URIRef(f"{a}/evidence")
    pos = URIRef(f"{a}/evidence/position")
    quote = URIRef(f"{a}/evidence/quote")
    start, end = act.evidence.start, act.evidence.end
    g.add((a, DIP.evidence, ev))
    g.add((ev, RDF.type, OA.SpecificResource))
    g.add((ev, OA.hasSource, top))
    g.add((ev, OA.hasSelector, pos))
    g.add((ev, OA.hasSelector, quote))
    g.add((pos, RDF.type, OA.TextPositionSelector))
    g.add((pos, OA.start, Literal(start, datatype=XSD.nonNegativeInteger)))
    g.add((pos, OA.end, Literal(end, datatype=XSD.nonNegativeInteger)))
    g.add((quote, RDF.type, OA.TextQuoteSelector))
    g.add((quote, OA.exact, Literal(text[start:end])))
    g.add((quote, OA.prefix, Literal(text[max(0, start - CONTEXT) : start])))
    g.add((quote, OA.suffix, Literal(text[end : end + CONTEXT])))


def referenced(acts: Iterable[Act], documents: Iterable[Document]) -> set[str]:
    """Entity keys the acts and documents point at."""
    keys: set[str] = set()
    for act in acts:
        keys.update(act.participants)
        if act.place:
            keys.add(act.place)
    for d in documents:
        keys.update(k for k in (d.author, d.recipient) if k)
    return keys


def source_triples(
    g: Graph,
    text: str,
    source_id: str,
    documents: Iterable[Document],
    entities: Iterable[Entity],
    acts: Iterable[Act],
    meta: SourceMeta | None,
) -> Graph:
    """Every triple of one source, self-contained: the entities it names come along,
    with the states they represent or succeed."""
    documents = list(documents)
    acts = list(acts)
    by_key = {entity_key(e): e for e in entities}
    wanted = referenced(acts, documents)
    queue = list(wanted)
    while queue:
        e = by_key.get(queue.pop())
        if e is None:
            continue
        refs = [e.represents, e.successor_of, *(o.state for o in e.offices)]
        for sid in filter(None, refs):
            if f"state/{sid}" not in wanted:
                wanted.add(f"state/{sid}")
                queue.append(f"state/{sid}")
    for key in sorted(wanted):
        if key in by_key and by_key[key].kind in KIND_CLASS:
            entity_triples(g, by_key[key])
    for d in documents:
        document_triples(g, text, source_id, d, meta)
    for act in acts:
        act_triples(g, text, source_id, act)
    return g
