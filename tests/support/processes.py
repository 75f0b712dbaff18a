"""Whether a process another one started is still running, read from /proc."""

from __future__ import annotations

from pathlib import Path


def running(pid: int) -> bool:
    """False once the process has left, also while it is a zombie: gone but for its exit
    status, which its parent (init, for an orphan) collects."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
