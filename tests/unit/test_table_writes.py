"""Table writes in batches: the store is set (or emptied) at once, and the changelog records
come back for one ``send_all`` with the batch."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.table_writes import delete_all, set_all


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
