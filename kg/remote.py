"""The store interface of :mod:`kg.store`, over an external SPARQL 1.1 server.

The embedded pyoxigraph store is one process on one disk; a bigger knowledge graph, or
one shared by several endpoints, lives in a SPARQL server (Oxigraph, Apache Jena Fuseki,
GraphDB, Virtuoso).  :class:`RemoteStore` speaks to it through the two W3C protocols
every such server implements, so nothing else in dipkg has to know which one it is:

* writes go through the SPARQL 1.1 Graph Store HTTP Protocol (``POST``/``PUT``/``DELETE``
  N-Triples or N-Quads at ``?graph=IRI`` / ``?default``), or SPARQL Update ``INSERT DATA``
  when the server has no Graph Store endpoint;
* queries go through the SPARQL 1.1 Protocol (``POST`` form with ``query``,
  ``default-graph-uri``, ``named-graph-uri``), and the response is parsed with pyoxigraph,
  so callers get the same result objects as from :class:`kg.store.Store`.

Reasoning is materialised when the data is loaded, exactly as in the embedded store:
the inferred triples are one more named graph, ``id:graph/inferred``.  A query's dataset
then follows the same policy as :class:`kg.store.Store`:

* ``union_default_graph=True`` (a built knowledge graph, whose triples are all in named
  graphs): the default graph is the union of the named graphs.  With ``server_union=False``
  the store lists them as ``default-graph-uri`` (and as ``named-graph-uri``, since the
  protocol otherwise leaves no named graphs); with ``server_union=True`` (Oxigraph started
  with ``--union-default-graph``, Fuseki with ``tdb2:unionDefaultGraph true``, GraphDB and
  Virtuoso as they come) a query with reasoning on is sent with no dataset at all.
  ``infer=False`` always lists every named graph but ``id:graph/inferred``.
* ``union_default_graph=False``: queries go to the server's own dataset, and the protocol
  parameters are passed through as given (``infer`` cannot remove the inferred graph from
  the server's default graph, which no protocol parameter can name).

The real default graph cannot be named in the protocol either, so it is left out whenever
graphs are listed; a built knowledge graph keeps nothing there.

Listing graphs is slow when there are many: with 2,600 source graphs (1M triples) a
full-scan aggregate took 45 s in pyoxigraph and over 600 s in ``oxigraph serve`` with the
inferred graph left out, against 0.1 s and 1 s for the union (benchmarks/README.md).  When
the store also holds every asserted triple in one graph (``asserted_graph``, written by the
build), the default graph is that graph, plus ``id:graph/inferred`` when reasoning is on:
two graphs to read whatever the number of sources.  A query with its own
``FROM``/``FROM NAMED`` is sent without protocol graphs, so its dataset clause applies.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit, urlunsplit

import pyoxigraph as ox
import requests

from kg.errors import InputError, QuerySyntaxError, QueryTimeout, StoreError
from kg.store import FileLoading, Store
from kg.vocab import GRAPH_INFERRED

log = logging.getLogger(__name__)

INFERRED = str(GRAPH_INFERRED)

_ACCEPT = (
    "application/sparql-results+json, application/n-triples;q=0.9, "
    "application/sparql-results+xml;q=0.8, text/turtle;q=0.7, application/rdf+xml;q=0.5"
)
_RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_GRAPH_FORMATS = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}
_BATCH = 100_000  # quads per HTTP request when loading


class RemoteTriples:
    """The triples of a remote ``CONSTRUCT``/``DESCRIBE``, like :class:`pyoxigraph.QueryTriples`.

    pyoxigraph cannot build a ``QueryTriples`` from parsed data, so this offers the same
    two things callers use: iteration over :class:`pyoxigraph.Triple` and ``serialize``.
    """

    def __init__(self, triples: Iterable[ox.Triple]) -> None:
        self._triples = iter(triples)

    def __iter__(self) -> Iterator[ox.Triple]:
        return self._triples

    def __next__(self) -> ox.Triple:
        return next(self._triples)

    def serialize(self, output: Any = None, format: ox.RdfFormat | None = None) -> bytes | None:
        return ox.serialize(self._triples, output, format or ox.RdfFormat.N_TRIPLES)


RemoteResult = ox.QuerySolutions | ox.QueryBoolean | RemoteTriples
_R = TypeVar("_R", ox.QuerySolutions, RemoteTriples)


@dataclass(frozen=True)
class Endpoints:
    """Where a server takes queries, updates and Graph Store requests, and how it behaves."""

    query_url: str
    update_url: str | None = None
    gsp_url: str | None = None
    dataset_post: bool = False  # accepts N-Quads POSTed to the Graph Store URL itself
    server_union: bool = False  # its default graph is already the union of all graphs
    load_params: tuple[tuple[str, str], ...] = ()  # extra query parameters of a load


def preset(kind: str, base_url: str) -> Endpoints:
    """The endpoints of a known server; ``base_url`` as in this table.

    ============ ==================================== ==========================================
    kind         base_url                             endpoints
    ============ ==================================== ==========================================
    ``oxigraph`` ``http://host:7878``                  ``/query``, ``/update``, ``/store``
    ``fuseki``   ``http://host:3030/{dataset}``         ``/sparql``, ``/update``, ``/data``
    ``graphdb``  ``http://host:7200/repositories/{r}``  itself, ``/statements``,
                                                      ``/rdf-graphs/service``
    ``virtuoso`` ``http://host:8890``                  ``/sparql``, ``/sparql``,
                                                      ``/sparql-graph-crud-auth``
    ============ ==================================== ==========================================
    """
    base = base_url.rstrip("/")
    if kind == "oxigraph":
        # no_transaction: loads twice as fast (1M triples: 12 s, not 29 s); readers may see
        # a batch half loaded, which a build pushing to a fresh store does not mind
        return Endpoints(f"{base}/query", f"{base}/update", f"{base}/store", dataset_post=True,
                         load_params=(("no_transaction", ""),))
    if kind == "fuseki":
        return Endpoints(f"{base}/sparql", f"{base}/update", f"{base}/data", dataset_post=True)
    if kind == "graphdb":
        return Endpoints(base, f"{base}/statements", f"{base}/rdf-graphs/service",
                         server_union=True)
    if kind == "virtuoso":
        return Endpoints(f"{base}/sparql", f"{base}/sparql", f"{base}/sparql-graph-crud-auth",
                         server_union=True)
    raise InputError(f"unknown store kind {kind!r} (oxigraph, fuseki, graphdb, virtuoso)")


_STRIP = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*',
    re.S,
)
_FROM = re.compile(r"(?<![\w?$:])FROM\b", re.I)
_FROM_IRI = re.compile(r"(?<![\w?$:])FROM\s+(NAMED\s+)?<([^<>\s]*)>", re.I)


def _blank(match: re.Match[str]) -> str:
    """Strings and comments become a space; IRIs are kept (FROM needs them)."""
    return match.group(0) if match.group(0).startswith("<") else " "


def has_dataset_clause(sparql: str) -> bool:
    """Whether a query has ``FROM`` or ``FROM NAMED`` (outside strings, IRIs and comments)."""
    return bool(_FROM.search(_STRIP.sub(" ", sparql)))


def dataset_clause(sparql: str) -> tuple[list[str], list[str]] | None:
    """The graphs of a query's ``FROM`` and ``FROM NAMED`` when all are full IRIs, else None."""
    found = _FROM_IRI.findall(_STRIP.sub(_blank, sparql))
    if not found or len(found) != len(_FROM.findall(_STRIP.sub(" ", sparql))):
        return None
    return [iri for named, iri in found if not named], [iri for named, iri in found if named]


