"""Topic names and their creation: shared by the ingest agents, the worker and the API, so it
lives on the ground floor and never imports Faust."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass

from core.errors import ServiceUnavailable
from core.kafka import kafka_python_security
from core.network import any_listening
from core.settings import Settings

RAW = "mentions.raw"
ENRICHED = "mentions.enriched"
DLQ = "mentions.dlq"
ALERTS = "alerts"
ALERT_RETRIES = "alerts.retry"  # deliveries whose receiver failed, waiting for their next try
# Platform payloads an ingest agent could not map (or mapped only in part), kept whole.
AGENTS_DLQ = "agents.dlq"
# Enriched mentions re-keyed by their thread (brand, channel, customer) for the tracker.
CONVERSATION_MESSAGES = "conversations.messages"


@dataclass(frozen=True)
class TopicNames:
    raw: str
    enriched: str
    dlq: str
    alerts: str
    alert_retries: str
    agents_dlq: str
    conversation_messages: str

    @classmethod
    def for_settings(cls, settings: Settings) -> TopicNames:
        return cls(settings.topic(RAW), settings.topic(ENRICHED), settings.topic(DLQ),
                   settings.topic(ALERTS), settings.topic(ALERT_RETRIES),
                   settings.topic(AGENTS_DLQ), settings.topic(CONVERSATION_MESSAGES))

    def all(self) -> list[str]:
        return [self.raw, self.enriched, self.dlq, self.alerts, self.alert_retries,
                self.agents_dlq, self.conversation_messages]


def ensure_topics(settings: Settings) -> dict[str, int]:
    """Create missing topics (partitions from settings); return each topic's partition count."""
    from kafka import KafkaAdminClient
    from kafka.admin import NewTopic
    from kafka.errors import KafkaError, TopicAlreadyExistsError

    bootstrap = settings.resolved_kafka()
    names = TopicNames.for_settings(settings)
    if not any_listening(bootstrap):
        raise ServiceUnavailable("Kafka", bootstrap, "Start it with `webcare local up`.")
    try:
        admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="webcare-admin",
                                 request_timeout_ms=10_000, **kafka_python_security(settings))
    except (KafkaError, OSError) as exc:
        raise ServiceUnavailable("Kafka", bootstrap, "Start it with `webcare local up`.",
                                 exc) from None
    try:
        existing = set(admin.list_topics())
        wanted = [
            NewTopic(name, num_partitions=settings.partitions, replication_factor=1,
                     topic_configs={"retention.ms": str(30 * 24 * 3600 * 1000)}
                     if name in (names.dlq, names.agents_dlq) else {})
            for name in names.all() if name not in existing
        ]
        if wanted:
            with suppress(TopicAlreadyExistsError):  # a concurrent start created it first
                admin.create_topics(wanted)
        described = admin.describe_topics(names.all())
        return {t["name"]: len(t["partitions"]) for t in described}
    except KafkaError as exc:
        raise ServiceUnavailable("Kafka", bootstrap, "Is the broker healthy?", exc) from None
    finally:
        admin.close()
