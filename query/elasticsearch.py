"""The Elasticsearch back-end: a parsed query turned into a query DSL body over the mentions
index, selecting what ``query.stream`` selects in the stream (the equivalence is tested on a
real node: tests/integration/test_query_equivalence.py)."""

from __future__ import annotations

from typing import Any

from luqum.tree import Item, OrOperation, Phrase, Plus, SearchField, Word

from query.fields import FIELDS
from query.syntax import (
    GROUPS,
    NEGATIONS,
    field_name,
    has_wildcard,
    parse,
    term_value,
    words,
)

TEXT_FIELD = "text"
MATCH_NONE: dict[str, Any] = {"match_none": {}}


def _text_term(node: Word | Phrase) -> dict[str, Any]:
    if isinstance(node, Word) and has_wildcard(node.value):
        return {"wildcard": {TEXT_FIELD: {"value": node.value.lower(),
                                          "case_insensitive": True}}}
    # The query's words are split here, as the stream splits them, so both sides look for the
    # same word sequence whatever the analyzer would make of the raw string.
    wanted = words(node.value.strip('"'))
    if not wanted:
        return MATCH_NONE
    return {"match_phrase": {TEXT_FIELD: " ".join(wanted)}}


def _field_term(name: str, node: Word | Phrase) -> dict[str, Any]:
    es_field = FIELDS[name].es_field
    value = term_value(node)
    kind = "wildcard" if isinstance(node, Word) and has_wildcard(value) else "term"
    return {kind: {es_field: {"value": value, "case_insensitive": True}}}


def to_dsl(node: Item, in_field: str | None = None) -> dict[str, Any]:
    """The query DSL of a checked tree (``query.syntax.parse``)."""
    if isinstance(node, (Word, Phrase)):
        return _field_term(in_field, node) if in_field else _text_term(node)
    if isinstance(node, SearchField):
        return to_dsl(node.expr, field_name(node))
    if isinstance(node, (*GROUPS, Plus)):
        return to_dsl(node.children[0], in_field)
    if isinstance(node, NEGATIONS):
        return {"bool": {"must_not": [to_dsl(node.children[0], in_field)]}}
    parts = [to_dsl(child, in_field) for child in node.children]
    if isinstance(node, OrOperation):
        return {"bool": {"should": parts, "minimum_should_match": 1}}
    return {"bool": {"must": parts}}  # must, not filter: relevance sorting scores them


def query_dsl(text: str) -> dict[str, Any]:
    return to_dsl(parse(text))
