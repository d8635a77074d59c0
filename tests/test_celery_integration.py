"""A real round trip through Redis: tasks are sent over the broker and a Celery worker consumes them (no eager mode).

Runs when REDIS_URL is set; skipped otherwise, except where KINERJA_REQUIRE_SERVICES=1 (set by .ci/run), where a missing REDIS_URL is a failure:
CI must exercise the real broker. The worker runs in a thread of the test process (celery.contrib.testing), so it
shares the app and its task registry, and it is stopped when each test ends.
"""

import os
import signal
import threading
from contextlib import contextmanager

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from celery.result import EagerResult

from kinerja.celery import app, ping

pytestmark = pytest.mark.integration

RESULT_TIMEOUT = 30  # seconds for a task's answer
TEST_DEADLINE = 120  # seconds for a whole test, worker start and stop included


@app.task(name="kinerja.reports.integration_probe", bind=True, ignore_result=False)
def reports_probe(self) -> str:
    """Answers with the queue it was delivered from. Named like a report task, so task_routes sends it to `reports`."""
    return self.request.delivery_info["routing_key"]


@pytest.fixture
def redis_url() -> str:
    url = os.environ.get("REDIS_URL", "")
    if not url:
        if os.environ.get("KINERJA_REQUIRE_SERVICES") == "1":
            pytest.fail("REDIS_URL is not set: CI must run the Celery integration tests against a real Redis.")
        pytest.skip("REDIS_URL is not set: no Redis to run a real Celery worker against.")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=5).ping()
    except redis.RedisError as exc:  # the URL itself may hold a password: keep it out of the report
        pytest.fail(f"REDIS_URL is set but Redis does not answer: {exc.__class__.__name__}")
    return url


@pytest.fixture
def broker_app(redis_url):
    """The project's Celery app sending over Redis (the test settings run tasks in-process); restored afterwards."""
    keys = ("task_always_eager", "broker_url", "result_backend", "worker_hijack_root_logger")
    saved = {key: app.conf[key] for key in keys}
    # Leave pytest's logging alone: the embedded worker would otherwise take over the root logger.
    app.conf.update(task_always_eager=False, broker_url=redis_url, result_backend=redis_url)
    app.conf.worker_hijack_root_logger = False
    try:
        yield app
    finally:
        app.conf.update(saved)
        # The workers below narrowed the queues the app consumes from; consume from all of them again.
        app.amqp.queues.select(list(app.amqp.queues))


@contextmanager
def deadline(seconds: int):
    """Fail rather than hang the suite if the broker or the worker never answers (SIGALRM, main thread only)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def expire(signum, frame):
        raise TimeoutError(f"the Celery round trip did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def running_worker(queues: list[str]):
    """A real worker consuming `queues` from the broker, in a thread; on exit it is stopped and waited for."""
    with start_worker(
        app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=30, queues=queues
    ) as worker:
        yield worker


def test_ping_goes_through_redis_to_a_worker_on_the_default_queue(broker_app, redis_url):
    with deadline(TEST_DEADLINE), running_worker(["default"]):
        result = ping.delay()
        assert not isinstance(result, EagerResult), "sent in eager mode: no broker involved"
        assert result.get(timeout=RESULT_TIMEOUT) == "pong"
    # The answer came back through the result backend in Redis.
    assert redis.Redis.from_url(redis_url).exists(f"celery-task-meta-{result.id}") == 1
    result.forget()


def test_report_task_is_routed_to_the_reports_queue_and_consumed_there(broker_app):
    with deadline(TEST_DEADLINE), running_worker(["reports"]):
        result = reports_probe.delay()  # no queue given: the app's task_routes choose it
        assert not isinstance(result, EagerResult), "sent in eager mode: no broker involved"
        assert result.get(timeout=RESULT_TIMEOUT) == "reports"
    result.forget()