class RemoteStore(FileLoading):
    """A SPARQL 1.1 server behind the interface of :class:`kg.store.Store`.

    ``auth`` is anything ``requests`` takes (a ``(user, password)`` pair, or
    ``requests.auth.HTTPDigestAuth(...)`` for Virtuoso).  ``server_union``: the server's
    default graph is already the union of all graphs.  ``dataset_post``: the Graph Store
    endpoint takes N-Quads for the whole dataset (else one request per graph).
    ``asserted_graph``: a graph holding every asserted triple, used as the default graph
    (see the module doc).
    """

    path = None  # not on this machine

    def __init__(
        self,
        query_url: str,
        *,
        update_url: str | None = None,
        gsp_url: str | None = None,
        union_default_graph: bool = True,
        server_union: bool = False,
        dataset_post: bool = False,
        asserted_graph: str | None = None,
        load_params: Sequence[tuple[str, str]] = (),
        timeout: float = 30,
        auth: Any = None,
    ) -> None:
        self.query_url = query_url
        self.update_url = update_url
        self.gsp_url = gsp_url
        self.union_default_graph = union_default_graph
        self.server_union = server_union
        self.dataset_post = dataset_post
        self.asserted_graph = asserted_graph
        self.load_params = tuple(load_params)
        self.timeout = timeout
        self._session = requests.Session()
        self._session.auth = auth
        self._graphs: list[ox.NamedNode] | None = None

    @classmethod
    def from_preset(cls, kind: str, base_url: str, **kwargs: Any) -> RemoteStore:
        """A store for a known server (see :func:`preset`); ``kwargs`` override its settings."""
        ep = preset(kind, base_url)
        settings: dict[str, Any] = {
            "update_url": ep.update_url,
            "gsp_url": ep.gsp_url,
            "dataset_post": ep.dataset_post,
            "server_union": ep.server_union,
            "load_params": ep.load_params,
        }
        settings.update(kwargs)
        return cls(ep.query_url, **settings)

    def __repr__(self) -> str:
        return f"RemoteStore({self.query_url!r})"

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- HTTP ------------------------------------------------------------------
    def _request(
        self, method: str, url: str, *, what: str, missing_ok: bool = False, **kwargs: Any
    ) -> requests.Response | None:
        """One HTTP request; None for a 404 when ``missing_ok`` (a graph that is not there)."""
        kwargs.setdefault("timeout", self.timeout)
        try:
            response = self._session.request(method, url, **kwargs)
        except requests.Timeout as exc:
            raise QueryTimeout(f"{what}: no answer from {url} in {self.timeout} s") from exc
        except requests.RequestException as exc:
            raise StoreError(f"{what}: cannot reach the remote store at {url}: {exc}") from exc
        if response.status_code == 404 and missing_ok:
            return None
        if response.status_code >= 400:
            detail = " ".join(response.text.strip().splitlines()[:1])[:300]
            if response.status_code in (401, 403):
                raise StoreError(f"{what}: {url} refused the request "
                                 f"({response.status_code}); check the credentials")
            raise StoreError(f"{what}: {url} answered {response.status_code}: {detail}")
        return response

    # -- writing ---------------------------------------------------------------
    def load_bytes(
        self,
        data: bytes,
        *,
        format: ox.RdfFormat,
        graph: str | None = None,
        base_iri: str | None = None,
    ) -> None:
        """Load RDF bytes; triples go to ``graph`` (the default graph if None).

        The data is parsed here first, so a syntax error is an :class:`InputError` as with
        the embedded store and relative IRIs resolve against ``base_iri``.
        """
        try:
            quads = list(ox.parse(data, format=format, base_iri=base_iri))
        except SyntaxError as exc:
            raise InputError(f"not valid {format}: {exc}") from exc
        if graph:
            g = ox.NamedNode(graph)
            quads = [ox.Quad(q.subject, q.predicate, q.object, g) for q in quads]
        self.add_quads(quads)

    def add_quads(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads, in batches of runs that share a graph (one request per batch)."""
        batch: list[ox.Quad] = []
        for q in quads:
            if batch and (len(batch) >= _BATCH or (
                    not self.dataset_post and q.graph_name != batch[-1].graph_name)):
                self._post(batch)
                batch = []
            batch.append(q)
        if batch:
            self._post(batch)
        self._graphs = None

    def _post(self, quads: list[ox.Quad]) -> None:
        if self.gsp_url and self.dataset_post:
            body = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
            self._request("POST", self.gsp_url, what="load", data=body,
                          params=list(self.load_params),
                          headers={"Content-Type": "application/n-quads"})
            return
        graph = quads[0].graph_name
        triples = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES)
        if self.gsp_url:
            params = [*_graph_param(graph).items(), *self.load_params]
            self._request("POST", self.gsp_url, what="load", params=params,
                          data=triples, headers={"Content-Type": "application/n-triples"})
        elif self.update_url:
            body = triples.decode("utf-8")
            if isinstance(graph, ox.NamedNode):
                body = f"GRAPH <{graph.value}> {{\n{body}}}"
            self._update(f"INSERT DATA {{\n{body}}}")
        else:
            raise StoreError(f"{self.query_url}: read-only (no Graph Store or update URL)")

    def _update(self, sparql: str) -> None:
        if not self.update_url:
            raise StoreError(f"{self.query_url}: read-only (no update URL)")
        self._request("POST", self.update_url, what="update", data={"update": sparql})

    def replace_graph(self, graph: str | None, quads: Iterable[ox.Quad | ox.Triple]) -> None:
        """Make ``graph`` (the default graph if None) hold exactly these triples (GSP ``PUT``)."""
        triples = [q.triple if isinstance(q, ox.Quad) else q for q in quads]
        if not self.gsp_url:
            if graph:
                self.clear_graph(graph)
            else:
                self._update("CLEAR DEFAULT")
            self.add_quads(
                ox.Quad(t.subject, t.predicate, t.object,
                        ox.NamedNode(graph) if graph else ox.DefaultGraph())
                for t in triples
            )
            return
        node: ox.NamedNode | ox.DefaultGraph = ox.NamedNode(graph) if graph else ox.DefaultGraph()
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        params = [*_graph_param(node).items(), *self.load_params]
        self._request("PUT", self.gsp_url, what="load", params=params, data=body,
                      headers={"Content-Type": "application/n-triples"})
        self._graphs = None

    def copy_from(self, store: Store) -> int:
        """Replace each graph of ``store`` (an embedded build) here; returns the quads copied.

        This is how a build reaches a remote server: reason and validate locally, then push.
        """
        count = 0
        graphs: list[str | None] = [None, *(g.value for g in store.named_graphs())]
        for graph in graphs:
            if graph is None:
                # The build's default graph (its asserted union) goes to ``asserted_graph``
                # when one is set: the protocol cannot name a server's default graph.
                quads = list(store.quads_in_default_graph())
                if not quads:
                    continue
                target = self.asserted_graph
            else:
                quads = list(store.quads(graph))
                target = graph
            self.replace_graph(target, quads)
            count += len(quads)
            log.info("copied %d triples into %s", len(quads), graph or "the default graph")
        return count

    def clear_graph(self, graph: str) -> None:
        """Remove a named graph (nothing happens if it does not exist)."""
        if self.gsp_url:
            self._request("DELETE", self.gsp_url, what="clear", params={"graph": graph},
                          missing_ok=True)
        else:
            self._update(f"DROP SILENT GRAPH <{graph}>")
        self._graphs = None

    def flush(self) -> None:
        """Nothing to do: the server persists each request."""

    # -- reading ---------------------------------------------------------------
    def named_graphs(self) -> list[ox.NamedNode]:
        """The named graphs, sorted, cached until the next write through this object."""
        if self._graphs is None:
            rows = _expect(self._raw_query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"),
                           ox.QuerySolutions)
            self._graphs = sorted(
                (r[0] for r in rows if isinstance(r[0], ox.NamedNode)), key=str
            )
        return self._graphs

    def has_inferred(self) -> bool:
        return any(g.value == INFERRED for g in self.named_graphs())

    def __len__(self) -> int:
        """Quads in the named graphs plus triples in the default graph."""
        named = self._count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        if self.server_union and self.gsp_url:
            default = sum(1 for _ in self.quads_of(None))
        else:
            default = self._count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return named + default

    def _count(self, sparql: str) -> int:
        rows = _expect(self._raw_query(sparql), ox.QuerySolutions)
        return sum(int(r[0].value) for r in rows)

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """Every quad, or those of one named graph (read one graph at a time)."""
        if graph:
            yield from self.quads_of(graph)
            return
        yield from self.quads_of(None)
        for g in self.named_graphs():
            yield from self.quads_of(g.value)

    def quads_of(self, graph: str | None) -> Iterator[ox.Quad]:
        """The quads of one graph (the default graph if None), via GSP ``GET`` or CONSTRUCT."""
        node: ox.NamedNode | ox.DefaultGraph = ox.NamedNode(graph) if graph else ox.DefaultGraph()
        if self.gsp_url:
            response = self._request(
                "GET", self.gsp_url, what="read", params=_graph_param(node),
                headers={"Accept": "application/n-triples"}, missing_ok=True,
            )
            if response is None:
                return
            fmt = _graph_format(response, ox.RdfFormat.N_TRIPLES)
            triples: Iterable[ox.Triple] = (q.triple for q in ox.parse(response.content, fmt))
        else:
            where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
            query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}"
            triples = _expect(self._raw_query(query), RemoteTriples)
        for t in triples:
            yield ox.Quad(t.subject, t.predicate, t.object, node)

    def query(
        self,
        sparql: str,
        *,
        infer: bool = True,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        base_iri: str | None = None,
    ) -> RemoteResult:
        """Run a SPARQL query remotely; the protocol's graph parameters override the policy.

        Raises :class:`QuerySyntaxError` when the server rejects the query (400).
        """
        if base_iri and not re.match(r"\s*BASE\b", sparql, re.I):
            sparql = f"BASE <{base_iri}>\n{sparql}"
        default, named = self._dataset(sparql, infer, default_graph_uris, named_graph_uris)
        return self._raw_query(sparql, default, named)

    def _dataset(
        self, sparql: str, infer: bool, default: Sequence[str], named: Sequence[str]
    ) -> tuple[list[str], list[str]]:
        """The ``default-graph-uri`` and ``named-graph-uri`` lists to send (both empty: none)."""
        if self.asserted_graph and not (default or named or has_dataset_clause(sparql)):
            default = [self.asserted_graph] + ([INFERRED] if infer else [])
            return default, self._listed(infer)
        if default or named or not self.union_default_graph:
            if default and not named and self.union_default_graph:
                named = self._listed(infer)
            elif named and not default and self.union_default_graph:
                default = self._listed(infer)
            return list(default), list(named)
        if has_dataset_clause(sparql):
            # The clause's graphs go as protocol graphs too: a server in union mode
            # (oxigraph serve --union-default-graph) ignores a query's FROM otherwise.
            clause = dataset_clause(sparql)
            if clause is None and self.server_union:
                log.warning("FROM with prefixed names: a union-mode server may ignore it")
            return clause or ([], [])
        if infer and self.server_union:
            return [], []
        graphs = self._listed(infer)
        return graphs, graphs

    def _listed(self, infer: bool) -> list[str]:
        return [g.value for g in self.named_graphs() if infer or g.value != INFERRED]

    def _raw_query(
        self, sparql: str, default: Sequence[str] = (), named: Sequence[str] = ()
    ) -> RemoteResult:
        form = [("query", sparql)]
        form += [("default-graph-uri", g) for g in default]
        form += [("named-graph-uri", g) for g in named]
        try:
            response = self._session.post(
                self.query_url, data=form, timeout=self.timeout,
                headers={"Accept": _ACCEPT,
                         "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
            )
        except requests.Timeout as exc:
            raise QueryTimeout(f"the query ran past {self.timeout} s at {self.query_url}") from exc
        except requests.RequestException as exc:
            raise StoreError(f"cannot reach the remote store at {self.query_url}: {exc}") from exc
        if response.status_code == 400:
            lines = response.text.strip().splitlines()
            raise QuerySyntaxError(lines[0][:300] if lines else "the server rejected the query")
        if response.status_code >= 400:
            detail = " ".join(response.text.strip().splitlines()[:1])[:300]
            raise StoreError(f"{self.query_url} answered {response.status_code}: {detail}")
        return _parse_response(response)


def _expect(result: RemoteResult, kind: type[_R]) -> _R:
    """``result`` if it is of the kind the query asked for; a server answering otherwise errs."""
    if not isinstance(result, kind):
        raise StoreError(f"the remote store answered with {type(result).__name__}, "
                         f"not {kind.__name__}")
    return result


def _graph_param(graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> dict[str, str]:
    if isinstance(graph, ox.NamedNode):
        return {"graph": graph.value}
    if isinstance(graph, ox.DefaultGraph):
        return {"default": ""}
    raise StoreError("a blank-node graph name cannot be addressed over HTTP")


def _media_type(response: requests.Response) -> str:
    return response.headers.get("Content-Type", "").split(";")[0].strip().lower()


def _graph_format(response: requests.Response, default: ox.RdfFormat) -> ox.RdfFormat:
    return _GRAPH_FORMATS.get(_media_type(response), default)


def _parse_response(response: requests.Response) -> RemoteResult:
    media = _media_type(response)
    try:
        if media in _RESULT_FORMATS:
            return ox.parse_query_results(response.content, _RESULT_FORMATS[media])
        if media in _GRAPH_FORMATS:
            quads = ox.parse(response.content, _GRAPH_FORMATS[media])
            return RemoteTriples(q.triple for q in quads)
    except SyntaxError as exc:
        raise StoreError(f"the remote store sent invalid {media}: {exc}") from exc
    raise StoreError(f"the remote store answered in an unexpected format {media!r}")


# -- opening a store from a string -------------------------------------------------------


def _detect(url: str) -> tuple[str, str] | None:
    """(kind, base URL) guessed from a plain server URL, or None for a bare query endpoint."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/")

    def base(p: str) -> str:
        return urlunsplit((parts.scheme, parts.netloc, p, "", ""))

    if "/repositories/" in path:
        head, _, rest = path.partition("/repositories/")
        return "graphdb", base(f"{head}/repositories/{rest.split('/')[0]}")
    if path in ("", "/query", "/store", "/update"):
        return "oxigraph", base("")
    if path in ("/sparql", "/sparql-auth"):
        return "virtuoso", base("")
    segments = path.strip("/").split("/")
    if len(segments) == 1:
        return "fuseki", base(path)
    if len(segments) == 2 and segments[1] in ("sparql", "query", "data", "update", "get"):
        return "fuseki", base("/" + segments[0])
    return None


