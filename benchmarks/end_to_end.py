"""End-to-end benchmark on the local services: mentions.raw -> worker -> searchable.

Prints (1) throughput: N mentions already on the topic, the worker started, mentions/s from
the first to the last document being searchable; (2) latency: probes produced at a steady rate
while the worker runs, p50/p99 from produce to searchable (Elasticsearch refreshes every 1s,
which bounds what "searchable" can mean).

Usage: python benchmarks/end_to_end.py [--mentions 20000] [--rate 200] [--seconds 15]
       [--layout webcare-worker|per-role|one-process]
Starts the local stack if it is not running (webcare local up) and uses a fresh namespace.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import orjson
from elasticsearch import Elasticsearch
from kafka import KafkaProducer

from core.elasticsearch import sync_client

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from core.settings import Settings, load_settings  # noqa: E402
from core.topics import TopicNames, ensure_topics  # noqa: E402
from deploy.local.stack import LocalStack  # noqa: E402

TEXTS = [
    "Geweldig hoor, alweer vertraging bij Utrecht 🙄 @NS_online",
    "@KPNwebcare mijn internet ligt er al de hele dag uit, wanneer is het opgelost?",
    "Bedankt @bol voor de snelle levering, top service!",
    "My IKEA order arrived damaged, again. Worst customer service ever @IKEANederland",
    "Heeft iemand ervaring met de ABN AMRO hypotheekadviseur?",
]


def mention(i: int, prefix: str) -> dict[str, object]:
    return {"id": f"{prefix}{i}", "source": "twitter", "text": f"{TEXTS[i % len(TEXTS)]} {i}",
            "created_at": "2026-11-20T10:00:00Z", "author": {"handle": f"user{i % 977}"}}


def fresh_namespace(prefix: str) -> tuple[Settings, Settings]:
    """The local stack (started if it is not running) and settings for a namespace of this
    run's own, its topics created: (the base settings, the run's)."""
    base = load_settings()
    addresses = LocalStack(base).up(log=lambda m: print(m, file=sys.stderr))
    settings = load_settings(kafka_bootstrap=addresses["WEBCARE_KAFKA_BOOTSTRAP"],
                             es_url=addresses["WEBCARE_ES_URL"],
                             namespace=f"{prefix}{uuid.uuid4().hex[:8]}")
    ensure_topics(settings)
    return base, settings


def drop_namespace(settings: Settings) -> None:
    """Remove what a run made on the shared local stack: its indices and its topics (a few
    hundred leftover partitions slowed the broker and grew its memory)."""
    from kafka import KafkaAdminClient

    from core.kafka import kafka_python_security

    es = sync_client(settings)
    try:
        es.indices.delete(index=f"{settings.namespace}*", allow_no_indices=True,
                          expand_wildcards="all")
    finally:
        es.close()
    admin = KafkaAdminClient(bootstrap_servers=settings.resolved_kafka(),
                             **kafka_python_security(settings))
    try:
        topics = [t for t in admin.list_topics() if t.startswith(settings.namespace)]
        if topics:
            admin.delete_topics(topics)
    finally:
        admin.close()


def produce(settings: Settings, topic: str, total: int, prefix: str) -> None:
    """``total`` distinct benchmark mentions on ``topic``, keyed as the agents key them."""
    producer = KafkaProducer(bootstrap_servers=settings.resolved_kafka(), acks="all",
                             linger_ms=20, batch_size=512 * 1024)
    for i in range(total):
        m = mention(i, prefix)
        producer.send(topic, key=f"twitter:{m['id']}".encode(), value=orjson.dumps(m))
    producer.flush()
    producer.close()


def count(es: Elasticsearch, alias: str) -> int:
    try:
        return int(es.count(index=alias)["count"])
    except Exception:
        return 0


def namespace_env(settings: Settings, home: Path) -> dict[str, str]:
    """The environment of a ``webcare`` process on the settings' services and namespace, with
    the demo brands."""
    return {**os.environ, "WEBCARE_KAFKA_BOOTSTRAP": settings.resolved_kafka(),
            "WEBCARE_ES_URL": settings.resolved_es(), "WEBCARE_NAMESPACE": settings.namespace,
            "WEBCARE_BRANDS": str(REPO / "deploy" / "demo" / "brands.yml"),
            "WEBCARE_HOME": str(home)}


def start_worker(settings: Settings, home: Path, *roles: str
                 ) -> tuple[subprocess.Popen[bytes], str]:
    """``webcare worker`` with ``--role`` for each of ``roles`` (none: its default, one
    process per role under a supervisor) on the settings' namespace."""
    env = namespace_env(settings, home)
    log = home / f"bench-worker-{settings.namespace}-{time.monotonic_ns()}.log"
    command = [sys.executable, "-m", "webcare", "worker",
               *(arg for role in roles for arg in ("--role", role))]
    worker = subprocess.Popen(command, env=env,
                              stdout=log.open("wb"), stderr=subprocess.STDOUT, cwd=REPO)
    return worker, str(log)


