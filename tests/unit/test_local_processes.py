"""The local launcher's process handling: a daemon left in the spawned group counts as up."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from deploy.local.process import is_alive, spawn, stop_group


def _wait_for(condition: Callable[[], bool], timeout_s: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_a_daemon_left_by_an_exited_launcher_is_alive_until_its_group_is_stopped(
    tmp_path: Path,
) -> None:
    marker = tmp_path / "launcher-exited"
    # Like Elasticsearch's ``-d``: the launcher starts the long-running process and exits.
    pid = spawn(["sh", "-c", f"sleep 60 & touch {marker}; exit 0"],
                log_file=tmp_path / "launcher.log")
    assert _wait_for(marker.exists)
    assert _wait_for(lambda: not Path(f"/proc/{pid}").exists() or _is_zombie(pid))

    assert is_alive(pid)
    stop_group(pid, grace_s=5.0)
    assert not is_alive(pid)


def test_a_launcher_that_leaves_nothing_behind_is_down(tmp_path: Path) -> None:
    pid = spawn(["sh", "-c", "exit 0"], log_file=tmp_path / "launcher.log")
    assert _wait_for(lambda: not is_alive(pid))


def _is_zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return False
