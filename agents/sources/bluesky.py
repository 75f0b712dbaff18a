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
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import orjson
from pydantic import ValidationError

from agents.resume import ResumeFile
from agents.sources.mapped import Mapped, text_of
from models.brands import BrandConfig
from models.matching import BrandMatcher
from models.text import surface
from schemas.mentions import MentionDeletion, RawMention

log = logging.getLogger("webcare.bluesky")
POST = "app.bsky.feed.post"


def _did_of(at_uri: str | None) -> str | None:
    # at://did:plc:abc/app.bsky.feed.post/3kxyz -> did:plc:abc
    return at_uri.removeprefix("at://").split("/", 1)[0] if at_uri else None


def full_text(record: dict[str, Any]) -> str:
    """The post's text with each link facet's shortened label ("example.com/artic...")
    replaced by the full URI it points to. Facets count UTF-8 bytes."""
    text = str(record.get("text") or "")
    raw = text.encode("utf-8")
    links = []
    for facet in record.get("facets") or []:
        index = facet.get("index") or {}
        start, end = index.get("byteStart"), index.get("byteEnd")
        uri = next((f.get("uri") for f in facet.get("features") or []
                    if str(f.get("$type", "")).endswith("#link") and f.get("uri")), None)
        if isinstance(start, int) and isinstance(end, int) and uri and 0 <= start < end <= len(
                raw):
            links.append((start, end, str(uri)))
    for start, end, uri in sorted(links, reverse=True):  # from the end: offsets stay valid
        raw = raw[:start] + uri.encode("utf-8") + raw[end:]
    return raw.decode("utf-8", "replace")


def _embed(record: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """What an embed adds to what a reader sees: a link card's title and description,
    images' alt texts; and a quoted post's address for the extras."""
    embed = record.get("embed") or {}
    kind = str(embed.get("$type", ""))
    if kind.startswith("app.bsky.embed.recordWithMedia"):
        media_text, extras = _embed({"embed": embed.get("media") or {}})
        quoted = ((embed.get("record") or {}).get("record") or {}).get("uri")
        return media_text, {**extras, "quote": quoted} if quoted else extras
    if kind == "app.bsky.embed.external":
        card = embed.get("external") or {}
        return text_of(card.get("title"), card.get("description")), {"link": card.get("uri")}
    if kind == "app.bsky.embed.images":
        images = embed.get("images") or []
        return text_of(*(i.get("alt") for i in images)), {"images": len(images)}
    if kind == "app.bsky.embed.record":
        return "", {"quote": (embed.get("record") or {}).get("uri")}
    if kind == "app.bsky.embed.video":
        return text_of(embed.get("alt")), {"video": True}
    return "", {}


def post_mention(event: dict[str, Any], handles: Mapping[str, str] | None = None
                 ) -> RawMention | None:
    """A Jetstream commit event creating (or updating) a post, as a raw mention; None for
    anything else. ``handles`` maps DIDs to the handles seen in identity events."""
    commit = event.get("commit") or {}
    if event.get("kind") != "commit" or commit.get("operation") not in ("create", "update") \
            or commit.get("collection") != POST:
        return None
    record = commit.get("record") or {}
    did, rkey = event["did"], commit["rkey"]
    parent = ((record.get("reply") or {}).get("parent") or {}).get("uri")
    embed_text, embed_extras = _embed(record)
    text = text_of(full_text(record), embed_text)
    known = handles or {}
    handle = known.get(did)
    updated = commit.get("operation") == "update"
    data: dict[str, Any] = {
        "id": f"{did}/{rkey}", "source": "bluesky", "text": text,
        "created_at": record.get("createdAt") or event.get("time_us"),
        "edited_at": _time_us(event.get("time_us")) if updated else None,
        "author": {"handle": handle or did},
        "url": f"https://bsky.app/profile/{handle or did}/post/{rkey}",
        "extras": {"langs": record.get("langs") or [], "time_us": event.get("time_us"),
                   "did": did, **{k: v for k, v in embed_extras.items() if v is not None}},
    }
    if parent:
        parent_did = _did_of(parent)
        data["in_reply_to"] = {"author_handle": known.get(parent_did or "", parent_did),
                               "id": parent}
    return RawMention.model_validate({k: v for k, v in data.items() if v is not None})


def _time_us(value: Any) -> str | None:
    return datetime.fromtimestamp(value / 1e6, UTC).isoformat() if isinstance(value, int) \
        else None


def map_event(event: dict[str, Any], handles: dict[str, str]) -> Mapped:
    """One Jetstream event: a post created or updated, a post deleted, or an identity event
    that teaches ``handles`` an account's current handle."""
    found = Mapped()
    kind = event.get("kind")
    commit = event.get("commit") or {}
    if kind == "identity":
        identity = event.get("identity") or {}
        if identity.get("did") and identity.get("handle"):
            remember(handles, str(identity["did"]), str(identity["handle"]))
        found.skip("bluesky identity")
    elif kind == "account":
        found.skip("bluesky account")
    elif kind == "commit" and commit.get("collection") == POST and \
            commit.get("operation") == "delete":
        found.delete("bluesky", f"{event['did']}/{commit['rkey']}",
                     _time_us(event.get("time_us")) or datetime.now(UTC).isoformat())
    elif kind == "commit" and commit.get("collection") == POST:
        mention = post_mention(event, handles)
        if mention is not None:
            found.mentions.append(mention)
    elif kind == "commit":
        found.skip(f"bluesky {commit.get('collection')}")
    else:
        found.unknown_kind(f"bluesky {kind}", event)
    return found


MAX_HANDLES = 200_000  # DIDs remembered; the oldest are forgotten first


def remember(handles: dict[str, str], did: str, handle: str) -> None:
    handles.pop(did, None)
    handles[did] = handle
    if len(handles) > MAX_HANDLES:
        del handles[next(iter(handles))]


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
    # Identity and account events come whatever the collections asked for.
    params: list[tuple[str, str]] = [("wantedCollections", POST)]
    if cursor is not None:
        params.append(("cursor", str(cursor)))
    return f"{base}?{urlencode(params)}"


class JetstreamReader:
    """Turns Jetstream messages into published mentions; counts what it skipped and why."""

    def __init__(self, wanted: Callable[[RawMention], bool],
                 publish: Callable[[Sequence[RawMention | MentionDeletion]], None],
                 cursor: Cursor, batch_size: int = 100) -> None:
        self.wanted, self.publish, self.cursor = wanted, publish, cursor
        self.batch_size = batch_size
        self.counters: Counter[str] = Counter()
        self.handles: dict[str, str] = {}  # DID -> handle, from identity events
        self._pending: list[RawMention | MentionDeletion] = []
        self._last_time_us: int | None = None

    def handle(self, message: str | bytes) -> None:
        try:
            event = orjson.loads(message)
            found = map_event(event, self.handles)
        except (orjson.JSONDecodeError, KeyError, TypeError, ValidationError) as exc:
            self.counters["malformed"] += 1
            log.warning("skipped a malformed Jetstream message: %s", exc)
            return
        self.counters["events"] += 1
        self.counters.update(found.skipped)
        if isinstance(event.get("time_us"), int):
            self._last_time_us = event["time_us"]
        self._pending.extend(found.deletions)  # a deletion is passed on whatever it named
        for mention in found.mentions:
            if self.wanted(mention):
                self._pending.append(mention)
            else:
                self.counters["filtered_out"] += 1
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
