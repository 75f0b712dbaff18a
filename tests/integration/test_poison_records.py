"""One error policy on every topic the worker consumes: a record it cannot process goes to the
dead-letter topic with its reason and origin, and the valid record behind it on the same
partition is processed: indexed, matched and its alert delivered."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from elasticsearch import Elasticsearch
from kafka import KafkaProducer

from core.settings import Settings
from core.topics import TopicNames
from deploy.local.process import free_port
from tests.integration.conftest import (
    WorkerProcess,
    consume_all,
    count_indexed,
    report_figures,
    wait_for,
)
from tests.integration.test_alerts import SECRET, brands_file, now_mention, subscribe
from tests.integration.webhook_receiver import Receiver

pytestmark = pytest.mark.integration
__all__ = ["brands_file"]  # the fixture, used by name


def poison_catalogue(topics: TopicNames, sub_id: str, valid: dict[str, Any]
                     ) -> list[tuple[str, bytes, bytes]]:
    """(topic, key, value): each keyed like the valid record that follows it, so both land on
    the same partition and the valid one can only get through if the poison is set aside."""
    raw_key = f"{valid['source']}:{valid['id']}".encode()
    far_future = {**valid, "id": "p-date", "created_at": "9999-12-31T23:59:59-14:00"}
    alert_like = {"id": "x", "kind": "mention", "team": "default", "subscription_id": sub_id}
    return [
        (topics.raw, raw_key, b"\xff\xfe not utf-8"),
        # A field far over its limit, in a record the broker takes: its dead letter is cut
        # to WEBCARE_DEAD_LETTER_MAX_BYTES with the original size in a header.
        (topics.raw, raw_key, orjson.dumps({**valid, "id": "p-huge", "text": "x" * 950_000})),
        (topics.raw, raw_key, orjson.dumps(far_future)),
        # An integer beyond 64 bits (orjson cannot write it back out).
        (topics.raw, raw_key, b'{"id":"p-int","source":"twitter","text":"x #ikea","created_at":'
                              b'"2026-11-20T10:00:00Z","author":{"handle":"a"},'
                              b'"extras":{"n":123456789012345678901234567890}}'),
        (topics.enriched, raw_key, b"not json"),
        (topics.enriched, raw_key, orjson.dumps({"doc_id": 1, "text": ["a"]})),
        (topics.alerts, sub_id.encode(), b"[]"),
        (topics.alerts, sub_id.encode(), orjson.dumps(alert_like)),
        (topics.alerts, sub_id.encode(), b'{"id": "deep", "x": ' + b"[" * 5000 + b"]" * 5000
         + b"}"),
        (topics.alert_retries, b"r", b"garbage"),
    ]


def test_poison_on_every_topic_is_dead_lettered_and_the_next_mention_is_alerted(
    settings: Settings, topics: TopicNames, es: Elasticsearch, producer: KafkaProducer,
    worker_factory: Callable[..., WorkerProcess], brands_file: Path,
) -> None:
    receiver = Receiver(free_port()).start()
    try:
        sub = subscribe(settings, {
            "name": "IKEA", "hashtags": ["ikea"],
            "delivery": {"webhook": {"url": receiver.url, "secret": SECRET}}})
        worker = worker_factory(WEBCARE_BRANDS=str(brands_file)).start()
        wait_for(lambda: "watching 1 subscriptions" in worker.log(), 90, "subscription",
                 worker.log)
        valid = now_mention(id="v1", text="Kast kapot geleverd #ikea")
        poison = poison_catalogue(topics, sub.id, valid)
        for topic, key, value in poison:
            producer.send(topic, key=key, value=value)
        producer.send(topics.raw, key=b"twitter:v1", value=orjson.dumps(valid))
        producer.flush()

        wait_for(lambda: receiver.requests, 90, "the valid mention's alert", worker.log)
        assert [r["json"]["mention"]["doc_id"] for r in receiver.requests] == ["twitter:v1"]
        assert count_indexed(es, settings.index_name("mentions")) == 1
        dead = consume_all(settings.resolved_kafka(), topics.dlq, expect=len(poison))
        origins = sorted(dict(d.headers)["webcare.origin.topic"].decode() for d in dead)
        assert origins == sorted(topic for topic, _, _ in poison), [
            (dict(d.headers)["webcare.origin.topic"], dict(d.headers)["webcare.reason"][:200])
            for d in dead]
        assert all(dict(d.headers)["webcare.reason"] for d in dead)
        assert all(len(d.value) <= 900_000 for d in dead)
        assert any("webcare.original_size" in dict(d.headers) for d in dead)
        assert worker.alive
        report_figures(f"poison catalogue: {len(poison)} records on "
                       f"{len({t for t, _, _ in poison})} topics, dead-lettered {len(dead)}, "
                       f"the valid mention behind them indexed and alerted "
                       f"({len(receiver.requests)} alert), lost 0")
    finally:
        receiver.stop()
