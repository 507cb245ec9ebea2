"""Linked data: every instance IRI at ``/id/...`` and the ontology at ``/ontology``.

A browser gets an HTML page, a program the resource's description (its triples,
plus the nodes that only exist to describe it: an act's evidence and selectors,
an envoy's offices, blank nodes) in Turtle, JSON-LD, RDF/XML or N-Triples.  The
public base IRI comes from the configuration, so ``/id/x`` means ``base_iri + x``
on whatever host serves it.  Facts are split into asserted and inferred by
asking the store twice (reasoning on, then off): whatever only the first answer
holds came from the reasoner.
"""

from __future__ import annotations

import functools
import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import rdflib
from flask import Blueprint, Response, abort, current_app, render_template, request
from markupsafe import Markup
from rdflib.collection import Collection

from endpoint.html import (
    ONTOLOGY_NS,
    Linker,
    Span,
    anchor_id,
    curie,
    highlight,
    link,
    local_name,
    term_html,
)
from endpoint.negotiate import negotiate
from kg.store import Store
from kg.vocab import ACT_TYPES, DOCUMENT_TYPES, GRAPH_ONTOLOGY, ONTOLOGY_IRI

log = logging.getLogger(__name__)

bp = Blueprint("linked", __name__, template_folder="templates")

HTML = "text/html"
RDF_MEDIA: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
}
# The extensions of ``/ontology.<ext>``.
ONTOLOGY_EXT: dict[str, str] = {
    "html": HTML,
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "rdf": "application/rdf+xml",
    "owl": "application/rdf+xml",
    "xml": "application/rdf+xml",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
}
OFFERED = [HTML, *RDF_MEDIA]
FORMAT_LINKS = (
    ("Turtle", "ttl"), ("JSON-LD", "jsonld"), ("RDF/XML", "rdfxml"), ("N-Triples", "nt"),
)

