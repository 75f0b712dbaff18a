from __future__ import annotations

import pytest

from query.stream import MentionView, compile_query
from query.syntax import QueryError, words


def view(text: str, **fields: list[str]) -> MentionView:
    return MentionView(words(text), {k: frozenset(v) for k, v in fields.items()})


@pytest.mark.parametrize("query, text, fields, expected", [
    ('"abn amro" AND NOT vacature', "Storing bij ABN AMRO", {}, True),
    ('"abn amro" AND NOT vacature', "Vacature bij ABN AMRO", {}, False),
    ('"abn amro"', "abn is amro", {}, False),
    ("klacht OR storing", "Weer een STORING", {}, True),
    ("pakket bezorgd", "pakket nog niet bezorgd", {}, True),  # implicit AND
    ("pakket bezorgd", "pakket kwijt", {}, False),
    ("bezorg*", "nog niet bezorgd", {}, True),
    ("hashtags:kpn", "storing", {"hashtags": ["kpn"]}, True),
    ("hashtag:#KPN", "storing", {"hashtags": ["kpn"]}, True),
    ("intents:complaint AND contact:reactive", "x",
     {"intents": ["complaint"], "contact": ["reactive"]}, True),
    ("sentiment:(negative OR neutral)", "x", {"sentiment": ["positive"]}, False),
])
def test_queries(query: str, text: str, fields: dict[str, list[str]], expected: bool) -> None:
    assert compile_query(query).matches(view(text, **fields)) is expected


@pytest.mark.parametrize("query, message", [
    ("foo AND (bar", "cannot parse"),
    ("colour:red", "unknown field 'colour'"),
    ("   ", "empty query"),
])
def test_bad_queries_are_explained(query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        compile_query(query)


@pytest.mark.parametrize("query, anchors", [
    ('"abn amro" AND NOT vacature', {"abn"}),
    ("klacht OR storing", {"klacht", "storing"}),
    ("(klacht OR storing) AND kpn", {"kpn"}),
    ("NOT vacature", None),
    ("bezorg*", None),
    ("hashtags:kpn", None),
    ("klacht OR hashtags:kpn", None),
])
def test_anchor_words_a_text_must_contain(query: str, anchors: set[str] | None) -> None:
    found = compile_query(query).anchors
    assert (set(found) if found is not None else None) == anchors
