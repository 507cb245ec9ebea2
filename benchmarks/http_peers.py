"""HTTP SPARQL endpoints compared in one run: this endpoint, rdflib-endpoint, oxigraph serve.

Same data, same queries, same client, loopback only:

* data: ``benchmarks/generate.py`` datasets (100k and 1M triples by default), shaped as
  ``ontology/README.md`` says, one named graph per source.  The file is loaded the way
  ``kg serve --dataset`` loads it (``make_store_for_datasets``, **with** OWL 2 RL reasoning);
  the reasoned store is dumped to N-Quads and *that* closed file is what the peers load, so
  every engine serves exactly the same quads (asserted + inferred).  Every engine answers
  over the union of the graphs (this endpoint: ``union_default_graph``, as for a build;
  oxigraph: ``--union-default-graph``; rdflib-endpoint: its ``Dataset(default_union=True)``).
* engines: this endpoint under gunicorn (``python -m endpoint.serve``, one worker per core,
  the worker class chosen by ``--worker-class``) with the result cache off (``KG_CACHE=off``
  semantics: ``cache=False``) and on; ``oxigraph serve-read-only`` (the native peer, from
  the ``oxigraph`` package); ``rdflib-endpoint serve`` (the Python peer, under uvicorn).
* load: seconds from the file to a server answering (ours: load + reasoning + dump is
  reported apart from the plain load).
* each query is run in a closed loop by 1 and by 8 client threads (``requests.Session``
  each) for at most ``--requests`` requests or ``--seconds`` seconds, whichever comes
  first; median and p99 latency per query, and requests per second.  rdflib-endpoint gets a
  per-request time cap (``--rdflib-cap``): a query that passes it is recorded as capped.

    python benchmarks/http_peers.py [--sizes 100k 1M] [--seconds 3] [--requests 300]

Results: ``benchmarks/results/http.json`` and a table on stdout.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# Run as a script, this file's directory comes first on sys.path, and this file's
# name would hide the standard library's ``http`` package from ``requests``.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
ROOT = _HERE.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from endpoint.config import EndpointConfig  # noqa: E402
from endpoint.serve import make_store_for_datasets  # noqa: E402
from kg.store import Store  # noqa: E402

log = logging.getLogger("http-bench")

JSON = "application/sparql-results+json"
P = (
    "PREFIX dip: <https://w3id.org/dipkg/ontology#>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
    "PREFIX dcterms: <http://purl.org/dc/terms/>\n"
    "PREFIX oa: <http://www.w3.org/ns/oa#>\n"
)
# name: (query, Accept)
QUERIES: dict[str, tuple[str, str]] = {
    "lookup": (P + "SELECT ?p ?o WHERE { <https://w3id.org/dipkg/id/state/israel> ?p ?o }",
               JSON),
    "join_date_filter": (
        P + "SELECT ?act ?name ?date WHERE { ?act dip:actor "
        "<https://w3id.org/dipkg/id/state/soviet-union> ; dip:counterpart ?c ; "
        "dip:date ?date . ?c rdfs:label ?name "
        "FILTER(?date >= '1953-01-01'^^xsd:date && ?date < '1954-01-01'^^xsd:date) }", JSON),
    "optional": (
        P + "SELECT ?act ?place WHERE { ?act a dip:Meeting ; dip:actor ?who "
        "OPTIONAL { ?act dip:place ?place } } LIMIT 200", JSON),
    "aggregate": (
        P + "SELECT ?type (COUNT(?act) AS ?n) WHERE { ?act a ?type ; dip:actor ?x } "
        "GROUP BY ?type ORDER BY DESC(?n)", JSON),
    "property_path": (
        P + "SELECT ?letter ?title WHERE { ?letter a dip:Letter ; "
        "dcterms:isPartOf/dcterms:title ?title } LIMIT 100", JSON),
    "describe": (P + "DESCRIBE <https://w3id.org/dipkg/id/state/israel>", "text/turtle"),
    "filter_contains": (
        P + "SELECT ?q ?exact WHERE { ?q oa:exact ?exact "
        "FILTER(CONTAINS(?exact, 'consular relations')) } LIMIT 50", JSON),
    "graph": (
        P + "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?act a dip:Correspondence } } "
        "GROUP BY ?g ORDER BY DESC(?n) LIMIT 10", JSON),
}


# -- servers -----------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A server process in its own process group, stopped with it."""

    def __init__(self, name: str, argv: list[str], url: str, env: dict[str, str] | None = None,
                 log_path: Path | None = None) -> None:
        self.name, self.url = name, url
        out = log_path.open("wb") if log_path else subprocess.DEVNULL
        self.proc = subprocess.Popen(argv, env=env, cwd=ROOT, start_new_session=True,
                                     stdout=out, stderr=subprocess.STDOUT)

    def wait_ready(self, timeout: float) -> float:
        """Seconds until the server answers a query."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}")
            with contextlib.suppress(requests.RequestException):
                r = requests.get(self.url, params={"query": "ASK { ?s ?p ?o }"},
                                 headers={"Accept": JSON}, timeout=5)
                if r.status_code == 200:
                    return time.monotonic() - started
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not answer within {timeout} s")

    def stop(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=5)


def group_cpu_seconds(pgid: int) -> float:
    """CPU time used so far by the live processes of a process group (Linux /proc)."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == pgid:
                total += (int(fields[11]) + int(fields[12])) / tick
    return total


