"""Alerts reach public addresses only: every loopback, link-local, private, carrier-grade NAT,
internal-name and numeric-form destination is refused when a subscription is saved and when the
worker connects, and a redirect is never followed."""

from __future__ import annotations

import asyncio
import socket
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from alerting.alerts import Alert
from alerting.delivery import Deliverer
from alerting.outbound import OutboundPolicy, PublicOnlyResolver, UnsafeDestination, refused_url
from alerting.subscriptions import Delivery, Subscription
from deploy.local.process import free_port
from tests.integration.webhook_receiver import Receiver
from tests.support.delivery import MemoryLog, loopback

INTERNAL = [
    "127.0.0.1", "127.8.9.1", "localhost", "LOCALHOST.", "127.1", "2130706433", "0x7f000001",
    "0177.0.0.1", "017700000001", "0", "0.0.0.0", "[::1]", "[::]", "[::ffff:127.0.0.1]",
    "[::ffff:7f00:1]", "[64:ff9b::7f00:1]", "[2002:7f00:1::]", "169.254.169.254",
    "[fe80::1]", "[fd00:ec2::254]", "10.0.0.1", "10.1", "167772161", "172.16.5.4",
    "172.31.255.255", "192.168.1.1", "0xc0a80101", "100.64.0.1", "198.18.0.1", "224.0.0.1",
    "kafka", "elasticsearch", "worker", "metadata.google.internal", "printer.local",
    "api.localhost", "router.lan",
]


@pytest.mark.parametrize("host", INTERNAL)
def test_internal_destinations_are_refused_without_being_contacted(host: str) -> None:
    policy = OutboundPolicy()
    with pytest.raises(UnsafeDestination):
        policy.check_host(host)
    refused = asyncio.run(refused_url(policy, Delivery.model_validate(
        {"webhook": {"url": f"http://{host}:8080/hook", "secret": "s" * 16}})))
    assert refused is not None and refused[0] == "delivery.webhook.url"


@pytest.mark.parametrize("host", ["93.184.215.14", "[2606:4700::6810:85e5]", "8.8.8.8"])
def test_public_addresses_pass(host: str) -> None:
    OutboundPolicy().check_host(host)


def test_the_operator_allow_list_opens_exactly_its_networks() -> None:
    policy = OutboundPolicy.allowing(["10.20.0.0/16"])
    policy.check_host("10.20.3.4")
    with pytest.raises(UnsafeDestination):
        policy.check_host("10.21.0.1")
    with pytest.raises(UnsafeDestination):
        policy.check_host("169.254.169.254")


class Rebinding:  # the AbstractResolver interface
    """A resolver that answers with a private address at connect time, as a DNS name that
    resolved publicly when the subscription was saved can do later."""

    async def resolve(self, host: str, port: int = 0,
                      family: socket.AddressFamily = socket.AF_INET) -> list[dict[str, Any]]:
        return [{"hostname": host, "host": "10.0.0.7", "port": port, "family": family,
                 "proto": 0, "flags": 0}]

    async def close(self) -> None:
        pass


def test_a_name_rebound_to_a_private_address_is_refused_at_connect_time() -> None:
    resolver = PublicOnlyResolver(OutboundPolicy(), Rebinding())  # type: ignore[arg-type]
    with pytest.raises(UnsafeDestination, match="no public address"):
        asyncio.run(resolver.resolve("hooks.example.com", 443))


class Redirecting:
    """A loopback receiver that answers every POST with a redirect."""

    def __init__(self, location: str) -> None:
        location_header = location

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("content-length", 0)))
                self.send_response(307)
                self.send_header("location", location_header)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *_args: Any) -> None:
                pass

        self.port = free_port()
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def test_a_redirect_is_not_followed() -> None:
    target = Receiver(free_port()).start()  # where the redirect points: must hear nothing
    redirecting = Redirecting(f"http://127.0.0.2:{target.port}/hook")
    now = datetime.now(UTC).isoformat()
    sub = Subscription.model_validate({
        "id": "s", "team": "t", "name": "n", "created_at": now, "updated_at": now,
        "delivery": {"webhook": {"url": f"http://127.0.0.1:{redirecting.port}/hook",
                                 "secret": "s" * 16}}})
    alert = Alert.model_validate({"id": "a", "kind": "mention", "team": "t",
                                  "subscription_id": "s", "subscription_name": "n",
                                  "created_at": now})
    log = MemoryLog()

    async def deliver() -> None:
        deliverer = Deliverer(log, loopback())  # type: ignore[arg-type]
        await deliverer.deliver([(alert, sub)])
        await deliverer.close()

    try:
        asyncio.run(deliver())
    finally:
        redirecting.server.shutdown()
        target.stop()
    assert log.outcomes == [("webhook", "rejected", "HTTP 307: redirects are not followed")]
    assert target.requests == []


def test_the_webhook_secret_is_write_only() -> None:
    now = datetime.now(UTC).isoformat()
    sub = Subscription.model_validate({
        "id": "s", "team": "t", "name": "n", "created_at": now, "updated_at": now,
        "delivery": {"webhook": {"url": "https://hooks.example.org/h", "secret": "k" * 20}}})
    assert "k" * 20 not in sub.model_dump_json()
    stored = sub.model_dump(mode="json", context={"reveal_secrets": True})
    assert stored["delivery"]["webhook"]["secret"] == "k" * 20
