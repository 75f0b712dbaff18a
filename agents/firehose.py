"""Running the pull-based ingest agents (feeds, Bluesky, Mastodon) against Kafka: the same
publish-and-acknowledge wiring for each, and a graceful shutdown on SIGTERM/SIGINT (flush,
then save the resume point)."""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
from collections.abc import Callable, Sequence
from functools import partial

from agents.bluesky_agent import follow_jetstream
from agents.metrics import AgentMetrics
from agents.producer import MentionProducer
from agents.sources.bluesky import BrandFilter, Cursor, JetstreamReader
from core.errors import ServiceUnavailable
from core.settings import Settings
from core.topics import TopicNames, ensure_topics
from models.brands import BrandConfig, load_brands
from schemas.mentions import MentionDeletion, RawMention

Publish = Callable[[Sequence[RawMention | MentionDeletion]], None]


def kafka_publisher(settings: Settings) -> tuple[MentionProducer, Publish]:
    ensure_topics(settings)
    producer = MentionProducer.for_settings(settings, TopicNames.for_settings(settings).raw)

    def publish(mentions: Sequence[RawMention | MentionDeletion]) -> None:
        for mention in mentions:
            producer.send(mention.key.encode(), mention.model_dump_json().encode())
        producer.flush()  # the resume point is saved only after this returns
        if producer.failed:
            raise ServiceUnavailable("Kafka", settings.resolved_kafka(),
                                     f"{len(producer.failed)} mentions were not acknowledged")

    return producer, publish


def brand_filter(settings: Settings) -> BrandFilter:
    return BrandFilter(load_brands(settings.brands) if settings.brands else BrandConfig())


async def _until_signalled(run: asyncio.Future[None], stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await run


def run_mastodon(settings: Settings, base_url: str, timelines: list[str]) -> None:
    """One thread per timeline (``tag:<name>`` or ``public``) until SIGTERM/SIGINT."""
    from agents.sources.mastodon import MastodonStream

    logging.basicConfig(level=logging.INFO, format="[%(asctime)s] %(levelname)s %(message)s")
    producer, publish = kafka_publisher(settings)
    wanted = brand_filter(settings)
    lock = threading.Lock()

    def publish_one_at_a_time(mentions: Sequence[RawMention | MentionDeletion]) -> None:
        with lock:  # one producer, flushed per batch: keep the threads' batches apart
            publish(mentions)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    streams = [MastodonStream(base_url, timeline, wanted, publish_one_at_a_time,
                              settings.home / "mastodon" / f"{timeline.replace(':', '-')}.json",
                              token=settings.mastodon_token) for timeline in timelines]
    threads = [threading.Thread(target=s.run, args=(stop,), daemon=True) for s in streams]
    for stream in streams:
        AgentMetrics(f"mastodon {stream.timeline}", partial(getattr, stream, "counters"),
                     stream.lag_s).start(stop)
    for thread in threads:
        thread.start()
    try:
        while not stop.wait(1.0):
            pass
    finally:
        for thread in threads:
            thread.join(timeout=5)
        producer.close()


def run_bluesky(settings: Settings, url: str) -> None:
    logging.basicConfig(level=logging.INFO, format="[%(asctime)s] %(levelname)s %(message)s")
    producer, publish = kafka_publisher(settings)
    reader = JetstreamReader(brand_filter(settings), publish,
                             Cursor(settings.home / "bluesky" / "cursor.json"))

    async def main() -> None:
        stop = asyncio.Event()
        await _until_signalled(asyncio.ensure_future(follow_jetstream(url, reader, stop)), stop)

    metrics_stop = threading.Event()
    metrics = AgentMetrics("bluesky", lambda: reader.counters, reader.lag_s)
    metrics.start(metrics_stop)
    try:
        asyncio.run(main())
    finally:
        metrics_stop.set()
        metrics.log_line()
        producer.close()
