"""A single-node Apache Kafka broker in KRaft combined mode, on loopback."""

from __future__ import annotations

import base64
import os
import subprocess
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from core.errors import ServiceError
from core.network import port_is_open
from deploy.local.certificates import Security
from deploy.local.process import JVM_ENVIRONMENT, spawn, wait_until

_LOG4J = """\
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.RollingFileAppender
log4j.appender.file.File={log_dir}/server.log
log4j.appender.file.MaxFileSize=20MB
log4j.appender.file.MaxBackupIndex=3
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka=INFO
log4j.logger.org.apache.kafka=INFO
log4j.logger.state.change.logger=WARN
"""


def new_cluster_id() -> str:
    """A KRaft cluster id: 16 random bytes, URL-safe base64 without padding (22 characters)."""
    return base64.urlsafe_b64encode(uuid.uuid4().bytes).rstrip(b"=").decode()


def cleaner_buffer_bytes(heap_mb: int) -> int:
    """The log cleaner's de-duplication buffer, for compacted topics (the tables' changelogs,
    consumer offsets). Kafka's default, 128 MiB, is allocated on the heap when the broker
    starts and stays there: half of a 256 MB heap (an idle broker's class histogram: 148 of
    its 160 MB of live heap were byte arrays). An eighth of the heap, at least 16 MiB, at 24
    bytes a key: about 700,000 keys a cleaning pass at 16 MiB; a log with more distinct keys
    is cleaned in more passes."""
    return max(16, heap_mb // 8) * 1024 * 1024


@dataclass(frozen=True)
class KafkaInstance:
    """Where one broker keeps its files and which ports it listens on."""

    libs: Path
    root: Path  # config, data and logs of this instance
    port: int
    controller_port: int
    heap_mb: int
    java: str
    # Secured: clients connect over SASL_SSL (PLAIN) on ``sasl_port``; ``port`` stays the
    # broker's own plaintext listener on loopback.
    security: Security | None = None
    sasl_port: int | None = None

    @property
    def bootstrap(self) -> str:
        """Where clients connect."""
        return f"127.0.0.1:{self.sasl_port if self.security else self.port}"

    @property
    def internal_bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def log_file(self) -> Path:
        return self.root / "logs" / "stdout.log"

    def _properties(self) -> str:
        data = self.root / "data"
        props = {
            "process.roles": "broker,controller",
            "node.id": "1",
            "controller.quorum.voters": f"1@127.0.0.1:{self.controller_port}",
            "listeners": f"PLAINTEXT://127.0.0.1:{self.port},"
                         f"CONTROLLER://127.0.0.1:{self.controller_port}",
            "advertised.listeners": f"PLAINTEXT://127.0.0.1:{self.port}",
            "controller.listener.names": "CONTROLLER",
            "inter.broker.listener.name": "PLAINTEXT",
            "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "log.dirs": str(data),
            "num.partitions": "4",
            "default.replication.factor": "1",
            "offsets.topic.replication.factor": "1",
            "offsets.topic.num.partitions": "8",
            "transaction.state.log.replication.factor": "1",
            "transaction.state.log.min.isr": "1",
            "transaction.state.log.num.partitions": "4",
            "group.initial.rebalance.delay.ms": "0",
            "auto.create.topics.enable": "true",
            "log.retention.hours": "168",
            "log.segment.bytes": str(64 * 1024 * 1024),
            "log.cleaner.dedupe.buffer.size": str(cleaner_buffer_bytes(self.heap_mb)),
            **self._security_properties(),
        }
        return "".join(f"{key}={value}\n" for key, value in props.items())

    def _security_properties(self) -> dict[str, str]:
        if self.security is None:
            return {}
        user, password = self.security.username, self.security.password
        return {
            "listeners": f"PLAINTEXT://127.0.0.1:{self.port},SASL_SSL://127.0.0.1:{self.sasl_port},"
                         f"CONTROLLER://127.0.0.1:{self.controller_port}",
            "advertised.listeners": f"PLAINTEXT://127.0.0.1:{self.port},"
                                    f"SASL_SSL://127.0.0.1:{self.sasl_port}",
            "listener.security.protocol.map":
                "PLAINTEXT:PLAINTEXT,SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT",
            "sasl.enabled.mechanisms": "PLAIN",
            "listener.name.sasl_ssl.plain.sasl.jaas.config":
                "org.apache.kafka.common.security.plain.PlainLoginModule required "
                f'user_{user}="{password}";',
            "ssl.keystore.type": "PEM",
            "ssl.keystore.location": str(self.root / "config" / "keystore.pem"),
        }

    def _write_keystore(self) -> None:
        """Kafka reads a PEM keystore: the private key, then the certificate chain."""
        if self.security is None:
            return
        cert = self.security.certificate
        keystore = self.root / "config" / "keystore.pem"
        keystore.write_bytes(cert.key_file.read_bytes() + cert.cert_file.read_bytes())
        keystore.chmod(0o600)

    def _java(self, main: str, *args: str) -> list[str]:
        return [
            self.java, f"-Xms{min(256, self.heap_mb)}m", f"-Xmx{self.heap_mb}m",
            "-XX:+UseG1GC", "-Djava.awt.headless=true",
            f"-Dlog4j.configuration=file:{self.root / 'config' / 'log4j.properties'}",
            "-cp", f"{self.libs}/*", main, *args,
        ]

    def prepare(self) -> None:
        """Write the config and format the storage once (KRaft needs a cluster id)."""
        config = self.root / "config"
        config.mkdir(parents=True, exist_ok=True)
        (self.root / "logs").mkdir(parents=True, exist_ok=True)
        (config / "server.properties").write_text(self._properties())
        (config / "log4j.properties").write_text(_LOG4J.format(log_dir=self.root / "logs"))
        self._write_keystore()
        if (self.root / "data" / "meta.properties").exists():
            return
        done = subprocess.run(self.format_command(new_cluster_id()), capture_output=True,
                              text=True, check=False)
        if done.returncode != 0:
            raise ServiceError(f"formatting Kafka storage failed: {done.stdout}{done.stderr}")

    def format_command(self, cluster_id: str) -> list[str]:
        # "--cluster-id=<id>": an id may start with "-", which as a separate argument the
        # tool's parser would take for an option.
        return self._java("kafka.tools.StorageTool", "format", f"--cluster-id={cluster_id}",
                          "--config", str(self.root / "config" / "server.properties"))

    def start(self) -> int:
        self.prepare()
        return spawn(
            self._java("kafka.Kafka", str(self.root / "config" / "server.properties")),
            log_file=self.log_file, cwd=self.root, env={**os.environ, **JVM_ENVIRONMENT},
        )

    def wait_ready(self, pid_alive: Callable[[], bool], timeout_s: float = 90) -> None:
        wait_until(self.is_ready, timeout_s=timeout_s, what="Kafka", alive=pid_alive,
                   log_file=self.log_file)

    def is_ready(self) -> bool:
        return broker_answers(self.internal_bootstrap)


def broker_answers(bootstrap: str, timeout_s: float = 3.0) -> bool:
    """True when the broker answers a metadata request (not just an open port)."""
    from kafka import KafkaAdminClient
    from kafka.errors import KafkaError

    host, _, port = bootstrap.rpartition(":")
    if not port_is_open(int(port), host or "127.0.0.1"):
        return False  # skip the client, whose connection errors would be logged as noise
    try:
        admin = KafkaAdminClient(
            bootstrap_servers=bootstrap, request_timeout_ms=int(timeout_s * 1000),
            client_id="webcare-health",
        )
    except (KafkaError, OSError, ValueError):
        return False
    try:
        admin.list_topics()
        return True
    except (KafkaError, OSError):
        return False
    finally:
        admin.close()
