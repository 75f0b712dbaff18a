"""``webcare enrich``: the worker's enrichment, offline, JSON Lines in and out, in order."""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO

import orjson

from agents.files import Rejected, read_jsonl
from core.settings import Settings
from models.enrich import enricher_from_settings


def enrich_stream(
    settings: Settings, source: BinaryIO, sink: BinaryIO, report: Callable[[str], None]
) -> int:
    enricher = enricher_from_settings(settings)
    rejected = 0
    for _line_no, item in read_jsonl(source):
        if isinstance(item, Rejected):
            rejected += 1
            report(f"line {item.line}: rejected: {item.reason}")
            continue
        mention = enricher.enrich(item)
        sink.write(orjson.dumps(mention.model_dump(mode="json", exclude_none=True)) + b"\n")
    sink.flush()
    return rejected
