"""The SPARQL 1.1 Protocol at ``/sparql``, its service description, and VoID.

Read-only by design: a SPARQL Update (``update=`` or
``application/sparql-update``) is refused with 403 before anything runs, and
the store is opened read-only everywhere, so no request can change the data.

Choices the protocol leaves to the server, documented here and in the README:

* A query past ``query_timeout`` is stopped (its worker process is killed) and
  answered **503** with a message; the server keeps serving meanwhile.
* A result with more than ``max_rows`` rows (or triples) is refused with
  **413** rather than truncated, so no client takes part of an answer for all.
* A request body over ``max_request_bytes`` gets **413**.
* ``SERVICE`` to an endpoint outside ``service_allowlist`` is refused with
  **403**; the query is tokenized (strings, IRIs and comments skipped, ``\\u``
  escapes decoded first, as the SPARQL grammar does) so the check cannot be
  fooled by spelling.
* ``infer=false`` queries the asserted triples only; every query response says
  which in the header ``X-Reasoning: owl2rl`` (the OWL 2 RL closure is part of
  the dataset queried) or ``X-Reasoning: none``.  A dataset given explicitly
  (``default-graph-uri``/``named-graph-uri``, else the query's ``FROM``/``FROM
  NAMED``) is exactly the graphs named; it includes the closure only when it
  names the inferred graph.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator

from flask import Blueprint, Response, current_app, request
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from kg.errors import InputError, NotAcceptable, QueryRefused, UnsupportedMediaType
from kg.queryinfo import QueryInfo, read_query
from kg.store import Store
from kg.vocab import DIP, GRAPH_INFERRED

from . import negotiate as neg

log = logging.getLogger(__name__)

bp = Blueprint("sparql", __name__)

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")

RESULT_OFFERS = list(neg.RESULT_TYPES.values())
GRAPH_OFFERS = list(neg.GRAPH_TYPES.values())
# Service description and VoID are small rdflib graphs.
DESCRIPTION_OFFERS = ["text/turtle", "application/ld+json", "application/rdf+xml",
                      "application/n-triples"]
_RDFLIB_FORMAT = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
    "application/n-triples": "nt",
}
_FORMAT_IRIS = [
    FORMATS.SPARQL_Results_JSON, FORMATS.SPARQL_Results_XML, FORMATS.SPARQL_Results_CSV,
    FORMATS.SPARQL_Results_TSV, FORMATS.Turtle, FORMATS["N-Triples"], FORMATS["JSON-LD"],
    FORMATS.RDF_XML, FORMATS.TriG, FORMATS["N-Quads"],
]
_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}


# Names no graph: an explicit dataset without default (or named) graphs gets this one.
EMPTY_GRAPH = "urn:x-dipkg:no-graph"


def inspect_query(text: str, allowlist: tuple[str, ...] = ()) -> QueryInfo:
    """Check a query before it runs: refuse updates and non-listed SERVICE calls.

    pyoxigraph answers ``SERVICE <iri>`` by making an HTTP request to that
    address, so this check is what stops a client from making the server call
    an address of its choice (server-side request forgery).
    """
    info = read_query(text)
    if info.is_update:
        raise QueryRefused("this endpoint is read-only: SPARQL Update is not accepted")
    for service_iri in info.services:
        if service_iri is None:
            raise QueryRefused(
                "SERVICE needs a fixed endpoint IRI here (a variable or unknown "
                "prefix cannot be checked against the allow-list)"
            )
        if service_iri not in allowlist:
            raise QueryRefused(
                f"SERVICE <{service_iri}> refused: federated queries may only call "
                "endpoints on this server's allow-list"
            )
    return info


# -- the protocol ------------------------------------------------------------
def _flag(value: str | None, name: str, default: bool) -> bool:
    if value is None or value == "":
        return default
    low = value.strip().lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise InputError(f"{name}={value!r}: use true or false")


def _read_request() -> tuple[list[str], dict[str, list[str]]]:
    """The query strings and the protocol parameters of a GET or POST request."""
    args = request.args
    params: dict[str, list[str]] = {k: args.getlist(k) for k in args}
    if "update" in args or "using-graph-uri" in args or "using-named-graph-uri" in args:
        raise QueryRefused("this endpoint is read-only: SPARQL Update is not accepted")
    if request.method == "GET":
        return args.getlist("query"), params
    mimetype = request.mimetype
    charset = request.mimetype_params.get("charset")
    if charset and charset.strip().lower() not in ("utf-8", "utf8"):
        raise UnsupportedMediaType(f"charset={charset} is not accepted; send UTF-8")
    if mimetype == "application/x-www-form-urlencoded":
        form = request.form
        if "update" in form:
            raise QueryRefused("this endpoint is read-only: SPARQL Update is not accepted")
        for key in form:
            params.setdefault(key, []).extend(form.getlist(key))
        return params.get("query", []), params
    if mimetype == "application/sparql-query":
        if "query" in args:
            raise InputError("the query is in the body; do not also send query= in the URL")
        try:
            text = request.get_data(cache=False).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UnsupportedMediaType(f"the query is not valid UTF-8: {exc}") from exc
        return [text], params
    if mimetype == "application/sparql-update":
        raise QueryRefused("this endpoint is read-only: SPARQL Update is not accepted")
    if not mimetype:
        raise UnsupportedMediaType(
            "a POST needs Content-Type application/sparql-query or "
            "application/x-www-form-urlencoded"
        )
    raise UnsupportedMediaType(
        f"Content-Type {mimetype} is not accepted; use application/sparql-query or "
        "application/x-www-form-urlencoded"
    )


def _one(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name) or []
    if len(values) > 1:
        raise InputError(f"{name} given {len(values)} times; give it once")
    return values[0] if values else None


def _formats(params: dict[str, list[str]]) -> tuple[str | None, str | None]:
    """The negotiated short names for a results answer and for a graph answer."""
    accept = request.headers.get("Accept")
    # Some clients (SPARQLWrapper) repeat ``format`` with a short name and a media
    # type; the first value that can be served wins.
    fmts: list[str | None] = list(params.get("format") or []) or [None]
    chosen: list[str | None] = []
    for offers, graph in ((RESULT_OFFERS, False), (GRAPH_OFFERS, True)):
        pick = None
        for fmt in fmts:
            try:
                pick = neg.short_name(
                    neg.negotiate(accept, offers, format_param=fmt, graph=graph))
                break
            except NotAcceptable:
                continue
        chosen.append(pick)
    if chosen[0] is None and chosen[1] is None:
        asked = ("format=" + ",".join(f for f in fmts if f)) if fmts[0] else repr(accept)
        raise NotAcceptable(
            f"cannot serve {asked}; available: " + ", ".join(RESULT_OFFERS + GRAPH_OFFERS)
        )
    return chosen[0], chosen[1]


@bp.route("/sparql", methods=["GET", "POST"])
def sparql() -> Response:
    """Answer one SPARQL query (GET, form POST or direct POST)."""
    services = current_app.extensions["dipkg"]
    config = services.config
    if request.method == "GET" and len(request.query_string) > config.max_request_bytes:
        return _too_large()
    queries, params = _read_request()
    if not queries:
        if request.method == "GET" and "query" not in params:
            return _describe(service_description(services, request.url_root))
        raise InputError("no query: send query= or a body of type application/sparql-query")
    if len(queries) > 1:
        raise InputError(f"{len(queries)} queries in one request; send exactly one")
    query = queries[0]
    results_format, graph_format = _formats(params)
    infer_param = _one(params, "infer")
    # Everything the answer depends on, from the request alone: the ETag and the
    # result cache are both settled before the query is even parsed.
    key = (query, infer_param, tuple(params.get("default-graph-uri", ())),
           tuple(params.get("named-graph-uri", ())), results_format, graph_format,
           request.base_url)
    etag = services.etag(*key)
    if request.method in ("GET", "HEAD") and request.if_none_match.contains_weak(etag[1:-1]):
        return _not_modified(etag, config.http_max_age)
    outcome = services.cached(key)
    if outcome is None:
        info = inspect_query(query, config.service_allowlist)
        infer = _flag(infer_param, "infer", True)
        default_graphs, named_graphs = _dataset(params, info)
        outcome = services.run_query(
            query,
            infer=infer,
            default_graph_uris=tuple(default_graphs),
            named_graph_uris=tuple(named_graphs),
            results_format=results_format,
            graph_format=graph_format,
            base_iri=request.base_url,  # the protocol lets the endpoint be the query's BASE
            keep=False,
        )
        outcome = dataclasses.replace(
            outcome, reasoning=_reasoning(services, infer, default_graphs, named_graphs))
        services.keep(key, outcome)
    reasoning = outcome.reasoning
    media_type = (neg.RESULT_TYPES if outcome.kind != "graph" else neg.GRAPH_TYPES)[
        outcome.format]
    if outcome.size > STREAM_BYTES:
        # Sent piece by piece as the worker's pipe gave them; the length is known,
        # so the response is not chunked.
        response = Response(_pieces(outcome.chunks), content_type=neg.content_type(media_type))
        response.headers["Content-Length"] = str(outcome.size)
    else:
        response = Response(outcome.body, content_type=neg.content_type(media_type))
    response.headers["X-Reasoning"] = "owl2rl" if reasoning else "none"
    response.headers["Vary"] = "Accept"
    response.headers["X-Query-Time"] = f"{outcome.elapsed:.4f}"
    response.headers["ETag"] = etag
    if request.method in ("GET", "HEAD"):
        response.headers["Cache-Control"] = f"public, max-age={config.http_max_age}"
    if outcome.rows is not None:
        response.headers["X-Result-Rows"] = str(outcome.rows)
    if outcome.cached:
        response.headers["X-Cache"] = "hit"
    return response


STREAM_BYTES = 1 << 20  # larger answers are streamed in the pieces they arrived in


def _pieces(chunks: tuple[bytes, ...]) -> Iterator[bytes]:
    yield from chunks


def _reasoning(services: object, infer: bool, default_graphs: list[str],
               named_graphs: list[str]) -> bool:
    """Whether the OWL 2 RL closure is part of the dataset the query saw."""
    if default_graphs or named_graphs:
        return str(GRAPH_INFERRED) in default_graphs
    return infer and services.has_inferred  # type: ignore[attr-defined]


def _not_modified(etag: str, max_age: int) -> Response:
    response = Response(status=304)
    response.headers["ETag"] = etag
    response.headers["Vary"] = "Accept"
    response.headers["Cache-Control"] = f"public, max-age={max_age}"
    return response


def _dataset(params: dict[str, list[str]], info: QueryInfo) -> tuple[list[str], list[str]]:
    """The RDF dataset to query: the protocol's, else the query's FROM, else the store's.

    An explicit dataset is exactly the graphs it names (SPARQL 1.1 Protocol
    2.1.4, Query 13.2): naming only named graphs leaves the default graph
    empty and the other way round; the store's default-graph policy and the
    ``infer`` switch apply only when no dataset is given.
    """
    default_graphs = params.get("default-graph-uri", [])
    named_graphs = params.get("named-graph-uri", [])
    if not default_graphs and not named_graphs:
        default_graphs, named_graphs = list(info.from_graphs), list(info.from_named)
    if default_graphs or named_graphs:
        default_graphs = default_graphs or [EMPTY_GRAPH]
        named_graphs = named_graphs or [EMPTY_GRAPH]
    return default_graphs, named_graphs


def _too_large() -> Response:
    return Response("the request is larger than this endpoint accepts\n", status=413,
                    content_type="text/plain; charset=utf-8")


def _describe(graph: Graph) -> Response:
    """A small RDF description in the format the client prefers (Turtle by default)."""
    media_type = neg.negotiate(request.headers.get("Accept"), DESCRIPTION_OFFERS,
                               format_param=request.args.get("format"), graph=True)
    body = graph.serialize(format=_RDFLIB_FORMAT[media_type], encoding="utf-8")
    response = Response(body, content_type=neg.content_type(media_type))
    response.headers["Vary"] = "Accept"
    return response


# -- service description and VoID -------------------------------------------
def _count(store: Store, sparql: str) -> int:
    return int(next(iter(store.query(sparql)))["n"].value)


def dataset_statistics(store: Store) -> dict[str, object]:
    """Counts over the whole dataset (every graph), computed once per process.

    With reasoning on and no graph parameters, ``GRAPH ?g`` reaches every named
    graph under either default-graph policy, so DISTINCT counts see everything.
    """
    raw = store
    everything = "{ ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } }"
    graphs: dict[str, int] = {}
    for row in raw.query(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    ):
        graphs[row["g"].value] = int(row["n"].value)
    # Distinct triples: a built graph holds its asserted triples twice (per source,
    # and their union in the default graph), and a triple may sit in two sources.
    total = _count(raw, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { "
                   + everything + " } }")
    inferred = graphs.get(str(GRAPH_INFERRED), 0)
    return {
        "triples": total,
        "default_graph_triples": len(raw) - sum(graphs.values()),
        "graphs": dict(sorted(graphs.items())),
        "inferred": inferred,
        "asserted": total - inferred,
        "classes": _count(raw, "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { "
                          + everything.replace("?p ?o", "a ?o") + " }"),
        "properties": _count(raw, f"SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ {everything} }}"),
        "subjects": _count(raw, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {everything} }}"),
        "objects": _count(raw, f"SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ {everything} }}"),
    }


def service_description(services: object, root: str) -> Graph:
    """The SPARQL 1.1 Service Description of this endpoint."""
    config = services.config  # type: ignore[attr-defined]
    stats = services.statistics()  # type: ignore[attr-defined]
    g = Graph()
    g.bind("sd", SD)
    g.bind("void", VOID)
    g.bind("formats", FORMATS)
    g.bind("dcterms", DCTERMS)
    service = URIRef(root + "sparql#service")
    endpoint = URIRef(root + "sparql")
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, endpoint))
    g.add((service, DCTERMS.title, Literal(config.title)))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    for iri in _FORMAT_IRIS:
        g.add((service, SD.resultFormat, iri))
    if config.union_default_graph:
        g.add((service, SD.feature, SD.UnionDefaultGraph))
    if config.service_allowlist:
        g.add((service, SD.feature, SD.BasicFederatedQuery))
    g.add((service, SD.defaultEntailmentRegime,
           URIRef("http://www.w3.org/ns/entailment/OWL-RDF-Based")))
    g.add((service, SD.supportedEntailmentProfile,
           URIRef("http://www.w3.org/ns/owl-profile/RL")))
    dataset = URIRef(root + "sparql#dataset")
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, VOID.sparqlEndpoint, endpoint))
    default = BNode()
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    default_count = stats["triples"] if config.union_default_graph else (
        stats["default_graph_triples"] + stats["inferred"])
    g.add((default, VOID.triples, Literal(default_count, datatype=XSD.integer)))
    for name, count in stats["graphs"].items():
        named, graph = BNode(), BNode()
        g.add((dataset, SD.namedGraph, named))
        g.add((named, RDF.type, SD.NamedGraph))
        g.add((named, SD.name, URIRef(name)))
        g.add((named, SD.graph, graph))
        g.add((graph, RDF.type, SD.Graph))
        g.add((graph, VOID.triples, Literal(count, datatype=XSD.integer)))
    return g


def void_description(services: object, root: str) -> Graph:
    """VoID for the served dataset: sizes, graphs, asserted vs inferred, licence."""
    config = services.config  # type: ignore[attr-defined]
    stats = services.statistics()  # type: ignore[attr-defined]
    g = Graph()
    g.bind("void", VOID)
    g.bind("dcterms", DCTERMS)
    g.bind("prov", PROV)
    ds = URIRef(root + ".well-known/void#dataset")

    def integer(n: object) -> Literal:
        return Literal(n, datatype=XSD.integer)

    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, DCTERMS.title, Literal(config.title)))
    g.add((ds, DCTERMS.license, URIRef(config.license)))
    g.add((ds, VOID.sparqlEndpoint, URIRef(root + "sparql")))
    g.add((ds, VOID.uriSpace, Literal(config.base_iri)))
    g.add((ds, VOID.vocabulary, URIRef(str(DIP))))
    for key, prop in (("triples", VOID.triples), ("classes", VOID.classes),
                      ("properties", VOID.properties),
                      ("subjects", VOID.distinctSubjects), ("objects", VOID.distinctObjects)):
        g.add((ds, prop, integer(stats[key])))
    asserted = URIRef(root + ".well-known/void#asserted")
    inferred = URIRef(root + ".well-known/void#inferred")
    g.add((ds, VOID.subset, asserted))
    g.add((asserted, RDF.type, VOID.Dataset))
    g.add((asserted, DCTERMS.title, Literal("Asserted triples")))
    g.add((asserted, VOID.triples, integer(stats["asserted"])))
    g.add((ds, VOID.subset, inferred))
    g.add((inferred, RDF.type, VOID.Dataset))
    g.add((inferred, DCTERMS.title, Literal("Triples inferred by OWL 2 RL reasoning")))
    g.add((inferred, VOID.triples, integer(stats["inferred"])))
    g.add((inferred, PROV.wasDerivedFrom, asserted))
    for name, count in stats["graphs"].items():
        sub = URIRef(name)
        g.add((ds, VOID.subset, sub))
        g.add((sub, RDF.type, VOID.Dataset))
        g.add((sub, VOID.triples, integer(count)))
        g.add((sub, VOID.sparqlEndpoint, URIRef(root + "sparql")))
    return g


@bp.route("/.well-known/void", methods=["GET"])
def void() -> Response:
    services = current_app.extensions["dipkg"]
    return _describe(void_description(services, request.url_root))
