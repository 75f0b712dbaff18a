"""Facebook page and Instagram account changes (``entry.changes``).

Facebook: comments (new, edited with their photos, removed), posts visitors write on the page,
posts and comments that @mention the page, and ratings and recommendations. Older payloads
name the author with ``sender_id`` / ``sender_name`` instead of ``from``. The page's own posts,
reactions, likes and shares are counted, not mentions.

Instagram: comments and live comments on the account's media, and @mentions of the account
(the webhook carries only ids, so the mention keeps them and has no text until fetched).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from agents.sources.mapped import Mapped, text_of, unix_time

POST_ITEMS = ("post", "status", "photo", "video", "share", "note")
SKIPPED_ITEMS = ("reaction", "like", "event", "album", "coupon", "milestone")


def _author(value: Mapping[str, Any]) -> dict[str, Any]:
    sender = value.get("from") or {}
    handle = sender.get("id") or value.get("sender_id") or value.get("reviewer_id")
    name = sender.get("name") or value.get("sender_name") or value.get("reviewer_name")
    return {"handle": str(handle or "unknown"), "name": name}


def _photos(value: Mapping[str, Any]) -> dict[str, Any]:
    urls = [value["photo"]] if value.get("photo") else list(value.get("photos") or [])
    if value.get("video"):
        urls.append(value["video"])
    return {"attachments": [{"type": "photo", "url": u} for u in urls]} if urls else {}


def _feed(found: Mapped, value: Mapping[str, Any], page: str | None, page_id: str) -> None:
    item, verb = value.get("item"), value.get("verb", "add")
    when = unix_time(value.get("created_time"))
    if item in SKIPPED_ITEMS:
        found.skip(f"facebook {item}")
        return
    if item == "comment":
        comment_id = value.get("comment_id")
        if verb == "remove":
            found.delete("facebook", comment_id, when)
            return
        parent = value.get("parent_id") or value.get("post_id")
        found.add({"id": comment_id, "source": "facebook",
                   "text": text_of(value.get("message")), "created_at": when,
                   "edited_at": when if verb == "edited" else None, "author": _author(value),
                   "in_reply_to": {"author_handle": page, "id": parent} if parent else None,
                   "extras": {"post_id": value.get("post_id"), **_photos(value)}})
        return
    if item in POST_ITEMS:
        author = _author(value)
        if author["handle"] == page_id:
            found.skip("facebook page's own post")
            return
        if verb == "remove":
            found.delete("facebook", value.get("post_id"), when)
            return
        found.add({"id": value.get("post_id"), "source": "facebook",
                   "text": text_of(value.get("message")), "created_at": when,
                   "edited_at": when if verb == "edited" else None, "author": author,
                   "recipient": page, "url": value.get("link"),
                   "extras": {"visitor_post": True, **_photos(value)}})
        return
    found.unknown_kind(f"facebook feed {item}", value)


def _mention(found: Mapped, value: Mapping[str, Any], page: str | None) -> None:
    when = unix_time(value.get("created_time"))
    mention_id = value.get("comment_id") if value.get("item") == "comment" else value.get(
        "post_id")
    if value.get("verb") == "remove":
        found.delete("facebook", mention_id, when)
        return
    found.add({"id": mention_id, "source": "facebook", "text": text_of(value.get("message")),
               "created_at": when, "author": _author(value), "recipient": page,
               "extras": {"page_mention": True, "post_id": value.get("post_id")}})


def _rating(found: Mapped, value: Mapping[str, Any], page: str | None) -> None:
    when = unix_time(value.get("created_time"))
    rating_id = value.get("open_graph_story_id") or (
        f"rating:{value.get('reviewer_id')}:{value.get('created_time')}")
    if value.get("verb") == "remove":
        found.delete("facebook", rating_id, when)
        return
    found.add({"id": rating_id, "source": "facebook", "text": text_of(value.get("review_text")),
               "created_at": when, "edited_at": when if value.get("verb") == "edit" else None,
               "author": _author(value), "recipient": page,
               "extras": {"rating": value.get("rating"),
                          "recommendation": value.get("recommendation_type")}})


def page_changes(entry: Mapping[str, Any], accounts: Mapping[str, str], found: Mapped) -> None:
    page_id = str(entry.get("id", ""))
    page = accounts.get(page_id, page_id) or None
    for change in entry.get("changes", []):
        field, value = change.get("field"), change.get("value") or {}
        if field == "feed":
            _feed(found, value, page, page_id)
        elif field == "mention":
            _mention(found, value, page)
        elif field == "ratings":
            _rating(found, value, page)
        else:
            found.unknown_kind(f"facebook {field}", value)


def instagram_changes(entry: Mapping[str, Any], accounts: Mapping[str, str],
                      found: Mapped) -> None:
    account_id = str(entry.get("id", ""))
    account = accounts.get(account_id, account_id) or None
    when = unix_time(entry.get("time"))
    for change in entry.get("changes", []):
        field, value = change.get("field"), change.get("value") or {}
        if field in ("comments", "live_comments"):
            sender = value.get("from") or {}
            media = value.get("media") or {}
            parent = value.get("parent_id") or media.get("id")
            found.add({"id": value.get("id"), "source": "instagram",
                       "text": text_of(value.get("text")), "created_at": when,
                       "author": {"handle": str(sender.get("username") or sender.get("id")
                                                or "unknown")},
                       "in_reply_to": {"author_handle": account, "id": parent}
                       if parent else None,
                       "extras": {"media_id": media.get("id"), "live": field == "live_comments",
                                  "media_type": media.get("media_product_type")}})
        elif field == "mentions":
            found.add({"id": value.get("comment_id") or value.get("media_id"),
                       "source": "instagram", "text": "", "created_at": when,
                       "author": {"handle": "unknown"}, "recipient": account,
                       "extras": {"account_mention": True, "media_id": value.get("media_id"),
                                  "comment_id": value.get("comment_id"),
                                  "needs_fetch": True}})
        elif field in ("story_insights", "messaging_seen", "message_reactions"):
            found.skip(f"instagram {field}")
        else:
            found.unknown_kind(f"instagram {field}", value)
