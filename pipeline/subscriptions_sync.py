"""Keeps the alerts worker's matcher in step with the ``subscriptions`` index (re-read within a
second of a change) and its spike windows saved in ``spike-windows`` (restored at start, so a
restart keeps the baselines)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from alerting.matcher import AlertMatcher
from alerting.spike_store import SpikeWindowStore
from alerting.store import SubscriptionStore
from pipeline.context import WorkerContext

log = logging.getLogger("webcare.worker")


class SubscriptionsSync:
    def __init__(self, context: WorkerContext, matcher: AlertMatcher) -> None:
        self.context, self.matcher = context, matcher
        self.store = SubscriptionStore(context.es, context.index("subscriptions"))
        self.spike_store = SpikeWindowStore(context.es, context.index("spike-windows"))
        self.loaded = asyncio.Event()  # match nothing before the first load
        self._version: Any = None
        self._saved_spikes: dict[str, dict[str, Any]] = {}

    async def refresh(self) -> None:
        """A timer: reload the subscriptions when the index changed. Never raises (a timer
        that raises stops the worker): a failure keeps what is loaded until next time."""
        if not self.context.ready.is_set():
            return
        try:
            version = await self.store.version()
            if version != self._version:
                self.matcher.load(await self.store.list())
                if self._version is None:  # first load: the saved spike windows
                    restored = self.matcher.restore_spikes(await self.spike_store.load())
                    if restored:
                        log.info("restored %d spike windows", restored)
                self._version = version
                log.info("watching %d subscriptions", len(self.matcher.index))
        except Exception as exc:
            log.warning("cannot read subscriptions from %s (%s); keeping the %d loaded",
                        self.context.settings.es_address(), exc, len(self.matcher.index))
            return
        self.loaded.set()

    async def save_spike_windows(self) -> None:
        """A timer: save the spike windows that changed since the last save."""
        if not self.loaded.is_set():
            return
        states = self.matcher.spike_states()
        changed = {sid: state for sid, state in states.items()
                   if self._saved_spikes.get(sid) != state}
        if not changed:
            return
        try:
            await self.spike_store.save(changed)
        except Exception as exc:  # next time, with whatever changed by then
            log.warning("cannot save spike windows (%s)", exc)
            return
        self._saved_spikes = states
