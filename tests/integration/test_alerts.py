"""Alerts on real Kafka and Elasticsearch: a team subscribed to #ikea complaints hears about
exactly those, signed, once each, also when its receiver was down for a while; and a burst
raises a spike alert."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from elasticsearch import AsyncElasticsearch, Elasticsearch
from kafka import KafkaProducer

from alerting.store import SubscriptionStore
from alerting.subscriptions import Subscription, SubscriptionSpec
from core.settings import Settings
from core.topics import TopicNames
from deploy.local.process import free_port
from tests.conftest import raw_mention_dict
from tests.integration.conftest import (
    WorkerProcess,
    count_indexed,
    wait_for,
    worker_caught_up,
)
from tests.integration.webhook_receiver import Receiver

pytestmark = pytest.mark.integration

SECRET = "s3cret-key-for-hmac-tests"
BRANDS = """brands:
  - {id: ikea, name: IKEA, handles: [IKEANederland], keywords: [IKEA], hashtags: [ikea]}
  - {id: kpn, name: KPN, handles: [KPNwebcare], keywords: [KPN]}
"""


def subscribe(settings: Settings, spec: dict[str, Any], team: str = "default") -> Subscription:
    async def create() -> Subscription:
        client = AsyncElasticsearch(str(settings.es_url))
        try:
            store = SubscriptionStore(client, settings.index_name("subscriptions"))
            await store.ensure()
            return await store.create(team, SubscriptionSpec.model_validate(spec))
        finally:
            await client.close()

    return asyncio.run(create())


def now_mention(**fields: Any) -> dict[str, Any]:
    return raw_mention_dict(created_at=datetime.now(UTC).isoformat(), **fields)


def send(producer: KafkaProducer, topic: str, items: list[dict[str, Any]]) -> None:
    for item in items:
        producer.send(topic, key=f"{item['source']}:{item['id']}".encode(),
                      value=orjson.dumps(item))
    producer.flush()


def delivery_statuses(es: Elasticsearch, settings: Settings, status: str) -> list[str]:
    """Ids of the delivery log's entries in ``status``."""
    index = settings.index_name("alert-deliveries")
    es.indices.refresh(index=index)
    found = es.search(index=index, query={"term": {"status": status}}, size=1000)
    return [hit["_id"] for hit in found["hits"]["hits"]]


@pytest.fixture
def brands_file(tmp_path: Path) -> Path:
    path = tmp_path / "brands.yml"
    path.write_text(BRANDS)
    return path


def test_ikea_complaints_reach_the_webhook_signed_once_each_even_after_downtime(
    settings: Settings, topics: TopicNames, es: Elasticsearch, producer: KafkaProducer,
    worker_factory: Callable[..., WorkerProcess], brands_file: Path,
) -> None:
    receiver = Receiver(free_port())
    sub = subscribe(settings, {
        "name": "IKEA complaints", "hashtags": ["#ikea"], "intents": ["complaint"],
        "delivery": {"webhook": {"url": receiver.url, "secret": SECRET}},
    })
    worker = worker_factory(WEBCARE_BRANDS=str(brands_file)).start()
    complaint = "Kast kapot geleverd, nog steeds geen reactie #ikea {}"
    wanted = [now_mention(id=f"c{i}", text=complaint.format(i)) for i in range(5)]
    others = [
        now_mention(id="p1", text="Super blij met mijn nieuwe kast! #ikea"),   # not a complaint
        now_mention(id="k1", text="Storing bij KPN, al drie dagen geen internet"),  # no #ikea
        now_mention(id="o1", text="Kast kapot, nog steeds geen reactie #ikea",  # brand's own
                    author={"handle": "IKEANederland"}),
    ]
    # The receiver is down while the first mentions arrive.
    send(producer, topics.raw, wanted[:3] + others)
    wait_for(lambda: "watching 1 subscriptions" in worker.log(), 90, "subscription loaded",
             worker.log)
    wait_for(lambda: "for alert" in worker.log(), 60, "failed delivery attempts", worker.log)
    receiver.start()
    try:
        send(producer, topics.raw, [*wanted[3:], wanted[0]])  # and a re-delivery
        wait_for(lambda: len(receiver.requests) >= len(wanted), 90, "deliveries", worker.log)
        wait_for(lambda: count_indexed(es, settings.index_name("alerts")) >= len(wanted), 30,
                 "alert history")
        # Duplicates, if any, would have been sent by the time the worker has caught up.
        wait_for(lambda: worker_caught_up(settings, topics), 60, "worker caught up", worker.log)
        delivered = receiver.requests
        assert sorted(r["json"]["mention"]["doc_id"] for r in delivered) == sorted(
            f"twitter:{m['id']}" for m in wanted)
        for request in delivered:
            expected = "sha256=" + hmac.new(SECRET.encode(), request["body"],
                                            hashlib.sha256).hexdigest()
            assert request["headers"]["x-webcare-signature"] == expected
            assert request["headers"]["x-webcare-event"] == "mention"
            assert request["json"]["subscription_id"] == sub.id
            assert "complaint" in request["json"]["mention"]["intents"]
        assert len({r["headers"]["x-webcare-delivery"] for r in delivered}) == len(wanted)
        assert worker.alive
    finally:
        receiver.stop()


