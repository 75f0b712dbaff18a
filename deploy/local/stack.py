"""``webcare local up | down | status``: the local Kafka + Elasticsearch (+ worker) stack.

State (ports and pids) lives in ``<home>/local/state.json`` so ``up`` is idempotent and every
other command finds the services without being told.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from core.errors import ServiceError
from core.settings import Settings
from deploy.local import distribution
from deploy.local.certificates import Security, existing_certificates, make_certificates
from deploy.local.elasticsearch import ElasticsearchInstance, cluster_is_healthy
from deploy.local.kafka import KafkaInstance, broker_answers
from deploy.local.process import free_port, is_alive, port_is_free, spawn, stop_group

DEFAULT_KAFKA_PORT = 9092
DEFAULT_ES_PORT = 9200


@dataclass
class ServiceStatus:
    name: str
    address: str
    pid: int | None
    healthy: bool

    def line(self) -> str:
        state = "up" if self.healthy else ("starting/unhealthy" if is_alive(self.pid) else "down")
        return f"{self.name:<14} {state:<18} {self.address}  pid={self.pid or '-'}"


class LocalStack:
    """``dist_dir`` overrides where the fetched distributions are cached (tests share one
    cache across throw-away stacks); ``standard_ports`` prefers 9092/9200 when free."""

    def __init__(self, settings: Settings, *, dist_dir: Path | None = None,
                 standard_ports: bool = True) -> None:
        self.settings = settings
        self.root = settings.home.resolve() / "local"
        self.dist = (dist_dir or settings.home / "dist").resolve()
        self.standard_ports = standard_ports

    # -- security ----------------------------------------------------------------------------
    def _security(self, state: dict[str, Any], secure: bool) -> Security | None:
        """Certificates made once per stack, a user and password kept in the state file
        (readable by its owner only)."""
        if state.get("secure") is not None and bool(state["secure"]) != secure and (
                is_alive(state.get("es_pid")) or is_alive(state.get("kafka_pid"))):
            mode = "secured" if state["secure"] else "plain"
            raise ServiceError(f"the local services run {mode}; `webcare local down` first")
        state["secure"] = secure
        if not secure:
            return None
        folder = self.root / "certs"
        certificate = existing_certificates(folder) or make_certificates(folder, days=365)
        state.setdefault("username", "webcare")
        state.setdefault("password", secrets.token_urlsafe(24))
        return Security(certificate, state["username"], state["password"])

    def credentials(self) -> dict[str, str]:
        """The settings a client of a secured stack needs (empty for a plain one)."""
        state = self._load()
        if not state.get("secure"):
            return {}
        ca = str(self.root / "certs" / "ca.pem")
        return {"WEBCARE_ES_USERNAME": state["username"], "WEBCARE_ES_PASSWORD": state["password"],
                "WEBCARE_ES_CA_FILE": ca, "WEBCARE_KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
                "WEBCARE_KAFKA_SASL_MECHANISM": "PLAIN",
                "WEBCARE_KAFKA_USERNAME": state["username"],
                "WEBCARE_KAFKA_PASSWORD": state["password"], "WEBCARE_KAFKA_CA_FILE": ca}

    # -- state -------------------------------------------------------------------------------
    def _load(self) -> dict[str, Any]:
        try:
            return dict(json.loads(self.settings.state_file.read_text()))
        except (OSError, ValueError):
            return {}

    def _save(self, state: dict[str, Any]) -> None:
        self.settings.state_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.settings.state_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(state, indent=2))
        tmp.chmod(0o600)  # it may hold the secured stack's password
        tmp.replace(self.settings.state_file)

    # -- java --------------------------------------------------------------------------------
    def _java_home(self) -> Path:
        if self.settings.java_home:
            return self.settings.java_home
        java = shutil.which("java")
        if java is None:
            raise ServiceError("no `java` on PATH; install a JDK 17+ or set WEBCARE_JAVA_HOME")
        return Path(os.path.realpath(java)).parent.parent

    # -- lifecycle ---------------------------------------------------------------------------
    def up(self, *, log: Any = None, secure: bool = False) -> dict[str, str]:
        """Start whatever is not running; return the settings lines to export. ``secure``:
        Elasticsearch with x-pack security (HTTPS, a user) and Kafka with a SASL_SSL listener,
        on certificates made by the launcher."""
        say = log or (lambda msg: print(msg, file=sys.stderr))
        state = self._load()
        security = self._security(state, secure)
        versions = distribution.pinned_versions()
        java_home = self._java_home()
        kafka = self._kafka(state, versions, java_home, security)
        es = self._elasticsearch(state, versions, java_home, security)
        if not (is_alive(state.get("kafka_pid")) and kafka.is_ready()):
            say(f"starting Kafka {versions.kafka} on {kafka.bootstrap} ...")
            pid = kafka.start()
            state.update(kafka_pid=pid)
            self._save(self._with_addresses(state, kafka, es))
            kafka.wait_ready(lambda: is_alive(pid))
        if not (is_alive(state.get("es_pid")) and es.is_ready()):
            say(f"starting Elasticsearch {versions.elasticsearch} on {es.url} ...")
            pid = es.start()
            state.update(es_pid=pid)
            self._save(self._with_addresses(state, kafka, es))
            es.wait_ready(lambda: is_alive(pid))
        self._save(self._with_addresses(state, kafka, es))
        return {"WEBCARE_KAFKA_BOOTSTRAP": kafka.bootstrap, "WEBCARE_ES_URL": es.url,
                **self.credentials()}

    @staticmethod
    def _with_addresses(
        state: dict[str, Any], kafka: KafkaInstance, es: ElasticsearchInstance
    ) -> dict[str, Any]:
        return {
            **state, "kafka_bootstrap": kafka.bootstrap, "kafka_port": kafka.port,
            "kafka_controller_port": kafka.controller_port, "kafka_sasl_port": kafka.sasl_port,
            "es_url": es.url,
            "es_port": es.port, "es_transport_port": es.transport_port,
        }

    def _port(self, state: dict[str, Any], key: str, pid_key: str, preferred: int | None) -> int:
        """Reuse the recorded port while our process holds it or it is free again."""
        recorded = state.get(key)
        if recorded and (is_alive(state.get(pid_key)) or port_is_free(int(recorded))):
            return int(recorded)
        return free_port(preferred)

    def _kafka(self, state: dict[str, Any], versions: distribution.Versions,
               java_home: Path, security: Security | None) -> KafkaInstance:
        libs = distribution.kafka_libs(self.dist, versions)
        return KafkaInstance(
            libs=libs, root=self.root / "kafka",
            port=self._port(state, "kafka_port", "kafka_pid",
                            DEFAULT_KAFKA_PORT if self.standard_ports else None),
            controller_port=self._port(state, "kafka_controller_port", "kafka_pid", None),
            heap_mb=self.settings.kafka_heap_mb, java=str(java_home / "bin" / "java"),
            security=security,
            sasl_port=self._port(state, "kafka_sasl_port", "kafka_pid", None) if security
            else None,
        )

    def _elasticsearch(self, state: dict[str, Any], versions: distribution.Versions,
                       java_home: Path, security: Security | None) -> ElasticsearchInstance:
        home = distribution.elasticsearch_home(self.dist, versions)
        return ElasticsearchInstance(
            home=home, root=self.root / "elasticsearch",
            port=self._port(state, "es_port", "es_pid",
                            DEFAULT_ES_PORT if self.standard_ports else None),
            transport_port=self._port(state, "es_transport_port", "es_pid", None),
            heap_mb=self.settings.es_heap_mb, java_home=java_home, security=security,
        )

    def start_worker(self, argv: list[str], env: dict[str, str] | None = None,
                     name: Literal["worker", "alerts"] = "worker") -> int:
        """Run a worker process in the background as part of the stack (``local down`` stops
        it): ``worker`` (enrichment, or every role) and ``alerts`` (the alerts role in a
        process of its own)."""
        return self._start(name, argv, env)

    def start_api(self, argv: list[str], url: str, env: dict[str, str] | None = None) -> int:
        """Run the API and console in the background as part of the stack, at ``url``."""
        pid = self._start("api", argv, env)
        self._save({**self._load(), "api_url": url})
        return pid

    def running_api(self) -> str | None:
        """The address of the stack's API when it is running."""
        state = self._load()
        return str(state["api_url"]) if is_alive(state.get("api_pid")) and state.get(
            "api_url") else None

    def _start(self, name: str, argv: list[str], env: dict[str, str] | None) -> int:
        state = self._load()
        if is_alive(state.get(f"{name}_pid")):
            return int(state[f"{name}_pid"])
        pid = spawn(argv, log_file=self.root / name / f"{name}.log", env=env)
        state[f"{name}_pid"] = pid
        self._save(state)
        return pid

    def down(self) -> list[str]:
        state = self._load()
        stopped = []
        for name, key in (("API", "api_pid"), ("worker", "worker_pid"),
                          ("alerts worker", "alerts_pid"),
                          ("Elasticsearch", "es_pid"), ("Kafka", "kafka_pid")):
            if is_alive(state.get(key)):
                stop_group(state.get(key))
                stopped.append(name)
            state.pop(key, None)
        if state:
            self._save(state)
        return stopped

    def status(self) -> list[ServiceStatus]:
        state = self._load()
        kafka = state.get("kafka_bootstrap", "-")
        es = state.get("es_url", "-")
        user = (state["username"], state["password"]) if state.get("secure") else None
        ca = self.root / "certs" / "ca.pem" if user else None
        internal = f"127.0.0.1:{state['kafka_port']}" if state.get("kafka_port") else kafka
        return [
            ServiceStatus("kafka", kafka, state.get("kafka_pid"),
                          is_alive(state.get("kafka_pid")) and broker_answers(internal)),
            ServiceStatus("elasticsearch", es, state.get("es_pid"),
                          is_alive(state.get("es_pid"))
                          and cluster_is_healthy(es, ca_file=ca, user=user)),
            ServiceStatus("worker", "-", state.get("worker_pid"),
                          is_alive(state.get("worker_pid"))),
            ServiceStatus("alerts worker", "-", state.get("alerts_pid"),
                          is_alive(state.get("alerts_pid"))),
            ServiceStatus("api", state.get("api_url", "-"), state.get("api_pid"),
                          is_alive(state.get("api_pid"))),
        ]
