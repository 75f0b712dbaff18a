"""``mentions.raw`` -> Elasticsearch ``mentions`` + ``mentions.enriched``: validate, de-duplicate
and enrich a batch (``plan_batch``, pure), bulk-index it (edits over the mention they edit),
publish it, remember first deliveries, remove what the source deleted. Faust acknowledges the
batch only after all of that went through."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from conversations.messages import conversation_messages
from models.enrich import Enricher
from pipeline.context import WorkerContext, send_all
from pipeline.dedup import delivery_of, expired, seen_value
from pipeline.processing import plan_batch
from pipeline.records import DeadLetter, Record, from_events
from pipeline.sink import mention_document
from pipeline.source_changes import Placement, delete_mentions, placements
from schemas.mentions import EnrichedMention

log = logging.getLogger("webcare.worker")


def edit_in_place(mention: EnrichedMention, where: dict[str, Placement]) -> EnrichedMention:
    """An edit keeps the time the mention was first posted."""
    placed = where.get(mention.doc_id)
    if placed is None or mention.edited_at is None:
        return mention
    return mention.model_copy(update={"created_at": placed.created_at})


class EnrichmentAgent:
    def __init__(self, context: WorkerContext, enricher: Enricher, first_seen: Any) -> None:
        # first_seen: the Faust table, version key -> where and when it was first delivered
        # (pipeline.dedup).
        self.context, self.enricher, self.first_seen = context, enricher, first_seen
        self.alias = context.index("mentions")

    def first_delivery(self, key: str) -> str | None:
        return delivery_of(self.first_seen.get(key.encode()))

    async def handle(self, records: list[Record]) -> None:
        context = self.context
        plan = plan_batch(records, self.enricher, self.first_delivery,
                          context.settings.index_unmatched)
        await context.ready.wait()
        where = await placements(context.es, self.alias, [m for _, m in plan.to_index])
        plan.to_index = [(record, edit_in_place(mention, where)) for record, mention
                         in plan.to_index]
        documents = [mention_document(self.alias, m, placed.index if (
            placed := where.get(m.doc_id)) else None) for _, m in plan.to_index]
        rejected = await context.sink.write(documents)
        rejected_at = {r.position: r.reason for r in rejected}
        outputs, threaded = [], []
        now = time.time()
        for pos, ((record, mention), document) in enumerate(
                zip(plan.to_index, documents, strict=True)):
            if pos in rejected_at:
                plan.dead.append(DeadLetter(record, "index", rejected_at[pos]))
                continue
            self.first_seen[mention.version_key.encode()] = seen_value(record.delivery, now)
            # The indexed JSON is the enriched event: serialised once.
            outputs.append((mention.doc_id.encode(), document.body, None))
            threaded += [(m.thread_key.encode(), m.to_json(), None)
                         for m in conversation_messages(mention, document.index)]
        await asyncio.gather(send_all(context.topics.enriched, outputs),
                             send_all(context.topics.conversations, threaded))
        deleted = await delete_mentions(context.es, self.alias, context.index("alerts"),
                                        [deletion for _, deletion in plan.deletions])
        await context.dead_letters.send(plan.dead)
        stats = context.stats
        stats.deleted += deleted
        stats.indexed += len(plan.to_index) - len(rejected)
        stats.duplicates += len(plan.duplicates)
        stats.unmatched += len(plan.unmatched)
        stats.batches += 1

    async def forget_old(self) -> None:
        """A timer: entries first seen before the de-duplication window are forgotten (a
        tombstone each in the changelog, which compaction then drops)."""
        window_s = self.context.settings.dedup_window_hours * 3600
        if getattr(self.first_seen, "app", None) is not None and self.first_seen.app.rebalancing:
            return  # the table is being restored: next time
        try:
            old = expired(list(self.first_seen.items()), time.time() - window_s)
            for key in old:
                del self.first_seen[key]
        except Exception:  # a timer that raises stops the worker: next time, then
            log.exception("forgetting old de-duplication entries failed")
            return
        if old:
            log.info("forgot %d de-duplication entries older than %.0f hours", len(old),
                     self.context.settings.dedup_window_hours)

    async def enrich_mentions(self, stream: Any) -> None:  # a faust.Stream
        settings = self.context.settings
        async for events in stream.take_events(settings.worker_batch_size,
                                               within=settings.worker_batch_within_s):
            # take_events acks the batch once this body returns: only after the documents
            # are in Elasticsearch and the outputs are delivered.
            await self.context.process(from_events(events), self.handle, step="enrich")
