"""Which subscriptions an enriched mention triggers. Pure and indexed: subscriptions are filed
under their brands, hashtags and first keyword tokens, so a mention only meets the few that
could match; only query-only and watch-everything subscriptions are checked every time."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from alerting.subscriptions import Subscription
from query.stream import MentionView, StreamQuery, compile_query, mention_view
from query.syntax import words
from schemas.mentions import EnrichedMention


@dataclass
class _Compiled:
    sub: Subscription
    team_brands: frozenset[str] | None  # None: the team is not limited to brands
    keywords: list[tuple[str, ...]]
    query: StreamQuery | None


def passes_filters(sub: Subscription, mention: EnrichedMention) -> bool:
    if sub.contact and mention.contact not in sub.contact:
        return False
    if sub.intents and not set(sub.intents) & set(mention.intents):
        return False
    if sub.languages and mention.language not in sub.languages:
        return False
    if sub.sources and mention.source not in sub.sources:
        return False
    sentiment = sub.sentiment
    if sentiment:
        if sentiment.labels and mention.sentiment.label not in sentiment.labels:
            return False
        if sentiment.max_score is not None and mention.sentiment.score > sentiment.max_score:
            return False
        if sentiment.min_score is not None and mention.sentiment.score < sentiment.min_score:
            return False
    return True


@dataclass
class SubscriptionIndex:
    """``team_brands`` scopes every subscription to its team's brands (tenant isolation);
    a team missing from it sees nothing, a team mapped to None everything."""

    team_brands: dict[str, frozenset[str] | None]
    _all: dict[str, _Compiled] = field(default_factory=dict)
    _by_brand: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    _by_hashtag: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    _by_token: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    _always: set[str] = field(default_factory=set)

    def replace_all(self, subscriptions: Iterable[Subscription]) -> None:
        self._all.clear()
        for index in (self._by_brand, self._by_hashtag, self._by_token):
            index.clear()
        self._always.clear()
        for sub in subscriptions:
            self.add(sub)

    def add(self, sub: Subscription) -> None:
        compiled = _Compiled(
            sub, self.team_brands.get(sub.team, frozenset()),
            [tuple(words(k)) for k in sub.keywords if words(k)],
            compile_query(sub.query) if sub.query else None,
        )
        self._all[sub.id] = compiled
        for brand in sub.brands:
            self._by_brand[brand].add(sub.id)
        for tag in sub.hashtags:
            self._by_hashtag[tag].add(sub.id)
        for phrase in compiled.keywords:
            self._by_token[phrase[0]].add(sub.id)
        anchors = compiled.query.anchors if compiled.query else None
        for word in anchors or ():
            self._by_token[word].add(sub.id)
        if (compiled.query and anchors is None) or not (
                sub.brands or sub.hashtags or sub.keywords or sub.query):
            self._always.add(sub.id)

    def __len__(self) -> int:
        return len(self._all)

    def candidates(self, mention: EnrichedMention, text_words: list[str]) -> set[str]:
        found = set(self._always)
        for brand in mention.brands:
            found |= self._by_brand.get(brand, set())
        for tag in mention.hashtags:
            found |= self._by_hashtag.get(tag.lower(), set())
        for word in set(text_words):
            found |= self._by_token.get(word, set())
        return found

    def watched(self, compiled: _Compiled, mention: EnrichedMention, view: MentionView) -> bool:
        """In the team's scope and caught by the subscription's brands/hashtags/keywords/query."""
        sub = compiled.sub
        if compiled.team_brands is not None and not compiled.team_brands & set(mention.brands):
            return False
        if not (sub.brands or sub.hashtags or sub.keywords or sub.query):
            return True
        if set(sub.brands) & set(mention.brands):
            return True
        if set(sub.hashtags) & view.fields["hashtags"]:
            return True
        words = view.words
        for phrase in compiled.keywords:
            size = len(phrase)
            if any(tuple(words[i:i + size]) == phrase for i in range(len(words) - size + 1)):
                return True
        return compiled.query is not None and compiled.query.matches(view)

    def match(self, mention: EnrichedMention) -> list[Subscription]:
        """Subscriptions this mention should alert (each mention alert, spike rules aside)."""
        return [c.sub for c in self._watching(mention) if passes_filters(c.sub, mention)]

    def watching(self, mention: EnrichedMention) -> list[Subscription]:
        """Every subscription that watches this mention, before the filters (spike counts)."""
        return [c.sub for c in self._watching(mention)]

    def _watching(self, mention: EnrichedMention) -> list[_Compiled]:
        if mention.from_brand or not self._all:
            return []  # the brand's own replies are not something to alert on; nobody watches
        # The text's words only where a keyword or a query's word could meet them, and the
        # mention's view only for a mention that meets a subscription: most meet none (the
        # view was 5% of the alerts role's time in the speed benchmark, the words half of it).
        text_words = words(mention.text) if self._by_token else None
        found = self.candidates(mention, text_words or [])
        if not found:
            return []
        view = mention_view(mention, text_words)
        return [self._all[sid] for sid in sorted(found)
                if self.watched(self._all[sid], mention, view)]
