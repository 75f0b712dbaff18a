"""``webcare worker`` without ``--role``: one process per role, and this one watching them.

Why not every role in one process: Faust's consumer hands a fetch's records to the agents one
topic after another and, when one agent's buffer is full, waits for that agent before it hands
over anything else. After a burst, alert matching's buffer fills and ``mentions.raw`` waits
behind it: produce -> searchable p99 2.5-3.5 s at 500 mentions/s right after 20,000 mentions,
against 1.3-1.4 s with one process per role (docs/benchmarks.md). Each role is its own
consumer group, so the processes also use a core each. The price, where there are fewer cores
than busy processes: during a burst the alerts role works beside the enrichment instead of
after it (20,000 mentions at 2,800-3,400/s on two cores, 4,500-4,800/s with every role in one
process, which ``--role enrich --role alerts`` still runs).

The supervisor stays small (standard library only: 12 MiB resident, 7 proportional):
``webcare worker`` checks the settings and then replaces itself with ``python -m
pipeline.role_processes``, keeping its process id, so whatever stops it by that id stops the
roles too.

- SIGTERM or SIGINT: passed on to every role; the supervisor leaves when they have (each has
  its own shutdown deadline, pipeline/worker.py), with their exit status.
- A role process that exits on its own: the others are stopped, and the supervisor exits with
  that process's status, so a service manager restarts the whole worker.
- The supervisor killed outright: each role notices its parent is gone and stops
  (``SUPERVISOR_ENV``, core/processes.py).
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from types import FrameType
from typing import Literal

log = logging.getLogger("webcare.worker")

# The worker's roles, in the order a process running several declares them (here, where the
# supervisor can import them without Faust).
Role = Literal["enrich", "alerts"]
ROLES: tuple[Role, ...] = ("enrich", "alerts")
# Set in a role process's environment: the process id it watches (pipeline/worker.py).
SUPERVISOR_ENV = "WEBCARE_WORKER_SUPERVISOR"
# The roles' own shutdown deadline is 8 s; past this a role still running is killed.
STOP_DEADLINE_S = 15.0
POLL_S = 0.2


def role_command(role: str, webcare_args: Sequence[str]) -> list[str]:
    """The role's ``webcare`` command line: the supervisor's own arguments and ``--role``."""
    return [sys.executable, "-m", "webcare", *webcare_args, "--role", role]


def become_supervisor(webcare_args: Sequence[str]) -> None:
    """Replace this process (``webcare worker``) with the supervisor of one process per role."""
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, [sys.executable, "-m", "pipeline.role_processes", *webcare_args])


def exit_status(returncode: int) -> int:
    """A shell's exit status for a child's return code (a signal ``n`` becomes 128 + n)."""
    return 128 - returncode if returncode < 0 else returncode


class RoleProcesses:
    """Start one command per role, pass stop signals on, and stop all when one ends."""

    def __init__(self, commands: Mapping[str, Sequence[str]]) -> None:
        self.commands = dict(commands)
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.stopping = False

    def start(self) -> None:
        env = {**os.environ, SUPERVISOR_ENV: str(os.getpid())}
        for role, command in self.commands.items():
            self.processes[role] = subprocess.Popen(command, env=env)
            log.info("started the %s role: process %d", role, self.processes[role].pid)

    def signal_all(self, signum: int) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signum)

    def on_signal(self, signum: int, _frame: FrameType | None) -> None:
        self.stopping = True
        self.signal_all(signum)

    def first_exit(self) -> tuple[str, int]:
        while True:
            for role, process in self.processes.items():
                code = process.poll()
                if code is not None:
                    return role, code
            time.sleep(POLL_S)

    def stop_all(self) -> None:
        """SIGTERM to the roles still running; SIGKILL to any left at the deadline."""
        self.signal_all(signal.SIGTERM)
        deadline = time.monotonic() + STOP_DEADLINE_S
        for role, process in self.processes.items():
            try:
                process.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log.warning("the %s role is still running %.0fs after SIGTERM: killing it",
                            role, STOP_DEADLINE_S)
                process.kill()
                process.wait()

    def run(self) -> int:
        """Until the roles have ended; the exit status: the first role's to fail, else 0."""
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self.on_signal)
        self.start()
        role, code = self.first_exit()
        if not self.stopping:
            log.error("the %s role exited with status %d: stopping the others", role,
                      exit_status(code))
        self.stop_all()
        failed = [exit_status(p.returncode) for p in self.processes.values()
                  if p.returncode not in (0, -signal.SIGTERM, -signal.SIGINT)]
        if not self.stopping and code == 0:
            failed.insert(0, 1)  # a role never ends on its own with success
        return failed[0] if failed else 0


def main(webcare_args: Sequence[str]) -> int:
    logging.basicConfig(level=logging.INFO, format="[%(asctime)s] %(levelname)s %(message)s")
    return RoleProcesses({role: role_command(role, webcare_args) for role in ROLES}).run()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
