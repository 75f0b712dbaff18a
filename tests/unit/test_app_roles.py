"""The Faust app declares the agents of the roles asked for (nothing connects at creation)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from core.settings import Settings
from models.brands import BrandConfig
from models.enrich import Enricher
from pipeline.app import create_app


@pytest.mark.parametrize("roles, agents, group", [
    (("enrich", "alerts"), {"enrich_mentions", "match_alerts", "deliver_alerts",
                            "track_conversations"}, "webcare-worker"),
    (("enrich",), {"enrich_mentions"}, "webcare-worker"),
    (("alerts",), {"match_alerts", "deliver_alerts", "track_conversations"}, "webcare-alerts"),
])
def test_roles_choose_the_agents_and_the_consumer_group(
    tmp_path: Path, roles: tuple[str, ...], agents: set[str], group: str
) -> None:
    settings = Settings(home=tmp_path, kafka_bootstrap="127.0.0.1:1", es_url="http://127.0.0.1:1")
    app = create_app(settings, Enricher(BrandConfig()), roles=roles)  # type: ignore[arg-type]
    assert {name.rsplit(".", 1)[-1] for name in app.agents} == agents
    assert app.conf.id == group
    assert ("first-delivery" in app.tables) == ("enrich" in roles)
    assert ("conversation-threads" in app.tables) == ("alerts" in roles)


def test_the_monitor_keeps_no_books_per_message_but_still_per_commit(tmp_path: Path) -> None:
    from faust.types import TP
    from faust.types.tuples import Message

    settings = Settings(home=tmp_path, kafka_bootstrap="127.0.0.1:1", es_url="http://127.0.0.1:1")
    monitor = create_app(settings, Enricher(BrandConfig()), roles=("enrich",)).monitor
    tp = TP("mentions.raw", 0)
    message = Message("mentions.raw", 0, 7, 0.0, 0, None, b"k", b"v", None)
    monitor.on_message_in(tp, 7, message)
    monitor.on_message_out(tp, 7, message)
    assert monitor.messages_received_total == 0 and not monitor.tp_read_offsets
    assert message.time_in is None
    monitor.on_tp_commit({tp: 7})
    assert monitor.tp_committed_offsets == {tp: 7}


@pytest.mark.parametrize("session_s", [10.0, 45.0])
def test_a_dead_workers_partitions_move_after_the_session_timeout(
    tmp_path: Path, session_s: float
) -> None:
    """Both the worker's consumer group and the alert retries' one take the configured session
    timeout, with heartbeats often enough (a third of it, at most every 3 s) to keep it."""
    from core.kafka import aio_consumer

    settings = Settings(home=tmp_path, kafka_bootstrap="127.0.0.1:1", es_url="http://127.0.0.1:1",
                        kafka_session_timeout_s=session_s)
    conf = create_app(settings, Enricher(BrandConfig())).conf
    assert (conf.broker_session_timeout, conf.broker_heartbeat_interval) == (session_s, 3.0)
    assert conf.broker_session_timeout < conf.broker_request_timeout

    async def options() -> dict[str, Any]:  # aiokafka builds its consumers inside a loop
        consumer = aio_consumer(settings, "alerts.retry", group="g")
        await consumer.stop()  # never started: nothing to close but its client
        return {"session": consumer._session_timeout_ms,
                "heartbeat": consumer._heartbeat_interval_ms}

    assert asyncio.run(options()) == {"session": session_s * 1000, "heartbeat": 3000}


def test_a_session_timeout_the_broker_would_refuse_is_refused_at_start(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="kafka_session_timeout_s"):
        Settings(home=tmp_path, kafka_session_timeout_s=3)


def test_a_record_batch_holds_hundreds_of_mentions_and_fits_one_request_and_one_fetch(
    tmp_path: Path
) -> None:
    """Kafka's CPU follows the number of record batches (pipeline/app.py): one holds hundreds
    of enriched mentions (about 650 bytes each), and still fits in one produce request and in
    one partition's fetch."""
    settings = Settings(home=tmp_path, kafka_bootstrap="127.0.0.1:1", es_url="http://127.0.0.1:1")
    conf = create_app(settings, Enricher(BrandConfig())).conf
    assert conf.producer_max_batch_size >= 300 * 650
    assert conf.producer_max_batch_size < conf.producer_max_request_size
    assert conf.producer_max_batch_size <= conf.consumer_max_fetch_size
