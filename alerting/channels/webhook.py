"""Signed webhooks: the alert as JSON with ``X-Webcare-Signature: sha256=<hex HMAC-SHA256 of the
body with the subscription's secret>``, ``X-Webcare-Delivery: <alert id>`` (stable: receivers can
de-duplicate on it) and ``X-Webcare-Event: mention|spike``."""

from __future__ import annotations

import hashlib
import hmac

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field

from alerting.alerts import Alert, alert_json
from alerting.channels.base import Channel, ChannelContext, post_json


class WebhookConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    url: AnyHttpUrl
    secret: str = Field(min_length=16, description="HMAC-SHA256 key for X-Webcare-Signature")


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


async def send(config: WebhookConfig, alert: Alert, context: ChannelContext) -> None:
    body = alert_json(alert)
    await post_json(context, str(config.url), body, {
        "x-webcare-signature": sign(config.secret, body),
        "x-webcare-delivery": alert.id, "x-webcare-event": alert.kind})


CHANNEL = Channel("webhook", WebhookConfig, send)
