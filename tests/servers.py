"""Real servers for the tests: started on a free loopback port, stopped as a process group."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class ServerProcess:
    """A running server: its process (a group leader), root URL (ends with ``/``) and log."""

    process: subprocess.Popen[bytes]
    url: str
    log_path: Path
    ready_seconds: float = 0.0

    @property
    def sparql(self) -> str:
        return self.url + "sparql"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        """SIGTERM to the whole group (gunicorn, its workers, their query workers), then KILL."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=15)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)


def launch(
    command: Callable[[int], list[str]],
    log_path: Path,
    *,
    timeout: float = 60.0,
    env: dict[str, str] | None = None,
) -> ServerProcess:
    """Run ``command(port)`` on a free port; return once its ``/sparql`` answers an ASK.

    ``env`` adds variables to the server's environment.

    Raises RuntimeError with the server's log if it exits or does not answer in time.
    """
    port = free_port()
    env = dict(os.environ, **(env or {}))
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    started = time.monotonic()
    with log_path.open("wb") as log:
        proc = subprocess.Popen(command(port), stdout=log, stderr=subprocess.STDOUT, env=env,
                                cwd=ROOT, start_new_session=True)
    server = ServerProcess(proc, f"http://127.0.0.1:{port}/", log_path)
    while time.monotonic() < started + timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}:\n{server.log()}")
        try:
            if requests.get(server.sparql, params={"query": "ASK {}"}, timeout=5).ok:
                server.ready_seconds = time.monotonic() - started
                return server
        except requests.ConnectionError:
            pass
        time.sleep(0.05)
    server.stop()
    raise RuntimeError(f"the server did not answer within {timeout} s:\n{server.log()}")
