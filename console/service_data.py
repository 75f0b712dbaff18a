"""What the service page shows, read through the API's services with the report bodies of
``conversations.reports``: the conversations waiting for an answer (nearest deadline first),
the service level per day, the per-agent table and share of voice, as plain tables."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from api.deps import Services
from console.trend_data import RANGES, Table
from conversations import reports
from conversations.reports import Scope
from core.teams import Team

WAITING_ROWS = 50
SENTIMENTS = ("positive", "neutral", "negative")


@dataclass
class ServicePage:
    range: str
    target: float | None
    waiting: list[dict[str, Any]]
    waiting_total: int
    level: dict[str, Any]
    level_per_day: Table  # share within the service level, in percent
    agents: list[dict[str, Any]]
    share_of_voice: Table  # customers' mentions per brand, split by sentiment
    sides: dict[str, str]  # brand -> own / competitor


def _level_table(per_day: list[dict[str, Any]]) -> Table:
    return Table(["within"], [(row["day"], [round(100 * row["attainment"], 1)
                                            if row["attainment"] is not None else 0.0])
                              for row in per_day])


def _sov_table(brands: list[dict[str, Any]]) -> Table:
    return Table(list(SENTIMENTS), [(b["brand"], [float(b[s]) for s in SENTIMENTS])
                                    for b in brands])


async def service_page(services: Services, team: Team, range_name: str,
                       now: datetime | None = None) -> ServicePage:
    until = now or datetime.now(UTC)
    since = until - RANGES[range_name][0]
    own = Scope(team.own_brands, since, until)
    seen = Scope(team.brands, since, until)
    conversations = services.settings.index_name("conversations")
    mentions = services.settings.index_name("mentions")
    # Addressed to the brand and not answered yet; a post that only names the brand waits
    # for nobody (it is in the inbox).
    waiting = await services.search(conversations, reports.open_conversations_body(
        own, WAITING_ROWS, {"term": {"contact": "reactive"}}))
    level = reports.read_service_level(
        await services.search(conversations, reports.service_level_body(own)))
    agents = reports.read_agents(
        await services.search(conversations, reports.agents_conversation_body(own)),
        await services.search(mentions, reports.agents_mention_body(own)))
    sov = reports.read_share_of_voice(
        await services.search(mentions, reports.share_of_voice_body(seen)),
        team.own_brands, team.competitors)
    return ServicePage(
        range=range_name, target=team.service_level.target if team.service_level else None,
        waiting=[h["_source"] for h in waiting["hits"]["hits"]] if waiting else [],
        waiting_total=waiting["hits"]["total"]["value"] if waiting else 0,
        level=level, level_per_day=_level_table(level["per_day"]), agents=agents,
        share_of_voice=_sov_table(sov["brands"]),
        sides={b["brand"]: b["side"] for b in sov["brands"]})
