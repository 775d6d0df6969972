"""Crash test of public voting: kill -9 app workers and whole app servers
during a vote load on gunicorn and PostgreSQL, then check the database.

It creates a throwaway database (``--database``, default ``hgj_crash``, on the
server of ``$BENCH_PG_URL`` or the local one; dropped at the end), a showcase
open for votes with works and verified voters, and starts gunicorn on
127.0.0.1. Client threads send votes, each with an ``Idempotency-Key``; a
client whose request fails (connection reset, server gone) retries it with
the same key, as the mini-program does, until it gets an answer. Meanwhile a
killer sends SIGKILL to one worker at a time (the master starts a new one)
and then to the master and all its workers at once (the whole server dies;
it is started again), several times over.

Afterwards: every vote the server acknowledged (a 200 answer with its
``vote_id``) must be stored, and no voter may hold more votes in a day than
the quota. The last line is exactly::

    acknowledged=<n> stored_of_acknowledged=<n> lost=<n> over_quota=<n>

Usage: ``.venv/bin/python bench/crash.py [--voters N] [--clients N] [--cycles N]``
Everything talks to 127.0.0.1 only; every loop is bounded in count and time.
"""

import argparse
import json
import os
import random
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.trust.servers import AppServer, server_env  # noqa: E402

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/postgres"
VOTE_PATH = "/api/v1/showcase/works/{work_id}/vote"
REQUEST_TIMEOUT = 10
RUN_DEADLINE = 240  # seconds: the load stops by then whatever happens


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--voters", type=int, default=150)
    parser.add_argument("--works", type=int, default=12)
    parser.add_argument("--attempts", type=int, default=5, help="votes per voter")
    parser.add_argument("--clients", type=int, default=12)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--cycles", type=int, default=3)
    parser.add_argument("--port", type=int, default=8650)
    parser.add_argument("--database", default="hgj_crash")
    parser.add_argument("--seed", type=int, default=20261204)
    return parser.parse_args()


# -- database -----------------------------------------------------------------


def with_db(url, name):
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


def create_database(name):
    import psycopg

    server = os.environ.get("BENCH_PG_URL", DEFAULT_PG)
    admin = with_db(server, "postgres").replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return with_db(server, name), admin


def drop_database(admin, name):
    import psycopg

    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def setup_django(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "hongguanjia.settings"
    for key in [k for k in os.environ if k.startswith("HGJ_")]:
        del os.environ[key]
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)


# -- data (the showcase's models) ---------------------------------------------


def require_showcase_voting():
    from django.urls import Resolver404, resolve

    try:
        resolve(VOTE_PATH.format(work_id=1))
    except Resolver404:
        sys.stderr.write(
            "the showcase vote endpoint is not installed; nothing to crash-test\n"
        )
        sys.exit(2)


def create_data(voters, works):
    """A showcase open for votes, approved works, verified voters, tokens.

    The same data as the votes benchmark (bench/votes.py), so both follow
    the showcase's models.
    """
    from bench.votes import create_data as votes_data

    showcase, work_ids, _user_ids, tokens = votes_data(voters, works)
    return showcase, work_ids, tokens


def check_database(acknowledged, showcase):
    from django.db.models import Count

    from showcase.models import Vote

    ids = [vote_id for vote_id, _voter in acknowledged]
    stored = Vote.objects.filter(pk__in=ids).count()
    per_day = (
        Vote.objects.filter(showcase=showcase)
        .values("voter", "day")
        .annotate(n=Count("id"))
    )
    over_quota = {row["voter"] for row in per_day if row["n"] > showcase.votes_per_day}
    per_work = (
        Vote.objects.filter(showcase=showcase)
        .values("voter", "work", "day")
        .annotate(n=Count("id"))
    )
    over_quota |= {
        row["voter"] for row in per_work if row["n"] > showcase.votes_per_work_per_day
    }
    return stored, len(over_quota)


