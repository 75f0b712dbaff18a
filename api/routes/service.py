"""Service reports: ``GET /v1/service-level``, ``/v1/agents``, ``/v1/share-of-voice`` and
``/v1/report`` (a period's KPIs), scoped to the key's team. The bodies and their reading are
``conversations.reports``."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter

from api.deps import PeriodDep, ServicesDep, TeamDep
from conversations import reports

router = APIRouter(prefix="/v1", tags=["service"])
Interval = Literal["hour", "day", "week", "month"]


@router.get("/service-level")
async def service_level(team: TeamDep, services: ServicesDep, found: PeriodDep,
                        interval: Interval = "day") -> dict[str, Any]:
    """Share of first responses within the service level: overall, per day, per hour of the
    week (in the rule's time zone) and per channel."""
    answer = await services.search(services.settings.index_name("conversations"),
                                    reports.service_level_body(found.scope(team.brands),
                                                               interval))
    rule = team.service_level
    return {"rule": rule.model_dump() if rule else None,
            "target": rule.target if rule else None, **reports.read_service_level(answer)}


@router.get("/agents")
async def agents(team: TeamDep, services: ServicesDep, found: PeriodDep) -> dict[str, Any]:
    """Per agent (the signature on the brand's replies): conversations handled, first response
    times, share within the service level, customers' follow-ups, flagged replies."""
    scope, settings = found.scope(team.own_brands), services.settings
    conversations = await services.search(settings.index_name("conversations"),
                                          reports.agents_conversation_body(scope))
    mentions = await services.search(settings.index_name("mentions"),
                                      reports.agents_mention_body(scope))
    return {"agents": reports.read_agents(conversations, mentions)}


@router.get("/share-of-voice")
async def share_of_voice(team: TeamDep, services: ServicesDep, found: PeriodDep,
                         interval: Interval = "day") -> dict[str, Any]:
    """The team's brands beside its competitors: customers' mentions, sentiment, over time."""
    answer = await services.search(services.settings.index_name("mentions"),
                                   reports.share_of_voice_body(found.scope(team.brands),
                                                               interval))
    return reports.read_share_of_voice(answer, team.own_brands, team.competitors)


@router.get("/report")
async def report(team: TeamDep, services: ServicesDep, found: PeriodDep) -> dict[str, Any]:
    """A period's KPIs for the team's own brands: volume per channel, sentiment, questions,
    complaints and compliments, conversations answered and open, response times, service
    level; per-agent figures and share of voice beside it."""
    scope, settings = found.scope(team.own_brands), services.settings
    conversations = await services.search(settings.index_name("conversations"),
                                          reports.kpi_conversation_body(scope))
    mentions = await services.search(settings.index_name("mentions"),
                                     reports.kpi_mention_body(scope))
    return {"since": found.since.isoformat(), "until": found.until.isoformat(),
            "kpis": reports.read_kpis(conversations, mentions),
            "agents": (await agents(team, services, found))["agents"],
            "share_of_voice": (await share_of_voice(team, services, found))["brands"]}
