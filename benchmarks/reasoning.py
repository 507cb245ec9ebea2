"""Reasoning benchmark: kg.reason against owlrl and ``reasonable`` on LUBM.

Measures, each in its own subprocess (so peak memory is the run's own):

* LUBM(N,0) for N in ``--scales`` (copies of LUBM(1,0) with University0 renamed
  University1..N-1, each a separate university) plus the univ-bench ontology: time to
  parse, time to reason, time to have a queryable pyoxigraph store, peak RSS; for
  ``kg.reason``, ``reasonable`` and owlrl (owlrl only up to ``--owlrl-max-scale``).
* the first 10,000 LUBM triples plus the ontology: kg.reason against owlrl (the ratio).
* closure equality with owlrl at 1x (less generalized triples): the diff counts.
* incremental: one more LUBM department added to the reasoned largest graph.
* owl:sameAs: 10,000 entities each the same as one Wikidata IRI, with a few triples each.

Writes ``benchmarks/results/reasoning.json`` and prints a table.  Run:
``python benchmarks/reasoning.py [--scales 1,3,10] [--owlrl-max-scale 1] [--skip-owlrl]``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
LUBM = SHARED / "bench" / "lubm"
RESULTS = ROOT / "benchmarks" / "results" / "reasoning.json"
ERR = "http://www.daml.org/2002/03/agents/agent-ont#error"

log = logging.getLogger("benchmarks.reasoning")
sys.path.insert(0, str(ROOT))


def lubm_bytes(scale: int) -> bytes:
    """LUBM(scale,0) as N-Triples: University0's data copied with the university renamed."""
    raw = gzip.decompress((LUBM / "lubm-1-0.nt.gz").read_bytes())
    return b"".join(
        re.sub(rb"University0(?=\D)", b"University%d" % k, raw) for k in range(scale)
    )


def department_bytes(university: int) -> bytes:
    """One department (Department0 of University0) moved to a new university."""
    raw = gzip.decompress((LUBM / "lubm-1-0.nt.gz").read_bytes())
    lines = [ln for ln in raw.splitlines(keepends=True) if b"Department0.University0" in ln]
    return re.sub(rb"University0(?=\D)", b"University%d" % university, b"".join(lines))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _onto_triples() -> list:
    import pyoxigraph as ox

    return [
        (t.subject, t.predicate, t.object)
        for t in ox.parse((LUBM / "univ-bench.ttl").read_bytes(), format=ox.RdfFormat.TURTLE)
    ]


# -- workers (run in a subprocess) ------------------------------------------------------
def work_ours(scale: int, head: int | None) -> dict[str, Any]:
    import pyoxigraph as ox

    from kg.reason import Reasoner, parse_ntriples

    data = lubm_bytes(scale)
    if head:
        data = b"".join(data.splitlines(keepends=True)[:head])
    t0 = time.perf_counter()
    triples = parse_ntriples(data) + _onto_triples()
    t1 = time.perf_counter()
    reasoner = Reasoner()
    closure = reasoner.add(triples)
    t2 = time.perf_counter()
    store = ox.Store()
    store.bulk_extend(ox.Quad(s, p, o) for s, p, o in triples + closure.inferred)
    t3 = time.perf_counter()
    out: dict[str, Any] = {
        "input": len(triples),
        "inferred": len(closure.inferred),
        "violations": len(closure.violations),
        "parse_s": round(t1 - t0, 3),
        "reason_s": round(t2 - t1, 3),
        "ready_s": round(t3 - t0, 3),
    }
    if head is None:
        extra = parse_ntriples(department_bytes(scale))
        t4 = time.perf_counter()
        added = reasoner.add(extra)
        out["incremental"] = {
            "added": len(extra),
            "inferred": len(added.inferred),
            "seconds": round(time.perf_counter() - t4, 3),
        }
    out["peak_mb"] = round(_peak_mb(), 1)
    return out


