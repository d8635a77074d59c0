"""docker-compose.yml and the Dockerfile agree with the code they run.

No Docker engine runs here, so the files are parsed, not started: every variable the app services set is one the
settings read, the workers cover the Celery queues, web serves the WSGI application the settings name, and the image
runs the same command as the web service. The settings' refusal to start without SECRET_KEY is checked for real.
"""

import json
import os
import re
import shlex
import subprocess
import sys
from fnmatch import fnmatch
from functools import cache
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import dj_database_url
import pytest
import yaml
from django.conf import settings
from django.urls import reverse

from kinerja.celery import app as celery_app
from kinerja.env import envbool

BASE_DIR = Path(__file__).resolve().parent.parent
SIX_SERVICES = {"postgres", "redis", "web", "worker", "worker-reports", "beat"}
# The Kinerja processes of the stack (postgres and redis are the other two).
APP_PROCESSES = ("web", "worker", "worker-reports", "beat")
REQUIRED_VARIABLES = {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS"}
# How kinerja/settings.py reads its environment (kinerja/env.py), and the standard library's ways, should they appear.
SETTINGS_SOURCES = (BASE_DIR / "kinerja" / "settings.py", BASE_DIR / "kinerja" / "env.py")
ENV_READS = (
    re.compile(r"""\benv(?:bool|int|list)?\(\s*["']([A-Za-z_][A-Za-z0-9_]*)["']"""),
    re.compile(r"""\bos\.(?:environ\.get|getenv)\(\s*["']([A-Za-z_][A-Za-z0-9_]*)["']"""),
    re.compile(r"""\bos\.environ\[\s*["']([A-Za-z_][A-Za-z0-9_]*)["']\s*\]"""),
)


# -- reading the files ---------------------------------------------------------------------------------------------


@cache
def compose() -> dict:
    return yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())


def services() -> dict:
    return compose()["services"]


def app_services() -> dict:
    """Services that run the Kinerja image, i.e. are built from this repository's Dockerfile."""
    return {name: svc for name, svc in services().items() if "build" in svc}


def environment(service: dict) -> dict:
    env = service.get("environment") or {}
    if isinstance(env, list):  # the `- NAME=value` form
        env = dict(item.split("=", 1) if "=" in item else (item, None) for item in env)
    return env


def argv_of(command) -> list[str]:
    return [str(arg) for arg in command] if isinstance(command, list) else shlex.split(command)


def command_of(name: str) -> list[str]:
    return argv_of(services()[name]["command"])


@cache
def settings_variables() -> frozenset[str]:
    names = set()
    for source in SETTINGS_SOURCES:
        text = source.read_text()
        for pattern in ENV_READS:
            names.update(pattern.findall(text))
    return frozenset(names)


_COMPOSE_VARIABLE = re.compile(r"\$\$|\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}")


def interpolate(value: str, env: dict[str, str]) -> str:
    """Compose's substitution of ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error} and $$."""

    def substitute(match: re.Match) -> str:
        if match[0] == "$$":
            return "$"
        name, op = match["name"], match["op"] or ""
        if name in env and (env[name] != "" or not op.startswith(":")):
            return env[name]
        if op.endswith("-"):
            return match["arg"]
        if op.endswith("?"):
            raise KeyError(f"{name} is required: {match['arg']}")
        return ""

    return _COMPOSE_VARIABLE.sub(substitute, str(value))


def option(argv: list[str], *names: str) -> list[str]:
    """Every value given to a command-line option, in any spelling: `-Q x`, `-Qx`, `--queues x`, `--queues=x`."""
    values = []
    for i, arg in enumerate(argv):
        for name in names:
            if arg == name and i + 1 < len(argv):
                values.append(argv[i + 1])
            elif name.startswith("--") and arg.startswith(name + "="):
                values.append(arg[len(name) + 1 :])
            elif not name.startswith("--") and arg.startswith(name) and not arg.startswith("--") and arg != name:
                values.append(arg[len(name) :])
    return values