def open_store(
    spec: str | Path,
    *,
    read_only: bool = False,
    union_default_graph: bool = True,
    timeout: float = 30,
    auth: Any = None,
    asserted_graph: str | None = None,
) -> Store | RemoteStore:
    """An embedded store for a path; a :class:`RemoteStore` for a URL.

    * ``oxigraph+http://host:7878``, ``fuseki+http://host:3030/ds``,
      ``graphdb+http://host:7200/repositories/repo``, ``virtuoso+http://host:8890``
      (``+https`` too): the server kind's endpoints (see :func:`preset`);
    * ``sparql+http://host/path``: a bare, read-only SPARQL query endpoint;
    * a plain ``http(s)://`` URL: the kind is guessed from its path (``/repositories/r``:
      GraphDB, ``/sparql``: Virtuoso, ``/{ds}`` or ``/{ds}/sparql``: Fuseki, none or
      ``/query``: Oxigraph), else it is taken as a bare query endpoint.

    A URL's query string may set ``union=client|server|off`` (who makes the default graph
    the union of the named graphs; ``off`` is ``union_default_graph=False``) and
    ``timeout=`` seconds and ``asserted=IRI`` (see :class:`RemoteStore`).  Anything else is
    a path to an on-disk pyoxigraph store.
    """
    text = str(spec)
    m = re.match(r"^(?:(\w+)\+)?(https?://.*)$", text)
    if not m:
        return Store(Path(text), read_only=read_only, union_default_graph=union_default_graph)
    kind, url = m.group(1), m.group(2)
    parts = urlsplit(url)
    options = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    url = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
    settings: dict[str, Any] = {"timeout": float(options.get("timeout", timeout)),
                                "auth": auth, "union_default_graph": union_default_graph,
                                "asserted_graph": options.get("asserted", asserted_graph)}
    union = options.get("union")
    if union not in (None, "client", "server", "off"):
        raise InputError(f"{text}: union= must be client, server or off")
    if union == "off":
        settings["union_default_graph"] = False
    elif union:
        settings["server_union"] = union == "server"
    if kind == "sparql":
        return RemoteStore(url, **settings)
    if kind is None:
        found = _detect(url)
        if found is None:
            return RemoteStore(url, **settings)
        kind, url = found
    elif kind in ("oxigraph", "virtuoso"):
        url = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
    elif kind == "fuseki":
        found = _detect(url)
        if found and found[0] == "fuseki":
            url = found[1]
    log.info("remote %s store at %s", kind, url)
    return RemoteStore.from_preset(kind, url, **settings)


__all__ = ["Endpoints", "RemoteStore", "RemoteTriples", "dataset_clause", "has_dataset_clause",
           "open_store", "preset"]


def open_build_store(url: str, *, timeout: float = 30) -> RemoteStore:
    """A remote store laid out as ``kg build --store`` writes it.

    The build's default graph (its asserted triples, as one set) is kept in
    ``id:graph/asserted``, since the protocol cannot name a server's default graph.
    """
    from kg.vocab import GRAPH_ASSERTED

    store = open_store(
        url, union_default_graph=False, asserted_graph=str(GRAPH_ASSERTED), timeout=timeout
    )
    assert isinstance(store, RemoteStore)
    return store