def work_reasonable(scale: int) -> dict[str, Any]:
    import reasonable

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "data.ttl"  # N-Triples is Turtle
        path.write_bytes(lubm_bytes(scale))
        t0 = time.perf_counter()
        r = reasonable.PyReasoner()
        r.load_file(str(path))
        r.load_file(str(LUBM / "univ-bench.ttl"))
        t1 = time.perf_counter()
        triples = r.reason()
        t2 = time.perf_counter()
    return {
        "total_triples": len(triples),
        "parse_s": round(t1 - t0, 3),
        "reason_s": round(t2 - t1, 3),
        "peak_mb": round(_peak_mb(), 1),
    }


def work_owlrl(scale: int, head: int | None, compare: bool) -> dict[str, Any]:
    import owlrl
    import rdflib

    from kg.reason import from_rdflib, parse_ntriples, reason, to_rdflib

    data = lubm_bytes(scale)
    if head:
        data = b"".join(data.splitlines(keepends=True)[:head])
    triples = parse_ntriples(data) + _onto_triples()
    t0 = time.perf_counter()
    graph = to_rdflib(triples)
    t1 = time.perf_counter()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    t2 = time.perf_counter()
    out: dict[str, Any] = {
        "total_triples": len(graph),
        "parse_s": round(t1 - t0, 3),
        "reason_s": round(t2 - t1, 3),
        "peak_mb": round(_peak_mb(), 1),
    }
    if compare:
        errors = {s for s, p, _ in graph if str(p) == ERR}
        generalized = sum(1 for s, _, _ in graph if isinstance(s, rdflib.Literal))
        reference = set(
            from_rdflib(
                {
                    (s, p, o)
                    for s, p, o in graph
                    if not isinstance(s, rdflib.Literal)
                    and isinstance(p, rdflib.URIRef)
                    and s not in errors
                }
            )
        )
        closure = reason(triples)
        mine = set(from_rdflib(to_rdflib(triples + closure.inferred)))
        out["compare"] = {
            "owlrl_generalized_dropped": generalized,
            "owlrl_valid": len(reference),
            "ours": len(mine),
            "missing_from_ours": len(reference - mine),
            "extra_in_ours": len(mine - reference),
        }
    return out


def work_same_as(n: int) -> dict[str, Any]:
    import pyoxigraph as ox

    from kg.reason import reason

    e, wd = "http://e/", "http://www.wikidata.org/entity/"
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    rdfs = "http://www.w3.org/2000/01/rdf-schema#"
    same = ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs")
    nn = ox.NamedNode
    triples = [
        (nn(e + "Person"), nn(rdfs + "subClassOf"), nn(e + "Agent")),
        (nn(e + "knows"), nn(rdfs + "domain"), nn(e + "Person")),
    ]
    for i in range(n):
        x = nn(f"{e}e{i}")
        triples += [
            (x, same, nn(f"{wd}Q{i}")),
            (x, nn(rdf + "type"), nn(e + "Person")),
            (x, nn(e + "name"), ox.Literal(f"name {i}")),
            (x, nn(e + "knows"), nn(f"{e}e{(i + 1) % n}")),
        ]
    t0 = time.perf_counter()
    closure = reason(triples)
    seconds = time.perf_counter() - t0
    inferred = set(closure.inferred)
    q5, q6 = nn(wd + "Q5"), nn(wd + "Q6")
    right = (q5, nn(e + "knows"), q6) in inferred and (
        q5,
        nn(rdf + "type"),
        nn(e + "Agent"),
    ) in inferred
    return {
        "links": n,
        "input": len(triples),
        "inferred": len(closure.inferred),
        "seconds": round(seconds, 3),
        "answers_right": right,
        "peak_mb": round(_peak_mb(), 1),
    }


