"""The API tested by its own OpenAPI schema (schemathesis): requests generated from the schema, valid and not, with a
token of the world's instansi over a year of data; no answer may be a 500, and every answer must match the schema
(status, content type, body). Few examples per operation and derandomized, so it runs the same in a minute or two."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from api import services

# The schema as the server gives it (no database read is needed to describe the API).
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())


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
def test_every_answer_of_the_api_matches_its_schema(case, data_api, kunci, settings):
    settings.API_RATE_LIMIT = "100000/min"
    case.call_and_validate(headers={"Authorization": f"Bearer {kunci}"})
