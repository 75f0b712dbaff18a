"""Kibana cannot run here: check the saved objects against the index template instead."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from deploy.kibana.build import CONVERSATIONS_VIEW, DATA_VIEW, objects
from pipeline.index import load_template

NDJSON = Path(__file__).resolve().parents[2] / "deploy" / "kibana" / "webcare.ndjson"
AGGREGATABLE = {"keyword", "date", "float", "double", "boolean", "integer", "byte"}
NUMERIC = {"float", "double", "integer", "byte"}
TEMPLATES = {DATA_VIEW: "mentions", CONVERSATIONS_VIEW: "conversations"}


def field_types(template: str) -> dict[str, str]:
    types: dict[str, str] = {}

    def walk(props: dict[str, Any], prefix: str) -> None:
        for name, spec in props.items():
            if "properties" in spec:
                walk(spec["properties"], f"{prefix}{name}.")
            else:
                types[f"{prefix}{name}"] = spec["type"]
                for sub, sub_spec in spec.get("fields", {}).items():
                    types[f"{prefix}{name}.{sub}"] = sub_spec["type"]

    walk(load_template(template, template)["template"]["mappings"]["properties"], "")
    return types


def data_view_of(obj: dict[str, Any]) -> str:
    if obj["type"] == "index-pattern":
        return str(obj["id"])
    [view] = [r["id"] for r in obj["references"] if r["type"] == "index-pattern"]
    return str(view)


def saved() -> list[dict[str, Any]]:
    return [json.loads(line) for line in NDJSON.read_text().splitlines() if line.strip()]


def test_the_committed_file_is_what_the_builder_makes() -> None:
    assert saved() == json.loads(json.dumps(objects()))


def test_every_field_used_exists_in_the_template_with_a_fitting_type() -> None:
    used: list[tuple[str, str, str]] = []  # (data view, field, use)
    for obj in saved():
        if obj["type"] == "dashboard":
            continue
        view, attributes = data_view_of(obj), obj["attributes"]
        fields: list[tuple[str, str]] = []
        if obj["type"] == "index-pattern":
            fields.append((attributes["timeFieldName"], "time"))
        if obj["type"] == "visualization":
            for agg in json.loads(attributes["visState"])["aggs"]:
                if "field" in agg["params"]:
                    fields.append((agg["params"]["field"], agg["type"]))
        if obj["type"] == "search":
            fields += [(column, "column") for column in attributes["columns"]]
            fields += [(field, "sort") for field, _ in attributes["sort"]]
            query = json.loads(attributes["kibanaSavedObjectMeta"]["searchSourceJSON"])
            fields += [(f, "filter") for f in re.findall(r"([\w.]+)\s*:",
                                                         query["query"]["query"])]
        used += [(view, field, use) for field, use in fields]
    assert len(used) > 20 and {view for view, _, _ in used} == set(TEMPLATES)
    for view, field, use in used:
        types = field_types(TEMPLATES[view])
        assert field in types, f"{field} ({use}) is not in the {TEMPLATES[view]} template"
        if use in ("terms", "filter", "sort"):
            assert types[field] in AGGREGATABLE, f"{field} is {types[field]}, used for {use}"
        if use in ("percentiles", "median", "avg"):
            assert types[field] in NUMERIC, f"{field} is {types[field]}, used for {use}"
        if use in ("time", "date_histogram"):
            assert types[field] == "date", field


def test_references_resolve_and_the_dashboard_shows_the_required_views() -> None:
    by_id = {o["id"]: o for o in saved()}
    for obj in saved():
        for ref in obj["references"]:
            assert ref["id"] in by_id and by_id[ref["id"]]["type"] == ref["type"]
    dashboard = by_id["webcare-overview"]
    panels = {r["id"] for r in dashboard["references"]}
    assert panels == {"webcare-volume", "webcare-sentiment", "webcare-intents",
                      "webcare-sources", "webcare-hashtags", "webcare-negative-reactive"}
    assert by_id["webcare-mentions"]["attributes"]["title"] == "mentions"
    service = {r["id"] for r in by_id["webcare-service"]["references"]}
    assert service == {"webcare-waiting", "webcare-first-response", "webcare-service-level",
                       "webcare-service-level-hours", "webcare-agents",
                       "webcare-conversation-channels", "webcare-share-of-voice"}
    assert by_id["webcare-conversations"]["attributes"]["title"] == "conversations"
