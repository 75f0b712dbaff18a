"""What the de-duplication table holds per mention version: where it was first delivered
(``"partition:offset"``, to tell a replay after a crash from a re-delivery) and when, so that
entries older than the window (``WEBCARE_DEDUP_WINDOW_HOURS``) can be forgotten and the
table's memory and changelog stay bounded. A re-delivery after the window is indexed again
under its stable ``_id`` (it overwrites itself) and its alerts keep their stable ids, which
the delivery log has already seen."""

from __future__ import annotations

from collections.abc import Iterable


def seen_value(delivery: str, at: float) -> bytes:
    return f"{delivery}@{int(at)}".encode()


def delivery_of(value: bytes | None) -> str | None:
    """``"partition:offset"`` of a table value (a value from before the window had no time)."""
    return value.decode().split("@", 1)[0] if value else None


def seen_at(value: bytes) -> int | None:
    _, _, at = value.decode().partition("@")
    return int(at) if at.isdigit() else None


def expired(entries: Iterable[tuple[bytes, bytes]], before: float) -> list[bytes]:
    """Keys first seen before ``before`` (epoch seconds), and those that never said when."""
    return [key for key, value in entries
            if (at := seen_at(value)) is None or at < before]
