"""Children that do not outlive their parent. A parent killed outright (SIGKILL, an OOM kill,
or a shutdown deadline's ``os._exit``) cannot tell its children to stop; they notice instead
that their parent process is gone (they are handed to another one) and leave."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable


def leave_with_parent(leave: Callable[[], None], parent: int | None = None,
                      every_s: float = 1.0) -> threading.Thread:
    """Call ``leave`` once ``parent`` (default: the current parent) is no longer this process's
    parent. Watched from a daemon thread, so it never keeps the process alive."""
    watched = os.getppid() if parent is None else parent

    def watch() -> None:
        while os.getppid() == watched:
            time.sleep(every_s)
        leave()

    thread = threading.Thread(target=watch, name="leave-with-parent", daemon=True)
    thread.start()
    return thread
