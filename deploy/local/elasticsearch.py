"""A single-node Elasticsearch on loopback, run as a non-root user.

Elasticsearch refuses to run as root. When we are root we start it inside a user namespace
(``unshare --user``) where it runs as an ordinary uid: no account is created, and the files stay
ours. Where user namespaces are not allowed we fall back to a dedicated system user.

With ``security`` it runs as production clusters do: x-pack security on, HTTPS with the
launcher's certificate, and a user made with Elasticsearch's own ``elasticsearch-users`` tool.
"""

from __future__ import annotations

import base64
import json
import os
import pwd
import shutil
import ssl
import subprocess
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from core.errors import ServiceError
from deploy.local.certificates import Security
from deploy.local.process import JVM_ENVIRONMENT, spawn, wait_until

_FALLBACK_USER = "webcare-es"


@dataclass(frozen=True)
class ElasticsearchInstance:
    home: Path  # unpacked distribution (shared, read-only)
    root: Path  # config, data, logs and tmp of this instance
    port: int
    transport_port: int
    heap_mb: int
    java_home: Path
    security: Security | None = None

    @property
    def url(self) -> str:
        scheme = "https" if self.security else "http"
        return f"{scheme}://127.0.0.1:{self.port}"

    @property
    def log_file(self) -> Path:
        """The launcher's output: start-up errors end up here."""
        return self.root / "logs" / "stdout.log"

    def _write_config(self) -> Path:
        conf = self.root / "config"
        if not conf.exists():
            shutil.copytree(self.home / "config", conf)
        for sub in ("data", "logs", "tmp"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)
        settings = {
            "cluster.name": "webcare-local",
            "node.name": "webcare-local-1",
            "discovery.type": "single-node",
            "network.host": "127.0.0.1",
            "http.port": self.port,
            "transport.port": self.transport_port,
            "path.data": str(self.root / "data"),
            "path.logs": str(self.root / "logs"),
            **self._security_settings(conf),
            "xpack.ml.enabled": False,
            "action.destructive_requires_name": False,
            # A laptop's disk is often fuller than the default watermarks allow.
            "cluster.routing.allocation.disk.threshold_enabled": False,
        }
        (conf / "elasticsearch.yml").write_text(
            "".join(f"{key}: {json.dumps(value)}\n" for key, value in settings.items())
        )
        if self.security:
            self._add_user(conf, self.security)
        return conf

    def _security_settings(self, conf: Path) -> dict[str, object]:
        if self.security is None:
            return {"xpack.security.enabled": False}
        certs = conf / "certs"  # Elasticsearch reads TLS files from its config folder only
        certs.mkdir(exist_ok=True)
        cert = self.security.certificate
        for source in (cert.ca_file, cert.cert_file, cert.key_file):
            shutil.copy(source, certs / source.name)
        return {
            "xpack.security.enabled": True,
            "xpack.security.http.ssl.enabled": True,
            "xpack.security.http.ssl.certificate": f"certs/{cert.cert_file.name}",
            "xpack.security.http.ssl.key": f"certs/{cert.key_file.name}",
            "xpack.security.http.ssl.certificate_authorities": [f"certs/{cert.ca_file.name}"],
            "xpack.security.transport.ssl.enabled": False,  # one node: no transport to guard
        }

    def _add_user(self, conf: Path, security: Security) -> None:
        """A superuser in the file realm, made by Elasticsearch's own tool."""
        env = {**os.environ, "ES_PATH_CONF": str(conf), "ES_JAVA_HOME": str(self.java_home)}
        tool = str(self.home / "bin" / "elasticsearch-users")
        subprocess.run([tool, "userdel", security.username], env=env, capture_output=True,
                       check=False)
        done = subprocess.run([tool, "useradd", security.username, "-p", security.password,
                               "-r", "superuser"], env=env, capture_output=True, text=True,
                              check=False)
        if done.returncode != 0:
            raise ServiceError(f"adding the Elasticsearch user failed: {done.stdout[-500:]}"
                               f"{done.stderr[-500:]}")
        for name in ("users", "users_roles", "certs/server.key"):
            (conf / name).chmod(0o644)  # read by the unprivileged uid Elasticsearch runs as

    def start(self) -> int:
        conf = self._write_config()
        env = {
            **os.environ,
            "ES_PATH_CONF": str(conf),
            "ES_JAVA_HOME": str(self.java_home),
            "ES_TMPDIR": str(self.root / "tmp"),
            "ES_JAVA_OPTS": f"-Xms{self.heap_mb}m -Xmx{self.heap_mb}m",
            # The launcher only starts the node (``-d`` below): no optimising compiler for it.
            "CLI_JAVA_OPTS": "-XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=8m -Xss256k",
            **JVM_ENVIRONMENT,
        }
        env.pop("JAVA_HOME", None)
        # Daemonised: the launcher JVM exits once the node is up instead of staying beside it
        # (about 80 MiB resident). The node stays in the spawned process group, which is how
        # ``is_alive`` and ``stop_group`` find it; it logs to ``logs/webcare-local.log``.
        argv = [*self._run_as_non_root(), str(self.home / "bin" / "elasticsearch"), "-d"]
        return spawn(argv, log_file=self.log_file, env=env, cwd=self.root)

    def _run_as_non_root(self) -> list[str]:
        if os.geteuid() != 0:
            return []
        unshare = shutil.which("unshare")
        userns = [unshare, "--user", "--map-user=1000", "--map-group=1000"] if unshare else []
        if userns and subprocess.run([*userns, "true"], capture_output=True).returncode == 0:
            return userns
        return self._fallback_user()

    def _fallback_user(self) -> list[str]:
        try:
            pwd.getpwnam(_FALLBACK_USER)
        except KeyError:
            subprocess.run(["useradd", "--system", "--no-create-home", _FALLBACK_USER],
                           check=True, capture_output=True)
        subprocess.run(["chown", "-R", f"{_FALLBACK_USER}:", str(self.root)], check=True)
        runuser = shutil.which("runuser")
        if runuser is None:
            raise ServiceError("cannot run Elasticsearch as non-root: no unshare nor runuser")
        return [runuser, "-u", _FALLBACK_USER, "--"]

    def wait_ready(self, pid_alive: Callable[[], bool], timeout_s: float = 120) -> None:
        wait_until(self.is_ready, timeout_s=timeout_s, what="Elasticsearch", alive=pid_alive,
                   log_file=self.log_file)

    def is_ready(self) -> bool:
        security = self.security
        if security is None:
            return cluster_is_healthy(self.url)
        return cluster_is_healthy(self.url, ca_file=security.certificate.ca_file,
                                  user=(security.username, security.password))


def cluster_is_healthy(url: str, timeout_s: float = 2.0, *, ca_file: Path | None = None,
                       user: tuple[str, str] | None = None) -> bool:
    """True when ``_cluster/health`` answers yellow or green (``GET /`` is absent here)."""
    request = urllib.request.Request(f"{url}/_cluster/health")
    if user is not None:
        token = base64.b64encode(f"{user[0]}:{user[1]}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    context = ssl.create_default_context(cafile=str(ca_file)) if ca_file else None
    try:
        with urllib.request.urlopen(request, timeout=timeout_s, context=context) as resp:
            return bool(json.load(resp).get("status") in {"green", "yellow"})
    except (urllib.error.URLError, OSError, ValueError):
        return False
