"""A resume point on disk (a small JSON document), replaced atomically so a crash mid-write
never leaves a half-written file: the ingest agents' cursors and feed state."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


class ResumeFile:
    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text())
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def save(self, data: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data))
        tmp.replace(self.path)
