"""Meta's verify token arrives in a query string; the receiver's access log never shows it."""

from __future__ import annotations

import logging

from agents.webhook_server import RedactSecrets


def test_the_verify_token_is_redacted_from_access_log_lines() -> None:
    record = logging.LogRecord(
        "uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET",
         "/webhooks/meta?hub.mode=subscribe&hub.verify_token=s3cr3t-token&hub.challenge=42",
         "1.1", 200), None)
    assert RedactSecrets().filter(record)
    line = record.getMessage()
    assert "s3cr3t-token" not in line
    assert "hub.verify_token=***&hub.challenge=42" in line
