"""E-mail through the operator's SMTP server (``WEBCARE_SMTP_*``: host, port, STARTTLS or TLS,
user and password), sent with aiosmtplib. Subscriptions name only the recipients, so a team
cannot aim the server at a mail host of its choosing. The Message-ID is derived from the alert
id: a mail client shows a re-sent alert as the same message."""

from __future__ import annotations

import ssl
from email.message import EmailMessage

import aiosmtplib
from pydantic import BaseModel, ConfigDict, EmailStr, Field

from alerting.alerts import Alert, describe
from alerting.channels.base import (
    Channel,
    ChannelContext,
    PermanentFailure,
    SmtpServer,
    TemporaryFailure,
)


class EmailConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    to: list[EmailStr] = Field(min_length=1, max_length=50)
    subject_prefix: str = Field("[webcare]", max_length=50)


def message(config: EmailConfig, alert: Alert, server: SmtpServer) -> EmailMessage:
    title, body = describe(alert)
    mail = EmailMessage()
    mail["From"] = server.sender
    mail["To"] = ", ".join(config.to)
    mail["Subject"] = f"{config.subject_prefix} {title}".strip()
    mail["Message-ID"] = f"<{alert.id}@webcare>"
    mail["X-Webcare-Delivery"] = alert.id
    mail.set_content(body)
    return mail


async def send(config: EmailConfig, alert: Alert, context: ChannelContext) -> None:
    server = context.smtp
    if server is None:
        raise PermanentFailure("e-mail is not configured on this server (WEBCARE_SMTP_HOST)")
    # Certificates are always verified, against the system's CAs or the configured bundle.
    tls_context = ssl.create_default_context(cafile=server.ca_file)
    try:
        await aiosmtplib.send(
            message(config, alert, server), hostname=server.host, port=server.port,
            username=server.username, password=server.password, use_tls=server.tls,
            start_tls=server.starttls, timeout=server.timeout_s, tls_context=tls_context)
    except aiosmtplib.SMTPResponseException as exc:
        # 4xx replies are the server's "later", 5xx its "never" (RFC 5321).
        failure = TemporaryFailure if 400 <= exc.code < 500 else PermanentFailure
        raise failure(f"SMTP {exc.code}: {exc.message}") from None
    except aiosmtplib.SMTPRecipientsRefused as exc:
        raise PermanentFailure(f"recipients refused: {exc.recipients}") from None
    except aiosmtplib.SMTPException as exc:  # connection lost, time-out, TLS: try again
        raise TemporaryFailure(f"{type(exc).__name__}: {exc}") from None


CHANNEL = Channel("email", EmailConfig, send)
