"""Settings validate up front; a missing service is one clear line, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.errors import ConfigError, ServiceUnavailable
from core.settings import load_settings

REPO = Path(__file__).resolve().parents[2]


def test_namespace_prefixes_topics_and_indices() -> None:
    settings = load_settings(namespace="team-a")
    assert settings.topic("mentions.raw") == "team-a.mentions.raw"
    assert settings.index_name("mentions") == "team-a-mentions"
    assert load_settings().topic("mentions.raw") == "mentions.raw"


def test_bad_settings_name_the_variable() -> None:
    with pytest.raises(ConfigError, match="WEBCARE_NAMESPACE"):
        load_settings(namespace="Not Valid!")
    with pytest.raises(ConfigError, match="production needs"):
        load_settings(environment="production")


def test_addresses_come_from_local_state_when_unset(tmp_path: Path) -> None:
    settings = load_settings(home=tmp_path)
    with pytest.raises(ServiceUnavailable, match="webcare local up"):
        settings.resolved_kafka()
    settings.state_file.parent.mkdir(parents=True)
    settings.state_file.write_text(json.dumps(
        {"kafka_bootstrap": "127.0.0.1:1234", "es_url": "http://127.0.0.1:5678/"}))
    assert settings.resolved_kafka() == "127.0.0.1:1234"
    assert settings.resolved_es() == "http://127.0.0.1:5678"


def run_cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("WEBCARE_")}
    return subprocess.run([sys.executable, "-m", "webcare", *args], capture_output=True,
                          text=True, env={**clean, **env}, cwd=REPO, timeout=120)


def test_ingest_without_kafka_says_so_in_one_line(tmp_path: Path) -> None:
    data = tmp_path / "m.jsonl"
    data.write_text("{}\n")
    done = run_cli("ingest", "file", str(data), WEBCARE_KAFKA_BOOTSTRAP="127.0.0.1:1",
                   WEBCARE_HOME=str(tmp_path))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("webcare: error: Kafka is not reachable at 127.0.0.1:1")
    assert "webcare local up" in last


def test_bad_brands_file_fails_before_anything_runs(tmp_path: Path) -> None:
    brands = tmp_path / "brands.yml"
    brands.write_text("brands:\n  - id: x\n    name: X\n")
    done = run_cli("--brands", str(brands), "enrich", "/dev/null")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "brands -> 0" in done.stderr and "at least one of handles" in done.stderr


def test_enrich_cli_keeps_input_order_and_reports_bad_lines(tmp_path: Path) -> None:
    lines = [json.dumps({"id": str(i), "source": "twitter", "text": f"Bedankt @KPN! nr {i}",
                         "created_at": "2026-11-20T10:00:00Z", "author": {"handle": "a"}})
             for i in range(5)]
    lines.insert(2, "{bad json")
    data = tmp_path / "in.jsonl"
    data.write_text("\n".join(lines) + "\n")
    brands = tmp_path / "brands.yml"
    brands.write_text("brands:\n  - {id: kpn, name: KPN, handles: [KPN], keywords: [KPN]}\n")
    done = run_cli("enrich", "--brands", str(brands), str(data))  # as the issue writes it
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o["id"] for o in out] == ["0", "1", "2", "3", "4"]
    assert all(o["brands"] == ["kpn"] and o["contact"] == "reactive" for o in out)
    assert "line 3: rejected" in done.stderr
