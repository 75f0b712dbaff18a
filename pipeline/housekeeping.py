"""The worker's own upkeep: index templates installed before the first write, a counter line
every ten seconds (and a warning on where messages wait when the counters stand still), and
skipped messages read again (``pipeline.transport``)."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from typing import Any

from alerting.store import SubscriptionStore
from core.memory import release_free_memory
from core.retry import retry_infrastructure
from pipeline.context import WorkerContext
from pipeline.index import put_template_async
from pipeline.transport import GaplessConsumer

log = logging.getLogger("webcare.worker")
# The counters standing still this long while messages wait is worth a line on where they
# wait: a worker that stopped reading says why before anyone asks.
STALL_WARNING_S = 60.0


class Housekeeping:
    def __init__(self, context: WorkerContext, app: Any) -> None:
        self.context, self.app = context, app
        self._last_counts: dict[str, int] = {}
        self._changed_at = time.monotonic()

    async def _install(self) -> None:
        context, es = self.context, self.context.es
        mentions, alerts = context.index("mentions"), context.index("alerts")
        await put_template_async(es, mentions, "mentions")
        await put_template_async(es, alerts, "alerts")
        await put_template_async(es, context.index("conversations"), "conversations")
        # Create this month's mention and alert indices and the delivery log now: creating an
        # index on first write stalls that write for seconds, and the first alert must be fast.
        ignore_exists = es.options(ignore_status=400)
        month = f"{datetime.now(UTC):%Y.%m}"
        await ignore_exists.indices.create(index=f"{alerts}-{month}")
        await ignore_exists.indices.create(index=f"{mentions}-{month}")
        await ignore_exists.indices.create(
            index=context.index("alert-deliveries"),
            settings={"number_of_shards": 1, "number_of_replicas": 0})
        await SubscriptionStore(es, context.index("subscriptions")).ensure()

    async def install_templates(self) -> None:
        """A task: templates and indices first, then ``ready`` lets the agents write."""
        await retry_infrastructure(self._install, log=log, max_wait_s=30.0,
                                   what="installing index templates at "
                                        f"{self.context.settings.es_address()}")
        self.context.ready.set()

    async def report(self) -> None:
        """A timer (no parameters: Faust passes the app to a timer that takes one)."""
        self.report_at(time.monotonic())

    def report_at(self, now_s: float) -> None:
        """One line of counters when they changed; a warning when they have not for
        ``STALL_WARNING_S`` while messages wait, saying where each waiting partition is."""
        stats = self.context.stats
        now = {"indexed": stats.indexed, "duplicates": stats.duplicates,
               "unmatched": stats.unmatched, "deleted": stats.deleted,
               "dead_lettered": self.context.dead_letters.count, "alerts": stats.alerts}
        if now != self._last_counts:
            log.info(" ".join(f"{k}={v}" for k, v in now.items()))
            self._last_counts, self._changed_at = now, now_s
            return
        if now_s - self._changed_at < STALL_WARNING_S:
            return
        consumer = self.app.consumer
        waiting = consumer.lagging() if isinstance(consumer, GaplessConsumer) else []
        if waiting:
            log.warning("no progress for %.0f s while messages wait (flow %s): %s",
                        now_s - self._changed_at,
                        "active" if self.app.flow_control.is_active() else "suspended",
                        "; ".join(waiting))
            self._changed_at = now_s  # once a period, not every tick

    async def release_memory(self) -> None:
        """A timer: memory freed since the last time goes back to the operating system
        (``core.memory``): a few milliseconds each time."""
        release_free_memory()

    async def reread_skipped(self) -> None:
        """A timer: messages the stream skipped around a rebalance are read again."""
        consumer = self.app.consumer
        if isinstance(consumer, GaplessConsumer):
            for tp, offset in await consumer.reread_skipped():
                log.warning("re-reading %s[%d] from offset %d: messages there were skipped "
                            "or waited unread", tp.topic, tp.partition, offset)
