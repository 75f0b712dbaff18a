"""``webcare ingest bluesky``: the Jetstream reader on a WebSocket, reconnecting with backoff,
flushing at least every second, and stopping gracefully (flush, save the cursor)."""

from __future__ import annotations

import asyncio
import logging

import websockets

from agents.sources.bluesky import JetstreamReader, subscribe_url
from core.retry import keep_connected_async

log = logging.getLogger("webcare.bluesky")


async def follow_jetstream(base_url: str, reader: JetstreamReader, stop: asyncio.Event,
                           max_backoff_s: float = 60.0) -> None:
    async def session() -> None:
        url = subscribe_url(base_url, reader.cursor.load())
        try:
            async with websockets.connect(url, max_size=2 ** 20) as socket:
                while not stop.is_set():
                    try:
                        message = await asyncio.wait_for(socket.recv(), timeout=1.0)
                    except TimeoutError:
                        await asyncio.to_thread(reader.flush)
                        continue
                    reader.handle(message)
        finally:
            await asyncio.to_thread(reader.flush)

    await keep_connected_async(session, stop=stop,
                               retry_on=(OSError, websockets.WebSocketException), log=log,
                               what=f"Jetstream at {base_url}", max_wait_s=max_backoff_s)
