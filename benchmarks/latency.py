"""Latency of the SPARQL endpoint under gunicorn, at 1 and 8 concurrent clients.

Loads LUBM(1,0) (``/work/shared/bench/lubm``, about 100k triples) into an
on-disk store, starts ``python -m endpoint.serve`` on 127.0.0.1 with the
response cache off (so every request runs its query), sends a mix of queries,
and prints the median and p99 latency per query and the requests per second.
Results go to ``benchmarks/results/latency.json``.

    python benchmarks/latency.py [--requests 40] [--seconds 20] [--workers N]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from endpoint.config import EndpointConfig  # noqa: E402
from endpoint.serve import make_store_for_datasets  # noqa: E402

log = logging.getLogger("latency")

LUBM = ROOT.parent / "shared" / "bench" / "lubm"
UB = "PREFIX ub: <http://www.lehigh.edu/~zhp2/2004/0401/univ-bench.owl#>\n"
RDF = "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"

QUERIES: dict[str, tuple[str, str]] = {
    # name: (query, Accept)
    "lubm_q1_selective": (
        RDF + UB + "SELECT ?X WHERE { ?X rdf:type ub:GraduateStudent . "
        "?X ub:takesCourse <http://www.Department0.University0.edu/GraduateCourse0> }",
        "application/sparql-results+json"),
    "lubm_q14_5916_rows": (
        RDF + UB + "SELECT ?X WHERE { ?X rdf:type ub:UndergraduateStudent }",
        "application/sparql-results+json"),
    "lubm_q14_csv": (
        RDF + UB + "SELECT ?X WHERE { ?X rdf:type ub:UndergraduateStudent }", "text/csv"),
    "count_per_class": (
        "SELECT ?c (COUNT(*) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n)",
        "application/sparql-results+json"),
    "join_advisor_course": (
        RDF + UB + "SELECT ?s ?prof ?course WHERE { ?s ub:advisor ?prof . "
        "?prof ub:teacherOf ?course . ?s ub:takesCourse ?course } LIMIT 1000",
        "application/sparql-results+xml"),
    "ask_exists": (
        UB + "ASK { ?x ub:headOf <http://www.Department0.University0.edu> }",
        "application/sparql-results+json"),
    "construct_department": (
        UB + "CONSTRUCT { ?p ub:worksFor ?d ; ub:name ?n } WHERE { ?p ub:worksFor ?d ; "
        "ub:name ?n FILTER(?d = <http://www.Department0.University0.edu>) }",
        "text/turtle"),
    "filter_regex": (
        UB + "SELECT ?x ?e WHERE { ?x ub:emailAddress ?e FILTER(REGEX(?e, 'Professor1@')) }",
        "application/sparql-results+json"),
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(config: EndpointConfig, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [sys.executable, "-m", "endpoint.serve", "--host", "127.0.0.1", "--port", str(port),
         "--workers", str(workers), "--threads", "8", "--config", config.to_json()],
        env=env, cwd=ROOT, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/sparql"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(url, params={"query": "ASK {}"}, timeout=5).status_code == 200:
                return proc, url
        except requests.ConnectionError:
            time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGKILL)
    raise RuntimeError("the server did not start")


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def run_level(url: str, clients: int, per_query: int, seconds: float) -> dict[str, object]:
    """Each query ``per_query`` times (interleaved), spread over ``clients`` threads."""
    jobs = [name for _ in range(per_query) for name in QUERIES]
    times: dict[str, list[float]] = {name: [] for name in QUERIES}
    errors: dict[str, int] = {name: 0 for name in QUERIES}
    sessions = [requests.Session() for _ in range(clients)]
    stop_at = time.monotonic() + seconds

    def one(i: int, name: str) -> None:
        if time.monotonic() > stop_at:
            return
        query, accept = QUERIES[name]
        t0 = time.perf_counter()
        r = sessions[i % clients].get(url, params={"query": query},
                                      headers={"Accept": accept}, timeout=60)
        _ = r.content
        elapsed = time.perf_counter() - t0
        if r.status_code == 200:
            times[name].append(elapsed)
        else:
            errors[name] += 1

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(lambda a: one(*a), enumerate(jobs)))
    wall = time.perf_counter() - started
    done = sum(len(v) for v in times.values())
    return {
        "clients": clients,
        "requests": done,
        "errors": sum(errors.values()),
        "wall_seconds": round(wall, 3),
        "requests_per_second": round(done / wall, 1),
        "queries": {
            name: {
                "n": len(v),
                "median_ms": round(statistics.median(v) * 1000, 2) if v else None,
                "p99_ms": round(p99(v) * 1000, 2) if v else None,
                "errors": errors[name],
            }
            for name, v in times.items()
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=40, help="per query and level")
    parser.add_argument("--seconds", type=float, default=20.0, help="cap per level")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/latency.json")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    data = LUBM / "lubm-1-0.nt.gz"
    if not data.exists():
        sys.exit(f"LUBM data not found at {data}")
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        store = make_store_for_datasets([data, LUBM / "univ-bench.ttl"], Path(tmp) / "store",
                                        reason=False)
        load_s = time.perf_counter() - t0
        config = EndpointConfig(store_path=store, union_default_graph=False, cache=False,
                                query_timeout=30.0)
        proc, url = start(config, args.workers)
        try:
            # warm up: start the query workers and touch every query once
            for query, accept in QUERIES.values():
                requests.get(url, params={"query": query}, headers={"Accept": accept},
                             timeout=60)
            levels = [run_level(url, c, args.requests, args.seconds) for c in (1, 8)]
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=15)
    import pyoxigraph

    result = {
        "dataset": "LUBM(1,0) + univ-bench ontology, no reasoning",
        "store_load_seconds": round(load_s, 2),
        "server": f"gunicorn gthread, {args.workers} workers x 8 threads, "
                  f"{config.query_workers} query processes per worker, cache off",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "pyoxigraph": pyoxigraph.__version__, "platform": platform.platform()},
        "levels": levels,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    for level in levels:
        print(f"\n{level['clients']} client(s): {level['requests']} requests, "
              f"{level['requests_per_second']} req/s, {level['errors']} errors")
        print(f"  {'query':26} {'n':>4} {'median ms':>10} {'p99 ms':>9}")
        for name, q in level["queries"].items():
            print(f"  {name:26} {q['n']:>4} {q['median_ms']!s:>10} {q['p99_ms']!s:>9}")
    print(f"\nwritten to {args.out}")


if __name__ == "__main__":
    main()
