"""The Faust app: topics, the de-duplication table and the agents of the roles asked for,
declared here and nowhere else. Each agent is a few lines in a module of its own around pure
logic; they share a ``WorkerContext``.

    mentions.raw --enrich_mentions--> Elasticsearch `mentions` + mentions.enriched
                                      + conversations.messages (partitioned by
                                      thread, packed: pipeline.packs)
    conversations.messages --track_conversations--> Elasticsearch `conversations` (and the
        conversation fields of each mention); a timer: quiet ones closed, service-level alerts
    mentions.enriched --match_alerts--> alerts
    alerts --deliver_alerts--> channels, Elasticsearch `alerts` (history), `alert-deliveries`
        failing receivers --> alerts.retry --retry_deliveries task--> (again, with pauses)
    any record that cannot be processed --> mentions.dlq (pipeline.errors)
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import faust

from alerting.channels.base import ChannelContext, SmtpServer
from alerting.delivery import Deliverer, DeliveryLog
from alerting.matcher import AlertMatcher
from alerting.outbound import OutboundPolicy
from conversations.ledger import policy_table
from core.elasticsearch import async_client
from core.kafka import tls_context
from core.service_levels import ServiceLevelRule
from core.settings import Settings
from core.topics import TopicNames
from models.enrich import Enricher
from pipeline.context import Topics, WorkerContext, send_all
from pipeline.conversation_agent import ConversationAgent
from pipeline.dedup import FirstDeliveryTable
from pipeline.delivery_agent import DeliveryAgent
from pipeline.enrichment_agent import EnrichmentAgent
from pipeline.enrichment_processes import BatchEnrichment, InProcess
from pipeline.errors import DeadLetters, ErrorPolicy, RecordPolicy
from pipeline.housekeeping import Housekeeping
from pipeline.matching_agent import MatchingAgent
from pipeline.monitor import BatchMonitor
from pipeline.role_processes import ROLES, Role
from pipeline.sink import ElasticsearchSink
from pipeline.subscriptions_sync import SubscriptionsSync
from pipeline.transport import hold_back

PACKS_BUFFERED = 1024  # Faust buffers 4,096 records a stream by default
_RAW: dict[str, Any] = {"key_type": bytes, "value_type": bytes, "key_serializer": "raw",
                        "value_serializer": "raw"}


def broker_credentials(settings: Settings) -> faust.auth.Credentials | None:
    """Faust's form of the Kafka security settings (``core.kafka`` builds the TLS context)."""
    context = tls_context(settings)
    if settings.kafka_security_protocol.startswith("SASL"):
        assert settings.kafka_password is not None  # the settings check this
        return faust.SASLCredentials(
            username=settings.kafka_username, password=settings.kafka_password.get_secret_value(),
            mechanism=settings.kafka_sasl_mechanism, ssl_context=context)
    return faust.SSLCredentials(context) if context is not None else None


# The most bytes of one partition's record batch. Faust's default (16 KiB, some 25 enriched
# mentions) made the worker send 40 batches for a batch of 1,000 mentions on one topic alone,
# and Kafka's CPU followed the batch count: with 512 KiB the broker kept 0.04-0.06 of a core
# busy instead of 0.10-0.21, and the worker wrote 3,314-3,693 mentions/s instead of
# 2,415-3,302 (benchmarks/pipeline_speed.py, five runs each, taking turns, 2026-12-07). It
# is a ceiling, not a wait: a quiet stream still sends after ``producer_linger``. Below the
# producer's request limit (1,000,000 bytes) and the broker's default message.max.bytes.
PRODUCER_BATCH_BYTES = 512 * 1024


def declare_app(settings: Settings, partitions: int, roles: tuple[Role, ...]) -> faust.App:
    app_id = settings.index_name("webcare-worker" if "enrich" in roles else "webcare-alerts")
    datadir = settings.home.resolve() / "worker" / app_id
    datadir.parent.mkdir(parents=True, exist_ok=True)
    return faust.App(
        app_id,
        broker=f"webcare-kafka://{settings.resolved_kafka()}",  # pipeline/transport.py
        broker_credentials=broker_credentials(settings),
        store="memory://", web_enabled=False, datadir=str(datadir),
        topic_partitions=partitions, topic_replication_factor=1, topic_disable_leader=True,
        consumer_auto_offset_reset="earliest", producer_acks=-1, producer_linger=0.005,
        producer_max_batch_size=PRODUCER_BATCH_BYTES,
        broker_commit_interval=1.0, table_standby_replicas=0,
        broker_session_timeout=settings.kafka_session_timeout_s,
        broker_heartbeat_interval=min(3.0, settings.kafka_session_timeout_s / 3),
        # A rebalance waits for the batch in hand: committing around a batch still running let
        # a SIGKILL-and-restart test lose messages. A stop that cannot finish it (Elasticsearch
        # away) is ended by the worker's deadline (pipeline/worker.py) and loses nothing.
        stream_wait_empty=True,
        Monitor=BatchMonitor,
    )


def declare_topics(app: faust.App, names: TopicNames, partitions: int) -> Topics:
    return Topics(raw=app.topic(names.raw, partitions=partitions, **_RAW),
                  enriched=app.topic(names.enriched, **_RAW), dlq=app.topic(names.dlq, **_RAW),
                  alerts=app.topic(names.alerts, **_RAW),
                  retries=app.topic(names.alert_retries, **_RAW),
                  # Packs of messages (pipeline.packs): a lagging stream buffers fewer of
                  # them than of single mentions, for about as many bytes.
                  conversations=app.topic(names.conversation_messages, partitions=partitions,
                                          maxsize=PACKS_BUFFERED, **_RAW))


