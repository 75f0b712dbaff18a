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
    """As ``put_template_async``: the template, and new fields on the existing indices."""
    template = load_template(name, alias)
    client.indices.put_index_template(name=template_name(alias), **template)
    if client.indices.exists_alias(name=alias):
        client.indices.put_mapping(index=alias,
                                   properties=template["template"]["mappings"]["properties"])


async def put_template_async(client: AsyncElasticsearch, alias: str,
                             name: str = "mentions") -> None:
    """The template for the next monthly indices, and its fields added to the indices that
    exist already (adding a field is allowed; the mapping is strict, so a document with a
    field the index does not know would be refused)."""
    template = load_template(name, alias)
    await client.indices.put_index_template(name=template_name(alias), **template)
    if await client.indices.exists_alias(name=alias):
        await client.indices.put_mapping(
            index=alias, properties=template["template"]["mappings"]["properties"])
