"""Run the endpoint under gunicorn, and build a store from plain RDF files.

``serve`` starts gunicorn programmatically with threaded workers, one per core
by default.  Measured (benchmarks/http.py) the ``sync`` class gives the same
throughput on cheap queries, but a sync worker serves one request at a time,
so one slow query holds back every client queued on that process; ``gthread``
keeps answering them while the query runs in its own worker process.
The app is not preloaded: each gunicorn worker builds its own app
(and so its own read-only store handle and query worker pool) after the fork,
because neither a RocksDB handle nor a pipe to a child process survives a fork
safely.

Run directly (tests and benchmarks do) with
``python -m endpoint.serve --port 8000 --config '<EndpointConfig JSON>'``.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import logging
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from gunicorn.app.base import BaseApplication

from kg.errors import InputError
from kg.store import Store

from .config import EndpointConfig

log = logging.getLogger(__name__)


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    """gunicorn with options from a dict instead of the command line."""

    def __init__(self, config: EndpointConfig, options: dict[str, Any]) -> None:
        self.endpoint_config = config
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            if value is not None:
                self.cfg.set(key, value)

    def load(self) -> Any:
        from .app import create_app

        app = create_app(self.endpoint_config)
        # This runs in the gunicorn worker after the fork: start one query
        # worker now so the first query does not wait for it.
        app.extensions["dipkg"].executor.warm_up()
        return app


def urls(host: str, port: int) -> dict[str, str]:
    """The addresses a caller prints after starting the server."""
    shown = f"[{host}]" if ":" in host else host
    root = f"http://{shown}:{port}/"
    return {"root": root, "sparql": root + "sparql", "void": root + ".well-known/void"}


def gunicorn_options(
    config: EndpointConfig, *, host: str, port: int, workers: int | None, threads: int = 4,
    access_log: bool = False, worker_class: str = "gthread",
) -> dict[str, Any]:
    return {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": workers or os.cpu_count() or 1,
        "worker_class": worker_class,
        "threads": threads if worker_class == "gthread" else 1,
        # The heartbeat timeout must outlast the longest query plus its serialization.
        "timeout": int(config.query_timeout * 2) + 30,
        "graceful_timeout": 5,
        "limit_request_line": 8190,
        "accesslog": "-" if access_log else None,
        "preload_app": False,
        "proc_name": "dipkg-endpoint",
        # gunicorn 23+ opens a control socket in $HOME by default; several servers
        # (tests, benchmarks) would fight over it and the endpoint does not use it.
        "control_socket_disable": True,
    }


def serve(
    config: EndpointConfig,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int | None = None,
    threads: int = 4,
    access_log: bool = False,
    worker_class: str = "gthread",
) -> None:
    """Serve ``config``'s store until stopped (SIGINT/SIGTERM); does not return normally."""
    if not config.store_url and (config.store_path is None or not config.store_path.is_dir()):
        raise InputError(f"no store to serve at {config.store_path}")
    options = gunicorn_options(config, host=host, port=port, workers=workers,
                               threads=threads, access_log=access_log,
                               worker_class=worker_class)
    log.info("serving %s with %s workers", urls(host, port)["sparql"], options["workers"])
    _Gunicorn(config, options).run()


def write_dataset_version(paths: Iterable[Path], directory: Path, *, reason: bool) -> str:
    """Hash the input files' bytes into ``<directory>/../dataset.json``; return the version.

    The server's ETags are derived from this version (see ``endpoint.app``), so
    the same files served again, by any process, give the same validators.
    """
    digest = hashlib.sha256(b"reason" if reason else b"asserted")
    for path in paths:
        digest.update(b"\0file\0")
        with Path(path).open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    version = "dataset-" + digest.hexdigest()[:20]
    directory.parent.mkdir(parents=True, exist_ok=True)
    (directory.parent / "dataset.json").write_text(
        json.dumps({"version": version, "inputs": [str(p) for p in paths],
                    "reasoned": reason}, indent=2) + "\n", encoding="utf-8")
    return version


def make_store_for_datasets(
    paths: Iterable[str | Path], directory: str | Path, *, reason: bool = True
) -> Path:
    """Load RDF files into a new on-disk store at ``directory`` and return its path.

    Any syntax ``kg.store`` reads (N-Triples, Turtle, TriG, N-Quads, RDF/XML,
    JSON-LD, gzipped too); quads keep their named graphs, triples go to the
    default graph.  The dataset's version (a hash of the files) goes to
    ``dataset.json`` next to the store.  With ``reason`` the OWL 2 RL closure is added when the
    reasoner is installed.  Serve the result with ``union_default_graph=False`` so the
    files keep their SPARQL meaning.
    """
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise InputError(f"{directory} is not empty; give a new directory for the store")
    paths = [Path(p) for p in paths]
    if not paths:
        raise InputError("no RDF files given")
    write_dataset_version(paths, directory, reason=reason)
    store = Store(directory)
    for path in paths:
        store.load_file(path)
        log.info("loaded %s", path)
    if reason:
        from kg.reason import reason_store

        closure = reason_store(store)
        log.info("reasoned: %d triples inferred (OWL 2 RL)", len(closure.inferred))
        for violation in closure.violations:
            log.warning("inconsistency (%s): %s", violation.rule, violation.message)
    store.flush()
    del store
    gc.collect()  # close the read-write handle before servers open it read-only
    return directory


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve a dipkg store over SPARQL 1.1")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--worker-class", default="gthread", choices=("gthread", "sync"),
                        help="gunicorn worker class (benchmarks compare them)")
    parser.add_argument("--config", help="EndpointConfig as JSON (default: from KG_* env)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    config = EndpointConfig.from_json(args.config) if args.config else EndpointConfig.from_env()
    serve(config, host=args.host, port=args.port, workers=args.workers, threads=args.threads,
          worker_class=args.worker_class)


if __name__ == "__main__":
    main()
