"""At the edge, only what is durable is acknowledged: while Kafka is down the webhook receiver
answers 503 with Retry-After (what Meta and most senders retry on), never 2xx; once the broker
is back the retried events are stored. Nothing answered 2xx is lost. The broker here is a
private one, stopped and started again by the test, so no other test sees the outage."""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import orjson
import pytest

from agents.producer import MentionProducer
from agents.webhook_server import create_receiver
from core.settings import Settings
from core.topics import TopicNames, ensure_topics
from tests.conftest import raw_mention_dict
from tests.integration.conftest import consume_all, report_figures, serving, wait_for
from tests.support.kafka import PrivateKafka

pytestmark = pytest.mark.integration

SECRET = "generic-webhook-secret"
OUTAGE_S = 150  # longer than every client time-out on the way, as a real outage is
RETRY_EVERY_S = 10


def post(url: str, mention: dict[str, object]) -> httpx.Response:
    body = orjson.dumps(mention)
    signature = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    return httpx.post(f"{url}/webhooks/generic", content=body, timeout=120,
                      headers={"x-webcare-signature": signature,
                               "content-type": "application/json"})


def accepted(url: str, mention_id: str) -> Callable[[], bool]:
    return lambda: post(url, raw_mention_dict(id=mention_id)).status_code == 200


def test_a_long_broker_outage_gets_503_with_retry_after_and_loses_nothing(
    private_kafka: PrivateKafka, tmp_path: Path,
) -> None:
    kafka = private_kafka
    settings = Settings(home=tmp_path, kafka_bootstrap=kafka.instance.bootstrap,
                        es_url="http://127.0.0.1:1", partitions=2)
    ensure_topics(settings)
    topic = TopicNames.for_settings(settings).raw
    producer = MentionProducer(kafka.instance.bootstrap, topic, request_timeout_ms=5_000,
                               max_block_ms=5_000, delivery_timeout_ms=10_000)
    receiver = create_receiver(producer, meta_app_secret=None, meta_verify_token=None,
                               generic_secret=SECRET, publish_timeout_s=15)
    acknowledged: set[str] = set()
    refused: list[str] = []
    with serving(receiver) as url:
        for i in range(3):
            mention = raw_mention_dict(id=f"before{i}")
            assert post(url, mention).status_code == 200
            acknowledged.add(f"before{i}")
        kafka.stop()
        outage_ends = time.monotonic() + OUTAGE_S
        n = 0
        while time.monotonic() < outage_ends:
            answer = post(url, raw_mention_dict(id=f"during{n}"))
            assert answer.status_code in (200, 503), answer.text
            if answer.status_code == 503:
                assert int(answer.headers["retry-after"]) > 0
                refused.append(f"during{n}")
            else:  # stored after all (the broker can only have been up): it must be there
                acknowledged.add(f"during{n}")
            n += 1
            time.sleep(RETRY_EVERY_S)
        kafka.start()
        for mention_id in refused:  # the platform sends each refused event again
            wait_for(accepted(url, mention_id), 120, f"{mention_id} accepted after the outage")
            acknowledged.add(mention_id)
        metrics = httpx.get(f"{url}/metrics").json()

    stored = consume_all(kafka.instance.bootstrap, topic, expect=len(acknowledged), timeout_s=60)
    ids = [orjson.loads(r.value)["id"] for r in stored]
    lost = acknowledged - set(ids)
    duplicated = len(ids) - len(set(ids))
    report_figures(f"receiver outage {OUTAGE_S}s: sent {len(acknowledged)}, answered 503 "
          f"{len(refused)} times, stored {len(set(ids))}, lost {len(lost)}, duplicated "
          f"{duplicated}, kafka_unavailable counter {metrics.get('kafka_unavailable')}")
    assert refused, "the outage must have been seen"
    assert lost == set()
    assert metrics["kafka_unavailable"] == len(refused)
