"""A single-node Elasticsearch on loopback, run as a non-root user.

Elasticsearch refuses to run as root. When we are root we start it inside a user namespace
(``unshare --user``) where it runs as an ordinary uid: no account is created, and the files stay
ours. Where user namespaces are not allowed we fall back to a dedicated system user.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from core.errors import ServiceError
from deploy.local.process import spawn, wait_until

_FALLBACK_USER = "webcare-es"


@dataclass(frozen=True)
class ElasticsearchInstance:
    home: Path  # unpacked distribution (shared, read-only)
    root: Path  # config, data, logs and tmp of this instance
    port: int
    transport_port: int
    heap_mb: int
    java_home: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_file(self) -> Path:
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
            "xpack.security.enabled": False,
            "xpack.ml.enabled": False,
            "action.destructive_requires_name": False,
            # A laptop's disk is often fuller than the default watermarks allow.
            "cluster.routing.allocation.disk.threshold_enabled": False,
        }
        (conf / "elasticsearch.yml").write_text(
            "".join(f"{key}: {json.dumps(value)}\n" for key, value in settings.items())
        )
        return conf

    def start(self) -> int:
        conf = self._write_config()
        env = {
            **os.environ,
            "ES_PATH_CONF": str(conf),
            "ES_JAVA_HOME": str(self.java_home),
            "ES_TMPDIR": str(self.root / "tmp"),
            "ES_JAVA_OPTS": f"-Xms{self.heap_mb}m -Xmx{self.heap_mb}m",
        }
        env.pop("JAVA_HOME", None)
        argv = [*self._run_as_non_root(), str(self.home / "bin" / "elasticsearch")]
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
        return cluster_is_healthy(self.url)


def cluster_is_healthy(url: str, timeout_s: float = 2.0) -> bool:
    """True when ``_cluster/health`` answers yellow or green (``GET /`` is absent here)."""
    try:
        with urllib.request.urlopen(f"{url}/_cluster/health", timeout=timeout_s) as resp:
            return bool(json.load(resp).get("status") in {"green", "yellow"})
    except (urllib.error.URLError, OSError, ValueError):
        return False
