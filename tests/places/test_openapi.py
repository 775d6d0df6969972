import pytest

pytestmark = pytest.mark.django_db


def test_openapi_lists_the_read_endpoints_with_the_error_envelope(client):
    schema = client.get("/api/v1/openapi.json").json()

    paths = schema["paths"]
    for path in [
        "/api/v1/places/estates",
        "/api/v1/places/estates/{estate_id}",
        "/api/v1/places/subdistricts",
        "/api/v1/organizations/companies",
        "/api/v1/campaign/boards",
        "/api/v1/campaign/tasks/{task_id}/status",
    ]:
        assert path in paths
    estate = paths["/api/v1/places/estates/{estate_id}"]["get"]["responses"]
    assert {"200", "403", "404"} <= set(estate)
