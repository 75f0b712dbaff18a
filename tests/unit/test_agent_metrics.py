from __future__ import annotations

from collections import Counter

from agents.metrics import AgentMetrics


def test_rate_and_lag_come_from_the_agent() -> None:
    counters: Counter[str] = Counter()
    now = [100.0]
    metrics = AgentMetrics("test", lambda: counters, lambda: 12.34, clock=lambda: now[0])
    counters["published"] += 50
    now[0] += 0.5
    snapshot = metrics.snapshot()
    assert snapshot["published"] == 50 and snapshot["lag_s"] == 12.3
    assert snapshot["rate_per_s"] == 100.0
    now[0] += 1.0
    assert metrics.snapshot()["rate_per_s"] == 0.0  # nothing new since the last snapshot