# -- load ---------------------------------------------------------------------


class Load:
    """Client threads sending planned votes; retries keep the same key."""

    def __init__(self, url, plans, deadline):
        self.url = url
        self.plans = plans
        self.deadline = deadline
        self.acknowledged = []
        self.refused = 0
        self.retries = 0
        self.lock = threading.Lock()

    def send(self, token, work_id, key):
        request = urllib.request.Request(
            self.url + VOTE_PATH.format(work_id=work_id),
            data=b"{}",
            method="POST",
            headers={
                "Authorization": f"Bearer {token}",
                "Content-Type": "application/json",
                "Idempotency-Key": key,
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as answer:
                return answer.status, json.loads(answer.read())
        except urllib.error.HTTPError as error:
            return error.code, None
        except (OSError, ValueError):
            return None, None  # no answer: the server or worker died

    def client(self, plan):
        for voter, token, work_id, key in plan:
            while time.monotonic() < self.deadline:
                status, body = self.send(token, work_id, key)
                if status is None or status >= 500:
                    with self.lock:
                        self.retries += 1
                    time.sleep(0.2)
                    continue
                with self.lock:
                    if status == 200:
                        self.acknowledged.append((body["vote_id"], voter))
                    else:
                        self.refused += 1
                break

    def run(self):
        threads = [
            threading.Thread(target=self.client, args=(plan,), daemon=True)
            for plan in self.plans
        ]
        for thread in threads:
            thread.start()
        return threads


def plans_for(tokens, work_ids, *, attempts, clients, rng):
    requests = []
    for voter, token in enumerate(tokens):
        for n, work_id in enumerate(rng.sample(work_ids, attempts)):
            requests.append((voter, token, work_id, f"crash-{voter}-{n}"))
    rng.shuffle(requests)
    return [requests[i::clients] for i in range(clients)]


def kill_cycles(server, cycles, threads, log):
    """Kill workers one by one, then the whole server; restart; repeat."""
    for cycle in range(cycles):
        for _ in range(2):
            time.sleep(1.5)
            pid = server.kill_worker()
            log(f"cycle {cycle + 1}: killed worker {pid}")
        time.sleep(1.5)
        server.kill_all()
        log(f"cycle {cycle + 1}: killed the whole server")
        time.sleep(0.5)
        server.start()
        log(f"cycle {cycle + 1}: server restarted")
        if not any(thread.is_alive() for thread in threads):
            break


def main():
    args = parse_args()
    rng = random.Random(args.seed)
    database_url, admin = create_database(args.database)

    def log(message):
        sys.stderr.write(f"[crash] {message}\n")

    try:
        setup_django(database_url)
        require_showcase_voting()
        showcase, work_ids, tokens = create_data(args.voters, args.works)
        from django.db import connection

        connection.close()
        env = server_env(database_url, HGJ_LOG_LEVEL="WARNING")
        server = AppServer(
            args.port,
            env,
            workers=args.workers,
            log_path=Path(f"/tmp/hgj-crash-{args.port}.log"),
        ).start()
        try:
            load = Load(
                server.url,
                plans_for(
                    tokens,
                    work_ids,
                    attempts=args.attempts,
                    clients=args.clients,
                    rng=rng,
                ),
                time.monotonic() + RUN_DEADLINE,
            )
            threads = load.run()
            kill_cycles(server, args.cycles, threads, log)
            for thread in threads:
                thread.join(timeout=RUN_DEADLINE)
        finally:
            server.stop()
        stored, over_quota = check_database(load.acknowledged, showcase)
        acknowledged = len(load.acknowledged)
        log(f"refused={load.refused} retries={load.retries}")
        print(
            f"acknowledged={acknowledged} stored_of_acknowledged={stored} "
            f"lost={acknowledged - stored} over_quota={over_quota}"
        )
    finally:
        from django.db import connections

        connections.close_all()
        drop_database(admin, args.database)


if __name__ == "__main__":
    main()
