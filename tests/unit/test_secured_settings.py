"""Credentials are settings of their own, reach every client, and never show in a log line or
an error: the Elasticsearch URL is redacted, a half-given credential is refused at start."""

from __future__ import annotations

import ssl
from pathlib import Path
from typing import Any

import pytest

from agents.producer import MentionProducer
from core.elasticsearch import _options
from core.errors import ConfigError
from core.kafka import aiokafka_security, kafka_python_security
from core.settings import Settings, load_settings, redact_url
from deploy.local.certificates import make_certificates
from models.brands import BrandConfig
from models.enrich import Enricher
from pipeline.app import broker_credentials, create_app


def secured(tmp_path: Path, **overrides: Any) -> Settings:
    ca = make_certificates(tmp_path).ca_file
    values: dict[str, Any] = {
        "home": tmp_path, "kafka_bootstrap": "127.0.0.1:1", "es_url": "https://127.0.0.1:1",
        "es_username": "webcare", "es_password": "es-secret-1", "es_ca_file": ca,
        "kafka_security_protocol": "SASL_SSL", "kafka_sasl_mechanism": "SCRAM-SHA-512",
        "kafka_username": "worker", "kafka_password": "kafka-secret-2", "kafka_ca_file": ca}
    values.update(overrides)
    return Settings(**values)


def test_credentials_reach_the_elasticsearch_and_kafka_clients(tmp_path: Path) -> None:
    settings = secured(tmp_path)
    es = _options(settings, 5.0)
    assert es["basic_auth"] == ("webcare", "es-secret-1")
    assert es["ca_certs"] == str(settings.es_ca_file)
    for options in (aiokafka_security(settings), kafka_python_security(settings)):
        assert options["security_protocol"] == "SASL_SSL"
        assert options["sasl_mechanism"] == "SCRAM-SHA-512"
        assert options["sasl_plain_password"] == "kafka-secret-2"
        assert isinstance(options["ssl_context"], ssl.SSLContext)
    producer = MentionProducer.for_settings(settings, "mentions.raw")
    assert producer._options["sasl_plain_username"] == "worker"
    credentials = broker_credentials(settings)
    assert credentials is not None and credentials.protocol.name == "SASL_SSL"
    app = create_app(settings, Enricher(BrandConfig()))  # nothing connects at creation
    configured = app.conf.broker_credentials
    assert configured is not None and configured.protocol.name == "SASL_SSL"


def test_an_api_key_is_sent_as_one(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, es_url="https://127.0.0.1:1", es_api_key="a2V5OnNlY3JldA==")
    assert _options(settings, 5.0)["api_key"] == "a2V5OnNlY3JldA=="
    assert "basic_auth" not in _options(settings, 5.0)


@pytest.mark.parametrize("overrides, message", [
    ({"es_password": None}, "WEBCARE_ES_USERNAME and WEBCARE_ES_PASSWORD go together"),
    ({"kafka_password": None}, "SASL_SSL needs WEBCARE_KAFKA_USERNAME"),
    ({"es_api_key": "abc"}, "not both"),
])
def test_half_given_credentials_are_refused_at_start(tmp_path: Path, overrides: dict[str, Any],
                                                      message: str) -> None:
    ca = make_certificates(tmp_path).ca_file
    values: dict[str, Any] = {
        "home": tmp_path, "es_username": "webcare", "es_password": "es-secret-1",
        "kafka_security_protocol": "SASL_SSL", "kafka_username": "worker",
        "kafka_password": "kafka-secret-2", "kafka_ca_file": ca, **overrides}
    with pytest.raises(ConfigError, match=message):
        load_settings(**values)


def test_secrets_never_show_in_the_settings_or_the_address(tmp_path: Path) -> None:
    settings = secured(tmp_path, es_url="https://admin:hunter2@es.example.org:9200")
    assert settings.es_address() == "https://***@es.example.org:9200"
    shown = repr(settings) + str(settings.model_dump())
    assert "hunter2" not in settings.es_address()
    assert "es-secret-1" not in shown and "kafka-secret-2" not in shown
    assert redact_url("http://127.0.0.1:9200") == "http://127.0.0.1:9200"
