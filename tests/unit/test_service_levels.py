"""Service-level rules: deadlines in opening time and the time zone, per-channel deadlines,
and a teams file that says what is wrong with a rule."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from conversations.service_level import deadline, local_slot
from core.config_files import validate
from core.errors import ConfigError
from core.service_levels import ServiceLevelRule
from core.teams import Teams

WEEKDAYS = {day: ["08:00-22:00"] for day in ("mon", "tue", "wed", "thu", "fri")}
RULE = ServiceLevelRule(within_minutes=30, timezone="Europe/Amsterdam",
                        opening_hours={**WEEKDAYS, "sat": ["10:00-12:00", "13:00-17:00"]},
                        channels={"whatsapp": 60})


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize("opened, channel, due", [
    ("2026-11-24T10:00", "twitter", "2026-11-24T10:30"),  # Tuesday 11:00 local: plain
    ("2026-11-24T10:00", "whatsapp", "2026-11-24T11:00"),  # its own deadline
    ("2026-11-24T22:00", "twitter", "2026-11-25T07:30"),  # 23:00 local: due 08:30 next day
    ("2026-11-24T20:50", "twitter", "2026-11-25T07:20"),  # 10 minutes before closing, 20 after
    ("2026-11-28T10:50", "twitter", "2026-11-28T12:20"),  # Saturday: the lunch break skipped
    ("2026-11-28T16:00", "twitter", "2026-11-30T07:30"),  # Saturday 17:00: Monday morning
    ("2026-06-02T10:00", "twitter", "2026-06-02T10:30"),  # summer time
    ("2026-06-01T21:00", "twitter", "2026-06-02T06:30"),  # 23:00 summer time: 08:30 local
])
def test_deadline_in_opening_time(opened: str, channel: str, due: str) -> None:
    assert deadline(RULE, utc(opened), channel) == utc(due)


def test_always_open_and_never_open() -> None:
    assert deadline(ServiceLevelRule(within_minutes=45), utc("2026-11-29T03:00"),
                    "x") == utc("2026-11-29T03:45")
    assert deadline(ServiceLevelRule(opening_hours={}), utc("2026-11-29T03:00"), "x") is None


def test_hour_of_the_week_in_the_rules_time_zone() -> None:
    assert local_slot(RULE, utc("2026-11-29T23:30")) == (0, 0)  # Monday 00:30 in Amsterdam
    assert local_slot(None, utc("2026-11-29T23:30")) == (6, 23)


@pytest.mark.parametrize("team, problem", [
    ({"competitors": ["ziggo"]}, "competitors must be among the team's brands"),
    ({"service_level": {"timezone": "Mars/Olympus"}}, "unknown time zone"),
    ({"service_level": {"opening_hours": {"mon": ["22:00-08:00"]}}}, "end must come after"),
    ({"service_level": {"opening_hours": {"maandag": ["08:00-17:00"]}}}, "maandag"),
    ({"service_level": {"within": 30}}, "within"),
])
def test_a_bad_rule_names_its_field(team: dict[str, object], problem: str) -> None:
    data = {"teams": [{"id": "kpn", "brands": ["kpn"], **team}]}
    with pytest.raises(ConfigError, match=problem):
        validate(Teams, data, "teams.yml")


def test_a_brands_service_level_is_its_owners() -> None:
    teams = validate(Teams, {"teams": [
        {"id": "kpn", "brands": ["kpn", "ziggo"], "competitors": ["ziggo"],
         "service_level": {"within_minutes": 15}},
        {"id": "ziggo", "brands": ["ziggo"], "service_level": {"within_minutes": 60}},
    ]}, "teams.yml")
    levels = teams.service_levels()
    assert levels["kpn"][0] == "kpn" and levels["kpn"][1].within_minutes == 15
    assert levels["ziggo"][0] == "ziggo" and levels["ziggo"][1].within_minutes == 60
