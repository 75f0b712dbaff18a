"""``webcare ingest file PATH``: publish a file of raw mentions to ``mentions.raw``."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from agents.files import Rejected, read_mentions
from agents.producer import MentionProducer
from pipeline.topics import TopicNames, ensure_topics
from webcare.settings import Settings


@dataclass
class IngestReport:
    published: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    failed_deliveries: list[str] = field(default_factory=list)


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def ingest_file(
    settings: Settings, path: Path, report_line: Callable[[str], None] = _stderr
) -> IngestReport:
    ensure_topics(settings)
    report = IngestReport()
    topic = TopicNames.for_settings(settings).raw
    with MentionProducer(settings.resolved_kafka(), topic) as producer:
        for _line_no, item in read_mentions(path):
            if isinstance(item, Rejected):
                report.rejected.append(item)
                report_line(f"{path}:{item.line}: rejected: {item.reason}")
                continue
            producer.send(item.key.encode(), item.model_dump_json().encode())
            report.published += 1
        producer.flush()
        report.failed_deliveries = list(producer.failed)
    return report
