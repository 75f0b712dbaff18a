"""The console's interface text, per language (the texts live in ``<lang>.yml`` beside this).

The language is the visitor's choice (the switch sets a cookie) or else the best match of the
browser's ``Accept-Language``; English when nothing matches. Every language file must have the
same keys as English (a unit test holds them to it).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

import yaml
from fastapi import Request

LANGUAGES = ("en", "nl")
DEFAULT = "en"
LANG_COOKIE = "webcare_lang"
Translate = Callable[..., str]


@cache
def messages(lang: str) -> dict[str, str]:
    text = resources.files("console.i18n").joinpath(f"{lang}.yml").read_text(encoding="utf-8")
    loaded: dict[str, Any] = yaml.safe_load(text)
    return {str(k): str(v) for k, v in loaded.items()}


def translator(lang: str) -> Translate:
    own, fallback = messages(lang), messages(DEFAULT)

    def translate(key: str, **values: Any) -> str:
        text = own.get(key) or fallback.get(key) or key
        return text.format(**values) if values else text

    return translate


def accepted(header: str) -> list[str]:
    """Primary language tags of an ``Accept-Language`` header, best first (by q)."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag and quality > 0:
            ranked.append((-quality, position, tag.split("-")[0].lower()))
    return [tag for _, _, tag in sorted(ranked)]


def choose_language(request: Request) -> str:
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    for tag in accepted(request.headers.get("accept-language", "")):
        if tag in LANGUAGES:
            return tag
    return DEFAULT
