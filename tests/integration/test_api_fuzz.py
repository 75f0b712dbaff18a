"""No input makes the API fail: schemathesis generates requests from the served OpenAPI (valid
and invalid ones) against the real Elasticsearch and Kafka, and no answer may be a 5xx. The
live stream is left out (it never ends); the example count per operation bounds the run."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok

from api.app import create_api
from core.settings import Settings
from core.teams import Team, Teams, hash_key
from tests.integration.conftest import serving

pytestmark = pytest.mark.integration

KEY = "wc_fuzzing_team_key"
TEAMS = Teams(teams=[Team(id="fuzz", brands=["kpn"], api_keys=[hash_key(KEY)])])
EXAMPLES = 15


def test_no_request_gets_a_server_error(settings: Settings) -> None:
    checked = []
    with serving(create_api(settings, TEAMS)) as url:
        schema = schemathesis.openapi.from_url(f"{url}/openapi.json")
        for found in schema.get_all_operations():
            assert isinstance(found, Ok), found  # the served OpenAPI must be valid
            operation = found.ok()
            if operation.path == "/v1/alerts/stream":
                continue

            @given(case=operation.as_strategy())
            @hypothesis_settings(max_examples=EXAMPLES, deadline=None, database=None,
                                 suppress_health_check=list(HealthCheck))
            def call(case: Any) -> None:
                case.call_and_validate(base_url=url, headers={"x-api-key": KEY},
                                       checks=[not_a_server_error])

            call()
            checked.append(f"{operation.method.upper()} {operation.path}")
    assert len(checked) >= 10, checked
