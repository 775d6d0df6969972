"""Benchmark of service-week bookings over HTTP against PostgreSQL.

Creates a database of its own (dropped at the end), migrates it, creates a
week, two packages served by one team and slots whose total capacity is far
below the demand, starts the app under gunicorn on 127.0.0.1, and lets many
residents book at once through the JSON API, some of them retrying with the
same idempotency key (one retry of each two sent at the same moment). Then it
checks the database:

- ``overbooked``: places taken beyond a slot's or a team shift's capacity,
  counting the orders that hold a place, plus counters that disagree with
  those orders;
- ``duplicates``: idempotency keys that made more than one order, or whose
  retry answered with a different order than the first try.

The last line printed is exactly
``bookings_per_s=<n> p99_ms=<n> overbooked=<n> duplicates=<n>``.

Usage: ``.venv/bin/python bench/bookings.py [--pg postgres://postgres@127.0.0.1:5432]``
(see ``--help``). Not a timed test; it is run by hand.
"""

import argparse
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--db", default="hgj_bench_bookings")
    parser.add_argument("--port", type=int, default=8400)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--clients", type=int, default=24)
    parser.add_argument("--residents", type=int, default=240)
    parser.add_argument("--bookings-per-resident", type=int, default=3)
    parser.add_argument("--slots", type=int, default=12)
    parser.add_argument("--slot-capacity", type=int, default=5)
    parser.add_argument("--team-capacity", type=int, default=7)
    parser.add_argument("--retry-share", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep-db", action="store_true")
    return parser.parse_args()


def admin_connection(pg):
    import psycopg

    return psycopg.connect(f"{pg}/postgres", autocommit=True)


def recreate_database(pg, name):
    with admin_connection(pg) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(pg, name):
    with admin_connection(pg) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_env(db_url):
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": db_url,
            "HGJ_DB_CONN_MAX_AGE": "60",
            "HGJ_LOG_LEVEL": "WARNING",
            "HGJ_DEBUG": "false",
            "DJANGO_SETTINGS_MODULE": "hongguanjia.settings",
        }
    )
    return env


def migrate(env):
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


