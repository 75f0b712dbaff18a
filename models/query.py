"""Boolean monitoring queries, as monitoring tools offer them:

    "abn amro" AND NOT (vacature OR vacatures)
    (klacht OR storing) AND hashtags:kpn
    bezorg* AND contact:reactive

Parsed with luqum (Lucene syntax), compiled once into a predicate over a mention. Words and
"phrases" match on word boundaries, case-insensitively; ``word*`` matches a prefix; ``field:value``
matches ``hashtags``, ``handles``, ``brands``, ``language``, ``source``, ``contact``, ``intents``,
``sentiment`` or ``author``. Terms side by side without an operator must all match (AND).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from luqum.exceptions import ParseError
from luqum.parser import parser
from luqum.tree import (
    AndOperation,
    FieldGroup,
    Group,
    Item,
    Not,
    OrOperation,
    Phrase,
    Plus,
    Prohibit,
    SearchField,
    UnknownOperation,
    Word,
)

from models.text import tokens

FIELDS = ("hashtags", "handles", "brands", "language", "source", "contact", "intents",
          "sentiment", "author")
_ALIASES = {"hashtag": "hashtags", "handle": "handles", "brand": "brands", "intent": "intents",
            "lang": "language"}


class QueryError(ValueError):
    """A query that does not parse or uses an unknown field; the message says where."""


@dataclass
class MentionView:
    """What a query can look at: the text's tokens and the mention's labelled fields."""

    words: list[str]
    fields: dict[str, frozenset[str]] = field(default_factory=dict)

    @property
    def word_set(self) -> frozenset[str]:
        return frozenset(self.words)


Predicate = Callable[[MentionView], bool]


def _phrase(text: str) -> Predicate:
    wanted = tokens(text)
    if not wanted:
        return lambda _view: False
    if len(wanted) == 1:
        word = wanted[0]
        return lambda view: word in view.word_set
    size = len(wanted)
    target = tuple(wanted)
    return lambda view: any(tuple(view.words[i:i + size]) == target
                            for i, w in enumerate(view.words) if w == target[0])


def _word(value: str) -> Predicate:
    if value.endswith("*") and len(value) > 1:
        prefix = value[:-1].lower()
        return lambda view: any(w.startswith(prefix) for w in view.words)
    return _phrase(value)


def _field_value(name: str, node: Item) -> Predicate:
    if isinstance(node, (Word, Phrase)):
        value = node.value.strip('"').lower().lstrip("#@")
        if value.endswith("*"):
            prefix = value[:-1]
            return lambda view: any(v.startswith(prefix) for v in view.fields.get(name, ()))
        return lambda view: value in view.fields.get(name, ())
    if isinstance(node, (Group, FieldGroup)):
        return _field_value(name, node.expr)
    if isinstance(node, (OrOperation, AndOperation, UnknownOperation)):
        parts = [_field_value(name, child) for child in node.children]
        if isinstance(node, OrOperation):
            return lambda view: any(p(view) for p in parts)
        return lambda view: all(p(view) for p in parts)
    if isinstance(node, (Not, Prohibit)):
        inner = _field_value(name, node.a)
        return lambda view: not inner(view)
    raise QueryError(f"unsupported expression inside {name}: {node}")


def _compile(node: Item) -> Predicate:
    if isinstance(node, Word):
        return _word(node.value)
    if isinstance(node, Phrase):
        return _phrase(node.value.strip('"'))
    if isinstance(node, (Group, FieldGroup)):
        return _compile(node.expr)
    if isinstance(node, Plus):
        return _compile(node.a)
    if isinstance(node, (Not, Prohibit)):
        inner = _compile(node.a)
        return lambda view: not inner(view)
    if isinstance(node, OrOperation):
        parts = [_compile(child) for child in node.children]
        return lambda view: any(p(view) for p in parts)
    if isinstance(node, (AndOperation, UnknownOperation)):
        parts = [_compile(child) for child in node.children]
        return lambda view: all(p(view) for p in parts)
    if isinstance(node, SearchField):
        name = _ALIASES.get(node.name.lower(), node.name.lower())
        if name not in FIELDS:
            raise QueryError(f"unknown field {node.name!r}; fields: {', '.join(FIELDS)}")
        return _field_value(name, node.expr)
    raise QueryError(f"unsupported query syntax: {node}")


def _anchors(node: Item) -> frozenset[str] | None:
    """Words of which at least one must be in a text for the query to match it (None: no such
    set, e.g. a pure NOT or a field query). Lets an index skip queries that cannot match."""
    if isinstance(node, (Word, Phrase)):
        value = node.value.strip('"')
        words = tokens(value)
        return frozenset(words[:1]) if words and not value.endswith("*") else None
    if isinstance(node, (Group, FieldGroup, Plus)):
        return _anchors(node.expr if isinstance(node, (Group, FieldGroup)) else node.a)
    if isinstance(node, (AndOperation, UnknownOperation)):
        found = [a for a in (_anchors(c) for c in node.children) if a is not None]
        return min(found, key=len) if found else None
    if isinstance(node, OrOperation):
        parts = [_anchors(c) for c in node.children]
        return None if any(p is None for p in parts) else frozenset().union(*parts)  # type: ignore[arg-type]
    return None


@dataclass(frozen=True)
class BooleanQuery:
    text: str
    predicate: Predicate
    anchors: frozenset[str] | None = None

    def matches(self, view: MentionView) -> bool:
        return self.predicate(view)


def parse_query(text: str) -> BooleanQuery:
    if not text.strip():
        raise QueryError("empty query")
    try:
        tree = parser.parse(text)
    except (ParseError, Exception) as exc:  # luqum raises several kinds for bad input
        raise QueryError(f"cannot parse query {text!r}: {exc}") from None
    return BooleanQuery(text, _compile(tree), _anchors(tree))
