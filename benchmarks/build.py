"""How long ``kg build`` takes: from scratch, unchanged, and with owlrl as the peer reasoner.

Each figure is the wall-clock time of the real command in a fresh process (Python
start-up included), the median of ``--repeat`` runs, into a temporary build
directory.  Prints a table and writes ``benchmarks/results/build.json``.

    python benchmarks/build.py [--repeat 3] [--jobs 2]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def timed(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def median_of(repeat: int, args: list[str]) -> float:
    return statistics.median(timed(args) for _ in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    kg = [sys.executable, "-m", "kg.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        out = ["--out", tmp]
        rows = {
            "from scratch (ours)": median_of(args.repeat, [*kg, "build", "--force", *out]),
            f"from scratch, --jobs {args.jobs}": median_of(
                args.repeat, [*kg, "build", "--force", "--jobs", str(args.jobs), *out]
            ),
            "unchanged inputs": median_of(args.repeat, [*kg, "build", *out]),
            "from scratch, owlrl reasoner (peer)": median_of(
                1, [*kg, "build", "--force", "--reasoner", "owlrl", *out]
            ),
        }
    width = max(map(len, rows))
    for name, seconds in rows.items():
        print(f"{name:<{width}}  {seconds:7.3f} s")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "build.json").write_text(json.dumps({k: round(v, 3) for k, v in rows.items()}))


if __name__ == "__main__":
    main()
