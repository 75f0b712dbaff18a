"""A failing receiver's deliveries leave the batch as pending retries and are settled later:
delivered once the receiver is back, given up after ``max_age_s``, never delivered twice."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import time
from datetime import UTC, datetime
from typing import Any

import pytest

from alerting.alerts import Alert
from alerting.delivery import RETRYING, Deliverer, PendingDelivery
from alerting.subscriptions import Subscription
from deploy.local.process import free_port
from tests.integration.webhook_receiver import Receiver
from tests.support.delivery import MemoryLog, loopback

SECRET = "a-secret-for-the-tests"
def subscription(port: int) -> Subscription:
    return Subscription.model_validate({
        "id": "sub-1", "team": "default", "name": "IKEA", "hashtags": ["ikea"],
        "delivery": {"webhook": {"url": f"http://127.0.0.1:{port}/hook", "secret": SECRET}},
        "created_at": datetime.now(UTC).isoformat(),
        "updated_at": datetime.now(UTC).isoformat(),
    })


def alert(n: int) -> Alert:
    return Alert.model_validate({
        "id": f"alert-{n}", "kind": "mention", "team": "default", "subscription_id": "sub-1",
        "subscription_name": "IKEA", "created_at": datetime.now(UTC).isoformat(),
        "mention": {"doc_id": f"twitter:{n}", "source": "twitter", "author": "klant",
                    "text": "Kast kapot #ikea", "created_at": datetime.now(UTC).isoformat(),
                    "language": "nl", "sentiment": "negative", "sentiment_score": -0.6,
                    "contact": "proactive", "intents": ["complaint"], "brands": ["ikea"],
                    "hashtags": ["ikea"]},
    })


def test_a_down_receiver_leaves_the_batch_fast_and_gets_its_alerts_when_back() -> None:
    async def scenario() -> dict[str, Any]:
        port = free_port()
        log = MemoryLog()
        deliverer = Deliverer(log, loopback(), hold_s=0.3, max_backoff_s=0.2)  # type: ignore[arg-type]
        sub = subscription(port)
        # deliver returns while the receiver is still down: the batch is not held until it
        # is back, the failures come back as pending.
        pending = await deliverer.deliver([(alert(1), sub), (alert(2), sub)])
        statuses = dict(log.status)
        receiver = Receiver(port).start()
        try:
            again = await deliverer.retry([(p, sub) for p in pending])
            # A replayed retry record (a crash before the ack) does not deliver twice.
            replayed = await deliverer.retry([(p, sub) for p in pending])
        finally:
            receiver.stop()
            await deliverer.close()
        return {"pending": pending, "statuses": statuses, "again": again,
                "replayed": replayed, "received": receiver.requests, "log": log.status}

    result = asyncio.run(scenario())
    assert len(result["pending"]) == 2
    assert all(p.attempts >= 1 and p.error for p in result["pending"])
    assert set(result["statuses"].values()) == {RETRYING}
    assert result["again"] == [] and result["replayed"] == []
    assert len(result["received"]) == 2
    for request in result["received"]:
        expected = "sha256=" + hmac.new(SECRET.encode(), request["body"],
                                        hashlib.sha256).hexdigest()
        assert request["headers"]["x-webcare-signature"] == expected
    assert result["log"] == {"alert-1:webhook": "delivered", "alert-2:webhook": "delivered"}


def test_retries_stop_after_max_age_and_without_a_subscription() -> None:
    async def scenario() -> tuple[list[PendingDelivery], dict[str, str]]:
        log = MemoryLog()
        deliverer = Deliverer(log, loopback(), max_age_s=60)  # type: ignore[arg-type]
        now = time.time()
        old = PendingDelivery(alert(1), "webhook", 40, now - 3600, now, "ConnectionRefused")
        orphan = PendingDelivery(alert(2), "webhook", 1, now, now, "ConnectionRefused")
        fresh = PendingDelivery(alert(3), "webhook", 1, now, now, "ConnectionRefused")
        sub = subscription(free_port())  # nothing listens there
        again = await deliverer.retry([(old, sub), (orphan, None), (fresh, sub)])
        await deliverer.close()
        return again, log.status

    again, status = asyncio.run(scenario())
    assert status == {"alert-1:webhook": "gave_up", "alert-2:webhook": "gave_up",
                      "alert-3:webhook": RETRYING}
    assert [p.alert.id for p in again] == ["alert-3"]
    assert again[0].attempts == 2 and again[0].next_at > time.time()


@pytest.mark.parametrize("attempts, expected", [(1, 1.0), (3, 4.0), (12, 30.0)])
def test_pauses_between_retries_grow_to_a_ceiling(attempts: int, expected: float) -> None:
    assert Deliverer(MemoryLog()).backoff(attempts) == expected  # type: ignore[arg-type]


def test_a_pending_delivery_survives_the_topic_round_trip() -> None:
    pending = PendingDelivery(alert(7), "slack", 3, 1700000000.5, 1700000004.5, "HTTP 503")
    assert PendingDelivery.from_json(pending.to_json()) == pending
