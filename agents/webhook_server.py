"""``webcare ingest webhook``: an HTTP endpoint for platforms that push events.

- ``GET /webhooks/meta``: Meta's verification challenge (``hub.verify_token``).
- ``POST /webhooks/meta``: Facebook, Messenger, Instagram and WhatsApp payloads, accepted only
  with a valid ``X-Hub-Signature-256`` (HMAC-SHA256 of the body with the app secret).
- ``POST /webhooks/generic``: raw mentions (one JSON object or a list) from live-chat tools and
  anything else, signed with ``X-Webcare-Signature: sha256=<HMAC-SHA256 of the body>``.
- ``GET /metrics``: counters, the publish rate, and the producer's delivery lag.

A request is answered 2xx only after Kafka acknowledged its mentions; while Kafka cannot take
them the answer is 503 with ``Retry-After``, which Meta and most senders retry. Rejected
requests (bad signature, malformed or oversized body) get a 4xx, a log line and a counter; the
receiver keeps running.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import time
from collections import Counter
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import PlainTextResponse
from pydantic import TypeAdapter, ValidationError

from agents.producer import MentionProducer
from agents.sources.meta import meta_mentions
from core.errors import ServiceUnavailable
from schemas.mentions import RawMention

log = logging.getLogger("webcare.webhooks")
_MENTIONS = TypeAdapter(RawMention | list[RawMention])
RETRY_AFTER_S = 30
# A platform waits for the answer: Kafka gets a few seconds to acknowledge, then the answer is
# 503 and the platform sends the events again later.
PRODUCER_OPTIONS = {"max_block_ms": 5_000, "request_timeout_ms": 5_000,
                    "delivery_timeout_ms": 10_000}
_SECRET_QUERY = re.compile(r"(hub\.verify_token=)[^&\s]*")


class RedactSecrets(logging.Filter):
    """Keeps Meta's verify token out of the access log (it arrives in the query string)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_SECRET_QUERY.sub(r"\1***", a) if isinstance(a, str) else a
                                for a in record.args)
        return True


def valid_signature(secret: str, body: bytes, header: str | None) -> bool:
    if not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header.removeprefix("sha256="))


@dataclass
class WebhookReceiver:
    """The receiver's state: where mentions go, the secrets, and the counters."""

    producer: MentionProducer
    meta_app_secret: str | None
    meta_verify_token: str | None
    generic_secret: str | None
    accounts: Mapping[str, str] | None = None
    max_body_bytes: int = 1024 * 1024
    publish_timeout_s: float = 10.0
    counters: Counter[str] = field(default_factory=Counter)
    started: float = field(default_factory=time.monotonic)

    def reject(self, status: int, counter: str, message: str) -> HTTPException:
        self.counters[counter] += 1
        log.warning("rejected webhook (%s): %s", counter, message)
        return HTTPException(status, message)

    async def signed_body(self, request: Request, secret: str | None, header: str) -> bytes:
        declared = int(request.headers.get("content-length") or 0)
        if declared > self.max_body_bytes:
            raise self.reject(413, "oversized", f"body of {declared} bytes > "
                                                f"{self.max_body_bytes}")
        body = bytearray()
        async for chunk in request.stream():  # a chunked body is cut off at the limit
            body += chunk
            if len(body) > self.max_body_bytes:
                raise self.reject(413, "oversized", f"body over {self.max_body_bytes} bytes")
        if secret is None:
            raise self.reject(503, "not_configured", "this webhook has no secret configured")
        if not valid_signature(secret, bytes(body), request.headers.get(header)):
            raise self.reject(401, "bad_signature", f"missing or invalid {header}")
        return bytes(body)

    async def publish(self, mentions: list[RawMention]) -> dict[str, int]:
        messages = [(m.key.encode(), m.model_dump_json().encode()) for m in mentions]
        try:
            # kafka-python blocks while its buffer is full: off the event loop.
            await run_in_threadpool(self.producer.publish_durably, messages,
                                    self.publish_timeout_s)
        except ServiceUnavailable as exc:
            self.counters["kafka_unavailable"] += 1
            log.error("answering 503: %d mentions not stored in Kafka (%s)", len(mentions), exc)
            raise HTTPException(503, "cannot store the events now; send them again",
                                headers={"Retry-After": str(RETRY_AFTER_S)}) from None
        self.counters["published"] += len(mentions)
        return {"published": len(mentions)}

    def metrics(self) -> dict[str, Any]:
        uptime = time.monotonic() - self.started
        published = self.counters["published"]
        producer = self.producer
        return {**self.counters, "uptime_s": round(uptime, 1),
                "publish_rate_per_s": round(published / uptime, 2) if uptime else 0,
                "delivered": producer.delivered, "failed_deliveries": len(producer.failed),
                "lag": published - producer.delivered - len(producer.failed)}


def receiver(request: Request) -> WebhookReceiver:
    found: WebhookReceiver = request.app.state.receiver
    return found


ReceiverDep = Annotated[WebhookReceiver, Depends(receiver)]
router = APIRouter()


@router.get("/webhooks/meta", response_class=PlainTextResponse)
async def meta_verify(hook: ReceiverDep, mode: str = Query("", alias="hub.mode"),
                      token: str = Query("", alias="hub.verify_token"),
                      challenge: str = Query("", alias="hub.challenge")) -> str:
    expected = hook.meta_verify_token
    if mode != "subscribe" or not expected or not hmac.compare_digest(token, expected):
        raise hook.reject(403, "bad_verify_token", "verification token does not match")
    return challenge


@router.post("/webhooks/meta")
async def meta_events(hook: ReceiverDep, request: Request) -> dict[str, int]:
    body = await hook.signed_body(request, hook.meta_app_secret, "x-hub-signature-256")
    hook.counters["received"] += 1
    try:
        mentions = meta_mentions(orjson.loads(body), hook.accounts)
    except orjson.JSONDecodeError as exc:
        raise hook.reject(400, "malformed", f"not JSON: {exc}") from None
    except (KeyError, TypeError, ValueError, ValidationError) as exc:
        raise hook.reject(422, "malformed", f"not a Meta payload we read: {exc}") from None
    return await hook.publish(mentions)


@router.post("/webhooks/generic")
async def generic_events(hook: ReceiverDep, request: Request) -> dict[str, int]:
    body = await hook.signed_body(request, hook.generic_secret, "x-webcare-signature")
    hook.counters["received"] += 1
    try:
        parsed = _MENTIONS.validate_json(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise hook.reject(422, "malformed",
                          f"not raw mentions: {first['msg']} at {first['loc']}") from None
    return await hook.publish(parsed if isinstance(parsed, list) else [parsed])


@router.get("/metrics")
async def metrics(hook: ReceiverDep) -> dict[str, Any]:
    return hook.metrics()


def create_receiver(
    producer: MentionProducer, *, meta_app_secret: str | None, meta_verify_token: str | None,
    generic_secret: str | None, accounts: Mapping[str, str] | None = None,
    max_body_bytes: int = 1024 * 1024, publish_timeout_s: float = 10.0,
) -> FastAPI:
    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        await run_in_threadpool(producer.close)  # graceful shutdown: flush before exit

    access_log = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, RedactSecrets) for f in access_log.filters):
        access_log.addFilter(RedactSecrets())
    app = FastAPI(title="webcare webhook receiver", lifespan=lifespan)
    app.state.receiver = WebhookReceiver(producer, meta_app_secret, meta_verify_token,
                                         generic_secret, accounts, max_body_bytes,
                                         publish_timeout_s)
    app.include_router(router)
    return app
