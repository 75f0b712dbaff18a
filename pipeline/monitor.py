"""Faust's monitor, less its bookkeeping per message.

Faust's ``Monitor`` sensor counts and times every message and every stream event (four calls,
clock readings and dictionary updates each, about 3 µs a message here) and every table read
and write, for statistics that only its web views show; the worker runs without them
(``web_enabled=False``) and counts what it did itself (``WorkerStats``). What happens once per
batch, commit, send or rebalance is still recorded."""

from __future__ import annotations

from typing import Any

from faust.sensors.monitor import Monitor


class BatchMonitor(Monitor):
    def on_message_in(self, tp: Any, offset: int, message: Any) -> None:
        return None

    def on_stream_event_in(self, tp: Any, offset: int, stream: Any, event: Any) -> None:
        return None

    def on_stream_event_out(self, tp: Any, offset: int, stream: Any, event: Any,
                            state: Any = None) -> None:
        return None

    def on_message_out(self, tp: Any, offset: int, message: Any) -> None:
        return None

    def on_table_get(self, table: Any, key: Any) -> None:
        return None

    def on_table_set(self, table: Any, key: Any, value: Any) -> None:
        return None

    def on_table_del(self, table: Any, key: Any) -> None:
        return None
