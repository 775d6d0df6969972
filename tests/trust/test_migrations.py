"""Migrations run forward on a database holding the demo data, and the app
keeps serving (child process on a throwaway database)."""

import json
import os
import subprocess
import sys
import uuid

import psycopg
import pytest
from django.conf import settings
from django.db import connection


def run_probe(database_url, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("HGJ_")}
    env.update(DATABASE_URL=database_url, HGJ_VAR_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-m", "tests.trust.migration_probe"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def assert_healthy(report):
    assert report["rows_before"] > 0
    assert report["lost_rows"] == {}
    assert report["models_match_migrations"] is True
    assert report["pages"] == {"/": 200, "/console/": 200}


def test_migrations_on_the_demo_data_with_sqlite(tmp_path):
    report = run_probe(f"sqlite:///{tmp_path / 'demo.sqlite3'}", tmp_path)

    assert_healthy(report)


@pytest.mark.postgres
@pytest.mark.django_db
def test_migrations_on_the_demo_data_with_postgres(tmp_path):
    db = settings.DATABASES["default"]
    name = f"hgj_mig_{uuid.uuid4().hex[:8]}"
    base = f"{db['USER']}@{db['HOST']}:{db['PORT']}"
    assert connection.vendor == "postgresql"
    with psycopg.connect(f"postgresql://{base}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        report = run_probe(f"postgres://{base}/{name}", tmp_path)
    finally:
        with psycopg.connect(f"postgresql://{base}/postgres", autocommit=True) as a:
            a.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    assert_healthy(report)
