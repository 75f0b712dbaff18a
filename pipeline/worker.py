"""``webcare worker``: wait for the services, make sure topics exist, run the Faust worker."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from deploy.local.elasticsearch import cluster_is_healthy
from models.enrich import enricher_from_settings
from pipeline.topics import TopicNames, ensure_topics
from webcare.errors import ServiceUnavailable
from webcare.settings import Settings
from webcare.teams import load_teams

log = logging.getLogger("webcare.worker")


def wait_for(check: Callable[[], object], describe: str, *, max_backoff_s: float = 30.0) -> None:
    """Retry ``check`` with backoff, one clear line per failure, until it passes."""
    backoff = 1.0
    while True:
        try:
            check()
            return
        except ServiceUnavailable as exc:
            log.warning("%s; retrying in %.0fs", exc, backoff)
        time.sleep(backoff)
        backoff = min(backoff * 2, max_backoff_s)
        log.info("waiting for %s", describe)


def _check_es(settings: Settings) -> None:
    url = settings.resolved_es()
    if not cluster_is_healthy(url):
        raise ServiceUnavailable("Elasticsearch", url, "Start it with `webcare local up`.")


def team_scopes(settings: Settings) -> dict[str, frozenset[str] | None]:
    """Each team's brands; without a teams file one team, ``default``, sees everything."""
    if settings.teams is None:
        return {"default": None}
    return {team.id: frozenset(team.brands) for team in load_teams(settings.teams).teams}


def run_worker(settings: Settings, loglevel: str = "info",
               roles: tuple[str, ...] = ("enrich", "alerts")) -> None:
    import faust

    from pipeline.app import ROLES, create_app

    logging.basicConfig(level=loglevel.upper(), format="[%(asctime)s] %(levelname)s %(message)s")
    # One line per bulk request is noise at this rate; failures are logged by the sink.
    logging.getLogger("elastic_transport").setLevel(logging.WARNING)
    enricher = enricher_from_settings(settings)  # config errors fail before anything is consumed
    counts: dict[str, int] = {}

    def topics_ready() -> None:
        counts.update(ensure_topics(settings))

    wait_for(topics_ready, "Kafka")
    wait_for(lambda: _check_es(settings), "Elasticsearch")
    raw = TopicNames.for_settings(settings).raw
    app = create_app(settings, enricher, partitions=counts.get(raw, settings.partitions),
                     team_brands=team_scopes(settings),
                     roles=tuple(r for r in ROLES if r in roles))
    worker = faust.Worker(app, loglevel=loglevel, quiet=True)
    worker.execute_from_commandline()
