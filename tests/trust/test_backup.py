"""`manage.py backup` then `manage.py restore` into an empty instance gives
back every row of every table and every media file, byte for byte."""

import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from accounts.sample import seed_demo
from common import audit
from common.backup import BackupError, media_checksums, table_counts, verify
from common.models import AuditEntry

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "showcase" / "works").mkdir(parents=True)
    (settings.MEDIA_ROOT / "showcase" / "works" / "a.mp4").write_bytes(
        os.urandom(300_000)
    )
    (settings.MEDIA_ROOT / "complaints").mkdir()
    (settings.MEDIA_ROOT / "complaints" / "照片.jpg").write_bytes(b"\xff\xd8" * 999)
    return settings.MEDIA_ROOT


@pytest.fixture
def data():
    call_command("load_divisions", verbosity=0)
    people = seed_demo()
    audit.record("x.sample", people[0], actor=None, reason="备份测试")
    assert AuditEntry.objects.exists()


def source_counts():
    with connection.cursor() as cursor:
        return table_counts(cursor, connection.introspection.table_names())


def run_restore(backup_path, env):
    return subprocess.run(  # noqa: S603 -- our interpreter, our manage.py
        [sys.executable, "manage.py", "restore", str(backup_path)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def child_env(tmp_path, database_url):
    env = {k: v for k, v in os.environ.items() if not k.startswith("HGJ_")}
    env.update(
        DATABASE_URL=database_url,
        HGJ_MEDIA_ROOT=str(tmp_path / "restored-media"),
        HGJ_VAR_DIR=str(tmp_path / "var"),
    )
    return env


def test_backup_and_restore_into_an_empty_sqlite_database(
    data, media, tmp_path, capsys
):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite round trip; the PostgreSQL one is below")
    call_command("backup", str(tmp_path / "backups"), "--archive")
    [archive] = (tmp_path / "backups").glob("*.tar.gz")
    restored_db = tmp_path / "restored.sqlite3"

    result = run_restore(archive, child_env(tmp_path, f"sqlite:///{restored_db}"))

    assert result.returncode == 0, result.stderr
    assert "counts and checksums match" in result.stdout
    restored = sqlite3.connect(restored_db)
    tables = [
        row[0]
        for row in restored.execute(
            "SELECT name FROM sqlite_master WHERE type='table' "
            "AND name NOT LIKE 'sqlite_%'"
        )
    ]
    counts = {
        table: restored.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608
        for table in tables
    }
    restored.close()
    assert counts == source_counts()
    assert counts["accounts_user"] > 10
    assert media_checksums(tmp_path / "restored-media") == media_checksums(media)


def test_restore_refuses_a_database_that_is_not_empty(data, media, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite")
    folder = Path(call_command_output("backup", str(tmp_path / "b")))
    target = tmp_path / "busy.sqlite3"
    sqlite3.connect(target).execute("CREATE TABLE t (x)").connection.commit()

    result = run_restore(folder, child_env(tmp_path, f"sqlite:///{target}"))

    assert result.returncode != 0
    assert "not empty" in result.stderr


def test_a_tampered_backup_is_refused(data, media, tmp_path):
    folder = Path(call_command_output("backup", str(tmp_path / "b")))
    verify(folder)
    victim = next((folder / "media").rglob("*.jpg"))
    victim.write_bytes(b"changed")

    with pytest.raises(BackupError, match="media"):
        verify(folder)


def test_the_manifest_lists_tables_and_checksums(data, media, tmp_path):
    folder = Path(call_command_output("backup", str(tmp_path / "b")))
    manifest = json.loads((folder / "manifest.json").read_text())

    assert manifest["tables"] == source_counts()
    assert set(manifest["media"]) == {"showcase/works/a.mp4", "complaints/照片.jpg"}
    assert len(manifest["database"]["sha256"]) == 64


def call_command_output(*args):
    import io

    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue().strip()


@pytest.mark.postgres
def test_backup_and_restore_into_an_empty_postgres_database(data, media, tmp_path):
    archive = Path(call_command_output("backup", str(tmp_path / "b"), "--archive"))
    assert tarfile.is_tarfile(archive)
    db = settings.DATABASES["default"]
    name = f"hgj_restore_{uuid.uuid4().hex[:8]}"
    admin_url = f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}/postgres"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        target_url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{name}"
        result = run_restore(archive, child_env(tmp_path, target_url))
        assert result.returncode == 0, result.stderr
        with psycopg.connect(target_url.replace("postgres://", "postgresql://")) as c:
            tables = [
                row[0]
                for row in c.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname='public'"
                )
            ]
            counts = {
                t: c.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]  # noqa: S608
                for t in tables
            }
            # The append-only trigger came back with the rows.
            triggers = c.execute(
                "SELECT tgname FROM pg_trigger WHERE tgname LIKE 'common_audit%'"
            ).fetchall()
        assert counts == source_counts()
        assert triggers
        assert media_checksums(tmp_path / "restored-media") == media_checksums(media)
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
