"""SIGKILL the worker mid-stream and restart it, or one of a group of two: nothing lost,
nothing doubled, and the de-duplication table survives the restart."""

from __future__ import annotations

from collections.abc import Callable

import orjson
import pytest
from elasticsearch import Elasticsearch
from kafka import KafkaProducer

from core.settings import Settings
from core.topics import TopicNames
from tests.conftest import raw_mention_dict
from tests.integration.conftest import (
    WorkerProcess,
    count_indexed,
    report_figures,
    unindexed_report,
    wait_for,
)

pytestmark = pytest.mark.integration

TOTAL = 6000


def test_sigkill_mid_stream_loses_and_doubles_nothing(
    settings: Settings, topics: TopicNames, es: Elasticsearch, producer: KafkaProducer,
    worker_factory: Callable[..., WorkerProcess],
) -> None:
    alias = settings.index_name("mentions")
    mentions = [raw_mention_dict(id=f"k{i}", text=f"Storing bij KPN alweer, dag {i} #kpn")
                for i in range(TOTAL)]
    for m in mentions:
        producer.send(topics.raw, key=f"twitter:{m['id']}".encode(), value=orjson.dumps(m))
    producer.flush()

    # Small batches so the kill lands while most of the stream is still unprocessed.
    first = worker_factory(WEBCARE_WORKER_BATCH_SIZE="50").start()
    indexed_before = wait_for(lambda: count_indexed(es, alias) or 0, 90,
                              "first documents", first.log)
    first.kill()
    partial = count_indexed(es, alias)
    assert 0 < indexed_before <= partial < TOTAL, "the kill must land mid-stream"

    second = worker_factory().start()
    wait_for(lambda: count_indexed(es, alias) >= TOTAL, 120, "all mentions",
             lambda: f"{unindexed_report(settings, es, alias, topics.raw)}\n{second.log()}")
    assert count_indexed(es, alias) == TOTAL

    # A re-delivery of a mention processed before the crash is still recognised: the
    # table of first deliveries was restored from its changelog.
    producer.send(topics.raw, key=b"twitter:k0",
                  value=orjson.dumps({**mentions[0], "text": "EDITED AFTER RESTART"}))
    producer.send(topics.raw, key=b"twitter:fresh",
                  value=orjson.dumps(raw_mention_dict(id="fresh")))
    producer.flush()
    wait_for(lambda: count_indexed(es, alias) == TOTAL + 1, 60, "fresh mention", second.log)
    es.indices.refresh(index=alias)
    doc = es.search(index=alias, query={"ids": {"values": ["twitter:k0"]}})["hits"]["hits"]
    assert doc[0]["_source"]["text"] == mentions[0]["text"]
    assert second.alive


def test_two_workers_one_sigkilled_the_other_takes_over_and_nothing_is_lost(
    settings: Settings, topics: TopicNames, es: Elasticsearch, producer: KafkaProducer,
    worker_factory: Callable[..., WorkerProcess],
) -> None:
    """A group of two shares the partitions; one is SIGKILLed mid-stream; once the group
    notices, the survivor owns every partition and indexes what the dead one left."""
    alias = settings.index_name("mentions")
    total = 3000
    for i in range(total):
        mention = raw_mention_dict(id=f"g{i}", text=f"Storing bij KPN, dag {i}")
        producer.send(topics.raw, key=f"twitter:g{i}".encode(), value=orjson.dumps(mention))
    producer.flush()
    survivor = worker_factory(WEBCARE_WORKER_BATCH_SIZE="50").start()
    victim = worker_factory(WEBCARE_WORKER_BATCH_SIZE="50").start()
    wait_for(lambda: "indexed=" in victim.log() and "indexed=0 " not in
             victim.log().rsplit("indexed=", 1)[-1][:3], 120, "both workers indexing",
             victim.log)
    victim.kill()
    wait_for(lambda: count_indexed(es, alias) >= total, 240, "all mentions after the kill",
             lambda: f"{unindexed_report(settings, es, alias, topics.raw)}\n{survivor.log()}")
    indexed = count_indexed(es, alias)
    report_figures(f"two workers, one SIGKILLed: sent {total}, indexed {indexed}, "
                   f"lost {total - min(indexed, total)}, duplicated {max(0, indexed - total)}")
    assert indexed == total
    assert survivor.alive
