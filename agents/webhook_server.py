"""``webcare ingest webhook``: an HTTP endpoint for platforms that push events.

- ``GET /webhooks/meta``: Meta's verification challenge (``hub.verify_token``).
- ``POST /webhooks/meta``: Facebook, Messenger, Instagram and WhatsApp payloads, accepted only
  with a valid ``X-Hub-Signature-256`` (HMAC-SHA256 of the body with the app secret).
- ``POST /webhooks/generic``: raw mentions (one JSON object or a list) from live-chat tools and
  anything else, signed with ``X-Webcare-Signature: sha256=<HMAC-SHA256 of the body>``.
- ``GET /metrics``: counters, the publish rate, and the producer's delivery lag.

Rejected requests (bad signature, malformed or oversized body) get a 4xx, a log line and a
counter; the receiver keeps running.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from collections import Counter
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

import orjson
from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import PlainTextResponse
from pydantic import TypeAdapter, ValidationError

from agents.producer import MentionProducer
from agents.sources.meta import meta_mentions
from schemas.mentions import RawMention

log = logging.getLogger("webcare.webhooks")
_MENTIONS = TypeAdapter(RawMention | list[RawMention])


def valid_signature(secret: str, body: bytes, header: str | None) -> bool:
    if not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header.removeprefix("sha256="))


def create_receiver(
    producer: MentionProducer, *, meta_app_secret: str | None, meta_verify_token: str | None,
    generic_secret: str | None, accounts: Mapping[str, str] | None = None,
    max_body_bytes: int = 1024 * 1024,
) -> FastAPI:
    counters: Counter[str] = Counter()
    started = time.monotonic()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        await run_in_threadpool(producer.close)  # graceful shutdown: flush before exit

    app = FastAPI(title="webcare webhook receiver", lifespan=lifespan)

    def reject(status: int, counter: str, message: str) -> HTTPException:
        counters[counter] += 1
        log.warning("rejected webhook (%s): %s", counter, message)
        return HTTPException(status, message)

    async def signed_body(request: Request, secret: str | None, header: str) -> bytes:
        declared = int(request.headers.get("content-length") or 0)
        if declared > max_body_bytes:
            raise reject(413, "oversized", f"body of {declared} bytes > {max_body_bytes}")
        body = await request.body()
        if len(body) > max_body_bytes:
            raise reject(413, "oversized", f"body of {len(body)} bytes > {max_body_bytes}")
        if secret is None:
            raise reject(503, "not_configured", "this webhook has no secret configured")
        if not valid_signature(secret, body, request.headers.get(header)):
            raise reject(401, "bad_signature", f"missing or invalid {header}")
        return body

    async def publish(mentions: list[RawMention]) -> dict[str, int]:
        def send() -> None:
            for mention in mentions:
                producer.send(mention.key.encode(), mention.model_dump_json().encode())
            # Answer 200 only once Kafka has the mentions: a platform retries a webhook that
            # was not acknowledged, so a crash or restart here loses nothing.
            producer.flush()

        await run_in_threadpool(send)  # kafka-python blocks when its buffer is full
        counters["published"] += len(mentions)
        return {"published": len(mentions)}

    @app.get("/webhooks/meta", response_class=PlainTextResponse)
    async def meta_verify(mode: str = Query("", alias="hub.mode"),
                          token: str = Query("", alias="hub.verify_token"),
                          challenge: str = Query("", alias="hub.challenge")) -> str:
        if mode != "subscribe" or not meta_verify_token or not hmac.compare_digest(
                token, meta_verify_token):
            raise reject(403, "bad_verify_token", "verification token does not match")
        return challenge

    @app.post("/webhooks/meta")
    async def meta_events(request: Request) -> dict[str, int]:
        body = await signed_body(request, meta_app_secret, "x-hub-signature-256")
        counters["received"] += 1
        try:
            mentions = meta_mentions(orjson.loads(body), accounts)
        except orjson.JSONDecodeError as exc:
            raise reject(400, "malformed", f"not JSON: {exc}") from None
        except (KeyError, TypeError, ValueError, ValidationError) as exc:
            raise reject(422, "malformed", f"not a Meta payload we read: {exc}") from None
        return await publish(mentions)

    @app.post("/webhooks/generic")
    async def generic_events(request: Request) -> dict[str, int]:
        body = await signed_body(request, generic_secret, "x-webcare-signature")
        counters["received"] += 1
        try:
            parsed = _MENTIONS.validate_json(body)
        except ValidationError as exc:
            raise reject(422, "malformed", f"not raw mentions: {exc.errors()[0]['msg']} at "
                                           f"{exc.errors()[0]['loc']}") from None
        return await publish(parsed if isinstance(parsed, list) else [parsed])

    @app.get("/metrics")
    async def metrics() -> dict[str, Any]:
        uptime = time.monotonic() - started
        return {**counters, "uptime_s": round(uptime, 1),
                "publish_rate_per_s": round(counters["published"] / uptime, 2) if uptime else 0,
                "delivered": producer.delivered, "failed_deliveries": len(producer.failed),
                "lag": counters["published"] - producer.delivered - len(producer.failed)}

    return app