def wait_idle(server: Server, timeout: float) -> float:
    """Wait until the server's processes stop working (query workers loading the data)."""
    started = time.monotonic()
    before = group_cpu_seconds(server.proc.pid)
    while time.monotonic() - started < timeout:
        time.sleep(1.0)
        now = group_cpu_seconds(server.proc.pid)
        if now - before < 0.05:
            break
        before = now
    return time.monotonic() - started


@contextlib.contextmanager
def running(server: Server, timeout: float = 600) -> Iterator[tuple[Server, float]]:
    try:
        ready = server.wait_ready(timeout)
        ready += wait_idle(server, timeout)
        yield server, ready
    finally:
        server.stop()


def ours(store: Path, *, cache: bool, workers: int, worker_class: str, threads: int,
         log_dir: Path) -> Server:
    port = free_port()
    config = EndpointConfig(store_path=store, union_default_graph=True, cache=cache,
                            query_timeout=60.0)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    argv = [sys.executable, "-m", "endpoint.serve", "--host", "127.0.0.1", "--port", str(port),
            "--workers", str(workers), "--threads", str(threads),
            "--worker-class", worker_class, "--config", config.to_json()]
    name = f"dipkg ({worker_class}, cache {'on' if cache else 'off'})"
    return Server(name, argv, f"http://127.0.0.1:{port}/sparql", env,
                  log_dir / f"ours-{port}.log")


def oxigraph_server(location: Path, log_dir: Path) -> Server:
    port = free_port()
    argv = [shutil.which("oxigraph") or "oxigraph", "serve-read-only", "--location",
            str(location), "--bind", f"127.0.0.1:{port}", "--union-default-graph"]
    return Server("oxigraph serve", argv, f"http://127.0.0.1:{port}/query", None,
                  log_dir / f"oxigraph-{port}.log")


def rdflib_server(data: Path, log_dir: Path) -> Server:
    port = free_port()
    exe = shutil.which("rdflib-endpoint")
    argv = ([exe] if exe else [sys.executable, "-m", "rdflib_endpoint"]) + [
        "serve", "--host", "127.0.0.1", "--port", str(port), str(data)]
    return Server("rdflib-endpoint", argv, f"http://127.0.0.1:{port}/", None,
                  log_dir / f"rdflib-{port}.log")


# -- load --------------------------------------------------------------------------
def generate(size: str, out: Path) -> Path:
    path = out / f"g{size}.nq.gz"
    if not path.exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "graph",
                        "--triples", size, "-o", str(path)], check=True)
    return path


