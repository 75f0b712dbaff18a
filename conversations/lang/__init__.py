"""Reply-tone wording per language, as plain data (``TONE_PHRASES`` in each module); the
logic that reads it is ``conversations.tone``."""

from __future__ import annotations

from conversations.lang import en, nl

TONE_PHRASES: dict[str, tuple[str, ...]] = {"en": en.TONE_PHRASES, "nl": nl.TONE_PHRASES}
