"""The per-record error policy, the same on every topic the worker consumes.

- Infrastructure failures (Elasticsearch or Kafka down, slow, overloaded) are retried with
  backoff for as long as they last (``core.retry``): nothing is skipped, and the batch is
  acknowledged only after it went through.
- Any other failure belongs to a record. The batch is split in halves and each half tried again
  until the failing record stands alone; that record goes to the dead-letter topic with its
  reason, step and origin, and the partition moves on. The handlers are idempotent (stable
  ids, a delivery log), so the records tried twice this way are written once.

The default sends dead letters to the topic; tests can choose ``raise``.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from typing import Literal

from core.retry import retry_infrastructure
from pipeline.records import DeadLetter, Record

ErrorPolicy = Literal["dead-letter", "raise"]
Publish = Callable[[list[tuple[bytes | None, bytes, list[tuple[str, bytes]]]]], Awaitable[None]]
Handler = Callable[[list[Record]], Awaitable[None]]

log = logging.getLogger("webcare.worker")


class UnprocessableRecord(Exception):
    """Raised instead of dead-lettering under the strict ``raise`` policy."""


def describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {str(exc)[:2000]}"


class DeadLetters:
    """Sends dead letters with the original key and bytes, and headers ``webcare.reason``,
    ``webcare.step``, ``webcare.origin.topic|partition|offset`` and ``webcare.failed_at``. A
    value over ``max_bytes`` is cut to that size, with ``webcare.original_size`` saying so:
    the origin headers point at the whole record, still in its topic."""

    def __init__(self, publish: Publish, *, max_bytes: int,
                 policy: ErrorPolicy = "dead-letter") -> None:
        self.publish, self.max_bytes, self.policy = publish, max_bytes, policy
        self.count = 0

    def headers(self, letter: DeadLetter) -> list[tuple[str, bytes]]:
        record = letter.record
        found = [
            ("webcare.reason", letter.reason[:4000].encode(errors="replace")),
            ("webcare.step", letter.step.encode()),
            ("webcare.origin.topic", record.topic.encode()),
            ("webcare.origin.partition", str(record.partition).encode()),
            ("webcare.origin.offset", str(record.offset).encode()),
            ("webcare.failed_at", datetime.now(UTC).isoformat().encode()),
        ]
        size = len(record.value or b"") + len(record.key or b"")
        if size > self.max_bytes:
            found.append(("webcare.original_size", str(size).encode()))
        return found

    async def send(self, letters: Sequence[DeadLetter]) -> None:
        if not letters:
            return
        if self.policy == "raise":
            raise UnprocessableRecord("; ".join(f"{d.step}: {d.reason}" for d in letters))
        await self.publish([((d.record.key or b"")[:1024] or None,
                             (d.record.value or b"")[:self.max_bytes], self.headers(d))
                            for d in letters])
        for letter in letters:
            log.warning("dead-lettered %s[%d]@%d at %s: %s", letter.record.topic,
                        letter.record.partition, letter.record.offset, letter.step,
                        letter.reason[:500])
        self.count += len(letters)


class RecordPolicy:
    """Runs a handler over a batch of records under the policy described above."""

    def __init__(self, dead_letters: DeadLetters) -> None:
        self.dead_letters = dead_letters

    async def run(self, records: list[Record], handle: Handler, *, step: str) -> None:
        if not records:
            return
        try:
            await retry_infrastructure(lambda: handle(records), log=log,
                                       what=f"{step} of {len(records)} records")
        except UnprocessableRecord:
            raise
        except Exception as exc:  # not the infrastructure's: find the record it belongs to
            if len(records) == 1:
                await self._dead_letter(records[0], step, exc)
                return
            half = len(records) // 2
            await self.run(records[:half], handle, step=step)
            await self.run(records[half:], handle, step=step)

    async def _dead_letter(self, record: Record, step: str, exc: Exception) -> None:
        log.debug("%s failed on %s[%d]@%d", step, record.topic, record.partition,
                  record.offset, exc_info=exc)
        await retry_infrastructure(
            lambda: self.dead_letters.send([DeadLetter(record, step, describe(exc))]),
            log=log, what="dead-lettering")
