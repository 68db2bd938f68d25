"""Settings for the test suite: the development settings with fast password hashing.

Production hashing (Argon2) is covered by a test of config.settings itself.
"""

import os

os.environ.setdefault("DEBUG", "true")

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Tasks run where they are enqueued, so a test sees their outcome at once.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
