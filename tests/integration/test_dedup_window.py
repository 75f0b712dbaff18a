"""The de-duplication window on a real worker: within it a re-delivered mention is dropped as a
duplicate; once its entry is forgotten, the same mention is indexed again (over itself)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from elasticsearch import Elasticsearch
from kafka import KafkaProducer

from core.settings import Settings
from core.topics import TopicNames
from tests.integration.conftest import WorkerProcess, count_indexed, wait_for
from tests.integration.test_alerts import now_mention, send

pytestmark = pytest.mark.integration


def counters(worker: WorkerProcess) -> dict[str, int]:
    """The worker's latest counter line (it logs one when they change)."""
    lines = re.findall(r"indexed=\d+ duplicates=\d+[^\n]*", worker.log())
    return {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", lines[-1])} if lines else {}


def test_a_redelivery_is_a_duplicate_within_the_window_and_indexed_after_it(
    settings: Settings, topics: TopicNames, es: Elasticsearch, producer: KafkaProducer,
    worker_factory: Callable[..., WorkerProcess],
) -> None:
    worker = worker_factory(WEBCARE_DEDUP_WINDOW_HOURS="0.003",  # about 11 seconds
                            WEBCARE_DEDUP_SWEEP_S="1").start()
    mention = now_mention(id="dw1", text="Storing bij KPN in Delft")
    send(producer, topics.raw, [mention])
    alias = settings.index_name("mentions")
    wait_for(lambda: count_indexed(es, alias) == 1, 90, "indexed", worker.log)
    send(producer, topics.raw, [mention])  # within the window: a duplicate
    wait_for(lambda: counters(worker).get("duplicates") == 1, 30, "the duplicate counted",
             worker.log)
    wait_for(lambda: "forgot 1 de-duplication entries" in worker.log(), 60, "the entry "
             "forgotten", worker.log)
    send(producer, topics.raw, [mention])  # after it: indexed again, over itself
    wait_for(lambda: counters(worker).get("indexed") == 2, 30, "indexed again", worker.log)
    assert counters(worker)["duplicates"] == 1 and count_indexed(es, alias) == 1
