"""What to do with a record that cannot be processed: the error policy.

The default sends it to ``mentions.dlq`` with the original key and bytes, and the reason,
failing step and origin (topic, partition, offset) in headers. Tests can choose ``raise``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pipeline.processing import DeadLetter

ErrorPolicy = Literal["dead-letter", "raise"]


class UnprocessableRecord(Exception):
    """Raised instead of dead-lettering under the strict ``raise`` policy."""


def dead_letter_headers(letter: DeadLetter) -> list[tuple[str, bytes]]:
    record = letter.record
    return [
        ("webcare.reason", letter.reason.encode()),
        ("webcare.step", letter.step.encode()),
        ("webcare.origin.topic", record.topic.encode()),
        ("webcare.origin.partition", str(record.partition).encode()),
        ("webcare.origin.offset", str(record.offset).encode()),
        ("webcare.failed_at", datetime.now(UTC).isoformat().encode()),
    ]
