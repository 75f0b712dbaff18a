"""``webcare enrich``: the worker's enrichment, offline, JSON Lines in and out, in order."""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO

from agents.files import Rejected, read_jsonl
from models.enrich import Enricher
from schemas.mentions import RawMention

BATCH = 256  # the steps that infer in batches (models) get this many at a time


def enrich_stream(
    enricher: Enricher, source: BinaryIO, sink: BinaryIO, report: Callable[[str], None]
) -> int:
    """Enrich every valid line in input order; returns how many lines were rejected (reported
    with their line numbers, as is a mention a step failed on). The caller builds the enricher
    (and settles it): start-up is not part of the stream."""
    rejected = 0
    batch: list[tuple[int, RawMention]] = []

    def flush() -> int:
        failed = 0
        results = enricher.enrich_many([mention for _, mention in batch])
        for (line, _), result in zip(batch, results, strict=True):
            if isinstance(result, Exception):
                failed += 1
                report(f"line {line}: enrichment failed: {type(result).__name__}: {result}")
                continue
            sink.write(result.event_json() + b"\n")
        batch.clear()
        return failed

    for line_no, item in read_jsonl(source):
        if isinstance(item, Rejected):
            rejected += 1
            report(f"line {item.line}: rejected: {item.reason}")
            continue
        batch.append((line_no, item))
        if len(batch) >= BATCH:
            rejected += flush()
    rejected += flush() if batch else 0
    sink.flush()
    return rejected
