"""The stream back-end: a parsed query compiled once into a predicate over a mention, for
subscriptions and brand queries. Pure, no I/O."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from luqum.tree import Item, OrOperation, Phrase, Plus, SearchField, Word

from query.fields import FIELDS
from query.syntax import (
    GROUPS,
    NEGATIONS,
    field_name,
    has_wildcard,
    parse,
    term_value,
    wildcard_regex,
    words,
)
from schemas.mentions import EnrichedMention


@dataclass
class MentionView:
    """What a query can look at: the text's words and the mention's labelled fields (values
    lower-cased)."""

    words: list[str]
    fields: dict[str, frozenset[str]] = field(default_factory=dict)

    @property
    def word_set(self) -> frozenset[str]:
        return frozenset(self.words)


def mention_view(mention: EnrichedMention, text_words: list[str] | None = None) -> MentionView:
    """``text_words``: the words of the mention's text, where the caller has them already."""
    return MentionView(words(mention.text) if text_words is None else text_words, {
        name: frozenset(v.lower() for v in spec.values(mention)) for name, spec in FIELDS.items()
    })


Predicate = Callable[[MentionView], bool]


def _phrase(text: str) -> Predicate:
    wanted = words(text)
    if not wanted:
        return lambda _view: False
    if len(wanted) == 1:
        word = wanted[0]
        return lambda view: word in view.word_set
    size = len(wanted)
    target = tuple(wanted)
    return lambda view: any(tuple(view.words[i:i + size]) == target
                            for i, w in enumerate(view.words) if w == target[0])


def _text_term(node: Word | Phrase) -> Predicate:
    if isinstance(node, Word) and has_wildcard(node.value):
        pattern = wildcard_regex(node.value.lower())
        return lambda view: any(pattern.fullmatch(w) for w in view.words)
    return _phrase(node.value.strip('"'))


def _field_term(name: str, node: Word | Phrase) -> Predicate:
    value = term_value(node)
    if isinstance(node, Word) and has_wildcard(value):
        pattern = wildcard_regex(value)
        return lambda view: any(pattern.fullmatch(v) for v in view.fields.get(name, ()))
    return lambda view: value in view.fields.get(name, ())


def _combine(node: Item, parts: list[Predicate]) -> Predicate:
    if isinstance(node, OrOperation):
        return lambda view: any(p(view) for p in parts)
    return lambda view: all(p(view) for p in parts)


def compile_predicate(node: Item, in_field: str | None = None) -> Predicate:
    """The predicate of a checked tree (``query.syntax.parse``)."""
    if isinstance(node, (Word, Phrase)):
        return _field_term(in_field, node) if in_field else _text_term(node)
    if isinstance(node, SearchField):
        return compile_predicate(node.expr, field_name(node))
    if isinstance(node, (*GROUPS, Plus)):
        return compile_predicate(node.children[0], in_field)
    if isinstance(node, NEGATIONS):
        inner = compile_predicate(node.children[0], in_field)
        return lambda view: not inner(view)
    return _combine(node, [compile_predicate(child, in_field) for child in node.children])


def anchors(node: Item) -> frozenset[str] | None:
    """Words of which at least one must be in a text for the query to match it (None: no such
    set, e.g. a pure NOT, a wildcard or a field query). Lets an index skip queries that cannot
    match."""
    if isinstance(node, (Word, Phrase)):
        first = words(node.value.strip('"'))[:1]
        wild = isinstance(node, Word) and has_wildcard(node.value)
        return frozenset(first) if first and not wild else None
    if isinstance(node, (*GROUPS, Plus)):
        return anchors(node.children[0])
    if isinstance(node, OrOperation):
        parts = [anchors(c) for c in node.children]
        return None if any(p is None for p in parts) else frozenset().union(*parts)  # type: ignore[arg-type]
    if isinstance(node, (*NEGATIONS, SearchField)):
        return None
    found = [a for a in (anchors(c) for c in node.children) if a is not None]
    return min(found, key=len) if found else None


@dataclass(frozen=True)
class StreamQuery:
    text: str
    predicate: Predicate
    anchors: frozenset[str] | None = None

    def matches(self, view: MentionView) -> bool:
        return self.predicate(view)


def compile_query(text: str) -> StreamQuery:
    tree = parse(text)
    return StreamQuery(text, compile_predicate(tree), anchors(tree))
