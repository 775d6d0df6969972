import pytest


@pytest.fixture(autouse=True)
def _complaint_defaults(request):
    """Policies and windows, also after a transactional test flushed them."""
    if "django_db" not in request.keywords and not any(
        name in request.fixturenames for name in ("db", "transactional_db")
    ):
        return
    request.getfixturevalue("transactional_db" if _transactional(request) else "db")
    from complaints.defaults import ensure_defaults

    ensure_defaults()


def _transactional(request):
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction"))
