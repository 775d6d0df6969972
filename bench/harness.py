"""A small reusable load-test harness: a throwaway PostgreSQL database, the
app under gunicorn on 127.0.0.1, and HTTP load from many concurrent clients.

Typical use::

    with throwaway_database("hgj_bench_x") as url:
        env = app_env(url)
        migrate(env)
        setup_django(url)            # to create data with the ORM
        with Gunicorn(env, port=8301) as server:
            stats = drive(server.base_url, plans, processes=4)

``plans`` is one list of :class:`Request` per client; each client sends its
requests in order, over one keep-alive connection or (``keep_alive=False``)
a new connection per request. Clients are spread over
``processes`` OS processes (threads inside each), so the client side is not
held back by one interpreter lock. Everything talks to 127.0.0.1 only, and
every loop is bounded by its plan and a timeout.
"""

import http.client
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bench import wire

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/postgres"


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict = field(default_factory=dict)
    body: bytes | None = None
    tag: str = ""


@dataclass
class Outcome:
    tag: str
    status: int
    millis: float
    code: str = ""


@dataclass
class Stats:
    outcomes: list
    seconds: float

    def of(self, tag=None):
        return [o for o in self.outcomes if tag is None or o.tag == tag]

    def per_second(self, tag=None):
        return len(self.of(tag)) / self.seconds if self.seconds else 0.0

    def percentile(self, q, tag=None):
        return percentile([o.millis for o in self.of(tag)], q)

    @classmethod
    def joined(cls, parts):
        """Several runs as one: their outcomes, and the sum of their times."""
        return cls(
            outcomes=[o for part in parts for o in part.outcomes],
            seconds=sum(part.seconds for part in parts),
        )

    def count(self, *, tag=None, status=None, code=None):
        return sum(
            1
            for o in self.of(tag)
            if (status is None or o.status == status)
            and (code is None or o.code == code)
        )


def percentile(values, q):
    """The ``q``-th percentile (0–100) by the nearest-rank method."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


# -- database -----------------------------------------------------------------


def _with_db(url, name):
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


@contextmanager
def throwaway_database(name, *, server_url=None):
    """Create the database ``name`` on the PostgreSQL server and drop it after.

    ``server_url`` (default ``$BENCH_PG_URL`` or the local server) names any
    database on that server; the new one is created beside it.
    """
    import psycopg

    server_url = server_url or os.environ.get("BENCH_PG_URL", DEFAULT_PG)
    admin = _with_db(server_url, "postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _with_db(server_url, name)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def app_env(database_url, **settings):
    """The environment of the app's processes for a benchmark.

    ``settings`` are the platform's own (``REDIS_URL=...``), passed as
    ``HGJ_<NAME>``; as in production, debugging is off (no query log kept
    per request) and connections are kept open between requests.
    """
    env = dict(os.environ)
    values = {"DEBUG": "0", "DB_CONN_MAX_AGE": "600", "LOG_LEVEL": "WARNING"}
    values.update(settings)
    env.update({f"HGJ_{key}": str(value) for key, value in values.items()})
    env["DATABASE_URL"] = database_url
    env["DJANGO_SETTINGS_MODULE"] = "hongguanjia.settings"
    return env


def migrate(env):
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    subprocess.run(
        [PYTHON, "manage.py", "createcachetable"], cwd=ROOT, env=env, check=True
    )


def setup_django(env):
    """Configure Django in this process against the benchmark's database."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# -- server --------------------------------------------------------------------


class Gunicorn:
    """gunicorn serving the app on 127.0.0.1:``port`` until the block ends."""

    def __init__(self, env, *, port, workers=4, threads=1, ready_path="/"):
        self.env = env
        self.port = port
        self.workers = workers
        self.threads = threads
        self.ready_path = ready_path
        self.base_url = f"http://127.0.0.1:{port}"
        self.process = None

    def __enter__(self):
        command = [
            PYTHON,
            "-m",
            "gunicorn",
            "hongguanjia.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--worker-class",
            "gthread" if self.threads > 1 else "sync",
            "--threads",
            str(self.threads),
            "--log-level",
            "warning",
            "--keep-alive",
            "30",
        ]
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, start_new_session=True
        )
        try:
            self._wait_ready()
        except BaseException:
            self.__exit__(None, None, None)  # never leave a server behind
            raise
        return self

    def _wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn exited at start")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", self.ready_path)
                conn.getresponse().read()
                conn.close()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer in time")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


# -- load ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Run:
    """What every client of one :func:`drive` shares."""

    port: int
    start_at: float
    timeout: float
    keep_alive: bool


def _send(conn_box, run, request, payloads):
    payload = payloads.get(id(request))
    if payload is None:
        payload = wire.encode(
            request.method,
            request.path,
            request.headers,
            request.body,
            keep_alive=run.keep_alive,
        )
        payloads[id(request)] = payload
    for attempt in range(2):
        sock = conn_box[0]
        if sock is None:
            sock = conn_box[0] = wire.connect(run.port, run.timeout)
        try:
            status, body, closed = wire.exchange(sock, payload)
        except OSError:
            sock.close()
            conn_box[0] = None
            if attempt:
                raise
            continue
        if closed or not run.keep_alive:
            sock.close()
            conn_box[0] = None
        return status, body
    raise RuntimeError("unreachable")


def _error_code(body):
    try:
        return str(json.loads(body).get("code", ""))
    except (ValueError, AttributeError):
        return ""


def _client(run, plan, results):
    conn_box = [None]
    payloads = {}
    time.sleep(max(0.0, run.start_at - time.time()))
    for request in plan:
        started = time.perf_counter()
        try:
            status, body = _send(conn_box, run, request, payloads)
        except OSError:
            status, body = 0, b""
        millis = (time.perf_counter() - started) * 1000
        code = _error_code(body) if status >= 400 else ""
        results.append((request.tag, status, millis, code))
    if conn_box[0] is not None:
        conn_box[0].close()


def _process_main(run, plans, queue):
    results = []
    threads = [
        threading.Thread(target=_client, args=(run, plan, results)) for plan in plans
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    queue.put(results)


def drive(base_url, plans, *, processes=4, timeout=30, keep_alive=True):
    """Send every client's plan at once; the outcomes and the wall time."""
    run = _Run(
        port=urllib.parse.urlsplit(base_url).port,
        start_at=time.time() + 0.5,
        timeout=timeout,
        keep_alive=keep_alive,
    )
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    groups = [plans[i::processes] for i in range(processes)]
    workers = [
        context.Process(target=_process_main, args=(run, g, queue)) for g in groups if g
    ]
    for worker in workers:
        worker.start()
    outcomes = []
    for _worker in workers:
        outcomes.extend(Outcome(*row) for row in queue.get(timeout=600))
    finished = time.time()
    for worker in workers:
        worker.join(timeout=30)
    return Stats(outcomes=outcomes, seconds=finished - run.start_at)
