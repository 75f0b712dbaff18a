"""Publish rate and lag for an ingest agent, logged as one line every ``every_s`` seconds.

Lag is how far behind the source the agent is: for a stream the age of the newest item it
published, for feeds the time since the last successful poll.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping

log = logging.getLogger("webcare.ingest")


class AgentMetrics:
    def __init__(self, name: str, counters: Callable[[], Mapping[str, int]],
                 lag_s: Callable[[], float | None], every_s: float = 30.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.name, self.counters, self.lag_s, self.every_s = name, counters, lag_s, every_s
        self.clock = clock
        self._last = (clock(), 0)

    def snapshot(self) -> dict[str, float | int | None]:
        now, published = self.clock(), int(self.counters().get("published", 0))
        then, before = self._last
        self._last = (now, published)
        lag = self.lag_s()
        return {**self.counters(), "rate_per_s": round((published - before) / (now - then), 2)
                if now > then else 0.0, "lag_s": round(lag, 1) if lag is not None else None}

    def log_line(self) -> None:
        log.info("%s: %s", self.name,
                 " ".join(f"{k}={v}" for k, v in self.snapshot().items()))

    def start(self, stop: threading.Event) -> threading.Thread:
        def loop() -> None:
            while not stop.wait(self.every_s):
                self.log_line()

        thread = threading.Thread(target=loop, daemon=True, name=f"{self.name}-metrics")
        thread.start()
        return thread
