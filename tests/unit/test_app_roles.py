"""The Faust app declares the agents of the roles asked for (nothing connects at creation)."""

from __future__ import annotations

from pathlib import Path

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
