"""Which brands a mention concerns, and whether it addresses them (reactive) or not.

Terms are indexed by their first word, so matching costs one dict lookup per token of the
mention whatever the number of brands; Boolean queries by their anchors (words one of which a
text must contain to match), so only the few that could match are evaluated.
(``benchmarks/brand_matching.py`` measures it from 10 to 10,000 brands.)
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from models.brands import Brand, BrandConfig
from models.text import detached, tokens
from query.stream import MentionView, StreamQuery, compile_query
from query.syntax import words as query_words
from schemas.mentions import ContactType, RawMention


@dataclass(frozen=True)
class BrandMatch:
    brands: list[str]
    contact: ContactType
    from_brand: bool
    author_brand: str | None = None  # the brand whose account wrote it


class PhraseIndex:
    """Multi-word phrases looked up by their first token."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)

    def add(self, phrase: str, value: str) -> None:
        words = tuple(tokens(phrase))
        if words:
            self._by_first[words[0]].append((words, value))

    def __bool__(self) -> bool:
        return bool(self._by_first)

    def find(self, words: list[str]) -> set[str]:
        found: set[str] = set()
        # The first words the text holds, found in C: most texts hold none of any index's.
        firsts = self._by_first.keys() & words if self._by_first else ()
        for first in firsts:
            phrases = self._by_first[first]
            for i, word in enumerate(words):
                if word != first:
                    continue
                for phrase, value in phrases:
                    if tuple(words[i:i + len(phrase)]) == phrase:
                        found.add(value)
        return found


# A closed compound's remainder ("storing" in "ziggostoring") must be a common Dutch word.
COMPOUND_REST_ZIPF = 3.0
COMPOUND_REST_MIN = 4


@cache
def common_words(language: str) -> frozenset[str]:
    """The words of ``language`` whose Zipf frequency is at least ``COMPOUND_REST_ZIPF``:
    wordfreq's bands down to that frequency (a band holds the words of one centibel, Zipf =
    9 - cB/100). The same answer as ``zipf_frequency`` for words of letters (136,000 words of
    the eval and training texts compared: only "weiß" and "strauß" differ, which wordfreq folds
    to "ss"); a number is not a word here, where wordfreq counts every number as common. Its
    caches are cleared after: ``zipf_frequency`` kept the whole Dutch list, ~60 MiB, in every
    worker."""
    import wordfreq

    last_band = round((9 - COMPOUND_REST_ZIPF) * 100)
    bands = wordfreq.get_frequency_list(language, "large")
    words = frozenset(word for band in bands[:last_band + 1] for word in band)
    wordfreq.get_frequency_list.cache_clear()
    return words


def _dutch_word(word: str) -> bool:
    return len(word) >= COMPOUND_REST_MIN and word in common_words("nl")


def _hashtag_word(word: str) -> bool:
    """A hashtag's remainder after a brand name: Dutch hashtags mix in English ("#kpnfail",
    "#ikeahack", "#nssucks")."""
    return len(word) >= COMPOUND_REST_MIN and (word in common_words("nl")
                                               or word in common_words("en"))


# The endings that make a dotted word a web address: its label before them is a site's name.
WEB_ENDINGS = frozenset({
    "nl", "be", "com", "net", "org", "eu", "de", "fr", "uk", "info", "nu", "app", "shop",
    "online", "io", "co", "biz", "tv", "me", "amsterdam", "frl"})


def split_compounds(words: list[str], text: str) -> list[str]:
    """The words with each hyphenated compound ("klm-passagiers" -> "klm", "passagiers") and
    each dotted word ("kpn.com", "KPN.Dat") taken apart, so a brand named as a part of one is
    found like any other word."""
    # Most texts: a scan or two in C instead of one test per word (a full stop ends a word,
    # not a token: a token holds one only where a word follows it).
    if "-" not in text and ("." not in text or "." not in "".join(words)):
        return words
    return [part for w in words for part in (_parts(w) if "-" in w or "." in w else (w,))]


def _parts(word: str) -> list[str]:
    """A word's hyphenated parts, and a dotted part whole as well as by its dots: "bol.com"
    is a keyword itself, "kpn.com" names "kpn"."""
    parts = []
    for piece in map(detached, word.split("-")):  # "mcdonald's-medewerker"
        if piece:
            parts.append(piece)
        if "." in piece:
            parts += [label for label in piece.split(".") if label]
    return parts


def site_names(words: list[str]) -> frozenset[str]:
    """The names of the web addresses among the words: "kpn" for "www.kpn.com", "ah" for
    "ah.nl". A brand's own address is a sign of the brand however short its name."""
    return frozenset(labels[-2] for w in words if "." in w
                     and len(labels := w.split(".")) >= 2 and labels[-1] in WEB_ENDINGS)


