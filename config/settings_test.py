"""Test overrides: only what makes tests fast; behaviour stays as in production."""

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files straight from the finders (no collectstatic in tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Jobs run in the test process as soon as their transaction commits (huey's
# immediate mode); tests/jobs run a real queue file where the queue is the point.
SMART_JOBS_IMMEDIATE = True
HUEY = {**HUEY, "immediate": True}  # noqa: F405
