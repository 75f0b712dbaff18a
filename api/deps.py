"""The API's dependencies: the team behind an API key, the services built at start-up, the
mention filters of the search and trends endpoints, and the period of the service reports."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from elasticsearch import AsyncElasticsearch
from fastapi import Depends, Header, HTTPException, Query, Request

from alerting.outbound import OutboundPolicy
from alerting.store import SubscriptionStore
from api.queries import BadRequest, MentionFilters
from conversations.reports import Scope
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


DEFAULT_DAYS = 7
MAX_DAYS = 400


@dataclass(frozen=True)
class Period:
    since: datetime
    until: datetime
    brands: list[str]
    channels: list[str]

    def scope(self, team_brands: list[str] | None) -> Scope:
        return Scope(team_brands, self.since, self.until, self.channels, self.brands)


def _aware(moment: datetime) -> datetime:
    """A time without a zone is UTC, as everywhere in the API."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def period(
    since: datetime | None = None, until: datetime | None = None,
    brand: Annotated[list[str], Query()] = [],  # noqa: B006 (FastAPI's list params)
    channel: Annotated[list[str], Query()] = [],  # noqa: B006
) -> Period:
    """``since``..``until`` (default: the last 7 days), optionally some brands or channels."""
    end = _aware(until) if until else datetime.now(UTC)
    try:
        start = _aware(since) if since else end - timedelta(days=DEFAULT_DAYS)
    except OverflowError:
        raise BadRequest("until is too early to look back from") from None
    if not start < end or end - start > timedelta(days=MAX_DAYS):
        raise BadRequest(f"since must come before until, at most {MAX_DAYS} days apart")
    return Period(start, end, brand, channel)


PeriodDep = Annotated[Period, Depends(period)]