class ClosedCompounds:
    """One-word brand names at the start of a closed Dutch compound: "ziggostoring",
    "kpnklanten", "ikeakast". Only where the rest is itself a common Dutch word (``is_rest``),
    so "nsfw" or "ingang" never become NS or ING; names of ``shortest_name`` letters or more,
    in words of ``shortest_word`` or more."""

    def __init__(self, shortest_name: int = 3, shortest_word: int = 7,
                 is_rest: Callable[[str], bool] = _dutch_word) -> None:
        self._names: dict[str, set[str]] = defaultdict(set)
        self._lengths: list[int] = []
        self._starts: set[str] = set()  # first letters of every name: a cheap filter
        self._shortest_name, self._shortest_word = shortest_name, shortest_word
        self._is_rest = is_rest

    def add(self, name: str, value: str) -> None:
        if " " not in name and name.isalnum() and len(name) >= self._shortest_name:
            if not self._names:
                self._is_rest("storing")  # loads the word lists now, not at the first mention
            if name not in self._names:
                self._lengths = []  # worked out again at the next find
            self._names[name].add(value)
            self._starts.add(name[:self._shortest_name])

    def find(self, words: list[str]) -> set[str]:
        found: set[str] = set()
        if not self._names:
            return found
        if not self._lengths:
            self._lengths = sorted({len(n) for n in self._names})
        starts, shortest, prefix = self._starts, self._shortest_word, self._shortest_name
        for word in [w for w in words if len(w) >= shortest and w[:prefix] in starts]:
            for size in self._lengths:
                if size > len(word) - COMPOUND_REST_MIN:
                    break
                owners = self._names.get(word[:size])
                if owners and self._is_rest(word[size:]):
                    found |= owners
        return found


# What joins the parts of a name of several ("ABN AMRO", "T-Mobile", "McDonald's", "bol.com").
_JOINS = re.compile(r"[\s.'’-]+")
# Where a name written in one word changes case inside it ("PostNL", "McDonald's"): people
# also write it as two ("Post NL", "Mc Donalds"). Not after a single letter: "iPhone" and
# "eBay" would become "i phone" and "e bay", words of their own.
_CASE_CHANGE = re.compile(r"(?<=[A-Za-z][a-z])(?=[A-Z])")


def _written_forms(keyword: str) -> list[str]:
    """Other ways people write a name: a hyphenated name as words ("T-Mobile" as "T Mobile",
    which also finds it inside a further compound: "T-Mobile-klant"), a name whose case
    changes inside a word split there ("PostNL" as "Post NL", "McDonald's" as "Mc Donalds"),
    and any name of more than one part closed up ("ABN AMRO" as "abnamro", "Albert Heijn" as
    "AlbertHeijn", "McDonald's" as "McDonalds", "bol.com" as "bolcom": as in hashtags,
    handles and web addresses)."""
    forms = []
    spaced = _CASE_CHANGE.sub(" ", keyword.replace("-", " ")).strip()
    if " " in spaced and spaced != keyword:
        forms.append(spaced)
        if (bare := re.sub(r"['’]", "", spaced)) != spaced:  # "Mc Donalds"
            forms.append(bare)
    closed = _JOINS.sub("", keyword)
    if closed != keyword and closed.isalnum() and len(closed) >= 5:
        forms.append(closed)
    return forms


