"""A real headless Chromium for browser tests: Debian's ``chromium`` package (installed with
apt-get when missing and we are root, as on CI), driven by Playwright for Python. Playwright's
own browser download is never used (this machine has no route to it)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

# The flags that keep Chromium from reaching out on a closed network (each refused
# connection otherwise costs a retry loop) and let it run as root in a container.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


def _apt_install() -> None:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", "--no-install-recommends", "chromium"]
    if subprocess.run(install, env=env, capture_output=True).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], env=env, check=True, capture_output=True)
        subprocess.run(install, env=env, check=True, capture_output=True)


def chromium_executable() -> Path:
    """Debian's Chromium, installed first when missing; a clear error where that cannot be."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and shutil.which("apt-get") and os.geteuid() == 0:
        _apt_install()
        found = shutil.which("chromium")
    if found is None:
        raise RuntimeError("browser tests need Chromium: `apt-get install chromium` (as root)")
    return Path(found)
