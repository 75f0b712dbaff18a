"""``webcare worker`` as shipped: one process per role under a supervisor, on real Kafka and
Elasticsearch. Mentions are indexed, a subscription's alerts arrive, and a SIGTERM to the
worker's process id alone stops every process it started."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch
from kafka import KafkaProducer

from core.settings import Settings
from core.topics import TopicNames
from deploy.local.process import free_port
from tests.integration.conftest import WorkerProcess, count_indexed, wait_for
from tests.integration.test_alerts import SECRET, now_mention, send, subscribe
from tests.integration.webhook_receiver import Receiver
from tests.support.processes import running

pytestmark = pytest.mark.integration

BRANDS = "brands:\n  - {id: ikea, name: IKEA, keywords: [IKEA], hashtags: [ikea]}\n"


def children(pid: int) -> list[int]:
    return [int(child) for child in
            Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def command_line(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")


def test_the_default_worker_runs_a_process_per_role_and_stops_them_all(
    settings: Settings, topics: TopicNames, es: Elasticsearch, producer: KafkaProducer,
    worker_factory: Callable[..., WorkerProcess], tmp_path: Path,
) -> None:
    brands = tmp_path / "brands.yml"
    brands.write_text(BRANDS)
    receiver = Receiver(free_port())
    receiver.start()
    subscribe(settings, {"name": "IKEA complaints", "hashtags": ["#ikea"],
                         "intents": ["complaint"],
                         "delivery": {"webhook": {"url": receiver.url, "secret": SECRET}}})
    worker = worker_factory(WEBCARE_BRANDS=str(brands))
    worker.roles = ()  # `webcare worker` as is
    worker.start()
    assert worker.proc is not None
    wait_for(lambda: "watching 1 subscriptions" in worker.log(), 90, "subscription loaded",
             worker.log)

    send(producer, topics.raw, [
        now_mention(id="c1", text="Kast kapot geleverd, nog steeds geen reactie #ikea"),
        now_mention(id="c2", text="Weer een kapotte kast, waardeloos #ikea"),
        now_mention(id="p1", text="Super blij met mijn nieuwe kast van IKEA!"),
    ])
    wait_for(lambda: count_indexed(es, settings.index_name("mentions")) == 3, 90,
             "three mentions indexed", worker.log)
    wait_for(lambda: len(receiver.requests) == 2, 60, "two alerts delivered", worker.log)
    assert sorted(r["json"]["mention"]["doc_id"] for r in receiver.requests) == [
        "twitter:c1", "twitter:c2"]

    roles = {pid: command_line(pid) for pid in children(worker.proc.pid)}
    assert sorted(line[line.index("--role") + 1] for line in roles.values()) == [
        "alerts", "enrich"]

    os.kill(worker.proc.pid, signal.SIGTERM)  # the worker's own process id, as `kill` sends it
    assert worker.proc.wait(60) == 0, worker.log()
    wait_for(lambda: not any(running(pid) for pid in roles), 30, "role processes to leave")
    receiver.stop()
