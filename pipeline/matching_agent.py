"""``mentions.enriched`` -> ``alerts``: every mention matched against every subscription
(``AlertMatcher``, pure), the alerts published."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from alerting.alerts import alert_json
from pipeline.context import WorkerContext, send_all
from pipeline.records import Record, from_events
from pipeline.subscriptions_sync import SubscriptionsSync
from schemas.mentions import EnrichedMention


class MatchingAgent:
    def __init__(self, context: WorkerContext, sync: SubscriptionsSync) -> None:
        self.context, self.sync = context, sync

    async def handle(self, records: list[Record]) -> None:
        await self.sync.loaded.wait()
        now = datetime.now(UTC)
        matcher = self.sync.matcher
        alerts = [alert for record in records
                  for alert in matcher.process(
                      EnrichedMention.model_validate_json(record.value or b""), now)]
        if not alerts:
            return
        await send_all(self.context.topics.alerts,
                       [(a.subscription_id.encode(), alert_json(a), None) for a in alerts])
        self.context.stats.alerts += len(alerts)

    async def match_alerts(self, stream: Any) -> None:  # a faust.Stream
        async for events in stream.take_events(1000, within=0.02):
            await self.context.process(from_events(events), self.handle, step="match")
