"""Changing one's works: edit and delete drafts, revise a rejected work."""

import pytest
from django.urls import reverse

from common.errors import InvalidTransition, NotAllowed
from common.models import AuditEntry
from showcase.enums import WorkKind, WorkState
from showcase.errors import CollectionClosed, MediaMismatch, WorkNotEditable
from showcase.models import Pledge, Work, WorkMedia
from showcase.services.works import (
    add_media,
    create_work,
    delete_draft,
    reject_work,
    remove_media,
    revise_work,
    submit_work,
    update_draft,
)
from tests.factories import UserFactory, person_with_role
from tests.showcase.factories import ShowcaseFactory
from tests.showcase.media_files import make_video, needs_ffmpeg, png_upload

pytestmark = pytest.mark.django_db

FIELDS = {
    "title": "楼道里的灯",
    "kind": WorkKind.PHOTOGRAPHY,
    "direction": "warm_service",
    "authors": "王五",
    "description": "说明",
    "story": "故事",
}


@pytest.fixture
def draft(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    showcase = ShowcaseFactory(stage="collection")
    return create_work(
        showcase, actor=UserFactory(), upload=png_upload("first.png"), **FIELDS
    )


def close_collection(work):
    work.showcase.review_starts_at = work.showcase.collection_starts_at
    work.showcase.save()


def stored(field_file):
    return field_file.storage.exists(field_file.name)


def rejected(work):
    submit_work(work, actor=work.submitter, pledge_accepted=True)
    return reject_work(work, actor=person_with_role("reviewer"), reason="画面模糊")


# -- services ---------------------------------------------------------------


def test_a_draft_is_edited_with_an_audit_entry(draft):
    update_draft(draft, actor=draft.submitter, title="楼道里的新灯", story="新故事")

    draft.refresh_from_db()
    assert (draft.title, draft.story) == ("楼道里的新灯", "新故事")
    entry = AuditEntry.objects.get(action="showcase.work.update")
    assert entry.before == {"title": "楼道里的灯", "story": "故事"}
    assert entry.after == {"title": "楼道里的新灯", "story": "新故事"}


def test_files_are_added_and_removed_and_the_poster_follows(
    draft, django_capture_on_commit_callbacks
):
    first = draft.media.get()
    old_poster = draft.poster.name

    with django_capture_on_commit_callbacks(execute=True):
        update_draft(
            draft,
            actor=draft.submitter,
            upload=png_upload("second.png", size=(30, 10)),
            remove=[first.pk],
        )

    draft.refresh_from_db()
    second = draft.media.get()
    assert second.pk != first.pk
    assert not first.file.storage.exists(first.file.name)
    assert stored(second.file)
    assert draft.poster.name != old_poster
    assert not draft.poster.storage.exists(old_poster)
    actions = AuditEntry.objects.values_list("action", flat=True)
    assert "showcase.work.remove_media" in actions


def test_removing_the_last_file_leaves_no_poster(draft):
    remove_media(draft.media.get(), actor=draft.submitter)

    draft.refresh_from_db()
    assert not draft.media.exists()
    assert not draft.poster


def test_a_type_the_files_do_not_suit_is_refused(draft):
    with pytest.raises(MediaMismatch) as refused:
        update_draft(draft, actor=draft.submitter, kind=WorkKind.SHORT_VIDEO)

    draft.refresh_from_db()
    assert draft.kind == WorkKind.PHOTOGRAPHY
    assert refused.value.fields == {"kind": [refused.value.message]}


def test_a_draft_is_deleted_with_its_files(draft, django_capture_on_commit_callbacks):
    item = draft.media.get()

    with django_capture_on_commit_callbacks(execute=True):
        delete_draft(draft, actor=draft.submitter)

    assert not Work.objects.exists()
    assert not WorkMedia.objects.exists()
    assert not item.file.storage.exists(item.file.name)
    entry = AuditEntry.objects.get(action="showcase.work.delete")
    assert entry.before["title"] == "楼道里的灯"


@pytest.mark.parametrize(
    "change",
    [
        lambda work, actor: update_draft(work, actor=actor, title="改"),
        lambda work, actor: add_media(work, png_upload(), actor=actor),
        lambda work, actor: remove_media(work.media.get(), actor=actor),
        lambda work, actor: delete_draft(work, actor=actor),
    ],
    ids=["edit", "add", "remove", "delete"],
)
@pytest.mark.parametrize(
    ("situation", "refusal"),
    [
        ("someone else's", NotAllowed),
        ("submitted", WorkNotEditable),
        ("after collection", CollectionClosed),
    ],
)
def test_changes_are_refused_outside_ones_drafts_in_collection(
    draft, change, situation, refusal
):
    actor = draft.submitter
    if situation == "someone else's":
        actor = UserFactory()
    elif situation == "submitted":
        submit_work(draft, actor=actor, pledge_accepted=True)
    else:
        close_collection(draft)
    entries = AuditEntry.objects.count()

    with pytest.raises(refusal) as refused:
        change(draft, actor)

    draft.refresh_from_db()
    assert draft.title == "楼道里的灯"
    assert draft.media.count() == 1
    assert AuditEntry.objects.count() == entries
    if situation == "submitted":
        assert (
            str(refused.value.message) == "只有草稿可以修改或删除；该作品当前为已提交。"
        )
    if situation == "after collection":
        assert "只有在作品征集阶段" in str(refused.value.message)


def test_a_rejected_work_is_revised_and_submitted_again(draft):
    work = rejected(draft)

    revise_work(work, actor=work.submitter)
    update_draft(work, actor=work.submitter, title="楼道里的灯（修改版）")
    submit_work(work, actor=work.submitter, pledge_accepted=True)

    work.refresh_from_db()
    assert work.state == WorkState.SUBMITTED
    assert work.decision_reason == ""
    assert Pledge.objects.filter(work=work).count() == 2
    revise = AuditEntry.objects.get(action="showcase.work.revise")
    assert revise.reason == "画面模糊"
    assert revise.before == {"state": "rejected"}
    assert AuditEntry.objects.get(action="showcase.work.reject").reason == "画面模糊"


def test_a_rejected_work_keeps_its_reason_while_revised(draft):
    work = revise_work(rejected(draft), actor=draft.submitter)

    work.refresh_from_db()
    assert work.state == WorkState.DRAFT
    assert work.decision_reason == "画面模糊"


def test_revising_is_refused_after_collection_and_for_others(draft):
    work = rejected(draft)
    with pytest.raises(NotAllowed):
        revise_work(work, actor=UserFactory())
    close_collection(work)

    with pytest.raises(CollectionClosed):
        revise_work(work, actor=work.submitter)

    work.refresh_from_db()
    assert work.state == WorkState.REJECTED


def test_only_a_rejected_work_is_revised(draft):
    submit_work(draft, actor=draft.submitter, pledge_accepted=True)

    with pytest.raises(InvalidTransition):
        revise_work(draft, actor=draft.submitter)


# -- pages ------------------------------------------------------------------


@pytest.fixture
def signed_in(client, draft):
    client.force_login(draft.submitter)
    return client


def test_my_works_offers_edit_and_delete_for_a_draft(signed_in, draft):
    page = signed_in.get(reverse("showcase:my_works")).content.decode()

    assert reverse("showcase:edit", args=[draft.pk]) in page
    assert reverse("showcase:delete", args=[draft.pk]) in page


def test_the_edit_page_changes_fields_and_files(signed_in, draft):
    item = draft.media.get()
    url = reverse("showcase:edit", args=[draft.pk])

    form = signed_in.get(url).content.decode()
    answer = signed_in.post(
        url,
        {**FIELDS, "title": "新标题", "remove_media": [item.pk], "media": png_upload()},
        follow=True,
    )

    assert 'value="楼道里的灯"' in form
    assert "已保存" in answer.content.decode()
    draft.refresh_from_db()
    assert draft.title == "新标题"
    assert list(draft.media.values_list("pk", flat=True)) != [item.pk]
    assert draft.media.count() == 1


def test_the_edit_page_shows_a_type_the_files_do_not_suit_at_its_field(
    signed_in, draft
):
    answer = signed_in.post(
        reverse("showcase:edit", args=[draft.pk]),
        {**FIELDS, "kind": "short_video"},
    )

    page = answer.content.decode()
    assert answer.status_code == 200
    assert "不适合该类型" in page
    draft.refresh_from_db()
    assert draft.kind == WorkKind.PHOTOGRAPHY


def test_the_edit_page_of_a_submitted_work_says_why_it_cannot_change(signed_in, draft):
    submit_work(draft, actor=draft.submitter, pledge_accepted=True)

    page = signed_in.get(reverse("showcase:edit", args=[draft.pk])).content.decode()
    signed_in.post(reverse("showcase:edit", args=[draft.pk]), {**FIELDS, "title": "改"})

    assert "只有草稿可以修改或删除" in page
    assert 'name="title"' not in page
    draft.refresh_from_db()
    assert draft.title == "楼道里的灯"


def test_the_delete_button_deletes_the_draft(signed_in, draft):
    answer = signed_in.post(reverse("showcase:delete", args=[draft.pk]), follow=True)

    assert "已删除" in answer.content.decode()
    assert not Work.objects.exists()


def test_someone_else_cannot_reach_the_draft(client, draft):
    client.force_login(UserFactory())

    edit = client.get(reverse("showcase:edit", args=[draft.pk]))
    delete = client.post(reverse("showcase:delete", args=[draft.pk]))

    assert edit.status_code == 404
    assert delete.status_code == 404
    assert Work.objects.exists()


def test_a_rejected_work_shows_its_reason_and_is_revised_from_the_page(
    signed_in, draft
):
    rejected(draft)

    page = signed_in.get(reverse("showcase:my_works")).content.decode()
    answer = signed_in.post(reverse("showcase:revise", args=[draft.pk]), follow=True)

    assert "画面模糊" in page
    assert reverse("showcase:revise", args=[draft.pk]) in page
    draft.refresh_from_db()
    assert draft.state == WorkState.DRAFT
    assert 'name="title"' in answer.content.decode()
    history = signed_in.get(reverse("showcase:my_works")).content.decode()
    assert "退回：画面模糊" in history


@needs_ffmpeg
def test_a_videos_poster_is_cut_again_from_the_video_left(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    author = UserFactory()
    work = create_work(
        ShowcaseFactory(stage="collection"),
        actor=author,
        upload=make_video(tmp_path, seconds=3),
        **{**FIELDS, "kind": WorkKind.SHORT_VIDEO},
    )
    first = work.media.get()
    add_media(work, make_video(tmp_path, seconds=4), actor=author)
    old_poster = work.poster.name

    remove_media(first, actor=author)

    work.refresh_from_db()
    assert work.poster.name.endswith(".jpg")
    assert work.poster.name != old_poster
    assert work.poster.storage.exists(work.poster.name)
