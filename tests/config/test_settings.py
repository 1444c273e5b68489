"""Production settings: refuse to start without secrets, and `check --deploy` is clean."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(args, **env):
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "EMAIL_URL"}}
    base.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=base, capture_output=True, text=True, timeout=120
    )


def test_it_refuses_to_start_without_secret_key_when_debug_is_off():
    result = _run(["check"], DEBUG="false", ALLOWED_HOSTS="medvandrer.example.no")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_it_refuses_to_start_without_allowed_hosts_when_debug_is_off():
    result = _run(["check"], DEBUG="false", SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_check_deploy_is_clean_under_production_settings():
    result = _run(
        ["check", "--deploy", "--fail-level", "WARNING"],
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="medvandrer.example.no",
        EMAIL_URL="smtp+tls://medvandrer:hemmelig@smtp.example.no:587",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_check_deploy_fails_when_mail_would_be_printed_instead_of_sent():
    result = _run(
        ["check", "--deploy"],
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="medvandrer.example.no",
    )
    assert result.returncode != 0
    assert "medvandrer.E001" in result.stderr + result.stdout


def test_demo_defaults_run_without_any_environment():
    result = _run(["check"])
    assert result.returncode == 0, result.stderr
