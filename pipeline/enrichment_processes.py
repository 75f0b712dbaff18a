"""Where the enrich role's mentions are enriched: in its own process, or in child processes.

Enrichment is most of the role's CPU, and the role's own process also reads Kafka through
Faust, de-duplicates and writes. With child processes (``WEBCARE_ENRICHMENT_PROCESSES``,
default 1) each child holds the enricher and enriches the batch it is handed while the
worker's process writes the batch before and reads the next: two cores at work where one was.
The worker's process then loads no models.

What travels: the record's bytes to the child (validated there again: cheaper than sending a
model); back, a mention made ready to write (``pipeline.ready``: its document and thread
messages, which the child makes in 17 µs and this process unpickles in 2, against 30 µs to
parse the child's JSON and make it ready here), or an edit's JSON (made ready by the agent,
which must first find where the mention it edits is indexed). A step that fails on
one mention comes back as that mention's failure, as it does in-process. A child that dies
takes its batch with it: the pool is made again and the batch is retried as an
infrastructure failure, never dead-lettered.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Protocol

from core.errors import ServiceUnavailable
from core.processes import leave_with_parent
from core.settings import Settings
from models.enrich import Enricher, enricher_from_settings, settle
from pipeline.processing import Accepted, decode
from pipeline.ready import Packed, Ready, ready
from schemas.mentions import EnrichedMention, RawMention

log = logging.getLogger("webcare.worker")

Results = Sequence[EnrichedMention | Ready | Exception]


class BatchEnrichment(Protocol):
    has_brands: bool

    async def enrich(self, accepted: Accepted) -> Results: ...


class InProcess:
    """The enricher in the worker's own process."""

    def __init__(self, enricher: Enricher) -> None:
        self.enricher = enricher
        self.has_brands = enricher.has_brands

    async def enrich(self, accepted: Accepted) -> Results:
        return self.enricher.enrich_many([raw for _, raw in accepted])


class EnrichmentFailed(Exception):
    """A step failed on one mention in a child process (its type and message, as text)."""


# A child's enricher, built once by the pool's initializer.
_child_enricher: Enricher | None = None
_child_alias = ""  # the mentions alias, for the documents a child makes


def _start_child(settings: Settings) -> None:
    global _child_enricher, _child_alias
    # A worker killed outright leaves its children waiting on their queue: they leave with it.
    leave_with_parent(lambda: os._exit(0))
    _child_enricher = enricher_from_settings(settings)
    _child_alias = settings.index_name("mentions")
    settle(_child_enricher)


def _has_brands() -> bool:
    """Asked of each child once it is up: whether its enricher has brands to match."""
    assert _child_enricher is not None, "the pool's initializer builds the enricher"
    return _child_enricher.has_brands


def _enrich_in_child(values: list[bytes]) -> list[Packed | bytes | str]:
    """Per value: the mention made ready to write, an edit's enriched JSON, or the failure's
    text."""
    assert _child_enricher is not None, "the pool's initializer builds the enricher"
    # The parent sends only values that decoded as mentions. Should anything else come
    # through, it fails on its own: one result per value keeps the batch's positions.
    raws = [decode(value) for value in values]
    mentions = [raw for raw in raws if isinstance(raw, RawMention)]
    enriched = iter(_child_enricher.enrich_many(mentions))
    results: list[Packed | bytes | str] = []
    for raw in raws:
        if not isinstance(raw, RawMention):
            results.append(f"TypeError: {type(raw).__name__} is not a mention to enrich")
        elif isinstance(result := next(enriched), Exception):
            results.append(f"{type(result).__name__}: {result}")
        elif result.edited_at is None:
            results.append(ready(_child_alias, result).packed())
        else:
            results.append(result.event_json())
    return results


class ChildProcesses:
    """Enrichment in ``processes`` child processes; a batch is split among them."""

    def __init__(self, settings: Settings, processes: int) -> None:
        self.settings, self.processes = settings, processes
        # Whether mentions naming no brand are left out: the children's enricher says, once
        # started (``start``); the worker's process loads nothing of the enrichment config.
        self.has_brands = False
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        # spawn, not fork: the worker runs threads (Faust's consumer, the Kafka and
        # Elasticsearch clients) by the time a pool is made again.
        return ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start_child, initargs=(self.settings,))

    def start(self) -> None:
        """Build the children's enrichers now: a bad config fails here, before anything is
        consumed, as it does in-process."""
        answers = [self.pool.submit(_has_brands) for _ in range(self.processes)]
        self.has_brands = all(answer.result() for answer in answers)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    async def enrich(self, accepted: Accepted) -> Results:
        values = [record.value or b"" for record, _ in accepted]
        if not values:
            return []
        size = -(-len(values) // self.processes)
        loop = asyncio.get_running_loop()
        try:
            parts = await asyncio.gather(*(
                loop.run_in_executor(self.pool, _enrich_in_child, values[at:at + size])
                for at in range(0, len(values), size)))
        except BrokenProcessPool as exc:
            log.error("an enrichment process died; starting it again")
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._new_pool()
            raise ServiceUnavailable("an enrichment process", "this machine",
                                     "its batch is tried again", exc) from None
        return [EnrichmentFailed(found) if isinstance(found, str)
                else EnrichedMention.model_validate_json(found) if isinstance(found, bytes)
                else Ready.unpacked(found) for part in parts for found in part]
