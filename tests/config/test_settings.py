"""The settings read the environment safely: production is locked down, SQLite waits."""

import os
import subprocess
import sys

import pytest
from django.db import connection

from config import settings as project_settings
from tests.conftest import REPO_ROOT

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "a-production-key-that-is-long-and-random-enough-0123456789-abcdefghijkl",
    "ALLOWED_HOSTS": "dreams.example.com",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    inherited = {
        "DEBUG",
        "DEV_TOOLS",
        "SECRET_KEY",
        "DJANGO_SETTINGS_MODULE",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }
    clean_env = {k: v for k, v in os.environ.items() if k not in inherited}
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=REPO_ROOT,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_leave_out_the_development_tools():
    result = run_manage("help", "--commands", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    commands = set(result.stdout.split())
    assert "migrate" in commands
    assert not commands & {"bench", "loadtest", "seed_demo", "prepare_demo"}


def test_development_tools_can_be_asked_for_without_debug():
    result = run_manage("help", "--commands", env={**PRODUCTION_ENV, "DEV_TOOLS": "true"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert {"bench", "loadtest", "seed_demo", "prepare_demo"} <= set(result.stdout.split())


def test_refuses_to_start_without_secret_key_when_debug_is_off():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_hashes_passwords_with_argon2():
    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_content_security_policy_allows_no_inline_code():
    policy = project_settings.SECURE_CSP
    for directive in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in policy[directive]
        assert "'unsafe-eval'" not in policy[directive]


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_immediate_transactions():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite-specific: this run uses another database")
    options = project_settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]


def test_postgresql_reads_small_selects_without_server_side_cursors():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL-specific: this run uses another database")
    assert project_settings.DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] is True


@pytest.mark.parametrize(
    ("redis_url", "backend"),
    [("", "LocMemCache"), ("redis://127.0.0.1:6379/0", "RedisCache")],
)
def test_rate_limit_counts_are_shared_through_redis_when_given(redis_url, backend):
    code = "from django.conf import settings; print(settings.CACHES['limits']['BACKEND'])"
    result = run_manage("shell", "-c", code, env={**PRODUCTION_ENV, "REDIS_URL": redis_url})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith(backend)
