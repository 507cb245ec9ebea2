"""Limits a public endpoint needs: time, rows, request size, SERVICE, CORS, paths."""

from __future__ import annotations

import http.client
import os
import socket
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from conftest import PREFIXES, SEED_TRIG, LiveServer, build_store

from endpoint.config import EndpointConfig
from endpoint.sparql import inspect_query
from kg.errors import QueryRefused

TIMEOUT = 1.5
MAX_ROWS = 40
MAX_REQUEST = 4000
FILLER = 300
CROSS_PRODUCT = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . "
                 "?j ?k ?l . FILTER(STR(?c) != STR(?l)) }")
SIMPLE = PREFIXES + "ASK { id:state\\/israel a dip:State }"


@pytest.fixture(scope="module")
def safe_server(
    tmp_path_factory: pytest.TempPathFactory,
    server_factory: Callable[..., LiveServer],
    live_server: LiveServer,
) -> LiveServer:
    """Tight limits; the seed server's endpoint is the only allowed SERVICE."""
    filler = "".join(f"<urn:x:{i}> <urn:p:{i % 7}> \"{i}\" .\n" for i in range(FILLER))
    store = build_store(tmp_path_factory.mktemp("safe") / "store", [
        (SEED_TRIG.encode(), ox.RdfFormat.TRIG, None),
        (filler.encode(), ox.RdfFormat.N_TRIPLES, "urn:graph:filler"),
    ], as_build=True)
    config = EndpointConfig(
        store_path=store, query_timeout=TIMEOUT, max_rows=MAX_ROWS,
        max_request_bytes=MAX_REQUEST, query_workers=2, cache=False,
        service_allowlist=(live_server.sparql,),
    )
    return server_factory(config)


def group_cpu_seconds(pgid: int) -> float:
    """CPU time used so far by every process of a process group (Linux /proc)."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[2]) == pgid:  # field 5 of stat: the process group
            total += int(fields[11]) + int(fields[12])  # utime + stime
    return total / os.sysconf("SC_CLK_TCK")


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_timeout_stops_the_query_while_others_are_served(safe_server: LiveServer) -> None:
    with ThreadPoolExecutor(max_workers=1) as pool:
        started = time.monotonic()
        slow = pool.submit(requests.post, safe_server.sparql, data={"query": CROSS_PRODUCT},
                           timeout=30)
        time.sleep(0.3)
        t0 = time.monotonic()
        quick = requests.get(safe_server.sparql, params={"query": SIMPLE}, timeout=30)
        quick_elapsed = time.monotonic() - t0
        assert quick.status_code == 200 and quick.json()["boolean"] is True
        assert quick_elapsed < 1.0
        assert not slow.done()  # the long query was still running meanwhile
        r = slow.result()
        elapsed = time.monotonic() - started
    assert r.status_code == 503, r.text
    assert "limit" in r.text and "stopped" in r.text
    assert r.headers.get("Retry-After")
    assert TIMEOUT <= elapsed < TIMEOUT + 3
    # The worker was killed: nothing in the server's process group burns CPU now.
    time.sleep(0.3)
    before = group_cpu_seconds(safe_server.process.pid)
    time.sleep(1.0)
    assert group_cpu_seconds(safe_server.process.pid) - before < 0.5
    # and a replacement worker answers
    again = requests.get(safe_server.sparql, params={"query": SIMPLE}, timeout=30)
    assert again.status_code == 200


def test_row_limit_is_413(safe_server: LiveServer) -> None:
    r = requests.get(safe_server.sparql, params={"query": "SELECT * { ?s ?p ?o }"}, timeout=30)
    assert r.status_code == 413
    assert "LIMIT" in r.text
    r = requests.get(safe_server.sparql,
                     params={"query": f"SELECT * {{ ?s ?p ?o }} LIMIT {MAX_ROWS}"}, timeout=30)
    assert r.status_code == 200 and len(r.json()["results"]["bindings"]) == MAX_ROWS
    r = requests.get(safe_server.sparql,
                     params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"}, timeout=30)
    assert r.status_code == 413


def test_request_size_is_413(safe_server: LiveServer) -> None:
    padding = "#" + "x" * MAX_REQUEST + "\n"
    r = requests.post(safe_server.sparql, data=(padding + "ASK {}").encode(),
                      headers={"Content-Type": "application/sparql-query"}, timeout=30)
    assert r.status_code == 413
    r = requests.post(safe_server.sparql, data={"query": padding + "ASK {}"}, timeout=30)
    assert r.status_code == 413
    r = requests.get(safe_server.sparql, params={"query": padding[:6000] + "ASK {}"},
                     timeout=30)
    assert r.status_code in (413, 414)
    small = "#" + "x" * 100 + "\nASK {}"
    r = requests.post(safe_server.sparql, data=small.encode(),
                      headers={"Content-Type": "application/sparql-query"}, timeout=30)
    assert r.status_code == 200


class _Listener:
    """A loopback socket that records whether anything connects to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/sparql"
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


