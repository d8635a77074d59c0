"""Survey fixtures (the clock is tests/conftest.py's `jam`)."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _cache_kosong():
    """Rate-limit counters live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()
