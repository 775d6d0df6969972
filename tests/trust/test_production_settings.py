"""Production settings (HGJ_PRODUCTION=1), checked in child processes."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

HOST = "hgj.example.org"


@pytest.fixture
def production_env(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("HGJ_", "DJANGO_"))
    }
    env.update(
        HGJ_PRODUCTION="1",
        HGJ_SECRET_KEY=secrets.token_urlsafe(64),
        HGJ_ALLOWED_HOSTS=HOST,
        HGJ_VAR_DIR=str(tmp_path),
        HGJ_MEDIA_ROOT=str(tmp_path / "media"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'probe.sqlite3'}",
    )
    return env


def run(args, env):
    return subprocess.run(  # noqa: S603 -- our own interpreter and manage.py
        [sys.executable, *args],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_check_deploy_is_clean_under_production_settings(production_env):
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        production_env,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_of_media_inside_the_code_tree(production_env):
    production_env["HGJ_MEDIA_ROOT"] = str(Path(settings.BASE_DIR) / "media")

    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        production_env,
    )

    assert result.returncode != 0
    assert "hongguanjia.W001" in result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key(production_env):
    production_env.pop("HGJ_SECRET_KEY")

    result = run(["manage.py", "check", "--deploy"], production_env)

    assert result.returncode != 0


def test_production_cookies_and_headers_are_strict(production_env):
    result = run(["-m", "tests.trust.production_probe"], production_env)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])

    assert report["debug"] is False
    assert report["plain_http_status"] == 301
    assert report["plain_http_location"].startswith(f"https://{HOST}/")
    assert report["login_status"] == 302
    strict = {"secure": True, "httponly": True, "samesite": "Lax"}
    assert report["csrf_cookie"] == strict
    assert report["session_cookie"] == strict
    headers = report["headers"]
    assert headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Request-ID"]
