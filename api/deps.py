"""The API's dependencies: the team behind an API key, the services built at start-up, and
the mention filters of the search and trends endpoints."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any

from elasticsearch import AsyncElasticsearch
from fastapi import Depends, Header, HTTPException, Query, Request

from alerting.outbound import OutboundPolicy
from alerting.store import SubscriptionStore
from api.queries import MentionFilters
from core.settings import Settings
from core.teams import Team, Teams
from schemas.mentions import ContactType, Intent, SentimentLabel


@dataclass
class Services:
    """Built in the app's lifespan, one per process; routers get them as dependencies."""

    settings: Settings
    teams: Teams
    es: AsyncElasticsearch
    subscriptions: SubscriptionStore
    outbound: OutboundPolicy
    live_streams: Counter[str] = field(default_factory=Counter)  # open per team

    async def search(self, index: str, body: dict[str, Any]) -> Any:
        """A search, or None when the alias does not exist yet (nothing indexed)."""
        if not await self.es.indices.exists_alias(name=index):
            return None
        return await self.es.search(index=index, **body)


def services(request: Request) -> Services:
    found: Services = request.app.state.services
    return found


ServicesDep = Annotated[Services, Depends(services)]


def team_for(request: Request, x_api_key: Annotated[str | None, Header()] = None) -> Team:
    teams: Teams = request.app.state.teams
    team = teams.by_key(x_api_key) if x_api_key else None
    if team is None:
        raise HTTPException(401, "missing or unknown API key (header X-API-Key)")
    return team


TeamDep = Annotated[Team, Depends(team_for)]


def mention_filters(
    q: Annotated[str | None, Query(description="Boolean query, e.g. "
                                   '"abn amro" AND NOT vacature', max_length=2000)] = None,
    brand: Annotated[list[str], Query()] = [],  # noqa: B006 (FastAPI's list params)
    hashtag: Annotated[list[str], Query()] = [],  # noqa: B006
    contact: Annotated[list[ContactType], Query()] = [],  # noqa: B006
    intent: Annotated[list[Intent], Query()] = [],  # noqa: B006
    sentiment: Annotated[list[SentimentLabel], Query()] = [],  # noqa: B006
    language: Annotated[list[str], Query()] = [],  # noqa: B006
    source: Annotated[list[str], Query()] = [],  # noqa: B006
    author: Annotated[list[str], Query()] = [],  # noqa: B006
    since: datetime | None = None,
    until: datetime | None = None,
) -> MentionFilters:
    return MentionFilters(q, brand, hashtag, list(contact), list(intent), list(sentiment),
                          language, source, author, since, until)


FiltersDep = Annotated[MentionFilters, Depends(mention_filters)]
