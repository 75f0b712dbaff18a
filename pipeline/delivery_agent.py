"""``alerts`` -> the subscriptions' channels, the alert history (alias ``alerts``) and the
delivery log; deliveries whose receiver failed go to ``alerts.retry``, where a task of its own
tries them again with growing pauses."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from alerting.alerts import alert_json, parse_alert
from alerting.delivery import Deliverer, PendingDelivery
from core.kafka import aio_consumer
from core.retry import retry_infrastructure
from pipeline.context import WorkerContext, send_all
from pipeline.records import Record, from_events, from_messages
from pipeline.sink import Document
from pipeline.subscriptions_sync import SubscriptionsSync

log = logging.getLogger("webcare.worker")


class DeliveryAgent:
    def __init__(self, context: WorkerContext, sync: SubscriptionsSync,
                 deliverer: Deliverer) -> None:
        self.context, self.sync, self.deliverer = context, sync, deliverer
        self.history_alias = context.index("alerts")

    async def handle_alerts(self, records: list[Record]) -> None:
        alerts = [parse_alert(record.value or b"") for record in records]
        matcher = self.sync.matcher
        batch = [(a, sub) for a in alerts
                 if (sub := matcher.subscription(a.subscription_id)) is not None]
        history = [Document(f"{self.history_alias}-{a.created_at:%Y.%m}", a.id, alert_json(a))
                   for a in alerts]
        # Alert history is written while the alerts go out, not before them: it is not on
        # the path to the receiver. Deleted subscriptions have nothing to deliver to.
        pending, _ = await asyncio.gather(self.deliverer.deliver(batch),
                                          self.context.sink.write(history))
        await self.publish_retries(pending)

    async def publish_retries(self, pending: list[PendingDelivery]) -> None:
        await send_all(self.context.topics.retries,
                       [(p.alert.id.encode(), p.to_json(), None) for p in pending])

    async def handle_retries(self, records: list[Record]) -> None:
        await self.sync.loaded.wait()
        pending = [PendingDelivery.from_json(record.value or b"") for record in records]
        matcher = self.sync.matcher
        again = await self.deliverer.retry(
            [(p, matcher.subscription(p.alert.subscription_id)) for p in pending])
        await self.publish_retries(again)

    async def deliver_alerts(self, stream: Any) -> None:  # a faust.Stream
        # Up to 1,000 at once: each batch costs two Elasticsearch round trips for the delivery
        # log, so under load bigger batches are what keeps delivery ahead of the stream.
        async for events in stream.take_events(1000, within=0.02):
            await self.context.process(from_events(events), self.handle_alerts,
                                          step="deliver")

    async def retry_deliveries(self) -> None:
        """Reads ``alerts.retry`` with a plain consumer of its own group, committing after each
        batch. Not a Faust agent: these batches sleep until their retries are due, and as an
        agent stream it made the restart-recovery stall (a Faust consumer issue that also
        occurs without it) happen more often in testing."""
        await self.sync.loaded.wait()
        consumer = aio_consumer(self.context.settings, self.context.names.alert_retries,
                                group="webcare-alert-retries", auto_offset_reset="earliest")
        # A task that raises stops the whole worker: a broker that is away at start or at a
        # commit is waited for like any other infrastructure failure.
        await retry_infrastructure(consumer.start, log=log, what="starting the retry consumer")
        try:
            while True:
                fetched = await consumer.getmany(timeout_ms=500, max_records=1000)
                records = from_messages(r for batch in fetched.values() for r in batch)
                if not records:
                    continue
                # Slow by design: each retry waits for its moment. This consumer commits only
                # after the batch, so a stop mid-batch needs no holding back (that is for the
                # Faust consumer's commits): the error policy alone.
                await self.context.policy.run(records, self.handle_retries, step="retry")
                await retry_infrastructure(consumer.commit, log=log,
                                           what="committing the retries")
        finally:
            await consumer.stop()
