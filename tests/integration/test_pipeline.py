"""The acceptance path on real Kafka and Elasticsearch: valid mentions, re-deliveries and
poison in; exactly the unique valid mentions out, enriched; poison on the DLQ with reasons."""

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
from tests.conftest import raw_mention_dict
from tests.integration.conftest import (
    WorkerProcess,
    all_consumed,
    consume_all,
    count_indexed,
    wait_for,
)

pytestmark = pytest.mark.integration

POISON: list[tuple[bytes, str]] = [
    (b"\xff\xfe not utf-8 \x80", "not valid UTF-8 JSON"),
    (b'{"id": "x1", "source": "twitter", ', "not valid UTF-8 JSON"),
    (b"[1, 2, 3]", "not a JSON object"),
    (orjson.dumps({"id": "x2", "source": "twitter", "text": "hoi"}), "created_at: Field required"),
    (orjson.dumps(raw_mention_dict(created_at="gisteren")), "created_at"),
    (orjson.dumps(raw_mention_dict(author={"handle": ""})), "author.handle"),
    (b"", "empty message"),
]


def send(producer: KafkaProducer, topic: str, items: list[dict[str, Any]]) -> None:
    for item in items:
        producer.send(topic, key=f"{item['source']}:{item['id']}".encode(),
                      value=orjson.dumps(item))
    producer.flush()


def test_unique_valid_mentions_are_indexed_enriched_and_poison_is_dead_lettered(
    settings: Settings, topics: TopicNames, es: Elasticsearch, producer: KafkaProducer,
    worker_factory: Callable[..., WorkerProcess], tmp_path: Path,
) -> None:
    alias = settings.index_name("mentions")
    thanks = "Bedankt @bol, mijn bestelling is netjes en snel bezorgd! nummer {}"
    valid = [raw_mention_dict(id=f"v{i}", text=thanks.format(i)) for i in range(40)]
    valid += [raw_mention_dict(id=f"w{i}", source="whatsapp", private=True, recipient="bol",
                               text="Waarom is mijn pakket nog steeds niet bezorgd?")
              for i in range(10)]
    # Re-deliveries: same (source, id), new copies in the log, even with edited text.
    redeliveries = [{**m, "text": "EDITED COPY"} for m in valid[:15]]
    send(producer, topics.raw, valid)
    for value, _ in POISON:
        producer.send(topics.raw, key=b"poison", value=value)
    send(producer, topics.raw, redeliveries)

    brands = tmp_path / "brands.yml"
    brands.write_text("brands:\n  - {id: bol, name: bol, handles: [bol], keywords: [bol.com]}\n")
    worker = worker_factory(WEBCARE_BRANDS=str(brands)).start()
    wait_for(lambda: count_indexed(es, alias) >= len(valid), 90, "valid mentions indexed",
             worker.log)
    dead = consume_all(settings.resolved_kafka(), topics.dlq, expect=len(POISON))
    assert len(dead) == len(POISON), worker.log()
    # Once every offset is committed, the re-deliveries have been seen (and dropped).
    wait_for(lambda: all_consumed(settings, topics.raw), 60, "raw topic consumed", worker.log)
    assert count_indexed(es, alias) == len(valid)

    hits = es.search(index=alias, size=100, query={"match_all": {}})["hits"]["hits"]
    assert sorted(h["_id"] for h in hits) == sorted(f"{m['source']}:{m['id']}" for m in valid)
    for hit in hits:
        doc = hit["_source"]
        assert doc["text"] != "EDITED COPY"
        assert doc["language"] == "nl"
        assert doc["sentiment"]["label"] in {"positive", "neutral", "negative"}
        assert -1 <= doc["sentiment"]["score"] <= 1
        assert doc["contact"] in {"reactive", "proactive"}
        assert isinstance(doc["intents"], list)
    whatsapp = [h["_source"] for h in hits if h["_source"]["source"] == "whatsapp"]
    assert all(d["contact"] == "reactive" and d["brands"] == ["bol"] for d in whatsapp)
    assert all("question" in d["intents"] for d in whatsapp)

    by_value = {d.value: dict(d.headers) for d in dead}
    for value, reason in POISON:
        headers = by_value[value]
        assert reason in headers["webcare.reason"].decode(), headers
        assert headers["webcare.step"] == b"validate"
        assert headers["webcare.origin.topic"].decode() == topics.raw

    # The enriched stream carries the same documents.
    enriched = consume_all(settings.resolved_kafka(), topics.enriched, expect=len(valid))
    assert {e.key.decode() for e in enriched} == {h["_id"] for h in hits}

    # Still running, and still processing after the poison.
    assert worker.alive, worker.log()
    send(producer, topics.raw, [raw_mention_dict(id="after-poison")])
    wait_for(lambda: count_indexed(es, alias) == len(valid) + 1, 30, "late mention",
             worker.log)
