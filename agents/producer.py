"""The one place that creates the kafka-python producer: house defaults, lazy creation, and
client errors turned into our own."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from kafka import KafkaProducer
from kafka.errors import KafkaError

from core.errors import ServiceUnavailable
from core.kafka import kafka_python_security
from core.settings import Settings

HOUSE_DEFAULTS: Mapping[str, Any] = {
    "acks": "all",
    "retries": 10,
    "retry_backoff_ms": 200,
    "linger_ms": 10,
    "batch_size": 256 * 1024,
    "max_in_flight_requests_per_connection": 5,
    "enable_idempotence": True,
    "request_timeout_ms": 30_000,
    "max_block_ms": 30_000,
    "client_id": "webcare-ingest",
}


class MentionProducer:
    """Publishes keyed mentions; counts deliveries and failures from the callbacks."""

    def __init__(self, bootstrap: str, topic: str, **overrides: Any) -> None:
        self.bootstrap, self.topic = bootstrap, topic
        self._options = {**HOUSE_DEFAULTS, **dict(overrides)}
        self._producer: KafkaProducer | None = None
        self._lock = threading.Lock()
        self.delivered = 0
        self.failed: list[str] = []

    @classmethod
    def for_settings(cls, settings: Settings, topic: str, **overrides: Any) -> MentionProducer:
        """A producer to the configured brokers, with their TLS and SASL settings."""
        return cls(settings.resolved_kafka(), topic,
                   **{**kafka_python_security(settings), **overrides})

    def _client(self) -> KafkaProducer:
        if self._producer is None:
            try:
                self._producer = KafkaProducer(bootstrap_servers=self.bootstrap, **self._options)
            except KafkaError:
                raise ServiceUnavailable(
                    "Kafka", self.bootstrap, "Start it with `webcare local up`."
                ) from None
        return self._producer

    def _ok(self, _metadata: Any) -> None:
        with self._lock:
            self.delivered += 1

    def _error(self, exc: BaseException) -> None:
        with self._lock:
            self.failed.append(str(exc))

    def send(self, key: bytes | None, value: bytes, topic: str | None = None) -> Any:
        """Queue one message (to this producer's topic unless another is named); returns
        kafka-python's future for it."""
        try:
            future = self._client().send(topic or self.topic, key=key, value=value)
        except KafkaError as exc:
            raise ServiceUnavailable("Kafka", self.bootstrap, "Is the broker up?", exc) from None
        future.add_callback(self._ok)
        future.add_errback(self._error)
        return future

    def publish_durably(self, messages: list[tuple[bytes | None, bytes]],
                        timeout_s: float = 30.0, topic: str | None = None) -> None:
        """Send and wait until Kafka acknowledged every message; raise ``ServiceUnavailable``
        if any was not, so a caller that answers a platform only acknowledges what is
        durable (the platform then sends it again)."""
        try:
            futures = [self.send(key, value, topic) for key, value in messages]
            self.flush(timeout_s)
        except ServiceUnavailable:
            self._discard()
            raise
        unsent = [f for f in futures if not (f.is_done and f.succeeded())]
        if unsent:
            self._discard()
            cause = next((f.exception for f in unsent if f.is_done), "not acknowledged in time")
            raise ServiceUnavailable("Kafka", self.bootstrap,
                                     f"{len(unsent)} of {len(futures)} messages not stored.",
                                     cause)

    def _discard(self) -> None:
        """Drop a client that failed: after a long outage kafka-python's idempotent producer
        can be left unable to send; the next message gets a fresh one."""
        producer, self._producer = self._producer, None
        if producer is not None:
            producer.close(timeout=0)

    def flush(self, timeout_s: float = 60.0) -> None:
        if self._producer is not None:
            try:
                self._producer.flush(timeout=timeout_s)
            except KafkaError as exc:
                raise ServiceUnavailable("Kafka", self.bootstrap, "Flush failed.", exc) from None

    def close(self) -> None:
        if self._producer is not None:
            self.flush()
            self._producer.close()
            self._producer = None

    def __enter__(self) -> MentionProducer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
