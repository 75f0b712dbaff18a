"""``webcare api``: FastAPI over Elasticsearch (and Kafka for the live alert stream).

Every request is scoped to the team its API key (``X-API-Key``) belongs to: a team sees only
its brands' mentions, and only its own subscriptions and alerts. OpenAPI at ``/docs``. The
endpoints are in ``api.routes``, one router per resource; their shared services in
``api.deps``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from elasticsearch import BadRequestError
from elasticsearch import ConnectionError as ESConnectionError
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from alerting.outbound import OutboundPolicy
from alerting.store import SubscriptionStore
from api.deps import Services
from api.queries import BadRequest
from api.routes import (
    alerts,
    conversations,
    health,
    mentions,
    service,
    subscriptions,
    trends,
)
from core.elasticsearch import async_client
from core.settings import Settings
from core.teams import Teams
from query.syntax import QueryError


def _error(status: int, detail: str) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status)


def add_error_handlers(app: FastAPI) -> None:
    """Bad input is a 4xx that says why; an unreachable Elasticsearch a 503 without its
    address (which may carry credentials)."""
    async def bad_query(_request: Request, exc: Exception) -> JSONResponse:
        return _error(400, f"invalid query: {exc}")

    async def bad_request(_request: Request, exc: Exception) -> JSONResponse:
        return _error(400, str(exc))

    async def es_rejected(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, BadRequestError)
        return _error(400, f"search rejected: {exc.message}")

    async def es_down(_request: Request, _exc: Exception) -> JSONResponse:
        return _error(503, "Elasticsearch is not reachable")

    app.add_exception_handler(QueryError, bad_query)
    app.add_exception_handler(BadRequest, bad_request)
    app.add_exception_handler(BadRequestError, es_rejected)
    app.add_exception_handler(ESConnectionError, es_down)


def create_api(settings: Settings, teams: Teams) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        es = async_client(settings)
        app.state.services = Services(
            settings, teams, es, SubscriptionStore(es, settings.index_name("subscriptions")),
            OutboundPolicy.allowing(settings.outbound_allow))
        yield
        await es.close()

    app = FastAPI(title="webcare", version="1", lifespan=lifespan,
                  description="Search, trends, subscriptions and alerts for webcare teams.")
    app.state.teams = teams
    add_error_handlers(app)
    for module in (mentions, trends, conversations, service, subscriptions, alerts, health):
        app.include_router(module.router)
    return app
