"""The compose file cannot run here; check that it is coherent with the code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from core.settings import Settings
from deploy.local.distribution import pinned_versions

COMPOSE = Path(__file__).resolve().parents[2] / "deploy" / "compose" / "docker-compose.yml"


def load() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(COMPOSE.read_text())
    return data


def test_services_and_health_checks() -> None:
    services = load()["services"]
    assert {"kafka", "elasticsearch", "kibana", "worker", "ingest"} <= set(services)
    for name in ("kafka", "elasticsearch", "kibana", "worker"):
        assert "healthcheck" in services[name], name
    assert services["worker"]["depends_on"]["kafka"]["condition"] == "service_healthy"
    assert services["worker"]["depends_on"]["elasticsearch"]["condition"] == "service_healthy"


def test_image_versions_match_the_pinned_local_versions() -> None:
    services = load()["services"]
    versions = pinned_versions()
    assert services["kafka"]["image"].endswith(f":{versions.kafka}")
    assert services["elasticsearch"]["image"].endswith(f":{versions.elasticsearch}")
    assert services["kibana"]["image"].endswith(f":{versions.elasticsearch}")


def test_webcare_environment_names_are_real_settings() -> None:
    known = {f"WEBCARE_{name.upper()}" for name in Settings.model_fields}
    for name in ("worker", "ingest"):
        env = load()["services"][name]["environment"]
        assert set(env) <= known, set(env) - known


def test_dockerfile_copies_every_package() -> None:
    dockerfile = (COMPOSE.parent / "Dockerfile").read_text()
    packages = {p.parent.name for p in COMPOSE.parents[2].glob("*/__init__.py")} - {"tests"}
    for package in packages:
        assert f"COPY {package} ./{package}" in dockerfile, package


def test_the_services_run_secured() -> None:
    services = load()["services"]
    es = services["elasticsearch"]["environment"]
    assert es["xpack.security.enabled"] == "true"
    assert es["xpack.security.http.ssl.enabled"] == "true"
    kafka = services["kafka"]["environment"]
    assert "SASL_SSL" in kafka["KAFKA_ADVERTISED_LISTENERS"]
    for name in ("worker", "ingest"):
        env = services[name]["environment"]
        assert env["WEBCARE_ES_URL"].startswith("https://")
        assert env["WEBCARE_KAFKA_SECURITY_PROTOCOL"] == "SASL_SSL"
        assert {"WEBCARE_ES_PASSWORD", "WEBCARE_KAFKA_PASSWORD", "WEBCARE_ES_CA_FILE"} <= set(env)
        assert all("${" in str(env[k]) for k in ("WEBCARE_ES_PASSWORD", "WEBCARE_KAFKA_PASSWORD"))


def test_each_worker_role_runs_in_a_process_of_its_own() -> None:
    services = load()["services"]
    commands = {name: services[name]["command"] for name in ("worker", "alerts")}
    assert commands == {"worker": ["worker", "--role", "enrich"],
                        "alerts": ["worker", "--role", "alerts"]}
    assert services["alerts"]["environment"] == services["worker"]["environment"]
