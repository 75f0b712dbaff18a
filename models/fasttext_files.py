"""fastText model files, loaded once per process: the language identifier's and the sentiment
companion's. The runtime has fastText's predict-only build (``fasttext-predict``)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import fasttext

from core.errors import ConfigError


@cache
def load_fasttext(path: Path) -> Any:
    """The model at ``path``; a missing or unreadable file is a ConfigError naming it."""
    if not path.is_file():
        raise ConfigError(f"fastText model file not found: {path}")
    try:
        return fasttext.load_model(str(path))
    except ValueError as exc:
        raise ConfigError(f"{path}: cannot read fastText model ({exc})") from None
