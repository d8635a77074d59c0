"""The two dependency locks: the runtime set (requirements.lock, all the production image installs) and the development
tools on top of it (requirements-dev.lock). The runtime lock must be complete on its own and hold no test tool."""

import re
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

BASE = Path(__file__).resolve().parent.parent
TEST_TOOLS = {"pytest", "pytest-django", "factory-boy", "hypothesis", "ruff", "playwright", "pypdf", "locust", "faker"}


def pins(name: str) -> dict[str, str]:
    found = {}
    for line in (BASE / name).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        package, version = re.fullmatch(r"([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==(\S+)", line).groups()
        found[canonicalize_name(package)] = version
    return found


def test_the_runtime_lock_holds_no_development_tool():
    assert not TEST_TOOLS & set(pins("requirements.lock"))
    assert not TEST_TOOLS & set(pins("requirements.in"))


def test_the_development_lock_builds_on_the_runtime_lock_without_pinning_a_package_twice():
    lines = (BASE / "requirements-dev.lock").read_text().splitlines()
    assert "-r requirements.lock" in lines
    assert not set(pins("requirements-dev.lock")) & set(pins("requirements.lock"))
    assert "-c requirements.lock" in (BASE / "requirements-dev.in").read_text().splitlines()


def test_every_direct_dependency_is_pinned_at_its_version_in_its_lock():
    for source, lock in (("requirements.in", "requirements.lock"), ("requirements-dev.in", "requirements-dev.lock")):
        locked = pins(lock)
        for package, version in pins(source).items():
            assert locked.get(package) == version, f"{package} of {source} is not pinned at {version} in {lock}"


def test_the_runtime_lock_is_closed_under_the_runtime_packages_own_requirements():
    """Installing requirements.lock alone gives every package the runtime packages need (what the image relies on),
    the extras asked for in requirements.in (psycopg[binary,pool], celery[redis] → kombu[redis]) included."""
    runtime = pins("requirements.lock")
    missing, seen = [], set()

    def need(name: str, extras: frozenset[str]) -> None:
        if (canonicalize_name(name), extras) in seen:
            return
        seen.add((canonicalize_name(name), extras))
        if canonicalize_name(name) not in runtime:
            missing.append(name)
            return
        for spec in metadata.requires(name) or []:
            requirement = Requirement(spec)
            if requirement.marker and not any(requirement.marker.evaluate({"extra": e}) for e in {"", *extras}):
                continue
            need(requirement.name, frozenset(requirement.extras))

    for line in (BASE / "requirements.in").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            requirement = Requirement(line)
            need(requirement.name, frozenset(requirement.extras))
    for package in runtime:
        need(package, frozenset())
    assert not missing, f"needed at run time but not in requirements.lock: {sorted(set(missing))}"
