"""LUBM benchmark: from ``kg serve --dataset`` to all 14 answers right, next to its peers.

What is measured, each run in processes of its own:

* **ours**: ``kg serve --dataset lubm.nt[.gz] univ-bench.ttl`` started as a user starts
  it; wall clock from the start of the command to the server answering, then to all
  14 LUBM queries answered over HTTP (SPARQL JSON) and checked; peak memory of the
  server's whole process tree (gunicorn master, its workers, their query workers),
  sampled every 50 ms from /proc: the sum of RSS (counts pages shared by forked
  workers once per process, so it overstates) and the sum of PSS (shares them out).
* **reasonable** (Rust OWL 2 RL, the fastest peer measured here): load + closure +
  pyoxigraph load + the 14 queries, answers checked too; peak RSS of its process.
* **owlrl** (the reference closure, only with ``--with-owlrl``; ~1-2 min at 1x): at 1x,
  stopped after ``--owlrl-timeout`` seconds (flagged, not failed).

Scales: LUBM(N,0) is N copies of LUBM(1,0) with University0 renamed University0..N-1,
each a separate university (generated into a temporary directory).  Answers at 1x
must equal the published ones; at N>1 the queries pinned to University0's entities
keep the published answers, q6/q9/q14 (all students...) must equal the union of the
renamed published answers, q2 has no independent reference (a copy's graduate
students can hold a degree from the university they were renamed into), and ours
must agree with ``reasonable`` on all 14.

Writes ``benchmarks/results/lubm.json`` and ``benchmarks/results/lubm_growth.png``
(a text table instead when matplotlib is missing), prints a table.  Run:
``python benchmarks/lubm.py [--scales 1,3,10] [--with-owlrl] [--owlrl-timeout 600]``.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import gzip
import json
import logging
import os
import platform
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
LUBM = SHARED / "bench" / "lubm"
RESULTS = ROOT / "benchmarks" / "results"
QUERIES = range(1, 15)
GLOBAL_QUERIES = {6, 9, 14}  # answers span every university
UNPINNED = {2}  # no reference at N>1 (see the module docstring)

log = logging.getLogger("benchmarks.lubm")

Answers = dict[int, set[tuple[str, ...]]]


# -- inputs --------------------------------------------------------------------------
def lubm_bytes(scale: int) -> bytes:
    """LUBM(scale,0) as N-Triples: University0's data copied with the university renamed."""
    raw = gzip.decompress((LUBM / "lubm-1-0.nt.gz").read_bytes())
    return b"".join(
        re.sub(rb"University0(?=\D)", b"University%d" % k, raw) for k in range(scale)
    )


def data_file(scale: int, directory: Path) -> Path:
    """The LUBM file for a scale: the shared file itself at 1x, a generated one above."""
    if scale == 1:
        return LUBM / "lubm-1-0.nt.gz"
    path = directory / f"lubm-{scale}-0.nt"
    if not path.exists():
        path.write_bytes(lubm_bytes(scale))
    return path


def query_text(n: int) -> str:
    return (LUBM / "queries" / f"q{n}.rq").read_text("utf-8")


def reference(n: int) -> set[tuple[str, ...]]:
    with (LUBM / "answers" / f"answers_query{n}.csv").open(newline="") as f:
        rows = list(csv.reader(f))
    if rows[0] == ["NO ANSWERS."]:
        return set()
    return {tuple(r) for r in rows[1:] if r}


def expected(n: int, scale: int) -> set[tuple[str, ...]] | None:
    """The right answers of query n at a scale, or None where there is no reference."""
    ref = reference(n)
    if scale == 1 or n not in GLOBAL_QUERIES | UNPINNED:
        return ref
    if n in UNPINNED:
        return None
    pattern = re.compile(r"University0(?=\D|$)")
    return {
        tuple(pattern.sub(f"University{k}", v) for v in row) for row in ref for k in range(scale)
    }


def check(answers: Answers, scale: int) -> dict[str, Any]:
    """Which queries are right against the reference (None: no reference at this scale)."""
    right, wrong, unchecked = [], [], []
    for n in QUERIES:
        want = expected(n, scale)
        if want is None:
            unchecked.append(n)
        elif answers.get(n) == want:
            right.append(n)
        else:
            wrong.append(n)
    return {"right": right, "wrong": wrong, "unchecked": unchecked,
            "rows": {n: len(answers.get(n, ())) for n in QUERIES}}