PREFIX_DECL = """
PREFIX dip: <https://w3id.org/dipkg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
DIP_TEXT = ONTOLOGY_NS + "text"
ACT_CLASSES = " ".join(f"dip:{t}" for t in ACT_TYPES)
_ACT_IRIS = {ONTOLOGY_NS + t for t in ACT_TYPES}
_DOC_IRIS = {ONTOLOGY_NS + t for t in DOCUMENT_TYPES} | {ONTOLOGY_NS + "Document"}


# -- access to the app's services ---------------------------------------------
def services():
    return current_app.extensions["dipkg"]


def store() -> Store:
    return services().store


def linker() -> Linker:
    return Linker(base_iri=services().config.base_iri, root=request.script_root)


def choose(offered: Sequence[str]) -> str:
    """The media type to answer with: ``?format=`` first, then the Accept header."""
    return negotiate(
        request.headers.get("Accept"),
        list(offered),
        format_param=request.args.get("format"),
        graph=True,
    )


def want_infer() -> bool:
    return request.args.get("infer", "true").strip().lower() not in ("false", "0", "no", "off")


# -- fixed queries -------------------------------------------------------------
def node(iri: str) -> str:
    """``<iri>`` for a query, after pyoxigraph checked it is an IRI (no injection)."""
    try:
        return str(ox.NamedNode(iri))
    except ValueError:
        abort(404)


def _select(st: Store, sparql: str, *, infer: bool = True) -> list[ox.QuerySolution]:
    return list(st.query(PREFIX_DECL + sparql, infer=infer))  # type: ignore[arg-type]


def exists(st: Store, iri: str) -> bool:
    n = node(iri)
    if bool(st.query(f"ASK {{ {{ {n} ?p ?o }} UNION {{ ?s ?p {n} }} }}")):
        return True
    return any(isinstance(g, ox.NamedNode) and g.value == iri for g in st.named_graphs())


@dataclass
class Fact:
    predicate: ox.NamedNode
    obj: ox.NamedNode | ox.BlankNode | ox.Literal
    inferred: bool


def facts(st: Store, iri: str) -> list[Fact]:
    """Every (predicate, object) of ``iri``, each marked asserted or inferred."""
    q = f"SELECT ?p ?o WHERE {{ {node(iri)} ?p ?o }}"
    everything = [(r["p"], r["o"]) for r in _select(st, q, infer=True)]
    asserted = {(r["p"], r["o"]) for r in _select(st, q, infer=False)}
    me = ox.NamedNode(iri)
    out = [
        Fact(p, o, (p, o) not in asserted)
        for p, o in dict.fromkeys(everything)
        if not (p.value == OWL_SAME_AS and o == me)  # reflexive, from reasoning: no news
    ]
    order = {RDF_TYPE: 0, RDFS_LABEL: 1}
    out.sort(key=lambda f: (order.get(f.predicate.value, 2), curie(f.predicate.value), str(f.obj)))
    return out


def incoming(st: Store, iri: str, limit: int = 200) -> list[tuple[ox.NamedNode, ox.NamedNode]]:
    q = f"SELECT DISTINCT ?s ?p WHERE {{ ?s ?p {node(iri)} FILTER(isIRI(?s)) }} LIMIT {limit}"
    rows = [(r["s"], r["p"]) for r in _select(st, q, infer=False)]
    return sorted(rows, key=lambda r: (curie(r[1].value), r[0].value))


def labels(st: Store, iris: Iterable[str]) -> dict[str, str]:
    """The best label of each IRI (an English or plain ``rdfs:label``, else a title)."""
    wanted = sorted({i for i in iris if i})
    out: dict[str, tuple[int, str]] = {}
    for i in range(0, len(wanted), 400):
        values = " ".join(node(x) for x in wanted[i : i + 400])
        q = f"""SELECT ?x ?l ?k WHERE {{ VALUES ?x {{ {values} }}
            {{ ?x rdfs:label ?l BIND(0 AS ?k) }} UNION {{ ?x skos:prefLabel ?l BIND(1 AS ?k) }}
            UNION {{ ?x dcterms:title ?l BIND(2 AS ?k) }} }}"""
        for r in _select(st, q, infer=False):
            lit = r["l"]
            rank = int(r["k"].value) * 2 + (0 if lit.language in (None, "en") else 1)
            key = r["x"].value
            if key not in out or (rank, lit.value) < out[key]:
                out[key] = (rank, lit.value)
    # An act has no label: name it by its kind and date ("Correspondence, 1953-07-06").
    rest = [x for x in wanted if x not in out]
    for i in range(0, len(rest), 400):
        values = " ".join(node(x) for x in rest[i : i + 400])
        q = f"""SELECT ?x ?t ?d WHERE {{ VALUES ?x {{ {values} }} ?x a ?t .
            VALUES ?t {{ {ACT_CLASSES} }} OPTIONAL {{ ?x dip:date ?d }} }}"""
        for r in _select(st, q, infer=False):
            name = local_name(r["t"].value) + (f", {r['d'].value}" if r["d"] is not None else "")
            out[r["x"].value] = (9, name)
    return {k: v for k, (_, v) in out.items()}


def most_specific(types: Iterable[str]) -> str | None:
    """The act or document class among an entity's types (reasoning adds the supers)."""
    ts = set(types)
    for t in sorted(ts):
        if t in _ACT_IRIS:
            return t
    for t in sorted(ts):
        if t in _DOC_IRIS and t != ONTOLOGY_NS + "Document":
            return t
    return None


@dataclass
class ActRow:
    """One act as the pages list it."""

    iri: str
    type: str = ""
    date: str = ""
    roles: set[str] = field(default_factory=set)
    actors: set[str] = field(default_factory=set)
    counterparts: set[str] = field(default_factory=set)
    quote: str = ""
    doc: str = ""
    start: int | None = None
    end: int | None = None


