"""Spike windows saved in Elasticsearch (index ``spike-windows``), so a restarted worker keeps
its baselines instead of needing hours of fresh history before it can see a jump again.

One document per subscription, written every few seconds by the alerts worker: a crash loses
at most that much counting. With several alerts workers each counts its own partitions (the
spike windows were always per process); the last writer wins.
"""

from __future__ import annotations

from typing import Any

from elasticsearch import AsyncElasticsearch, NotFoundError


class SpikeWindowStore:
    def __init__(self, client: AsyncElasticsearch, index: str) -> None:
        self.client, self.index = client, index

    async def save(self, states: dict[str, dict[str, Any]]) -> None:
        if not states:
            return
        operations: list[dict[str, Any]] = []
        for sub_id, state in states.items():
            operations.append({"index": {"_index": self.index, "_id": sub_id}})
            operations.append(state)
        await self.client.bulk(operations=operations)

    async def load(self) -> dict[str, dict[str, Any]]:
        try:
            found = await self.client.search(index=self.index, size=10_000,
                                             query={"match_all": {}})
        except NotFoundError:
            return {}
        return {hit["_id"]: hit["_source"] for hit in found["hits"]["hits"]}
