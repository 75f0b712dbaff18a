"""The supervisor of ``webcare worker``'s role processes, on small stand-in roles: real
processes and real signals, no Kafka. The real roles under it: tests/integration/
test_role_processes.py."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.role_processes import exit_status, role_command
from tests.support.processes import running

REPO = Path(__file__).resolve().parents[2]

# A stand-in role: notes its process id once its handlers are in place, notes "stopped" on
# SIGTERM and leaves with status 0. Given another role's note and a status, it leaves by itself
# with that status as soon as the other role is ready. It stops with its supervisor as the
# worker does.
ROLE = """
import os, signal, sys, time
from pathlib import Path
from pipeline.worker import stop_with_supervisor
note = Path(sys.argv[1])
def stopped(signum, frame):
    note.write_text("stopped")
    sys.exit(0)
signal.signal(signal.SIGTERM, stopped)
stop_with_supervisor()
note.write_text(str(os.getpid()))  # only once it is ready: a SIGTERM before would end it bare
if len(sys.argv) > 2:
    other = Path(sys.argv[2])
    while not (other.exists() and other.read_text().isdigit()):
        time.sleep(0.05)
    sys.exit(int(sys.argv[3]))
while True:
    time.sleep(0.05)
"""

SUPERVISOR = """
import sys
from pipeline.role_processes import RoleProcesses
roles = {name: [sys.executable, "-c", sys.argv[1], *args.split()]
         for name, args in zip(("enrich", "alerts"), sys.argv[2:])}
sys.exit(RoleProcesses(roles).run())
"""


def wait_until(check: Callable[[], bool], what: str, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def supervise(enrich_args: str, alerts_args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", SUPERVISOR, ROLE, enrich_args, alerts_args],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def started(note: Path) -> bool:
    return note.exists() and note.read_text().isdigit()


def test_sigterm_reaches_every_role_and_the_supervisor_leaves_with_them(tmp_path: Path) -> None:
    enrich, alerts = tmp_path / "enrich", tmp_path / "alerts"
    supervisor = supervise(str(enrich), str(alerts))
    wait_until(lambda: started(enrich) and started(alerts), "both roles")

    supervisor.send_signal(signal.SIGTERM)  # to the supervisor alone, as `kill PID` does

    assert supervisor.wait(30) == 0
    assert enrich.read_text() == "stopped" and alerts.read_text() == "stopped"


def test_a_role_that_fails_stops_the_others_and_its_status_is_the_workers(
        tmp_path: Path) -> None:
    enrich, alerts = tmp_path / "enrich", tmp_path / "alerts"
    supervisor = supervise(f"{enrich} {alerts} 3", str(alerts))

    assert supervisor.wait(30) == 3
    assert alerts.read_text() == "stopped"
    output = supervisor.stdout.read().decode() if supervisor.stdout else ""
    assert "the enrich role exited with status 3: stopping the others" in output


def test_a_role_that_ends_by_itself_with_success_is_still_a_failure(tmp_path: Path) -> None:
    enrich, alerts = tmp_path / "enrich", tmp_path / "alerts"
    supervisor = supervise(str(enrich), f"{alerts} {enrich} 0")

    assert supervisor.wait(30) == 1  # a worker's role never ends by itself
    assert enrich.read_text() == "stopped"


def test_roles_stop_when_their_supervisor_is_killed_outright(tmp_path: Path) -> None:
    enrich, alerts = tmp_path / "enrich", tmp_path / "alerts"
    supervisor = supervise(str(enrich), str(alerts))
    wait_until(lambda: started(enrich) and started(alerts), "both roles")
    pids = [int(enrich.read_text()), int(alerts.read_text())]

    supervisor.kill()
    supervisor.wait(10)

    # Each role notices within a second or two that its parent is gone, and stops as on SIGTERM.
    wait_until(lambda: enrich.read_text() == "stopped" and alerts.read_text() == "stopped",
               "the roles to stop")
    wait_until(lambda: not any(running(pid) for pid in pids), "the role processes to leave")


@pytest.mark.parametrize(("returncode", "status"), [(0, 0), (3, 3), (-9, 137), (-15, 143)])
def test_exit_status_is_a_shells(returncode: int, status: int) -> None:
    assert exit_status(returncode) == status


def test_a_roles_command_is_the_workers_own_with_its_role() -> None:
    assert role_command("alerts", ["--brands", "b.yml", "worker", "--loglevel", "debug"]) == [
        sys.executable, "-m", "webcare", "--brands", "b.yml", "worker", "--loglevel", "debug",
        "--role", "alerts"]
