"""Consistent backups of the database and the media tree, and restoring them.

A backup is a directory (optionally packed as ``.tar.gz``) holding:

- ``database.sqlite3`` (SQLite's online backup API: a consistent copy while
  the site runs) or ``database.dump`` (``pg_dump --format=custom`` of one
  exported snapshot);
- ``media/``, a copy of ``MEDIA_ROOT``;
- ``manifest.json``: when, which engine, the row count of every table as of
  the snapshot, and the SHA-256 of the database file and of every media file.

Media files are copied after the database snapshot. Uploads are only ever
added under new generated names, so every file the snapshot refers to is
there; a file uploaded during the backup may be included without its row,
which is harmless.

:func:`restore` checks every checksum first, loads the database into an
empty one, copies the media into an empty ``MEDIA_ROOT`` and then compares
the row counts and media checksums with the manifest.
"""

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection

FORMAT = 1
MANIFEST = "manifest.json"


class BackupError(Exception):
    """A backup cannot be written or restored; the message says why."""


def sha256_of(path):
    digest = hashlib.sha256()
    with Path(path).open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def media_checksums(root):
    root = Path(root)
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): sha256_of(path)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _quote(name):
    return connection.ops.quote_name(name)


def table_counts(cursor, tables):
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608 -- names from introspection
        counts[table] = cursor.fetchone()[0]
    return counts


def _pg_env(db):
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args(db):
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return args


def _program(name):
    """The PostgreSQL client program ``name`` (Debian's postgresql-client)."""
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed (postgresql-client)")
    return found


def _backup_sqlite(target):
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()
    copy = sqlite3.connect(target)
    try:
        tables = [
            row[0]
            for row in copy.execute(
                "SELECT name FROM sqlite_master WHERE type='table' "
                "AND name NOT LIKE 'sqlite_%'"
            )
        ]
        cursor = copy.cursor()
        counts = {}
        for table in sorted(tables):
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 -- names from the file itself
            counts[table] = cursor.fetchone()[0]
        return counts
    finally:
        copy.close()


def _backup_postgres(target):
    # One exported snapshot: the counts and pg_dump see the same database.
    db = settings.DATABASES["default"]
    if connection.in_atomic_block:
        raise BackupError("a backup runs in its own transaction, not inside one")
    with connection.cursor() as cursor:
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = table_counts(cursor, connection.introspection.table_names())
            subprocess.run(  # noqa: S603 -- fixed program, arguments from settings
                [
                    _program("pg_dump"),
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    "--file",
                    str(target),
                    *_pg_args(db),
                ],
                env=_pg_env(db),
                check=True,
                capture_output=True,
            )
        except subprocess.CalledProcessError as exc:
            raise BackupError(f"pg_dump failed: {exc.stderr.decode()[-500:]}") from exc
        finally:
            cursor.execute("COMMIT")
    return counts


def backup(destination, *, archive=False):
    """Write a backup under ``destination``; returns its path."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    folder = Path(destination) / f"hongguanjia-backup-{stamp}"
    folder.mkdir(parents=True)
    if connection.vendor == "sqlite":
        database = folder / "database.sqlite3"
        counts = _backup_sqlite(database)
    elif connection.vendor == "postgresql":
        database = folder / "database.dump"
        counts = _backup_postgres(database)
    else:
        raise BackupError(f"no backup for the {connection.vendor} engine")
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.exists():
        shutil.copytree(media_root, folder / "media")
    else:
        (folder / "media").mkdir()
    manifest = {
        "format": FORMAT,
        "created_at": stamp,
        "engine": connection.vendor,
        "database": {"file": database.name, "sha256": sha256_of(database)},
        "tables": counts,
        "media": media_checksums(folder / "media"),
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    if not archive:
        return folder
    packed = folder.with_name(folder.name + ".tar.gz")
    with tarfile.open(packed, "w:gz") as tar:
        tar.add(folder, arcname=folder.name)
    shutil.rmtree(folder)
    return packed


def _unpack(source, workdir):
    source = Path(source)
    if source.is_dir():
        return source
    with tarfile.open(source, "r:gz") as tar:
        tar.extractall(workdir, filter="data")
    [folder] = [path for path in Path(workdir).iterdir() if path.is_dir()]
    return folder


def verify(folder):
    """The manifest of ``folder`` after checking every checksum in it."""
    manifest = json.loads((Path(folder) / MANIFEST).read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError("unknown backup format")
    database = Path(folder) / manifest["database"]["file"]
    if sha256_of(database) != manifest["database"]["sha256"]:
        raise BackupError("the database file does not match its checksum")
    if media_checksums(Path(folder) / "media") != manifest["media"]:
        raise BackupError("the media files do not match their checksums")
    return manifest


def _database_is_empty():
    return not connection.introspection.table_names()


def _restore_sqlite(database):
    connection.ensure_connection()
    source = sqlite3.connect(database)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def _restore_postgres(database):
    db = settings.DATABASES["default"]
    result = subprocess.run(  # noqa: S603 -- fixed program, arguments from settings
        [
            _program("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            *_pg_args(db),
            str(database),
        ],
        env=_pg_env(db),
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {result.stderr.decode()[-500:]}")


def restore(source):
    """Rebuild an empty instance from a backup; returns the manifest.

    The database must have no tables and ``MEDIA_ROOT`` must be empty or
    absent: a restore never mixes a backup into live data.
    """
    with tempfile.TemporaryDirectory() as workdir:
        folder = _unpack(source, workdir)
        manifest = verify(folder)
        if manifest["engine"] != connection.vendor:
            raise BackupError(
                f"the backup is of {manifest['engine']}, "
                f"this instance uses {connection.vendor}"
            )
        if not _database_is_empty():
            raise BackupError("the database is not empty; restore into a new one")
        media_root = Path(settings.MEDIA_ROOT)
        if media_root.exists() and any(media_root.iterdir()):
            raise BackupError("MEDIA_ROOT is not empty; restore into a new one")
        database = folder / manifest["database"]["file"]
        if connection.vendor == "sqlite":
            _restore_sqlite(database)
        else:
            _restore_postgres(database)
        media_root.mkdir(parents=True, exist_ok=True)
        shutil.copytree(folder / "media", media_root, dirs_exist_ok=True)
    check_restored(manifest)
    return manifest


def check_restored(manifest):
    """Compare the instance with ``manifest``: every table's rows, every file."""
    with connection.cursor() as cursor:
        counts = table_counts(cursor, connection.introspection.table_names())
    if counts != manifest["tables"]:
        differing = sorted(
            name
            for name in set(counts) | set(manifest["tables"])
            if counts.get(name) != manifest["tables"].get(name)
        )
        raise BackupError(f"row counts differ after restoring: {differing}")
    if media_checksums(settings.MEDIA_ROOT) != manifest["media"]:
        raise BackupError("media checksums differ after restoring")
