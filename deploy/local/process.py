"""Start, watch and stop the local service processes (no Docker, plain child processes)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from core.errors import ServiceError


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
        return True


def free_port(preferred: int | None = None, host: str = "127.0.0.1") -> int:
    """The preferred port when it is free, else one the kernel hands out."""
    if preferred and port_is_free(preferred, host):
        return preferred
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


# For the JVMs of the local stack. glibc gives every thread that allocates an arena of its own
# (up to eight per core), and a JVM runs dozens of threads: with two arenas, a minute after
# start-up, the broker held 10 MiB less and Elasticsearch's launcher 17 MiB less.
JVM_ENVIRONMENT = {"MALLOC_ARENA_MAX": "2"}


def spawn(
    argv: Sequence[str], *, log_file: Path, env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> int:
    """Start a detached process in its own session (so it outlives us and can be stopped
    as a group); stdout and stderr go to ``log_file``. Returns the pid (= process group id)."""
    log_file.parent.mkdir(parents=True, exist_ok=True)
    with log_file.open("ab") as log:
        proc = subprocess.Popen(
            list(argv), stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            env=dict(env) if env is not None else None, cwd=cwd, start_new_session=True,
        )
    return proc.pid


def is_alive(pid: int | None) -> bool:
    """Whether a process we spawned, or what it left running in its process group, is alive.

    Every ``spawn`` starts a session, so the pid is also the group id; a launcher that hands
    over to a daemon and exits (Elasticsearch with ``-d``) leaves the daemon in that group."""
    if not pid:
        return False
    return _leader_alive(pid) or _group_alive(pid)


def _leader_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie child of ours counts as dead.
    with contextlib.suppress(ChildProcessError, OSError):
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    return True


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stop_group(pid: int | None, *, grace_s: float = 30.0) -> None:
    """SIGTERM the process group, wait ``grace_s``, then SIGKILL whatever is left."""
    if not pid:
        return
    for sig, wait_s in ((signal.SIGTERM, grace_s), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            with contextlib.suppress(ChildProcessError, OSError):
                os.waitpid(pid, os.WNOHANG)
            if not _group_alive(pid):
                return
            time.sleep(0.2)


def wait_until(
    check: Callable[[], bool], *, timeout_s: float, what: str, alive: Callable[[], bool],
    log_file: Path,
) -> None:
    """Poll ``check`` until it passes; fail fast with the log's tail if the process died."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if check():
            return
        if not alive():
            raise ServiceError(f"{what} exited during start-up; last log lines:\n{tail(log_file)}")
        time.sleep(0.3)
    raise ServiceError(f"{what} did not become ready within {timeout_s:.0f}s; see {log_file}")


def tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"
