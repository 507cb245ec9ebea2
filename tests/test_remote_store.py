"""RemoteStore against a real ``oxigraph serve``: the same queries give the same answers.

Each server mode runs once per module: ``client`` (plain server; the store lists the named
graphs as the default graph, and loads by POSTing the whole dataset as N-Quads) and
``server`` (``--union-default-graph``; the store loads one graph at a time through
``?graph=``).  The dataset is a small generated knowledge graph (benchmarks/generate.py)
plus an ``id:graph/inferred`` materialised here, loaded into both an embedded
:class:`kg.store.Store` and the server.
"""

from __future__ import annotations

import gzip
import shutil
import socket
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from benchmark_modules import load_benchmark

from kg.errors import InputError, QuerySyntaxError, StoreError
from kg.remote import (
    RemoteStore,
    RemoteTriples,
    dataset_clause,
    has_dataset_clause,
    open_store,
    preset,
)
from kg.store import Store
from kg.vocab import GRAPH_INFERRED

ROOT = Path(__file__).resolve().parents[1]
OXIGRAPH = shutil.which("oxigraph")
INFERRED = str(GRAPH_INFERRED)
DIP = "https://w3id.org/dipkg/ontology#"
PREFIX = f"PREFIX dip: <{DIP}>\nPREFIX oa: <http://www.w3.org/ns/oa#>\n"

needs_server = pytest.mark.skipif(
    OXIGRAPH is None, reason="the `oxigraph` server binary is not installed (pip install oxigraph)"
)


def _dataset() -> tuple[bytes, bytes]:
    """A generated dataset as N-Quads, and its inferred triples as N-Triples."""
    gen = load_benchmark("generate")
    data = ox.serialize(list(gen.generate_quads(2500, seed=7)), format=ox.RdfFormat.N_QUADS)
    store = ox.Store()
    store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    inferred = store.query(
        PREFIX + "CONSTRUCT { ?a dip:participant ?x . ?d dip:records ?a . ?x dip:performed ?p }"
        " WHERE { { ?a dip:actor|dip:counterpart|dip:intermediary ?x }"
        " UNION { ?a dip:recordedIn ?d } UNION { ?p dip:actor ?x } }",
        use_default_graph_as_union=True,
    )
    return data, inferred.serialize(format=ox.RdfFormat.N_TRIPLES)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"oxigraph serve exited: {log.read_text()[-2000:]}")
        try:
            with requests.post(url, data={"query": "ASK {}"}, timeout=1) as r:
                if r.status_code == 200:
                    return
        except requests.ConnectionError:
            pass
        time.sleep(0.1)
    pytest.fail("oxigraph serve did not answer within 15 s")


@pytest.fixture(scope="module")
def dataset() -> tuple[bytes, bytes]:
    return _dataset()


@pytest.fixture(scope="module")
def embedded(dataset: tuple[bytes, bytes]) -> Store:
    data, inferred = dataset
    store = Store(union_default_graph=True)
    store.load_bytes(data, format=ox.RdfFormat.N_QUADS)
    store.load_bytes(inferred, format=ox.RdfFormat.N_TRIPLES, graph=INFERRED)
    return store


@pytest.fixture(scope="module", params=["client", "server"])
def server(request, tmp_path_factory) -> Iterator[tuple[str, str]]:
    """A running ``oxigraph serve`` on a free 127.0.0.1 port: (base URL, union mode)."""
    if OXIGRAPH is None:
        pytest.skip("the `oxigraph` server binary is not installed (pip install oxigraph)")
    mode = request.param
    tmp = tmp_path_factory.mktemp(f"oxigraph-{mode}")
    port = _free_port()
    args = [OXIGRAPH, "serve", "--location", str(tmp / "db"), "--bind", f"127.0.0.1:{port}"]
    if mode == "server":
        args.append("--union-default-graph")
    log = tmp / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base + "/query", proc, log)
        yield base, mode
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def remote(server, dataset) -> Iterator[RemoteStore]:
    base, mode = server
    data, inferred = dataset
    store = RemoteStore.from_preset(
        "oxigraph", base, server_union=mode == "server", dataset_post=mode == "client"
    )
    store.load_bytes(data, format=ox.RdfFormat.N_QUADS)
    store.load_bytes(inferred, format=ox.RdfFormat.N_TRIPLES, graph=INFERRED)
    with store:
        yield store


