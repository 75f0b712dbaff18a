from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import ConfigError
from models.brands import load_brands, parse_brands


def test_errors_name_the_path_and_every_problem_at_once() -> None:
    with pytest.raises(ConfigError) as err:
        parse_brands({"brands": [
            {"id": "ok", "name": "OK", "keywords": ["ok"]},
            {"id": "Bad Id", "name": "x", "keywords": ["x"]},
            {"id": "empty", "name": "Empty"},
            {"id": "typo", "name": "T", "keywords": ["t"], "hashtag": ["t"]},
        ]})
    message = str(err.value)
    assert "3 error(s)" in message
    assert "brands -> 1 -> id" in message
    assert "brands -> 2" in message and "at least one of handles" in message
    assert "brands -> 3 -> hashtag" in message


def test_handles_and_hashtags_lose_their_marks_and_ids_are_unique() -> None:
    config = parse_brands([{"id": "kpn", "name": "KPN", "handles": ["@KPN"], "hashtags": ["#kpn"]}])
    assert config.brands[0].handles == ["KPN"] and config.brands[0].hashtags == ["kpn"]
    with pytest.raises(ConfigError, match="used twice"):
        parse_brands([{"id": "a", "name": "A", "keywords": ["a"]}] * 2)


def test_file_errors_are_clear(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read brands file"):
        load_brands(tmp_path / "missing.yml")
    bad = tmp_path / "bad.yml"
    bad.write_text("brands: [unclosed")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_brands(bad)
