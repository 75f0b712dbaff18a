"""A fixed dev/test split for evaluation sets that come without one.

``../shared/eval`` allows tuning only on a dev part split off first, with scores reported on
the rest. The split is by content, not by row: retweets and copies of one text (TweetAct has
7,500 rows but 6,754 distinct texts) land on the same side, so nothing seen in training is
scored again. The salt is fixed: changing it would mean a new split and a new test set.
"""

from __future__ import annotations

import hashlib
import re

SALT = "webcare-eval-split/1"
DEV_SHARE = 0.5

_RETWEET = re.compile(r"^rt @\w+:?\s*")
_URL = re.compile(r"https?://\S*|www\.\S*")
_NON_LETTERS = re.compile(r"[^\w]+")
_KEY_CHARS = 60  # truncated retweets ("…") still share their opening


def content_key(text: str) -> str:
    """What copies of one text share: no retweet prefix, no URLs, letters and digits only."""
    text = _URL.sub(" ", _RETWEET.sub("", text.lower().strip()))
    return _NON_LETTERS.sub(" ", text).strip()[:_KEY_CHARS]


def is_dev(text: str, share: float = DEV_SHARE) -> bool:
    digest = hashlib.sha256(f"{SALT}\0{content_key(text)}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < share
