"""Cheap reachability checks, so a command fails in a moment instead of after client
time-outs."""

from __future__ import annotations

import socket


def port_is_open(port: int, host: str = "127.0.0.1", timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def any_listening(servers: str, default_host: str = "127.0.0.1", timeout: float = 2.0) -> bool:
    """True when any of ``host:port[,host:port...]`` accepts a connection."""
    for server in servers.split(","):
        host, _, port = server.strip().rpartition(":")
        if port.isdigit() and port_is_open(int(port), host or default_host, timeout=timeout):
            return True
    return False