def create_data(args):
    """Residents with API tokens, one team, two packages, slots. Runs in this
    process with Django set up on the benchmark's database."""
    import datetime as dt
    from decimal import Decimal

    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.utils import timezone

    from accounts.models import RoleAssignment, User
    from accounts.roles import Role
    from accounts.tokens import issue_token
    from organizations.models import Partner, PropertyCompany
    from places.models import Community, District, Estate, Household, Subdistrict
    from serviceweek.enums import Unit
    from serviceweek.models import (
        Package,
        ServiceWeek,
        Slot,
        Team,
        TeamShift,
        ThemeDay,
    )
    from serviceweek.plan import theme_days_of

    district = District.objects.create(code="350299", name="压测区")
    subdistrict = Subdistrict.objects.create(
        code="350299001", name="压测街道", kind="street", district=district
    )
    community = Community.objects.create(
        code="350299001001", name="压测社区", subdistrict=subdistrict
    )
    company = PropertyCompany.objects.create(
        name="压测物业（示例）", credit_code="91350200MA00000010"
    )
    estate = Estate.objects.create(
        name="压测小区（示例）",
        address="压测路1号",
        community=community,
        households=args.residents,
        buildings=10,
        company=company,
    )
    partner = Partner.objects.create(
        name="压测家政（示例）", kind="housekeeping", credit_code="91350200MA00000029"
    )
    year = timezone.localdate().year + 1
    week = ServiceWeek.objects.create(
        year=year,
        title="压测服务周",
        starts_on=dt.date(year, 7, 1),
        ends_on=dt.date(year, 7, 6),
    )
    days = ThemeDay.objects.bulk_create(
        [ThemeDay(week=week, **day) for day in theme_days_of(year)]
    )
    team = Team.objects.create(partner=partner, name="压测一队")
    packages = [
        Package.objects.create(
            partner=partner,
            theme_day=days[3],
            team=team,
            service_item=item,
            unit=Unit.PIECE,
            list_price=Decimal("180.00"),
            red_price=Decimal("99.00"),
        )
        for item in ("空调深度清洗", "油烟机拆洗")
    ]
    start = timezone.now().replace(minute=0, second=0, microsecond=0)
    slot_ids = []
    for index in range(args.slots):
        # Two slots (one per package) in each window share the team's shift.
        starts_at = start + dt.timedelta(days=2, hours=index // 2)
        shift, _ = TeamShift.objects.get_or_create(
            team=team,
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(hours=1),
            defaults={"capacity": args.team_capacity},
        )
        slot = Slot.objects.create(
            package=packages[index % 2],
            shift=shift,
            starts_at=starts_at,
            ends_at=shift.ends_at,
            capacity=args.slot_capacity,
        )
        slot_ids.append(slot.pk)
    tokens = []
    for number in range(args.residents):
        household = Household.objects.create(
            estate=estate, building=str(1 + number // 100), room=str(number)
        )
        user = User.objects.create(
            username=f"bench{number}",
            full_name=f"压测住户{number}",
            mobile=f"139{number:08d}",
            mobile_verified_at=timezone.now(),
            household=household,
        )
        RoleAssignment.objects.create(user=user, role=Role.RESIDENT)
        tokens.append(issue_token(user, device="bench"))
    from django.db import connections

    connections.close_all()
    return tokens, slot_ids


def start_server(args, env):
    command = [
        str(Path(PYTHON).parent / "gunicorn"),
        "hongguanjia.wsgi:application",
        "--bind",
        f"127.0.0.1:{args.port}",
        "--workers",
        str(args.workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(args.threads),
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=2)
            conn.request("GET", "/api/v1/serviceweek/theme-days")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    stop_server(server)
    raise SystemExit("gunicorn did not come up")


def stop_server(server):
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(server.pid, signal.SIGKILL)


class Client:
    def __init__(self, port):
        self.port = port
        self.conn = None

    def post(self, path, token, body, key):
        headers = {
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Idempotency-Key": key,
        }
        for _attempt in range(3):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(
                        "127.0.0.1", self.port, timeout=30
                    )
                self.conn.request("POST", path, body=json.dumps(body), headers=headers)
                response = self.conn.getresponse()
                return response.status, json.loads(response.read() or b"{}")
            except (OSError, http.client.HTTPException):
                self.conn = None
        return 0, {}


def drive(args, tokens, slot_ids):
    """Send the bookings; returns (latencies, outcomes by key, elapsed)."""
    rng = random.Random(args.seed)
    jobs = []
    for token in tokens:
        for _ in range(args.bookings_per_resident):
            key = uuid.uuid4().hex
            retried = rng.random() < args.retry_share
            jobs.append((token, rng.choice(slot_ids), key, retried))
    rng.shuffle(jobs)
    lock = threading.Lock()
    latencies, outcomes = [], {}
    position = iter(range(len(jobs)))

    def send(client, token, slot_id, key):
        began = time.perf_counter()
        status, body = client.post(
            f"/api/v1/serviceweek/slots/{slot_id}/book", token, {}, key
        )
        spent = (time.perf_counter() - began) * 1000
        with lock:
            latencies.append(spent)
            outcomes.setdefault(key, []).append((status, body.get("id")))

    def client_loop():
        client, twin = Client(args.port), Client(args.port)
        while True:
            with lock:
                index = next(position, None)
            if index is None:
                return
            token, slot_id, key, retried = jobs[index]
            if retried:
                # The retry leaves at the same moment as the first try.
                other = threading.Thread(target=send, args=(twin, token, slot_id, key))
                other.start()
                send(client, token, slot_id, key)
                other.join()
            else:
                send(client, token, slot_id, key)

    began = time.perf_counter()
    threads = [threading.Thread(target=client_loop) for _ in range(args.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, outcomes, time.perf_counter() - began


def check_database(db_url):
    import psycopg

    with psycopg.connect(db_url) as conn:
        over_slots = conn.execute(
            """SELECT COALESCE(SUM(GREATEST(held - capacity, 0)), 0),
                      COUNT(*) FILTER (WHERE held <> booked)
               FROM (SELECT s.id, s.capacity, s.booked,
                            COUNT(o.id) FILTER (WHERE o.state IN
                              ('booked','accepted','assigned','in_service')) AS held
                     FROM serviceweek_slot s
                     LEFT JOIN serviceweek_order o ON o.slot_id = s.id
                     GROUP BY s.id) t"""
        ).fetchone()
        over_shifts = conn.execute(
            """SELECT COALESCE(SUM(GREATEST(held - capacity, 0)), 0),
                      COUNT(*) FILTER (WHERE held <> booked)
               FROM (SELECT t.id, t.capacity, t.booked,
                            COUNT(o.id) FILTER (WHERE o.state IN
                              ('booked','accepted','assigned','in_service')) AS held
                     FROM serviceweek_teamshift t
                     LEFT JOIN serviceweek_slot s ON s.shift_id = t.id
                     LEFT JOIN serviceweek_order o ON o.slot_id = s.id
                     GROUP BY t.id) x"""
        ).fetchone()
        duplicate_keys = conn.execute(
            """SELECT COUNT(*) FROM (SELECT booked_by_id, idempotency_key
               FROM serviceweek_order WHERE idempotency_key IS NOT NULL
               GROUP BY 1, 2 HAVING COUNT(*) > 1) d"""
        ).fetchone()[0]
        orders, capacity = conn.execute(
            """SELECT (SELECT COUNT(*) FROM serviceweek_order),
                      (SELECT SUM(capacity) FROM serviceweek_slot)"""
        ).fetchone()
    overbooked = int(over_slots[0] + over_slots[1] + over_shifts[0] + over_shifts[1])
    return overbooked, int(duplicate_keys), int(orders), int(capacity or 0)


def percentile(values, share):
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main():
    args = parse_args()
    db_url = f"{args.pg}/{args.db}"
    env = server_env(db_url)
    os.environ.update(env)
    recreate_database(args.pg, args.db)
    server = None
    try:
        migrate(env)
        tokens, slot_ids = create_data(args)
        server = start_server(args, env)
        latencies, outcomes, elapsed = drive(args, tokens, slot_ids)
        stop_server(server)
        server = None
        overbooked, duplicate_keys, orders, capacity = check_database(db_url)
    finally:
        if server is not None:
            stop_server(server)
        if not args.keep_db:
            drop_database(args.pg, args.db)

    statuses = {}
    retry_mismatches = 0
    for results in outcomes.values():
        for status, _ in results:
            statuses[status] = statuses.get(status, 0) + 1
        ids = {order_id for status, order_id in results if status == 201}
        if len(ids) > 1:
            retry_mismatches += 1
    duplicates = duplicate_keys + retry_mismatches
    booked = sum(
        1 for results in outcomes.values() if any(s == 201 for s, _ in results)
    )
    print(f"requests={len(latencies)} keys={len(outcomes)} statuses={statuses}")
    print(f"capacity={capacity} orders_in_db={orders} booked_keys={booked}")
    print(f"elapsed_s={elapsed:.2f} p50_ms={percentile(latencies, 0.5):.1f}")
    print(
        f"bookings_per_s={len(latencies) / elapsed:.1f} "
        f"p99_ms={percentile(latencies, 0.99):.1f} "
        f"overbooked={overbooked} duplicates={duplicates}"
    )


if __name__ == "__main__":
    main()
