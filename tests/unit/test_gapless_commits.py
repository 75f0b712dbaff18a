"""The worker's Kafka consumer commits only contiguous runs of processed offsets and re-reads
a message its stream skipped (``pipeline.transport``)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import faust
import pytest
from aiokafka.structs import ConsumerRecord
from faust.types import TP, Message

from pipeline.transport import (
    HEAL_AFTER_S,
    UNSOUGHT_AFTER_S,
    GaplessConsumer,
    GaplessTransport,
)

RAW = TP("mentions.raw", 0)
CHANGELOG = TP("webcare-worker-first-delivery-changelog", 0)


@pytest.fixture
def consumer() -> Iterator[GaplessConsumer]:
    app = faust.App("gapless-test", broker="webcare-kafka://127.0.0.1:1", web_enabled=False)
    assert isinstance(app.transport, GaplessTransport)  # found through the entry point
    made = app.consumer
    assert isinstance(made, GaplessConsumer)
    yield made


def acked(consumer: GaplessConsumer, committed: int | None, offsets: list[int]) -> None:
    consumer._committed_offset[RAW] = committed
    consumer._acked[RAW] = list(offsets)
    consumer._acked_index[RAW] = set(offsets)


def seeks_recorded(consumer: GaplessConsumer, monkeypatch: pytest.MonkeyPatch
                   ) -> list[tuple[TP, int]]:
    """Where ``consumer`` is sought to from now on, (partition, offset) in order, with no
    broker asked."""
    sought: list[tuple[TP, int]] = []

    async def seek(tp: TP, offset: int) -> None:
        sought.append((tp, offset))

    monkeypatch.setattr(consumer, "seek", seek)
    return sought


def test_a_run_that_starts_at_the_committed_offset_is_committed(consumer: GaplessConsumer
                                                                ) -> None:
    acked(consumer, 10, [10, 11, 12, 14])
    assert consumer._new_offset(RAW) == 13
    assert RAW not in consumer.missing_heads


def test_one_missing_message_at_the_head_holds_the_commit(consumer: GaplessConsumer) -> None:
    # Faust's own rule lets one missing offset pass (min(acked) - committed > 1): 11 would be
    # committed over 10, which nobody processed.
    acked(consumer, 10, [11, 12, 13])
    assert consumer._new_offset(RAW) is None
    assert consumer.missing_heads[RAW][0] == 10
    acked(consumer, 10, [10, 11, 12, 13])  # read again and processed: the run moves on
    assert consumer._new_offset(RAW) == 14
    assert RAW not in consumer.missing_heads


def test_a_jump_in_the_offsets_read_is_not_taken_for_processed(
        consumer: GaplessConsumer) -> None:
    # Faust reports a jump from 9 to 12 in what it fetched as a gap and would acknowledge 10
    # and 11; on our topics (not compacted, not transactional) they exist and were skipped.
    acked(consumer, 10, [12, 13])
    asyncio.run(consumer._add_gap(RAW, 10, 12))
    assert consumer._new_offset(RAW) is None
    assert consumer.missing_heads[RAW][0] == 10  # and they will be read again


def test_a_skipped_message_is_read_again_once_nothing_is_in_flight_below(
        consumer: GaplessConsumer, monkeypatch: pytest.MonkeyPatch) -> None:
    sought = seeks_recorded(consumer, monkeypatch)
    monkeypatch.setattr(consumer, "assignment", lambda: {RAW})
    consumer.app.flow_control.resume()
    acked(consumer, 10, [11, 12])
    assert consumer._new_offset(RAW) is None
    since = consumer.missing_heads[RAW][1]

    assert asyncio.run(consumer.reread_skipped(now=since + 1)) == []  # give stragglers time
    consumer.app.flow_control.suspend()
    assert asyncio.run(consumer.reread_skipped(now=since + HEAL_AFTER_S + 1)) == []
    consumer.app.flow_control.resume()
    assert asyncio.run(consumer.reread_skipped(now=since + HEAL_AFTER_S + 1)) == [(RAW, 10)]
    assert sought == [(RAW, 10)] and RAW not in consumer.missing_heads


def test_a_message_still_in_flight_below_the_run_is_waited_for(
        consumer: GaplessConsumer, monkeypatch: pytest.MonkeyPatch) -> None:
    async def seek(tp: TP, offset: int) -> None:
        raise AssertionError("must not seek while the message is being processed")

    monkeypatch.setattr(consumer, "seek", seek)
    monkeypatch.setattr(consumer, "assignment", lambda: {RAW})
    consumer.app.flow_control.resume()
    in_flight = Message(RAW.topic, RAW.partition, 10, 0.0, 0, None, b"k", b"v", None, tp=RAW)
    consumer._unacked_messages.add(in_flight)
    acked(consumer, 10, [11])
    assert consumer._new_offset(RAW) is None
    later = consumer.missing_heads[RAW][1] + HEAL_AFTER_S + 1
    assert asyncio.run(consumer.reread_skipped(now=later)) == []


def test_a_batch_left_unfinished_is_never_committed(consumer: GaplessConsumer) -> None:
    # take_events acknowledges the batch in hand when its agent is cancelled at shutdown:
    # 12..14 look processed, but their batch was left unfinished.
    acked(consumer, 10, [10, 11, 12, 13, 14])
    consumer.hold_back([("mentions.raw", 0, 13), ("mentions.raw", 0, 12),
                        ("mentions.raw", 0, 14)])
    assert consumer._new_offset(RAW) == 12  # what was processed before it still commits
    acked(consumer, 12, [12, 13, 14])
    assert consumer._new_offset(RAW) is None  # and nothing past it, ever


def recovering(consumer: GaplessConsumer, monkeypatch: pytest.MonkeyPatch,
               seek_fails: bool = False) -> list[set[TP]]:
    """A consumer assigned RAW and a changelog partition, both paused (as Faust pauses what it
    is assigned), whose seek to committed offsets notes which partitions were being fetched
    while it sought; returns those notes."""
    seen: list[set[TP]] = []

    async def seek_to_committed() -> dict[TP, int]:
        seen.append(set(consumer._get_active_partitions()))
        if seek_fails:
            raise TimeoutError("broker away")
        return {RAW: 10}

    monkeypatch.setattr(consumer, "assignment", lambda: {RAW, CHANGELOG})
    monkeypatch.setattr(consumer, "_is_changelog_tp", lambda tp: tp == CHANGELOG)
    monkeypatch.setattr(consumer, "seek_to_committed", seek_to_committed)
    consumer.pause_partitions({RAW, CHANGELOG})
    return seen


def test_a_stream_partition_is_fetched_only_once_it_has_been_sought(
        consumer: GaplessConsumer, monkeypatch: pytest.MonkeyPatch) -> None:
    # Faust's recovery resumes the stream partitions, then seeks them to their committed
    # offsets, while its fetcher runs for the changelogs: fetched in between, from wherever
    # aiokafka stood, they needed re-reading after 10 of 11 restarts that did.
    seen = recovering(consumer, monkeypatch)
    consumer.resume_partitions({RAW, CHANGELOG})
    assert consumer._get_active_partitions() == {CHANGELOG}  # the changelog at once
    asyncio.run(consumer.perform_seek())
    assert seen == [{CHANGELOG}]  # not fetched while it was sought
    assert consumer._get_active_partitions() == {RAW, CHANGELOG}
    assert consumer._committed_offset[RAW] == 10 and not consumer.unsought


def test_a_stream_partition_whose_seek_failed_is_fetched_all_the_same(
        consumer: GaplessConsumer, monkeypatch: pytest.MonkeyPatch) -> None:
    recovering(consumer, monkeypatch, seek_fails=True)
    consumer.resume_partitions({RAW})
    with pytest.raises(TimeoutError):
        asyncio.run(consumer.perform_seek())
    assert consumer._get_active_partitions() == {RAW}


def test_a_stream_partition_resumed_and_never_sought_is_fetched_after_a_while(
        consumer: GaplessConsumer, monkeypatch: pytest.MonkeyPatch) -> None:
    recovering(consumer, monkeypatch)
    consumer.app.flow_control.resume()
    consumer.resume_partitions({RAW})
    since = consumer.unsought[RAW]
    asyncio.run(consumer.reread_skipped(now=since + UNSOUGHT_AFTER_S / 2))
    assert RAW not in consumer._get_active_partitions()
    asyncio.run(consumer.reread_skipped(now=since + UNSOUGHT_AFTER_S))
    assert RAW in consumer._get_active_partitions() and not consumer.unsought


def test_a_stream_partition_paused_again_before_its_seek_stays_paused(
        consumer: GaplessConsumer, monkeypatch: pytest.MonkeyPatch) -> None:
    # A rebalance between the resume and the seek pauses everything again.
    recovering(consumer, monkeypatch)
    consumer.resume_partitions({RAW})
    consumer.pause_partitions({RAW})
    asyncio.run(consumer.perform_seek())
    assert RAW not in consumer._get_active_partitions()


def handed_over(consumer: GaplessConsumer, monkeypatch: pytest.MonkeyPatch,
                offsets: range) -> list[tuple[TP, int]]:
    """A consumer assigned RAW, to which aiokafka hands RAW's messages at ``offsets`` in one
    fetch; returns where it is sought to."""
    sought = seeks_recorded(consumer, monkeypatch)

    async def fetched(active_partitions: set[TP], timeout: float
                      ) -> dict[TP, list[ConsumerRecord]]:
        return {RAW: [ConsumerRecord(RAW.topic, RAW.partition, offset, 0, 0, b"k", b"v", None,
                                     1, 1, []) for offset in offsets]}

    monkeypatch.setattr(consumer, "_getmany", fetched)
    monkeypatch.setattr(consumer, "highwater", lambda tp: offsets.stop)
    monkeypatch.setattr(consumer, "assignment", lambda: {RAW})
    monkeypatch.setattr(consumer.app.topics, "acks_enabled_for", lambda topic: True)
    consumer.resume_flow()
    consumer._set_active_tps({RAW})
    return sought


def taken(consumer: GaplessConsumer, pause_after: int | None = None) -> list[int]:
    """The offsets one ``getmany`` yields, pausing RAW after ``pause_after`` of them."""
    async def take() -> list[int]:
        offsets = []
        async for _, message in consumer.getmany(timeout=0.1):
            offsets.append(message.offset)
            if len(offsets) == pause_after:
                consumer.pause_partitions({RAW})
        return offsets
    return asyncio.run(take())


def test_messages_faust_drops_after_they_were_fetched_are_read_again(
        consumer: GaplessConsumer, monkeypatch: pytest.MonkeyPatch) -> None:
    # aiokafka reads an empty set of partitions as every partition, and Faust passes its live
    # set, which a recovery can empty while the fetch waits: messages of a partition not
    # active came back, aiokafka moved past them and Faust dropped them (a restarted worker
    # with no committed offset then waited for minutes, 2026-12-08).
    sought = handed_over(consumer, monkeypatch, range(10, 15))
    assert taken(consumer, pause_after=2) == [10, 11]
    assert sought == [(RAW, 12)]  # from the first one dropped
    sought.clear()
    consumer.resume_partitions({RAW})
    consumer._resume_unsought()
    assert taken(consumer) == [10, 11, 12, 13, 14]
    assert sought == []  # all taken: nothing to read again


def test_messages_fetched_as_the_flow_stops_are_read_again(
        consumer: GaplessConsumer, monkeypatch: pytest.MonkeyPatch) -> None:
    sought = handed_over(consumer, monkeypatch, range(10, 15))
    real_fetched = consumer._getmany

    async def fetched_as_it_stops(active_partitions: set[TP], timeout: float) -> Any:
        consumer.stop_flow()  # a rebalance begins while the fetch waits
        return await real_fetched(active_partitions, timeout)

    monkeypatch.setattr(consumer, "_getmany", fetched_as_it_stops)
    assert taken(consumer) == []
    assert sought == [(RAW, 10)]


def test_dropped_messages_of_a_changelog_are_left_to_faust(
        consumer: GaplessConsumer, monkeypatch: pytest.MonkeyPatch) -> None:
    # Faust's recovery reads the changelogs with offsets of its own.
    sought = handed_over(consumer, monkeypatch, range(10, 15))
    monkeypatch.setattr(consumer.app.topics, "acks_enabled_for", lambda topic: False)
    assert taken(consumer, pause_after=2) == [10, 11]
    assert sought == []


def stalled_partition(consumer: GaplessConsumer, monkeypatch: pytest.MonkeyPatch,
                      end: int | None) -> list[tuple[TP, int]]:
    """A partition committed at 10 that read 10 and 11, acknowledged nothing and has nothing
    in flight, with its end at ``end``; returns where it is sought to."""
    sought = seeks_recorded(consumer, monkeypatch)
    monkeypatch.setattr(consumer, "assignment", lambda: {RAW})
    monkeypatch.setattr(consumer, "highwater", lambda tp: end)
    monkeypatch.setattr(consumer.app.topics, "acks_enabled_for", lambda topic: topic == RAW.topic)
    consumer.app.flow_control.resume()
    acked(consumer, 10, [])
    consumer._read_offset[RAW] = 11
    return sought


def sought_when_due(consumer: GaplessConsumer, at: float) -> list[tuple[TP, int]]:
    """What ``reread_skipped`` seeks when it sees the consumer at ``at`` (which only starts
    the clock on a partition) and again ``HEAL_AFTER_S`` later."""
    asyncio.run(consumer.reread_skipped(now=at))
    return asyncio.run(consumer.reread_skipped(now=at + HEAL_AFTER_S))


def test_a_partition_whose_last_messages_were_skipped_is_read_again(
        consumer: GaplessConsumer, monkeypatch: pytest.MonkeyPatch) -> None:
    # Its stream dropped 10 and 11 around a rebalance and nothing came after them: no
    # acknowledged run shows a missing head, yet the lag stays.
    sought = stalled_partition(consumer, monkeypatch, end=12)
    assert asyncio.run(consumer.reread_skipped(now=100.0)) == []  # first seen
    assert asyncio.run(consumer.reread_skipped(now=100.0 + HEAL_AFTER_S / 2)) == []
    assert asyncio.run(consumer.reread_skipped(now=100.0 + HEAL_AFTER_S)) == [(RAW, 10)]
    assert sought == [(RAW, 10)] and RAW not in consumer.stalled


def test_a_partition_read_up_to_its_commit_and_no_further_while_messages_wait_is_sought(
        consumer: GaplessConsumer, monkeypatch: pytest.MonkeyPatch) -> None:
    # Seen on a restarted worker: each partition read one message, processed and committed
    # it, and was fetched no more, with flow active and messages waiting.
    sought = stalled_partition(consumer, monkeypatch, end=14)
    acked(consumer, 12, [])
    consumer._read_offset[RAW] = 11
    assert asyncio.run(consumer.reread_skipped(now=100.0)) == []
    assert asyncio.run(consumer.reread_skipped(now=100.0 + HEAL_AFTER_S)) == [(RAW, 12)]
    # Caught up with nothing waiting is an idle partition, not a stalled one.
    monkeypatch.setattr(consumer, "highwater", lambda tp: 12)
    assert sought_when_due(consumer, 200.0) == []
    assert sought == [(RAW, 12)]
    # Its committed offset not known (just assigned, the broker away): nowhere to seek to.
    monkeypatch.setattr(consumer, "highwater", lambda tp: 14)
    acked(consumer, None, [])
    assert sought_when_due(consumer, 300.0) == []
    assert sought == [(RAW, 12)]


def test_a_partition_that_read_nothing_since_its_commit_while_messages_wait_is_sought(
        consumer: GaplessConsumer, monkeypatch: pytest.MonkeyPatch) -> None:
    # Seen on a worker restarted after a SIGKILL: the fetcher stood at the partition's end,
    # the stream had read nothing (read offset None), committed 760 of 1,982.
    sought = stalled_partition(consumer, monkeypatch, end=14)
    consumer._read_offset[RAW] = None
    assert asyncio.run(consumer.reread_skipped(now=100.0)) == []
    assert asyncio.run(consumer.reread_skipped(now=100.0 + HEAL_AFTER_S / 2)) == []
    assert asyncio.run(consumer.reread_skipped(now=100.0 + HEAL_AFTER_S)) == [(RAW, 10)]
    # Nothing read and nothing waiting is an idle partition; nothing read and the committed
    # offset unknown has nowhere to be sought to.
    for end, committed in ((10, 10), (14, None)):
        monkeypatch.setattr(consumer, "highwater", lambda tp, end=end: end)
        acked(consumer, committed, [])
        assert sought_when_due(consumer, 200.0) == []
    assert sought == [(RAW, 10)]


def test_a_stalled_partition_no_longer_assigned_is_forgotten(
        consumer: GaplessConsumer, monkeypatch: pytest.MonkeyPatch) -> None:
    sought = stalled_partition(consumer, monkeypatch, end=12)
    asyncio.run(consumer.reread_skipped(now=100.0))
    assert RAW in consumer.stalled
    monkeypatch.setattr(consumer, "assignment", lambda: set())
    asyncio.run(consumer.reread_skipped(now=101.0))
    assert RAW not in consumer.stalled
    # Assigned again later, it is first seen anew, not sought at once.
    monkeypatch.setattr(consumer, "assignment", lambda: {RAW})
    assert asyncio.run(consumer.reread_skipped(now=100.0 + 2 * HEAL_AFTER_S)) == []
    assert sought == []


def test_a_partition_read_to_its_end_or_still_reading_is_left_alone(
        consumer: GaplessConsumer, monkeypatch: pytest.MonkeyPatch) -> None:
    later = 100.0 + 2 * HEAL_AFTER_S
    # Nothing waits beyond the committed offset: an idle partition.
    sought = stalled_partition(consumer, monkeypatch, end=10)
    asyncio.run(consumer.reread_skipped(now=100.0))
    assert asyncio.run(consumer.reread_skipped(now=later)) == [] and sought == []
    # The end is not known yet (nothing fetched).
    monkeypatch.setattr(consumer, "highwater", lambda tp: None)
    asyncio.run(consumer.reread_skipped(now=100.0))
    assert asyncio.run(consumer.reread_skipped(now=later)) == []
    # A message being processed, or the reading moving on, keeps it from being sought.
    monkeypatch.setattr(consumer, "highwater", lambda tp: 12)
    in_flight = Message(RAW.topic, RAW.partition, 10, 0.0, 0, None, b"k", b"v", None, tp=RAW)
    consumer._unacked_messages.add(in_flight)
    asyncio.run(consumer.reread_skipped(now=100.0))
    assert asyncio.run(consumer.reread_skipped(now=later)) == []
    consumer._unacked_messages.discard(in_flight)
    asyncio.run(consumer.reread_skipped(now=100.0))
    consumer._read_offset[RAW] = 12
    assert asyncio.run(consumer.reread_skipped(now=later)) == []
    # A table's changelog is read without acknowledgements: never taken for stalled.
    monkeypatch.setattr(consumer.app.topics, "acks_enabled_for", lambda topic: False)
    consumer._read_offset[RAW] = 11
    asyncio.run(consumer.reread_skipped(now=100.0))
    assert asyncio.run(consumer.reread_skipped(now=later)) == []
    assert sought == []


def test_a_partition_with_messages_waiting_is_described_for_the_stall_warning(
        consumer: GaplessConsumer, monkeypatch: pytest.MonkeyPatch) -> None:
    stalled_partition(consumer, monkeypatch, end=12)
    in_flight = Message(RAW.topic, RAW.partition, 10, 0.0, 0, None, b"k", b"v", None, tp=RAW)
    consumer._unacked_messages.add(in_flight)
    consumer.resume_partitions({RAW})  # as Faust's recovery does, and then seeks it
    assert consumer.lagging()[0].endswith("fetching not sought yet")

    async def seek_to_committed() -> dict[TP, int]:
        return {}

    monkeypatch.setattr(consumer, "seek_to_committed", seek_to_committed)
    asyncio.run(consumer.perform_seek())
    [line] = consumer.lagging()
    assert line == ("mentions.raw[0]: committed 10, end 12, read 11, in flight 1, "
                    "acknowledged ahead 0, missing head False, fetch position unknown, "
                    "fetching yes")  # the consumer was never started: no fetcher to ask
    consumer.pause_partitions({RAW})
    assert consumer.lagging()[0].endswith("fetching paused")
    consumer.resume_partitions({RAW})
    asyncio.run(consumer.perform_seek())
    consumer.on_buffer_full(RAW)
    assert consumer.lagging()[0].endswith("fetching buffer full")
    monkeypatch.setattr(consumer, "highwater", lambda tp: 10)  # nothing waits
    assert consumer.lagging() == []


def test_the_stall_warning_says_where_the_fetcher_stands(
        consumer: GaplessConsumer, monkeypatch: pytest.MonkeyPatch) -> None:
    # The sixth stall: the fetcher at the partition's end, the stream having read nothing.
    stalled_partition(consumer, monkeypatch, end=1982)
    consumer._read_offset[RAW] = None
    states = {RAW: SimpleNamespace(position=1982, has_valid_position=True)}
    assignment = SimpleNamespace(state_value=states.get)
    fetcher = SimpleNamespace(_subscriptions=SimpleNamespace(
        subscription=SimpleNamespace(assignment=assignment)))
    monkeypatch.setattr(consumer._thread, "_ensure_consumer",
                        lambda: SimpleNamespace(_fetcher=fetcher))
    [line] = consumer.lagging()
    assert "read None" in line and "fetch position 1982," in line
    states[RAW] = SimpleNamespace(position=None, has_valid_position=False)  # being reset
    assert "fetch position unknown," in consumer.lagging()[0]


def test_the_worker_warns_where_messages_wait_when_its_counters_stand_still(
        consumer: GaplessConsumer, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    from pipeline.housekeeping import STALL_WARNING_S, Housekeeping

    stalled_partition(consumer, monkeypatch, end=12)
    context = SimpleNamespace(stats=SimpleNamespace(indexed=5, duplicates=0, unmatched=0,
                                                    deleted=0, alerts=0),
                              dead_letters=SimpleNamespace(count=0))
    upkeep = Housekeeping(context, consumer.app)  # type: ignore[arg-type]
    caplog.set_level("INFO", logger="webcare.worker")
    upkeep.report_at(1000.0)  # the counters, first seen
    upkeep.report_at(1000.0 + STALL_WARNING_S / 2)
    assert not [r for r in caplog.records if r.levelname == "WARNING"]
    upkeep.report_at(1000.0 + STALL_WARNING_S)
    [warning] = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warning.startswith("no progress for 60 s while messages wait (flow active): "
                              "mentions.raw[0]: committed 10, end 12, read 11")
    context.stats.indexed = 6  # progress: a counter line, no warning
    upkeep.report_at(1000.0 + 2 * STALL_WARNING_S)
    assert len([r for r in caplog.records if r.levelname == "WARNING"]) == 1


def test_the_report_timer_takes_no_parameter() -> None:
    # Faust passes the app to a timer whose signature has any parameter at all.
    import inspect

    from pipeline.housekeeping import Housekeeping

    assert not inspect.signature(Housekeeping(None, None).report).parameters  # type: ignore[arg-type]
