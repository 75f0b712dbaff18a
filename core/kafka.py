"""One factory for the aiokafka consumers the worker and the API open beside Faust's own, with
the house defaults (commits are always explicit). The ingest side's producer is
``agents.producer.MentionProducer``; Faust builds the worker's clients from the app's config."""

from __future__ import annotations

import ssl
from typing import Any

from aiokafka import AIOKafkaConsumer

from core.settings import Settings

HOUSE_DEFAULTS: dict[str, Any] = {
    "enable_auto_commit": False,
    "client_id": "webcare",
    "request_timeout_ms": 30_000,
}


def tls_context(settings: Settings) -> ssl.SSLContext | None:
    """Certificates verified against the configured CA (or the system's) where TLS is on."""
    if settings.kafka_security_protocol not in ("SSL", "SASL_SSL"):
        return None
    return ssl.create_default_context(
        cafile=str(settings.kafka_ca_file) if settings.kafka_ca_file else None)


def aiokafka_security(settings: Settings) -> dict[str, Any]:
    """The security options of an aiokafka client (consumers here, the worker's Faust app
    through ``pipeline.app``)."""
    options: dict[str, Any] = {"security_protocol": settings.kafka_security_protocol}
    context = tls_context(settings)
    if context is not None:
        options["ssl_context"] = context
    if settings.kafka_security_protocol.startswith("SASL"):
        assert settings.kafka_password is not None  # the settings check this
        options.update(sasl_mechanism=settings.kafka_sasl_mechanism,
                       sasl_plain_username=settings.kafka_username,
                       sasl_plain_password=settings.kafka_password.get_secret_value())
    return options


def kafka_python_security(settings: Settings) -> dict[str, Any]:
    """The same for kafka-python clients (the ingest producer, the topic admin)."""
    options: dict[str, Any] = {"security_protocol": settings.kafka_security_protocol}
    if settings.kafka_security_protocol in ("SSL", "SASL_SSL"):
        options["ssl_context"] = tls_context(settings)
    if settings.kafka_security_protocol.startswith("SASL"):
        assert settings.kafka_password is not None
        options.update(sasl_mechanism=settings.kafka_sasl_mechanism,
                       sasl_plain_username=settings.kafka_username,
                       sasl_plain_password=settings.kafka_password.get_secret_value())
    return options


def aio_consumer(settings: Settings, *topics: str, group: str | None = None,
                 **options: Any) -> AIOKafkaConsumer:
    """A consumer of ``topics``; ``group`` is namespaced like every other name."""
    session_ms = int(settings.kafka_session_timeout_s * 1000)
    group_timing = {"session_timeout_ms": session_ms,
                    "heartbeat_interval_ms": min(3000, session_ms // 3)}
    merged = {**HOUSE_DEFAULTS, **group_timing, **aiokafka_security(settings), **options}
    return AIOKafkaConsumer(*topics, bootstrap_servers=settings.resolved_kafka(),
                            group_id=settings.index_name(group) if group else None, **merged)
