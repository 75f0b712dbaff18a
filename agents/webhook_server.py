"""``webcare ingest webhook``: an HTTP endpoint for platforms that push events.

- ``GET /webhooks/meta``: Meta's verification challenge (``hub.verify_token``).
- ``POST /webhooks/meta``: Facebook, Messenger, Instagram and WhatsApp payloads, accepted only
  with a valid ``X-Hub-Signature-256`` (HMAC-SHA256 of the body with the app secret).
- ``POST /webhooks/generic``: raw mentions (one JSON object or a list) from live-chat tools and
  anything else, signed with ``X-Webcare-Signature: sha256=<HMAC-SHA256 of the body>``.
- ``GET /metrics``: counters, the publish rate, and the producer's delivery lag.

A request is answered 2xx only after Kafka acknowledged its mentions; while Kafka cannot take
them the answer is 503 with ``Retry-After``, which Meta and most senders retry. Requests that
are not the platform's (bad signature, oversized body) get a 4xx, a log line and a counter. A
signed Meta payload that cannot be mapped, in whole or in part, is never refused (Meta would
retry it in vain and then drop it): it is kept whole on the agents' dead-letter topic with the
reason, counted, and answered 200 once stored. Kinds deliberately not turned into mentions
(delivery receipts, reactions) are counted by kind in ``/metrics``.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import time
from collections import Counter
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import PlainTextResponse
from pydantic import TypeAdapter, ValidationError

from agents.producer import MentionProducer
from agents.sources.meta import map_meta
from core.errors import ServiceUnavailable
from core.topics import AGENTS_DLQ
from schemas.mentions import MentionDeletion, RawMention

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
    dead_letter_topic: str = AGENTS_DLQ
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

    async def _durably(self, messages: list[tuple[bytes | None, bytes]],
                       topic: str | None = None) -> None:
        try:
            # kafka-python blocks while its buffer is full: off the event loop.
            await run_in_threadpool(self.producer.publish_durably, messages,
                                    self.publish_timeout_s, topic)
        except ServiceUnavailable as exc:
            self.counters["kafka_unavailable"] += 1
            log.error("answering 503: %d events not stored in Kafka (%s)", len(messages), exc)
            raise HTTPException(503, "cannot store the events now; send them again",
                                headers={"Retry-After": str(RETRY_AFTER_S)}) from None

    async def publish(self, events: Sequence[RawMention | MentionDeletion]
                      ) -> dict[str, int]:
        await self._durably([(e.key.encode(), e.model_dump_json(exclude_none=True).encode())
                             for e in events])
        self.counters["published"] += len(events)
        return {"published": len(events)}

    async def keep(self, endpoint: str, body: bytes, reason: str) -> None:
        """A payload (or part of one) that could not be mapped, kept whole with the reason on
        the agents' dead-letter topic; stored before the platform gets its 200."""
        record = orjson.dumps({"agent": "webhook", "endpoint": endpoint, "reason": reason,
                               "received_at": datetime.now(UTC).isoformat(),
                               "body": body.decode("utf-8", "replace")})
        await self._durably([(None, record)], self.dead_letter_topic)
        self.counters["dead_lettered"] += 1
        log.warning("kept a %s payload on %s: %s", endpoint, self.dead_letter_topic, reason)

    async def take_meta(self, body: bytes) -> dict[str, int]:
        try:
            mapped = map_meta(orjson.loads(body), self.accounts)
        except (orjson.JSONDecodeError, ValueError, TypeError, AttributeError) as exc:
            await self.keep("meta", body, f"not a Meta payload this receiver reads: {exc}")
            return {"published": 0, "kept": 1}
        for kind, n in (mapped.skipped + mapped.unknown).items():
            self.counters[f"kind:{kind}"] += n
        problems = mapped.invalid + [f"unknown kind {k}" for k in mapped.unknown]
        if problems:
            await self.keep("meta", body, "; ".join(problems)[:2000])
        answer = await self.publish([*mapped.mentions, *mapped.deletions])
        return {**answer, "kept": int(bool(problems))}

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
    return await hook.take_meta(body)


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
    dead_letter_topic: str = AGENTS_DLQ,
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
                                         publish_timeout_s, dead_letter_topic)
    app.include_router(router)
    return app
