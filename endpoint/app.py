"""The Flask application factory.

``create_app(config)`` opens the store read-only and puts a :class:`Services`
object at ``app.extensions["dipkg"]``; routes reach the store and the query
workers through it.  Nothing is created at import: under gunicorn each worker
process calls the factory after the fork, and the query worker pool starts on
the first query of the process that uses it.
"""

from __future__ import annotations

import atexit
import dataclasses
import hashlib
import json
import logging
import os
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from flask import Flask, Response, current_app, request

from kg.errors import KGError, StoreError
from kg.store import Store

from .config import EndpointConfig
from .executor import QueryExecutor, QueryOutcome, RemoteExecutor

log = logging.getLogger(__name__)

_CACHE_ENTRIES = 512
_CACHE_MAX_BYTES = 2_000_000  # one result; bigger ones are not kept
_CACHE_TOTAL_BYTES = 64_000_000  # every kept result of one process
# Responses that may be kept by HTTP caches: GET queries, linked data, descriptions.
_CACHEABLE_PREFIXES = ("/sparql", "/id/", "/ontology", "/.well-known/void")

CacheKey = tuple[Any, ...]


def dataset_version(store_path: Path) -> str:
    """A stable identifier of the data a store holds, for ETags.

    A build says it in ``build.json`` next to its ``store/``; ``kg serve
    --dataset`` writes ``dataset.json`` there (a hash of the input files).
    Otherwise the store's immutable table files (names and sizes) identify
    it, the same in every server process.
    """
    for name in ("build.json", "dataset.json"):
        path = store_path.parent / name
        if path.is_file():
            try:
                version = json.loads(path.read_text(encoding="utf-8")).get("version")
            except (OSError, ValueError, AttributeError):
                log.warning("cannot read the dataset version in %s", path)
                continue
            if version:
                return str(version)
    digest = hashlib.sha256()
    for path in sorted(store_path.glob("*.sst")):
        digest.update(f"{path.name}\0{path.stat().st_size}\n".encode())
    return "store-" + digest.hexdigest()[:20]


class Services:
    """What routes share: the config, the read-only store, and the query runner."""

    def __init__(self, config: EndpointConfig) -> None:
        self.config = config
        if config.store_url:
            from kg.remote import open_build_store

            self.store_path: Path | None = None
            self.store: Any = open_build_store(config.store_url, timeout=config.query_timeout)
            # The external store may change under us; the version is what it held at start.
            self.version = "remote-" + hashlib.sha256(
                f"{config.store_url}\0{len(self.store)}".encode()
            ).hexdigest()[:20]
        else:
            if config.store_path is None:
                raise StoreError("no store to serve: set store_path (or KG_STORE)")
            if not config.store_path.is_dir():
                raise StoreError(f"no store at {config.store_path} (run `kg build` first)")
            # Resolve once: if ``build/current`` is swapped while serving, every
            # process of this server keeps reading the same build.
            self.store_path = config.store_path.resolve()
            self.store = Store(self.store_path, read_only=True,
                               union_default_graph=config.union_default_graph)
            self.version = dataset_version(self.store_path)
        self.has_inferred = self.store.has_inferred()
        self._executor: QueryExecutor | RemoteExecutor | None = None
        self._lock = threading.Lock()
        self._cache: OrderedDict[CacheKey, QueryOutcome] = OrderedDict()
        self._cache_bytes = 0
        self._stats: dict[str, Any] | None = None

    def etag(self, *parts: object) -> str:
        """A strong ETag for a representation of this dataset version."""
        digest = hashlib.blake2b(repr((self.version, *parts)).encode("utf-8"), digest_size=16)
        return f'"{digest.hexdigest()}"'

    def cached(self, key: CacheKey) -> QueryOutcome | None:
        """A kept result for ``key`` (marked ``cached``), or None; never when caching is off."""
        if not self.config.cache:
            return None
        with self._lock:
            hit = self._cache.get(key)
            if hit is None:
                return None
            self._cache.move_to_end(key)
        return dataclasses.replace(hit, elapsed=0.0, cached=True)

    def keep(self, key: CacheKey, outcome: QueryOutcome) -> None:
        size = outcome.size
        if not self.config.cache or size > _CACHE_MAX_BYTES:
            return
        with self._lock:
            old = self._cache.pop(key, None)
            if old is not None:
                self._cache_bytes -= old.size
            self._cache[key] = outcome
            self._cache_bytes += size
            while len(self._cache) > _CACHE_ENTRIES or self._cache_bytes > _CACHE_TOTAL_BYTES:
                _, dropped = self._cache.popitem(last=False)
                self._cache_bytes -= dropped.size

    @property
    def executor(self) -> QueryExecutor | RemoteExecutor:
        """The worker pool of this process, started on first use (after any fork)."""
        with self._lock:
            if self._executor is not None and self._executor.pid == os.getpid():
                return self._executor
            if self.store_path is None:
                self._executor = RemoteExecutor(self.store, max_rows=self.config.max_rows)
            else:
                self._executor = QueryExecutor(
                    self.store_path,
                    union_default_graph=self.config.union_default_graph,
                    size=self.config.query_workers,
                    timeout=self.config.query_timeout,
                    max_rows=self.config.max_rows,
                    memory_max_quads=self.config.memory_max_quads,
                )
            atexit.register(self._executor.close)
            return self._executor

    def run_query(
        self,
        query: str,
        *,
        infer: bool = True,
        default_graph_uris: tuple[str, ...] = (),
        named_graph_uris: tuple[str, ...] = (),
        results_format: str | None = "json",
        graph_format: str | None = "turtle",
        base_iri: str | None = None,
        timeout: float | None = None,
        keep: bool = True,
    ) -> QueryOutcome:
        """Run a query in a worker under the time and row limits; cached when enabled.

        Formats are short names (``json``/``xml``/``csv``/``tsv`` for SELECT and
        ASK; ``turtle``/``nt``/``jsonld``/``rdfxml``/``trig``/``nq`` for CONSTRUCT
        and DESCRIBE).  ``base_iri`` resolves relative IRIs in the query (the
        protocol route passes the endpoint's own URL).  Raises the KGError
        subclasses the protocol maps to statuses.  With ``keep=False`` the
        result is not cached here (the protocol route caches it under its own key).
        """
        key = (query, infer, default_graph_uris, named_graph_uris, results_format,
               graph_format, base_iri)
        hit = self.cached(key) if keep else None
        if hit is not None:
            return hit
        outcome = self.executor.run(
            query,
            infer=infer,
            default_graph_uris=default_graph_uris,
            named_graph_uris=named_graph_uris,
            results_format=results_format,
            graph_format=graph_format,
            base_iri=base_iri,
            timeout=timeout,
        )
        if keep:
            self.keep(key, outcome)
        return outcome

    def statistics(self) -> dict[str, Any]:
        """Dataset counts for VoID and the service description (the store never changes)."""
        if self._stats is None:
            from .sparql import dataset_statistics

            self._stats = dataset_statistics(self.store)
        return self._stats

    def close(self) -> None:
        if self._executor is not None:
            self._executor.close()


