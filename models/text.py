"""Surface features of social text: @handles, #hashtags, URLs, emoji, and a cleaned form.

Regular expressions, not a tokenizer model: these run on every mention of a firehose.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

import emoji

URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
HANDLE = re.compile(r"(?<![\w@])@(\w{1,50})")
HASHTAG = re.compile(r"(?<![\w#&])#(\w*[^\W\d_]\w*)")
# Webcare agents sign replies: "^Naomi", "*IL", "/Sanne", "/KD", "-JB" at the end of a reply,
# or just before a thread counter ("^Vinod 2/2").
SIGNATURE = re.compile(r"(?:^|\s)([\^*]\s?[A-Z][\w]{0,19}|/[A-Z][a-z]+|/[A-Z]{2,3}|-\s?[A-Z]{2,3})"
                       r"(?:\s+\d{1,2}/\d{1,2})?\s*$")
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_RETWEET = re.compile(r"^(?:RT|rt)\s+@\w+:?\s*")
# Every emoji has a code point in these ranges: a cheap test before the emoji scan, since most
# non-ASCII text only has accents and curly quotes.
_MAYBE_EMOJI = re.compile("[\u00a9\u00ae\u203c-\u3299\u20e3\ufe0f\U0001F000-\U0001FAFF]")
# Where an emoji can start: those code points, or a keycap's digit, "#" or "*" ("1️⃣").
_EMOJI_START = re.compile("[0-9#*](?=\ufe0f?\u20e3)|[\u00a9\u00ae\u203c-\u3299\U0001F000-"
                          "\U0001FAFF]")


@cache
def _emoji_by_first() -> dict[str, tuple[str, ...]]:
    """The emoji the emoji library knows (sequences, skin tones, flags), by first character,
    longest first."""
    table: dict[str, list[str]] = {}
    for known in emoji.EMOJI_DATA:
        table.setdefault(known[0], []).append(known)
    return {first: tuple(sorted(group, key=len, reverse=True))
            for first, group in table.items()}


def find_emoji(text: str) -> list[str]:
    """The emoji in ``text``, longest sequence first at each place: jumps from one possible
    emoji code point to the next instead of scanning every character."""
    table = _emoji_by_first()
    found: list[str] = []
    taken = 0
    for match in _EMOJI_START.finditer(text):
        at = match.start()
        if at < taken:
            continue
        for candidate in table.get(text[at], ()):
            if text.startswith(candidate, at):
                found.append(candidate)
                taken = at + len(candidate)
                break
    return found


@dataclass(frozen=True)
class Surface:
    handles: list[str] = field(default_factory=list)
    hashtags: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    emoji: list[str] = field(default_factory=list)
    # Text without URLs, handles, hashtag marks and emoji: what language and sentiment read.
    plain: str = ""


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def surface(text: str) -> Surface:
    """Runs on every mention: each scan is skipped when the character it needs is absent
    (most mentions have no URL, many no handle or hashtag, most no emoji)."""
    plain = text
    urls: list[str] = []
    if "http" in text or "www." in text or "HTTP" in text or "WWW." in text:
        urls = URL.findall(text)
        plain = URL.sub(" ", plain)
    handles: list[str] = []
    if "@" in plain:
        handles = HANDLE.findall(text)
        plain = HANDLE.sub(" ", plain)
    hashtags: list[str] = []
    if "#" in plain:
        hashtags = HASHTAG.findall(text)
        plain = plain.replace("#", " ")
    found_emoji: list[str] = []
    if not text.isascii():
        found_emoji = find_emoji(text)
        for found in sorted(set(found_emoji), key=len, reverse=True):  # longest (ZWJ) first
            plain = plain.replace(found, " ")
    return Surface(
        handles=_unique(handles) if len(handles) > 1 else handles,
        hashtags=_unique(hashtags) if len(hashtags) > 1 else hashtags,
        urls=_unique(urls) if len(urls) > 1 else urls,
        emoji=found_emoji, plain=" ".join(plain.split()),
    )


_WORD_RUN = re.compile(r"\w+")


@dataclass(frozen=True)
class OpeningWordIndex:
    """Items of a list (patterns, idioms), by position, under the words each opens on: an item
    that starts at a word boundary on a whole word can only match a text holding that word.
    ``candidates`` names the items a text may hold; an item with no opening word is always
    among them."""

    by_word: dict[str, tuple[int, ...]]
    always: tuple[int, ...]

    @classmethod
    def of(cls, openings: Sequence[Collection[str] | None]) -> OpeningWordIndex:
        """``openings[i]``: the words item ``i`` may open on, None when it is always tried."""
        by_word: dict[str, list[int]] = {}
        always: list[int] = []
        for index, words in enumerate(openings):
            if words is None:
                always.append(index)
            for word in words or ():
                by_word.setdefault(word, []).append(index)
        return cls({w: tuple(indices) for w, indices in by_word.items()}, tuple(always))

    def candidates(self, text: str, extra: Collection[str] = ()) -> list[int]:
        """The positions, in order, of the items whose opening word ``text`` holds (or one of
        ``extra``, keys that stand for something other than a word)."""
        by_word = self.by_word
        found = set(self.always)
        for word in by_word.keys() & word_runs(text):
            found.update(by_word[word])
        for key in extra:
            found.update(by_word.get(key, ()))
        return sorted(found)


@dataclass(frozen=True)
class _PhraseIndex:
    pattern: re.Pattern[str]  # one alternation for the whole list: a single scan
    # The first word of every phrase: a text lacking all of them cannot match, which a set
    # test settles without the scan (most texts, most lists). None when a phrase starts with
    # a character that is not a word character: then only the scan can tell.
    first_words: frozenset[str] | None


@cache
def _phrase_index(phrases: tuple[str, ...]) -> _PhraseIndex:
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    firsts = [_WORD_RUN.match(p) for p in phrases]
    return _PhraseIndex(
        re.compile(f"(?<![\\w])(?:{alternatives})(?![\\w])"),
        frozenset(m.group() for m in firsts if m) if all(firsts) else None)


# Word lists are module constants: found by identity, without hashing every phrase each call.
# Each entry keeps its list alive, so an id is never reused while it is here.
_INDEX_BY_ID: dict[int, tuple[object, _PhraseIndex]] = {}


def _index_of(phrases: Collection[str]) -> _PhraseIndex:
    entry = _INDEX_BY_ID.get(id(phrases))
    if entry is not None and entry[0] is phrases:
        return entry[1]
    index = _phrase_index(tuple(phrases))
    if len(_INDEX_BY_ID) < 1024:
        _INDEX_BY_ID[id(phrases)] = (phrases, index)
    return index


@lru_cache(maxsize=16)
def word_runs(text: str) -> frozenset[str]:
    """A text's words (runs of word characters): one text is tested against many lists."""
    return frozenset(_WORD_RUN.findall(text))


