"""``conversations.messages`` -> the thread table, Elasticsearch ``conversations`` and
service-level alerts on ``alerts``. The messages are partitioned by thread (brand, channel,
customer) and packed, many to a record (``pipeline.packs``), so each thread lives on one
partition and in one worker's table; a timer closes quiet conversations and raises alerts
before deadlines. The logic is ``conversations.ledger`` (pure); this module does the I/O.

Mentions are not written here: each was indexed with its threads' ids, and a conversation
document says which of its thread's mentions are its own (``thread_id``, ``started_at`` to
``last_activity_at``)."""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator, MutableMapping
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
import zstandard

from alerting.alerts import alert_json
from conversations.ledger import Changes, PolicyFor, apply_messages, sweep
from conversations.messages import ConversationMessage
from conversations.tracker import Thread
from pipeline.context import WorkerContext, send_all
from pipeline.packs import unpacked
from pipeline.records import Record, from_events
from pipeline.sink import Document
from pipeline.subscriptions_sync import SubscriptionsSync
from pipeline.table_writes import set_all, store_dict

log = logging.getLogger("webcare.worker")


# Zstandard at level 1: as small as zlib's fastest level (a thread's 1.1 KB of JSON take 440
# bytes either way) in a third of the time (5.6 against 17 µs on the benchmark's threads:
# zlib's cost is mostly its set-up, paid for every thread stored).
_COMPRESS = zstandard.ZstdCompressor(level=1).compress
_DECOMPRESS = zstandard.ZstdDecompressor().decompress
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"


def stored_thread(thread: Thread) -> bytes:
    """A thread as the table and its changelog hold it: compressed JSON (a 30-message thread's
    11 KB of JSON take 1-2 KB; each is kept in memory beside its parsed form, and sent to the
    changelog on every change).

    Copied into bytes of their own size: the compressor allocates room for the worst case and
    shrinks it in place, and the kept values, scattered over those shrunk blocks, held the
    heap's free space: 4,885 threads stored 200 times grew the process by 147 MiB, against 97
    MiB with the copy (and with zlib)."""
    return bytes(memoryview(_COMPRESS(thread.to_json())))


def read_thread(value: bytes) -> Thread:
    """A thread from the table: Zstandard-compressed JSON, or as it was stored before (plain
    JSON, then zlib-compressed JSON)."""
    if value.startswith(_ZSTD_MAGIC):
        return Thread.from_json(_DECOMPRESS(value))
    return Thread.from_json(value if value.startswith(b"{") else zlib.decompress(value))


class TableThreads(MutableMapping[str, Thread]):
    """The Faust table (bytes in its changelog) as a mapping of parsed threads, each parsed
    once and kept: the sweep reads them all every few seconds.

    A stored thread is set in the table's store at once; its changelog record waits for
    ``take_changelog``, which the agent sends with ``send_all`` after each batch. Set through
    Faust, a batch's hundreds of threads overflowed Faust's producer buffer (100 messages; 200-240
    "producer buffer full" warnings in a 40-second benchmark), and Faust hands no topic's
    messages to the streams until that buffer ebbs."""

    def __init__(self, table: Any) -> None:
        self.table = table
        self.parsed: dict[str, Thread] = {}
        self.generation: int | None = None
        self.unsent: dict[bytes, bytes] = {}  # key -> its latest stored value, not yet sent

    def follow(self, generation: int) -> None:
        """Forget what was parsed when the partitions were assigned anew (``generation``: the
        app's rebalance count): a thread may have changed in another worker meanwhile."""
        if generation != self.generation:
            self.parsed.clear()
            self.generation = generation

    def get(self, key: str, default: Thread | None = None) -> Thread | None:  # type: ignore[override]
        # Not Mapping.get: it raises and catches a KeyError for every new thread.
        found = self.parsed.get(key)
        if found is None:
            value = store_dict(self.table).get(key.encode())
            if value is None:
                return default
            found = self.parsed[key] = read_thread(value)
        return found

    def __getitem__(self, key: str) -> Thread:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __setitem__(self, key: str, thread: Thread) -> None:
        self.parsed[key] = thread
        encoded, value = key.encode(), stored_thread(thread)
        set_all(self.table, [(encoded, value)])
        self.unsent[encoded] = value

    def take_changelog(self) -> list[tuple[bytes, bytes]]:
        """The threads stored since the last call, the latest value of each: their changelog
        records are the caller's to send."""
        stored = list(self.unsent.items())
        self.unsent.clear()
        return stored

    def __delitem__(self, key: str) -> None:
        self.parsed.pop(key, None)
        del self.table[key.encode()]

    def __iter__(self) -> Iterator[str]:
        return (key.decode() for key in list(self.table.keys()))

    def __len__(self) -> int:
        return len(self.table)


