"""Small readers for configuration taken from the environment."""

import os


def env(name: str, default: str = "") -> str:
    """The variable's value; an empty value counts as unset, so `EMAIL_PORT=` falls back to the default."""
    value = os.environ.get(name, "").strip()
    return value if value else default


def envbool(name: str, default: str = "False") -> bool:
    return env(name, default).lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: str) -> int:
    return int(env(name, default))


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]
