"""A Kafka broker of a test's own, which the test may stop and start again: an outage that
no other test sees."""

from __future__ import annotations

import shutil
from pathlib import Path

from deploy.local import distribution
from deploy.local.kafka import KafkaInstance
from deploy.local.process import free_port, is_alive, stop_group

REPO = Path(__file__).resolve().parents[2]


class PrivateKafka:
    def __init__(self, root: Path) -> None:
        java = Path(str(shutil.which("java"))).resolve().parent.parent / "bin" / "java"
        libs = distribution.kafka_libs(REPO / ".webcare" / "dist",
                                       distribution.pinned_versions())
        self.instance = KafkaInstance(libs=libs, root=root, port=free_port(),
                                      controller_port=free_port(), heap_mb=256, java=str(java))
        self.pid: int | None = None

    def start(self) -> None:
        pid = self.instance.start()
        self.pid = pid
        self.instance.wait_ready(lambda: is_alive(pid))

    def stop(self) -> None:
        stop_group(self.pid, grace_s=20)
        self.pid = None
