"""``mentions.raw`` -> Elasticsearch ``mentions`` + ``mentions.enriched``: validate, de-duplicate
and enrich a batch (``pipeline.processing``, pure; the enriching in child processes by default,
``pipeline.enrichment_processes``), bulk-index it (edits over the mention they edit),
publish it, remember first deliveries, remove what the source deleted. A batch is
acknowledged only after all of that went through.

Up to four batches are in hand at a time (``BATCHES_IN_HAND``): one written (Elasticsearch
and Kafka answering), one enriched (in a child process, on another core), two read and sorted
(validated and de-duplicated) and waiting for the child. The writes stay strictly in log
order, one batch after the other, so an edit is placed over a mention that is already
indexed and a deletion follows what it deletes; a batch is sorted with the keys of every
batch not yet written counted as delivered, so a re-delivery across them is still
dropped."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

from pipeline.context import WorkerContext, send_all, send_packed
from pipeline.dedup import changelog_value, delivery_of, expired, seen_value
from pipeline.enrichment_processes import BatchEnrichment, Results
from pipeline.processing import Accepted, BatchPlan, place_enriched, sort_records
from pipeline.ready import Ready, ready
from pipeline.records import DeadLetter, Record, from_events
from pipeline.source_changes import Placement, delete_mentions, placements
from pipeline.table_writes import delete_all, set_all, store_dict
from schemas.mentions import EnrichedMention

log = logging.getLogger("webcare.worker")

# Two sorted batches queue behind the one being enriched, so a write that Elasticsearch is
# slow to answer does not leave the enrichment child (the path every mention waits on) without
# work: 4,106-4,903 mentions/s, 82-98% of the loop (eight rounds), against 4,090-4,851/s,
# 81-93% (six rounds) with three in hand, taking turns (docs/benchmarks.md, 2026-12-07
# 10:55-11:03). A batch in hand holds about 1 MB.
BATCHES_IN_HAND = 4


def edit_in_place(mention: EnrichedMention, where: dict[str, Placement]) -> EnrichedMention:
    """An edit keeps the time the mention was first posted."""
    placed = where.get(mention.doc_id)
    if placed is None or mention.edited_at is None:
        return mention
    return mention.model_copy(update={"created_at": placed.created_at})


class EnrichmentAgent:
    def __init__(self, context: WorkerContext, enrichment: BatchEnrichment,
                 first_seen: Any) -> None:
        # first_seen: the Faust table, version key -> where and when it was first delivered
        # (pipeline.dedup).
        self.context, self.enrichment, self.first_seen = context, enrichment, first_seen
        self.alias = context.index("mentions")
        # Version key -> delivery of the mentions of the batches sorted and not yet written:
        # not in first_seen until their documents are in, yet delivered for the batches
        # sorted meanwhile.
        self.being_written: dict[str, str] = {}
        self.enriching: set[asyncio.Future[Results]] = set()  # cancelled when the stream stops

    def first_delivery(self, key: str) -> str | None:
        # Read from the table's store, as set_all writes to it: the table's own lookup adds
        # layers (and a sensor call) to every mention for the same answer.
        return self.being_written.get(key) or delivery_of(
            store_dict(self.first_seen).get(key.encode()))

    async def plan(self, records: list[Record]) -> BatchPlan:
        """Sorted (validated, de-duplicated) at once, then enriched: the de-duplication sees
        the batch being written as it is when this is called."""
        plan, accepted = sort_records(records, self.first_delivery)
        return self.place(plan, accepted, await self.enrichment.enrich(accepted))

    def make_ready(self, mention: EnrichedMention, where: dict[str, Placement]) -> Ready:
        """An enriched mention made ready to write here (enriched in this process, or an edit:
        indexed over the mention it edits)."""
        placed = where.get(mention.doc_id)
        return ready(self.alias, edit_in_place(mention, where),
                     placed.index if placed else None)

    def place(self, plan: BatchPlan, accepted: Accepted, enriched: Results) -> BatchPlan:
        """The sorted ``plan`` with its enriched mentions in place (``processing.plan_batch``
        is the same sort, enrich and place in one synchronous call)."""
        return place_enriched(plan, accepted, enriched, self.enrichment.has_brands,
                              self.context.settings.index_unmatched)

    async def handle(self, records: list[Record], plan: BatchPlan | None = None) -> None:
        """Write a batch: ``plan`` when it was made ahead (left unchanged, so that a retry
        can use it again), else planned here."""
        context = self.context
        plan = plan if plan is not None else await self.plan(records)
        await context.ready.wait()
        # Made ready here: enriched in this process, or edits (placements looks up the latter).
        not_ready = [m for _, m in plan.to_index if isinstance(m, EnrichedMention)]
        where = await placements(context.es, self.alias, not_ready)
        to_write = [(record, found if isinstance(found, Ready) else self.make_ready(found, where))
                    for record, found in plan.to_index]
        documents = [written.document for _, written in to_write]
        rejected = await context.sink.write(documents)
        rejected_at = {r.position: r.reason for r in rejected}
        dead = list(plan.dead)
        outputs, to_track, seen = [], [], []
        now = time.time()
        for pos, (record, written) in enumerate(to_write):
            if pos in rejected_at:
                dead.append(DeadLetter(record, "index", rejected_at[pos]))
                continue
            seen.append((written.version_key.encode(),
                         seen_value(record.partition, record.offset, now)))
            # The indexed JSON is the enriched event: serialised once.
            outputs.append((written.doc_id.encode(), written.document.body, None))
            to_track += written.messages
        await asyncio.gather(send_all(context.topics.enriched, outputs),
                             send_packed(context.topics.conversations, to_track),
                             send_all(self.first_seen.changelog_topic,
                                      set_all(self.first_seen, seen, changelog_value)))
        deleted = await delete_mentions(context.es, self.alias, context.index("alerts"),
                                        [deletion for _, deletion in plan.deletions])
        await context.dead_letters.send(dead)
        stats = context.stats
        stats.deleted += deleted
        stats.indexed += len(to_write) - len(rejected)
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
        # One task a batch: enriched, then written once the batch before is.
        in_hand: deque[asyncio.Task[None]] = deque()
        try:
            # noack_take: a batch is acknowledged by ``write``, once it went through (an
            # unacknowledged batch is read again by whoever owns the partition next).
            async for events in stream.noack_take(settings.worker_batch_size,
                                                  within=settings.worker_batch_within_s):
                batch = self.sort_ahead(events)
                before = in_hand[-1] if in_hand else None
                in_hand.append(asyncio.ensure_future(self.write_after(stream, batch, before)))
                while len(in_hand) >= BATCHES_IN_HAND or (in_hand and in_hand[0].done()):
                    await in_hand.popleft()  # raises a batch's error: the stream stops
            while in_hand:
                await in_hand.popleft()
        finally:
            for task in in_hand:
                task.cancel()  # stopping: their batches stay unacknowledged, read again
            for enriching in self.enriching:
                enriching.cancel()

    def sort_ahead(self, events: list[Any]) -> Ahead:
        """Validate and de-duplicate a batch now, in log order, and start enriching it (in a
        child process, while this one writes the batch before and reads the next). Its keys
        count as delivered for the batches sorted after it until it is written."""
        records = from_events(events)
        try:
            plan, accepted = sort_records(records, self.first_delivery)
        except Exception:  # the policy finds the record: it plans the batch again
            return Ahead(events, records, None, [], {}, None)
        keys = {raw.version_key: record.delivery for record, raw in accepted}
        self.being_written.update(keys)
        enriching = asyncio.ensure_future(self.enrichment.enrich(accepted))
        self.enriching.add(enriching)
        enriching.add_done_callback(self.enriching.discard)
        return Ahead(events, records, plan, accepted, keys, enriching)

    async def write_after(self, stream: Any, batch: Ahead,
                          before: asyncio.Task[None] | None) -> None:
        """Write ``batch`` once it is enriched and the batch before it is written; a batch
        before that failed fails this one too, unwritten and unacknowledged."""
        plan: BatchPlan | None = None
        if batch.plan is not None and batch.enriching is not None:
            try:
                plan = self.place(batch.plan, batch.accepted, await batch.enriching)
            except Exception:  # the policy plans it again, part by part if it must
                plan = None
        if before is not None:
            await before
        await self.write(stream, batch.events, batch.records, plan)
        for key, delivery in batch.keys.items():  # in the table now
            if self.being_written.get(key) == delivery:
                del self.being_written[key]


@dataclass
class Ahead:
    """A batch sorted and being enriched, not yet written."""

    events: list[Any]
    records: list[Record]
    plan: BatchPlan | None  # None: sorting failed; the error policy plans it again
    accepted: Accepted
    keys: dict[str, str]  # version key -> delivery, counted as delivered until written
    enriching: asyncio.Future[Results] | None
