"""Bluesky through Jetstream (JSON over WebSocket): posts filtered early by the brands' terms,
with a cursor kept on disk so a restart resumes where it stopped.

Jetstream replays from ``cursor`` (microseconds); the cursor is saved only after Kafka
acknowledged everything before it, so nothing is missed. Events between the saved cursor and a
crash are sent again and dropped downstream as re-deliveries (same ``bluesky:<id>``).
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import orjson
from pydantic import ValidationError

from agents.resume import ResumeFile
from models.brands import BrandConfig
from models.matching import BrandMatcher
from models.text import surface
from schemas.mentions import RawMention

log = logging.getLogger("webcare.bluesky")
POST = "app.bsky.feed.post"


def _did_of(at_uri: str | None) -> str | None:
    # at://did:plc:abc/app.bsky.feed.post/3kxyz -> did:plc:abc
    return at_uri.removeprefix("at://").split("/", 1)[0] if at_uri else None


def post_mention(event: dict[str, Any]) -> RawMention | None:
    """A Jetstream commit event creating a post, as a raw mention; None for anything else."""
    commit = event.get("commit") or {}
    if event.get("kind") != "commit" or commit.get("operation") != "create" or \
            commit.get("collection") != POST:
        return None
    record = commit.get("record") or {}
    did, rkey = event["did"], commit["rkey"]
    parent = ((record.get("reply") or {}).get("parent") or {}).get("uri")
    data: dict[str, Any] = {
        "id": f"{did}/{rkey}", "source": "bluesky", "text": record.get("text", ""),
        "created_at": record.get("createdAt") or event.get("time_us"),
        "author": {"handle": did}, "url": f"https://bsky.app/profile/{did}/post/{rkey}",
        "extras": {"langs": record.get("langs") or [], "time_us": event.get("time_us")},
    }
    if parent:
        data["in_reply_to"] = {"author_handle": _did_of(parent), "id": parent}
    return RawMention.model_validate(data)


class BrandFilter:
    """Early filter: only posts that name, tag or address one of the brands go on."""

    def __init__(self, brands: BrandConfig) -> None:
        self.matcher = BrandMatcher(brands)
        self.everything = not brands.brands

    def __call__(self, mention: RawMention) -> bool:
        if self.everything:
            return True
        features = surface(mention.text)
        return bool(self.matcher.match(mention, features.handles, features.hashtags).brands)


class Cursor:
    def __init__(self, path: Path) -> None:
        self.file = ResumeFile(path)

    def load(self) -> int | None:
        value = self.file.load().get("cursor")
        return int(value) if isinstance(value, int) else None

    def save(self, value: int) -> None:
        self.file.save({"cursor": value})


def subscribe_url(base: str, cursor: int | None) -> str:
    params: list[tuple[str, str]] = [("wantedCollections", POST)]
    if cursor is not None:
        params.append(("cursor", str(cursor)))
    return f"{base}?{urlencode(params)}"


class JetstreamReader:
    """Turns Jetstream messages into published mentions; counts what it skipped and why."""

    def __init__(self, wanted: Callable[[RawMention], bool],
                 publish: Callable[[list[RawMention]], None], cursor: Cursor,
                 batch_size: int = 100) -> None:
        self.wanted, self.publish, self.cursor = wanted, publish, cursor
        self.batch_size = batch_size
        self.counters: Counter[str] = Counter()
        self._pending: list[RawMention] = []
        self._last_time_us: int | None = None

    def handle(self, message: str | bytes) -> None:
        try:
            event = orjson.loads(message)
            mention = post_mention(event)
        except (orjson.JSONDecodeError, KeyError, TypeError, ValidationError) as exc:
            self.counters["malformed"] += 1
            log.warning("skipped a malformed Jetstream message: %s", exc)
            return
        self.counters["events"] += 1
        if isinstance(event.get("time_us"), int):
            self._last_time_us = event["time_us"]
        if mention is None:
            return
        if not self.wanted(mention):
            self.counters["filtered_out"] += 1
            return
        self._pending.append(mention)
        if len(self._pending) >= self.batch_size:
            self.flush()

    def lag_s(self) -> float | None:
        """Age of the newest event seen (Jetstream's time_us is wall-clock microseconds)."""
        return time.time() - self._last_time_us / 1e6 if self._last_time_us else None

    def flush(self) -> None:
        if self._pending:
            self.publish(self._pending)  # returns once Kafka acknowledged
            self.counters["published"] += len(self._pending)
            self._pending = []
        if self._last_time_us is not None:
            self.cursor.save(self._last_time_us)
