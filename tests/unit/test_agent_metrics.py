from __future__ import annotations

import time
from collections import Counter

from agents.metrics import AgentMetrics


def test_rate_and_lag_come_from_the_agent() -> None:
    counters: Counter[str] = Counter()
    metrics = AgentMetrics("test", lambda: counters, lambda: 12.34)
    counters["published"] += 50
    time.sleep(0.05)
    snapshot = metrics.snapshot()
    assert snapshot["published"] == 50 and snapshot["lag_s"] == 12.3
    assert isinstance(snapshot["rate_per_s"], float) and snapshot["rate_per_s"] > 100
    assert metrics.snapshot()["rate_per_s"] == 0.0  # nothing new since the last snapshot
