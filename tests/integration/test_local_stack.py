"""The launcher's pieces against the real Kafka tools (the jars fetched by Maven)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from core.settings import Settings
from deploy.local import distribution
from deploy.local.kafka import KafkaInstance, cleaner_buffer_bytes
from deploy.local.stack import LocalStack
from tests.integration.conftest import REPO, Services

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


def test_ingest_file_maps_columns_reports_rejects_and_publishes(
    tmp_path: Path, services: Services,
) -> None:
    import orjson

    from agents.ingest_file import ingest_file
    from core.topics import TopicNames
    from tests.integration.conftest import consume_all

    settings = Settings(home=services.home, kafka_bootstrap=services.kafka,
                        es_url=services.es_url, namespace="ingestmap")
    export = tmp_path / "export.csv"
    export.write_text("post_id,channel,body,posted,user\n"
                      "1,facebook,Waar blijft mijn pakket?,2026-11-20T10:00:00Z,anna\n"
                      "2,facebook,geen datum,,bob\n"
                      "3,twitter,Top service!,2026-11-20T11:00:00Z,carl\n")
    rejects = tmp_path / "rejects.jsonl"
    report = ingest_file(settings, export, lambda _line: None, rejects=rejects, mapping={
        "id": "post_id", "source": "channel", "text": "body", "created_at": "posted",
        "author.handle": "user"})
    assert report.published == 2 and [r.line for r in report.rejected] == [3]
    [reject] = [orjson.loads(line) for line in rejects.read_bytes().splitlines()]
    assert reject["line"] == 3 and "created_at" in reject["reason"]
    found = consume_all(services.kafka, TopicNames.for_settings(settings).raw, expect=2)
    assert sorted(r.key for r in found) == [b"facebook:1", b"twitter:3"]


def test_the_broker_runs_with_a_cleaner_buffer_sized_to_its_heap(services: Services) -> None:
    """Kafka ignores a property it does not know (a warning in its log): ask the broker."""
    from kafka.admin import ConfigResource, KafkaAdminClient

    admin = KafkaAdminClient(bootstrap_servers=services.kafka)
    try:
        described = admin.describe_configs([ConfigResource("BROKER", "1")], config_filter="all")
    finally:
        admin.close()
    found = described["broker"]["1"]["log.cleaner.dedupe.buffer.size"]
    expected = cleaner_buffer_bytes(Settings(home=services.home).kafka_heap_mb)
    assert (found["value"], found["config_source"]) == (str(expected),
                                                   "STATIC_BROKER_CONFIG")
    assert expected < 128 * 1024 * 1024  # Kafka's default, on the heap for good
