"""Real threads for the showcase's concurrency tests (PostgreSQL).

Each call runs on its own database connection, closed when it ends; a
refusal (``DomainError``) is returned in the call's place, any other error
is raised.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

from django.db import connection

from common.errors import DomainError


def run_in_threads(calls):
    """Run each callable from its own thread, all released at once;
    ``[result or refusal]`` in the order of ``calls``."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait()
        return _refusal_or_result(call)

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def run_at_most(calls, *, at_once):
    """Run ``calls`` from ``at_once`` threads; ``[result or refusal]``."""
    with ThreadPoolExecutor(max_workers=at_once) as pool:
        return list(pool.map(_refusal_or_result, calls))


def _refusal_or_result(call):
    try:
        return call()
    except DomainError as error:
        return error
    finally:
        connection.close()
