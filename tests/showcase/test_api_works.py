"""The submitter's side of the showcase API: the same checks as the page."""

import pytest

from accounts.tokens import issue_token
from showcase.models import Work
from tests.factories import ResidentFactory
from tests.showcase.factories import ShowcaseFactory

pytestmark = pytest.mark.django_db

VALID = {
    "title": "楼道里的灯",
    "kind": "photography",
    "direction": "warm_service",
    "authors": "王五",
    "description": "说明",
    "story": "故事",
}


@pytest.fixture
def headers(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    ShowcaseFactory(stage="collection")
    return {"Authorization": f"Bearer {issue_token(ResidentFactory())}"}


def create(client, headers, **changes):
    return client.post(
        "/api/v1/showcase/works",
        data={**VALID, **changes},
        content_type="application/json",
        headers=headers,
    )


def test_api_refuses_a_junk_work_naming_each_field(client, headers):
    answer = create(client, headers, title="", authors="", kind="nope", direction="zzz")

    assert answer.status_code == 422
    body = answer.json()
    assert body["code"] == "invalid_input"
    assert set(body["fields"]) == {"title", "authors", "kind", "direction"}
    assert body["fields"]["title"] == ["此项为必填项。"]
    assert not Work.objects.exists()


def test_api_refuses_a_title_over_the_page_forms_length(client, headers):
    answer = create(client, headers, title="长" * 300)

    assert answer.status_code == 422
    assert "100" in answer.json()["fields"]["title"][0]
    assert not Work.objects.exists()


def test_api_requires_description_and_story_as_the_page_does(client, headers):
    answer = create(client, headers, description="  ", story="")

    assert answer.status_code == 422
    assert set(answer.json()["fields"]) == {"description", "story"}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "灯\u0001"),
        ("authors", "王五\u000b"),
        ("description", "第一行\u000b第二行"),
        ("story", "故事\u001b[31m"),
    ],
)
def test_api_refuses_control_characters_in_every_text_field(
    client, headers, field, value
):
    answer = create(client, headers, **{field: value})

    assert answer.status_code == 422
    assert list(answer.json()["fields"]) == [field]
    assert "控制字符" in answer.json()["fields"][field][0]
    assert not Work.objects.exists()


def test_api_keeps_line_breaks_in_description_and_story(client, headers):
    answer = create(client, headers, description="第一段\r\n第二段", story="甲\n\t乙")

    assert answer.status_code == 201
    work = Work.objects.get()
    assert work.description == "第一段\r\n第二段"
    assert work.story == "甲\n\t乙"


def test_api_refuses_to_submit_a_draft_without_media(client, headers):
    work_id = create(client, headers).json()["id"]

    answer = client.post(
        f"/api/v1/showcase/works/{work_id}/submit",
        data={"pledge_accepted": True},
        content_type="application/json",
        headers=headers,
    )

    assert answer.status_code == 409
    assert answer.json()["code"] == "media_required"
    assert Work.objects.get().state == "draft"
