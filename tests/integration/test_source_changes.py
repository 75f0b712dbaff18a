"""Edits and deletions at the source, through Kafka and the worker into Elasticsearch: an edit
updates the indexed mention in place (its first time kept, enriched again); a deletion removes
the mention and its alerts within seconds; WhatsApp and Instagram messages posted to the
webhook receiver become searchable, private, reactive mentions, and so do their edits and
revokes."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from elasticsearch import Elasticsearch
from kafka import KafkaProducer

from agents.producer import MentionProducer
from agents.webhook_server import create_receiver
from core.settings import Settings
from core.topics import TopicNames
from tests.conftest import raw_mention_dict
from tests.integration.conftest import (
    WorkerProcess,
    count_indexed,
    report_figures,
    serving,
    wait_for,
)
from tests.integration.test_alerts import BRANDS, send, subscribe

pytestmark = pytest.mark.integration

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "platforms"
APP_SECRET = "meta-app-secret-for-source-changes"
ACCOUNTS = {"106540352242922": "KPNwebcare", "178414": "IKEANederland"}


@pytest.fixture
def brands_file(tmp_path: Path) -> Path:
    path = tmp_path / "brands.yml"
    path.write_text(BRANDS)
    return path


def document(es: Elasticsearch, settings: Settings, doc_id: str) -> dict[str, Any] | None:
    alias = settings.index_name("mentions")
    if not es.indices.exists_alias(name=alias):
        return None
    es.indices.refresh(index=alias)
    found = es.search(index=alias, query={"ids": {"values": [doc_id]}})
    hits = found["hits"]["hits"]
    return hits[0]["_source"] if hits else None


def alerts_on(es: Elasticsearch, settings: Settings, doc_id: str) -> int:
    alias = settings.index_name("alerts")
    if not es.indices.exists_alias(name=alias):
        return 0
    es.indices.refresh(index=alias)
    return int(es.count(index=alias, query={"term": {"mention.doc_id": doc_id}})["count"])


def test_an_edit_updates_the_mention_and_a_deletion_removes_it_and_its_alerts(
    settings: Settings, topics: TopicNames, es: Elasticsearch, producer: KafkaProducer,
    worker_factory: Callable[..., WorkerProcess], brands_file: Path,
) -> None:
    subscribe(settings, {"name": "IKEA", "hashtags": ["ikea"]})
    worker = worker_factory(WEBCARE_BRANDS=str(brands_file)).start()
    wait_for(lambda: "watching 1 subscriptions" in worker.log(), 90, "subscription", worker.log)
    posted = datetime.now(UTC) - timedelta(minutes=5)
    send(producer, topics.raw, [raw_mention_dict(
        id="e1", text="Mooie kast gekocht #ikea", created_at=posted.isoformat())])
    wait_for(lambda: alerts_on(es, settings, "twitter:e1") == 1, 60, "the alert", worker.log)
    # The edit arrives as the platform sends it: with only the time of the edit.
    edited_at = datetime.now(UTC)
    send(producer, topics.raw, [raw_mention_dict(
        id="e1", text="Kast kapot geleverd, nog steeds geen reactie #ikea",
        created_at=edited_at.isoformat(), edited_at=edited_at.isoformat())])
    wait_for(lambda: "kapot" in (document(es, settings, "twitter:e1") or {}).get("text", ""),
             60, "the edit indexed", worker.log)
    edited = document(es, settings, "twitter:e1")
    assert edited is not None
    assert datetime.fromisoformat(edited["created_at"]) == posted, worker.log()  # first time
    assert edited["edited_at"] is not None and "complaint" in edited["intents"]
    assert count_indexed(es, settings.index_name("mentions")) == 1  # in place, not a copy

    deleted_at = time.monotonic()
    send(producer, topics.raw, [{"event": "delete", "source": "twitter", "id": "e1",
                                 "deleted_at": datetime.now(UTC).isoformat()}])
    wait_for(lambda: document(es, settings, "twitter:e1") is None
             and alerts_on(es, settings, "twitter:e1") == 0, 30, "the deletion", worker.log)
    seconds = time.monotonic() - deleted_at
    report_figures(f"source changes: a deletion left search and alert history in "
                   f"{seconds:.1f} s")


def signed(body: bytes) -> str:
    return "sha256=" + hmac.new(APP_SECRET.encode(), body, hashlib.sha256).hexdigest()


@pytest.fixture
def receiver(settings: Settings, topics: TopicNames) -> Iterator[str]:
    producer = MentionProducer(settings.resolved_kafka(), topics.raw)
    app = create_receiver(producer, meta_app_secret=APP_SECRET, meta_verify_token="v",
                          generic_secret=None, accounts=ACCOUNTS,
                          dead_letter_topic=topics.agents_dlq)
    with serving(app) as url:
        yield url


def post_fixture(url: str, name: str) -> dict[str, Any]:
    """One of the public payload fixtures, signed as Meta signs it."""
    body = orjson.dumps(json.loads((FIXTURES / name).read_text()))
    response = httpx.post(url + "/webhooks/meta", content=body,
                          headers={"x-hub-signature-256": signed(body)})
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def test_whatsapp_and_instagram_messages_become_private_reactive_mentions(
    settings: Settings, topics: TopicNames, es: Elasticsearch, receiver: str,
    worker_factory: Callable[..., WorkerProcess], brands_file: Path,
) -> None:
    worker_factory(WEBCARE_BRANDS=str(brands_file)).start()
    image = post_fixture(receiver, "whatsapp/pywa-edited-message-image.json")
    assert image == {"published": 1, "kept": 0}
    dm = post_fixture(receiver, "instagram/docs-dm-text.json")
    assert dm["published"] == 1
    wa_id = "whatsapp:wamid.HBgLMTQxMjU1NTA4MjkVAgASGBQzQUNCNjk5RDUwNUZGMUZEM0VBRAA="
    wait_for(lambda: document(es, settings, wa_id) and document(es, settings,
                                                                "instagram:ig_text"),
             60, "both messages indexed")
    whatsapp = document(es, settings, wa_id)
    instagram = document(es, settings, "instagram:ig_text")
    assert whatsapp is not None and instagram is not None
    assert whatsapp["text"] == "Updated image caption"
    assert (whatsapp["private"], whatsapp["contact"], whatsapp["brands"]) == (
        True, "reactive", ["kpn"])
    assert whatsapp["extras"]["attachments"][0]["type"] == "image"
    assert (instagram["private"], instagram["contact"], instagram["brands"]) == (
        True, "reactive", ["ikea"])
    alias = settings.index_name("mentions")
    searched = es.search(index=alias, query={"match": {"text": "voorraad"}})
    assert [h["_id"] for h in searched["hits"]["hits"]] == ["instagram:ig_text"]
    # The customer unsends the Instagram message: it leaves the index.
    unsent = post_fixture(receiver, "instagram/docs-dm-unsent.json")
    assert unsent["published"] == 1
    wait_for(lambda: document(es, settings, "instagram:ig_text") is None, 30, "the unsend")