# -- memory of a process tree --------------------------------------------------------
def _tree(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read().decode(errors="replace")
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += parents.get(pid, [])
    return out


def _kb(path: str, field: str) -> int:
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeMemory(threading.Thread):
    """Samples the RSS and PSS sums of a process tree until stopped; keeps the peaks."""

    def __init__(self, root: int, every: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.root, self.every = root, every
        self.peak_rss_kb = self.peak_pss_kb = self.peak_processes = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            pids = _tree(self.root)
            rss = sum(_kb(f"/proc/{p}/status", "VmRSS:") for p in pids)
            pss = sum(_kb(f"/proc/{p}/smaps_rollup", "Pss:") for p in pids)
            self.peak_rss_kb = max(self.peak_rss_kb, rss)
            self.peak_pss_kb = max(self.peak_pss_kb, pss)
            self.peak_processes = max(self.peak_processes, len(pids))
            self._stop_event.wait(self.every)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


# -- ours: kg serve --------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _http_answers(sparql: str, n: int) -> set[tuple[str, ...]]:
    import requests

    response = requests.post(sparql, data={"query": query_text(n)}, timeout=300,
                             headers={"Accept": "application/sparql-results+json"})
    response.raise_for_status()
    body = response.json()
    names = body["head"]["vars"]
    return {tuple(b[v]["value"] for v in names) for b in body["results"]["bindings"]}


def run_ours(scale: int, directory: Path) -> tuple[dict[str, Any], Answers]:
    """``kg serve --dataset`` from its start to all 14 answers, with the tree's peak memory."""
    import requests

    data = data_file(scale, directory)
    port = _free_port()
    kg = shutil.which("kg")
    command = [kg] if kg else [sys.executable, "-m", "kg.cli"]
    command += ["serve", "--host", "127.0.0.1", "--port", str(port),
                "--dataset", str(data), str(LUBM / "univ-bench.ttl")]
    sparql = f"http://127.0.0.1:{port}/sparql"
    log_path = directory / f"serve-{scale}.log"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    t0 = time.perf_counter()
    with log_path.open("wb") as log_file:
        proc = subprocess.Popen(command, stdout=log_file, stderr=subprocess.STDOUT, cwd=ROOT,
                                env=env, start_new_session=True)
    memory = TreeMemory(proc.pid)
    memory.start()
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"kg serve exited:\n{log_path.read_text()}")
            if time.perf_counter() - t0 > 1800:
                raise RuntimeError("kg serve did not answer within 30 min")
            try:
                if requests.get(sparql, params={"query": "ASK {}"}, timeout=5).ok:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(0.05)
        t_ready = time.perf_counter()
        answers = {n: _http_answers(sparql, n) for n in QUERIES}
        t_done = time.perf_counter()
    finally:
        memory.stop()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)
    result = {
        "command": " ".join(["kg", *command[1:]] if kg else command),
        "ready_s": round(t_ready - t0, 3),
        "queries_s": round(t_done - t_ready, 3),
        "total_s": round(t_done - t0, 3),
        "peak_rss_sum_mb": round(memory.peak_rss_kb / 1024, 1),
        "peak_pss_sum_mb": round(memory.peak_pss_kb / 1024, 1),
        "processes": memory.peak_processes,
    }
    return result, answers


# -- peers (each in a subprocess of this script) -----------------------------------------
def _query_store(store: Any) -> dict[str, list[list[str]]]:
    out = {}
    for n in QUERIES:
        result = store.query(query_text(n))
        names = [v.value for v in result.variables]
        out[str(n)] = [[row[v].value for v in names] for row in result]
    return out


def work_reasonable(data: Path, out: Path) -> None:
    import reasonable

    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        # reasonable reads Turtle (N-Triples is Turtle) and no gzip
        path = Path(tmp) / "data.ttl"
        raw = data.read_bytes()
        path.write_bytes(gzip.decompress(raw) if data.suffix == ".gz" else raw)
        r = reasonable.PyReasoner()
        r.load_file(str(path))
        r.load_file(str(LUBM / "univ-bench.ttl"))
    t1 = time.perf_counter()
    triples = r.reason()
    t2 = time.perf_counter()
    _store_and_answer(triples, (t0, t1, t2), out, triples=len(triples))


