"""Settings come from the environment: checked in a fresh interpreter for each configuration."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import json
from kinerja import settings as s
db = s.DATABASES["default"]
print(json.dumps({
    "engine": db["ENGINE"], "pool": db.get("OPTIONS", {}).get("pool"), "health": db.get("CONN_HEALTH_CHECKS"),
    "max_age": db.get("CONN_MAX_AGE"), "cache": s.CACHES["default"]["BACKEND"], "eager": s.CELERY_TASK_ALWAYS_EAGER,
    "broker": s.CELERY_BROKER_URL, "tz": s.TIME_ZONE, "lang": s.LANGUAGE_CODE,
    "langs": [code for code, _ in s.LANGUAGES], "hosts": s.ALLOWED_HOSTS, "email_port": s.EMAIL_PORT,
}))
"""


def load(**env) -> dict:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY"}}
    clean.setdefault("KINERJA_ENV_FILE", str(ROOT / "var" / "no-such.env"))
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_defaults_are_the_embedded_demo():
    conf = load(DEBUG="True")
    assert conf["engine"] == "django.db.backends.sqlite3"
    assert conf["cache"].endswith("LocMemCache")
    assert conf["eager"] is True
    assert (conf["tz"], conf["lang"], conf["langs"]) == ("Asia/Makassar", "id", ["id", "en"])
    assert conf["hosts"] == ["127.0.0.1", "localhost"]


def test_postgres_uses_health_checks_and_a_psycopg_pool():
    conf = load(SECRET_KEY="x" * 50, DATABASE_URL="postgres://k:p@db:5432/kinerja", ALLOWED_HOSTS="kinerja.go.id")
    assert conf["engine"] == "django.db.backends.postgresql"
    assert conf["health"] is True
    assert conf["max_age"] == 0  # persistent connections are the pool's job
    assert conf["pool"] == {"min_size": 2, "max_size": 10, "timeout": 10}
    assert conf["hosts"] == ["kinerja.go.id"]


def test_redis_turns_off_eager_tasks_and_caches_in_redis():
    conf = load(SECRET_KEY="x" * 50, REDIS_URL="redis://cache:6379/0")
    assert conf["eager"] is False
    assert conf["broker"] == "redis://cache:6379/0"
    assert conf["cache"].endswith("RedisCache")


def test_an_empty_variable_means_the_default():
    assert load(DEBUG="True", EMAIL_PORT="")["email_port"] == 25


def test_a_local_env_file_is_read_and_the_environment_wins(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("# local\nDEBUG=True\nTIME_ZONE='Asia/Jakarta'\nEMAIL_PORT=2525\n", encoding="utf-8")
    conf = load(KINERJA_ENV_FILE=str(env_file), EMAIL_PORT="587")
    assert conf["tz"] == "Asia/Jakarta"  # from the file: DEBUG on, so no SECRET_KEY is needed either
    assert conf["email_port"] == 587  # the environment wins over the file


def test_without_the_file_and_without_a_key_start_up_is_refused():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
        | {"KINERJA_ENV_FILE": str(ROOT / "var" / "no-such.env")},
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off." in result.stderr
