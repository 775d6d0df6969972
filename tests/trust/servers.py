"""App server processes for multi-server tests and the crash benchmark.

Each :class:`AppServer` is a gunicorn master with its workers, bound to
127.0.0.1 on a port of the given range, serving the project against the
database in ``DATABASE_URL``. Only the processes started here are stopped or
killed here, by their own process ids.
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port():
    """A port on 127.0.0.1 that nothing listens on now (the OS picks it).

    Tests use these rather than fixed numbers, so that two test runs on one
    machine never talk to each other's servers.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_env(database_url, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("HGJ_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(DATABASE_URL=database_url, HGJ_DEBUG="0", **extra)
    return env


class AppServer:
    def __init__(self, port, env, *, workers=2, log_path=None):
        self.port = port
        self.env = env
        self.workers = workers
        self.log_path = log_path or Path(f"/tmp/hgj-server-{port}.log")  # noqa: S108
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=60):
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(  # noqa: S603 -- our venv's gunicorn
            [
                str(GUNICORN),
                "hongguanjia.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--timeout",
                "30",
                "--graceful-timeout",
                "5",
            ],
            cwd=BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        self.wait_ready(timeout)
        return self

    def wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server on {self.port} exited; see {self.log_path}")
            try:
                with urllib.request.urlopen(self.url + "/", timeout=2):  # noqa: S310
                    return
            except urllib.error.HTTPError:
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"server on {self.port} not ready in {timeout}s")

    def worker_pids(self):
        """The pids of this master's worker processes (children in /proc)."""
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == self.process.pid:
                pids.append(int(entry.name))
        return pids

    def kill_worker(self):
        """kill -9 one worker; the master starts a new one. Returns its pid."""
        pids = self.worker_pids()
        if not pids:
            return None
        os.kill(pids[0], signal.SIGKILL)
        return pids[0]

    def kill_all(self):
        """kill -9 the master and every worker, as a machine failure would."""
        pids = self.worker_pids()
        os.kill(self.process.pid, signal.SIGKILL)
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.kill_all()
