"""A subscription's preview over the mentions indexed in the last hours or days.

Elasticsearch narrows the window to candidates (the subscription's exact filters, and its
brands, hashtags, keywords and query as one ``should``); every candidate then goes through the
stream's own matcher (``alerting.preview``), which decides. The scan stops at
``MAX_SCANNED`` candidates, the newest, and the preview says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from alerting.preview import Preview, preview_subscription, replay
from alerting.subscriptions import Subscription, SubscriptionSpec
from api.deps import Services
from core.teams import Team
from query.elasticsearch import query_dsl
from schemas.mentions import EnrichedMention

MAX_SCANNED = 20_000
PAGE = 2_000
MAX_HOURS = 24 * 31


def candidate_query(sub: Subscription, team_brands: list[str] | None, since: datetime,
                    until: datetime) -> dict[str, Any]:
    """A superset of what the matcher can take: filters the matcher applies exactly, and the
    subscription's watch list as alternatives."""
    clauses: list[dict[str, Any]] = [
        {"range": {"created_at": {"gte": since.isoformat(), "lt": until.isoformat()}}}]
    if team_brands is not None:
        clauses.append({"terms": {"brands": team_brands}})
    for name, values in (("contact", sub.contact), ("intents", sub.intents),
                         ("language", sub.languages), ("source", sub.sources)):
        if values:
            clauses.append({"terms": {name: list(values)}})
    if sub.sentiment is not None:
        if sub.sentiment.labels:
            clauses.append({"terms": {"sentiment.label": list(sub.sentiment.labels)}})
        bounds = {k: v for k, v in (("lte", sub.sentiment.max_score),
                                    ("gte", sub.sentiment.min_score)) if v is not None}
        if bounds and sub.spike is None:  # a negative-share spike counts every mention
            clauses.append({"range": {"sentiment.score": bounds}})
    watch: list[dict[str, Any]] = []
    if sub.brands:
        watch.append({"terms": {"brands": sub.brands}})
    if sub.hashtags:
        watch.append({"terms": {"hashtags": sub.hashtags}})
    watch += [{"match_phrase": {"text": keyword}} for keyword in sub.keywords]
    if sub.query:
        watch.append(query_dsl(sub.query))
    query: dict[str, Any] = {"filter": clauses, "must_not": [{"term": {"from_brand": True}}]}
    if watch:
        query["should"] = watch
        query["minimum_should_match"] = 1
    return {"bool": query}


async def _candidates(services: Services, query: dict[str, Any]
                      ) -> tuple[int, list[dict[str, Any]]]:
    """The newest ``MAX_SCANNED`` candidates (total found, their sources newest first)."""
    alias = services.settings.index_name("mentions")
    sources: list[dict[str, Any]] = []
    body: dict[str, Any] = {"query": query, "size": PAGE, "track_total_hits": True,
                            "sort": [{"created_at": "desc"}, {"doc_id": "asc"}]}
    total = 0
    while len(sources) < MAX_SCANNED:
        found = await services.search(alias, body)
        if found is None:
            break
        if "total" in found["hits"]:  # asked for on the first page only
            total = found["hits"]["total"]["value"]
        hits = found["hits"]["hits"]
        sources += (h["_source"] for h in hits)
        if len(hits) < PAGE:
            break
        body = {**body, "search_after": hits[-1]["sort"], "track_total_hits": False}
    return total, sources[:MAX_SCANNED]


def _oldest_first(sources: list[dict[str, Any]]) -> Iterator[EnrichedMention]:
    for source in reversed(sources):
        yield EnrichedMention.model_validate(source)


async def run_preview(services: Services, team: Team, spec: SubscriptionSpec, hours: int
                      ) -> Preview:
    until = datetime.now(UTC)
    since = until - timedelta(hours=hours)
    sub = preview_subscription(spec, team.id)
    total, sources = await _candidates(services, candidate_query(sub, team.brands, since, until))
    return replay(sub, frozenset(team.brands), _oldest_first(sources), since, until, total)


def preview_json(preview: Preview) -> dict[str, Any]:
    return {
        "since": preview.since.isoformat(), "until": preview.until.isoformat(),
        "alerts": preview.alerts, "mention_alerts": preview.mention_alerts,
        "spike_alerts": preview.spike_alerts, "candidates": preview.candidates,
        "scanned": preview.scanned, "complete": preview.complete,
        "per_day": [{"day": day.isoformat(), "alerts": n} for day, n in preview.per_day.items()],
        "samples": [a.model_dump(mode="json", exclude_none=True) for a in preview.samples],
    }
