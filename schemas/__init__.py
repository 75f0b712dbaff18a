"""Schema families named by lifecycle stage: RawMention -> EnrichedMention -> indexed doc."""

from schemas.mentions import (
    Author,
    ContactType,
    EnrichedMention,
    InReplyTo,
    Intent,
    RawMention,
    Sentiment,
    SentimentLabel,
)

__all__ = [
    "Author", "ContactType", "EnrichedMention", "InReplyTo", "Intent", "RawMention",
    "Sentiment", "SentimentLabel",
]