def test_service_to_unlisted_endpoints_is_refused(safe_server: LiveServer) -> None:
    listener = _Listener()
    try:
        target = listener.url
        attempts = [
            f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
            f"select * where {{ service silent <{target}> {{ ?s ?p ?o }} }}",
            f"PREFIX ep: <{target[:-6]}> SELECT * WHERE {{ SERVICE ep:sparql {{ ?s ?p ?o }} }}",
            "SELECT * WHERE { VALUES ?e { <" + target + "> } SERVICE ?e { ?s ?p ?o } }",
            f"SELECT * WHERE {{ SER\\u0056ICE <{target}> {{ ?s ?p ?o }} }}",
            f"BASE <{target[:-6]}> SELECT * WHERE {{ SERVICE <sparql> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE <{target}> {{ ?s ?q ?r }} }} }}",
        ]
        for query in attempts:
            r = requests.get(safe_server.sparql, params={"query": query}, timeout=30)
            assert r.status_code == 403, (query, r.text)
            assert "SERVICE" in r.text
        time.sleep(0.3)
        assert listener.connections == 0
    finally:
        listener.close()


def test_service_word_in_strings_iris_and_comments_is_not_a_call(safe_server: LiveServer) -> None:
    query = ('# SERVICE <http://127.0.0.1:9/> { }\n'
             'SELECT ?x WHERE { BIND("SERVICE <http://127.0.0.1:9/> {}" AS ?x) '
             'FILTER(?x != <urn:SERVICE>) }')
    r = requests.get(safe_server.sparql, params={"query": query}, timeout=30)
    assert r.status_code == 200, r.text


def test_allow_listed_service_is_federated(
    safe_server: LiveServer, live_server: LiveServer
) -> None:
    query = (PREFIXES + "SELECT ?label WHERE { SERVICE <" + live_server.sparql + "> "
             "{ id:state\\/israel <http://www.w3.org/2000/01/rdf-schema#label> ?label } }")
    r = requests.get(safe_server.sparql, params={"query": query}, timeout=30)
    assert r.status_code == 200, r.text
    assert [b["label"]["value"] for b in r.json()["results"]["bindings"]] == ["Israel"]


def test_inspect_query_unit() -> None:
    assert inspect_query("PREFIX s: <urn:s> SELECT ?service { ?service s:service 1 }").form \
        == "select"
    assert inspect_query("DESCRIBE <urn:x>").form == "describe"
    with pytest.raises(QueryRefused):
        inspect_query("PREFIX x: <urn:x> INSERT DATA { <a> <b> <c> }")
    with pytest.raises(QueryRefused):
        inspect_query("SELECT * { SERVICE <http://evil.example/> { ?s ?p ?o } }")
    info = inspect_query("SELECT * { SERVICE <http://ok.example/sparql> { ?s ?p ?o } }",
                         ("http://ok.example/sparql",))
    assert info.services == ("http://ok.example/sparql",)


def test_cors(live_server: LiveServer) -> None:
    r = requests.get(live_server.sparql, params={"query": "ASK {}"},
                     headers={"Origin": "https://example.org"}, timeout=30)
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    r = requests.post(live_server.sparql, data={"query": "ASK {}"},
                      headers={"Origin": "https://example.org"}, timeout=30)
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    r = requests.options(live_server.sparql, headers={
        "Origin": "https://example.org",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }, timeout=30)
    assert r.status_code in (200, 204)
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in r.headers["Access-Control-Allow-Methods"]
    assert "content-type" in r.headers["Access-Control-Allow-Headers"].lower()


@pytest.mark.parametrize("path", [
    "/../../../../etc/passwd",
    "/sparql/../../../../etc/passwd",
    "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/.well-known/..%2f..%2f..%2fetc%2fpasswd",
    "/static/../../../../etc/passwd",
    "/static/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/static/%2e%2e/%2e%2e/pyproject.toml",
    "/.well-known/../../pyproject.toml",
    "/..%5c..%5cetc%5cpasswd",
])
def test_path_traversal_is_404(live_server: LiveServer, path: str) -> None:
    host, port = live_server.url.split("//")[1].rstrip("/").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    conn.request("GET", path)  # sent as written: no client-side normalisation
    response = conn.getresponse()
    body = response.read()
    conn.close()
    assert response.status == 404, (path, response.status)
    assert b"root:" not in body and b"[project]" not in body
