"""Deploy assets are versioned and tested: the index template maps exactly the document."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from deploy.local.distribution import pinned_versions
from pipeline.index import mentions_template
from schemas.mentions import EnrichedMention


def _model_paths(model: type[BaseModel], prefix: str = "") -> set[str]:
    paths: set[str] = set()
    for name, field in model.model_fields.items():
        annotation: Any = field.annotation
        nested = [a for a in getattr(annotation, "__args__", (annotation,))
                  if isinstance(a, type) and issubclass(a, BaseModel)]
        if nested:
            paths |= _model_paths(nested[0], f"{prefix}{name}.")
        else:
            paths.add(f"{prefix}{name}")
    return paths


def _mapping_paths(properties: dict[str, Any], prefix: str = "") -> set[str]:
    paths: set[str] = set()
    for name, spec in properties.items():
        if "properties" in spec and spec.get("type") in (None, "object"):
            paths |= _mapping_paths(spec["properties"], f"{prefix}{name}.")
        else:
            paths.add(f"{prefix}{name}")
    return paths


def test_template_maps_every_enriched_field_and_nothing_else() -> None:
    template = mentions_template("mentions")
    mapped = _mapping_paths(template["template"]["mappings"]["properties"])
    # entities is a list of {text, label} dicts: mapped as an object with those keys.
    fields = _model_paths(EnrichedMention) - {"entities"} | {"entities.text", "entities.label"}
    assert mapped == fields
    assert template["template"]["mappings"]["dynamic"] == "strict"
    assert template["index_patterns"] == ["mentions-*"]
    assert template["template"]["aliases"] == {"mentions": {}}


def test_template_uses_keyword_for_ids_and_filters() -> None:
    props = mentions_template("x")["template"]["mappings"]["properties"]
    for name in ("id", "doc_id", "source", "language", "contact", "intents", "brands"):
        assert props[name]["type"] == "keyword", name
    assert props["created_at"]["type"] == "date"
    assert props["sentiment"]["properties"]["score"]["type"] == "float"


def test_versions_are_pinned_in_the_pom() -> None:
    versions = pinned_versions()
    assert versions.kafka.startswith("3.9.")
    assert versions.elasticsearch.startswith("8.")
