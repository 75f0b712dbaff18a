"""``entities.spacy.v1``: named entities from trained spaCy pipelines, when installed.

No pipeline can be downloaded here, so by default the step looks for installed ones
(``nl_core_news_sm``, ``en_core_web_sm``, ... as packages) and does nothing for languages
without one. A deployment names pipelines per language explicitly (package name or a path
made with ``nlp.to_disk``). Handles, hashtags, URLs and emoji come from ``models.text``,
which is much faster than running a tokenizer for them on every mention.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

from core.errors import ConfigError
from models.registry import register
from models.steps import Analysis

# Trained pipelines spaCy publishes, smallest first, for the languages we serve.
KNOWN_PIPELINES: dict[str, tuple[str, ...]] = {
    "nl": ("nl_core_news_sm", "nl_core_news_md", "nl_core_news_lg"),
    "en": ("en_core_web_sm", "en_core_web_md", "en_core_web_lg"),
    "de": ("de_core_news_sm", "de_core_news_md", "de_core_news_lg"),
    "fr": ("fr_core_news_sm", "fr_core_news_md", "fr_core_news_lg"),
    "es": ("es_core_news_sm", "es_core_news_md", "es_core_news_lg"),
    "it": ("it_core_news_sm", "it_core_news_md", "it_core_news_lg"),
}


def installed_pipelines() -> dict[str, str]:
    """Language -> the smallest installed trained pipeline (checked without importing spaCy)."""
    found: dict[str, str] = {}
    for language, names in KNOWN_PIPELINES.items():
        for name in names:
            try:
                metadata.distribution(name)
            except metadata.PackageNotFoundError:
                continue
            found[language] = name
            break
    return found


@dataclass
class SpacyEntities:
    """reads: ``raw.text``, ``language``; adds: ``entities`` ([{text, label}])."""

    pipelines: dict[str, str]
    _loaded: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.pipelines:
            return
        try:
            import spacy
        except ImportError as exc:
            raise ConfigError("entities.spacy.v1 needs spaCy: pip install 'webcare[nlp]'") \
                from exc
        for language, name in self.pipelines.items():
            try:
                self._loaded[language] = spacy.load(name)
            except OSError as exc:
                raise ConfigError(f"cannot load spaCy pipeline {name!r} for {language!r}: "
                                  f"{exc}") from None

    def batch(self, analyses: Sequence[Analysis]) -> None:
        by_language: dict[str, list[Analysis]] = defaultdict(list)
        for analysis in analyses:
            if analysis.language in self._loaded:
                by_language[analysis.language].append(analysis)
        for language, group in by_language.items():
            docs = self._loaded[language].pipe(a.raw.text for a in group)
            for analysis, doc in zip(group, docs, strict=True):
                analysis.entities = [{"text": e.text, "label": e.label_} for e in doc.ents]

    def __call__(self, analysis: Analysis) -> None:
        self.batch([analysis])


@register("entities.spacy.v1")
def make_spacy_entities(pipelines: dict[str, str] | None = None) -> SpacyEntities:
    return SpacyEntities(pipelines if pipelines is not None else installed_pipelines())
