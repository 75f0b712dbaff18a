"""Alert delivery over the channels of ``alerting.channels``, with quick retries, a delivery
log that also makes delivery idempotent (one delivery per alert and channel), and pending
deliveries for the ``alerts.retry`` topic.

A delivery that still fails after ``hold_s`` of quick retries leaves the batch as a
:class:`PendingDelivery`, tried again with growing pauses until it succeeds or is ``max_age_s``
old: a receiver that is down holds back nobody else's alerts, and a restart loses none of its
own.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
from elasticsearch import AsyncElasticsearch, NotFoundError
from tenacity import AsyncRetrying, retry_if_exception, stop_after_delay, wait_exponential

from alerting.alerts import Alert
from alerting.channels import CHANNELS
from alerting.channels.base import ChannelContext, PermanentFailure, TemporaryFailure
from alerting.subscriptions import Subscription
from core.retry import is_infrastructure

log = logging.getLogger("webcare.delivery")

_FINAL = {"delivered", "rejected", "gave_up"}
RETRYING = "retrying"


class DeliveryLog:
    """``alert-deliveries`` index: one document per (alert, channel)."""

    def __init__(self, client: AsyncElasticsearch, index: str) -> None:
        self.client, self.index = client, index

    async def finished(self, keys: list[str]) -> set[str]:
        """Which of these ``<alert id>:<channel>`` keys were delivered (or settled) before."""
        if not keys:
            return set()
        try:
            found = await self.client.mget(index=self.index, ids=keys)
        except NotFoundError:  # the index does not exist yet
            return set()
        return {doc["_id"] for doc in found["docs"]
                if doc.get("found") and doc["_source"].get("status") in _FINAL}

    async def record(self, outcomes: list[Outcome]) -> None:
        if not outcomes:
            return
        now = datetime.now(UTC).isoformat()
        operations: list[dict[str, Any]] = []
        for alert, channel, status, attempts, error in outcomes:
            operations.append({"index": {"_index": self.index, "_id": f"{alert.id}:{channel}"}})
            operations.append({"alert_id": alert.id, "team": alert.team,
                               "subscription_id": alert.subscription_id, "channel": channel,
                               "status": status, "attempts": attempts, "last_error": error,
                               "at": now})
        await self.client.bulk(operations=operations)


Send = Callable[[], Awaitable[None]]  # one attempt; raises to say how it failed
Outcome = tuple[Alert, str, str, int, str | None]  # alert, channel, status, attempts, error


@dataclass(frozen=True)
class PendingDelivery:
    """One alert on one channel whose receiver failed: the value of an ``alerts.retry``
    record, self-contained so a retry needs nothing but the subscription."""

    alert: Alert
    channel: str
    attempts: int
    first_failed_at: float  # epoch seconds
    next_at: float
    error: str | None

    def to_json(self) -> bytes:
        return orjson.dumps({
            "alert": self.alert.model_dump(mode="json", exclude_none=True),
            "channel": self.channel, "attempts": self.attempts,
            "first_failed_at": self.first_failed_at, "next_at": self.next_at,
            "error": self.error})

    @classmethod
    def from_json(cls, value: bytes) -> PendingDelivery:
        data: Any = orjson.loads(value)
        return cls(Alert.model_validate(data["alert"]), str(data["channel"]),
                   int(data["attempts"]), float(data["first_failed_at"]),
                   float(data["next_at"]), data.get("error"))


def _temporary(exc: BaseException) -> bool:
    return isinstance(exc, TemporaryFailure) or is_infrastructure(exc)


class Deliverer:
    """Delivers a batch of alerts concurrently (``concurrency`` sends in flight), so one
    receiver's latency does not set the pace; order between alerts is not guaranteed (each
    carries ``created_at``)."""

    def __init__(self, deliveries: DeliveryLog, context: ChannelContext | None = None,
                 max_age_s: float = 24 * 3600, max_backoff_s: float = 30.0,
                 concurrency: int = 16, hold_s: float = 2.0) -> None:
        self.deliveries = deliveries
        self.context = context or ChannelContext()
        self.max_age_s, self.max_backoff_s = max_age_s, max_backoff_s
        self.hold_s = hold_s
        self.concurrency = concurrency

    async def close(self) -> None:
        await self.context.close()

    def channels(self, alert: Alert, sub: Subscription) -> list[tuple[str, Send]]:
        """Every channel of the subscription, as one ready-to-call attempt each."""
        def attempt(name: str, config: Any) -> Send:
            return lambda: CHANNELS[name].send(config, alert, self.context)

        return [(name, attempt(name, config)) for name, config in sub.delivery.configured()]

    async def deliver(self, batch: list[tuple[Alert, Subscription]]) -> list[PendingDelivery]:
        """Deliver every alert on every channel of its subscription; what still fails after
        ``hold_s`` comes back as pending, for the retry topic."""
        jobs = [(alert, channel, send) for alert, sub in batch
                for channel, send in self.channels(alert, sub)]
        # A replay after a crash finds its deliveries in the log: never deliver twice.
        done = await self.deliveries.finished([f"{a.id}:{c}" for a, c, _ in jobs])
        gate = asyncio.Semaphore(self.concurrency)

        async def run(alert: Alert, channel: str, send: Send) -> Outcome:
            async with gate:
                status, attempts, error = await self._attempt(send, channel, alert, self.hold_s)
            return alert, channel, status, attempts, error

        outcomes = await asyncio.gather(*(run(a, c, s) for a, c, s in jobs
                                          if f"{a.id}:{c}" not in done))
        await self.deliveries.record(list(outcomes))
        now = time.time()
        return [PendingDelivery(alert, channel, attempts, now, now + self.backoff(attempts),
                                error)
                for alert, channel, status, attempts, error in outcomes if status == RETRYING]

    async def retry(self, batch: list[tuple[PendingDelivery, Subscription | None]]
                    ) -> list[PendingDelivery]:
        """One more attempt for each pending delivery, each at its ``next_at``; returns those
        to try again later. A deleted subscription or channel settles as ``gave_up``."""
        done = await self.deliveries.finished(
            [f"{p.alert.id}:{p.channel}" for p, _ in batch])
        gate = asyncio.Semaphore(self.concurrency)

        async def run(pending: PendingDelivery, sub: Subscription | None
                      ) -> tuple[Outcome, PendingDelivery | None]:
            await asyncio.sleep(max(0.0, pending.next_at - time.time()))
            send = dict(self.channels(pending.alert, sub)).get(pending.channel) if sub else None
            if send is None:
                return (pending.alert, pending.channel, "gave_up", pending.attempts,
                        "subscription or channel removed"), None
            async with gate:
                status, attempts, error = await self._attempt(send, pending.channel,
                                                              pending.alert, 0.0)
            return self._after_retry(pending, status, pending.attempts + attempts, error)

        results = await asyncio.gather(*(run(p, sub) for p, sub in batch
                                         if f"{p.alert.id}:{p.channel}" not in done))
        await self.deliveries.record([outcome for outcome, _ in results])
        return [again for _, again in results if again is not None]

    def _after_retry(self, pending: PendingDelivery, status: str, attempts: int,
                     error: str | None) -> tuple[Outcome, PendingDelivery | None]:
        now = time.time()
        if status == RETRYING and now - pending.first_failed_at > self.max_age_s:
            log.error("%s for alert %s: giving up after %d attempts (%s)",
                      pending.channel, pending.alert.id, attempts, error)
            status = "gave_up"
        outcome = (pending.alert, pending.channel, status, attempts, error)
        if status != RETRYING:
            return outcome, None
        return outcome, PendingDelivery(pending.alert, pending.channel, attempts,
                                        pending.first_failed_at,
                                        now + self.backoff(attempts), error)

    def backoff(self, attempts: int) -> float:
        return float(min(0.5 * 2 ** min(attempts, 16), self.max_backoff_s))

    async def _attempt(self, send: Send, channel: str, alert: Alert,
                       hold_s: float) -> tuple[str, int, str | None]:
        """Try, and retry quickly for ``hold_s``; then ``retrying`` if it still fails."""
        attempts = 0
        try:
            async for attempt in AsyncRetrying(
                    retry=retry_if_exception(_temporary), stop=stop_after_delay(hold_s),
                    wait=wait_exponential(multiplier=0.1, min=0.1, max=self.max_backoff_s),
                    reraise=True):
                with attempt:
                    attempts += 1
                    await send()
        except PermanentFailure as exc:
            log.warning("%s for alert %s rejected: %s", channel, alert.id, exc)
            return "rejected", attempts, str(exc)
        except Exception as exc:
            if not _temporary(exc):  # a bug in a channel settles this one delivery only
                log.exception("%s for alert %s failed unexpectedly", channel, alert.id)
                return "rejected", attempts, f"{type(exc).__name__}: {exc}"
            error = str(exc) if isinstance(exc, TemporaryFailure) else (
                f"{type(exc).__name__}: {exc}")
            log.warning("%s for alert %s failed %d times (%s); retrying later", channel,
                        alert.id, attempts, error)
            return RETRYING, attempts, error
        return "delivered", attempts, None
