"""The API's documentation page works in a browser, from the site's own files
(no CDN: the platform runs on a government intranet) under its security
policy."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_api_docs_list_the_operations_without_a_blocked_resource(page, live_server):
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("requestfailed", lambda r: problems.append(r.url))

    page.goto(f"{live_server.url}/api/docs")
    page.get_by_text("/api/v1/showcase/works/{work_id}/vote").first.wait_for()

    assert page.title() == "红管家 联万家 API"
    assert problems == []
