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
