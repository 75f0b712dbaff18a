"""The de-duplication table's values: where and when a mention was first delivered, and which
entries fall out of the window."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

import faust
import pytest
from faust.types import TP

from pipeline.context import key_partition
from pipeline.dedup import (
    FirstDeliveryStore,
    FirstDeliveryTable,
    changelog_value,
    delivery_of,
    expired,
    from_changelog,
    seen_at,
    seen_value,
)

NOW = 1_764_900_000


def test_a_value_keeps_where_and_when() -> None:
    value = seen_value(2, 1041, NOW + 0.7)
    assert delivery_of(value) == "2:1041" and seen_at(value) == NOW
    assert delivery_of(None) is None


@pytest.mark.parametrize(("partition", "offset"), [(0, 0), (255, 2**20 - 1), (7, 2**20),
                                                   (3, 2**62 + 5)])
def test_every_partition_and_offset_comes_back_exactly(partition: int, offset: int) -> None:
    value = seen_value(partition, offset, NOW)
    assert delivery_of(value) == f"{partition}:{offset}" and seen_at(value) == NOW


def test_a_recent_entry_of_a_modest_offset_is_a_small_int() -> None:
    assert seen_value(255, 2**20 - 1, NOW).bit_length() <= 60


def test_partitions_beyond_the_packing_are_refused() -> None:
    with pytest.raises(ValueError, match="partition 512"):
        seen_value(512, 1, NOW)


def test_the_changelog_keeps_its_text_form_both_ways() -> None:
    value = seen_value(2, 1041, NOW)
    assert changelog_value(value) == b"2:1041@1764900000"
    assert from_changelog(changelog_value(value)) == value


def test_values_from_before_the_window_still_say_where_and_are_forgotten_first() -> None:
    value = from_changelog(b"0:17")
    assert value and delivery_of(value) == "0:17"
    assert expired([(b"timeless", value)], before=NOW - 72 * 3600) == [b"timeless"]


def test_entries_older_than_the_window_expire() -> None:
    entries = [(b"old", seen_value(0, 1, NOW - 10)), (b"new", seen_value(0, 2, NOW + 10)),
               (b"edge", seen_value(1, 4, NOW))]
    assert expired(entries, before=NOW) == [b"old"]


def changelog_event(key: bytes, value: bytes | None) -> Any:
    message = SimpleNamespace(key=key, value=value, partition=0)
    return SimpleNamespace(key=key, value=value, message=message)


def test_a_restored_table_holds_the_packed_entries_and_drops_tombstones() -> None:
    app = faust.App("dedup-restore-test", broker="memory://", store="memory://")
    table = FirstDeliveryTable(app, name="first-delivery", default=None, key_type=bytes,
                               value_type=bytes, partitions=1)
    table.apply_changelog_batch([changelog_event(b"a", b"0:5@1764900000"),
                                 changelog_event(b"b", b"0:6@1764900000"),
                                 changelog_event(b"b", None)])
    assert dict(table.data.items()) == {b"a": seen_value(0, 5, NOW)}


def test_a_restored_table_keeps_no_key_partition_map_and_drops_what_it_no_longer_owns(
) -> None:
    app = faust.App("dedup-owned-test", broker="memory://", store="memory://")
    table = FirstDeliveryTable(app, name="first-delivery", default=None, key_type=bytes,
                               value_type=bytes, partitions=4, use_partitioner=True)
    keys = [f"twitter:{n}".encode() for n in range(200)]
    table.apply_changelog_batch([changelog_event(key, b"0:5@1764900000") for key in keys])
    table.data[b"twitter:written-here"] = seen_value(0, 9, NOW)  # as set_all writes
    store = table.data
    assert isinstance(store, FirstDeliveryStore)
    assert not store._key_partition  # Faust's memory store keeps one entry a key
    owned = {key_partition(key, [0, 1, 2, 3]) for key in keys[:1]}
    changelog = "dedup-owned-test-first-delivery-changelog"
    asyncio.run(store.on_recovery_completed({TP(changelog, p) for p in owned}, set()))
    kept = set(table.data.keys())
    assert kept == {key for key in [*keys, b"twitter:written-here"]
                    if key_partition(key, [0, 1, 2, 3]) in owned}
    assert 0 < len(kept) < len(keys)
