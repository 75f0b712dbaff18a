"""``webcare api``: FastAPI over Elasticsearch (and Kafka for the live alert stream).

Every request is scoped to the team its API key (``X-API-Key``) belongs to: a team sees only
its brands' mentions, and only its own subscriptions and alerts. OpenAPI at ``/docs``.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Annotated, Any, Literal

import orjson
from elasticsearch import AsyncElasticsearch, BadRequestError
from elasticsearch import ConnectionError as ESConnectionError
from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse

from api.queries import (
    INTERVALS,
    SORTS,
    TOP_FIELDS,
    TREND_FIELDS,
    BadRequest,
    MentionFilters,
    SortKey,
    decode_cursor,
    encode_cursor,
    scoped_query,
    trend_aggs,
)
from models.query import QueryError
from pipeline.subscription_store import SubscriptionStore
from pipeline.topics import TopicNames
from schemas.subscriptions import Subscription, SubscriptionSpec
from webcare.settings import Settings
from webcare.teams import Team, Teams

MAX_PAGE = 500


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
    contact: Annotated[list[Literal["reactive", "proactive"]], Query()] = [],  # noqa: B006
    intent: Annotated[list[Literal["question", "complaint", "compliment"]],
                      Query()] = [],  # noqa: B006
    sentiment: Annotated[list[Literal["positive", "neutral", "negative"]],
                         Query()] = [],  # noqa: B006
    language: Annotated[list[str], Query()] = [],  # noqa: B006
    source: Annotated[list[str], Query()] = [],  # noqa: B006
    author: Annotated[list[str], Query()] = [],  # noqa: B006
    since: datetime | None = None,
    until: datetime | None = None,
) -> MentionFilters:
    return MentionFilters(q, brand, hashtag, list(contact), list(intent), list(sentiment),
                          language, source, author, since, until)


FiltersDep = Annotated[MentionFilters, Depends(mention_filters)]


def create_api(settings: Settings, teams: Teams) -> FastAPI:
    mentions_alias = settings.index_name("mentions")
    alerts_alias = settings.index_name("alerts")
    state: dict[str, Any] = {}

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        es = AsyncElasticsearch(settings.resolved_es(), request_timeout=30)
        state["es"] = es
        state["store"] = SubscriptionStore(es, settings.index_name("subscriptions"))
        yield
        await es.close()

    app = FastAPI(title="webcare", version="1", lifespan=lifespan,
                  description="Search, trends, subscriptions and alerts for webcare teams.")
    app.state.teams = teams

    @app.exception_handler(QueryError)
    async def _bad_query(_request: Request, exc: QueryError) -> JSONResponse:
        return JSONResponse({"detail": f"invalid query: {exc}"}, status_code=400)

    @app.exception_handler(BadRequest)
    async def _bad_request(_request: Request, exc: BadRequest) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(BadRequestError)
    async def _es_rejected(_request: Request, exc: BadRequestError) -> JSONResponse:
        return JSONResponse({"detail": f"search rejected: {exc.message}"}, status_code=400)

    @app.exception_handler(ESConnectionError)
    async def _es_down(_request: Request, _exc: ESConnectionError) -> JSONResponse:
        return JSONResponse({"detail": f"Elasticsearch is not reachable at "
                                       f"{settings.resolved_es()}"}, status_code=503)

    async def search(index: str, body: dict[str, Any]) -> Any:
        es: AsyncElasticsearch = state["es"]
        if not await es.indices.exists_alias(name=index):
            return None
        return await es.search(index=index, **body)

    @app.get("/v1/mentions")
    async def search_mentions(
        team: TeamDep, found_filters: FiltersDep,
        sort: SortKey = "newest",
        size: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
        search_after: str | None = None,
    ) -> dict[str, Any]:
        body: dict[str, Any] = {"query": scoped_query(found_filters, team.brands), "size": size,
                                "sort": SORTS[sort], "track_total_hits": True}
        if search_after:
            body["search_after"] = decode_cursor(search_after)
        found = await search(mentions_alias, body)
        if found is None:
            return {"total": 0, "mentions": [], "next": None}
        hits = found["hits"]["hits"]
        return {"total": found["hits"]["total"]["value"],
                "mentions": [h["_source"] for h in hits],
                "next": encode_cursor(hits[-1]["sort"]) if len(hits) == size else None}

    @app.get("/v1/mentions/{doc_id}")
    async def get_mention(team: TeamDep, doc_id: str) -> dict[str, Any]:
        scope = scoped_query(MentionFilters(), team.brands)
        scope["bool"]["filter"].append({"term": {"doc_id": doc_id}})
        found = await search(mentions_alias, {"query": scope, "size": 1})
        if not found or not found["hits"]["hits"]:
            raise HTTPException(404, f"no mention {doc_id!r}")
        mention = found["hits"]["hits"][0]["_source"]
        cluster: list[Any] = []
        if mention.get("cluster_id"):
            same = scoped_query(MentionFilters(), team.brands)
            same["bool"]["filter"].append({"term": {"cluster_id": mention["cluster_id"]}})
            same["bool"]["must_not"] = [{"term": {"doc_id": doc_id}}]
            copies = await search(mentions_alias, {"query": same, "size": 50,
                                                   "sort": SORTS["oldest"],
                                                   "track_total_hits": True})
            cluster = [h["_source"] for h in copies["hits"]["hits"]] if copies else []
        return {"mention": mention, "cluster": cluster}

    @app.get("/v1/trends")
    async def trends(
        team: TeamDep, found_filters: FiltersDep,
        interval: Annotated[str, Query(pattern="^(" + "|".join(INTERVALS) + ")$")] = "1h",
        by: Literal["sentiment", "intents", "source", "language", "contact", "brands"]
        | None = None,
    ) -> dict[str, Any]:
        assert by is None or by in TREND_FIELDS
        found = await search(mentions_alias, {
            "query": scoped_query(found_filters, team.brands), "size": 0,
            "aggs": trend_aggs(interval, by)})
        if found is None:
            return {"interval": interval, "by": by, "buckets": []}
        buckets = []
        for bucket in found["aggregations"]["over_time"]["buckets"]:
            entry: dict[str, Any] = {"time": bucket["key_as_string"],
                                     "count": bucket["doc_count"]}
            if by:
                entry["counts"] = {b["key"]: b["doc_count"] for b in bucket["by"]["buckets"]}
            buckets.append(entry)
        return {"interval": interval, "by": by, "buckets": buckets}

    @app.get("/v1/trends/top")
    async def top(
        team: TeamDep, found_filters: FiltersDep,
        field: Literal["hashtags", "authors", "brands", "sources"] = "hashtags",
        size: Annotated[int, Query(ge=1, le=100)] = 10,
    ) -> dict[str, Any]:
        found = await search(mentions_alias, {
            "query": scoped_query(found_filters, team.brands), "size": 0,
            "aggs": {"top": {"terms": {"field": TOP_FIELDS[field], "size": size}}}})
        items = found["aggregations"]["top"]["buckets"] if found else []
        return {"field": field, "top": [{"value": b["key"], "count": b["doc_count"]}
                                        for b in items]}

    def check_brands(team: Team, spec: SubscriptionSpec) -> None:
        foreign = sorted(set(spec.brands) - set(team.brands))
        if foreign:
            raise HTTPException(403, f"brands not in your team's scope: {foreign}")

    @app.post("/v1/subscriptions", status_code=201)
    async def create_subscription(team: TeamDep, spec: SubscriptionSpec) -> Subscription:
        check_brands(team, spec)
        store: SubscriptionStore = state["store"]
        await store.ensure()
        return await store.create(team.id, spec)

    @app.get("/v1/subscriptions")
    async def list_subscriptions(team: TeamDep) -> list[Subscription]:
        return await state["store"].list(team.id)  # type: ignore[no-any-return]

    @app.get("/v1/subscriptions/{sub_id}")
    async def get_subscription(team: TeamDep, sub_id: str) -> Subscription:
        sub = await state["store"].get(team.id, sub_id)
        if sub is None:
            raise HTTPException(404, f"no subscription {sub_id!r}")
        return sub  # type: ignore[no-any-return]

    @app.put("/v1/subscriptions/{sub_id}")
    async def replace_subscription(team: TeamDep, sub_id: str,
                                   spec: SubscriptionSpec) -> Subscription:
        check_brands(team, spec)
        sub = await state["store"].replace(team.id, sub_id, spec)
        if sub is None:
            raise HTTPException(404, f"no subscription {sub_id!r}")
        return sub  # type: ignore[no-any-return]

    @app.delete("/v1/subscriptions/{sub_id}", status_code=204)
    async def delete_subscription(team: TeamDep, sub_id: str) -> None:
        if not await state["store"].delete(team.id, sub_id):
            raise HTTPException(404, f"no subscription {sub_id!r}")

    @app.get("/v1/alerts")
    async def alert_history(
        team: TeamDep, subscription: str | None = None,
        kind: Literal["mention", "spike"] | None = None,
        since: datetime | None = None, until: datetime | None = None,
        size: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
        search_after: str | None = None,
    ) -> dict[str, Any]:
        clauses: list[dict[str, Any]] = [{"term": {"team": team.id}}]
        if subscription:
            clauses.append({"term": {"subscription_id": subscription}})
        if kind:
            clauses.append({"term": {"kind": kind}})
        if since or until:
            bounds = {k: v.isoformat() for k, v in (("gte", since), ("lt", until)) if v}
            clauses.append({"range": {"created_at": bounds}})
        body: dict[str, Any] = {"query": {"bool": {"filter": clauses}}, "size": size,
                                "sort": [{"created_at": "desc"}, {"id": "asc"}]}
        if search_after:
            body["search_after"] = decode_cursor(search_after)
        found = await search(alerts_alias, body)
        hits = found["hits"]["hits"] if found else []
        return {"alerts": [h["_source"] for h in hits],
                "next": encode_cursor(hits[-1]["sort"]) if len(hits) == size else None}

    @app.get("/v1/alerts/stream")
    async def alert_stream(team: TeamDep, request: Request) -> StreamingResponse:
        """Server-Sent Events: each new alert of your team as `event: alert`."""
        from aiokafka import AIOKafkaConsumer

        consumer = AIOKafkaConsumer(TopicNames.for_settings(settings).alerts,
                                    bootstrap_servers=settings.resolved_kafka(),
                                    auto_offset_reset="latest", enable_auto_commit=False)
        await consumer.start()

        async def events() -> AsyncIterator[bytes]:
            try:
                yield b": connected\n\n"
                while not await request.is_disconnected():
                    batches = await consumer.getmany(timeout_ms=1000)
                    if not batches:
                        yield b": keep-alive\n\n"
                        continue
                    for records in batches.values():
                        for record in records:
                            alert = orjson.loads(record.value)
                            if alert.get("team") == team.id:
                                yield (b"event: alert\nid: " + alert["id"].encode() +
                                       b"\ndata: " + record.value + b"\n\n")
            finally:
                await consumer.stop()

        return StreamingResponse(events(), media_type="text/event-stream")

    @app.get("/healthz")
    async def health() -> dict[str, str]:
        es: AsyncElasticsearch = state["es"]
        try:
            health = await asyncio.wait_for(es.cluster.health(), timeout=3)
        except (TimeoutError, ESConnectionError):
            raise HTTPException(503, "Elasticsearch is not reachable") from None
        return {"elasticsearch": str(health["status"])}

    return app