def _rows(result) -> Counter:
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    return Counter(tuple(str(row[n]) if row[n] is not None else None for n in names)
                   for row in result)


def _graph(result) -> set[str]:
    return {str(t) for t in result}


SELECTS = [
    "SELECT ?act ?type ?actor WHERE { ?act a ?type ; dip:actor ?actor }",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    "SELECT ?type (COUNT(?a) AS ?n) WHERE { ?a dip:evidence ?e ; a ?type } GROUP BY ?type",
    "SELECT ?a ?x WHERE { ?a dip:participant ?x }",
    "SELECT ?d ?start ?exact WHERE { ?a dip:evidence ?e . ?e oa:hasSource ?d ;"
    " oa:hasSelector ?p, ?q . ?p oa:start ?start . ?q oa:exact ?exact }"
    " ORDER BY ?d ?start ?exact LIMIT 50",
    "SELECT ?s ?o WHERE { GRAPH <https://w3id.org/dipkg/id/graph/inferred> { ?s ?p ?o } }"
    " ORDER BY ?s ?o LIMIT 5",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT ?label WHERE { ?s a dip:State ; <http://www.w3.org/2000/01/rdf-schema#label> ?label"
    " FILTER(lang(?label) = 'en') }",
]


@needs_server
@pytest.mark.parametrize("infer", [True, False])
@pytest.mark.parametrize("query", SELECTS)
def test_select_matches_embedded(remote: RemoteStore, embedded: Store, query: str, infer: bool):
    want = _rows(embedded.query(PREFIX + query, infer=infer))
    assert _rows(remote.query(PREFIX + query, infer=infer)) == want


@needs_server
def test_infer_false_excludes_inferred_graph(remote: RemoteStore, embedded: Store):
    ask = PREFIX + "ASK { ?a dip:participant ?x }"
    assert bool(remote.query(ask, infer=True)) is bool(embedded.query(ask, infer=True)) is True
    assert bool(remote.query(ask, infer=False)) is bool(embedded.query(ask, infer=False)) is False
    named = PREFIX + f"ASK {{ GRAPH <{INFERRED}> {{ ?s ?p ?o }} }}"
    assert bool(remote.query(named, infer=True)) and not bool(remote.query(named, infer=False))


@needs_server
@pytest.mark.parametrize("infer", [True, False])
def test_construct_and_describe_match(remote: RemoteStore, embedded: Store, infer: bool):
    construct = PREFIX + (
        "CONSTRUCT { ?a dip:participant ?x ; a ?t } WHERE { ?a dip:actor ?x ; a ?t }"
    )
    got = remote.query(construct, infer=infer)
    assert isinstance(got, RemoteTriples)
    assert _graph(got) == _graph(embedded.query(construct, infer=infer))
    act = next(iter(embedded.query(PREFIX + "SELECT ?a WHERE { ?a dip:actor ?x } LIMIT 1")))[0]
    describe = f"DESCRIBE <{act.value}>"
    want = _graph(embedded.query(describe, infer=infer))
    assert want and _graph(remote.query(describe, infer=infer)) == want


@needs_server
def test_protocol_graph_parameters(remote: RemoteStore, embedded: Store):
    graphs = [g.value for g in embedded.named_graphs() if "/graph/source/" in g.value]
    one, two = graphs[0], graphs[1]
    q = PREFIX + "SELECT ?a ?type WHERE { ?a a ?type }"
    for kwargs in (
        {"default_graph_uris": [one]},
        {"default_graph_uris": [one, INFERRED]},
        {"default_graph_uris": [one], "named_graph_uris": [two]},
    ):
        assert _rows(remote.query(q, **kwargs)) == _rows(embedded.query(q, **kwargs))
    gq = PREFIX + "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    for infer in (True, False):
        got = _rows(remote.query(gq, named_graph_uris=[one, two], infer=infer))
        assert got == _rows(embedded.query(gq, named_graph_uris=[one, two], infer=infer))
        assert {row[0] for row in got} == {f"<{one}>", f"<{two}>"}


@needs_server
def test_query_dataset_clause_is_kept(remote: RemoteStore, embedded: Store):
    one = next(g.value for g in embedded.named_graphs() if "/graph/source/" in g.value)
    q = PREFIX + "SELECT ?a WHERE { ?a dip:actor ?x }"
    want = _rows(embedded.query(q, default_graph_uris=[one]))
    from_q = PREFIX + f"SELECT ?a FROM <{one}> WHERE {{ ?a dip:actor ?x }}"
    assert has_dataset_clause(from_q)
    assert want and _rows(remote.query(from_q)) == want


@needs_server
def test_store_interface_matches(remote: RemoteStore, embedded: Store):
    assert [g.value for g in remote.named_graphs()] == [g.value for g in embedded.named_graphs()]
    assert len(remote) == len(embedded)
    assert remote.has_inferred()
    graph = next(g.value for g in embedded.named_graphs() if "/graph/source/" in g.value)
    assert {str(q) for q in remote.quads(graph)} == {str(q) for q in embedded.quads(graph)}


@needs_server
def test_syntax_error_is_query_syntax_error(remote: RemoteStore, embedded: Store):
    with pytest.raises(QuerySyntaxError):
        embedded.query("SELEC ?x WHERE { }")
    with pytest.raises(QuerySyntaxError):
        remote.query("SELEC ?x WHERE { }")


@needs_server
def test_writes_through_gsp_and_update(server, tmp_path: Path):
    base, mode = server
    g = "https://w3id.org/dipkg/id/graph/source/test-writes"
    with RemoteStore.from_preset("oxigraph", base, server_union=mode == "server") as store:
        store.clear_graph(g)
        before = len(store)
        ttl = tmp_path / "one.ttl.gz"
        ttl.write_bytes(gzip.compress(b"@prefix ex: <http://example.org/> . ex:a ex:p ex:b, <r> ."))
        store.load_file(ttl, graph=g)
        assert len(store) == before + 2
        # the relative IRI was resolved against the file, as the embedded store does
        assert any(q.object.value == (tmp_path / "r").as_uri() for q in store.quads(g))
        store.add_quads([ox.Quad(ox.NamedNode("http://example.org/c"),
                                 ox.NamedNode("http://example.org/p"), ox.Literal("x"),
                                 ox.NamedNode(g))])
        assert len(list(store.quads(g))) == 3
        store.replace_graph(g, [ox.Triple(ox.NamedNode("http://example.org/only"),
                                          ox.NamedNode("http://example.org/p"), ox.Literal("1"))])
        assert [q.subject.value for q in store.quads(g)] == ["http://example.org/only"]
        store.clear_graph(g)
        store.clear_graph(g)  # clearing a missing graph is fine
        assert len(store) == before
        assert g not in {n.value for n in store.named_graphs()}
        with pytest.raises(InputError):
            store.load_bytes(b"<not turtle", format=ox.RdfFormat.TURTLE, graph=g)
    # no Graph Store endpoint: writes fall back to SPARQL Update
    with RemoteStore(base + "/query", update_url=base + "/update") as upd:
        upd.add_quads([ox.Quad(ox.NamedNode("http://example.org/u"),
                               ox.NamedNode("http://example.org/p"), ox.Literal('say "hi"\n'),
                               ox.NamedNode(g))])
        assert [q.object.value for q in upd.quads(g)] == ['say "hi"\n']
        upd.clear_graph(g)
        assert not list(upd.quads(g))
    with RemoteStore(base + "/query") as read_only, pytest.raises(StoreError, match="read-only"):
        read_only.add_quads([ox.Quad(ox.NamedNode("http://example.org/u"),
                                     ox.NamedNode("http://example.org/p"), ox.Literal("1"))])


@needs_server
def test_copy_from_embedded(server, embedded: Store):
    base, mode = server
    with RemoteStore.from_preset("oxigraph", base, server_union=mode == "server") as store:
        assert store.copy_from(embedded) == len(embedded)
        assert len(store) == len(embedded)  # replaced, not appended
        q = PREFIX + "SELECT ?t (COUNT(*) AS ?n) WHERE { ?a a ?t } GROUP BY ?t"
        assert _rows(store.query(q)) == _rows(embedded.query(q))


@needs_server
def test_open_store_url(server, embedded: Store):
    base, mode = server
    spec = f"oxigraph+{base}" + ("?union=server" if mode == "server" else "")
    store = open_store(spec)
    assert isinstance(store, RemoteStore) and store.server_union is (mode == "server")
    with store:
        q = PREFIX + "SELECT (COUNT(*) AS ?n) WHERE { ?a dip:actor ?x }"
        assert _rows(store.query(q)) == _rows(embedded.query(q))


def test_unreachable_server_is_store_error():
    with RemoteStore(f"http://127.0.0.1:{_free_port()}/query", timeout=2) as store, \
            pytest.raises(StoreError, match="cannot reach"):
        store.query("ASK {}")


def test_open_store_specs(tmp_path: Path):
    cases = {
        "oxigraph+http://h:7878": ("http://h:7878/query", "http://h:7878/store", False),
        "http://h:7878/query": ("http://h:7878/query", "http://h:7878/store", False),
        "fuseki+http://h:3030/kg": ("http://h:3030/kg/sparql", "http://h:3030/kg/data", False),
        "http://h:3030/kg/sparql": ("http://h:3030/kg/sparql", "http://h:3030/kg/data", False),
        "https://h/repositories/kg": (
            "https://h/repositories/kg", "https://h/repositories/kg/rdf-graphs/service", True),
        "http://h:8890/sparql": ("http://h:8890/sparql", "http://h:8890/sparql-graph-crud-auth",
                                 True),
        "sparql+http://h/a/b/c": ("http://h/a/b/c", None, False),
        "oxigraph+http://h:1?union=server": ("http://h:1/query", "http://h:1/store", True),
    }
    for spec, (query_url, gsp_url, server_union) in cases.items():
        store = open_store(spec)
        assert isinstance(store, RemoteStore), spec
        assert (store.query_url, store.gsp_url, store.server_union) == (
            query_url, gsp_url, server_union), spec
        store.close()
    off = open_store("oxigraph+http://h:1?union=off")
    assert isinstance(off, RemoteStore) and off.union_default_graph is False
    off.close()
    with pytest.raises(InputError):
        open_store("oxigraph+http://h:1?union=sometimes")
    with pytest.raises(InputError):
        preset("blazegraph", "http://h")
    local = open_store(tmp_path / "store")
    assert isinstance(local, Store) and local.union_default_graph


def test_has_dataset_clause():
    assert has_dataset_clause("SELECT * FROM <http://g> { ?s ?p ?o }")
    assert has_dataset_clause("select * from named <http://g> { graph ?g { ?s ?p ?o } }")
    assert not has_dataset_clause('SELECT * { ?s <http://x/from#from> "FROM" } # FROM <g>')
    assert not has_dataset_clause("SELECT ?from { ?from ?p ?o }")
    assert dataset_clause("SELECT * FROM <a> FROM NAMED <b> FROM <c> { }") == (["a", "c"], ["b"])
    assert dataset_clause("PREFIX g: <http://g/> SELECT * FROM g:x { }") is None
    assert dataset_clause("SELECT * { ?s ?p '''FROM <x>''' }") is None


def test_dataset_policy_without_server():
    """Which graphs each mode sends, given the named graphs the server has."""
    graphs = [ox.NamedNode(f"https://w3id.org/dipkg/id/graph/source/{n}") for n in "ab"]
    graphs.append(ox.NamedNode(INFERRED))
    q = "SELECT * { ?s ?p ?o }"

    def dataset(store: RemoteStore, infer: bool, **kw) -> tuple[list[str], list[str]]:
        store._graphs = graphs  # what named_graphs() would have fetched
        return store._dataset(q, infer, kw.get("default", ()), kw.get("named", ()))

    every = [g.value for g in graphs]
    asserted = every[:2]
    client = RemoteStore("http://h/query")
    assert dataset(client, True) == (every, every)
    assert dataset(client, False) == (asserted, asserted)
    assert dataset(client, True, default=["http://x"]) == (["http://x"], every)
    assert dataset(client, False, named=["http://x"]) == (asserted, ["http://x"])
    union = RemoteStore("http://h/query", server_union=True)
    assert dataset(union, True) == ([], [])
    assert dataset(union, False) == (asserted, asserted)
    mirror = "https://w3id.org/dipkg/id/graph/asserted"
    fast = open_store(f"oxigraph+http://h:1?union=server&asserted={mirror}")
    assert isinstance(fast, RemoteStore)
    assert dataset(fast, True) == ([mirror, INFERRED], every)
    assert dataset(fast, False) == ([mirror], asserted)
    plain = RemoteStore("http://h/query", union_default_graph=False)
    assert dataset(plain, False) == ([], [])
    assert dataset(plain, True, named=["http://x"]) == ([], ["http://x"])
    for store in (client, union, fast, plain):
        store.close()


def test_kg_build_query_and_serve_through_a_remote_store(tmp_path, server_factory) -> None:
    """`kg build --store URL` pushes the reasoned build; `kg query --store URL` answers as
    local; the endpoint serves it (EndpointConfig.store_url, as `kg serve --store URL`)."""
    import requests
    from click.testing import CliRunner

    from endpoint.config import EndpointConfig
    from kg.cli import main

    if OXIGRAPH is None:
        pytest.skip("the `oxigraph` server binary is not installed (pip install oxigraph)")
    port = _free_port()
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [OXIGRAPH, "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"oxigraph+http://127.0.0.1:{port}"
    runner = CliRunner(env={"KG_BUILD_DIR": str(tmp_path / "build")})
    try:
        _wait_until_up(f"http://127.0.0.1:{port}/query", proc, log)
        built = runner.invoke(main, ["build", "--store", url])
        assert built.exit_code == 0, built.output
        query = (
            "PREFIX dip: <https://w3id.org/dipkg/ontology#> "
            "SELECT DISTINCT ?act ?state WHERE { ?act a dip:SeveranceOfRelations ; "
            "dip:actingState ?state } ORDER BY ?act ?state"
        )
        local = runner.invoke(main, ["query", "-f", "csv", query])
        remote = runner.invoke(main, ["query", "--store", url, "-f", "csv", query])
        assert local.exit_code == 0 and remote.exit_code == 0, remote.output
        assert local.stdout.count("\n") > 1  # reasoning gave acting states
        assert remote.stdout == local.stdout
        asserted_only = runner.invoke(main, ["query", "--store", url, "--no-infer", "-f", "csv",
                                             query])
        assert asserted_only.stdout.strip() == "act,state"

        server = server_factory(EndpointConfig(store_url=url, cache=False))
        answer = requests.post(server.sparql, data={"query": query},
                               headers={"Accept": "text/csv"}, timeout=30)
        assert answer.status_code == 200 and answer.headers["X-Reasoning"] == "owl2rl"
        assert answer.text.replace("\r\n", "\n") == local.stdout
        state = requests.get(server.url + "id/state/israel", timeout=30)
        assert state.status_code == 200 and "Israel" in state.text
    finally:
        proc.terminate()
        proc.wait(timeout=10)