# How the worker's roles are run: each entry is one ``webcare worker`` command's roles.
LAYOUTS: dict[str, tuple[tuple[str, ...], ...]] = {
    "webcare-worker": ((),),  # the command's default: a supervisor and one process per role
    "per-role": (("enrich",), ("alerts",)),  # started one by one, as `webcare demo` does
    "one-process": (("enrich", "alerts"),),  # every role in one process
}


def add_layout_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--layout", choices=LAYOUTS, default="webcare-worker",
                        help="how the roles run: `webcare worker` as is (one process per role, "
                             "supervised), per-role (started one by one, as `webcare demo` "
                             "does), or one-process (--role enrich --role alerts)")
    parser.add_argument("--split", dest="layout", action="store_const", const="per-role",
                        help="the same as --layout per-role")


def start_workers(settings: Settings, home: Path, layout: str
                  ) -> list[tuple[subprocess.Popen[bytes], str]]:
    """The layout's ``webcare worker`` commands; the enrichment role's first."""
    return [start_worker(settings, home, *roles) for roles in LAYOUTS[layout]]


def indexed_ops(es: Elasticsearch, alias: str) -> int:
    """Index operations done on the alias's primaries: counted as they complete, before any
    refresh makes them searchable (a conversation's update of a mention counts too)."""
    try:
        stats = es.indices.stats(index=alias, metric="indexing")
        return int(stats["_all"]["primaries"]["indexing"]["index_total"])
    except Exception:
        return 0


def all_written(es: Elasticsearch, alias: str, total: int) -> bool:
    """All ``total`` mentions written: enough index operations, then (only then, so the
    index is not refreshed all along) a refresh and a count of the distinct documents."""
    if indexed_ops(es, alias) < total:
        return False
    es.indices.refresh(index=alias)
    return count(es, alias) >= total


def throughput(es: Elasticsearch, alias: str, total: int, worker: subprocess.Popen[bytes],
               log: str, at_first: Callable[[], object] = lambda: None) -> float:
    """Seconds from the first written mention to the last of ``total`` already produced.

    Written, not searchable: with a 1 s refresh interval the first and the last mention
    become searchable up to a second after they are written, which moved a 4-5 s
    measurement by up to 25% (20,000 mentions timed at 4.1 s or 5.2 s, the same worker).
    The loops beside it time from their first written batch to their last. ``at_first`` is
    called as the first mention is written."""
    first_at = None
    while not all_written(es, alias, total):
        if worker.poll() is not None:
            raise SystemExit(f"worker exited; see {log}")
        if first_at is None and indexed_ops(es, alias) > 0:
            first_at = time.monotonic()
            at_first()
        time.sleep(0.05)
    assert first_at is not None
    return time.monotonic() - first_at


class Visibility:
    """Polls the index for the probe mentions and notes when each became searchable."""

    def __init__(self, es: Elasticsearch, alias: str) -> None:
        self.es, self.alias = es, alias
        self.sent: dict[str, float] = {}
        self.seen: dict[str, float] = {}
        self.stop = threading.Event()
        self.stop_at = 0.0
        self.thread = threading.Thread(target=self._poll, daemon=True)
        self.thread.start()

    def _poll(self) -> None:
        while not self.stop.is_set() or len(self.seen) < len(self.sent):
            pending = [k for k in list(self.sent) if k not in self.seen]
            if pending:
                hits = self.es.search(index=self.alias, size=len(pending), source=False,
                                      query={"ids": {"values": pending}})["hits"]["hits"]
                now = time.monotonic()
                for hit in hits:
                    self.seen.setdefault(hit["_id"], now)
            time.sleep(0.02)
            if self.stop.is_set() and time.monotonic() - self.stop_at > 30:
                return

    def finish(self) -> list[float]:
        self.stop_at = time.monotonic()
        self.stop.set()
        self.thread.join()
        return sorted((self.seen[k] - self.sent[k]) * 1000 for k in self.sent if k in self.seen)


