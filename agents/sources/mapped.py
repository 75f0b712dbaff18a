"""What an agent's mapping makes of one platform payload: mentions (new or edited), deletions,
and the events it deliberately did not turn into mentions (delivery receipts, likes,
follows), counted by kind, and the kinds it does not know, counted with their shape."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from schemas.mentions import MentionDeletion, RawMention

log = logging.getLogger("webcare.agents")
_logged_shapes: set[str] = set()


def shape(value: Any, depth: int = 2) -> Any:
    """The keys of a payload without its values: what an unknown kind is logged with (never
    its content, which may be personal)."""
    if isinstance(value, dict):
        return {k: shape(v, depth - 1) if depth > 0 else "…" for k, v in value.items()}
    if isinstance(value, list):
        return [shape(value[0], depth)] if value else []
    return type(value).__name__


@dataclass
class Mapped:
    mentions: list[RawMention] = field(default_factory=list)
    deletions: list[MentionDeletion] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)  # deliberately not mentions
    unknown: Counter[str] = field(default_factory=Counter)  # kinds this mapping does not know
    invalid: list[str] = field(default_factory=list)  # known kinds that did not validate

    def add(self, data: dict[str, Any]) -> None:
        try:
            self.mentions.append(RawMention.model_validate(
                {k: v for k, v in data.items() if v is not None}))
        except ValidationError as exc:
            self.invalid.append(f"{data.get('source')} {data.get('id')}: {exc.errors()[0]}")

    def delete(self, source: str, mention_id: Any, when: str, by: str = "id") -> None:
        try:
            self.deletions.append(MentionDeletion.model_validate(
                {"source": source, "id": str(mention_id), "deleted_at": when, "by": by}))
        except ValidationError as exc:
            self.invalid.append(f"{source} delete {mention_id}: {exc.errors()[0]}")

    def skip(self, kind: str) -> None:
        self.skipped[kind] += 1
        log.debug("not a mention: %s", kind)

    def unknown_kind(self, kind: str, payload: Any) -> None:
        self.unknown[kind] += 1
        if kind not in _logged_shapes:  # once per kind and process
            _logged_shapes.add(kind)
            log.warning("unknown payload kind %s, kept and counted; its shape: %s", kind,
                        shape(payload))

    @property
    def empty(self) -> bool:
        return not (self.mentions or self.deletions)


def unix_time(value: Any) -> str:
    """Unix seconds or milliseconds (numbers or digit strings) or an ISO string, as ISO."""
    if isinstance(value, (int, float)) or (isinstance(value, str) and value.isdigit()):
        seconds = float(value)
        if seconds > 1e12:
            seconds /= 1000
        return datetime.fromtimestamp(seconds, UTC).isoformat()
    if isinstance(value, str) and value:
        return value
    return datetime.now(UTC).isoformat()


def text_of(*parts: Any, separator: str = "\n") -> str:
    """The non-empty parts, joined: the text a person would read."""
    return separator.join(str(p).strip() for p in parts if p and str(p).strip())
