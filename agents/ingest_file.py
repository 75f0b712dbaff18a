"""``webcare ingest file PATH``: publish a file of raw mentions to ``mentions.raw``."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from agents.files import Rejected, csv_reading, read_mentions
from agents.producer import MentionProducer
from core.settings import Settings
from core.topics import TopicNames, ensure_topics


@dataclass
class IngestReport:
    published: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    failed_deliveries: list[str] = field(default_factory=list)


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def ingest_file(
    settings: Settings, path: Path, report_line: Callable[[str], None] = _stderr, *,
    mapping: dict[str, str] | None = None, rejects: Path | None = None,
    progress: Callable[[int, IngestReport], None] | None = None,
) -> IngestReport:
    """Publish a file; ``rejects`` receives one JSON line per rejected row (line, reason)."""
    ensure_topics(settings)
    if reading := csv_reading(path, mapping):
        report_line(f"{path}: reading {reading}")
    report = IngestReport()
    topic = TopicNames.for_settings(settings).raw
    reject_log = rejects.open("wb") if rejects else None
    try:
        with MentionProducer.for_settings(settings, topic) as producer:
            for line_no, item in read_mentions(path, mapping):
                if isinstance(item, Rejected):
                    report.rejected.append(item)
                    report_line(f"{path}:{item.line}: rejected: {item.reason}")
                    if reject_log:
                        reject_log.write(orjson.dumps({"line": item.line, "reason": item.reason})
                                         + b"\n")
                else:
                    producer.send(item.key.encode(), item.model_dump_json().encode())
                    report.published += 1
                if progress and line_no % 1000 == 0:
                    progress(line_no, report)
            producer.flush()
            report.failed_deliveries = list(producer.failed)
    finally:
        if reject_log:
            reject_log.close()
    return report
