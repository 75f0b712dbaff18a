"""The contract shared by enrichment steps: each reads and adds fields of one ``Analysis``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from models.text import Surface
from schemas.mentions import ContactType, Intent, RawMention, SentimentLabel

if TYPE_CHECKING:
    from models.linear import Analyzed, Tokenizer


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
    # Whether praise in it is meant ironically (sarcasm, or thanks next to a failure); likewise.
    praise_is_ironic: bool | None = None
    # Whether it reports its failure solved, judging nothing; likewise (a blend asks twice).
    solved_calmly: bool | None = None
    # Whether a matched brand is addressed ("reactive"): set by the enricher before the steps
    # run; None when a step runs outside the enricher.
    contact: ContactType | None = None
    _analyzed: dict[Tokenizer, Analyzed] = field(default_factory=dict)

    def analyzed_by(self, tokenizer: Tokenizer) -> Analyzed:
        """The raw text through ``tokenizer``, once per mention: the sentiment and intent
        models share one tokenizer, so one mention is tokenized once."""
        found = self._analyzed.get(tokenizer)
        if found is None:
            found = self._analyzed[tokenizer] = tokenizer.analyze(self.raw.text)
        return found


class Step(Protocol):
    def __call__(self, analysis: Analysis) -> None: ...
