"""``mentions.raw`` -> Elasticsearch ``mentions`` + ``mentions.enriched``: validate, de-duplicate
and enrich a batch (``plan_batch``, pure), bulk-index it (edits over the mention they edit),
publish it, remember first deliveries, remove what the source deleted. A batch is
acknowledged only after all of that went through.

Two batches are in hand at a time: while one is written (Elasticsearch and Kafka answering,
the CPU otherwise idle), the next is validated and enriched. The writes stay strictly in log
order, one batch after the other, so an edit is placed over a mention that is already indexed
and a deletion follows what it deletes; the batch being planned sees the keys of the batch
being written as delivered, so a re-delivery across the two is still dropped."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from conversations.messages import conversation_messages
from models.enrich import Enricher
from pipeline.context import WorkerContext, send_all
from pipeline.dedup import changelog_value, delivery_of, expired, seen_value
from pipeline.processing import BatchPlan, plan_batch
from pipeline.records import DeadLetter, Record, from_events
from pipeline.sink import mention_document
from pipeline.source_changes import Placement, delete_mentions, placements
from pipeline.table_writes import delete_all, set_all, store_dict
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
        # Version key -> delivery of the mentions of the batch being written: not in
        # first_seen until their documents are in, yet delivered for the batch planned meanwhile.
        self.being_written: dict[str, str] = {}

    def first_delivery(self, key: str) -> str | None:
        # Read from the table's store, as set_all writes to it: the table's own lookup adds
        # layers (and a sensor call) to every mention for the same answer.
        return self.being_written.get(key) or delivery_of(
            store_dict(self.first_seen).get(key.encode()))

    def plan(self, records: list[Record]) -> BatchPlan:
        return plan_batch(records, self.enricher, self.first_delivery,
                          self.context.settings.index_unmatched)

    async def handle(self, records: list[Record], plan: BatchPlan | None = None) -> None:
        """Write a batch: ``plan`` when it was made ahead (left unchanged, so that a retry
        can use it again), else planned here."""
        context = self.context
        plan = plan if plan is not None else self.plan(records)
        await context.ready.wait()
        where = await placements(context.es, self.alias, [m for _, m in plan.to_index])
        to_index = [(record, edit_in_place(mention, where)) for record, mention
                    in plan.to_index]
        documents = [mention_document(self.alias, m, placed.index if (
            placed := where.get(m.doc_id)) else None) for _, m in to_index]
        rejected = await context.sink.write(documents)
        rejected_at = {r.position: r.reason for r in rejected}
        dead = list(plan.dead)
        outputs, threaded, seen = [], [], []
        now = time.time()
        for pos, ((record, mention), document) in enumerate(
                zip(to_index, documents, strict=True)):
            if pos in rejected_at:
                dead.append(DeadLetter(record, "index", rejected_at[pos]))
                continue
            seen.append((mention.version_key.encode(),
                         seen_value(record.partition, record.offset, now)))
            # The indexed JSON is the enriched event: serialised once.
            outputs.append((mention.doc_id.encode(), document.body, None))
            threaded += [(m.thread_key.encode(), m.to_json(), None)
                         for m in conversation_messages(mention, document.index)]
        await asyncio.gather(send_all(context.topics.enriched, outputs),
                             send_all(context.topics.conversations, threaded),
                             send_all(self.first_seen.changelog_topic,
                                      set_all(self.first_seen, seen, changelog_value)))
        deleted = await delete_mentions(context.es, self.alias, context.index("alerts"),
                                        [deletion for _, deletion in plan.deletions])
        await context.dead_letters.send(dead)
        stats = context.stats
        stats.deleted += deleted
        stats.indexed += len(to_index) - len(rejected)
        stats.duplicates += len(plan.duplicates)
        stats.unmatched += len(plan.unmatched)
        stats.batches += 1

    async def forget_old(self) -> None:
        """A timer: entries first seen before the de-duplication window are forgotten (a
        tombstone each in the changelog, which compaction then drops; sent in batches)."""
        window_s = self.context.settings.dedup_window_hours * 3600
        if getattr(self.first_seen, "app", None) is not None and self.first_seen.app.rebalancing:
            return  # the table is being restored: next time
        try:
            old = expired(list(self.first_seen.items()), time.time() - window_s)
            await send_all(self.first_seen.changelog_topic, delete_all(self.first_seen, old))
        except Exception:  # a timer that raises stops the worker: next time, then
            log.exception("forgetting old de-duplication entries failed")
            return
        if old:
            log.info("forgot %d de-duplication entries older than %.0f hours", len(old),
                     self.context.settings.dedup_window_hours)

    async def write(self, stream: Any, events: list[Any], records: list[Record],
                    plan: BatchPlan | None) -> None:
        """One batch's writes under the error policy, then its acknowledgement. The policy
        may run the handler again on the batch (a service away: the plan made ahead serves
        again) or on parts of it (a record that fails: each part is planned again)."""

        async def handle(batch: list[Record]) -> None:
            await self.handle(batch, plan if batch is records else None)

        await self.context.process(records, handle, step="enrich")
        for event in events:
            await stream.ack(event)

    async def enrich_mentions(self, stream: Any) -> None:  # a faust.Stream
        settings = self.context.settings
        writing: asyncio.Task[None] | None = None
        try:
            # noack_take: a batch is acknowledged by ``write``, once it went through (an
            # unacknowledged batch is read again by whoever owns the partition next).
            async for events in stream.noack_take(settings.worker_batch_size,
                                                  within=settings.worker_batch_within_s):
                records = from_events(events)
                try:
                    plan: BatchPlan | None = self.plan(records)
                except Exception:  # the policy finds the record: it plans the batch again
                    plan = None
                if writing is not None:
                    await writing  # the previous batch: written (or its error raised) first
                self.being_written = {m.version_key: record.delivery
                                      for record, m in plan.to_index} if plan else {}
                writing = asyncio.ensure_future(self.write(stream, events, records, plan))
            if writing is not None:
                await writing
        finally:
            if writing is not None and not writing.done():
                writing.cancel()  # stopping: its batch stays unacknowledged, read again
