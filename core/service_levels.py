"""A team's service-level rule, as the teams file states it ("80% of questions and complaints
answered within 30 minutes, within opening hours, Amsterdam time"). Configuration only: the
deadlines and attainment are worked out in ``conversations.service_level``."""

from __future__ import annotations

import re
from datetime import time
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # date.weekday() order
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
RuleIntent = Literal["question", "complaint", "compliment"]
_SPAN = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$")


def parse_span(value: str) -> tuple[time, time | None]:
    """``"08:00-22:00"`` -> (08:00, 22:00); an end of ``24:00`` is None: midnight after."""
    found = _SPAN.match(value.replace(" ", ""))
    if found is None:
        raise ValueError(f"{value!r} is not a span like 08:00-22:00")
    start = time(int(found[1]), int(found[2]))
    end = None if found[3] == "24" else time(int(found[3]), int(found[4]))
    if found[3] == "24" and found[4] != "00":
        raise ValueError(f"{value!r}: a span ends at 24:00 at the latest")
    if end is not None and end <= start:
        raise ValueError(f"{value!r}: the end must come after the start")
    return start, end


class ServiceLevelRule(BaseModel):
    """Which conversations count, how soon they must have a first answer, and when the team is
    there to give it. Days missing from ``opening_hours`` are closed; no ``opening_hours`` at
    all means always open."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    target: float = Field(0.8, gt=0, le=1, description="share answered in time, e.g. 0.8")
    within_minutes: int = Field(30, ge=1, le=7 * 24 * 60,
                                description="first response deadline, in opening minutes")
    channels: dict[str, int] = Field(
        default_factory=dict, description="a deadline of its own per channel (source), minutes")
    intents: list[RuleIntent] = Field(
        default_factory=lambda: list[RuleIntent](["question", "complaint"]),
        description="conversations with one of these intents count; empty: every one")
    reactive_only: bool = Field(True, description="only conversations that address the brand")
    timezone: str = "Europe/Amsterdam"
    opening_hours: dict[Weekday, list[str]] | None = Field(
        None, description='e.g. {"mon": ["08:00-22:00"], "sat": ["10:00-18:00"]}')
    warn_before_minutes: int = Field(
        5, ge=0, description="alert this long before an open conversation passes its deadline")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r} (e.g. Europe/Amsterdam)") from None
        return value

    @field_validator("opening_hours")
    @classmethod
    def _spans(cls, value: dict[str, list[str]] | None) -> dict[str, list[str]] | None:
        for spans in (value or {}).values():
            for span in spans:
                parse_span(span)
        return value

    @field_validator("channels")
    @classmethod
    def _minutes(cls, value: dict[str, int]) -> dict[str, int]:
        for channel, minutes in value.items():
            if not 1 <= minutes <= 7 * 24 * 60:
                raise ValueError(f"{channel}: minutes between 1 and 10080")
        return value

    def minutes_for(self, channel: str) -> int:
        return self.channels.get(channel, self.within_minutes)
