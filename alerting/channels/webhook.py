"""Signed webhooks: the alert as JSON with ``X-Webcare-Signature: sha256=<hex HMAC-SHA256 of the
body with the subscription's secret>``, ``X-Webcare-Delivery: <alert id>`` (stable: receivers can
de-duplicate on it) and ``X-Webcare-Event: mention|spike``."""

from __future__ import annotations

import hashlib
import hmac

from pydantic import (
    AnyHttpUrl,
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    SerializationInfo,
    field_serializer,
)

from alerting.alerts import Alert, alert_json
from alerting.channels.base import Channel, ChannelContext, post_json

REVEAL_SECRETS = "reveal_secrets"
MASK = "**********"


class WebhookConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    url: AnyHttpUrl
    secret: SecretStr = Field(min_length=16,
                              description="HMAC-SHA256 key for X-Webcare-Signature; write-only")

    @field_serializer("secret", when_used="json")
    def _write_only(self, value: SecretStr, info: SerializationInfo) -> str:
        """Masked in every JSON answer; only the store asks for it (``REVEAL_SECRETS``)."""
        return value.get_secret_value() if (info.context or {}).get(REVEAL_SECRETS) else MASK


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


async def send(config: WebhookConfig, alert: Alert, context: ChannelContext) -> None:
    body = alert_json(alert)
    await post_json(context, str(config.url), body, {
        "x-webcare-signature": sign(config.secret.get_secret_value(), body),
        "x-webcare-delivery": alert.id, "x-webcare-event": alert.kind})


CHANNEL = Channel("webhook", WebhookConfig, send)
