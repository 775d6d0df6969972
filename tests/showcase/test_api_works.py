"""The submitter's side of the showcase API: the same checks as the page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.roles import Role
from accounts.tokens import issue_token
from showcase.models import Work, WorkMedia
from showcase.services.works import reject_work, submit_work
from tests.factories import ResidentFactory, person_with_role
from tests.showcase.factories import ShowcaseFactory
from tests.showcase.media_files import png_upload

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


# -- a draft's media, edits and deletion -------------------------------------


def upload(client, headers, work_id, file):
    return client.post(
        f"/api/v1/showcase/works/{work_id}/media", {"file": file}, headers=headers
    )


def patch(client, headers, work_id, **changes):
    return client.patch(
        f"/api/v1/showcase/works/{work_id}",
        data=changes,
        content_type="application/json",
        headers=headers,
    )


@pytest.fixture
def draft_id(client, headers):
    return create(client, headers).json()["id"]


def test_api_enters_a_work_from_draft_to_submitted(client, headers, draft_id):
    added = upload(client, headers, draft_id, png_upload("photo.pdf"))
    submitted = client.post(
        f"/api/v1/showcase/works/{draft_id}/submit",
        data={"pledge_accepted": True},
        content_type="application/json",
        headers=headers,
    )

    assert added.status_code == 201
    assert added.json()["kind"] == "image"
    assert added.json()["url"] == f"/showcase/media/{added.json()['id']}/"
    assert WorkMedia.objects.get().file.name.endswith(".png")
    assert submitted.json()["state"] == "submitted"


def test_api_refuses_a_fake_file_at_the_file_field(client, headers, draft_id):
    answer = upload(
        client, headers, draft_id, SimpleUploadedFile("photo.png", b"GIF89a fake")
    )

    assert answer.status_code == 400
    assert answer.json()["code"] == "media_refused"
    assert answer.json()["fields"] == {"file": ["该文件不是可以打开的图片。"]}
    assert not WorkMedia.objects.exists()


def test_api_removes_a_file_of_a_draft(client, headers, draft_id):
    media_id = upload(client, headers, draft_id, png_upload()).json()["id"]

    answer = client.delete(f"/api/v1/showcase/media/{media_id}", headers=headers)

    assert answer.status_code == 204
    assert not WorkMedia.objects.exists()


def test_api_edits_a_draft_with_the_forms_checks(client, headers, draft_id):
    edited = patch(client, headers, draft_id, title="新标题", story="新故事\n第二行")
    junk = patch(client, headers, draft_id, title="\u0001", kind="nope")

    assert edited.status_code == 200
    assert (edited.json()["title"], edited.json()["story"]) == (
        "新标题",
        "新故事\n第二行",
    )
    assert edited.json()["description"] == "说明"
    assert junk.status_code == 422
    assert set(junk.json()["fields"]) == {"title", "kind"}
    assert Work.objects.get().title == "新标题"


def test_api_refuses_a_type_the_files_do_not_suit(client, headers, draft_id):
    upload(client, headers, draft_id, png_upload())

    answer = patch(client, headers, draft_id, kind="short_video")

    assert answer.status_code == 409
    assert answer.json()["code"] == "media_mismatch"
    assert list(answer.json()["fields"]) == ["kind"]


def test_api_deletes_a_draft(client, headers, draft_id):
    answer = client.delete(f"/api/v1/showcase/works/{draft_id}", headers=headers)

    assert answer.status_code == 204
    assert not Work.objects.exists()


def test_api_refuses_to_change_a_submitted_work(client, headers, draft_id):
    upload(client, headers, draft_id, png_upload())
    client.post(
        f"/api/v1/showcase/works/{draft_id}/submit",
        data={"pledge_accepted": True},
        content_type="application/json",
        headers=headers,
    )

    edited = patch(client, headers, draft_id, title="改")
    deleted = client.delete(f"/api/v1/showcase/works/{draft_id}", headers=headers)

    assert edited.status_code == deleted.status_code == 409
    assert deleted.json()["code"] == "work_not_editable"
    assert Work.objects.get().title == VALID["title"]


def test_api_hides_someone_elses_draft(client, headers, draft_id):
    other = {"Authorization": f"Bearer {issue_token(ResidentFactory())}"}

    answers = [
        patch(client, other, draft_id, title="改"),
        client.delete(f"/api/v1/showcase/works/{draft_id}", headers=other),
        upload(client, other, draft_id, png_upload()),
        client.post(f"/api/v1/showcase/works/{draft_id}/revise", headers=other),
    ]

    assert [a.status_code for a in answers] == [404] * 4
    assert Work.objects.get().title == VALID["title"]


def test_api_lists_my_works_and_revises_a_rejected_one(client, headers, draft_id):
    upload(client, headers, draft_id, png_upload())
    work = Work.objects.get()
    submit_work(work, actor=work.submitter, pledge_accepted=True)
    reject_work(work, actor=person_with_role(Role.REVIEWER), reason="画面模糊")

    mine = client.get("/api/v1/showcase/me/works", headers=headers).json()
    revised = client.post(f"/api/v1/showcase/works/{draft_id}/revise", headers=headers)

    assert [w["id"] for w in mine] == [draft_id]
    assert mine[0]["state"] == "rejected"
    assert mine[0]["decision_reason"] == "画面模糊"
    assert len(mine[0]["media"]) == 1
    assert mine[0]["history"][-1]["action"] == "reject"
    assert revised.json() == {"id": draft_id, "state": "draft"}


def test_api_schema_lists_the_submitters_operations(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert {"get"} <= set(paths["/api/v1/showcase/me/works"])
    assert {"patch", "delete", "get"} <= set(paths["/api/v1/showcase/works/{work_id}"])
    assert "post" in paths["/api/v1/showcase/works/{work_id}/media"]
    assert "delete" in paths["/api/v1/showcase/media/{media_id}"]
    assert "post" in paths["/api/v1/showcase/works/{work_id}/revise"]
