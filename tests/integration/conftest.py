"""Integration fixtures: a real Kafka broker and a real Elasticsearch node for the session,
started by the project's own launcher on free ports with throw-away data (the Maven cache in
.webcare/dist is shared), and a fresh namespace (topics, index, consumer group) per test."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import pytest
from elasticsearch import Elasticsearch
from kafka import KafkaConsumer, KafkaProducer

from core.settings import Settings
from core.topics import TopicNames, ensure_topics
from deploy.local.process import is_alive
from deploy.local.stack import LocalStack
from tests.support.kafka import PrivateKafka
from tests.support.serving import serving

__all__ = ["serving"]  # the tests import it from here

REPO = Path(__file__).resolve().parents[2]


FIGURES: list[str] = []


def report_figures(line: str) -> None:
    """A fault or poison test's figures (sent / indexed / dead-lettered / lost / duplicated),
    printed together at the end of the run (``pytest_terminal_summary`` in tests/conftest.py)."""
    FIGURES.append(line)


@dataclass(frozen=True)
class Services:
    kafka: str
    es_url: str
    home: Path


@pytest.fixture(scope="session")
def services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    home = tmp_path_factory.mktemp("webcare-home")
    settings = Settings(home=home)
    stack = LocalStack(settings, dist_dir=REPO / ".webcare" / "dist", standard_ports=False)
    addresses = stack.up(log=lambda _msg: None)
    yield Services(addresses["WEBCARE_KAFKA_BOOTSTRAP"], addresses["WEBCARE_ES_URL"], home)
    state = orjson.loads(settings.state_file.read_bytes())
    stack.down()
    assert not is_alive(state.get("kafka_pid")) and not is_alive(state.get("es_pid"))


@pytest.fixture
def private_kafka(tmp_path: Path) -> Iterator[PrivateKafka]:
    """A broker of the test's own, to stop and start (tests/support/kafka.py)."""
    broker = PrivateKafka(tmp_path / "kafka")
    broker.start()
    yield broker
    broker.stop()


@pytest.fixture
def settings(services: Services) -> Settings:
    return Settings(
        home=services.home, kafka_bootstrap=services.kafka, es_url=services.es_url,
        namespace=f"t{uuid.uuid4().hex[:10]}", partitions=3, worker_batch_within_s=0.05,
    )


@pytest.fixture
def topics(settings: Settings) -> TopicNames:
    ensure_topics(settings)
    return TopicNames.for_settings(settings)


@pytest.fixture
def es(services: Services) -> Iterator[Elasticsearch]:
    client = Elasticsearch(services.es_url, request_timeout=30)
    yield client
    client.close()


@pytest.fixture
def producer(services: Services) -> Iterator[KafkaProducer]:
    prod = KafkaProducer(bootstrap_servers=services.kafka, acks="all", linger_ms=5)
    yield prod
    prod.close()


