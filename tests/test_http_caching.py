"""HTTP caching against real servers: ETags from the dataset version, 304s, Cache-Control,
the server-side result cache (and its absence under ``KG_CACHE=off``), and streaming of
large answers with a correct Content-Length."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests
from conftest import PREFIXES, LiveServer
from servers import launch

from endpoint.app import dataset_version
from endpoint.config import EndpointConfig
from endpoint.serve import make_store_for_datasets

MAX_AGE = 123
ACTS = PREFIXES + "SELECT ?act ?date WHERE { ?act a dip:DiplomaticAct ; dip:date ?date }"
JSON = "application/sparql-results+json"


@pytest.fixture(scope="module")
def cached_server(seed_store_path: Path, server_factory: Callable[..., LiveServer]) -> LiveServer:
    config = EndpointConfig(store_path=seed_store_path, cache=True, http_max_age=MAX_AGE)
    return server_factory(config, workers=1)


@pytest.fixture(scope="module")
def env_cache_off_server(
    seed_store_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    """A server configured only by its environment, with ``KG_CACHE=off``."""
    env = {"KG_CACHE": "off", "KG_STORE": str(seed_store_path), "KG_HTTP_MAX_AGE": str(MAX_AGE)}
    started = launch(
        lambda port: [sys.executable, "-m", "endpoint.serve", "--host", "127.0.0.1",
                      "--port", str(port), "--workers", "1", "--threads", "4"],
        tmp_path_factory.mktemp("env-server") / "server.log",
        env=env,
    )
    server = LiveServer(started.process, started.url, started.log_path, started.ready_seconds,
                        EndpointConfig.from_env(env))
    try:
        yield server
    finally:
        server.stop()


def get(server: LiveServer, query: str, accept: str = JSON, **headers: str) -> requests.Response:
    return requests.get(server.sparql, params={"query": query},
                        headers={"Accept": accept, **headers}, timeout=30)


def test_etag_is_stable_and_depends_on_query_and_format(cached_server: LiveServer) -> None:
    first, second = get(cached_server, ACTS), get(cached_server, ACTS)
    assert first.status_code == second.status_code == 200
    etag = first.headers["ETag"]
    assert etag.startswith('"') and etag == second.headers["ETag"]
    assert get(cached_server, ACTS + " LIMIT 1").headers["ETag"] != etag
    assert get(cached_server, ACTS, "text/csv").headers["ETag"] != etag
    other = requests.get(cached_server.sparql, params={"query": ACTS, "infer": "false"},
                         headers={"Accept": JSON}, timeout=30)
    assert other.headers["ETag"] != etag


def test_if_none_match_gives_304_without_a_body(cached_server: LiveServer) -> None:
    etag = get(cached_server, ACTS).headers["ETag"]
    r = get(cached_server, ACTS, **{"If-None-Match": etag})
    assert r.status_code == 304 and r.content == b""
    assert r.headers["ETag"] == etag
    assert r.headers["Cache-Control"] == f"public, max-age={MAX_AGE}"
    # a weak form of the same tag, or a list holding it, also matches
    assert get(cached_server, ACTS, **{"If-None-Match": f'"x", W/{etag}'}).status_code == 304
    # another tag does not
    assert get(cached_server, ACTS, **{"If-None-Match": '"nope"'}).status_code == 200


def test_cache_control_on_get_not_on_post(cached_server: LiveServer) -> None:
    r = get(cached_server, ACTS)
    assert r.headers["Cache-Control"] == f"public, max-age={MAX_AGE}"
    assert "ETag" in r.headers["Access-Control-Expose-Headers"]
    post = requests.post(cached_server.sparql, data=ACTS.encode(),
                         headers={"Content-Type": "application/sparql-query", "Accept": JSON},
                         timeout=30)
    assert post.status_code == 200 and "public" not in post.headers.get("Cache-Control", "")
    bad = get(cached_server, "SELECT nonsense")
    assert bad.status_code == 400 and "ETag" not in bad.headers
    assert "public" not in bad.headers.get("Cache-Control", "")


@pytest.mark.parametrize("path,accept", [
    ("id/state/israel", "text/html"),
    ("id/state/israel", "text/turtle"),
    ("ontology", "text/turtle"),
    (".well-known/void", "text/turtle"),
    ("sparql", "text/turtle"),  # the service description
])
def test_pages_and_descriptions_are_cacheable(
    cached_server: LiveServer, path: str, accept: str
) -> None:
    r = requests.get(cached_server.url + path, headers={"Accept": accept}, timeout=30)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["Cache-Control"] == f"public, max-age={MAX_AGE}"
    etag = r.headers["ETag"]
    again = requests.get(cached_server.url + path,
                         headers={"Accept": accept, "If-None-Match": etag}, timeout=30)
    assert again.status_code == 304 and again.content == b""
    other = requests.get(cached_server.url + path, headers={"Accept": "application/n-triples"},
                         timeout=30)
    if other.status_code == 200:
        assert other.headers["ETag"] != etag


def test_server_side_cache_hits_on_repeats(cached_server: LiveServer) -> None:
    query = ACTS + " ORDER BY ?date"
    first, second = get(cached_server, query), get(cached_server, query)
    assert "X-Cache" not in first.headers
    assert second.headers["X-Cache"] == "hit"
    assert first.content == second.content
    assert first.headers["X-Reasoning"] == second.headers["X-Reasoning"] == "owl2rl"
    assert first.headers["X-Result-Rows"] == second.headers["X-Result-Rows"]


def test_kg_cache_off_in_the_environment_disables_the_cache(
    env_cache_off_server: LiveServer,
) -> None:
    # (ordered: without ORDER BY two query workers may list the same rows in other orders)
    query = ACTS + " ORDER BY ?act ?date"
    responses = [get(env_cache_off_server, query) for _ in range(4)]
    assert all(r.status_code == 200 for r in responses)
    assert all("X-Cache" not in r.headers for r in responses)
    assert len({r.content for r in responses}) == 1
    # HTTP validators do not depend on the server-side cache
    etag = responses[0].headers["ETag"]
    assert {r.headers["ETag"] for r in responses} == {etag}
    assert get(env_cache_off_server, query, **{"If-None-Match": etag}).status_code == 304
    assert responses[0].headers["Cache-Control"] == f"public, max-age={MAX_AGE}"


def test_large_answer_is_streamed_whole(cached_server: LiveServer) -> None:
    """Over 1 MiB goes out in pieces, with the exact Content-Length and every row."""
    query = "SELECT * WHERE { ?s ?p ?o . ?s2 ?p2 ?o2 }"
    r = requests.get(cached_server.sparql, params={"query": query, "infer": "false"},
                     headers={"Accept": JSON}, timeout=60, stream=True)
    assert r.status_code == 200
    assert "chunked" not in r.headers.get("Transfer-Encoding", "")
    body = r.raw.read()
    assert len(body) == int(r.headers["Content-Length"]) > 1 << 20
    rows = json.loads(body)["results"]["bindings"]
    assert len(rows) == int(r.headers["X-Result-Rows"])
    count = requests.get(cached_server.sparql, params={
        "query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "infer": "false"},
        headers={"Accept": JSON}, timeout=30).json()["results"]["bindings"][0]["n"]["value"]
    assert len(rows) == int(count) ** 2


def test_dataset_version_sources(tmp_path: Path) -> None:
    """build.json, else dataset.json, else the store's table files name the version."""
    data = tmp_path / "a.nt"
    data.write_text("<http://a> <http://b> <http://c> .\n")
    store = make_store_for_datasets([data], tmp_path / "one" / "store", reason=False)
    recorded = json.loads((tmp_path / "one" / "dataset.json").read_text())["version"]
    assert dataset_version(store) == recorded
    # the same bytes give the same version; different bytes another
    again = make_store_for_datasets([data], tmp_path / "two" / "store", reason=False)
    assert dataset_version(again) == recorded
    data.write_text("<http://a> <http://b> <http://d> .\n")
    changed = make_store_for_datasets([data], tmp_path / "three" / "store", reason=False)
    assert dataset_version(changed) != recorded
    (tmp_path / "three" / "build.json").write_text(json.dumps({"version": "b-42"}))
    assert dataset_version(changed) == "b-42"
    (tmp_path / "two" / "dataset.json").unlink()
    fallback = dataset_version(again)
    assert fallback.startswith("store-") and fallback == dataset_version(again)