def _collect_acts(st: Store, found: Iterable[ox.QuerySolution]) -> list[ActRow]:
    """Acts found by a selective query (``?act``, maybe ``?role``, ``?start``/``?end``),
    completed by one query over just those acts.

    Two steps because pyoxigraph joins the details first when they share a
    query with the selective part: 40x slower on the seed build.
    """
    acts: dict[str, ActRow] = {}
    for r in found:
        if not isinstance(r["act"], ox.NamedNode):
            continue
        a = acts.setdefault(r["act"].value, ActRow(r["act"].value))
        if r["role"] is not None and r["role"].value:
            a.roles.add(r["role"].value)
        if r["start"] is not None and r["end"] is not None:
            a.start, a.end = int(r["start"].value), int(r["end"].value)
    typed: set[str] = set()
    iris = sorted(acts)
    for i in range(0, len(iris), 400):
        values = " ".join(node(x) for x in iris[i : i + 400])
        q = f"SELECT * WHERE {{ VALUES ?act {{ {values} }} {_ACT_DETAILS} }}"
        for r in _select(st, q, infer=False):
            a = acts[r["act"].value]
            typed.add(a.iri)
            for var, attr in (("type", "type"), ("date", "date"), ("exact", "quote"),
                              ("doc", "doc")):
                if r[var] is not None and not getattr(a, attr):
                    setattr(a, attr, r[var].value)
            if r["actor"] is not None:
                a.actors.add(r["actor"].value)
            if r["cp"] is not None:
                a.counterparts.add(r["cp"].value)
    out = [a for a in acts.values() if a.iri in typed]
    return sorted(out, key=lambda a: (a.date or "9999", a.start or 0, a.iri))


_ACT_DETAILS = f"""
    ?act a ?type . VALUES ?type {{ {ACT_CLASSES} }}
    OPTIONAL {{ ?act dip:actor ?actor }}
    OPTIONAL {{ ?act dip:counterpart ?cp }}
    OPTIONAL {{ ?act dip:date ?date }}
    OPTIONAL {{ ?act dip:recordedIn ?doc }}
    OPTIONAL {{ ?act dip:evidence ?ev . ?ev oa:hasSelector ?qs . ?qs oa:exact ?exact }}
"""


def acts_involving(st: Store, iri: str) -> list[ActRow]:
    """Acts a state or person took part in, directly or through an envoy, by date."""
    n = node(iri)
    roles = []
    for role in ("actor", "counterpart", "intermediary"):
        roles.append(f'{{ ?act dip:{role} {n} BIND("{role}" AS ?role) }}')
        roles.append(
            f'{{ ?via dip:represents {n} . ?act dip:{role} ?via BIND("{role} (envoy)" AS ?role) }}'
        )
    roles.append(f'{{ ?act dip:place {n} BIND("place" AS ?role) }}')
    q = f"SELECT ?act ?role WHERE {{ {' UNION '.join(roles)} }}"
    return _collect_acts(st, _select(st, q, infer=False))


def acts_between(st: Store, a: str, b: str, *, successors: bool = True) -> list[ActRow]:
    """Acts whose two sides are states ``a`` and ``b`` (themselves or their envoys).

    With ``successors`` a state also stands for its predecessors and successors
    along ``dip:successorOf`` (Russia for the Soviet Union).  The parties of
    each side are found first, so the act query is a plain join on two lists.
    """

    def parties(state: str) -> str:
        n = node(state)
        states = f"?s (dip:successorOf|^dip:successorOf)* {n} ." if successors else (
            f"BIND({n} AS ?s)")
        q = f"""SELECT DISTINCT ?p WHERE {{
            {{ {states} BIND(?s AS ?p) }} UNION {{ {states} ?p dip:represents ?s }} }}"""
        found = [r["p"] for r in _select(st, q, infer=False)]
        return " ".join(str(p) for p in found if isinstance(p, ox.NamedNode)) or n

    q = f"""SELECT DISTINCT ?act WHERE {{
        VALUES ?x {{ {parties(a)} }} VALUES ?y {{ {parties(b)} }}
        {{ ?act dip:actor ?x ; dip:counterpart ?y }}
        UNION {{ ?act dip:actor ?y ; dip:counterpart ?x }} }}"""
    return _collect_acts(st, _select(st, q, infer=False))


