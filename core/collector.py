"""CPython's cyclic garbage collector in a long-running process, set once start-up is done.

By default the collector looks at its youngest generation after every 700 new container
objects (net of those freed), and now and then through everything alive. A worker allocates
hundreds of objects a mention (Faust's events, pydantic models, the enricher's features), so
it collected about 1,200 times in a 20,000-mention burst, and each older-generation pass
walked the modules, models and Faust's app again: measured with ``gc.callbacks``, 1.2-1.6 s
of the enrich role's 4.1 s of CPU went to the collector, 0.8-1.2 s of the alerts role's.
Frozen after start-up and collecting the youngest generation after 20,000 objects, it took
0.2-0.3 s (``docs/benchmarks.md``, 2026-12-06 11:30).

Most objects are freed by reference counting whatever the thresholds; what waits longer for
a pass is garbage in reference cycles: at most about 20,000 young objects (a few MB). The
worker's memory after 1,000,000 mentions stayed where it was (675-677 MiB).
"""

from __future__ import annotations

import gc

YOUNG_OBJECTS = 20_000  # CPython's default: 700
OLDER_GENERATIONS = (10, 10)  # CPython's defaults: how many younger passes before an older one


def settle_collector() -> None:
    """Exempt every object alive now from the collector's passes (``gc.freeze``: they live
    as long as the process) and collect young objects less often. For long-running
    processes, once start-up is done."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_OBJECTS, *OLDER_GENERATIONS)
