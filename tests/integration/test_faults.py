"""Faults on real services: Elasticsearch unreachable for the worker for 30 s (cut by a proxy
between them, so no other test sees it) and the worker's broker (a private one) down for 20 s
lose nothing and double nothing; and the worker stops promptly on SIGTERM while it waits for
Elasticsearch to come back."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import orjson
import pytest
from elasticsearch import Elasticsearch
from kafka import KafkaProducer

from core.settings import Settings
from core.topics import TopicNames, ensure_topics
from tests.conftest import raw_mention_dict
from tests.integration.conftest import (
    WorkerProcess,
    all_consumed,
    consume_all,
    count_indexed,
    report_figures,
    wait_for,
    worker_caught_up,
)
from tests.support.kafka import PrivateKafka
from tests.support.proxy import CuttableProxy

pytestmark = pytest.mark.integration

OUTAGE_S = 30
BROKER_OUTAGES_S = (20, 150)


@pytest.fixture
def es_proxy(settings: Settings) -> Iterator[CuttableProxy]:
    target = urlsplit(str(settings.es_url))
    proxy = CuttableProxy(target.hostname or "127.0.0.1", target.port or 9200)
    yield proxy
    proxy.close()


def produce(producer: KafkaProducer, topic: str, prefix: str, count: int) -> None:
    for i in range(count):
        mention = raw_mention_dict(id=f"{prefix}{i}", text=f"Storing bij KPN {prefix} {i}")
        producer.send(topic, key=f"twitter:{prefix}{i}".encode(), value=orjson.dumps(mention))
    producer.flush()


def worker_behind_proxy(factory: Callable[..., WorkerProcess], proxy: CuttableProxy,
                        producer: KafkaProducer, topic: str, es: Elasticsearch, alias: str,
                        count: int) -> WorkerProcess:
    """A worker that reaches Elasticsearch through ``proxy``, once it indexed ``count``
    mentions produced first."""
    worker = factory(WEBCARE_ES_URL=f"http://127.0.0.1:{proxy.port}").start()
    produce(producer, topic, "first", count)
    wait_for(lambda: count_indexed(es, alias) == count, 120, "the first mentions", worker.log)
    return worker


def test_elasticsearch_down_30s_loses_and_doubles_nothing(
    settings: Settings, topics: TopicNames, es: Elasticsearch, producer: KafkaProducer,
    worker_factory: Callable[..., WorkerProcess], es_proxy: CuttableProxy,
) -> None:
    alias = settings.index_name("mentions")
    worker = worker_behind_proxy(worker_factory, es_proxy, producer, topics.raw, es, alias, 50)
    es_proxy.cut()
    outage_ends = time.monotonic() + OUTAGE_S
    for wave in range(5):  # mentions keep arriving while Elasticsearch is away
        produce(producer, topics.raw, f"during{wave}-", 20)
        time.sleep(OUTAGE_S / 6)
    time.sleep(max(0.0, outage_ends - time.monotonic()))
    during = count_indexed(es, alias)
    es_proxy.restore()

    sent = 150
    wait_for(lambda: count_indexed(es, alias) >= sent, 120, "catching up", worker.log)
    wait_for(lambda: all_consumed(settings, topics.raw), 60, "offsets committed", worker.log)
    indexed = count_indexed(es, alias)
    dead = consume_all(str(settings.kafka_bootstrap), topics.dlq, expect=1, timeout_s=5)
    report_figures(f"Elasticsearch down {OUTAGE_S}s: sent {sent}, indexed {indexed} "
                   f"({during} before it came back), dead-lettered {len(dead)}, "
                   f"lost {sent - min(indexed, sent)}, duplicated {max(0, indexed - sent)}")
    assert indexed == sent and dead == []
    assert "failed" in worker.log()  # the outage was seen and retried, not skipped
    assert worker.alive


def test_the_worker_stops_within_10s_of_sigterm_while_elasticsearch_is_down(
    settings: Settings, topics: TopicNames, es: Elasticsearch, producer: KafkaProducer,
    worker_factory: Callable[..., WorkerProcess], es_proxy: CuttableProxy,
) -> None:
    alias = settings.index_name("mentions")
    worker = worker_behind_proxy(worker_factory, es_proxy, producer, topics.raw, es, alias, 5)
    es_proxy.cut()
    produce(producer, topics.raw, "b", 5)
    wait_for(lambda: "bulk write" in worker.log(), 60, "a failing write", worker.log)
    sigterm_stops_within_10s(worker)
    es_proxy.restore()
    # What it had not written is still uncommitted: a new worker indexes it.
    again = worker_factory(WEBCARE_ES_URL=f"http://127.0.0.1:{es_proxy.port}").start()
    wait_for(lambda: count_indexed(es, alias) == 10, 120, "the rest after a restart", again.log)


@pytest.mark.parametrize("outage_s", BROKER_OUTAGES_S)
def test_the_broker_down_under_the_worker_loses_nothing(
    settings: Settings, es: Elasticsearch, private_kafka: PrivateKafka,
    worker_factory: Callable[..., WorkerProcess], outage_s: int,
) -> None:
    """The worker's broker (a private one) stops for a while and comes back: the worker
    carries on, and every mention produced before and after is indexed once."""
    on_private = settings.model_copy(update={"kafka_bootstrap": private_kafka.instance.bootstrap})
    ensure_topics(on_private)
    topics = TopicNames.for_settings(on_private)
    worker = worker_factory(WEBCARE_KAFKA_BOOTSTRAP=private_kafka.instance.bootstrap).start()
    alias = settings.index_name("mentions")
    producer = KafkaProducer(bootstrap_servers=private_kafka.instance.bootstrap, acks="all")
    try:
        produce(producer, topics.raw, "before", 50)
        wait_for(lambda: count_indexed(es, alias) == 50, 120, "the first mentions", worker.log)
    finally:
        producer.close()
    private_kafka.stop()
    time.sleep(outage_s)  # the outage itself
    private_kafka.start()
    producer = KafkaProducer(bootstrap_servers=private_kafka.instance.bootstrap, acks="all")
    try:
        produce(producer, topics.raw, "after", 50)
    finally:
        producer.close()
    wait_for(lambda: count_indexed(es, alias) >= 100, 180, "mentions after the outage",
             worker.log)
    # Every step behind indexing (alert matching, conversations) reads on after it too.
    wait_for(lambda: worker_caught_up(on_private, topics), 120, "every topic read after the outage",
             worker.log)
    dead = consume_all(private_kafka.instance.bootstrap, topics.dlq, expect=1, timeout_s=5)
    indexed = count_indexed(es, alias)
    report_figures(f"broker down {outage_s}s under the worker: sent 100, indexed "
                   f"{indexed}, dead-lettered {len(dead)}, lost {100 - min(indexed, 100)}, "
                   f"duplicated {max(0, indexed - 100)}")
    assert indexed == 100 and dead == []
    assert worker.alive


def sigterm_stops_within_10s(worker: WorkerProcess) -> None:
    assert worker.proc is not None
    os.killpg(worker.proc.pid, signal.SIGTERM)
    try:
        worker.proc.wait(10)
    except subprocess.TimeoutExpired:
        pytest.fail("the worker did not stop within 10 s of SIGTERM\n" + worker.log())


def test_the_worker_stops_within_10s_of_sigterm_when_idle(
    settings: Settings, topics: TopicNames, es: Elasticsearch, producer: KafkaProducer,
    worker_factory: Callable[..., WorkerProcess],
) -> None:
    worker = worker_factory().start()
    produce(producer, topics.raw, "idle", 3)
    wait_for(lambda: count_indexed(es, settings.index_name("mentions")) == 3, 120,
             "the mentions", worker.log)
    sigterm_stops_within_10s(worker)


def test_the_worker_stops_within_10s_of_sigterm_while_its_broker_is_down(
    settings: Settings, es: Elasticsearch, private_kafka: PrivateKafka,
    worker_factory: Callable[..., WorkerProcess],
) -> None:
    on_private = settings.model_copy(update={"kafka_bootstrap": private_kafka.instance.bootstrap})
    ensure_topics(on_private)
    worker = worker_factory(WEBCARE_KAFKA_BOOTSTRAP=private_kafka.instance.bootstrap).start()
    producer = KafkaProducer(bootstrap_servers=private_kafka.instance.bootstrap, acks="all")
    try:
        produce(producer, TopicNames.for_settings(on_private).raw, "k", 3)
    finally:
        producer.close()
    wait_for(lambda: count_indexed(es, settings.index_name("mentions")) == 3, 120,
             "the mentions", worker.log)
    private_kafka.stop()
    # aiokafka's words, whichever event loop (the reason after them differs).
    wait_for(lambda: "Unable connect to node" in worker.log(), 60,
             "the worker noticing the broker is gone", worker.log)
    sigterm_stops_within_10s(worker)


def test_the_worker_stops_within_10s_of_sigterm_while_starting(
    settings: Settings, topics: TopicNames, worker_factory: Callable[..., WorkerProcess],
    es_proxy: CuttableProxy,
) -> None:
    """Still waiting for Elasticsearch at start (cut off by the proxy): SIGTERM ends it."""
    es_proxy.cut()
    worker = worker_factory(WEBCARE_ES_URL=f"http://127.0.0.1:{es_proxy.port}").start()
    wait_for(lambda: "waiting for Elasticsearch" in worker.log(), 60,
             "the worker waiting for Elasticsearch", worker.log)
    sigterm_stops_within_10s(worker)