@lru_cache(maxsize=64)
def lower_words(text: str) -> tuple[str, ...]:
    """The words (``WORD``) of ``text`` in lower case. The intent and sentiment rules ask for
    the words of one sentence or text many times over (five times a mention on the demo
    texts): a cache instead of a scan each time."""
    return tuple(WORD.findall(text.lower()))


def normalize(plain: str) -> str:
    """The words of a text, lowercased, one space apart: what phrase lists are matched on. A
    typographic apostrophe ("I’d", as phones type it) is the list's plain one."""
    return " ".join(WORD.findall(plain.lower().replace("’", "'")))


def contains_phrase(text: str, phrases: Collection[str]) -> bool:
    """Whether any of ``phrases`` occurs in ``text`` as whole words. A phrase's first word
    is a whole word of the text wherever the phrase occurs, since the phrase starts and ends
    at word boundaries."""
    if not phrases:
        return False
    index = _index_of(phrases)
    if index.first_words is not None and index.first_words.isdisjoint(word_runs(text)):
        return False
    return index.pattern.search(text) is not None


def agent_signature(text: str) -> str | None:
    match = SIGNATURE.search(text.strip())
    return match.group(1).replace(" ", "") if match else None


def fingerprint_words(text: str) -> list[str]:
    """The words near-duplicate detection compares: retweet prefix, links, handles, case and
    punctuation do not make a copy a different story."""
    text = text.lower()  # each pattern reads lower case alike; a scan is skipped when its
    if text.startswith("rt"):  # first character is absent (most texts have no link)
        text = _RETWEET.sub("", text)
    if "http" in text or "www." in text:
        text = URL.sub(" ", text)
    if "@" in text:
        text = HANDLE.sub(" ", text)
    return WORD.findall(text)


# Words as brand names are written: "H&M", "C&A", "T-Mobile", "McDonald's", "ABN AMRO".
TOKEN = re.compile(r"\w+(?:[&'’.-]\w+)*")


# What an apostrophe attaches to a name: a possessive "'s" (H&M's, IKEA's), and the Dutch "'er"
# and "'ers" that make a person of an abbreviation ("de NS'er", "KPN'ers": its staff).
_ATTACHED = re.compile(r"['’](?:s|ers?)$")


def tokens(text: str) -> list[str]:
    """Lowercased word tokens, without what an apostrophe attaches to a name."""
    found = TOKEN.findall(text.lower())
    if "'" not in text and "’" not in text:  # most texts: no token to trim
        return found
    return [_ATTACHED.sub("", token) for token in found]


def detached(word: str) -> str:
    """A word without what an apostrophe attaches to it ("mcdonald's" -> "mcdonald"): for
    the parts of a compound, as ``tokens`` does for whole tokens."""
    return _ATTACHED.sub("", word) if "'" in word or "’" in word else word


# A quoted phrase: between double quotes of any style, or single quotes that open before a
# word and close after one. A single quote inside a word is an apostrophe ("KPN's", "don't",
# "auto's"), and one that opens Dutch's clipped words ("'s avonds", "'t is", "'k", "'m",
# "'n") quotes nothing.
_QUOTED = re.compile(
    r"\"[^\"\n]{1,300}\"|“[^”\n]{1,300}”|„[^”“\n]{1,300}[”“]|«[^»\n]{1,300}»"
    r"|(?<![\w'‘’])['‘](?!(?:s|t|k|m|n|r|ns)\b)(?=\w)(?:[^'‘’\n]|['’](?=\w)){1,300}['’](?!\w)")
_CURLY_QUOTES = frozenset("“„«‘")  # the opening quote marks other than ASCII's


def outside_quotes(text: str) -> str:
    """``text`` with its quoted phrases blanked out (``text`` itself when it quotes
    nothing)."""
    if "'" not in text and '"' not in text and not _CURLY_QUOTES.intersection(text):
        return text  # most texts quote nothing: no scan
    return _QUOTED.sub(" ", text)