def celery_subcommand(argv: list[str]) -> str | None:
    """`worker` in `celery -A kinerja worker -Q default`; None when the command is not celery."""
    if not argv or Path(argv[0]).name != "celery":
        return None
    takes_value = {"-A", "--app", "-b", "--broker", "--result-backend", "--loader", "--config", "--workdir"}
    args = iter(argv[1:])
    for arg in args:
        if arg in takes_value:
            next(args, None)
        elif not arg.startswith("-"):
            return arg
    return None


def celery_services(subcommand: str) -> dict[str, list[str]]:
    return {
        name: argv_of(svc["command"])
        for name, svc in services().items()
        if "command" in svc and celery_subcommand(argv_of(svc["command"])) == subcommand
    }


def worker_queues(argv: list[str]) -> set[str]:
    return {queue for value in option(argv, "-Q", "--queues") for queue in value.split(",") if queue}


_WSGI_TARGET = re.compile(r"^[A-Za-z_][\w.]*:[A-Za-z_]\w*$")  # module:callable, not a host:port


def gunicorn_invocation(argv: list[str]) -> tuple[str, list[str]]:
    """(the WSGI target, the --bind values) of a gunicorn command line, also inside `sh -c "exec gunicorn …"`."""
    if len(argv) >= 3 and Path(argv[0]).name in {"sh", "bash"} and argv[1] == "-c":
        argv = shlex.split(argv[2])
    if argv and argv[0] == "exec":
        argv = argv[1:]
    assert argv and Path(argv[0]).name == "gunicorn", f"not a gunicorn command: {argv}"
    targets = [arg for arg in argv[1:] if _WSGI_TARGET.match(arg)]
    assert len(targets) == 1, f"expected one module:callable in {argv}"
    return targets[0], option(argv, "-b", "--bind")


@cache
def dockerfile_stages() -> list[tuple[str, list[tuple[str, str]]]]:
    """[(FROM arguments, [(INSTRUCTION, arguments), …]), …], continuation lines joined, comments dropped."""
    instructions, current = [], ""
    for raw in (BASE_DIR / "Dockerfile").read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        keyword, _, rest = (current + line).partition(" ")
        instructions.append((keyword.upper(), rest.strip()))
        current = ""
    stages = []
    for keyword, rest in instructions:
        if keyword == "FROM":
            stages.append((rest, []))
        elif stages:
            stages[-1][1].append((keyword, rest))
    return stages


def final_stage() -> list[tuple[str, str]]:
    return dockerfile_stages()[-1][1]


def exec_form(arguments: str) -> list[str]:
    """A Dockerfile CMD/ENTRYPOINT as the argv Docker runs: JSON (exec) form, or shell form under /bin/sh -c."""
    if arguments.startswith("["):
        return json.loads(arguments)
    return ["/bin/sh", "-c", arguments]


def image_command() -> list[str]:
    entrypoint = cmd = []
    for keyword, rest in final_stage():
        if keyword == "ENTRYPOINT":
            entrypoint = exec_form(rest)
        elif keyword == "CMD":
            cmd = exec_form(rest)
    return entrypoint + cmd


def image_env() -> dict[str, str]:
    env = {}
    for keyword, rest in final_stage():
        if keyword == "ENV":
            env.update(item.split("=", 1) for item in shlex.split(rest))
    return env


def run_python(code: str, **overrides: str) -> subprocess.CompletedProcess:
    """Run code in a fresh interpreter with the production settings module and DEBUG off, as the containers do."""
    env = {key: value for key, value in os.environ.items() if key != "SECRET_KEY"}
    env.update(DJANGO_SETTINGS_MODULE="kinerja.settings", DEBUG="False")
    env.update(overrides)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


# -- the services ----------------------------------------------------------------------------------------------------


def test_compose_defines_the_six_services():
    assert SIX_SERVICES <= set(services()), f"missing: {sorted(SIX_SERVICES - set(services()))}"
    assert set(APP_PROCESSES) <= set(app_services()), "web, workers and beat must run the image built here"