def test_a_burst_raises_one_spike_alert_with_its_size_and_samples(
    settings: Settings, topics: TopicNames, es: Elasticsearch, producer: KafkaProducer,
    worker_factory: Callable[..., WorkerProcess], brands_file: Path,
) -> None:
    receiver = Receiver(free_port()).start()
    try:
        subscribe(settings, {
            "name": "KPN volume", "brands": ["kpn"],
            "spike": {"metric": "volume", "window_s": 60, "baseline_windows": 5,
                      "factor": 3.0, "min_mentions": 20, "cooldown_s": 600},
            "delivery": {"webhook": {"url": receiver.url, "secret": SECRET}},
        })
        worker = worker_factory(WEBCARE_BRANDS=str(brands_file)).start()
        wait_for(lambda: "watching 1 subscriptions" in worker.log(), 90, "subscription")
        now = datetime.now(UTC).timestamp()
        # A quiet baseline: two mentions a minute over the five minutes before the burst.
        quiet = [raw_mention_dict(id=f"q{i}", text=f"KPN glasvezel aangesloten {i}",
                                  created_at=datetime.fromtimestamp(now - 330 + i * 30,
                                                                    UTC).isoformat())
                 for i in range(10)]
        burst = [now_mention(id=f"b{i}", text=f"Storing bij KPN, geen internet in Zwolle {i}")
                 for i in range(40)]
        send(producer, topics.raw, quiet)
        send(producer, topics.raw, burst)
        wait_for(lambda: receiver.requests, 60, "spike alert", worker.log)
        wait_for(lambda: worker_caught_up(settings, topics), 60, "worker caught up", worker.log)
        spikes = [r["json"] for r in receiver.requests if r["json"]["kind"] == "spike"]
        assert len(spikes) == 1, receiver.requests
        spike = spikes[0]["spike"]
        assert spike["metric"] == "volume" and spike["current"] >= 20
        assert spike["ratio"] >= 3.0 and spike["baseline"] < spike["current"]
        assert spike["samples"] and "KPN" in spike["samples"][0]["text"]
        # The window is saved, and a restarted worker picks it up instead of starting blind.
        saved = settings.index_name("spike-windows")
        wait_for(lambda: count_indexed(es, saved), 30, "saved spike window", worker.log)
        worker.stop()
        restarted = worker_factory(WEBCARE_BRANDS=str(brands_file)).start()
        wait_for(lambda: "restored 1 spike windows" in restarted.log(), 90,
                 "restored spike window", restarted.log)
    finally:
        receiver.stop()


def test_a_receiver_that_is_down_holds_back_no_other_subscription(
    settings: Settings, topics: TopicNames, es: Elasticsearch, producer: KafkaProducer,
    worker_factory: Callable[..., WorkerProcess], brands_file: Path,
) -> None:
    live, down = Receiver(free_port()), Receiver(free_port())
    for name, receiver in (("IKEA, down", down), ("IKEA, live", live)):
        subscribe(settings, {"name": name, "hashtags": ["ikea"],
                             "delivery": {"webhook": {"url": receiver.url, "secret": SECRET}}})
    live.start()
    worker = worker_factory(WEBCARE_BRANDS=str(brands_file)).start()
    try:
        wait_for(lambda: "watching 2 subscriptions" in worker.log(), 90, "subscriptions",
                 worker.log)
        mentions = [now_mention(id=f"d{i}", text=f"Nieuwe kast gekocht #ikea {i}")
                    for i in range(5)]
        send(producer, topics.raw, mentions)
        wait_for(lambda: len(live.requests) >= len(mentions), 60, "live deliveries",
                 worker.log)
        # The live receiver does not wait for the other one's retries: it has every alert
        # while the down receiver's are all waiting for their next try (it is still down).
        wait_for(lambda: len(delivery_statuses(es, settings, "retrying")) == len(mentions), 30,
                 "failed deliveries waiting for a retry", worker.log)
        assert not down.requests
        down.start()
        wait_for(lambda: len(down.requests) >= len(mentions), 90, "deliveries once back",
                 worker.log)
        wait_for(lambda: worker_caught_up(settings, topics), 60, "worker caught up", worker.log)
        for receiver in (live, down):
            assert sorted(r["json"]["mention"]["doc_id"] for r in receiver.requests) == sorted(
                f"twitter:{m['id']}" for m in mentions)
        assert worker.alive
    finally:
        live.stop()
        down.stop()
