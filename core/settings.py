"""One frozen settings object, built once at start-up from the environment and passed down.

No other module reads the environment. Service addresses come from ``WEBCARE_KAFKA_BOOTSTRAP``
and ``WEBCARE_ES_URL`` or, when unset, from the state that ``webcare local up`` left behind.
"""

from __future__ import annotations

import ipaddress
import json
import re
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from core.errors import ConfigError, ServiceUnavailable

_NAMESPACE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,40}$")


def redact_url(url: str) -> str:
    """``https://user:secret@host:9200`` -> ``https://***@host:9200``."""
    parts = urlsplit(url)
    if not (parts.username or parts.password):
        return url
    host = parts.hostname or ""
    netloc = f"***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WEBCARE_", frozen=True, extra="forbid")

    environment: Literal["development", "production"] = "development"
    home: Path = Field(Path(".webcare"), description="local state, service data and caches")
    kafka_bootstrap: str | None = None
    es_url: str | None = None
    # Secured services. Elasticsearch: an API key, or a user and password; the CA that signed
    # its certificate; a client certificate where the cluster asks for one.
    es_api_key: SecretStr | None = None
    es_username: str | None = None
    es_password: SecretStr | None = None
    es_ca_file: Path | None = None
    es_client_cert: Path | None = None
    es_client_key: Path | None = None
    # Kafka: SASL (PLAIN or SCRAM) over TLS, or TLS alone.
    kafka_security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = (
        "PLAINTEXT")
    kafka_sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] = "PLAIN"
    kafka_username: str | None = None
    kafka_password: SecretStr | None = None
    kafka_ca_file: Path | None = None
    # A worker that dies without leaving its consumer group (SIGKILL, a lost machine) keeps its
    # partitions this long before the others take them over; alerts on them wait as long.
    # Faust's default is 60 s; heartbeats come from the consumer's own thread every third of
    # this, so a busy stream does not miss them. Brokers refuse less than 6 s by default.
    kafka_session_timeout_s: float = Field(10.0, ge=6, le=90)
    # Prefix for topics, indices, aliases and the consumer group: isolates parallel runs.
    namespace: str = ""
    brands: Path | None = None
    # With brands configured, a mention that concerns none of them is not indexed.
    index_unmatched: bool = False
    enrichment: Path | None = Field(None, description="YAML choosing the enrichment steps")
    teams: Path | None = Field(None, description="YAML of teams, their brands and API key hashes")
    api_port: int = Field(8000, ge=1, le=65535)
    api_max_live_streams: int = Field(5, ge=1, le=1000, description="open SSE streams a team")
    # The console's session cookies are signed with this; unset, each API process makes its
    # own at start (sessions then end with the process and are not shared between replicas).
    console_secret: SecretStr | None = Field(None, min_length=32)
    console_session_hours: float = Field(12, gt=0, le=24 * 30)
    # Set when the console is served over HTTPS (directly or behind a proxy): cookies get the
    # Secure flag.
    console_https: bool = False
    # Webhook receiver (`webcare ingest webhook`).
    meta_app_secret: str | None = None
    meta_verify_token: str | None = None
    webhook_secret: str | None = None
    meta_accounts: dict[str, str] = Field(
        default_factory=dict, description="Meta page/phone-number id -> brand handle (JSON)")
    webhook_max_body_kb: int = Field(1024, ge=1, le=65536)
    # Open social firehoses (`webcare ingest bluesky | mastodon`).
    jetstream_url: str = "wss://jetstream2.us-east.bsky.network/subscribe"
    mastodon_url: str | None = Field(None, description="e.g. https://mastodon.social")
    mastodon_token: str | None = None
    # E-mail alerts go through the operator's SMTP server; subscriptions name recipients only.
    smtp_host: str | None = None
    smtp_port: int = Field(587, ge=1, le=65535)
    smtp_sender: str = "webcare@localhost"
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = Field(True, description="upgrade with STARTTLS (port 587)")
    smtp_tls: bool = Field(False, description="implicit TLS from the first byte (port 465)")
    smtp_timeout_s: float = Field(10.0, gt=0, le=120)
    smtp_ca_file: Path | None = Field(None, description="CA bundle that signed the server's "
                                      "certificate (default: the system's)")
    # Alerts reach public addresses only; these networks (CIDR, JSON list) are allowed too,
    # for operators whose receivers are internal, e.g. ["10.20.0.0/16"].
    outbound_allow: list[str] = Field(default_factory=list)
    # Records larger than this go to the dead-letter topic cut to this size (the original size
    # and origin in headers): a dead letter must never be refused by the broker itself.
    dead_letter_max_bytes: int = Field(900_000, ge=1024, le=100_000_000)
    java_home: Path | None = None
    partitions: int = Field(4, ge=1, le=256)
    # Mentions a batch of the enrich role takes at most (it waits worker_batch_within_s for
    # them). 1,000 against 500: 6-14% less CPU a mention at full speed in three alternating
    # runs (fewer bulk requests and sends, less Faust bookkeeping per batch); at 500/s a batch
    # holds about 100, so the latency does not change.
    worker_batch_size: int = Field(1000, ge=1, le=10_000)
    # Child processes of the enrich role that enrich its batches on other cores while its own
    # process reads and writes (pipeline/enrichment_processes.py); 0: in its own process.
    enrichment_processes: int = Field(1, ge=0, le=64)
    worker_batch_within_s: float = Field(0.2, gt=0, le=10)
    # An answered conversation closes after this long without a message; one still waiting
    # for the brand stays open. Threads idle longer than the retention are forgotten by the
    # worker (their conversations stay in Elasticsearch).
    conversation_quiet_minutes: float = Field(120, gt=0, le=30 * 24 * 60)
    conversation_retention_days: float = Field(30, gt=0, le=400)
    conversation_sweep_s: float = Field(5.0, gt=0, le=3600)
    # De-duplication remembers a mention this long after its first delivery; older entries
    # are forgotten every dedup_sweep_s, so the table's memory and changelog stay bounded.
    dedup_window_hours: float = Field(72, gt=0, le=24 * 365)
    dedup_sweep_s: float = Field(600, gt=0, le=86_400)
    es_heap_mb: int = Field(512, ge=256, le=8192)
    kafka_heap_mb: int = Field(512, ge=128, le=8192)

    @field_validator("namespace")
    @classmethod
    def _namespace_is_safe(cls, value: str) -> str:
        if value and not _NAMESPACE.match(value):
            raise ValueError("lowercase letters, digits, '-' and '_' only (max 41 chars)")
        return value

    @model_validator(mode="after")
    def _production_is_explicit(self) -> Settings:
        if self.environment == "production" and not (self.kafka_bootstrap and self.es_url):
            raise ValueError(
                "production needs WEBCARE_KAFKA_BOOTSTRAP and WEBCARE_ES_URL set explicitly "
                "(the local-stack fallback is for development only)"
            )
        return self

    @field_validator("outbound_allow")
    @classmethod
    def _networks(cls, values: list[str]) -> list[str]:
        for value in values:
            ipaddress.ip_network(value, strict=False)  # ValueError names the bad one
        return values

    @model_validator(mode="after")
    def _one_kind_of_smtp_tls(self) -> Settings:
        if self.smtp_tls and self.smtp_starttls:
            raise ValueError("WEBCARE_SMTP_TLS (implicit TLS) and WEBCARE_SMTP_STARTTLS exclude "
                             "each other: set WEBCARE_SMTP_STARTTLS=false with it")
        return self

    @model_validator(mode="after")
    def _credentials_complete(self) -> Settings:
        if (self.es_username is None) != (self.es_password is None):
            raise ValueError("WEBCARE_ES_USERNAME and WEBCARE_ES_PASSWORD go together")
        if self.es_api_key is not None and self.es_username is not None:
            raise ValueError("give WEBCARE_ES_API_KEY or a user and password, not both")
        if (self.es_client_cert is None) != (self.es_client_key is None):
            raise ValueError("WEBCARE_ES_CLIENT_CERT and WEBCARE_ES_CLIENT_KEY go together")
        sasl = self.kafka_security_protocol.startswith("SASL")
        if sasl and not (self.kafka_username and self.kafka_password):
            raise ValueError(f"{self.kafka_security_protocol} needs WEBCARE_KAFKA_USERNAME and "
                             "WEBCARE_KAFKA_PASSWORD")
        return self

    @property
    def state_file(self) -> Path:
        return self.home / "local" / "state.json"

    def topic(self, name: str) -> str:
        return f"{self.namespace}.{name}" if self.namespace else name

    def index_name(self, name: str) -> str:
        return f"{self.namespace}-{name}" if self.namespace else name

    def resolved_kafka(self) -> str:
        return self.kafka_bootstrap or self._from_state("kafka_bootstrap", "Kafka")

    def resolved_es(self) -> str:
        return (self.es_url or self._from_state("es_url", "Elasticsearch")).rstrip("/")

    def es_address(self) -> str:
        """The Elasticsearch URL fit for a log line or an error: credentials in it cut out."""
        return redact_url(self.resolved_es())

    def _from_state(self, key: str, service: str) -> str:
        try:
            value = json.loads(self.state_file.read_text()).get(key)
        except (OSError, ValueError):
            value = None
        if not value:
            env = "WEBCARE_KAFKA_BOOTSTRAP" if service == "Kafka" else "WEBCARE_ES_URL"
            raise ServiceUnavailable(
                service, "(not configured)",
                f"Set {env}, or start the local services with `webcare local up`.",
            )
        return str(value)


def load_settings(**overrides: object) -> Settings:
    """Build the settings, turning validation errors into one readable ConfigError."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = "; ".join(
            f"WEBCARE_{'_'.join(str(p) for p in err['loc']).upper() or 'SETTINGS'}: {err['msg']}"
            for err in exc.errors()
        )
        raise ConfigError(f"invalid settings: {problems}") from None
