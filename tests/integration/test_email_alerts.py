"""E-mail is one more delivery channel: the worker sends alerts through the operator's SMTP
server (STARTTLS and a login), once each, recorded in the same delivery log as webhooks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch
from kafka import KafkaProducer

from core.settings import Settings
from core.topics import TopicNames
from deploy.local.certificates import make_certificates
from tests.integration.conftest import WorkerProcess, wait_for, worker_caught_up
from tests.integration.test_alerts import brands_file, now_mention, send, subscribe
from tests.support.smtp import PASSWORD, USER, SmtpServer

pytestmark = pytest.mark.integration
__all__ = ["brands_file"]  # the fixture, used by name


def test_email_alerts_arrive_once_each_through_the_delivery_log(
    settings: Settings, topics: TopicNames, es: Elasticsearch, producer: KafkaProducer,
    worker_factory: Callable[..., WorkerProcess], brands_file: Path, tmp_path: Path,
) -> None:
    certificate = make_certificates(tmp_path)
    with SmtpServer(certificate) as smtp:
        sub = subscribe(settings, {"name": "IKEA complaints", "hashtags": ["ikea"],
                                   "delivery": {"sse": False,
                                                "email": {"to": ["care@example.org"]}}})
        worker = worker_factory(
            WEBCARE_BRANDS=str(brands_file), WEBCARE_SMTP_HOST="127.0.0.1",
            WEBCARE_SMTP_PORT=str(smtp.port), WEBCARE_SMTP_USERNAME=USER,
            WEBCARE_SMTP_PASSWORD=PASSWORD, WEBCARE_SMTP_SENDER="alerts@example.org",
            WEBCARE_SMTP_CA_FILE=str(certificate.ca_file)).start()
        wait_for(lambda: "watching 1 subscriptions" in worker.log(), 90, "subscription",
                 worker.log)
        mentions = [now_mention(id=f"e{i}", text=f"Kast kapot geleverd #ikea {i}")
                    for i in range(3)]
        send(producer, topics.raw, [*mentions, mentions[0]])  # and a re-delivery
        wait_for(lambda: len(smtp.inbox.messages) >= len(mentions), 90, "e-mails", worker.log)
        wait_for(lambda: worker_caught_up(settings, topics), 60, "worker caught up", worker.log)

    assert len(smtp.inbox.messages) == len(mentions)
    assert {m["X-Webcare-Delivery"] for m in smtp.inbox.messages} == {
        m["Message-ID"].strip("<>").split("@")[0] for m in smtp.inbox.messages}
    assert all(m["From"] == "alerts@example.org" and m["To"] == "care@example.org"
               for m in smtp.inbox.messages)
    log = settings.index_name("alert-deliveries")
    es.indices.refresh(index=log)
    entries = es.search(index=log, size=50)["hits"]["hits"]
    statuses = [(h["_source"]["channel"], h["_source"]["status"]) for h in entries
                if h["_source"]["subscription_id"] == sub.id]
    assert statuses == [("email", "delivered")] * len(mentions)
