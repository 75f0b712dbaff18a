"""One factory for the aiokafka consumers the worker and the API open beside Faust's own, with
the house defaults (commits are always explicit). The ingest side's producer is
``agents.producer.MentionProducer``; Faust builds the worker's clients from the app's config."""

from __future__ import annotations

from typing import Any

from aiokafka import AIOKafkaConsumer

from core.settings import Settings

HOUSE_DEFAULTS: dict[str, Any] = {
    "enable_auto_commit": False,
    "client_id": "webcare",
    "request_timeout_ms": 30_000,
}


def aio_consumer(settings: Settings, *topics: str, group: str | None = None,
                 **options: Any) -> AIOKafkaConsumer:
    """A consumer of ``topics``; ``group`` is namespaced like every other name."""
    merged = {**HOUSE_DEFAULTS, **options}
    return AIOKafkaConsumer(*topics, bootstrap_servers=settings.resolved_kafka(),
                            group_id=settings.index_name(group) if group else None, **merged)
