"""The webhook receiver with a client posting Meta-shaped signed webhooks; the mentions are
checked on the real Kafka topic; bad input is rejected with a counter and the receiver goes on."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator
from typing import Any

import httpx
import orjson
import pytest

from agents.producer import MentionProducer
from agents.webhook_server import create_receiver
from core.settings import Settings
from core.topics import TopicNames
from tests.conftest import raw_mention_dict
from tests.fixtures.meta_payloads import ACCOUNTS, MESSENGER, PAGE_COMMENT, WHATSAPP
from tests.integration.conftest import consume_all, serving

pytestmark = pytest.mark.integration

APP_SECRET, VERIFY, GENERIC = "meta-app-secret", "verify-me", "generic-webhook-secret"


def signed(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


@pytest.fixture
def receiver(settings: Settings, topics: TopicNames) -> Iterator[str]:
    producer = MentionProducer(settings.resolved_kafka(), topics.raw)
    app = create_receiver(producer, meta_app_secret=APP_SECRET, meta_verify_token=VERIFY,
                          generic_secret=GENERIC, accounts=ACCOUNTS, max_body_bytes=64 * 1024,
                          dead_letter_topic=topics.agents_dlq)
    with serving(app) as url:
        yield url


def post(url: str, path: str, payload: Any, secret: str, header: str) -> httpx.Response:
    body = orjson.dumps(payload)
    return httpx.post(url + path, content=body, headers={header: signed(secret, body)})


def test_meta_and_generic_webhooks_land_on_the_raw_topic(
    receiver: str, settings: Settings, topics: TopicNames,
) -> None:
    challenge = httpx.get(receiver + "/webhooks/meta", params={
        "hub.mode": "subscribe", "hub.verify_token": VERIFY, "hub.challenge": "1158201444"})
    assert challenge.status_code == 200 and challenge.text == "1158201444"
    for payload, published in ((MESSENGER, 3), (PAGE_COMMENT, 1), (WHATSAPP, 2)):
        response = post(receiver, "/webhooks/meta", payload, APP_SECRET, "x-hub-signature-256")
        assert response.status_code == 200 and response.json()["published"] == published
    chat = [raw_mention_dict(id="chat-1", source="livechat", private=True, recipient="bol",
                             text="Hoi, kan ik mijn bestelling nog wijzigen?")]
    response = post(receiver, "/webhooks/generic", chat, GENERIC, "x-webcare-signature")
    assert response.status_code == 200 and response.json()["published"] == 1

    found = consume_all(settings.resolved_kafka(), topics.raw, expect=7)
    keys = sorted(record.key.decode() for record in found)
    assert keys == ["facebook:1001_555_777", "livechat:chat-1", "messenger:m_abc",
                    "messenger:m_echo", "messenger:m_img", "whatsapp:wamid.1",
                    "whatsapp:wamid.2"]
    messenger = next(orjson.loads(r.value) for r in found if r.key == b"messenger:m_abc")
    assert messenger["private"] is True and messenger["recipient"] == "bol"


def test_bad_signatures_malformed_and_oversized_bodies_are_rejected_and_counted(
    receiver: str, settings: Settings, topics: TopicNames,
) -> None:
    body = orjson.dumps(MESSENGER)
    wrong = httpx.post(receiver + "/webhooks/meta", content=body,
                       headers={"x-hub-signature-256": signed("not-the-secret", body)})
    missing = httpx.post(receiver + "/webhooks/meta", content=body)
    assert wrong.status_code == 401 and missing.status_code == 401
    # Signed by Meta but not something we map: kept whole on the agents' dead-letter topic and
    # answered 200 (a 4xx would only make Meta retry in vain and then drop it).
    bad_json = b"{not json"
    malformed = httpx.post(receiver + "/webhooks/meta", content=bad_json,
                           headers={"x-hub-signature-256": signed(APP_SECRET, bad_json)})
    assert malformed.status_code == 200 and malformed.json() == {"published": 0, "kept": 1}
    odd = post(receiver, "/webhooks/meta", {"object": "user", "entry": [{"id": "1"}]},
               APP_SECRET, "x-hub-signature-256")
    assert odd.status_code == 200 and odd.json()["kept"] == 1
    kept = {k["body"]: k["reason"] for k in (orjson.loads(r.value) for r in consume_all(
        settings.resolved_kafka(), topics.agents_dlq, expect=2))}
    assert "not a Meta payload" in kept["{not json"]
    assert "meta object user" in kept['{"object":"user","entry":[{"id":"1"}]}']
    not_mentions = post(receiver, "/webhooks/generic", {"hello": "world"}, GENERIC,
                        "x-webcare-signature")
    assert not_mentions.status_code == 422
    huge = b"x" * (65 * 1024)
    oversized = httpx.post(receiver + "/webhooks/generic", content=huge,
                           headers={"x-webcare-signature": signed(GENERIC, huge)})
    assert oversized.status_code == 413

    def chunks() -> Iterator[bytes]:  # no content-length: read only up to the limit
        for _ in range(200):
            yield b"x" * 1024

    chunked = httpx.post(receiver + "/webhooks/generic", content=chunks(),
                         headers={"x-webcare-signature": "sha256=0"})
    assert chunked.status_code == 413
    too_big_an_integer = (b'{"id":"i","source":"twitter","text":"x","created_at":'
                          b'"2026-11-20T10:00:00Z","author":{"handle":"a"},'
                          b'"extras":{"n":123456789012345678901234567890}}')
    refused = httpx.post(receiver + "/webhooks/generic", content=too_big_an_integer,
                         headers={"x-webcare-signature": signed(GENERIC, too_big_an_integer)})
    assert refused.status_code == 422 and "64 bits" in refused.text
    denied = httpx.get(receiver + "/webhooks/meta", params={
        "hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "1"})
    assert denied.status_code == 403
    metrics = httpx.get(receiver + "/metrics").json()
    assert metrics["bad_signature"] == 2 and metrics["malformed"] == 2
    assert metrics["dead_lettered"] == 2 and metrics["kind:meta object user"] == 1
    assert metrics["oversized"] == 2 and metrics["bad_verify_token"] == 1
    # Still serving after all that.
    ok = post(receiver, "/webhooks/meta", WHATSAPP, APP_SECRET, "x-hub-signature-256")
    assert ok.status_code == 200
