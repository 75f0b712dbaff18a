"""Alert delivery: signed webhooks and Slack-compatible incoming webhooks, with retries and a
delivery log that also makes delivery idempotent (one delivery per alert and channel).

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
from datetime import UTC, datetime
from typing import Any

import httpx
import orjson
from elasticsearch import AsyncElasticsearch, NotFoundError

from schemas.subscriptions import Alert, Subscription

log = logging.getLogger("webcare.delivery")

_FINAL = {"delivered", "rejected", "gave_up"}


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

    async def finished(self, alert_id: str, channel: str) -> bool:
        try:
            doc = await self.client.get(index=self.index, id=f"{alert_id}:{channel}")
        except NotFoundError:
            return False
        return doc["_source"].get("status") in _FINAL

    async def record(self, alert: Alert, channel: str, status: str, attempts: int,
                     error: str | None) -> None:
        await self.client.index(index=self.index, id=f"{alert.id}:{channel}", document={
            "alert_id": alert.id, "team": alert.team, "subscription_id": alert.subscription_id,
            "channel": channel, "status": status, "attempts": attempts, "last_error": error,
            "at": datetime.now(UTC).isoformat(),
        })


class Deliverer:
    def __init__(self, http: httpx.AsyncClient, deliveries: DeliveryLog,
                 max_age_s: float = 24 * 3600, max_backoff_s: float = 30.0) -> None:
        self.http, self.deliveries = http, deliveries
        self.max_age_s, self.max_backoff_s = max_age_s, max_backoff_s

    def channels(self, alert: Alert, sub: Subscription
                 ) -> list[tuple[str, Callable[[], Awaitable[httpx.Response]]]]:
        body = orjson.dumps(alert.model_dump(mode="json"))
        found: list[tuple[str, Callable[[], Awaitable[httpx.Response]]]] = []
        webhook, slack = sub.delivery.webhook, sub.delivery.slack
        if webhook is not None:
            headers = {"content-type": "application/json",
                       "x-webcare-signature": sign(webhook.secret, body),
                       "x-webcare-delivery": alert.id, "x-webcare-event": alert.kind}
            found.append(("webhook", lambda: self.http.post(str(webhook.url), content=body,
                                                            headers=headers)))
        if slack is not None:
            payload = orjson.dumps({"text": slack_text(alert)})
            found.append(("slack", lambda: self.http.post(
                str(slack.url), content=payload, headers={"content-type": "application/json"})))
        return found

    async def deliver(self, alert: Alert, sub: Subscription) -> None:
        for channel, send in self.channels(alert, sub):
            if await self.deliveries.finished(alert.id, channel):
                continue  # a replay after a crash: never deliver twice
            status, attempts, error = await self._attempt(send, channel, alert)
            await self.deliveries.record(alert, channel, status, attempts, error)

    async def _attempt(self, send: Callable[[], Awaitable[httpx.Response]], channel: str,
                       alert: Alert) -> tuple[str, int, str | None]:
        started, backoff, attempts = time.monotonic(), 0.5, 0
        while True:
            attempts += 1
            error: str
            try:
                response = await send()
                if response.status_code < 300:
                    return "delivered", attempts, None
                error = f"HTTP {response.status_code}"
                if response.status_code < 500 and response.status_code not in (408, 429):
                    log.warning("%s for alert %s rejected: %s", channel, alert.id, error)
                    return "rejected", attempts, error
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__}: {exc}"
            if time.monotonic() - started > self.max_age_s:
                log.error("%s for alert %s: giving up after %d attempts (%s)", channel,
                          alert.id, attempts, error)
                return "gave_up", attempts, error
            log.warning("%s for alert %s failed (%s); retrying in %.1fs", channel, alert.id,
                        error, backoff)
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, self.max_backoff_s)


def alert_json(alert: Alert) -> bytes:
    return orjson.dumps(alert.model_dump(mode="json", exclude_none=True))


def parse_alert(value: bytes) -> Alert:
    data: Any = orjson.loads(value)
    return Alert.model_validate(data)
