"""The API-side commands: ``webcare api``, ``search``, ``alerts``, ``teams`` (helpers kept out
of the click wiring so they can be called and tested on their own)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from elasticsearch import ConnectionError as ESConnectionError

from alerting.store import SubscriptionStore
from alerting.subscriptions import Subscription, SubscriptionSpec
from api.queries import SORTS, MentionFilters, scoped_query
from core.config_files import load_yaml_model
from core.elasticsearch import async_client, sync_client
from core.errors import ConfigError, ServiceUnavailable
from core.settings import Settings
from core.teams import Teams, load_teams


def require_teams(settings: Settings) -> Teams:
    if settings.teams is None:
        raise ConfigError("the API needs WEBCARE_TEAMS: a YAML of teams, their brands and API "
                          "key hashes (make a key with `webcare teams new-key`)")
    return load_teams(settings.teams)


def run_api(settings: Settings, host: str, port: int) -> None:
    import uvicorn

    from console.app import create_app

    uvicorn.run(create_app(settings, require_teams(settings)), host=host, port=port,
                log_level="info")


def team_brands(settings: Settings, team: str | None, own: bool = False) -> list[str] | None:
    """The brands ``team`` sees (``own``: only those it owns); None (every brand) without one."""
    if team is None:
        return None
    found = require_teams(settings).get(team)
    if found is None:
        raise ConfigError(f"no team {team!r} in {settings.teams}")
    return found.own_brands if own else found.brands


def search_mentions(settings: Settings, filters: MentionFilters, team: str | None,
                    size: int) -> list[dict[str, Any]]:
    brands = team_brands(settings, team)
    url = settings.es_address()
    client = sync_client(settings)
    try:
        alias = settings.index_name("mentions")
        if not client.indices.exists_alias(name=alias):
            return []
        result = client.search(index=alias, query=scoped_query(filters, brands), size=size,
                               sort=SORTS["newest"])
        return [hit["_source"] for hit in result["hits"]["hits"]]
    except ESConnectionError:
        raise ServiceUnavailable("Elasticsearch", url, "Start it with `webcare local up`.") \
            from None
    finally:
        client.close()


def with_store(settings: Settings, action: Callable[[SubscriptionStore], Any]) -> Any:
    async def run() -> Any:
        client = async_client(settings)
        try:
            store = SubscriptionStore(client, settings.index_name("subscriptions"))
            await store.ensure()
            return await action(store)
        finally:
            await client.close()

    return asyncio.run(run())


def read_spec(path: Path) -> SubscriptionSpec:
    return load_yaml_model(path, SubscriptionSpec, "subscription")


def subscription_line(sub: Subscription) -> str:
    watch = sub.brands + [f"#{h}" for h in sub.hashtags] + sub.keywords
    if sub.query:
        watch.append(f"query={sub.query!r}")
    return f"{sub.id}  {sub.team:<12} {sub.name!r}  watches {watch or 'everything'}"


def dumps(item: Any) -> str:
    return orjson.dumps(item).decode()