def _store_and_answer(
    rdflib_triples: Any, times: tuple[float, float, float], out: Path, **counts: int
) -> None:
    """A peer's closure into pyoxigraph, the 14 queries, and its timings written to ``out``."""
    import pyoxigraph as ox

    from kg.reason import from_rdflib

    t0, t1, t2 = times
    store = ox.Store()
    store.bulk_extend(ox.Quad(s, p, o) for s, p, o in from_rdflib(rdflib_triples))
    t3 = time.perf_counter()
    answers = _query_store(store)
    t4 = time.perf_counter()
    out.write_text(json.dumps({
        "load_s": round(t1 - t0, 3), "reason_s": round(t2 - t1, 3),
        "store_s": round(t3 - t2, 3), "queries_s": round(t4 - t3, 3),
        "total_s": round(t4 - t0, 3), **counts,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "answers": answers,
    }))


def work_owlrl(data: Path, out: Path) -> None:
    import owlrl
    import rdflib

    t0 = time.perf_counter()
    graph = rdflib.Graph()
    raw = data.read_bytes()
    graph.parse(data=gzip.decompress(raw) if data.suffix == ".gz" else raw, format="nt")
    graph.parse(LUBM / "univ-bench.ttl", format="turtle")
    t1 = time.perf_counter()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    t2 = time.perf_counter()
    valid = [t for t in graph if not isinstance(t[0], rdflib.Literal)
             and isinstance(t[1], rdflib.URIRef)]
    _store_and_answer(valid, (t0, t1, t2), out, triples=len(graph), valid_triples=len(valid))


def run_peer(name: str, scale: int, directory: Path, timeout: float
             ) -> tuple[dict[str, Any], Answers | None]:
    out = directory / f"{name}-{scale}.json"
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", name,
               "--data", str(data_file(scale, directory)), "--out", str(out)]
    t0 = time.perf_counter()
    try:
        subprocess.run(command, check=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"finished": False, "timeout_s": timeout}, None
    result = json.loads(out.read_text())
    answers = {int(n): {tuple(r) for r in rows} for n, rows in result.pop("answers").items()}
    result["finished"] = True
    result["wall_s"] = round(time.perf_counter() - t0, 3)
    return result, answers


# -- report ----------------------------------------------------------------------------
def plot(results: dict[str, Any], path: Path) -> str:
    """The growth plot (time and peak memory against scale); a text table if no matplotlib."""
    rows = []
    for system in ("ours", "reasonable", "owlrl"):
        for scale, r in sorted(results.get(system, {}).items(), key=lambda kv: int(kv[0])):
            if r.get("finished", True):
                memory = r.get("peak_pss_sum_mb", r.get("peak_rss_mb"))
                rows.append((system, int(scale), r["total_s"], memory))
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        text = "\n".join(f"{s:<11} {n:>3}x {t:8.2f} s {m:8.0f} MB" for s, n, t, m in rows)
        path.with_suffix(".txt").write_text(text + "\n")
        return str(path.with_suffix(".txt"))
    fig, (ax_t, ax_m) = plt.subplots(1, 2, figsize=(10, 4))
    for system in ("ours", "reasonable", "owlrl"):
        pts = [(n, t, m) for s, n, t, m in rows if s == system]
        if not pts:
            continue
        label = {"ours": "kg serve (start to 14 answers)",
                 "reasonable": "reasonable + pyoxigraph", "owlrl": "owlrl + pyoxigraph"}[system]
        ax_t.plot([p[0] for p in pts], [p[1] for p in pts], "o-", label=label)
        ax_m.plot([p[0] for p in pts], [p[2] for p in pts], "o-", label=label)
    ax_t.set(xlabel="LUBM universities", ylabel="seconds", title="Time to all 14 answers")
    ax_m.set(xlabel="LUBM universities", ylabel="MB",
             title="Peak memory (ours: PSS of the process tree)")
    for ax in (ax_t, ax_m):
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return str(path)