class ConsumerLag:
    """Samples the worker's consumer-group lag on a topic once a second: the records on the
    topic not yet committed by the group (the worker commits every second, so a lag of about
    one second's worth of records is the steady state)."""

    def __init__(self, settings: Settings, topic: str, group: str) -> None:
        from kafka import KafkaConsumer, TopicPartition

        # A consumer in the worker's group that never subscribes reads the group's committed
        # offsets without joining it (no rebalance of the worker).
        self.consumer = KafkaConsumer(bootstrap_servers=settings.resolved_kafka(),
                                      group_id=group, enable_auto_commit=False)
        partitions = self.consumer.partitions_for_topic(topic) or set()
        self.parts = [TopicPartition(topic, p) for p in sorted(partitions)]
        self.samples: list[int] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        while not self.stop.wait(1.0):
            ends = self.consumer.end_offsets(self.parts)
            self.samples.append(sum(end - (self.consumer.committed(tp) or 0)
                                    for tp, end in ends.items()))

    def finish(self) -> list[int]:
        self.stop.set()
        self.thread.join()
        self.consumer.close()
        return self.samples


def probe(producer: KafkaProducer, topic: str, visibility: Visibility, rate: int,
          seconds: int) -> list[float]:
    """Probe mentions at ``rate`` a second; their produce-to-searchable latencies in ms."""
    start = time.monotonic()
    for i in range(rate * seconds):
        delay = start + i / rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        m = mention(i, "p")
        visibility.sent[f"twitter:{m['id']}"] = time.monotonic()
        producer.send(topic, key=f"twitter:{m['id']}".encode(), value=orjson.dumps(m))
        if i % 10 == 0:
            producer.flush()
    producer.flush()
    return visibility.finish()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mentions", type=int, default=20_000)
    parser.add_argument("--rate", type=int, default=200, help="probe mentions per second")
    parser.add_argument("--seconds", type=int, default=15)
    add_layout_option(parser)
    args = parser.parse_args()

    base, settings = fresh_namespace("bench")
    topic = TopicNames.for_settings(settings).raw
    alias = settings.index_name("mentions")
    produce(settings, topic, args.mentions, "t")
    producer = KafkaProducer(bootstrap_servers=settings.resolved_kafka(), acks="all",
                             linger_ms=20, batch_size=512 * 1024)
    es = sync_client(settings)
    home = base.home.resolve()
    started = start_workers(settings, home, args.layout)
    worker, log = started[0]
    try:
        took = throughput(es, alias, args.mentions, worker, log)
        lag = ConsumerLag(settings, topic, settings.index_name("webcare-worker"))
        latencies = probe(producer, topic, Visibility(es, alias), args.rate, args.seconds)
        lags = lag.finish()
        p95, p99 = (latencies[int(len(latencies) * q) - 1] if latencies else float("nan")
                    for q in (0.95, 0.99))
        print(f"throughput: {args.mentions} mentions in {took:.2f}s = "
              f"{args.mentions / took:,.0f} mentions/s (raw topic -> searchable, "
              f"layout {args.layout})")
        print(f"latency at {args.rate}/s for {args.seconds}s: "
              f"n={len(latencies)}/{args.rate * args.seconds} "
              f"p50={statistics.median(latencies):.0f} ms p95={p95:.0f} ms p99={p99:.0f} ms "
              f"max={latencies[-1]:.0f} ms (produce -> searchable, refresh_interval=1s)")
        print("worker's consumer lag on mentions.raw, once a second (records not yet "
              "committed):", " ".join(str(n) for n in lags))
    finally:
        for process, _ in started:
            process.terminate()
            process.wait(30)
        producer.close()
        es.close()
        drop_namespace(settings)


if __name__ == "__main__":
    main()
