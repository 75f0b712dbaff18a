"""``webcare ingest bluesky``: the Jetstream reader on a WebSocket, reconnecting with backoff,
flushing at least every second, and stopping gracefully (flush, save the cursor)."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import websockets

from agents.sources.bluesky import JetstreamReader, subscribe_url

log = logging.getLogger("webcare.bluesky")


async def follow_jetstream(base_url: str, reader: JetstreamReader, stop: asyncio.Event,
                           max_backoff_s: float = 60.0) -> None:
    backoff = 1.0
    while not stop.is_set():
        url = subscribe_url(base_url, reader.cursor.load())
        try:
            async with websockets.connect(url, max_size=2 ** 20) as socket:
                backoff = 1.0
                while not stop.is_set():
                    try:
                        message = await asyncio.wait_for(socket.recv(), timeout=1.0)
                    except TimeoutError:
                        await asyncio.to_thread(reader.flush)
                        continue
                    reader.handle(message)
        except (OSError, websockets.WebSocketException) as exc:
            log.warning("Jetstream at %s: %s; reconnecting in %.0fs", base_url, exc, backoff)
        finally:
            await asyncio.to_thread(reader.flush)
        if not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=backoff)
            backoff = min(backoff * 2, max_backoff_s)
