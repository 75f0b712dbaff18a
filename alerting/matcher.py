"""From enriched mentions to alerts: per-mention alerts and spike alerts. Pure (no I/O): the
worker feeds mentions in and publishes what comes out."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from alerting.alerts import Alert, SpikeInfo, alert_id, summary
from alerting.index import SubscriptionIndex, passes_filters
from alerting.spikes import Jump, SpikeWindow
from alerting.subscriptions import Subscription
from schemas.mentions import EnrichedMention


def mention_alert(sub: Subscription, mention: EnrichedMention, now: datetime) -> Alert:
    return Alert(
        id=alert_id(sub.id, mention.doc_id), kind="mention", team=sub.team,
        subscription_id=sub.id, subscription_name=sub.name, created_at=now,
        mention=summary(mention),
    )


def spike_alert(sub: Subscription, jump: Jump, now: datetime) -> Alert:
    assert sub.spike is not None
    return Alert(
        id=alert_id(sub.id, f"spike:{jump.window_end}"), kind="spike", team=sub.team,
        subscription_id=sub.id, subscription_name=sub.name, created_at=now,
        spike=SpikeInfo(metric=sub.spike.metric, window_s=sub.spike.window_s,
                        current=jump.current, baseline=jump.baseline, ratio=jump.ratio,
                        mentions_in_window=jump.mentions_in_window,
                        samples=[summary(m) for m in jump.samples]),
    )


class AlertMatcher:
    def __init__(self, team_brands: dict[str, frozenset[str] | None]) -> None:
        self.index = SubscriptionIndex(team_brands)
        self._subs: dict[str, Subscription] = {}
        self._spikes: dict[str, SpikeWindow] = {}

    def load(self, subscriptions: Iterable[Subscription]) -> None:
        subs = list(subscriptions)
        # Service-level subscriptions hear about conversations, never about mentions.
        self.index.replace_all(s for s in subs if not s.service_level)
        previous, self._subs = self._subs, {s.id: s for s in subs}
        # Keep the spike history of subscriptions whose rule did not change.
        self._spikes = {sid: w for sid, w in self._spikes.items()
                        if sid in self._subs and previous.get(sid) is not None
                        and previous[sid].spike == self._subs[sid].spike}

    def spike_states(self) -> dict[str, dict[str, Any]]:
        return {sid: window.state() for sid, window in self._spikes.items()}

    def restore_spikes(self, states: dict[str, dict[str, Any]]) -> int:
        """Seed spike windows saved before a restart; returns how many were taken. Windows
        already counting (a subscription kept across reloads) are not replaced."""
        restored = 0
        for sid, state in states.items():
            sub = self._subs.get(sid)
            if sub is None or sub.spike is None or sid in self._spikes:
                continue
            window = SpikeWindow.restore(sub.spike, state)
            if window is not None:
                self._spikes[sid] = window
                restored += 1
        return restored

    def subscription(self, sub_id: str) -> Subscription | None:
        return self._subs.get(sub_id)

    def service_level_watchers(self, team: str) -> list[Subscription]:
        return [s for s in self._subs.values() if s.service_level and s.team == team]

    def process(self, mention: EnrichedMention, now: datetime | None = None) -> list[Alert]:
        now = now or datetime.now(UTC)
        alerts: list[Alert] = []
        for sub in self.index.watching(mention):
            if sub.spike is None:
                if passes_filters(sub, mention):
                    alerts.append(mention_alert(sub, mention, now))
                continue
            # Volume counts the mentions the filters let through; the negative share is
            # measured over everything watched.
            if sub.spike.metric == "volume" and not passes_filters(sub, mention):
                continue
            horizon = timedelta(seconds=sub.spike.window_s * (sub.spike.baseline_windows + 1))
            if mention.created_at < now - horizon:
                continue  # a back-fill of old mentions is history, not a spike
            window = self._spikes.setdefault(sub.id, SpikeWindow(sub.spike))
            jump = window.add(mention, mention.created_at)
            if jump is not None:
                alerts.append(spike_alert(sub, jump, now))
        return alerts