def worker_env(settings: Settings, **extra: str) -> dict[str, str]:
    """The environment of a worker for ``settings``; ``extra`` adds or overrides variables."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WEBCARE_")}
    env.update({
        "WEBCARE_HOME": str(settings.home),
        "WEBCARE_KAFKA_BOOTSTRAP": str(settings.kafka_bootstrap),
        "WEBCARE_ES_URL": str(settings.es_url), "WEBCARE_NAMESPACE": settings.namespace,
        "WEBCARE_PARTITIONS": str(settings.partitions),
        "WEBCARE_WORKER_BATCH_WITHIN_S": str(settings.worker_batch_within_s),
        # The tests' receivers listen on loopback, which alerts reach only when allowed.
        "WEBCARE_OUTBOUND_ALLOW": '["127.0.0.0/8"]',
    })
    env.update(extra)
    return env


# Every role in one process, as the tests' worker: one consumer group (the tests read its
# offsets) and a third of the processes on CI's two cores. ``()``: ``webcare worker``'s default,
# one process per role under a supervisor (test_role_processes.py).
ONE_PROCESS = ("enrich", "alerts")


class WorkerProcess:
    """``webcare worker`` as a real child process, so tests can SIGKILL and restart it."""

    roles: tuple[str, ...] = ONE_PROCESS  # each passed as --role

    def __init__(self, settings: Settings, log_dir: Path, **env: str) -> None:
        self.settings, self.log_dir, self.env = settings, log_dir, env
        self.proc: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self) -> WorkerProcess:
        self.starts += 1
        log = (self.log_dir / f"worker-{self.starts}.log").open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "webcare", "worker",
             *(arg for role in self.roles for arg in ("--role", role))],
            stdout=log, stderr=subprocess.STDOUT,
            env=worker_env(self.settings, **self.env), cwd=REPO, start_new_session=True,
        )
        return self

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill(self) -> None:
        if self.proc is not None and self.alive:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.alive:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()

    def log(self) -> str:
        """The last lines of each start's log, without Faust's tables (their rows start with
        '|', '+' or '〃'), so a failure shows when the worker joined and what it did since."""
        return "\n".join(
            "\n".join(line for line in p.read_text(errors="replace").splitlines()
                      if not line.lstrip().startswith(("|", "+", "〃")))[-6000:]
            for p in sorted(self.log_dir.glob("worker-*.log")))


@pytest.fixture
def worker_factory(settings: Settings, tmp_path: Path) -> Iterator[Callable[..., WorkerProcess]]:
    started: list[WorkerProcess] = []

    def make(**env: str) -> WorkerProcess:
        log_dir = tmp_path / f"worker-{len(started) + 1}"  # one folder each: logs stay apart
        log_dir.mkdir()
        worker = WorkerProcess(settings, log_dir, **env)
        started.append(worker)
        return worker

    yield make
    for worker in started:
        worker.stop()


def wait_for(check: Callable[[], Any], timeout_s: float, what: str,
             on_timeout: Callable[[], str] = lambda: "") -> Any:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.25)
    raise AssertionError(f"timed out after {timeout_s}s waiting for {what}\n{on_timeout()}")


def count_indexed(es: Elasticsearch, name: str) -> int:
    """Documents searchable under an index or alias: 0 until it exists and its primary shards
    have started (a count in between is answered 503, which a poll must not take for an
    error)."""
    if not es.indices.exists(index=name):
        return 0
    if es.cluster.health(index=name)["status"] == "red":
        return 0
    es.indices.refresh(index=name)
    return int(es.count(index=name)["count"])


def consume_all(bootstrap: str, topic: str, expect: int, timeout_s: float = 30) -> list[Any]:
    consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest",
                             enable_auto_commit=False, consumer_timeout_ms=1000,
                             group_id=None)
    found: list[Any] = []
    deadline = time.monotonic() + timeout_s
    try:
        while len(found) < expect and time.monotonic() < deadline:
            for batch in consumer.poll(timeout_ms=500).values():
                found.extend(batch)
    finally:
        consumer.close()
    return found


@contextmanager
def worker_group(settings: Settings, topic: str, group: str = "webcare-worker"
                 ) -> Iterator[tuple[Any, dict[Any, int]]]:
    """A worker group's view of ``topic``: a consumer that never subscribes, so it only reads
    the group's committed offsets, and the end offset of each partition."""
    from kafka import TopicPartition

    consumer = KafkaConsumer(bootstrap_servers=str(settings.kafka_bootstrap),
                             group_id=settings.index_name(group),
                             enable_auto_commit=False)
    try:
        parts = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or []]
        yield consumer, consumer.end_offsets(parts)
    finally:
        consumer.close()


def unindexed_report(settings: Settings, es: Elasticsearch, alias: str, topic: str) -> str:
    """Where the records of ``topic`` that are not in ``alias`` sit: their partition and offset
    beside the worker group's committed offset and the partition's end. Says whether a stall
    is a consumer that stopped (committed below them) or a commit past them (lost)."""
    from elasticsearch.helpers import scan

    es.indices.refresh(index=alias)
    indexed = {hit["_id"] for hit in scan(es, index=alias, query={"_source": False})}
    records = consume_all(str(settings.kafka_bootstrap), topic, expect=10**9, timeout_s=20)
    missing = [r for r in records if r.key.decode() not in indexed]
    lines = [f"{len(missing)} of {len(records)} records not indexed"]
    with worker_group(settings, topic) as (group, ends):
        for tp in sorted(ends, key=lambda t: t.partition):
            gone = sorted(r.offset for r in missing if r.partition == tp.partition)
            lines.append(f"partition {tp.partition}: committed {group.committed(tp)}, end "
                         f"{ends[tp]}, not indexed: {len(gone)} {gone[:5]}...{gone[-3:]}")
    return "\n".join(lines)


def all_consumed(settings: Settings, topic: str, group: str = "webcare-worker") -> bool:
    """True when the worker's consumer group has committed every offset of ``topic``."""
    with worker_group(settings, topic, group) as (consumer, ends):
        return all((consumer.committed(tp) or 0) >= end for tp, end in ends.items())


def worker_caught_up(settings: Settings, topics: TopicNames) -> bool:
    """True when the worker has processed and committed everything on its topics, the alert
    retries included: what it would still deliver, it has delivered. The observable moment
    after which a test may check that something did *not* happen."""
    return (all(all_consumed(settings, topic) for topic in
                (topics.raw, topics.enriched, topics.alerts, topics.conversation_messages))
            and all_consumed(settings, topics.alert_retries, "webcare-alert-retries"))