def closed_dataset(data: Path, work: Path) -> tuple[Path, Path, dict[str, float]]:
    """Our store (loaded and reasoned as ``kg serve --dataset`` does) and its N-Quads dump."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    store_dir = make_store_for_datasets([data], work / "ours" / "store", reason=False)
    timings["load_seconds"] = time.perf_counter() - started
    shutil.rmtree(work / "ours")
    started = time.perf_counter()
    store_dir = make_store_for_datasets([data], work / "ours" / "store", reason=True)
    timings["load_and_reason_seconds"] = time.perf_counter() - started
    dump = work / "closed.nq"
    store = Store(store_dir, read_only=True)
    store.dump(dump)
    timings["quads"] = float(len(store))
    del store
    return store_dir, dump, timings


def oxigraph_load(dump: Path, work: Path) -> tuple[Path, float]:
    location = work / "oxigraph"
    started = time.perf_counter()
    subprocess.run([shutil.which("oxigraph") or "oxigraph", "load", "--location",
                    str(location), "--file", str(dump)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return location, time.perf_counter() - started


# -- clients ------------------------------------------------------------------------
def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def rows_of(response: requests.Response) -> int | None:
    if "json" in response.headers.get("Content-Type", ""):
        with contextlib.suppress(ValueError, KeyError):
            return len(response.json()["results"]["bindings"])
    return None


def measure(url: str, query: str, accept: str, *, clients: int, max_requests: int,
            seconds: float, cap: float) -> dict[str, Any]:
    """A closed loop of ``clients`` threads on one query."""
    latencies: list[float] = []
    errors = capped = 0
    lock = threading.Lock()
    issued = 0
    stop_at = time.monotonic() + seconds

    def client() -> None:
        nonlocal issued, errors, capped
        session = requests.Session()
        while True:
            with lock:
                if issued >= max_requests or time.monotonic() > stop_at:
                    return
                issued += 1
            t0 = time.perf_counter()
            try:
                r = session.get(url, params={"query": query}, headers={"Accept": accept},
                                timeout=cap)
                _ = r.content
                ok = r.status_code == 200
            except requests.Timeout:
                with lock:
                    capped += 1
                return  # a capped client stops: its server is past the cap
            except requests.RequestException:
                ok = False
            elapsed = time.perf_counter() - t0
            with lock:
                if ok:
                    latencies.append(elapsed)
                else:
                    errors += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    return {
        "n": len(latencies),
        "errors": errors,
        "capped": capped,
        "rps": round(len(latencies) / wall, 1) if latencies else 0.0,
        "median_ms": round(statistics.median(latencies) * 1000, 2) if latencies else None,
        "p99_ms": round(p99(latencies) * 1000, 2) if latencies else None,
    }


def run_engine(url: str, args: argparse.Namespace, *, cap: float) -> dict[str, Any]:
    out: dict[str, Any] = {"rows": {}, "levels": {}}
    for name, (query, accept) in QUERIES.items():  # warm up and record result sizes
        try:
            r = requests.get(url, params={"query": query}, headers={"Accept": accept},
                             timeout=cap)
            out["rows"][name] = rows_of(r) if r.status_code == 200 else f"HTTP {r.status_code}"
        except requests.Timeout:
            out["rows"][name] = f"over {cap:g} s"
    for clients in (1, 8):
        level: dict[str, Any] = {}
        for name, (query, accept) in QUERIES.items():
            if isinstance(out["rows"][name], str) and out["rows"][name].startswith("over"):
                level[name] = {"n": 0, "capped": 1, "rps": 0.0, "median_ms": None,
                               "p99_ms": None, "errors": 0}
                continue
            level[name] = measure(url, query, accept, clients=clients,
                                  max_requests=args.requests, seconds=args.seconds, cap=cap)
        served = [q for q in level.values() if q["n"]]
        # The mix: every query once, back to back; its rate is 1 / (sum of per-query times).
        per_query_s = [1.0 / q["rps"] if q["rps"] else float("inf") for q in level.values()]
        level["mix_rps"] = round(len(per_query_s) / sum(per_query_s), 1) if served and all(
            q["rps"] for q in level.values()) else None
        out["levels"][str(clients)] = level
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", nargs="+", default=["100k", "1M"])
    parser.add_argument("--seconds", type=float, default=3.0, help="cap per query and level")
    parser.add_argument("--requests", type=int, default=400, help="cap per query and level")
    parser.add_argument("--rdflib-cap", type=float, default=30.0,
                        help="per-request time cap for rdflib-endpoint (seconds)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--worker-class", default="gthread", choices=("gthread", "sync"))
    parser.add_argument("--compare-worker-classes", action="store_true",
                        help="also run this endpoint (cache off) under the other worker class")
    parser.add_argument("--skip-rdflib", action="store_true")
    parser.add_argument("--data-dir", type=Path,
                        default=Path(tempfile.gettempdir()) / "dipkg-bench")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/http.json")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    args.data_dir.mkdir(parents=True, exist_ok=True)
    import pyoxigraph

    result: dict[str, Any] = {
        "method": __doc__,
        "queries": {name: q for name, (q, _) in QUERIES.items()},
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "pyoxigraph": pyoxigraph.__version__, "platform": platform.platform()},
        "settings": {"seconds": args.seconds, "requests": args.requests,
                     "rdflib_cap_seconds": args.rdflib_cap, "workers": args.workers,
                     "threads": args.threads, "worker_class": args.worker_class},
        "sizes": {},
    }
    for size in args.sizes:
        data = generate(size, args.data_dir)
        with tempfile.TemporaryDirectory(prefix=f"http-bench-{size}-") as tmp:
            work = Path(tmp)
            log.info("== %s: loading and reasoning", size)
            store_dir, dump, ours_load = closed_dataset(data, work)
            ox_location, ox_load = oxigraph_load(dump, work)
            entry: dict[str, Any] = {"file": str(data), "quads_served": int(ours_load["quads"]),
                                     "load": {"dipkg": ours_load,
                                              "oxigraph_load_seconds": ox_load},
                                     "engines": {}}
            configs = [(args.worker_class, False), (args.worker_class, True)]
            if args.compare_worker_classes:
                other = "sync" if args.worker_class == "gthread" else "gthread"
                configs.append((other, False))
            for worker_class, cache in configs:
                server = ours(store_dir, cache=cache, workers=args.workers,
                              worker_class=worker_class, threads=args.threads, log_dir=work)
                with running(server) as (srv, ready):
                    log.info("-- %s", srv.name)
                    entry["engines"][srv.name] = run_engine(srv.url, args, cap=60.0)
                    entry["engines"][srv.name]["start_seconds"] = round(ready, 2)
            with running(oxigraph_server(ox_location, work)) as (srv, ready):
                log.info("-- %s", srv.name)
                entry["engines"][srv.name] = run_engine(srv.url, args, cap=60.0)
                entry["engines"][srv.name]["start_seconds"] = round(ready, 2)
            if not args.skip_rdflib:
                with running(rdflib_server(dump, work), timeout=1800) as (srv, ready):
                    log.info("-- %s (loaded in %.1f s)", srv.name, ready)
                    entry["load"]["rdflib_endpoint_load_seconds"] = round(ready, 2)
                    entry["engines"][srv.name] = run_engine(srv.url, args, cap=args.rdflib_cap)
            entry["targets"] = targets(entry["engines"], args.worker_class)
            result["sizes"][size] = entry
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(json.dumps(result, indent=2) + "\n")
    print_table(result)
    print(f"\nwritten to {args.out}")


def targets(engines: dict[str, Any], worker_class: str) -> dict[str, Any]:
    """The issue's targets, checked on the mix throughput at 1 and 8 clients."""
    off = engines.get(f"dipkg ({worker_class}, cache off)")
    on = engines.get(f"dipkg ({worker_class}, cache on)")
    ox = engines.get("oxigraph serve")
    rdf = engines.get("rdflib-endpoint")
    out: dict[str, Any] = {}
    for clients in ("1", "8"):
        def mix(e: dict[str, Any] | None, c: str = clients) -> float | None:
            return e["levels"][c]["mix_rps"] if e else None

        ratios: dict[str, Any] = {}
        if mix(off) and mix(ox):
            ratios["cache_off_vs_oxigraph"] = round(mix(off) / mix(ox), 2)
        if mix(on) and mix(ox):
            ratios["cache_on_vs_oxigraph"] = round(mix(on) / mix(ox), 2)
        if mix(off) and rdf:
            r = mix(rdf)
            ratios["cache_off_vs_rdflib_endpoint"] = (
                round(mix(off) / r, 1) if r else "rdflib capped")
        out[clients] = ratios
    if off:
        out["lookup_median_ms_1_client_cache_off"] = off["levels"]["1"]["lookup"]["median_ms"]
    return out


