"""Subscriptions live in an Elasticsearch index (``subscriptions``): durable, already running,
queryable by the API, and cheap for the worker to re-read when something changed. Every call is
scoped to a team."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any

from elasticsearch import AsyncElasticsearch, NotFoundError

from alerting.channels.webhook import REVEAL_SECRETS
from alerting.subscriptions import Subscription, SubscriptionSpec

_MAPPINGS: dict[str, Any] = {
    "dynamic": False,  # the document is the subscription; only these fields are searched
    "properties": {"team": {"type": "keyword"}, "id": {"type": "keyword"},
                   "updated_at": {"type": "date"}},
}


class SubscriptionStore:
    def __init__(self, client: AsyncElasticsearch, index: str) -> None:
        self.client, self.index = client, index

    async def ensure(self) -> None:
        if not await self.client.indices.exists(index=self.index):
            await self.client.options(ignore_status=400).indices.create(
                index=self.index, mappings=_MAPPINGS,
                settings={"number_of_shards": 1, "number_of_replicas": 0})

    async def create(self, team: str, spec: SubscriptionSpec) -> Subscription:
        now = datetime.now(UTC)
        sub = Subscription(**spec.model_dump(), id=secrets.token_urlsafe(12), team=team,
                           created_at=now, updated_at=now)
        await self._save(sub)
        return sub

    async def replace(self, team: str, sub_id: str, spec: SubscriptionSpec) -> Subscription | None:
        current = await self.get(team, sub_id)
        if current is None:
            return None
        sub = Subscription(**spec.model_dump(), id=sub_id, team=team,
                           created_at=current.created_at, updated_at=datetime.now(UTC))
        await self._save(sub)
        return sub

    async def _save(self, sub: Subscription) -> None:
        await self.client.index(index=self.index, id=sub.id, refresh="wait_for",
                                document=sub.model_dump(mode="json",
                                                        context={REVEAL_SECRETS: True}))

    async def get(self, team: str, sub_id: str) -> Subscription | None:
        try:
            found = await self.client.get(index=self.index, id=sub_id)
        except NotFoundError:
            return None
        sub = Subscription.model_validate(found["_source"])
        return sub if sub.team == team else None  # another team's id looks like a missing one

    async def delete(self, team: str, sub_id: str) -> bool:
        if await self.get(team, sub_id) is None:
            return False
        await self.client.delete(index=self.index, id=sub_id, refresh="wait_for")
        return True

    async def list(self, team: str | None = None) -> list[Subscription]:
        """All subscriptions of a team (or of everyone, for the worker), paged through."""
        if not await self.client.indices.exists(index=self.index):
            return []
        query: dict[str, Any] = {"term": {"team": team}} if team else {"match_all": {}}
        subs: list[Subscription] = []
        after: list[Any] | None = None
        while True:
            page = await self.client.search(index=self.index, query=query, size=1000,
                                            sort=[{"id": "asc"}], search_after=after)
            hits = page["hits"]["hits"]
            subs += [Subscription.model_validate(h["_source"]) for h in hits]
            if len(hits) < 1000:
                return subs
            after = hits[-1]["sort"]

    async def version(self) -> tuple[int, str | None]:
        """Changes when a subscription is added, replaced or deleted (count, latest update)."""
        if not await self.client.indices.exists(index=self.index):
            return 0, None
        await self.client.indices.refresh(index=self.index)
        found = await self.client.search(index=self.index, size=1, track_total_hits=True,
                                         sort=[{"updated_at": "desc"}],
                                         source_includes=["updated_at"])
        hits = found["hits"]["hits"]
        latest = hits[0]["_source"]["updated_at"] if hits else None
        return int(found["hits"]["total"]["value"]), latest
