"""Deadlines in opening time: a question that arrives at night is due ``within_minutes`` after
the team opens, not after it was asked. Pure; the rule is ``core.service_levels``."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from core.service_levels import WEEKDAYS, ServiceLevelRule, parse_span

_SEARCH_DAYS = 15  # a rule whose week has any opening finds the next one within a week


@lru_cache(maxsize=256)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def _openings(rule: ServiceLevelRule, day: datetime) -> list[tuple[datetime, datetime]]:
    """The opening spans of ``day`` (a local midnight), as aware local datetimes."""
    assert rule.opening_hours is not None
    spans = rule.opening_hours.get(WEEKDAYS[day.weekday()], [])  # type: ignore[call-overload]
    found = []
    for span in spans:
        start, end = parse_span(span)
        opens = day.replace(hour=start.hour, minute=start.minute)
        closes = (day + timedelta(days=1) if end is None
                  else day.replace(hour=end.hour, minute=end.minute))
        found.append((opens, closes))
    return sorted(found)


def deadline(rule: ServiceLevelRule, opened_at: datetime, channel: str) -> datetime | None:
    """When a first response is due: ``minutes_for(channel)`` of opening time after
    ``opened_at``. None when the rule has no opening time at all."""
    budget = timedelta(minutes=rule.minutes_for(channel))
    if rule.opening_hours is None:
        return opened_at + budget
    zone = _zone(rule.timezone)
    local = opened_at.astimezone(zone)
    day = datetime.combine(local.date(), time(0), tzinfo=zone)
    for _ in range(_SEARCH_DAYS):
        for opens, closes in _openings(rule, day):
            start = max(opens, local)
            if start >= closes:
                continue
            if start + budget <= closes:
                return (start + budget).astimezone(UTC)
            budget -= closes - start
        day = datetime.combine((day + timedelta(days=1)).date(), time(0), tzinfo=zone)
    return None


def local_slot(rule: ServiceLevelRule | None, at: datetime) -> tuple[int, int]:
    """(weekday 0=Monday, hour) of ``at`` in the rule's time zone (UTC without a rule): the
    hour-of-the-week that attainment is reported by."""
    local = at.astimezone(_zone(rule.timezone)) if rule else at.astimezone(UTC)
    return local.weekday(), local.hour
