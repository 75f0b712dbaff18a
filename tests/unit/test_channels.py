"""Delivery channels are plug-ins: a name, a typed config validated when a subscription is
saved, and a send. E-mail goes through a real SMTP server (aiosmtpd on loopback) with STARTTLS
and a login."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from alerting.alerts import Alert
from alerting.channels import CHANNELS
from alerting.channels.base import ChannelContext, PermanentFailure
from alerting.channels.base import SmtpServer as SmtpSettings
from alerting.delivery import Deliverer
from alerting.subscriptions import Delivery, Subscription, SubscriptionSpec
from deploy.local.certificates import make_certificates
from tests.support.delivery import MemoryLog
from tests.support.smtp import PASSWORD, USER, SmtpServer


def alert() -> Alert:
    now = datetime.now(UTC).isoformat()
    return Alert.model_validate({
        "id": "alert-1", "kind": "mention", "team": "care", "subscription_id": "sub-1",
        "subscription_name": "KPN storingen", "created_at": now,
        "mention": {"doc_id": "twitter:1", "source": "twitter", "author": "klant",
                    "text": "Storing bij KPN in Utrecht", "created_at": now, "language": "nl",
                    "sentiment": "negative", "sentiment_score": -0.6, "contact": "proactive",
                    "intents": ["complaint"], "brands": ["kpn"], "hashtags": []}})


def test_every_registered_channel_is_a_field_of_delivery() -> None:
    assert set(Delivery.model_fields) - {"sse"} == set(CHANNELS)


@pytest.mark.parametrize("delivery, path", [
    ({"email": {"to": ["not-an-address"]}}, "delivery.email.to.0"),
    ({"email": {"to": []}}, "delivery.email.to"),
    ({"webhook": {"url": "https://example.org/h", "secret": "short"}}, "delivery.webhook.secret"),
    ({"teams": {"url": "https://example.org/h"}}, "delivery.teams"),
])
def test_a_bad_channel_config_fails_naming_the_field(delivery: dict[str, Any],
                                                       path: str) -> None:
    with pytest.raises(ValidationError) as caught:
        SubscriptionSpec.model_validate({"name": "x", "delivery": delivery})
    assert path in {".".join(str(p) for p in e["loc"]) for e in caught.value.errors()}


def smtp_settings(port: int, ca_file: Path, password: str = PASSWORD) -> SmtpSettings:
    return SmtpSettings("127.0.0.1", port, "webcare@example.org", USER, password,
                        starttls=True, tls=False, timeout_s=10, ca_file=str(ca_file))


def subscription() -> Subscription:
    now = datetime.now(UTC).isoformat()
    return Subscription.model_validate({
        "id": "sub-1", "team": "care", "name": "KPN storingen", "created_at": now,
        "updated_at": now, "delivery": {"sse": False, "email": {
            "to": ["webcare@example.org", "team@example.org"]}}})


def test_email_alerts_arrive_over_starttls_with_a_login_once_each(tmp_path: Path) -> None:
    certificate = make_certificates(tmp_path)
    with SmtpServer(certificate) as server:
        async def scenario() -> list[Any]:
            log = MemoryLog()
            deliverer = Deliverer(log, ChannelContext(  # type: ignore[arg-type]
                smtp_settings(server.port, certificate.ca_file)))
            first = await deliverer.deliver([(alert(), subscription())])
            again = await deliverer.deliver([(alert(), subscription())])  # a replay
            await deliverer.close()
            return [first, again, log.status]

        first, again, status = asyncio.run(scenario())
    assert first == [] and again == [] and status == {"alert-1:email": "delivered"}
    [mail] = server.inbox.messages
    assert mail["To"] == "webcare@example.org, team@example.org"
    assert mail["Subject"].startswith("[webcare] KPN storingen")
    assert mail["Message-ID"] == "<alert-1@webcare>"
    assert "Storing bij KPN in Utrecht" in mail.get_payload()


def test_a_refused_login_is_a_permanent_failure(tmp_path: Path) -> None:
    certificate = make_certificates(tmp_path)
    config = CHANNELS["email"].config.model_validate({"to": ["webcare@example.org"]})
    with SmtpServer(certificate) as server:
        context = ChannelContext(smtp_settings(server.port, certificate.ca_file, "wrong"))
        async def send() -> None:
            await CHANNELS["email"].send(config, alert(), context)

        with pytest.raises(PermanentFailure, match="SMTP 535"):
            asyncio.run(send())
    assert server.inbox.messages == []