def test_app_services_set_only_variables_the_settings_read():
    read = settings_variables()
    assert REQUIRED_VARIABLES <= read, f"the patterns no longer find the settings' variables: {sorted(read)}"
    for name, service in app_services().items():
        unknown = set(environment(service)) - read
        assert not unknown, f"{name} sets {sorted(unknown)}, which kinerja/settings.py never reads"


def test_app_services_share_one_environment_with_the_required_variables():
    shared = compose()["x-kinerja-env"]
    for name, service in app_services().items():
        env = environment(service)
        assert REQUIRED_VARIABLES <= set(env), f"{name} lacks {sorted(REQUIRED_VARIABLES - set(env))}"
        assert env == shared, f"{name} does not use the x-kinerja-env settings"


def test_secret_key_comes_from_the_environment_and_debug_is_off(monkeypatch):
    for name, service in app_services().items():
        env = environment(service)
        # Required and never defaulted: compose refuses to start without it instead of using a known key.
        assert re.fullmatch(r"\$\{SECRET_KEY:\?[^}]*\}", env["SECRET_KEY"]), f"{name}: SECRET_KEY={env['SECRET_KEY']}"
        assert "${ALLOWED_HOSTS" in env["ALLOWED_HOSTS"], f"{name}: ALLOWED_HOSTS must come from the deployment"
        monkeypatch.setenv("DEBUG", interpolate(env["DEBUG"], {}))
        assert envbool("DEBUG") is False, f"{name} runs with DEBUG on"


def test_database_url_points_at_the_postgres_service():
    postgres = environment(services()["postgres"])
    secrets = {"POSTGRES_PASSWORD": "from-the-env-file"}
    for name, service in app_services().items():
        db = dj_database_url.parse(interpolate(environment(service)["DATABASE_URL"], secrets))
        assert db["ENGINE"] == "django.db.backends.postgresql", name
        assert db["HOST"] == "postgres", name
        assert db["PORT"] in (5432, "", None), name
        # The same database, role and password the postgres container is created with.
        assert (db["NAME"], db["USER"], db["PASSWORD"]) == (
            interpolate(postgres["POSTGRES_DB"], secrets),
            interpolate(postgres["POSTGRES_USER"], secrets),
            interpolate(postgres["POSTGRES_PASSWORD"], secrets),
        ), name


def test_redis_url_points_at_the_redis_service():
    for name, service in app_services().items():
        url = urlsplit(interpolate(environment(service)["REDIS_URL"], {}))
        assert url.scheme in ("redis", "rediss"), name
        assert url.hostname == "redis", name
        assert url.port in (6379, None), name


def test_media_root_is_one_named_volume_shared_by_web_and_workers():
    sources = set()
    for name in ("web", "worker", "worker-reports"):
        service = services()[name]
        media_root = interpolate(environment(service)["MEDIA_ROOT"], {})
        mounts = []
        for volume in service.get("volumes", []):
            if isinstance(volume, dict):
                mounts.append((volume.get("source"), volume.get("target")))
            else:
                source, target = volume.split(":")[:2]
                mounts.append((source, target))
        on_media = [source for source, target in mounts if target == media_root]
        assert on_media, f"{name}: nothing is mounted on MEDIA_ROOT={media_root}"
        assert on_media[0] in (compose().get("volumes") or {}), f"{name}: {on_media[0]} is not a named volume"
        sources.add(on_media[0])
    assert len(sources) == 1, f"web and workers must see the same files: {sorted(sources)}"
    # The image creates that directory writable by its non-root user; a named volume starts with that ownership.
    assert image_env().get("MEDIA_ROOT") == media_root


def test_postgres_and_redis_are_health_checked_and_the_app_waits_for_them():
    postgres, redis = services()["postgres"], services()["redis"]
    assert postgres["image"] == "postgres:15"
    assert "pg_isready" in " ".join(argv_of(postgres["healthcheck"]["test"]))
    assert any(str(v).endswith(":/var/lib/postgresql/data") for v in postgres["volumes"]), "database on a volume"
    assert redis["image"] == "redis:7"
    assert "ping" in argv_of(redis["healthcheck"]["test"])
    for name in APP_PROCESSES:
        depends_on = services()[name].get("depends_on") or {}
        for dependency in ("postgres", "redis"):
            assert depends_on.get(dependency, {}).get("condition") == "service_healthy", f"{name} → {dependency}"


