"""One factory for the Elasticsearch clients, with the house defaults: every process (worker,
API, CLI, benchmarks) builds its clients here."""

from __future__ import annotations

from typing import Any

from elasticsearch import AsyncElasticsearch, Elasticsearch
from elasticsearch.serializer import OrjsonSerializer

from core.errors import ServiceUnavailable
from core.settings import Settings

# Bulk requests of a large batch can take a while on a busy node; searches should not.
REQUEST_TIMEOUT_S = 30.0


def _options(settings: Settings, timeout_s: float) -> dict[str, Any]:
    """Address, time-out and credentials: an API key or a user and password, the CA bundle
    and a client certificate, as the settings give them."""
    # orjson decodes large answers (a preview's pages, bulk responses) several times faster.
    options: dict[str, Any] = {"hosts": settings.resolved_es(), "request_timeout": timeout_s,
                               "serializer": OrjsonSerializer()}
    if settings.es_api_key is not None:
        options["api_key"] = settings.es_api_key.get_secret_value()
    if settings.es_username is not None and settings.es_password is not None:
        options["basic_auth"] = (settings.es_username, settings.es_password.get_secret_value())
    if settings.es_ca_file is not None:
        options["ca_certs"] = str(settings.es_ca_file)
    if settings.es_client_cert is not None and settings.es_client_key is not None:
        options["client_cert"] = str(settings.es_client_cert)
        options["client_key"] = str(settings.es_client_key)
    return options


def async_client(settings: Settings, timeout_s: float = REQUEST_TIMEOUT_S) -> AsyncElasticsearch:
    return AsyncElasticsearch(**_options(settings, timeout_s))


def sync_client(settings: Settings, timeout_s: float = REQUEST_TIMEOUT_S) -> Elasticsearch:
    return Elasticsearch(**_options(settings, timeout_s))


def require_healthy(settings: Settings) -> None:
    """Raise ``ServiceUnavailable`` unless ``_cluster/health`` answers yellow or green (the
    root endpoint ``GET /`` is absent on some distributions, so ``ping`` is not used)."""
    url = settings.es_address()
    client = sync_client(settings, timeout_s=2.0)
    try:
        status = client.options(max_retries=0).cluster.health()["status"]
    except Exception as exc:  # any failure to answer is "not reachable" to the caller
        raise ServiceUnavailable("Elasticsearch", url, "Start it with `webcare local up`.",
                                 type(exc).__name__) from None
    finally:
        client.close()
    if status not in {"green", "yellow"}:
        raise ServiceUnavailable("Elasticsearch", url, f"The cluster is {status}.")