def print_table(result: dict[str, Any]) -> None:
    for size, entry in result["sizes"].items():
        print(f"\n=== {size} ({entry['quads_served']} quads served) ===")
        load = entry["load"]
        print("load: dipkg {:.1f} s (+reasoning {:.1f} s), oxigraph {:.1f} s, "
              "rdflib-endpoint {}".format(
                  load["dipkg"]["load_seconds"], load["dipkg"]["load_and_reason_seconds"],
                  load["oxigraph_load_seconds"],
                  f"{load['rdflib_endpoint_load_seconds']:.1f} s"
                  if "rdflib_endpoint_load_seconds" in load else "skipped"))
        names = list(QUERIES)
        for clients in ("1", "8"):
            print(f"\n{clients} client(s): median ms / p99 ms / req/s")
            print(f"  {'engine':32}" + "".join(f"{n[:16]:>22}" for n in names)
                  + f"{'mix req/s':>11}")
            for engine, res in entry["engines"].items():
                level = res["levels"][clients]
                cells = []
                for n in names:
                    q = level[n]
                    cells.append(f"{q['median_ms']!s}/{q['p99_ms']!s}/{q['rps']}"
                                 if q["n"] else "capped")
                print(f"  {engine:32}" + "".join(f"{c:>22}" for c in cells)
                      + f"{level['mix_rps']!s:>11}")
        print("targets:", json.dumps(entry["targets"]))


if __name__ == "__main__":
    main()
