"""The index template behind the ``mentions`` alias (``deploy/elasticsearch``)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from elasticsearch import AsyncElasticsearch, Elasticsearch

TEMPLATE_FILE = "mentions-template.json"


def mentions_template(alias: str) -> dict[str, Any]:
    text = resources.files("deploy.elasticsearch").joinpath(TEMPLATE_FILE).read_text()
    template: dict[str, Any] = json.loads(text.replace("{alias}", alias))
    return template


def template_name(alias: str) -> str:
    return f"{alias}-template"


def put_template(client: Elasticsearch, alias: str) -> None:
    body = mentions_template(alias)
    client.indices.put_index_template(name=template_name(alias), **body)


async def put_template_async(client: AsyncElasticsearch, alias: str) -> None:
    body = mentions_template(alias)
    await client.indices.put_index_template(name=template_name(alias), **body)