def _worker(argv: list[str]) -> None:
    kind, scale, head = argv[0], int(argv[1]), int(argv[2]) or None
    if kind == "ours":
        out = work_ours(scale, head)
    elif kind == "reasonable":
        out = work_reasonable(scale)
    elif kind == "owlrl":
        out = work_owlrl(scale, head, compare=argv[3] == "1")
    elif kind == "sameas":
        out = work_same_as(scale)
    else:
        raise SystemExit(f"unknown worker {kind}")
    sys.stdout.write(json.dumps(out))


def run(kind: str, scale: int, head: int = 0, compare: bool = False, timeout: float = 600) -> dict:
    """One measurement in a fresh interpreter."""
    flag = "1" if compare else "0"
    cmd = [sys.executable, __file__, "--worker", kind, str(scale), str(head), flag]
    log.info("running %s", " ".join(cmd[2:]))
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    if proc.returncode != 0:
        lines = proc.stderr.strip().splitlines()
        return {"error": lines[-1] if lines else "failed"}
    return json.loads(proc.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--scales", default="1,3,10", help="LUBM copies, comma separated")
    ap.add_argument("--owlrl-max-scale", type=int, default=1, help="run owlrl up to this scale")
    ap.add_argument(
        "--skip-owlrl", action="store_true", help="never run owlrl (it takes ~1 min at 1x)"
    )
    ap.add_argument("--small", type=int, default=10_000, help="triples of the small graph")
    ap.add_argument("--same-as", type=int, default=10_000, help="owl:sameAs links")
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument("--worker", nargs=4, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        _worker(args.worker)
        return
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not (LUBM / "lubm-1-0.nt.gz").exists():
        raise SystemExit(f"LUBM data absent at {LUBM}")
    scales = [int(x) for x in args.scales.split(",") if x]
    results: dict[str, Any] = {"machine": {"cpus": _cpus()}, "lubm": {}}
    for scale in scales:
        row = {"ours": run("ours", scale), "reasonable": run("reasonable", scale)}
        if not args.skip_owlrl and scale <= args.owlrl_max_scale:
            row["owlrl"] = run("owlrl", scale, compare=scale == 1, timeout=600)
        results["lubm"][f"{scale}x"] = row
    small = {"ours": run("ours", 1, head=args.small)}
    if not args.skip_owlrl:
        small["owlrl"] = run("owlrl", 1, head=args.small)
        if "reason_s" in small["owlrl"] and "reason_s" in small["ours"]:
            small["speedup"] = round(small["owlrl"]["reason_s"] / small["ours"]["reason_s"], 1)
    results["small"] = small
    results["same_as"] = run("sameas", args.same_as)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    _print_table(results)


def _cpus() -> int:
    import os

    return os.cpu_count() or 0


def _print_table(results: dict[str, Any]) -> None:
    lines = ["| graph | engine | triples in | parse s | reason s | ready s | peak MB |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for scale, row in results["lubm"].items():
        for engine, r in row.items():
            if "error" in r:
                lines.append(f"| LUBM {scale} | {engine} | {r['error']} | | | | |")
                continue
            lines.append(
                f"| LUBM {scale} | {engine} | {r.get('input', '')} | {r['parse_s']} | "
                f"{r['reason_s']} | {r.get('ready_s', '')} | {r['peak_mb']} |"
            )
    for engine, r in results["small"].items():
        if isinstance(r, dict) and "reason_s" in r:
            lines.append(f"| 10k | {engine} | {r.get('input', '')} | {r['parse_s']} | "
                         f"{r['reason_s']} | {r.get('ready_s', '')} | {r['peak_mb']} |")
    print("\n".join(lines))
    if "speedup" in results["small"]:
        print(f"\n10k triples: kg.reason is {results['small']['speedup']}x faster than owlrl")
    for scale, row in results["lubm"].items():
        if "compare" in row.get("owlrl", {}):
            print(f"closure vs owlrl at {scale}: {row['owlrl']['compare']}")
        if "incremental" in row["ours"]:
            print(f"incremental at {scale}: {row['ours']['incremental']}")
    print(f"owl:sameAs: {results['same_as']}")


if __name__ == "__main__":
    main()
