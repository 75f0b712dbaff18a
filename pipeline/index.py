"""The index template behind the ``mentions`` alias (``deploy/elasticsearch``)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from elasticsearch import AsyncElasticsearch, Elasticsearch


def load_template(name: str, alias: str) -> dict[str, Any]:
    """``deploy/elasticsearch/<name>-template.json`` with its alias filled in."""
    text = resources.files("deploy.elasticsearch").joinpath(f"{name}-template.json").read_text()
    template: dict[str, Any] = json.loads(text.replace("{alias}", alias))
    return template


def mentions_template(alias: str) -> dict[str, Any]:
    return load_template("mentions", alias)


def template_name(alias: str) -> str:
    return f"{alias}-template"


def put_template(client: Elasticsearch, alias: str, name: str = "mentions") -> None:
    client.indices.put_index_template(name=template_name(alias), **load_template(name, alias))


async def put_template_async(client: AsyncElasticsearch, alias: str,
                             name: str = "mentions") -> None:
    await client.indices.put_index_template(name=template_name(alias),
                                            **load_template(name, alias))
