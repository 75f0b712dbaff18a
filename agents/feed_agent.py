"""``webcare ingest feed``: the feed poller wired to Kafka, with graceful shutdown."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType

from agents.firehose import kafka_publisher
from agents.metrics import AgentMetrics
from agents.sources.feeds import FeedList, FeedPoller, FeedState
from core.config_files import load_yaml_model
from core.settings import Settings


def run_feeds(settings: Settings, feeds_file: Path, *, once: bool,
              echo: Callable[[str], None]) -> None:
    feeds = load_yaml_model(feeds_file, FeedList, "feeds file").feeds
    producer, publish = kafka_publisher(settings)
    poller = FeedPoller(feeds, FeedState(settings.home / "feeds" / "state.json"), publish)
    stop = threading.Event()
    metrics = AgentMetrics("feeds", lambda: poller.counters, lambda: (
        time.monotonic() - poller.last_success if poller.last_success else None))
    metrics.start(stop)

    def on_signal(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        while not stop.is_set():
            published = poller.run_due()
            if published:
                echo(f"published {published} feed items ({dict(poller.counters)})")
            if once:
                break
            stop.wait(min(poller.seconds_to_next(), 5.0))
    finally:
        stop.set()
        metrics.log_line()
        producer.close()
