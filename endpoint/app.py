"""The Flask application factory.

``create_app(config)`` opens the store read-only and puts a :class:`Services`
object at ``app.extensions["dipkg"]``; routes reach the store and the query
workers through it.  Nothing is created at import: under gunicorn each worker
process calls the factory after the fork, and the query worker pool starts on
the first query of the process that uses it.
"""

from __future__ import annotations

import atexit
import importlib
import importlib.util
import logging
import os
import threading
from collections import OrderedDict
from typing import Any

from flask import Flask, Response, request

from kg.errors import KGError, StoreError
from kg.store import Store

from .config import EndpointConfig
from .executor import QueryExecutor, QueryOutcome

log = logging.getLogger(__name__)

_CACHE_ENTRIES = 256
_CACHE_MAX_BYTES = 2_000_000


class Services:
    """What routes share: the config, the read-only store, and the query runner."""

    def __init__(self, config: EndpointConfig) -> None:
        if config.store_path is None:
            raise StoreError("no store to serve: set store_path (or KG_STORE)")
        if not config.store_path.is_dir():
            raise StoreError(f"no store at {config.store_path} (run `kg build` first)")
        # Resolve once: if ``build/current`` is swapped while serving, every
        # process of this server keeps reading the same build.
        self.store_path = config.store_path.resolve()
        self.config = config
        self.store = Store(self.store_path, read_only=True,
                           union_default_graph=config.union_default_graph)
        self.has_inferred = self.store.has_inferred()
        self._executor: QueryExecutor | None = None
        self._lock = threading.Lock()
        self._cache: OrderedDict[tuple[Any, ...], QueryOutcome] = OrderedDict()
        self._stats: dict[str, Any] | None = None

    @property
    def executor(self) -> QueryExecutor:
        """The worker pool of this process, started on first use (after any fork)."""
        with self._lock:
            if self._executor is None or self._executor.pid != os.getpid():
                self._executor = QueryExecutor(
                    self.store_path,
                    union_default_graph=self.config.union_default_graph,
                    size=self.config.query_workers,
                    timeout=self.config.query_timeout,
                    max_rows=self.config.max_rows,
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
    ) -> QueryOutcome:
        """Run a query in a worker under the time and row limits; cached when enabled.

        Formats are short names (``json``/``xml``/``csv``/``tsv`` for SELECT and
        ASK; ``turtle``/``nt``/``jsonld``/``rdfxml``/``trig``/``nq`` for CONSTRUCT
        and DESCRIBE).  ``base_iri`` resolves relative IRIs in the query (the
        protocol route passes the endpoint's own URL).  Raises the KGError
        subclasses the protocol maps to statuses.
        """
        key = (query, infer, default_graph_uris, named_graph_uris, results_format,
               graph_format, base_iri)
        if self.config.cache:
            with self._lock:
                hit = self._cache.get(key)
                if hit is not None:
                    self._cache.move_to_end(key)
                    return QueryOutcome(hit.body, hit.kind, hit.format, hit.rows, 0.0, True)
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
        if self.config.cache and len(outcome.body) <= _CACHE_MAX_BYTES:
            with self._lock:
                self._cache[key] = outcome
                while len(self._cache) > _CACHE_ENTRIES:
                    self._cache.popitem(last=False)
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


def _cors(response: Response) -> Response:
    """Any web page may query this public, read-only endpoint."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = (
        "X-Reasoning, X-Result-Rows, X-Query-Time, X-Cache, Content-Type")
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

    from . import sparql

    app.register_blueprint(sparql.bp)
    for name in ("endpoint.linked", "endpoint.pages"):
        if importlib.util.find_spec(name) is not None:
            app.register_blueprint(importlib.import_module(name).bp)
    app.register_error_handler(KGError, _error_response)
    app.after_request(_cors)
    return app