def test_migrations_run_once_before_web_workers_and_beat():
    migrators = [
        name
        for name, service in app_services().items()
        if "command" in service and argv_of(service["command"])[:3] == ["python", "manage.py", "migrate"]
    ]
    assert len(migrators) == 1, f"exactly one service migrates: {migrators}"
    migrate = migrators[0]
    assert "--noinput" in command_of(migrate)
    assert services()[migrate].get("restart") == "no", "a one-shot job"
    assert services()[migrate]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in APP_PROCESSES:
        condition = (services()[name].get("depends_on") or {}).get(migrate, {}).get("condition")
        assert condition == "service_completed_successfully", f"{name} may start before the migrations"


# -- Celery ----------------------------------------------------------------------------------------------------------


def test_workers_consume_every_celery_queue_and_only_those():
    defined = {queue.name for queue in celery_app.conf.task_queues}
    workers = celery_services("worker")
    assert {"worker", "worker-reports"} <= set(workers)
    consumed = set()
    for name, argv in workers.items():
        assert option(argv, "-A", "--app") == ["kinerja"], name
        queues = worker_queues(argv)
        # Without -Q a worker consumes every queue, and PDF rendering would no longer be confined to its own worker.
        assert queues, f"{name} names no queue (-Q)"
        assert queues <= defined, f"{name} consumes {sorted(queues - defined)}, which kinerja.celery does not define"
        consumed |= queues
    assert consumed == defined, f"no worker consumes {sorted(defined - consumed)}"
    routed = {route["queue"] for route in celery_app.conf.task_routes.values()}
    assert routed | {celery_app.conf.task_default_queue} <= consumed


def test_reports_worker_is_bounded():
    argv = command_of("worker-reports")
    assert worker_queues(argv) == {"reports"}
    assert option(argv, "-c", "--concurrency") == ["1"]
    max_tasks = option(argv, "--max-tasks-per-child")
    assert len(max_tasks) == 1 and int(max_tasks[0]) > 0, "the rendering process must be recycled"
    assert celery_app.amqp.router.route({}, "kinerja.reports.any")["queue"].name == "reports"


def test_beat_runs_once_with_the_kinerja_app():
    beats = celery_services("beat")
    assert list(beats) == ["beat"], "exactly one scheduler, or every periodic task runs several times"
    argv = beats["beat"]
    assert option(argv, "-A", "--app") == ["kinerja"]
    service = services()["beat"]
    assert int((service.get("deploy") or {}).get("replicas", 1)) == 1
    assert int(service.get("scale", 1)) == 1
    # The image's code directory is read-only to its user: the state file must be written elsewhere.
    schedule = option(argv, "-s", "--schedule")
    workdir = [rest for keyword, rest in final_stage() if keyword == "WORKDIR"][-1]
    assert schedule and not PurePosixPath(schedule[0]).is_relative_to(workdir), schedule


# -- web and the image -----------------------------------------------------------------------------------------------


def test_web_runs_gunicorn_on_the_wsgi_application_of_the_settings():
    target, binds = gunicorn_invocation(command_of("web"))
    module, _, attribute = settings.WSGI_APPLICATION.rpartition(".")
    assert target == f"{module}:{attribute}"
    assert binds == ["0.0.0.0:8000"]
    published = [interpolate(port, {}).rsplit(":", 1)[-1].split("/")[0] for port in services()["web"]["ports"]]
    assert published == ["8000"]
    health = " ".join(argv_of(services()["web"]["healthcheck"]["test"]))
    assert f"http://127.0.0.1:8000{reverse('healthz')}" in health


