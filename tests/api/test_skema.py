"""The API tested by its own OpenAPI schema (schemathesis): requests generated from the schema, valid and not, with a
token of the world's instansi over a year of data; no answer may be a 500, and every answer must match the schema
(status, content type, body). Few examples per operation and derandomized, so it runs the same in a minute or two."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from api import services

# The schema as the server gives it (no database read is needed to describe the API).
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())


@pytest.fixture
def tanpa_tutup_koneksi():
    """The requests go through the WSGI application, not the test client: keep Django from closing the test's
    database connection (inside its transaction) at each request's start and end, as the test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def kunci(world):
    return services.token_create(actor=world.users["admin_instansi"], instansi=world.instansi, nama="Uji skema")[1]


@schema.parametrize()
@hypothesis_settings(
    max_examples=6,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_answer_of_the_api_matches_its_schema(case, data_api, kunci, settings, tanpa_tutup_koneksi):
    settings.API_RATE_LIMIT = "100000/min"
    case.call_and_validate(headers={"Authorization": f"Bearer {kunci}"})