class BrandMatcher:
    def __init__(self, config: BrandConfig) -> None:
        self.brands: dict[str, Brand] = {b.id: b for b in config.brands}
        self._handles: dict[str, set[str]] = defaultdict(set)
        self._hashtags: dict[str, set[str]] = defaultdict(set)
        self._keywords = PhraseIndex()
        self._ambiguous = PhraseIndex()  # names that need context (``Brand.ambiguous``)
        self._compounds = ClosedCompounds()
        self._ambiguous_compounds = ClosedCompounds()
        # A hashtag that opens on a brand's name ("#kpnfail", "#nsstoring") is a sign of the
        # brand as deliberate as its own hashtag: short and ambiguous names count there too.
        self._hashtag_compounds = ClosedCompounds(shortest_name=2, shortest_word=6,
                                                  is_rest=_hashtag_word)
        self._excludes = PhraseIndex()
        self._queries: dict[str, list[tuple[str, StreamQuery]]] = defaultdict(list)
        self._unanchored: list[tuple[str, StreamQuery]] = []  # evaluated on every mention
        for brand in config.brands:
            if brand.query:
                query = compile_query(brand.query)
                for word in query.anchors or ():
                    self._queries[word].append((brand.id, query))
                if query.anchors is None:
                    self._unanchored.append((brand.id, query))
        for brand in config.brands:
            for handle in brand.handles:
                self._handles[handle.lower()].add(brand.id)
            for tag in brand.hashtags:
                self._hashtags[tag.lower()].add(brand.id)
            ambiguous = {a.lower() for a in brand.ambiguous}
            for keyword in brand.keywords:
                ambiguous_name = keyword.lower() in ambiguous
                names = self._ambiguous if ambiguous_name else self._keywords
                for name in (keyword, *_written_forms(keyword)):
                    names.add(name, brand.id)
                (self._ambiguous_compounds if ambiguous_name else self._compounds).add(
                    keyword.lower(), brand.id)
                self._hashtag_compounds.add(keyword.lower(), brand.id)
            for term in brand.exclude:
                self._excludes.add(term, brand.id)

    def _owners(self, handle: str | None) -> set[str]:
        return set(self._handles.get(handle.lower(), ())) if handle else set()

    def _addressees(self, handle: str | None) -> set[str]:
        """Brands addressed as ``handle``; a fediverse ``user@server`` also by its user part
        when the brands file names the account without its server. (Authorship is never
        read this loosely: anyone can register the brand's name on another server.)"""
        found = self._owners(handle)
        if not found and handle and "@" in handle.strip("@"):
            found = self._owners(handle.strip("@").split("@")[0])
        return found

    def _queried(self, raw: RawMention, handles: list[str], hashtags: list[str],
                 named: set[str]) -> set[str]:
        """Brands whose Boolean query selects the mention. Queries read the text's words as
        the query language splits them (``query.syntax.words``), so a brand query and the
        same query in a search select the same mentions."""
        words = query_words(raw.text)
        candidates = list(self._unanchored)
        for word in set(words):
            candidates += self._queries.get(word, ())
        if not candidates:
            return set()
        view = MentionView(words, {"hashtags": frozenset(t.lower() for t in hashtags),
                                   "handles": frozenset(h.lower() for h in handles),
                                   "source": frozenset({raw.source.lower()})})
        return {brand for brand, query in candidates
                if brand not in named and query.matches(view)}

    def _named(self, raw: RawMention, words: list[str], hashtags: list[str]) -> set[str]:
        """Brands named in the text: by a keyword, also as part of a compound, or by one of
        their hashtags; an ambiguous name only with the context its brand asks for."""
        parts = split_compounds(words, raw.text)
        named = self._keywords.find(words) | self._compounds.find(parts)
        if parts is not words:
            named |= self._keywords.find(parts)
        if hashtags:
            tags = [tag.lower() for tag in hashtags]
            for tag in tags:
                named |= self._hashtags.get(tag, set())
            named |= self._hashtag_compounds.find(tags)
        if not self._ambiguous:
            return named
        maybe = (self._ambiguous.find(parts) | self._ambiguous_compounds.find(parts)) - named
        if not maybe:
            return named
        sites = site_names(words) if parts is not words else frozenset()
        return named | {b for b in maybe if self._in_context(self.brands[b], raw, parts, sites)}

    def _in_context(self, brand: Brand, raw: RawMention, words: list[str],
                    sites: frozenset[str] = frozenset()) -> bool:
        if sites and any(name.lower() in sites for name in brand.ambiguous):
            return True  # its own web address ("ns.nl", "www.ah.nl") whatever it asks for
        cased = any(re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", raw.text)
                    for name in brand.ambiguous)
        context = bool({c.lower() for c in brand.context} & set(words))
        need = brand.ambiguous_needs
        if need == "case":
            return cased
        if need == "context":
            return context
        if need == "case_and_context":
            return cased and context
        return cased or context

    def match(self, raw: RawMention, handles: list[str], hashtags: list[str]) -> BrandMatch:
        words = tokens(raw.text)
        addressed = set().union(*(self._addressees(h) for h in handles)) if handles else set()
        if raw.in_reply_to:
            addressed |= self._addressees(raw.in_reply_to.author_handle)
        # A DM to the brand, a post on its page, a review of it: the brand is addressed.
        addressed |= self._addressees(raw.recipient)
        authored = self._owners(raw.author.handle)
        named = self._named(raw, words, hashtags)
        if self._queries or self._unanchored:
            named |= self._queried(raw, handles, hashtags, named)
        excluded = self._excludes.find(words) - addressed - authored
        brands = (addressed | named | authored) - excluded
        # Addressing one's own account (a brand replying in its own thread) is not a customer
        # addressing the brand.
        customer_addressed = addressed - authored
        return BrandMatch(
            brands=sorted(brands),
            contact="reactive" if customer_addressed else "proactive",
            from_brand=bool(authored),
            author_brand=min(authored) if authored else None,
        )
