"""Many small messages in one Kafka record: the values of messages bound for one partition,
joined by newlines (JSON documents, which hold no raw newline).

Why: the worker's internal ``conversations.messages`` topic carries one small message per
mention. Read one record at a time, Faust's work per record (the fetcher, the stream's queue,
flow control, the event) cost the alerts role more than tracking the conversations did: about
a third of its time in a 20,000-mention burst (py-spy, issue 18). Packed, a batch of a thousand
mentions makes a few dozen records per partition.

A record that holds one message is a pack of one, so records written before packing are read
the same way. ``unpacked`` gives every message back as a record of its own (with the pack's
topic, partition and offset), so the error policy still isolates and dead-letters a single
bad message, not the pack around it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pipeline.records import Record

SEPARATOR = b"\n"
# About six conversation messages, which saves most of Faust's work per record. Larger packs,
# or batches of more messages (pipeline.conversation_agent), left the alerts role 20-45 MiB
# larger after 300,000 mentions (benchmarks/worker_memory.py): 15 KB packs, and 4 KB packs
# taken 200 at a time; 4 KB packs taken 100 at a time (about 600 messages) held what the
# worker held unpacked (570 MiB). A message larger than this makes a pack of its own.
PACK_BYTES = 4_000


def packs(values: Iterable[bytes], max_bytes: int = PACK_BYTES) -> Iterator[bytes]:
    """``values`` joined in order into packs of at most ``max_bytes`` (a larger value alone)."""
    pack: list[bytes] = []
    size = 0
    for value in values:
        if SEPARATOR in value:
            raise ValueError("a packed message cannot hold a newline")
        if pack and size + len(SEPARATOR) + len(value) > max_bytes:
            yield SEPARATOR.join(pack)
            pack, size = [], 0
        size += len(value) + (len(SEPARATOR) if pack else 0)
        pack.append(value)
    if pack:
        yield SEPARATOR.join(pack)


def unpacked(records: Iterable[Record]) -> list[Record]:
    """Each message of each pack as a record of its own, in order. A tombstone (no value) or
    an empty value stays one record, for the handler to judge."""
    result = []
    for record in records:
        value = record.value
        if not value or SEPARATOR not in value:
            result.append(record)
            continue
        result += [Record(record.topic, record.partition, record.offset, record.key, message)
                   for message in value.split(SEPARATOR)]
    return result
