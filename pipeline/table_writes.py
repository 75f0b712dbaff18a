"""A batch's writes to a Faust table, with its changelog records sent alongside the batch's
other messages and awaited with them.

``table[key] = value`` sends one changelog message per key through Faust's producer buffer, a
future and a task hop each: 8-10% of the worker's time at full speed (py-spy, issue 18). Here
the table's store is set directly and the changelog records are returned for ``send_all``,
which batches them per partition, partitioned by key as Faust's own sends are (the tables
this is for use the partitioner). The changelog is the same: key and value bytes, so
recovery reads it as before; a batch is acknowledged only after its records are in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from pipeline.context import Message


def store_dict(table: Any) -> Mapping[bytes, Any]:
    """The mapping under a table's in-memory store, for lookups. Faust's store is a Mapping
    whose ``get`` raises and catches a KeyError for every key it lacks (most of a
    de-duplication table's lookups)."""
    store = table.data
    found = getattr(store, "data", None)
    return found if isinstance(found, dict) else store


def set_all(table: Any, items: Iterable[tuple[bytes, Any]],
            encode: Callable[[Any], bytes] | None = None) -> list[Message]:
    """Set ``items`` in ``table`` (a Faust table with raw bytes keys); returns its changelog
    records, for ``send_all(table.changelog_topic, ...)``. Values are raw bytes, or what the
    table's value serializer reads back from ``encode(value)``."""
    store = table.data
    records: list[Message] = []
    for key, value in items:
        store[key] = value
        records.append((key, value if encode is None else encode(value), None))
    return records


def delete_all(table: Any, keys: Sequence[bytes]) -> list[Message]:
    """Remove ``keys`` from ``table``'s store; returns their tombstones for its changelog. A
    sweep that forgets a window's worth of entries would otherwise queue that many messages
    in Faust's producer buffer, and Faust hands no topic's messages to the streams until that
    buffer is back under 100."""
    store = table.data
    for key in keys:
        store.pop(key, None)
    return [(key, None, None) for key in keys]
