"""What the de-duplication table holds per mention version: where it was first delivered
(``"partition:offset"``, to tell a replay after a crash from a re-delivery) and when, so that
entries older than the window (``WEBCARE_DEDUP_WINDOW_HOURS``) can be forgotten and the
table's memory and changelog stay bounded. A re-delivery after the window is indexed again
under its stable ``_id`` (it overwrites itself) and its alerts keep their stable ids, which
the delivery log has already seen.

The changelog holds ``b"partition:offset@epoch-seconds"``. In memory an entry's value is one
packed int instead (``FirstDeliveryTable``): the table holds an entry per mention of the
window (1,000,000 at 4 mentions a second over 72 hours), and an int of up to 60 bits takes
32 bytes where the text took 52."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import faust
from faust.stores.memory import Store as MemoryStore
from faust.types import TP, EventT

from pipeline.context import key_partition

# Low to high: seconds since 2025 (31 bits, until 2093), partition (9 bits: the settings allow
# up to 256), offset. Up to offset 2**20 the whole fits a 60-bit int (32 bytes); beyond,
# Python's int grows (48 bytes), still exact.
_EPOCH = 1_735_689_600  # 2025-01-01T00:00:00Z
_SECOND_BITS, _PARTITION_BITS = 31, 9
_PARTITION_SHIFT = _SECOND_BITS
_OFFSET_SHIFT = _SECOND_BITS + _PARTITION_BITS
MAX_PARTITIONS = 1 << _PARTITION_BITS
# A value written before the table had times, or a time before 2025: first seen "long ago",
# forgotten at the next sweep. One second after the epoch rather than zero, which the store
# reads as deleted.
_LONG_AGO = 1


def seen_value(partition: int, offset: int, at: float) -> int:
    """The packed entry of a mention first delivered at ``partition:offset`` at ``at``."""
    if not 0 <= partition < MAX_PARTITIONS:
        raise ValueError(f"partition {partition} is outside 0..{MAX_PARTITIONS - 1}")
    seconds = min(max(_LONG_AGO, int(at) - _EPOCH), (1 << _SECOND_BITS) - 1)
    return offset << _OFFSET_SHIFT | partition << _PARTITION_SHIFT | seconds


def delivery_of(value: int | None) -> str | None:
    """``"partition:offset"`` of a table value."""
    if value is None:
        return None
    partition = value >> _PARTITION_SHIFT & (MAX_PARTITIONS - 1)
    return f"{partition}:{value >> _OFFSET_SHIFT}"


def seen_at(value: int) -> int:
    """When it was first seen (epoch seconds)."""
    return _EPOCH + (value & ((1 << _SECOND_BITS) - 1))


def changelog_value(value: int) -> bytes:
    return f"{delivery_of(value)}@{seen_at(value)}".encode()


def from_changelog(raw: bytes) -> int:
    """The packed entry of a changelog value (one from before the window had no time)."""
    delivery, _, at = raw.decode().partition("@")
    partition, _, offset = delivery.partition(":")
    return seen_value(int(partition), int(offset), int(at) if at.isdigit() else 0)


class FirstDeliveryStore(MemoryStore[bytes, int]):
    """Faust's memory store without the key -> partition map it fills while a table is
    restored and keeps for good (restoring 1,000,000 entries: 111 MiB held with it, 71
    without, tracemalloc). The map serves one purpose: dropping the entries of partitions this
    worker no longer owns once recovery ends. The table is partitioned as Kafka partitions its
    keys (``use_partitioner``), so the partition is computed from the key instead, which also
    drops the entries the worker wrote itself (``set_all``), which the map never held."""

    def _create_batch_iterator(self, mark_as_delete: Callable[[Any], None],
                               to_key: Callable[[Any], Any], to_value: Callable[[Any], Any],
                               batch: Iterable[EventT[Any]]) -> Iterator[tuple[Any, Any]]:
        for event in batch:
            key = to_key(event.key)
            if event.message.value is None:  # a tombstone: deleted after the batch
                mark_as_delete(key)
            yield key, to_value(event.value)

    async def on_recovery_completed(self, active_tps: set[TP], standby_tps: set[TP]) -> None:
        owned = {partition for _, partition in active_tps}
        partitions = list(range(self.table.partitions or 1))
        gone = [key for key in self.data if key_partition(key, partitions) not in owned]
        for key in gone:
            del self.data[key]


class FirstDeliveryTable(faust.Table[bytes, int]):
    """The de-duplication table: raw bytes keys and changelog values, packed ints in memory.
    The enrichment agent writes both forms itself (``set_all`` with ``changelog_value``);
    this reads the changelog's form into the store when the table is restored."""

    def _new_store(self) -> FirstDeliveryStore:
        return FirstDeliveryStore(
            "memory://", self.app, self, table_name=self.name, key_type=self.key_type,
            key_serializer=self.key_serializer, value_serializer=self.value_serializer,
            value_type=self.value_type, loop=self.loop, options=self.options)

    def _to_value(self, v: Any) -> Any:
        return None if v is None else from_changelog(v)


def expired(entries: Iterable[tuple[bytes, int]], before: float) -> list[bytes]:
    """Keys first seen before ``before`` (epoch seconds)."""
    return [key for key, value in entries if seen_at(value) < before]
