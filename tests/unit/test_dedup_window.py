"""The de-duplication table's values: where and when a mention was first delivered, and which
entries fall out of the window."""

from __future__ import annotations

from pipeline.dedup import delivery_of, expired, seen_at, seen_value


def test_a_value_keeps_where_and_when() -> None:
    value = seen_value("2:1041", 1_764_900_000.7)
    assert value == b"2:1041@1764900000"
    assert delivery_of(value) == "2:1041" and seen_at(value) == 1_764_900_000
    assert delivery_of(None) is None


def test_values_from_before_the_window_still_say_where() -> None:
    assert delivery_of(b"0:17") == "0:17" and seen_at(b"0:17") is None


def test_entries_older_than_the_window_and_timeless_ones_expire() -> None:
    entries = [(b"old", seen_value("0:1", 1000)), (b"new", seen_value("0:2", 5000)),
               (b"timeless", b"1:3"), (b"edge", seen_value("1:4", 3000))]
    assert expired(entries, before=3000) == [b"old", b"timeless"]