def create_app(
    settings: Settings, enricher: Enricher | BatchEnrichment | None, *,
    error_policy: ErrorPolicy = "dead-letter",
    partitions: int | None = None, team_brands: dict[str, frozenset[str] | None] | None = None,
    roles: tuple[Role, ...] = ROLES,
    service_levels: dict[str, tuple[str, ServiceLevelRule]] | None = None,
) -> faust.App:
    """``roles`` picks the agents: ``enrich`` (mentions.raw -> index + mentions.enriched) and
    ``alerts`` (matching and delivery). One process runs both by default; under load, run one
    process per role (``webcare worker --role enrich`` and ``--role alerts``), each its own
    consumer group, so they use a core each. ``service_levels``: brand -> (owning team, its
    rule), from the teams file. Nothing connects before the worker starts."""
    partitions = partitions or settings.partitions
    app = declare_app(settings, partitions, roles)
    names = TopicNames.for_settings(settings)
    topics = declare_topics(app, names, partitions)
    es = async_client(settings, timeout_s=60)
    dead_letters = DeadLetters(lambda messages: send_all(topics.dlq, messages),
                               max_bytes=settings.dead_letter_max_bytes, policy=error_policy)
    context = WorkerContext(settings, names, topics, es,
                            ElasticsearchSink(es, settings.es_address()),
                            RecordPolicy(dead_letters),
                            hold_back=lambda records: hold_back(app, records))
    upkeep = Housekeeping(context, app)
    app.task(upkeep.install_templates)
    app.timer(10.0)(upkeep.report)
    app.timer(1.0)(upkeep.reread_skipped)
    app.timer(30.0)(upkeep.release_memory)
    if "enrich" in roles:
        if enricher is None:
            raise ValueError("the enrich role needs an enricher")
        _enrich_role(app, context, enricher, partitions)
    deliverer = Deliverer(DeliveryLog(es, settings.index_name("alert-deliveries")),
                          ChannelContext(SmtpServer.from_settings(settings),
                                         OutboundPolicy.allowing(settings.outbound_allow)))
    if "alerts" in roles:
        sync = _alerts_role(app, context, team_brands or {"default": None}, deliverer)
        _conversations(app, context, sync, partitions, service_levels or {})

    async def close_clients(_app: Any, *_args: Any, **_kwargs: Any) -> None:
        await deliverer.close()
        await es.close()

    app.on_before_shutdown.connect(close_clients)  # type: ignore[arg-type]
    return app


def _enrich_role(app: faust.App, context: WorkerContext,
                 enricher: Enricher | BatchEnrichment, partitions: int) -> None:
    # key -> where and when it was first delivered (pipeline.dedup: a packed int in memory,
    # "partition:offset@time" in the changelog). bytes keys use the "raw" codec, so the
    # changelog is partitioned like mentions.raw (same key bytes, same murmur2 partitioner): a
    # worker owns the entries of exactly the raw partitions it consumes. A timer forgets
    # entries older than the de-duplication window.
    first_seen = app.tables.add(FirstDeliveryTable(
        app, name="first-delivery", default=None, beacon=app.tables.beacon, key_type=bytes,
        value_type=bytes, partitions=partitions, use_partitioner=True))
    enrichment = InProcess(enricher) if isinstance(enricher, Enricher) else enricher
    agent = EnrichmentAgent(context, enrichment, first_seen)
    app.agent(context.topics.raw, name="enrich_mentions")(agent.enrich_mentions)
    app.timer(context.settings.dedup_sweep_s)(agent.forget_old)


def _alerts_role(app: faust.App, context: WorkerContext,
                 team_brands: dict[str, frozenset[str] | None],
                 deliverer: Deliverer) -> SubscriptionsSync:
    sync = SubscriptionsSync(context, AlertMatcher(team_brands))
    app.timer(1.0)(sync.refresh)
    app.timer(5.0)(sync.save_spike_windows)
    matching = MatchingAgent(context, sync)
    app.agent(context.topics.enriched, name="match_alerts")(matching.match_alerts)
    delivery = DeliveryAgent(context, sync, deliverer)
    app.agent(context.topics.alerts, name="deliver_alerts")(delivery.deliver_alerts)
    app.task(delivery.retry_deliveries)
    return sync


def _conversations(app: faust.App, context: WorkerContext, sync: SubscriptionsSync,
                   partitions: int,
                   service_levels: dict[str, tuple[str, ServiceLevelRule]]) -> None:
    # thread key -> its latest conversations (JSON). Partitioned like conversations.messages (raw
    # bytes, the producer's partitioner), so the sweep timer can write outside the stream.
    threads = app.Table("conversation-threads", default=None, key_type=bytes,
                        value_type=bytes, partitions=partitions, use_partitioner=True)
    settings = context.settings
    policies = policy_table(service_levels,
                            timedelta(minutes=settings.conversation_quiet_minutes))
    tracker = ConversationAgent(context, sync, app, threads, policies)
    app.agent(context.topics.conversations, name="track_conversations")(
        tracker.track_conversations)
    app.timer(settings.conversation_sweep_s)(tracker.sweep)
