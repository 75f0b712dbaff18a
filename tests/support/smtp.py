"""A real SMTP server on loopback (aiosmtpd) that requires STARTTLS and a login, and keeps
what it received."""

from __future__ import annotations

import ssl
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from deploy.local.certificates import ServerCertificate
from deploy.local.process import free_port

USER, PASSWORD = "webcare", "smtp-password-for-tests"


@dataclass
class Inbox:
    messages: list[Message] = field(default_factory=list)

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.original_content))
        return "250 OK"


def _authenticate(_server: Any, _session: Any, _envelope: Any, _mechanism: str,
                  auth_data: Any) -> AuthResult:
    ok = (isinstance(auth_data, LoginPassword) and auth_data.login == USER.encode()
          and auth_data.password == PASSWORD.encode())
    return AuthResult(success=ok, handled=ok)  # a refusal answers 535


class SmtpServer:
    def __init__(self, certificate: ServerCertificate) -> None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(certificate.cert_file, certificate.key_file)
        self.inbox = Inbox()
        self.port = free_port()
        self.controller = Controller(
            self.inbox, hostname="127.0.0.1", port=self.port, tls_context=context,
            require_starttls=True, authenticator=_authenticate, auth_require_tls=True)

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.controller.stop()
