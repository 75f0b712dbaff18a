"""Alert delivery: signed webhooks and Slack-compatible incoming webhooks, with retries and a
delivery log that also makes delivery idempotent (one delivery per alert and channel).

A delivery that still fails after ``hold_s`` of quick retries leaves the batch as a
:class:`PendingDelivery` for the ``alerts.retry`` topic, where it is tried again with growing
pauses until it succeeds or is ``max_age_s`` old: a receiver that is down holds back nobody
else's alerts, and a restart loses none of its own.

Webhook requests carry the alert as JSON and the headers
``X-Webcare-Signature: sha256=<hex HMAC-SHA256 of the body with the subscription's secret>``,
``X-Webcare-Delivery: <alert id>`` (stable: receivers can de-duplicate on it) and
``X-Webcare-Event: mention|spike``.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import aiohttp
import orjson
from elasticsearch import AsyncElasticsearch, NotFoundError

from schemas.subscriptions import Alert, Subscription

log = logging.getLogger("webcare.delivery")

_FINAL = {"delivered", "rejected", "gave_up"}
RETRYING = "retrying"


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def slack_text(alert: Alert) -> str:
    if alert.spike is not None:
        spike = alert.spike
        example = f'; e.g. "{spike.samples[0].text[:200]}"' if spike.samples else ""
        return (f":rotating_light: *{alert.subscription_name}*: {spike.metric} spike, "
                f"{spike.current:g} vs baseline {spike.baseline:g} (x{spike.ratio:g}) over "
                f"{spike.window_s}s{example}")
    mention = alert.mention
    assert mention is not None
    return (f"*{alert.subscription_name}* · {mention.source} · @{mention.author} · "
            f"{mention.sentiment} · {', '.join(mention.intents) or 'no intent'}\n"
            f"{mention.text[:500]}" + (f"\n{mention.url}" if mention.url else ""))


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

    async def record(self, outcomes: list[tuple[Alert, str, str, int, str | None]]) -> None:
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


Send = Callable[[], Awaitable[int]]  # performs one request, returns the HTTP status
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
        return cls(Alert.model_validate(data["alert"]), data["channel"], data["attempts"],
                   data["first_failed_at"], data["next_at"], data.get("error"))


class Deliverer:
    """Delivers a batch of alerts concurrently (``concurrency`` requests in flight), so one
    receiver's latency does not set the pace; order between alerts is not guaranteed (each
    carries ``created_at``). aiohttp rather than httpx: at hundreds of alerts a second the
    client's own CPU cost matters, and aiohttp's is a fraction of httpx's."""

    def __init__(self, deliveries: DeliveryLog,
                 max_age_s: float = 24 * 3600, max_backoff_s: float = 30.0,
                 concurrency: int = 16, hold_s: float = 2.0) -> None:
        self.deliveries = deliveries
        self.max_age_s, self.max_backoff_s = max_age_s, max_backoff_s
        self.hold_s = hold_s
        self.concurrency = concurrency
        self._session: aiohttp.ClientSession | None = None

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:  # made inside the running loop
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    def _post(self, url: str, body: bytes, headers: dict[str, str]) -> Send:
        async def send() -> int:
            async with self._http().post(url, data=body, headers=headers) as response:
                await response.read()
                return response.status

        return send

    def channels(self, alert: Alert, sub: Subscription) -> list[tuple[str, Send]]:
        body = orjson.dumps(alert.model_dump(mode="json"))
        found: list[tuple[str, Send]] = []
        webhook, slack = sub.delivery.webhook, sub.delivery.slack
        if webhook is not None:
            headers = {"content-type": "application/json",
                       "x-webcare-signature": sign(webhook.secret, body),
                       "x-webcare-delivery": alert.id, "x-webcare-event": alert.kind}
            found.append(("webhook", self._post(str(webhook.url), body, headers)))
        if slack is not None:
            payload = orjson.dumps({"text": slack_text(alert)})
            found.append(("slack", self._post(str(slack.url), payload,
                                              {"content-type": "application/json"})))
        return found

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
            attempts += pending.attempts
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

        results = await asyncio.gather(*(run(p, sub) for p, sub in batch
                                         if f"{p.alert.id}:{p.channel}" not in done))
        await self.deliveries.record([outcome for outcome, _ in results])
        return [again for _, again in results if again is not None]

    def backoff(self, attempts: int) -> float:
        return float(min(0.5 * 2 ** min(attempts, 16), self.max_backoff_s))

    async def _attempt(self, send: Send, channel: str, alert: Alert,
                       hold_s: float) -> tuple[str, int, str | None]:
        """Try, and retry quickly for ``hold_s``; then ``retrying`` if it still fails."""
        started, backoff, attempts = time.monotonic(), 0.1, 0
        while True:
            attempts += 1
            error: str
            try:
                status = await send()
                if status < 300:
                    return "delivered", attempts, None
                error = f"HTTP {status}"
                if status < 500 and status not in (408, 429):
                    log.warning("%s for alert %s rejected: %s", channel, alert.id, error)
                    return "rejected", attempts, error
            except (aiohttp.ClientError, TimeoutError) as exc:
                error = f"{type(exc).__name__}: {exc}"
            if time.monotonic() - started + backoff > hold_s:
                log.warning("%s for alert %s failed %d times (%s); retrying later", channel,
                            alert.id, attempts, error)
                return RETRYING, attempts, error
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, self.max_backoff_s)


def alert_json(alert: Alert) -> bytes:
    return orjson.dumps(alert.model_dump(mode="json", exclude_none=True))


def parse_alert(value: bytes) -> Alert:
    data: Any = orjson.loads(value)
    return Alert.model_validate(data)
