from __future__ import annotations

from collections.abc import Callable
from datetime import UTC
from typing import Any

import pytest
from pydantic import ValidationError

from schemas.mentions import EnrichedMention, RawMention


def test_raw_mention_normalises_handles_and_time(
    mention_dict: Callable[..., dict[str, Any]],
) -> None:
    raw = RawMention.model_validate(mention_dict(
        author={"handle": "@Klant"}, recipient="@KPN", created_at="2026-11-20T10:00:00",
        in_reply_to={"author_handle": "@NS_online", "id": "9"},
    ))
    assert raw.author.handle == "Klant"
    assert raw.recipient == "KPN"
    assert raw.in_reply_to is not None and raw.in_reply_to.author_handle == "NS_online"
    assert raw.created_at.tzinfo == UTC
    assert raw.key == f"twitter:{raw.id}"


@pytest.mark.parametrize("overrides, field", [
    ({"source": "Twitter!"}, "source"),
    ({"id": ""}, "id"),
    ({"created_at": "yesterday"}, "created_at"),
    ({"author": {"name": "no handle"}}, "author.handle"),
    ({"surprise": 1}, "surprise"),
])
def test_raw_mention_rejects_bad_input_naming_the_field(
    mention_dict: Callable[..., dict[str, Any]], overrides: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as err:
        RawMention.model_validate(mention_dict(**overrides))
    locations = {".".join(str(p) for p in e["loc"]) for e in err.value.errors()}
    assert field in locations


def test_json_schemas_export_and_share_field_names() -> None:
    raw = RawMention.model_json_schema()
    enriched = EnrichedMention.model_json_schema()
    assert set(raw["properties"]) <= set(enriched["properties"])
    for added in ("language", "sentiment", "contact", "intents", "brands"):
        assert added in enriched["properties"]
    assert raw["additionalProperties"] is False
