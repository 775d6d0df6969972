"""Migrations on a database holding the sample data of ``make demo``.

Run in a child process with a throwaway DATABASE_URL: migrate, load the
sample data, step every app's latest migration back and forward again on that
data, migrate once more and serve pages; prints a JSON report.
"""

import io
import json
import os
import sys


def counts():
    from django.db import connection

    from common.backup import table_counts

    with connection.cursor() as cursor:
        return table_counts(cursor, connection.introspection.table_names())


def project_apps():
    from pathlib import Path

    from django.apps import apps
    from django.conf import settings

    base = Path(settings.BASE_DIR).resolve()
    return {
        config.label
        for config in apps.get_app_configs()
        if base in Path(config.path).resolve().parents
        and "site-packages" not in config.path
    }


def step_back_and_forth(call_command):
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    stepped, irreversible = [], []
    loader = MigrationLoader(connection)
    for app_label, name in sorted(loader.graph.leaf_nodes()):
        # An app's initial migrations build its tables together (split only
        # for dependencies); stepping between them says nothing about data.
        if app_label not in project_apps() or "initial" in name:
            continue
        plan = [
            key
            for key in loader.graph.forwards_plan((app_label, name))
            if key[0] == app_label
        ]
        if len(plan) < 2:
            continue
        previous = plan[-2][1]
        try:
            call_command("migrate", app_label, previous, verbosity=0)
        except Exception as exc:
            irreversible.append(f"{app_label}.{name}: {type(exc).__name__}")
        call_command("migrate", verbosity=0)
        stepped.append(f"{app_label}.{name}")
    return stepped, irreversible


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hongguanjia.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from accounts.models import User
    from accounts.sample import seed_demo

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_divisions", verbosity=0)
    seed_demo()
    before = counts()
    stepped, irreversible = step_back_and_forth(call_command)
    call_command("migrate", verbosity=0)
    after = counts()
    pending = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=pending)
        models_match = True
    except SystemExit:
        models_match = False
    client = Client(HTTP_HOST="127.0.0.1")
    pages = {"/": client.get("/").status_code}
    client.force_login(User.objects.get(username="city"))
    pages["/console/"] = client.get("/console/").status_code
    report = {
        "stepped": stepped,
        "irreversible": irreversible,
        "rows_before": sum(before.values()),
        "lost_rows": {t: before[t] - after.get(t, 0) for t in before}
        if before != after
        else {},
        "models_match_migrations": models_match,
        "pages": pages,
    }
    sys.stdout.write(json.dumps(report) + "\n")


if __name__ == "__main__":
    main()
