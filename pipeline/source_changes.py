"""Edits and deletions at the source, applied to what is indexed.

An edit is indexed over the mention it edits: into the same monthly index and with the
mention's original ``created_at`` (a platform's edit event often carries only the edit time),
enriched again. A deletion removes the mention and every alert raised on it, and refreshes
both, so that search and the alert history drop it within the second.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from elasticsearch import AsyncElasticsearch

from schemas.mentions import EnrichedMention, MentionDeletion, mention_key

MAX_DELETED = 10_000  # per batch; a deletion names one mention, its alerts are a handful


@dataclass(frozen=True)
class Placement:
    index: str
    created_at: datetime


async def placements(es: AsyncElasticsearch, alias: str, mentions: list[EnrichedMention]
                     ) -> dict[str, Placement]:
    """Where the mentions that edits replace are indexed, by document id."""
    ids = sorted({m.doc_id for m in mentions if m.edited_at is not None})
    if not ids or not await es.indices.exists_alias(name=alias):
        return {}
    # Search sees what the last refresh published; an edit can follow its mention closer
    # than the refresh interval (edits are rare: refreshing for them costs little).
    await es.indices.refresh(index=alias)
    found = await es.search(index=alias, query={"ids": {"values": ids}}, size=len(ids),
                            source_includes=["created_at"])
    return {hit["_id"]: Placement(hit["_index"], datetime.fromisoformat(
        hit["_source"]["created_at"].replace("Z", "+00:00"))) for hit in found["hits"]["hits"]}


def _query(deletion: MentionDeletion) -> dict[str, Any]:
    if deletion.by == "status_id":  # a platform's local id, kept in the mention's extras
        return {"bool": {"filter": [{"term": {"source": deletion.source}},
                                    {"term": {"extras.status_id": deletion.id}}]}}
    return {"ids": {"values": [mention_key(deletion.source, deletion.id)]}}


async def _delete_hits(es: AsyncElasticsearch, alias: str, query: dict[str, Any]) -> list[str]:
    """Delete what ``query`` finds behind ``alias`` (bulk deletes by id: the node may run
    without the reindex module that ``_delete_by_query`` lives in); returns the ids."""
    if not await es.indices.exists_alias(name=alias):
        return []
    await es.indices.refresh(index=alias)  # a deletion may follow its mention within a second
    found = await es.search(index=alias, query=query, size=MAX_DELETED, source=False)
    hits = found["hits"]["hits"]
    if hits:
        await es.bulk(operations=[{"delete": {"_index": h["_index"], "_id": h["_id"]}}
                                  for h in hits], refresh=True)
    return [h["_id"] for h in hits]


async def delete_mentions(es: AsyncElasticsearch, mentions_alias: str, alerts_alias: str,
                          deletions: list[MentionDeletion]) -> int:
    """Remove the mentions and their alerts; returns how many mentions were removed."""
    if not deletions:
        return 0
    query = {"bool": {"should": [_query(d) for d in deletions], "minimum_should_match": 1}}
    doc_ids = await _delete_hits(es, mentions_alias, query)
    if doc_ids:
        await _delete_hits(es, alerts_alias, {"terms": {"mention.doc_id": doc_ids}})
    return len(doc_ids)
