"""The contract shared by enrichment steps: each reads and adds fields of one ``Analysis``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from models.text import Surface
from schemas.mentions import Intent, RawMention, SentimentLabel


@dataclass
class Analysis:
    """Working state of one mention while the steps run; turned into an EnrichedMention."""

    raw: RawMention
    surface: Surface
    language: str = "und"
    language_confidence: float = 0.0
    sentiment_label: SentimentLabel = "neutral"
    sentiment_score: float = 0.0
    intents: list[Intent] = field(default_factory=list)
    entities: list[dict[str, str]] = field(default_factory=list)
    # Whether the text reports a failure ('al drie dagen geen internet'); computed once, by
    # whichever step needs it first.
    states_problem: bool | None = None


class Step(Protocol):
    def __call__(self, analysis: Analysis) -> None: ...