def act_evidence(st: Store, iri: str) -> dict[str, object] | None:
    """An act's evidence: quote with its context, source document and offsets."""
    q = f"""SELECT * WHERE {{ {node(iri)} dip:evidence ?ev .
        OPTIONAL {{ ?ev oa:hasSource ?src }}
        OPTIONAL {{ ?ev oa:hasSelector ?ps . ?ps oa:start ?start ; oa:end ?end }}
        OPTIONAL {{ ?ev oa:hasSelector ?qs . ?qs oa:exact ?exact
                   OPTIONAL {{ ?qs oa:prefix ?prefix }} OPTIONAL {{ ?qs oa:suffix ?suffix }} }}
    }} LIMIT 1"""
    rows = _select(st, q, infer=False)
    if not rows:
        return None
    r = rows[0]
    return {k: (r[k].value if r[k] is not None else None) for k in
            ("ev", "src", "start", "end", "exact", "prefix", "suffix")}


@dataclass
class DocText:
    """What a document page shows of a text: the text, where it starts, its spans."""

    text: str
    offset: int
    source: str
    acts: list[ActRow]


def document_text(st: Store, iri: str) -> DocText | None:
    """The text of a source document, or an inner document's slice of its collection."""
    n = node(iri)
    q = f"""SELECT ?text ?src ?bs ?be WHERE {{
        {{ {n} dip:text ?text BIND({n} AS ?src) }} UNION
        {{ {n} dcterms:isPartOf+ ?src . ?src dip:text ?text
           OPTIONAL {{ {n} dip:bodyStart ?bs }} OPTIONAL {{ {n} dip:bodyEnd ?be }} }}
    }} LIMIT 1"""
    rows = _select(st, q, infer=False)
    if not rows:
        return None
    r = rows[0]
    full, src = r["text"].value, r["src"].value
    start = int(r["bs"].value) if r["bs"] is not None else 0
    end = int(r["be"].value) if r["be"] is not None else len(full)
    if src != iri and r["bs"] is None:
        return None  # an inner document without offsets: nothing to cut
    start, end = max(0, min(start, len(full))), max(0, min(end, len(full)))
    q = f"""SELECT * WHERE {{ ?act dip:evidence ?ev . ?ev oa:hasSource {node(src)} ;
              oa:hasSelector ?ps . ?ps oa:start ?start ; oa:end ?end .
        }}"""
    recorded = {r["act"].value for r in _select(
        st, f"SELECT ?act WHERE {{ ?act dip:recordedIn {n} }}", infer=False)}
    acts = [
        a
        for a in _collect_acts(st, _select(st, q, infer=False))
        if a.iri in recorded
        or (a.start is not None and a.end is not None and a.start < end and a.end > start)
    ]
    for a in acts:
        if not a.quote and a.start is not None and a.end is not None:
            a.quote = full[a.start : a.end]
    acts.sort(key=lambda a: (a.start or 0, a.iri))
    return DocText(full[start:end], start, src, acts)


def inner_documents(st: Store, iri: str) -> list[dict[str, str]]:
    q = f"""SELECT ?d ?type ?title ?date ?author ?recipient ?bs WHERE {{
        ?d dcterms:isPartOf {node(iri)} .
        OPTIONAL {{ ?d a ?type }} OPTIONAL {{ ?d dcterms:title ?title }}
        OPTIONAL {{ ?d dcterms:date ?date }} OPTIONAL {{ ?d dip:author ?author }}
        OPTIONAL {{ ?d dip:recipient ?recipient }} OPTIONAL {{ ?d dip:bodyStart ?bs }}
    }}"""
    docs: dict[str, dict[str, object]] = {}
    for r in _select(st, q, infer=False):
        d = docs.setdefault(r["d"].value, {"iri": r["d"].value, "types": set(), "bs": 0})
        for k in ("title", "date", "author", "recipient"):
            if r[k] is not None:
                d[k] = r[k].value
        if r["type"] is not None:
            d["types"].add(r["type"].value)  # type: ignore[union-attr]
        if r["bs"] is not None:
            d["bs"] = int(r["bs"].value)
    out = []
    for d in sorted(docs.values(), key=lambda d: (d["bs"], d["iri"])):  # type: ignore[arg-type,return-value]
        d["type"] = most_specific(d.pop("types")) or ""  # type: ignore[arg-type]
        out.append(d)
    return out  # type: ignore[return-value]


