"""Small readers for configuration taken from the environment."""

import os
from pathlib import Path


def load_env_file(path: Path) -> None:
    """Read KEY=VALUE lines from a local `.env` (the development checkout's, written by `make install`) into the
    environment. Variables already set win, so production, which has no such file, is configured by its environment
    alone."""
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        os.environ.setdefault(key.strip(), value.strip().strip('"').strip("'"))


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
