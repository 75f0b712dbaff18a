"""The delivery log's interface in memory, and a channel context that may reach loopback (where
the tests' receivers listen), for delivery tests without Elasticsearch."""

from __future__ import annotations

from alerting.alerts import Alert
from alerting.channels.base import ChannelContext
from alerting.outbound import OutboundPolicy

SETTLED = {"delivered", "rejected", "gave_up"}


class MemoryLog:
    def __init__(self) -> None:
        self.status: dict[str, str] = {}  # "<alert id>:<channel>" -> latest status
        self.outcomes: list[tuple[str, str, str | None]] = []  # channel, status, error

    async def finished(self, keys: list[str]) -> set[str]:
        return {k for k in keys if self.status.get(k) in SETTLED}

    async def record(self, outcomes: list[tuple[Alert, str, str, int, str | None]]) -> None:
        for alert, channel, status, _attempts, error in outcomes:
            self.status[f"{alert.id}:{channel}"] = status
            self.outcomes.append((channel, status, error))


def loopback() -> ChannelContext:
    """Alerts reach loopback only when the operator allows it; the tests' receivers are there."""
    return ChannelContext(outbound=OutboundPolicy.allowing(["127.0.0.0/8"]))
