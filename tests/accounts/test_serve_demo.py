"""bin/serve-demo starts the web server, the worker and the scheduler, and
Ctrl-C or SIGTERM stops all three.

It runs the real script on a free port of 127.0.0.1 with its own data
directory, so it touches neither var/ nor the test database.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PORTS = range(8150, 8200)


def _free_port():
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.skip("no free port for the demo server")
    return None


def _env(var_dir, port=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("HGJ_")}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update({"HGJ_VAR_DIR": str(var_dir), "HGJ_DEMO_PYTHON": sys.executable})
    if port:
        env["HGJ_DEMO_ADDR"] = f"127.0.0.1:{port}"
    return env


@pytest.fixture(scope="module")
def var_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo-var")
    for command in (["migrate", "--noinput", "-v0"], ["createcachetable"]):
        subprocess.run(  # noqa: S603 -- our own manage.py
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=_env(path),
            check=True,
            capture_output=True,
            timeout=300,
        )
    return path


def _descendants(pid):
    """``{pid: command line}`` of every process below ``pid``."""
    parents = _processes()
    found, frontier = {}, {pid}
    while frontier:
        below = {p: cmd for p, (ppid, cmd) in parents.items() if ppid in frontier}
        found.update(below)
        frontier = set(below) - {pid}
    return found


def _processes():
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        found[int(entry.name)] = (int(stat.rsplit(")", 1)[1].split()[1]), cmdline)
    return found


def _alive(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_until_serving(url, process, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"serve-demo ended early with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 -- our own local server
                return response.status
        except OSError:
            time.sleep(0.5)
    pytest.fail("the demo server did not answer in time")
    return None


@pytest.fixture
def demo(var_dir, tmp_path):
    port = _free_port()
    with (tmp_path / "serve-demo.log").open("w") as log:
        process = subprocess.Popen(  # noqa: S603 -- our own script
            [str(ROOT / "bin" / "serve-demo")],
            cwd=ROOT,
            env=_env(var_dir, port),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            yield process, f"http://127.0.0.1:{port}/"
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _check_start_and_stop(process, url, send_stop):
    assert _wait_until_serving(url, process) == 200
    children = _descendants(process.pid)
    commands = " ".join(children.values())
    for part in ("runserver", "db_worker", "run_scheduler"):
        assert part in commands

    send_stop()

    process.wait(timeout=60)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [pid for pid in children if _alive(pid)] == []


def test_serve_demo_stops_all_three_on_sigterm(demo):
    process, url = demo

    _check_start_and_stop(process, url, lambda: process.send_signal(signal.SIGTERM))

    assert process.returncode == 143


def test_serve_demo_stops_all_three_on_ctrl_c(demo):
    process, url = demo

    # A terminal's Ctrl-C sends SIGINT to the whole foreground process group.
    _check_start_and_stop(process, url, lambda: os.killpg(process.pid, signal.SIGINT))

    assert process.returncode == 130


def _manage_shell(var_dir, code):
    return subprocess.run(  # noqa: S603 -- our own manage.py
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=_env(var_dir),
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout.strip()


def test_serve_demo_worker_delivers_a_queued_notification(demo, var_dir):
    process, url = demo
    assert _wait_until_serving(url, process) == 200

    _manage_shell(
        var_dir,
        "from accounts.models import User\n"
        "from notifications.services import notify\n"
        "person, _ = User.objects.get_or_create(username='worker-check')\n"
        "notify(person, title='worker check', sms=False)\n",
    )

    count = "0"
    deadline = time.monotonic() + 60
    while count != "1" and time.monotonic() < deadline:
        time.sleep(1)
        count = _manage_shell(
            var_dir,
            "from notifications.models import Notification\n"
            "print(Notification.objects.filter(title='worker check').count())",
        ).splitlines()[-1]
    assert count == "1"


def test_serve_demo_shows_the_chinese_error_page_and_still_serves_static_files(demo):
    process, url = demo
    assert _wait_until_serving(url, process) == 200

    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(url + "no-such-page/", timeout=10)  # noqa: S310 -- our own local server
    page = missing.value.read().decode()
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 -- our own local server
        home = response.read().decode()
    stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+)"', home).group(1)
    with urllib.request.urlopen(url + stylesheet.lstrip("/"), timeout=10) as response:  # noqa: S310 -- our own local server
        css = (response.status, response.headers["Content-Type"])

    assert missing.value.code == 404
    assert "页面不存在" in page
    assert "Page not found" not in page
    assert "DEBUG = True" not in page
    assert css[0] == 200
    assert css[1].startswith("text/css")