def test_wsgi_application_imports_with_production_settings():
    target, _ = gunicorn_invocation(command_of("web"))
    module, attribute = target.split(":")
    code = f"import importlib; app = getattr(importlib.import_module({module!r}), {attribute!r}); print(callable(app))"
    result = run_python(code, SECRET_KEY="a-test-key-" + "x" * 40, ALLOWED_HOSTS="kinerja.example.go.id")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_dockerfile_runs_the_same_gunicorn_as_the_web_service():
    assert gunicorn_invocation(image_command()) == gunicorn_invocation(command_of("web"))
    exposed = [rest.split() for keyword, rest in final_stage() if keyword == "EXPOSE"]
    assert ["8000"] in exposed


def test_dockerfile_builds_on_python_311_slim_and_runs_as_a_non_root_user():
    assert {from_args.split()[0] for from_args, _ in dockerfile_stages()} == {"python:3.11-slim-bookworm"}
    users = [rest for keyword, rest in final_stage() if keyword == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0")
    runs = " ".join(rest for keyword, rest in final_stage() if keyword == "RUN")
    for library in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "fonts-dejavu-core"):
        assert library in runs, f"WeasyPrint needs {library}"
    assert "nodejs" not in runs and "npm" not in runs, "Node.js belongs to the build stage only"
    assert "pip install -r requirements.lock" in runs
    assert "requirements-dev" not in runs, "the production image installs the runtime set only"


def test_dockerfile_puts_the_vendored_assets_where_staticfiles_dirs_expects():
    workdir = PurePosixPath([rest for keyword, rest in final_stage() if keyword == "WORKDIR"][-1])
    wanted = set()
    for entry in settings.STATICFILES_DIRS:
        path = Path(entry[1] if isinstance(entry, tuple) else entry)
        if "node_modules" in path.parts:
            wanted.add(workdir / path.relative_to(BASE_DIR).as_posix())
    assert len(wanted) == 2, wanted  # bootstrap/dist and bootstrap-icons/font
    copied = set()
    for keyword, rest in final_stage():
        if keyword == "COPY" and "--from=" in rest:
            destination = PurePosixPath(shlex.split(rest)[-1])
            copied.add(destination if destination.is_absolute() else workdir / destination)
    assert wanted <= copied, f"not copied into the image: {sorted(map(str, wanted - copied))}"


def test_dockerfile_collects_static_files_without_keeping_a_secret():
    collects = [rest for keyword, rest in final_stage() if keyword == "RUN" and "collectstatic" in rest]
    assert len(collects) == 1
    assert collects[0].startswith("SECRET_KEY=build-only DEBUG=False python manage.py collectstatic --noinput")
    for _, instructions in dockerfile_stages():
        for keyword, rest in instructions:
            assert not (keyword in ("ENV", "ARG") and "SECRET_KEY" in rest), "a SECRET_KEY would stay in the image"


def test_dockerignore_keeps_local_state_and_secrets_out_of_the_image():
    lines = (BASE_DIR / ".dockerignore").read_text().splitlines()
    patterns = [line.strip().removeprefix("**/") for line in lines if line.strip() and not line.startswith("#")]

    def ignored(path: str) -> bool:
        return any(fnmatch(path, pattern) or path.startswith(pattern.rstrip("/") + "/") for pattern in patterns)

    for path in (".git", ".venv", "node_modules", "var", "db.sqlite3", ".env"):
        assert ignored(path), f"{path} would be sent to the build"
    for path in ("requirements.lock", "package.json", "package-lock.json", "manage.py", "kinerja/settings.py"):
        assert not ignored(path), f"the build needs {path}"


# -- start-up --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("secret_key", [None, ""], ids=["unset", "empty"])
def test_settings_refuse_to_start_with_debug_off_and_no_secret_key(secret_key):
    overrides = {} if secret_key is None else {"SECRET_KEY": secret_key}
    result = run_python("import django; django.setup()", **overrides)
    assert result.returncode != 0
    assert "django.core.exceptions.ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_settings_start_with_debug_off_and_a_secret_key():
    code = (
        "import os, django; django.setup(); from django.conf import settings; "
        "print(settings.DEBUG, settings.SECRET_KEY == os.environ['SECRET_KEY'])"
    )
    result = run_python(code, SECRET_KEY="a-test-key-" + "x" * 40, ALLOWED_HOSTS="kinerja.example.go.id")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False True"
