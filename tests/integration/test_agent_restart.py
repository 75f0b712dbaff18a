"""Kill an ingest agent (the real `webcare ingest bluesky` process) with SIGKILL mid-stream and
start it again: every wanted post reaches Kafka. Posts after the last saved cursor are sent
again; those copies carry the same key and are dropped downstream as re-deliveries."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
import websockets

from agents.sources.bluesky import Cursor
from core.settings import Settings
from core.topics import TopicNames
from deploy.local.process import free_port
from tests.integration.conftest import REPO, consume_all, wait_for, worker_env
from tests.integration.test_bluesky import post

pytestmark = pytest.mark.integration

TOTAL = 400


class SlowJetstream:
    """Replays posts from the requested cursor at ~200 events/s, like Jetstream does."""

    def __init__(self) -> None:
        self.port = free_port()
        self.cursors: list[int | None] = []
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        asyncio.run_coroutine_threadsafe(self._serve(), self.loop).result(10)

    async def _serve(self) -> None:
        self.server = await websockets.serve(self._handler, "127.0.0.1", self.port)

    async def _handler(self, socket: Any) -> None:
        query = parse_qs(urlparse(socket.request.path).query)
        cursor = int(query["cursor"][0]) if "cursor" in query else None
        self.cursors.append(cursor)
        for n in range(TOTAL):
            if cursor is not None and 1_763_800_000_000_000 + n <= cursor:
                continue
            await socket.send(post(n, f"Storing bij KPN, melding {n}").decode())
            await asyncio.sleep(0.005)
        await socket.wait_closed()


def start_agent(settings: Settings, url: str, brands: Path, log: Path) -> subprocess.Popen[bytes]:
    env = worker_env(settings, WEBCARE_BRANDS=str(brands))
    return subprocess.Popen([sys.executable, "-m", "webcare", "ingest", "bluesky", "--url", url],
                            env=env, cwd=REPO, stdout=log.open("ab"), stderr=subprocess.STDOUT,
                            start_new_session=True)


def test_sigkill_mid_stream_then_restart_misses_nothing(
    settings: Settings, topics: TopicNames, tmp_path: Path,
) -> None:
    brands = tmp_path / "brands.yml"
    brands.write_text("brands:\n  - {id: kpn, name: KPN, keywords: [KPN]}\n")
    server = SlowJetstream()
    url = f"ws://127.0.0.1:{server.port}/subscribe"
    log = tmp_path / "agent.log"
    cursor_file = settings.home / "bluesky" / "cursor.json"
    cursor_file.unlink(missing_ok=True)

    agent = start_agent(settings, url, brands, log)
    wait_for(lambda: cursor_file.exists(), 60, "a saved cursor", log.read_text)
    time.sleep(0.5)
    os.killpg(agent.pid, signal.SIGKILL)
    agent.wait(10)
    killed_at = Cursor(cursor_file).load()
    assert killed_at is not None
    assert killed_at < 1_763_800_000_000_000 + TOTAL - 1, "the kill must land mid-stream"

    again = start_agent(settings, url, brands, log)
    try:
        wait_for(lambda: len(server.cursors) >= 2, 60, "reconnect", log.read_text)
        assert server.cursors[1] is not None  # resumed, not restarted from scratch
        wanted = {f"bluesky:did:plc:alice/3k{n}".encode() for n in range(TOTAL)}
        keys: list[bytes] = []

        def everything_arrived() -> bool:
            keys[:] = [r.key for r in consume_all(settings.resolved_kafka(), topics.raw,
                                                  expect=TOTAL, timeout_s=5)]
            return set(keys) == wanted

        wait_for(everything_arrived, 60, "every post on the topic", log.read_text)
    finally:
        os.killpg(again.pid, signal.SIGTERM)
        again.wait(20)
    assert set(keys) == wanted
    duplicates = len(keys) - len(set(keys))
    assert duplicates < 150, "only what came after the last saved cursor is sent twice"
