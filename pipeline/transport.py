"""Faust's Kafka transport with a consumer that never commits past a message it has not
processed, and re-reads one that its stream skipped.

Why: around a rebalance or recovery, faust-streaming's stream skips messages fetched while flow
control was paused (or tagged with an older generation) without acknowledging them, expecting
a later seek to fetch them again. When that seek had already happened, the skipped messages were
never re-read in that session, so a worker stalled with its lag frozen; and when exactly one was
skipped, the next commit stepped over it, because the consumer lets a single missing offset at
the head of the acknowledged run pass as if it were a compaction gap (``min(acked) - committed
> 1``; faust-streaming issue #606, fix proposed in #707). Our SIGKILL-and-restart test lost one
mention that way (committed past, never indexed) and stalled in other runs.

A second hazard: ``stream.take_events`` acknowledges the batch in hand when its agent is
cancelled (at shutdown), processed or not. An agent that is stopped mid-batch therefore holds
the batch back (``hold_back``): no commit reaches past its first offset, and whoever reads the
partition next processes it again.

Third, Faust counts a jump in the offsets it reads as a "gap" and acknowledges it, meant for
compacted or transactional topics. Ours are neither, so a jump only means the fetch position
moved past messages the stream never processed (around a seek in a rebalance); counting them
as acknowledged let a SIGKILL-and-restart test commit past 271 unindexed mentions per
partition. Here such jumps are not counted.

Here a partition commits only a run of acknowledged offsets that starts exactly at its committed
offset, and a
partition whose next message stays missing from that run, with nothing in flight below the run,
is sought back to it: the messages from there are read again. Processing is idempotent, so a
message read twice is indexed once.

Fourth, a partition whose skipped messages were the last it had shows no missing head: nothing
after them was acknowledged. Its reading went past its committed offset, messages wait beyond
that offset, and nothing of it is acknowledged or in flight: when that lasts, it too is sought
back (a SIGKILL-and-restart test waited 120 s for one reply sent during the restart; a quiet
partition in production would hold its last mentions until the next one arrived).

Fifth, a partition can stop being fetched at all: a worker restarted by ``webcare demo`` on a
group with committed offsets, while the demo's mentions arrived, read the first message of
each partition, processed and committed it, and fetched nothing more for minutes with flow
active, nothing in flight and messages waiting (its no-progress warning: committed 46, end
51, read 45, on every partition; 2026-12-07). Such a partition, read up to its committed
offset and no further while messages wait beyond it, is sought back to that offset too,
which makes the fetcher ask for it again.

Sixth, a partition can have read nothing at all since its committed offset: a worker
restarted after a SIGKILL (``tests/integration/test_crash_recovery.py``, two runs in about
thirty-five here) had aiokafka's position at each ``mentions.raw`` partition's end, nothing of
it buffered, in flight or read (read offset None), committed 760 of 1,982, and waited there
for minutes: the fetcher had moved past messages the stream never saw. Such a partition, with
messages waiting and nothing acknowledged or in flight, is sought back to its committed offset
as well (in the next fifteen runs it was, once, 7 s after the worker was ready, and all 6,000
mentions were indexed).

Seventh, what lay under most of the above after a restart (found on 2026-12-08 by logging
every fetch in 25 runs of the SIGKILL-and-restart tests, then 25 more with each change):

- When the worker's tables are restored from their changelogs, Faust's recovery resumes the
  flow and starts its fetcher for the changelogs, and at the end resumes the stream partitions
  first and seeks them to their committed offsets second. The fetcher, running all along,
  fetched the stream partitions in between from wherever aiokafka stood, and what it handed
  the streams then disagreed with the seek: of 100 worker starts, 11 fetched stream
  partitions in that window and 10 of them needed a re-read 5-8 s later (a missing head); of
  the 89 that fetched nothing there, none needed one on ``mentions.raw``. Here a stream
  partition is resumed only once it has been sought (``resume_partitions``, ``perform_seek``).
- Faust hands aiokafka its live set of active partitions, which a recovery or a rebalance can
  empty while the fetch waits, and aiokafka reads an empty set as every partition: it returned
  messages of partitions that were not active, moved its positions past them, and Faust's
  ``getmany`` dropped them, as it drops the rest of a fetch when the flow stops or the
  generation changes meanwhile. Where no committed offset existed yet, no later seek brought
  them back: the restarted worker read nothing more (the sixth point, reproduced once the
  window above was closed). Here every partition whose fetched messages Faust dropped is
  sought back to the first of them (``getmany``).
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import AsyncIterator, Coroutine, Iterable, Mapping
from typing import Any

from faust.exceptions import ConsumerNotStarted
from faust.transport.drivers import aiokafka as faust_aiokafka
from faust.types import TP, Message
from mode.services import WaitArgT, WaitResults

from pipeline.eager import start_eagerly
from pipeline.records import Record

HEAL_AFTER_S = 5.0  # several commit intervals: an in-flight message is acknowledged by then
# A stream partition resumed and not sought this long is fetched anyway: a net for a Faust whose
# recovery stops seeking after it resumes (the seek itself resumes it, done or failed).
UNSOUGHT_AFTER_S = 60.0
log = logging.getLogger("webcare.worker")


class GaplessConsumer(faust_aiokafka.Consumer):
    """``faust.transport.drivers.aiokafka.Consumer`` with contiguous commits (see module)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.missing_heads: dict[TP, tuple[int, float]] = {}  # tp -> (offset, since)
        self.held_back: dict[TP, int] = {}  # tp -> first offset of a batch left unfinished
        # tp -> (offset last read, None when nothing since its committed offset; since)
        self.stalled: dict[TP, tuple[int | None, float]] = {}
        self.unsought: dict[TP, float] = {}  # stream partitions to resume once sought -> since
        self._handed: Mapping[TP, list[Any]] = {}  # what aiokafka handed the last getmany

    async def wait_first(self, *coros: WaitArgT, timeout: Any = None) -> WaitResults:
        """Faust hands every fetched message to the streams with ``wait_first(callback(
        message), suspend_flow.wait())``: four tasks, a wait and three cancellations a message
        (5-6% of the enrich role's time). The callback nearly always finishes without
        suspending (the stream's buffer has room), so it is run at once; only one that
        suspends (a full buffer) is raced against the flow being suspended, as before."""
        if timeout is not None or len(coros) != 2:
            return await super().wait_first(*coros, timeout=timeout)
        handed, suspended = coros
        if not (isinstance(handed, Coroutine) and isinstance(suspended, Coroutine)
                and self._waits_for_suspended_flow(suspended)):
            return await super().wait_first(*coros)
        finished, rest = start_eagerly(handed)
        if not finished:
            return await super().wait_first(rest, suspended)
        suspended.close()  # never started
        return WaitResults([handed], [rest], False)

    def _waits_for_suspended_flow(self, coro: Coroutine[Any, Any, Any]) -> bool:
        """``coro`` is ``suspend_flow.wait()``, not started, and nothing is suspended,
        stopping or crashed yet."""
        frame = getattr(coro, "cr_frame", None)
        return (frame is not None and frame.f_locals.get("self") is self.suspend_flow
                and not any(event.is_set()
                            for event in (self.suspend_flow, self._stopped, self._crashed)))

    async def _wait_next_records(self, timeout: float
                                 ) -> tuple[Mapping[TP, list[Any]] | None, set[TP] | None]:
        records, active = await super()._wait_next_records(timeout)
        self._handed = records or {}
        return records, active

    async def getmany(self, timeout: float) -> AsyncIterator[tuple[TP, Message]]:
        """Faust's, except that no message aiokafka handed over is dropped unseen: each
        partition whose messages Faust dropped is sought back to the first of them (the
        module's seventh point)."""
        self._handed = {}
        taken: Counter[TP] = Counter()
        async for tp, message in super().getmany(timeout):
            taken[tp] += 1
            yield tp, message
        await self._seek_back_dropped(self._handed, taken)

    async def _seek_back_dropped(self, handed: Mapping[TP, list[Any]], taken: Counter[TP]
                                 ) -> None:
        """Faust yields a partition's records in order and drops the rest of them when the
        partition is not active, the flow stopped or the generation changed meanwhile; aiokafka
        has moved past them all the same."""
        for tp, records in handed.items():
            count = taken[tp]
            if count >= len(records) or tp not in self.assignment() \
                    or not self.app.topics.acks_enabled_for(tp.topic):
                continue
            first = records[count].offset
            log.info("%s[%d]: %d messages from offset %d were fetched and dropped (flow %s, "
                     "%s); reading them again", tp.topic, tp.partition, len(records) - count,
                     first, "active" if self.flow_active else "stopped", self._fetching(tp))
            try:
                await self.seek(tp, first)
            except Exception as exc:  # reassigned meanwhile: Faust's own seek follows
                log.info("could not seek %s[%d] back to %d: %r", tp.topic, tp.partition,
                         first, exc)

    def resume_partitions(self, tps: Iterable[TP]) -> None:
        """Changelog partitions are resumed at once; stream partitions when they have been
        sought to their committed offsets (``perform_seek``, which Faust's recovery calls next:
        the module's seventh point)."""
        tps = set(tps)
        streams = {tp for tp in tps if not self._is_changelog_tp(tp)}
        now = time.monotonic()
        for tp in streams:
            self.unsought.setdefault(tp, now)
        super().resume_partitions(tps - streams)

    def pause_partitions(self, tps: Iterable[TP]) -> None:
        tps = set(tps)
        for tp in tps:
            self.unsought.pop(tp, None)
        super().pause_partitions(tps)

    async def perform_seek(self) -> None:
        try:
            await super().perform_seek()
        finally:  # sought, or the seek failed or timed out: fetched as Faust would have
            self._resume_unsought()

    def _resume_unsought(self) -> None:
        assigned = self.assignment()
        resumed = {tp for tp in self.unsought if tp in assigned}
        self.unsought.clear()
        super().resume_partitions(resumed)

    async def _add_gap(self, tp: TP, offset_from: int, offset_to: int) -> None:
        """Not counted: see the module's third point."""
        self.log.debug("not taking offsets %d..%d of %r for processed", offset_from,
                       offset_to - 1, tp)

    def hold_back(self, offsets: Iterable[tuple[str, int, int]]) -> None:
        """Never commit at or past these ``(topic, partition, offset)`` messages: their batch
        was left unfinished."""
        for topic, partition, offset in offsets:
            tp = TP(topic, partition)
            self.held_back[tp] = min(offset, self.held_back.get(tp, offset))

    def _capped(self, tp: TP, offset: int | None) -> int | None:
        held = self.held_back.get(tp)
        if offset is None or held is None or offset <= held:
            return offset
        committed = self._committed_offset[tp]
        return held if committed is None or held > committed else None

    def _new_offset(self, tp: TP) -> int | None:
        expected = self._committed_offset[tp]
        acked = self._acked[tp]
        if acked and expected is not None and min(acked) > expected \
                and not self._gap[tp].overlaps_point(expected):
            known = self.missing_heads.get(tp)
            if known is None or known[0] != expected:
                self.missing_heads[tp] = (expected, time.monotonic())
            return None
        self.missing_heads.pop(tp, None)
        result: int | None = super()._new_offset(tp)
        return self._capped(tp, result)

    async def reread_skipped(self, now: float | None = None) -> list[tuple[TP, int]]:
        """Seek each partition whose next message has been missing for ``HEAL_AFTER_S``, with
        nothing in flight below its acknowledged run, back to that message. Returns what it
        sought. Called on a timer by the app."""
        now = time.monotonic() if now is None else now
        if not self.app.flow_control.is_active():
            return []  # a rebalance is in progress: Faust seeks to committed offsets itself
        waited = now - min(self.unsought.values(), default=now)
        if waited >= UNSOUGHT_AFTER_S:
            log.warning("%s resumed %.0f s ago and never sought: fetched from where they stand",
                        ", ".join(f"{tp.topic}[{tp.partition}]" for tp in sorted(self.unsought)),
                        waited)
            self._resume_unsought()
        assigned = self.assignment()
        sought = []
        for tp, (offset, since) in list(self.missing_heads.items()):
            if tp not in assigned:
                self.missing_heads.pop(tp, None)
                continue
            if now - since < HEAL_AFTER_S:
                continue
            head = min(self._acked[tp], default=None)
            if head is None or any(m.tp == tp and m.offset < head for m in self.unacked):
                continue
            await self.seek(tp, offset)
            self.missing_heads.pop(tp, None)
            sought.append((tp, offset))
        return sought + await self._reread_stalled(assigned, now)

    async def _reread_stalled(self, assigned: set[TP], now: float) -> list[tuple[TP, int]]:
        """Seek back each partition whose reading stands still at or past its committed
        offset (or that has read nothing since it), with messages waiting beyond that offset
        and nothing of it acknowledged or in flight, for ``HEAL_AFTER_S`` (the module's
        fourth, fifth and sixth points). Only partitions of topics whose messages are
        acknowledged: a table's changelog is read without acknowledgements."""
        for gone in self.stalled.keys() - assigned:  # no longer ours: its reading starts anew
            del self.stalled[gone]
        in_flight = {message.tp for message in self.unacked}
        sought = []
        for tp in assigned:
            if not self.app.topics.acks_enabled_for(tp.topic):
                continue
            committed = self._committed_offset[tp]
            read = self._read_offset[tp]
            # read >= committed - 1: it read past its committed offset, or up to it (the last
            # message read was processed and committed) and no further though messages wait;
            # read None: nothing read since. Where the committed offset is not known (a
            # partition just assigned, the broker away), there is nowhere to seek to: the
            # fetcher starts from it on its own.
            if (committed is None or tp in self.missing_heads
                    or (read is not None and read < committed - 1)
                    or self._waiting_end(tp) is None or self._acked[tp] or tp in in_flight):
                self.stalled.pop(tp, None)
                continue
            known = self.stalled.get(tp)
            if known is None or known[0] != read:
                self.stalled[tp] = (read, now)
            elif now - known[1] >= HEAL_AFTER_S:
                log.info("%s[%d] stood still for %.0f s, %s, committed %d, end %s", tp.topic,
                         tp.partition, now - known[1], "nothing read since" if read is None
                         else f"read up to {read}", committed, self._known_end(tp))
                await self.seek(tp, committed)
                self.stalled.pop(tp, None)
                sought.append((tp, committed))
        return sought

    def lagging(self) -> list[str]:
        """What a partition of an acknowledged topic with messages waiting past its committed
        offset is doing, one line each: for the worker's no-progress warning, so that a stall
        shows where it sits (flow suspended, a message in flight, nothing read)."""
        waiting = [(tp, end) for tp in sorted(self.assignment())
                   if self.app.topics.acks_enabled_for(tp.topic)
                   and (end := self._waiting_end(tp)) is not None]
        if not waiting:
            return []
        in_flight = Counter(message.tp for message in self.unacked)
        return [f"{tp.topic}[{tp.partition}]: committed {self._committed_offset[tp]}, end {end}, "
                f"read {self._read_offset[tp]}, in flight {in_flight[tp]}, "
                f"acknowledged ahead {len(self._acked[tp])}, "
                f"missing head {tp in self.missing_heads}, "
                f"fetch position {self._fetch_position(tp)}, fetching {self._fetching(tp)}"
                for tp, end in waiting]

    def _fetch_position(self, tp: TP) -> int | str:
        """The offset aiokafka's fetcher asks for next in the partition ("unknown" while it
        has none): a position past the read offset, with nothing in flight, means messages
        were fetched that the stream never saw (the module's sixth point). Read from the
        fetcher's partition state, as Faust's own driver reads it for its lag checks."""
        try:
            fetcher = self._thread._ensure_consumer()._fetcher
            state = fetcher._subscriptions.subscription.assignment.state_value(tp)
        except (AttributeError, AssertionError, ConsumerNotStarted):
            return "unknown"
        if state is None or not state.has_valid_position:
            return "unknown"
        position: int = state.position
        return position

    def _fetching(self, tp: TP) -> str:
        """Whether Faust asks for the partition's messages: "yes", or why not ("not sought
        yet", "paused", a stream's "buffer full", "not active")."""
        if tp in self.unsought:
            return "not sought yet"
        if tp in self._paused_partitions:
            return "paused"
        if tp in self._buffered_partitions:
            return "buffer full"
        active = self._active_partitions
        return "yes" if active is None or tp in active else "not active"

    def _waiting_end(self, tp: TP) -> int | None:
        """The partition's end offset where messages wait past its committed offset; None
        where none do or its end is not known yet."""
        end = self._known_end(tp)
        return end if end is not None and end > (self._committed_offset[tp] or 0) else None

    def _known_end(self, tp: TP) -> int | None:
        """The partition's end offset as the last fetch saw it; None while unknown."""
        try:
            end = self.highwater(tp)
        except (AssertionError, ConsumerNotStarted):  # aiokafka asserts the assignment
            return None
        return end if isinstance(end, int) else None


def hold_back(app: Any, records: Iterable[Record]) -> None:
    """Keep the commits of ``app``'s consumer below these records (see ``GaplessConsumer``)."""
    consumer = app.consumer
    if isinstance(consumer, GaplessConsumer):
        consumer.hold_back((r.topic, r.partition, r.offset) for r in records)


class GaplessTransport(faust_aiokafka.Transport):
    Consumer = GaplessConsumer
