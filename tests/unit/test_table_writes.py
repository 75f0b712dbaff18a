"""Table writes in batches: the store is set (or emptied) at once, and the changelog records
come back for one ``send_all`` with the batch."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline.table_writes import delete_all, set_all, store_dict


@dataclass
class FakeTable:
    data: dict[bytes, bytes] = field(default_factory=dict)


def test_set_all_sets_the_store_and_returns_the_changelog_records() -> None:
    table = FakeTable({b"old": b"0:1@1"})
    records = set_all(table, [(b"a", b"0:2@2"), (b"b", b"1:3@3")])
    assert records == [(b"a", b"0:2@2", None), (b"b", b"1:3@3", None)]
    assert table.data == {b"old": b"0:1@1", b"a": b"0:2@2", b"b": b"1:3@3"}


def test_delete_all_empties_the_store_and_returns_tombstones() -> None:
    table = FakeTable({b"a": b"0:2@2", b"b": b"1:3@3"})
    assert delete_all(table, [b"a", b"gone"]) == [(b"a", None, None), (b"gone", None, None)]
    assert table.data == {b"b": b"1:3@3"}


def test_lookups_read_the_dict_under_a_faust_memory_store() -> None:
    """``store_dict`` skips the Mapping layer whose ``get`` raises for every missing key, and
    sees what ``set_all`` wrote and what a restore put there."""
    import faust

    app = faust.App("store-dict-test", store="memory://")
    table = app.Table("seen", key_type=bytes, value_type=bytes)
    store: Any = table.data
    set_all(table, [(b"a", b"0:2@2")])
    store.data[b"restored"] = b"1:3@3"
    found = store_dict(table)
    assert found is store.data and found.get(b"a") == b"0:2@2"
    assert found.get(b"restored") == b"1:3@3" and found.get(b"missing") is None
    assert store_dict(FakeTable({b"x": b"1"})) == {b"x": b"1"}  # a plain dict store as it is


def test_keys_land_on_the_partition_kafkas_default_partitioner_gives() -> None:
    """Our sends and Faust's (aiokafka's pure-Python murmur2) must agree, or a table's
    changelog and a thread's messages would scatter: every key length, random bytes."""
    import random

    from aiokafka.partitioner import DefaultPartitioner

    from pipeline.context import key_partition

    rng = random.Random(18)
    reference = DefaultPartitioner()
    for length in range(70):
        for _ in range(30):
            key = rng.randbytes(length)
            for count in (1, 3, 12, 256):
                partitions = list(range(count))
                assert key_partition(key, partitions) == reference(key, partitions, partitions)
    # Kafka's Java partitioner over 1,000 partitions (the values kafka-python tests against)
    thousand = list(range(1000))
    assert [key_partition(key, thousand) for key in (b"", b"a", b"ab", b"abc", b"123456789",
                                                     b"\x00 ")] == [681, 524, 434, 107, 566, 742]
