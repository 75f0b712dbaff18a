"""The project's own error types: each says what failed and what to do about it."""

from __future__ import annotations


class WebcareError(Exception):
    """Base class; the CLI prints these as one line instead of a traceback."""


class ConfigError(WebcareError):
    """Configuration that does not validate; the message names every bad field."""


class ServiceError(WebcareError):
    """A local service could not be fetched, started or stopped."""


class ServiceUnavailable(WebcareError):
    """A service we depend on (Kafka, Elasticsearch) cannot be reached."""

    def __init__(self, service: str, address: str, hint: str, cause: object = None) -> None:
        self.service, self.address, self.hint = service, address, hint
        detail = f" ({cause})" if cause else ""
        super().__init__(f"{service} is not reachable at {address}{detail}. {hint}")


class InvalidMention(WebcareError):
    """A raw record that is not a valid mention; ``reason`` goes to the dead-letter topic."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)
