"""Fetch the pinned Kafka jars and Elasticsearch zip with Maven into an ignored cache folder.

The versions live only in ``pom.xml`` beside this file. Each distribution is unpacked under
``<home>/dist/<name>-<version>/`` and marked complete with a stamp file, so a second start needs
no network and an interrupted fetch is redone rather than half-used.
"""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from core.errors import ServiceError

_POM_NS = {"m": "http://maven.apache.org/POM/4.0.0"}
_STAMP = ".complete"


@dataclass(frozen=True)
class Versions:
    kafka: str
    elasticsearch: str


def pom_path() -> Path:
    return Path(str(resources.files("deploy.local").joinpath("pom.xml")))


def pinned_versions(pom: Path | None = None) -> Versions:
    root = ET.parse(pom or pom_path()).getroot()

    def prop(name: str) -> str:
        node = root.find(f"m:properties/m:{name}", _POM_NS)
        if node is None or not (node.text or "").strip():
            raise ServiceError(f"{pom or pom_path()}: property <{name}> is missing")
        return (node.text or "").strip()

    return Versions(kafka=prop("kafka.version"), elasticsearch=prop("elasticsearch.version"))


def _mvn(goal_args: list[str]) -> None:
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ServiceError("Maven (mvn) is not on PATH; install it (apt-get install maven)")
    cmd = [mvn, "-B", "-q", "-f", str(pom_path()), *goal_args]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        output = (done.stdout + done.stderr).strip().splitlines()[-20:]
        raise ServiceError("Maven could not fetch the local services:\n" + "\n".join(output))


def kafka_libs(dist_dir: Path, versions: Versions) -> Path:
    """Folder with the broker's runtime jars (fetched on first use)."""
    target = dist_dir / f"kafka-{versions.kafka}" / "libs"
    if not (target.parent / _STAMP).exists():
        shutil.rmtree(target.parent, ignore_errors=True)
        _mvn([
            "dependency:copy-dependencies", "-DincludeScope=runtime", "-DexcludeTypes=zip",
            f"-DoutputDirectory={target}",
        ])
        (target.parent / _STAMP).touch()
    return target


def elasticsearch_home(dist_dir: Path, versions: Versions) -> Path:
    """Unpacked Elasticsearch distribution (fetched on first use)."""
    parent = dist_dir / f"elasticsearch-dist-{versions.elasticsearch}"
    home = parent / f"elasticsearch-{versions.elasticsearch}"
    if not (parent / _STAMP).exists():
        shutil.rmtree(parent, ignore_errors=True)
        # Markers (Maven's "already unpacked" notes) live inside the cache, so a cache that
        # is gone is always unpacked again.
        _mvn([
            "dependency:unpack-dependencies", "-DincludeTypes=zip",
            "-DincludeArtifactIds=elasticsearch", f"-DoutputDirectory={parent}",
            f"-DmarkersDirectory={parent / '.markers'}",
        ])
        if not (home / "bin" / "elasticsearch").exists():
            raise ServiceError(f"unexpected Elasticsearch archive layout under {parent}")
        for script in (home / "bin").iterdir():
            script.chmod(0o755)
        (parent / _STAMP).touch()
    return home