def _error_response(exc: KGError) -> Response:
    status = getattr(exc, "http_status", 500)
    if status >= 500:
        log.warning("%s: %s", type(exc).__name__, exc)
    response = Response(f"{type(exc).__name__}: {exc}\n", status=status,
                        content_type="text/plain; charset=utf-8")
    if status == 503:
        response.headers["Retry-After"] = "5"
    return response


def _http_caching(response: Response) -> Response:
    """Validators and freshness for what HTTP caches may keep.

    The data never changes while a server runs, so a GET answer stays right
    for as long as this dataset version is served: ``Cache-Control: public,
    max-age`` (``EndpointConfig.http_max_age``), and an ETag tied to the
    version.  ``/sparql`` sets its own ETag before running the query (so a
    matching ``If-None-Match`` is answered 304 without running it); other
    pages get one from the version, the URL and the media type, and
    ``make_conditional`` answers 304 for them.
    """
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    if not request.path.startswith(_CACHEABLE_PREFIXES):
        return response
    services = current_app.extensions["dipkg"]
    response.headers.setdefault(
        "Cache-Control", f"public, max-age={services.config.http_max_age}")
    if "ETag" not in response.headers and not response.is_streamed:
        response.headers["ETag"] = services.etag(
            request.full_path, response.headers.get("Content-Type"),
            request.headers.get("Accept"))
        response.make_conditional(request)
    return response


def _cors(response: Response) -> Response:
    """Any web page may query this public, read-only endpoint."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = (
        "X-Reasoning, X-Result-Rows, X-Query-Time, X-Cache, Content-Type, ETag")
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = request.headers.get(
            "Access-Control-Request-Headers", "Content-Type, Accept")
        response.headers["Access-Control-Max-Age"] = "86400"
    return response


def create_app(config: EndpointConfig | None = None) -> Flask:
    """The endpoint's Flask app over ``config.store_path`` (read-only)."""
    config = config or EndpointConfig.from_env()
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = config.max_request_bytes
    app.config["MAX_FORM_MEMORY_SIZE"] = config.max_request_bytes
    app.extensions["dipkg"] = Services(config)

    from . import linked, pages, sparql

    app.register_blueprint(sparql.bp)  # /sparql, /.well-known/void
    app.register_blueprint(linked.bp)  # /id/..., /ontology
    app.register_blueprint(pages.bp)  # /, /timeline, /static
    app.register_error_handler(KGError, _error_response)
    app.after_request(_http_caching)
    app.after_request(_cors)
    return app
