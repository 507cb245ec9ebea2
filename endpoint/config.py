"""The endpoint's configuration: one immutable value, built once and passed down.

Every limit a public endpoint needs lives here with a safe default, so a server
started with no options is already protected against runaway queries, huge
results, huge requests and server-side request forgery through ``SERVICE``.
"""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import InputError


def _default_ontology() -> Path:
    return Path(__file__).resolve().parents[1] / "ontology" / "dipkg.ttl"


def _cache_default() -> bool:
    return os.environ.get("KG_CACHE", "on").strip().lower() != "off"


@dataclass(frozen=True)
class EndpointConfig:
    """What the endpoint serves and the limits it enforces.

    ``max_rows`` caps the rows of a SELECT (and the triples of a CONSTRUCT or
    DESCRIBE): a bigger result is refused with 413 rather than silently cut,
    so no client mistakes a partial answer for the whole one.
    """

    store_path: Path | None = None
    store_url: str | None = None  # an external SPARQL 1.1 store instead (see kg.remote)
    union_default_graph: bool = False
    base_iri: str = "https://w3id.org/dipkg/id/"
    ontology_path: Path = dataclasses.field(default_factory=_default_ontology)
    query_timeout: float = 10.0
    max_rows: int = 100_000
    max_request_bytes: int = 1_000_000
    service_allowlist: tuple[str, ...] = ()
    cache: bool = dataclasses.field(default_factory=_cache_default)
    title: str = "dipkg: Soviet/Russian-Israeli diplomatic relations 1947-2018"
    query_workers: int = 2
    license: str = "https://creativecommons.org/licenses/by/4.0/"
    http_max_age: int = 300  # Cache-Control max-age (seconds) of GET answers
    memory_max_quads: int = 2_000_000  # query workers copy a store this small into memory

    def replace(self, **changes: Any) -> EndpointConfig:
        """A copy with some fields changed (the config itself never changes)."""
        if "store_path" in changes and changes["store_path"] is not None:
            changes["store_path"] = Path(changes["store_path"])
        if "service_allowlist" in changes:
            changes["service_allowlist"] = tuple(changes["service_allowlist"])
        return dataclasses.replace(self, **changes)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> EndpointConfig:
        """Defaults overridden by ``KG_*`` environment variables.

        ``KG_STORE``, ``KG_UNION_DEFAULT_GRAPH`` (1/0), ``KG_BASE_IRI``,
        ``KG_QUERY_TIMEOUT`` (seconds), ``KG_MAX_ROWS``, ``KG_MAX_REQUEST_BYTES``,
        ``KG_SERVICE_ALLOWLIST`` (space or comma separated IRIs), ``KG_CACHE``
        (``off`` disables), ``KG_TITLE``, ``KG_QUERY_WORKERS``, ``KG_HTTP_MAX_AGE``,
        ``KG_MEMORY_MAX_QUADS`` (0 keeps every query on disk).
        """
        env = os.environ if environ is None else environ
        kw: dict[str, Any] = {"cache": env.get("KG_CACHE", "on").strip().lower() != "off"}
        try:
            if env.get("KG_STORE"):
                kw["store_path"] = Path(env["KG_STORE"])
            if env.get("KG_STORE_URL"):
                kw["store_url"] = env["KG_STORE_URL"]
            if env.get("KG_UNION_DEFAULT_GRAPH"):
                kw["union_default_graph"] = env["KG_UNION_DEFAULT_GRAPH"].lower() in (
                    "1", "true", "yes", "on")
            if env.get("KG_BASE_IRI"):
                kw["base_iri"] = env["KG_BASE_IRI"]
            if env.get("KG_QUERY_TIMEOUT"):
                kw["query_timeout"] = float(env["KG_QUERY_TIMEOUT"])
            if env.get("KG_MAX_ROWS"):
                kw["max_rows"] = int(env["KG_MAX_ROWS"])
            if env.get("KG_MAX_REQUEST_BYTES"):
                kw["max_request_bytes"] = int(env["KG_MAX_REQUEST_BYTES"])
            if env.get("KG_QUERY_WORKERS"):
                kw["query_workers"] = int(env["KG_QUERY_WORKERS"])
            if env.get("KG_HTTP_MAX_AGE"):
                kw["http_max_age"] = int(env["KG_HTTP_MAX_AGE"])
            if env.get("KG_MEMORY_MAX_QUADS"):
                kw["memory_max_quads"] = int(env["KG_MEMORY_MAX_QUADS"])
        except ValueError as exc:
            raise InputError(f"bad endpoint setting in the environment: {exc}") from exc
        if env.get("KG_SERVICE_ALLOWLIST"):
            kw["service_allowlist"] = tuple(
                env["KG_SERVICE_ALLOWLIST"].replace(",", " ").split())
        if env.get("KG_TITLE"):
            kw["title"] = env["KG_TITLE"]
        return cls(**kw)

    def to_json(self) -> str:
        """The config as JSON, to hand it to a server in another process."""
        d = dataclasses.asdict(self)
        d["store_path"] = str(self.store_path) if self.store_path else None
        d["ontology_path"] = str(self.ontology_path)
        d["service_allowlist"] = list(self.service_allowlist)
        return json.dumps(d)

    @classmethod
    def from_json(cls, text: str) -> EndpointConfig:
        d = json.loads(text)
        d["store_path"] = Path(d["store_path"]) if d.get("store_path") else None
        d["ontology_path"] = Path(d["ontology_path"])
        d["service_allowlist"] = tuple(d.get("service_allowlist", ()))
        return cls(**d)
