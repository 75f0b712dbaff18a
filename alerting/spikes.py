"""Spike (crisis) detection over sliding windows, per subscription. Pure: fed mentions with
their time, it says when the recent window jumps above the baseline of the windows before.

Counts live in buckets of ``window_s / 10`` seconds; the current window is the last 10
buckets, the baseline the mean over the ``baseline_windows`` windows before it.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from alerting.subscriptions import SpikeRule
from schemas.mentions import EnrichedMention

_BUCKETS_PER_WINDOW = 10


@dataclass
class Jump:
    current: float
    baseline: float
    ratio: float
    mentions_in_window: int
    samples: list[EnrichedMention]
    window_end: int  # bucket number, identifies the spike


@dataclass
class SpikeWindow:
    rule: SpikeRule
    _buckets: deque[tuple[int, int, int]] = field(default_factory=deque)  # (bucket, all, neg)
    _samples: deque[EnrichedMention] = field(default_factory=lambda: deque(maxlen=5))
    _quiet_until: float = 0.0

    def state(self) -> dict[str, Any]:
        """What a restart needs to keep its baseline: the counts, the cooldown, and the rule
        they were counted for (a changed rule starts afresh)."""
        return {"rule": self.rule.model_dump(mode="json"),
                "buckets": [list(b) for b in self._buckets], "quiet_until": self._quiet_until}

    @classmethod
    def restore(cls, rule: SpikeRule, state: dict[str, Any]) -> SpikeWindow | None:
        """The window saved by :meth:`state`, or None when it was counted for another rule."""
        if SpikeRule.model_validate(state["rule"]) != rule:
            return None
        window = cls(rule, _quiet_until=float(state["quiet_until"]))
        window._buckets.extend((int(b), int(t), int(n)) for b, t, n in state["buckets"])
        return window

    @property
    def bucket_s(self) -> float:
        return self.rule.window_s / _BUCKETS_PER_WINDOW

    def add(self, mention: EnrichedMention, at: datetime) -> Jump | None:
        bucket = int(at.timestamp() // self.bucket_s)
        negative = int(mention.sentiment.label == "negative")
        if self._buckets and self._buckets[-1][0] == bucket:
            _, total, neg = self._buckets[-1]
            self._buckets[-1] = (bucket, total + 1, neg + negative)
        elif not self._buckets or bucket > self._buckets[-1][0]:
            self._buckets.append((bucket, 1, negative))
        else:  # late mention: count it in its bucket if we still hold it
            for i, (b, total, neg) in enumerate(self._buckets):
                if b == bucket:
                    self._buckets[i] = (b, total + 1, neg + negative)
                    break
        self._samples.append(mention)
        horizon = _BUCKETS_PER_WINDOW * (self.rule.baseline_windows + 1)
        while self._buckets and self._buckets[0][0] <= bucket - horizon:
            self._buckets.popleft()
        return self._check(bucket, at.timestamp())

    def _check(self, bucket: int, now: float) -> Jump | None:
        if now < self._quiet_until:
            return None
        start = bucket - _BUCKETS_PER_WINDOW + 1
        recent = [(t, n) for b, t, n in self._buckets if b >= start]
        older = [(t, n) for b, t, n in self._buckets if b < start]
        count = sum(t for t, _ in recent)
        if count < self.rule.min_mentions:
            return None
        baseline_count = sum(t for t, _ in older) / self.rule.baseline_windows
        if self.rule.metric == "volume":
            current, baseline = float(count), baseline_count
        else:
            current = sum(n for _, n in recent) / count
            older_total = sum(t for t, _ in older)
            baseline = sum(n for _, n in older) / older_total if older_total else 0.0
        floor = 1.0 if self.rule.metric == "volume" else 0.05
        ratio = current / max(baseline, floor)
        if ratio < self.rule.factor:
            return None
        self._quiet_until = now + self.rule.cooldown_s
        return Jump(round(current, 4), round(baseline, 4), round(ratio, 2), count,
                    list(self._samples)[-3:], bucket)
