"""Test settings: the real settings, with faster hashing and tasks run in-process unless a test asks otherwise."""

import os

os.environ.setdefault("DEBUG", "True")

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = STORAGES["default"]["OPTIONS"]["location"] = str(BASE_DIR / "var" / "test-media")  # noqa: F405
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
