"""``webcare worker``: wait for the services, make sure topics exist, run the Faust worker."""

from __future__ import annotations

import asyncio
import atexit
import logging
import os
import signal
import threading

from core.collector import settle_collector
from core.elasticsearch import require_healthy
from core.memory import limit_malloc_arenas
from core.processes import leave_with_parent
from core.retry import wait_until
from core.settings import Settings
from core.teams import Teams, load_teams
from core.topics import TopicNames, ensure_topics
from models.enrich import Enricher, enricher_from_settings, settle
from pipeline.enrichment_processes import ChildProcesses
from pipeline.role_processes import ROLES, SUPERVISOR_ENV

log = logging.getLogger("webcare.worker")

# How long a stop may take before the process leaves anyway. Nothing is lost by leaving: offsets
# are committed only for processed records, and processing is idempotent.
SHUTDOWN_DEADLINE_S = 8.0


def _leave_at_deadline() -> None:
    log.warning("still stopping after %.0fs (a service is away?): leaving now; whatever was "
                "not committed is processed again on the next start", SHUTDOWN_DEADLINE_S)
    logging.shutdown()
    os._exit(0)


def worker_class() -> type:
    """Faust's worker with a deadline on shutdown: with the broker away, Faust's consumer
    waits for commits and for leaving the group for minutes."""
    import faust

    class DeadlineWorker(faust.Worker):
        def _schedule_shutdown(self, signum: signal.Signals) -> None:
            timer = threading.Timer(SHUTDOWN_DEADLINE_S, _leave_at_deadline)
            timer.daemon = True
            timer.start()
            super()._schedule_shutdown(signum)

    return DeadlineWorker


def use_uvloop() -> None:
    """Much of Faust's cost per message is event-loop work (futures, tasks, callbacks and
    waits): uvloop's loop does it in C. Measured on the enrich role,
    6,000-30,000 mentions: 3-7% less CPU per mention. Where uvloop is missing (Windows),
    asyncio's own loop serves."""
    try:
        import uvloop
    except ImportError:
        return
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())


def team_scopes(teams: Teams | None) -> dict[str, frozenset[str] | None]:
    """Each team's brands; without a teams file one team, ``default``, sees everything."""
    if teams is None:
        return {"default": None}
    return {team.id: frozenset(team.brands) for team in teams.teams}


def stop_with_supervisor() -> None:
    """A role process started by ``webcare worker`` (pipeline/role_processes.py) stops, as on
    SIGTERM, when its supervisor is gone."""
    supervisor = os.environ.get(SUPERVISOR_ENV)
    if supervisor:
        leave_with_parent(lambda: os.kill(os.getpid(), signal.SIGTERM), parent=int(supervisor))


def run_worker(settings: Settings, loglevel: str = "info",
               roles: tuple[str, ...] = ROLES) -> None:
    from pipeline.app import create_app

    stop_with_supervisor()
    use_uvloop()
    limit_malloc_arenas()  # before Faust, aiokafka and the clients start their threads
    logging.basicConfig(level=loglevel.upper(), format="[%(asctime)s] %(levelname)s %(message)s")
    # The client logs every request, and every failed one with a traceback; the retry policy
    # logs one line per failed attempt instead (core/retry.py).
    logging.getLogger("elastic_transport").setLevel(logging.ERROR)
    # Config errors fail here, before anything is consumed. Only the enrich role enriches: a
    # process of the alerts role does without the models (about 200 MiB).
    enricher: Enricher | ChildProcesses | None = None
    if "enrich" in roles and settings.enrichment_processes:
        enricher = ChildProcesses(settings, settings.enrichment_processes)
        enricher.start()
        atexit.register(enricher.close)
    elif "enrich" in roles:
        enricher = enricher_from_settings(settings)
        settle(enricher)
    teams = load_teams(settings.teams) if settings.teams else None
    counts: dict[str, int] = {}

    def topics_ready() -> None:
        counts.update(ensure_topics(settings))

    wait_until(topics_ready, what="Kafka", log=log)
    wait_until(lambda: require_healthy(settings), what="Elasticsearch", log=log)
    raw = TopicNames.for_settings(settings).raw
    app = create_app(settings, enricher, partitions=counts.get(raw, settings.partitions),
                     team_brands=team_scopes(teams),
                     service_levels=teams.service_levels() if teams else None,
                     roles=tuple(r for r in ROLES if r in roles))
    worker = worker_class()(app, loglevel=loglevel, quiet=True)
    settle_collector()  # the app, its agents and (enrich role, in-process) the models are made
    worker.execute_from_commandline()
