"""The launcher's pieces against the real Kafka tools (the jars fetched by Maven)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from deploy.local import distribution
from deploy.local.kafka import KafkaInstance
from deploy.local.stack import LocalStack
from tests.integration.conftest import REPO, Services
from webcare.settings import Settings

pytestmark = pytest.mark.integration


def test_storage_format_accepts_cluster_ids_that_start_with_a_dash(
    tmp_path: Path, services: Services,
) -> None:
    libs = distribution.kafka_libs(REPO / ".webcare" / "dist", distribution.pinned_versions())
    kafka = KafkaInstance(libs=libs, root=tmp_path, port=1, controller_port=2, heap_mb=128,
                          java="java")
    kafka.prepare()  # writes the config and formats with a random id
    (tmp_path / "data" / "meta.properties").unlink()
    done = subprocess.run(kafka.format_command("-" + "A" * 21), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_up_is_idempotent_and_reports_the_same_services(services: Services) -> None:
    stack = LocalStack(Settings(home=services.home), dist_dir=REPO / ".webcare" / "dist",
                       standard_ports=False)
    again = stack.up(log=lambda _msg: None)
    assert again == {"WEBCARE_KAFKA_BOOTSTRAP": services.kafka, "WEBCARE_ES_URL": services.es_url}
    assert all(row.healthy for row in stack.status()[:2])
