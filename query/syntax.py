"""Boolean monitoring queries, as monitoring tools offer them:

    "abn amro" AND NOT (vacature OR vacatures)
    (klacht OR storing) AND hashtags:kpn
    bezorg* AND contact:reactive AND lang:nl

Parsed once with luqum (Lucene syntax) into a tree that both back-ends read: ``query.stream``
(a predicate over a mention, for subscriptions and brand queries) and ``query.elasticsearch``
(a query DSL body, for search). The user's string never reaches Elasticsearch.

Semantics, the same in both back-ends:
- a word or "phrase" matches the text's words in order (``words`` below: the word split of
  Elasticsearch's ``standard`` analyzer), case-insensitively;
- ``*`` and ``?`` in a word match within one word (``bezorg*``, ``k?n``);
- ``field:value`` matches a labelled field (table in ``query.fields``), case-insensitively, with
  ``#``/``@`` ignored at the start of the value; wildcards work there too;
- terms side by side without an operator must all match (AND); ``-term`` is NOT term.
"""

from __future__ import annotations

import re
from functools import lru_cache

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

from query.fields import ALIASES, FIELDS

MAX_DEPTH = 40  # deeper nesting is not a monitoring query; it is an attempt at a crash
MAX_LENGTH = 2000

_LETTER = r"[^\W\d_]"
# Unicode word segmentation as Lucene's StandardTokenizer applies it (UAX #29): letters, digits
# and '_' run together; ':', '·', '.' and apostrophes join letters ("e.g", "jullie's"); '.',
# ',', ';' and apostrophes join digits ("1.000,50"). Everything else separates words.
_WORD = re.compile(
    rf"\w+(?:(?:(?<={_LETTER})[:·'’.](?={_LETTER})|(?<=\d)[.,;'’](?=\d))\w+)*")
_WILDCARD = re.compile(r"[*?]")

OPERATIONS = (AndOperation, OrOperation, UnknownOperation)
GROUPS = (Group, FieldGroup)
NEGATIONS = (Not, Prohibit)


class QueryError(ValueError):
    """A query that does not parse or uses an unknown field; the message says where."""


def words(text: str) -> list[str]:
    """The words of a text as the query language sees them: lower-cased, in order."""
    return _WORD.findall(text.lower())


def has_wildcard(value: str) -> bool:
    return bool(_WILDCARD.search(value))


@lru_cache(maxsize=4096)
def wildcard_regex(pattern: str) -> re.Pattern[str]:
    """``*`` any run of characters, ``?`` one character; the whole value must match."""
    parts = (".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.compile("".join(parts), re.DOTALL)


def field_name(node: SearchField) -> str:
    name = str(node.name).lower()
    name = ALIASES.get(name, name)
    if name not in FIELDS:
        raise QueryError(f"unknown field {node.name!r}; fields: {', '.join(FIELDS)} "
                         f"(also {', '.join(ALIASES)})")
    return name


def term_value(node: Word | Phrase) -> str:
    """A field's value as written: quotes off, lower case, a leading ``#`` or ``@`` off."""
    return str(node.value).strip('"').lower().lstrip("#@")


def _check(node: Item, depth: int, in_field: bool) -> None:
    if depth > MAX_DEPTH:
        raise QueryError(f"query nested deeper than {MAX_DEPTH} levels")
    if isinstance(node, (Word, Phrase)):
        return
    if isinstance(node, SearchField):
        if in_field:
            raise QueryError(f"a field inside a field: {node}")
        field_name(node)
        _check(node.expr, depth + 1, True)
        return
    if isinstance(node, GROUPS + NEGATIONS + (Plus,) + OPERATIONS):
        for child in node.children:
            _check(child, depth + 1, in_field)
        return
    raise QueryError(f"unsupported query syntax: {node} (words, \"phrases\", wildcards, "
                     "field:value, AND, OR, NOT and parentheses are)")


def _nesting(text: str) -> int:
    depth = deepest = 0
    for char in text:
        depth += (char == "(") - (char == ")")
        deepest = max(deepest, depth)
    return deepest


def parse(text: str) -> Item:
    """The checked tree of a query, or a ``QueryError`` that says what is wrong."""
    if not text.strip():
        raise QueryError("empty query")
    if len(text) > MAX_LENGTH:
        raise QueryError(f"query longer than {MAX_LENGTH} characters")
    if _nesting(text) > MAX_DEPTH:  # before the parser, whose tree building recurses
        raise QueryError(f"query nested deeper than {MAX_DEPTH} levels")
    try:
        tree: Item = parser.parse(text)
    except (ParseError, Exception) as exc:  # luqum raises several kinds for bad input
        raise QueryError(f"cannot parse query {text!r}: {exc}") from None
    _check(tree, 0, False)
    return tree