def table(results: dict[str, Any]) -> str:
    lines = [f"{'system':<11} {'scale':>5} {'ready s':>8} {'total s':>8} {'peak MB':>16} "
             f"{'right':>7} {'agree':>6}"]
    for system in ("ours", "reasonable", "owlrl"):
        for scale, r in sorted(results.get(system, {}).items(), key=lambda kv: int(kv[0])):
            if not r.get("finished", True):
                lines.append(f"{system:<11} {scale:>4}x  did not finish in {r['timeout_s']} s")
                continue
            # ours: answering HTTP; a peer: its store loaded with the closure
            ready = r["ready_s"] if "ready_s" in r else r["load_s"] + r["reason_s"] + r["store_s"]
            memory = (f"{r['peak_rss_sum_mb']:.0f} rss/{r['peak_pss_sum_mb']:.0f} pss"
                      if "peak_rss_sum_mb" in r else f"{r['peak_rss_mb']:.0f} rss")
            checked = len(r["check"]["right"]) + len(r["check"]["wrong"])
            right = f"{len(r['check']['right'])}/{checked}"
            agree = r.get("agrees_with_reasonable")
            agree_text = "-" if agree is None else f"{len(agree)}/14"
            lines.append(f"{system:<11} {scale:>4}x {ready:8.2f} {r['total_s']:8.2f} "
                         f"{memory:>16} {right:>7} {agree_text:>6}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,3", help="comma-separated LUBM sizes")
    parser.add_argument("--with-owlrl", action="store_true", help="also owlrl at 1x")
    parser.add_argument("--owlrl-timeout", type=float, default=600.0)
    parser.add_argument("--skip-reasonable", action="store_true")
    parser.add_argument("--worker", choices=["reasonable", "owlrl"], help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    if args.worker:
        {"reasonable": work_reasonable, "owlrl": work_owlrl}[args.worker](args.data, args.out)
        return 0
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    # Stopped with SIGTERM, still stop the server under test (run_ours's finally).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if not (LUBM / "lubm-1-0.nt.gz").exists():
        log.error("LUBM is not at %s", LUBM)
        return 2
    scales = [int(s) for s in args.scales.split(",")]
    results: dict[str, Any] = {
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform()},
        "targets": {"ours_1x_total_s": 8.0, "ours_1x_peak_mb": 1024},
        "ours": {}, "reasonable": {}, "owlrl": {},
    }
    with tempfile.TemporaryDirectory(prefix="lubm-bench-") as tmp:
        directory = Path(tmp)
        for scale in scales:
            log.info("LUBM(%d,0): kg serve ...", scale)
            ours, our_answers = run_ours(scale, directory)
            ours["check"] = check(our_answers, scale)
            results["ours"][str(scale)] = ours
            if not args.skip_reasonable:
                log.info("LUBM(%d,0): reasonable ...", scale)
                peer, peer_answers = run_peer("reasonable", scale, directory, 1800)
                if peer_answers is not None:
                    peer["check"] = check(peer_answers, scale)
                    ours["agrees_with_reasonable"] = [
                        n for n in QUERIES if our_answers[n] == peer_answers[n]]
                results["reasonable"][str(scale)] = peer
            if scale == 1 and args.with_owlrl:
                log.info("LUBM(1,0): owlrl (about 1-2 min) ...")
                peer, peer_answers = run_peer("owlrl", 1, directory, args.owlrl_timeout)
                if peer_answers is not None:
                    peer["check"] = check(peer_answers, 1)
                results["owlrl"]["1"] = peer
            if scale != 1:
                (directory / f"lubm-{scale}-0.nt").unlink(missing_ok=True)
    if "1" in results["ours"]:
        one = results["ours"]["1"]
        results["targets"]["ours_1x_met"] = (
            one["total_s"] <= 8.0 and one["peak_pss_sum_mb"] < 1024
            and one["check"]["right"] == list(QUERIES))
    RESULTS.mkdir(parents=True, exist_ok=True)
    results["plot"] = plot(results, RESULTS / "lubm_growth.png")
    (RESULTS / "lubm.json").write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
