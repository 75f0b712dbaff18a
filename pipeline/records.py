"""The records the worker consumes and the dead letters it makes of those it cannot process:
one shape for every topic, so one error policy serves them all."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Record:
    """One message as taken off a topic."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None

    @property
    def delivery(self) -> str:
        """Where this copy sits in the log; a replay after a crash has the same delivery."""
        return f"{self.partition}:{self.offset}"


@dataclass(frozen=True)
class DeadLetter:
    record: Record
    step: str
    reason: str


def from_messages(messages: Iterable[Any]) -> list[Record]:
    """Records from Kafka client messages (aiokafka's ``ConsumerRecord``, Faust's ``Message``):
    both carry topic, partition, offset, key and value."""
    return [Record(m.topic, m.partition, m.offset, m.key, m.value) for m in messages]


def from_events(events: Iterable[Any]) -> list[Record]:
    """Records from the events of a Faust stream (``stream.take_events``)."""
    return from_messages(e.message for e in events)
