"""What a subscription would have raised over past mentions, before a team saves it.

Pure: the caller feeds indexed mentions oldest first; they go through the same
``AlertMatcher`` the worker runs, so a preview can never promise alerts the stream would not
send (or hide ones it would). Spike rules are replayed with each mention's own time as "now",
which is when the stream would have seen it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from alerting.alerts import Alert
from alerting.matcher import AlertMatcher
from alerting.subscriptions import Subscription, SubscriptionSpec
from schemas.mentions import EnrichedMention

PREVIEW_ID = "preview"
SAMPLES = 5


@dataclass
class Preview:
    """``per_day`` covers every day of the window, zero days included, so a chart of it
    shows quiet days as quiet instead of leaving them out."""

    since: datetime
    until: datetime
    scanned: int = 0
    candidates: int = 0  # mentions the search found; more than ``scanned`` when capped
    mention_alerts: int = 0
    spike_alerts: int = 0
    per_day: dict[date, int] = field(default_factory=dict)
    samples: list[Alert] = field(default_factory=list)  # the newest alerts

    @property
    def complete(self) -> bool:
        return self.scanned >= self.candidates

    @property
    def alerts(self) -> int:
        return self.mention_alerts + self.spike_alerts


def preview_subscription(spec: SubscriptionSpec, team: str) -> Subscription:
    now = datetime.now(UTC)
    return Subscription(**spec.model_dump(), id=PREVIEW_ID, team=team, created_at=now,
                        updated_at=now)


def replay(sub: Subscription, team_brands: frozenset[str] | None,
           mentions_oldest_first: Iterable[EnrichedMention], since: datetime,
           until: datetime, candidates: int) -> Preview:
    matcher = AlertMatcher({sub.team: team_brands})
    matcher.load([sub])
    result = Preview(since=since, until=until, candidates=candidates)
    days: Counter[date] = Counter()
    newest: list[Alert] = []
    for mention in mentions_oldest_first:
        result.scanned += 1
        for alert in matcher.process(mention, now=mention.created_at):
            if alert.kind == "spike":
                result.spike_alerts += 1
            else:
                result.mention_alerts += 1
            days[mention.created_at.astimezone(UTC).date()] += 1
            newest.append(alert)
            if len(newest) > SAMPLES * 4:
                del newest[:-SAMPLES]
    result.samples = newest[::-1][:SAMPLES]
    day, last = since.astimezone(UTC).date(), until.astimezone(UTC).date()
    while day <= last:
        result.per_day[day] = days.get(day, 0)
        day += timedelta(days=1)
    return result