class ConversationAgent:
    def __init__(self, context: WorkerContext, sync: SubscriptionsSync, app: Any, table: Any,
                 policy_for: PolicyFor) -> None:
        self.context, self.sync, self.app = context, sync, app
        self.threads = TableThreads(table)
        self.policy_for = policy_for
        self.alias = context.index("conversations")
        settings = context.settings
        self.retention = timedelta(days=settings.conversation_retention_days)

    async def handle(self, records: list[Record]) -> None:
        messages = [ConversationMessage.from_json(r.value or b"") for r in records]
        await self.context.ready.wait()
        self.threads.follow(self.app.rebalancing_count)
        await self.write(apply_messages(self.threads, messages, self.policy_for))
        await self.save_threads()

    async def save_threads(self) -> None:
        """The threads stored since the last time, to the table's changelog, in one batch."""
        stored = self.threads.take_changelog()
        try:
            await send_all(self.threads.table.changelog_topic,
                           [(key, value, None) for key, value in stored])
        except BaseException:
            for key, value in stored:  # sent next time, unless stored again meanwhile
                self.threads.unsent.setdefault(key, value)
            raise

    async def write(self, changes: Changes) -> None:
        now = datetime.now(UTC)
        documents = [Document(f"{self.alias}-{doc['opened_at'][:7].replace('-', '.')}",
                              doc["id"], orjson.dumps(doc)) for doc in changes.documents(now)]
        await self.context.sink.write(documents)
        if changes.alerts:
            await send_all(self.context.topics.alerts,
                           [(a.subscription_id.encode(), alert_json(a), None)
                            for a in changes.alerts])
            self.context.stats.alerts += len(changes.alerts)

    async def track_conversations(self, stream: Any) -> None:  # a faust.Stream
        # Each record a pack of messages (pipeline.packs), each message a record of its own
        # for the error policy: a bad message is dead-lettered alone. A hundred packs are
        # about 600 messages: larger batches cost memory (see PACK_BYTES).
        async for events in stream.take_events(100, within=0.05):
            await self.context.process(unpacked(from_events(events)), self.handle,
                                       step="conversations")

    async def sweep(self) -> None:
        """A timer: close quiet conversations, alert before deadlines, forget idle threads.
        Never raises (a timer that raises stops the worker): what fails is done next time."""
        if not (self.sync.loaded.is_set() and self.context.ready.is_set()) \
                or self.app.rebalancing:
            return
        changes = Changes()
        self.threads.follow(self.app.rebalancing_count)
        try:
            changes = sweep(self.threads, datetime.now(UTC), self.policy_for,
                            self.sync.matcher.service_level_watchers, self.retention)
            if changes.conversations:
                await self.write(changes)
        except Exception:
            log.exception("the conversation sweep failed; trying again at the next tick")
            for key in changes.touched:  # back to the stored state: all of it is done again
                self.threads.parsed.pop(key, None)
            return
        for key in changes.touched:
            self.threads[key] = self.threads[key]
        try:
            await self.save_threads()
        except Exception:
            log.exception("saving the swept threads failed; they are sent with the next batch")