def describe(st: Store, iri: str, *, infer: bool = True) -> list[ox.Triple]:
    """The resource's triples and those of the nodes that only exist to describe it."""
    n = node(iri)
    q = f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{
        {{ BIND({n} AS ?s) ?s ?p ?o }}
        UNION {{ {n} dip:evidence ?s . ?s ?p ?o }}
        UNION {{ {n} dip:evidence/oa:hasSelector ?s . ?s ?p ?o }}
        UNION {{ {n} dip:heldOffice ?s . ?s ?p ?o }}
        UNION {{ {n} ?q ?s . FILTER(isBlank(?s)) ?s ?p ?o }}
    }}"""
    triples = list(dict.fromkeys(st.query(PREFIX_DECL + q, infer=infer)))  # type: ignore[call-overload]
    return triples


def serialize(triples: Sequence[ox.Triple], media: str, base_iri: str) -> bytes:
    prefixes = {"dip": ONTOLOGY_NS, "id": base_iri, "oa": "http://www.w3.org/ns/oa#",
                "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
                "dcterms": "http://purl.org/dc/terms/",
                "skos": "http://www.w3.org/2004/02/skos/core#",
                "owl": "http://www.w3.org/2002/07/owl#",
                "prov": "http://www.w3.org/ns/prov#",
                "xsd": "http://www.w3.org/2001/XMLSchema#"}
    fmt = RDF_MEDIA[media]
    if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML):
        return ox.serialize(triples, format=fmt, prefixes=prefixes)  # type: ignore[return-value]
    return ox.serialize(triples, format=fmt)  # type: ignore[return-value]


def rdf_response(body: bytes, media: str) -> Response:
    resp = Response(body, mimetype=media)
    if media != "application/ld+json":
        resp.headers["Content-Type"] = f"{media}; charset=utf-8"
    resp.headers["Vary"] = "Accept"
    return resp


def _short(text: str | None, limit: int = 70) -> str | None:
    """A long title cut for a table cell (the link's title keeps the IRI)."""
    if text is None or len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


def _act_span_title(a: ActRow, lab: dict[str, str]) -> str:
    parts = [local_name(a.type) if a.type else "act"]
    if a.date:
        parts.append(a.date)
    who = ", ".join(lab.get(x, curie(x)) for x in sorted(a.actors))
    to = ", ".join(lab.get(x, curie(x)) for x in sorted(a.counterparts))
    if who:
        parts.append(who + (f" → {to}" if to else ""))
    return " · ".join(parts)


@bp.context_processor
def _page_context() -> dict[str, object]:
    return {"base_iri": services().config.base_iri}


# -- routes ----------------------------------------------------------------------
@bp.route("/id/<path:rest>")
def resource(rest: str):
    """``/id/{rest}``: the resource ``base_iri + rest`` in the format asked for."""
    lk = linker()
    iri = lk.iri_for(rest)
    st = store()
    if not exists(st, iri):
        if choose(OFFERED) == HTML:
            return render_template("notfound.html", iri=iri), 404
        abort(404)
    media = choose(OFFERED)
    if media != HTML:
        body = serialize(describe(st, iri, infer=want_infer()), media, lk.base_iri)
        return rdf_response(body, media)
    resp = Response(render_template("entity.html", **entity_context(st, iri, lk)))
    resp.headers["Vary"] = "Accept"
    return resp


def entity_context(st: Store, iri: str, lk: Linker) -> dict[str, object]:
    """Everything the entity page shows, with IRIs already rendered as safe links."""
    fs = facts(st, iri)
    inc = incoming(st, iri)
    types = [f.obj.value for f in fs if f.predicate.value == RDF_TYPE]
    specific = most_specific(types)
    ev = act_evidence(st, iri) if specific in _ACT_IRIS else None
    doc = document_text(st, iri)
    inner = inner_documents(st, iri)
    acts = acts_involving(st, iri) if not ev and not doc else []
    mentioned: set[str] = {iri, *types}
    for f in fs:
        mentioned.add(f.predicate.value)
        if isinstance(f.obj, ox.NamedNode):
            mentioned.add(f.obj.value)
    for s, p in inc:
        mentioned.update((s.value, p.value))
    for a in acts + (doc.acts if doc else []):
        mentioned.update({a.type, a.doc, *a.actors, *a.counterparts})
    for d in inner:
        mentioned.update(str(d.get(k, "")) for k in ("author", "recipient", "type"))
    if ev and ev.get("src"):
        mentioned.add(str(ev["src"]))
    lab = labels(st, mentioned)

    def ln(x: str | None) -> Markup:
        return link(x, lk, lab.get(x)) if x else Markup("")

    grouped: dict[str, list[Markup]] = defaultdict(list)
    rows = []
    for f in fs:
        rows.append({
            "p": ln(f.predicate.value),
            "o": term_html(f.obj, lk, lab),
            "inferred": f.inferred,
            "text": f.predicate.value == DIP_TEXT,
        })
        grouped[f.predicate.value].append(term_html(f.obj, lk, lab))

    def act_rows(acts_: list[ActRow]) -> list[dict[str, object]]:
        return [
            {
                "link": link(a.iri, lk, local_name(a.type) if a.type else None),
                "type": local_name(a.type) if a.type else "",
                "date": a.date,
                "roles": ", ".join(sorted(a.roles)),
                "actors": Markup(", ").join(ln(x) for x in sorted(a.actors)),
                "counterparts": Markup(", ").join(ln(x) for x in sorted(a.counterparts)),
                "quote": a.quote,
                "doc": link(a.doc, lk, _short(lab.get(a.doc))) if a.doc else "",
                "anchor": anchor_id(a.iri),
            }
            for a in acts_
        ]

    text_html = None
    if doc:
        spans = [
            Span(a.start or 0, a.end or 0, lk.href(a.iri) or "#", _act_span_title(a, lab),
                 anchor_id(a.iri), local_name(a.type))
            for a in doc.acts
        ]
        text_html = highlight(doc.text, spans, offset=doc.offset)
    evidence = None
    if ev:
        src = str(ev.get("src") or "")
        doc_href = lk.href(src) if src else None
        evidence = {
            **ev,
            "src_link": ln(src) if src else None,
            "in_doc": f"{doc_href}#{anchor_id(iri)}" if doc_href else None,
        }
    label = lab.get(iri) or curie(iri, lk.base_iri)
    return {
        "iri": iri,
        "label": label,
        "types": [ln(f.obj.value) for f in fs
                  if f.predicate.value == RDF_TYPE and not f.inferred],
        "specific": local_name(specific) if specific else "",
        "facts": rows,
        "has_inferred": any(f.inferred for f in fs),
        "incoming": [{"s": ln(s.value), "p": ln(p.value)} for s, p in inc],
        "evidence": evidence,
        "text_html": text_html,
        "doc": doc,
        "doc_acts": act_rows(doc.acts) if doc else [],
        "inner": [
            {
                "link": link(str(d["iri"]), lk, str(d.get("title") or "")),
                "type": local_name(str(d["type"])) if d["type"] else "",
                "date": d.get("date", ""),
                "author": ln(str(d["author"])) if d.get("author") else "",
                "recipient": ln(str(d["recipient"])) if d.get("recipient") else "",
            }
            for d in inner
        ],
        "acts": act_rows(acts),
        "formats": FORMAT_LINKS,
    }


# -- the ontology --------------------------------------------------------------------
ONTOLOGY_OFFERED = [HTML, "text/turtle", "application/rdf+xml", "application/ld+json",
                    "application/n-triples"]


@functools.lru_cache(maxsize=4)
def _parse_ontology(path: str, mtime_ns: int) -> rdflib.Graph:
    del mtime_ns  # part of the cache key only: a changed file is parsed again
    g = rdflib.Graph()
    g.parse(path, format="turtle" if path.endswith((".ttl", ".turtle")) else "xml")
    return g


def ontology_graph() -> rdflib.Graph:
    """The ontology: the configured file, else the store's ontology graph."""
    path = _ontology_file()
    if path is not None:
        return _parse_ontology(str(path), path.stat().st_mtime_ns)
    data = ox.serialize(store().quads(str(GRAPH_ONTOLOGY)), format=ox.RdfFormat.N_QUADS)
    g = rdflib.Graph()
    if data:
        g.parse(data=data.decode("utf-8"), format="nquads")  # type: ignore[union-attr]
    if len(g) == 0:
        abort(404, description="no ontology is configured")
    return g


def _ontology_file() -> Path | None:
    """The configured ontology file (a fixed path from the config, never from a request)."""
    p = getattr(services().config, "ontology_path", None)
    if p is None:
        return None
    path = Path(p)
    return path if path.is_file() else None


@bp.route("/ontology")
@bp.route("/ontology/")
@bp.route("/ontology.<ext>")
def ontology(ext: str | None = None):
    """The ontology document: HTML for people, Turtle or RDF/XML for Protégé."""
    if ext is not None:
        media = ONTOLOGY_EXT.get(ext.lower())
        if media is None:
            abort(404)
    else:
        media = choose(ONTOLOGY_OFFERED)
    path = _ontology_file()
    if media == "text/turtle" and path is not None and path.suffix == ".ttl":
        return rdf_response(path.read_bytes(), media)
    if media == "application/rdf+xml" and path is not None and path.with_suffix(".owl").is_file():
        return rdf_response(path.with_suffix(".owl").read_bytes(), media)
    g = ontology_graph()
    if media != HTML:
        fmt = {"text/turtle": "turtle", "application/rdf+xml": "xml",
               "application/ld+json": "json-ld", "application/n-triples": "nt"}[media]
        return rdf_response(g.serialize(format=fmt, encoding="utf-8"), media)
    resp = Response(render_template("ontology.html", **ontology_context(g, linker())))
    resp.headers["Vary"] = "Accept"
    return resp


OWL = rdflib.OWL
RDFS = rdflib.RDFS
SKOS = rdflib.SKOS
CHARACTERISTICS = {
    OWL.TransitiveProperty: "transitive",
    OWL.SymmetricProperty: "symmetric",
    OWL.AsymmetricProperty: "asymmetric",
    OWL.FunctionalProperty: "functional",
    OWL.InverseFunctionalProperty: "inverse functional",
    OWL.ReflexiveProperty: "reflexive",
    OWL.IrreflexiveProperty: "irreflexive",
}
PROPERTY_KINDS = {
    OWL.ObjectProperty: "object property",
    OWL.DatatypeProperty: "datatype property",
    OWL.AnnotationProperty: "annotation property",
}


def ontology_context(g: rdflib.Graph, lk: Linker) -> dict[str, object]:
    """The documentation of every class and property, rendered as safe links."""

    def label(t: rdflib.term.Node) -> str:
        for lit in g.objects(t, RDFS.label):
            if getattr(lit, "language", None) in (None, "en"):
                return str(lit)
        return curie(str(t))

    def expr(t: rdflib.term.Node) -> Markup:
        """A class expression: a named class, a union or intersection, a restriction."""
        if isinstance(t, rdflib.URIRef):
            return link(str(t), lk, curie(str(t)))
        for op, sym in ((OWL.unionOf, " ⊔ "), (OWL.intersectionOf, " ⊓ ")):
            lst = g.value(t, op)
            if lst is not None:
                return Markup("(") + Markup(sym).join(expr(x) for x in Collection(g, lst)) + ")"
        prop = g.value(t, OWL.onProperty)
        if prop is not None:
            for kind, word in ((OWL.someValuesFrom, "some"), (OWL.allValuesFrom, "only"),
                               (OWL.hasValue, "value")):
                v = g.value(t, kind)
                if v is not None:
                    return Markup("{} {} {}").format(expr(prop), word, expr(v))
        return Markup('<span class="bnode">[…]</span>')

    def many(items: Iterable[rdflib.term.Node]) -> list[Markup]:
        return sorted({expr(x) for x in items}, key=str)

    def text(t: rdflib.term.Node, *preds: rdflib.URIRef) -> list[str]:
        return [str(o) for p in preds for o in g.objects(t, p)]

    def ours(t: rdflib.term.Node) -> bool:
        return isinstance(t, rdflib.URIRef) and str(t).startswith(ONTOLOGY_NS)

    classes = []
    for c in sorted({c for c in g.subjects(rdflib.RDF.type, OWL.Class) if ours(c)}, key=str):
        classes.append({
            "id": local_name(str(c)), "iri": str(c), "label": label(c),
            "definition": text(c, SKOS.definition), "comment": text(c, RDFS.comment),
            "supers": many(g.objects(c, RDFS.subClassOf)),
            "subs": many(s for s in g.subjects(RDFS.subClassOf, c) if isinstance(s, rdflib.URIRef)),
            "equivalent": many(g.objects(c, OWL.equivalentClass)),
            "disjoint": many(g.objects(c, OWL.disjointWith)),
            "matches": many(o for p in (SKOS.closeMatch, SKOS.exactMatch) for o in g.objects(c, p)),
        })
    props = []
    prop_iris = {p for k in PROPERTY_KINDS for p in g.subjects(rdflib.RDF.type, k) if ours(p)}
    for p in sorted(prop_iris, key=str):
        ptypes = set(g.objects(p, rdflib.RDF.type))
        inverse = list(g.objects(p, OWL.inverseOf)) + list(g.subjects(OWL.inverseOf, p))
        chains = [
            Markup(" ∘ ").join(expr(x) for x in Collection(g, lst))
            for lst in g.objects(p, OWL.propertyChainAxiom)
        ]
        props.append({
            "id": local_name(str(p)), "iri": str(p), "label": label(p),
            "kind": ", ".join(v for k, v in PROPERTY_KINDS.items() if k in ptypes),
            "definition": text(p, SKOS.definition), "comment": text(p, RDFS.comment),
            "domain": many(g.objects(p, RDFS.domain)), "range": many(g.objects(p, RDFS.range)),
            "supers": many(g.objects(p, RDFS.subPropertyOf)),
            "subs": many(
                s for s in g.subjects(RDFS.subPropertyOf, p) if isinstance(s, rdflib.URIRef)
            ),
            "inverse": many(inverse),
            "characteristics": sorted(v for k, v in CHARACTERISTICS.items() if k in ptypes),
            "chains": chains,
            "matches": many(o for q in (SKOS.closeMatch, SKOS.exactMatch) for o in g.objects(p, q)),
        })
    onto = rdflib.URIRef(ONTOLOGY_IRI)
    meta = {
        "title": next((str(o) for o in g.objects(onto, rdflib.DCTERMS.title)), "dipkg ontology"),
        "description": text(onto, rdflib.DCTERMS.description, RDFS.comment),
        "version": text(onto, OWL.versionInfo),
        "iri": ONTOLOGY_IRI,
    }
    return {"meta": meta, "classes": classes, "properties": props, "triples": len(g)}
