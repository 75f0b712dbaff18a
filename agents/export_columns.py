"""The columns of another tool's spreadsheet export, read as our fields without a ``--map``.

Monitoring and webcare tools export mentions with headers of their own, in Dutch or English
("Bericht", "Datum", "Tijd", "Auteur", "Bron", "Link"; "Message", "Date", "Author", "Source",
"URL"). A header that names none of our fields is looked up here, by the words export headers
use for each; an explicit mapping always wins. The words live in ``HEADER_WORDS`` (language
data, apart from the logic), values of a source column in ``SOURCE_WORDS``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import Any

# Our field -> the headers that mean it, lower case, spaces and punctuation as written.
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "id": ("message id", "bericht id", "berichtid", "post id", "post_id", "mention id",
           "tweet id", "tweet_id", "review id", "resource id", "guid"),
    "text": ("bericht", "berichttekst", "bericht tekst", "tekst", "inhoud", "message",
             "message text", "content", "body", "full_text", "full text", "post", "snippet",
             "mention", "mention text", "review", "review text", "opmerking", "reactie"),
    "created_at": ("datum/tijd", "datum tijd", "datumtijd", "tijdstip", "publicatiedatum",
                   "publicatie datum", "gepubliceerd", "datum", "date", "date/time",
                   "datetime", "published", "published at", "publish date", "created",
                   "created at", "timestamp", "posted", "posted at", "time"),
    "author.handle": ("auteur", "afzender", "gebruiker", "gebruikersnaam", "author",
                      "author handle", "username", "user name", "user", "screen_name",
                      "screen name", "handle", "from", "sender"),
    "author.name": ("naam", "auteur naam", "naam auteur", "author name", "display name",
                    "full name", "name"),
    "source": ("bron", "kanaal", "medium", "netwerk", "platform", "source", "channel",
               "network", "media type", "site type"),
    "url": ("link", "permalink", "url bericht", "bericht url", "post url", "link to post",
            "original url"),
    # Not "page" or "account": some tools mean the author's, others the brand's.
    "recipient": ("ontvanger", "recipient", "addressee"),
}
# A time of day in a column of its own, beside a date column ("Datum" 20-11-2026, "Tijd" 10:00).
TIME_HEADERS = ("tijd", "time", "uur", "time of day")
# A source column's values as exports write them -> our source names (others are kept,
# lowercased, with spaces as hyphens: "Google Reviews" is "google-reviews").
SOURCE_WORDS: dict[str, str] = {
    "nieuws": "news", "online nieuws": "news", "online news": "news", "nieuwssite": "news",
    "fora": "forum", "forums": "forum", "blogs": "blog", "weblog": "blog",
    "recensies": "reviews", "review": "reviews", "beoordelingen": "reviews",
    "x (twitter)": "x", "twitter/x": "x", "x/twitter": "x", "chat": "livechat",
    "live chat": "livechat", "e-mail": "email", "mail": "email", "fb": "facebook",
    "ig": "instagram", "wa": "whatsapp", "facebook messenger": "messenger",
}
_SOURCE_CHARS = re.compile(r"[^a-z0-9_.-]+")
_OUR_SOURCE = re.compile(r"[a-z0-9][a-z0-9_.-]{0,31}")  # RawMention.source's pattern


def _key(header: str) -> str:
    return " ".join(header.strip().lower().replace("_", " ").split())


# Our own names count too, however an export capitalises them ("ID", "Text", "Created_At").
_BY_HEADER = {_key(word): field for field, words in HEADER_WORDS.items()
              for word in (field, *words)}


def inferred_columns(header: Iterable[str], mapping: dict[str, str] | None = None
                     ) -> dict[str, str]:
    """Our field -> the export's column, for each of our fields the header does not name
    itself and ``mapping`` (ours -> theirs) does not map: the first column whose header
    means it. A field named by its own name ("text", "author.handle") is never remapped."""
    columns = list(header)
    taken = set(mapping or {}) | set(columns)
    mapped = set((mapping or {}).values())
    found: dict[str, str] = {}
    for column in columns:
        field = _BY_HEADER.get(_key(column))
        if field is None or field in taken or field in found or column in mapped:
            continue
        found[field] = column
    return found


def time_column(header: Iterable[str], date_column: str | None) -> str | None:
    """The column holding the time of day beside ``date_column``, if the export splits
    them."""
    if date_column is None:
        return None
    return next((c for c in header if _key(c) in TIME_HEADERS and c != date_column), None)


def source_name(value: str) -> str:
    """An export's channel name as our source: "Nieuws" is news, "X (Twitter)" is x,
    "Google Reviews" is google-reviews."""
    if _OUR_SOURCE.fullmatch(value):
        return value  # already one of ours, or a valid name of its own
    key = _key(value)
    return SOURCE_WORDS.get(key) or _SOURCE_CHARS.sub("-", key).strip("-._")[:32]


def content_id(mention: dict[str, Any]) -> str:
    """A stable id for a mention its export gave none (``mention``: its fields as read): the
    same row read again (a second import of the same file, an overlapping export) gets the
    same id, so it stays one mention."""
    author = mention.get("author")
    handle = author.get("handle", "") if isinstance(author, dict) else ""
    parts = (mention.get("source", ""), handle, mention.get("created_at", ""),
             mention.get("text", ""))
    digest = hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=10)
    return f"row-{digest.hexdigest()}"
