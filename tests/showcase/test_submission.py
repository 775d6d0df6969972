"""Entering works: drafts, media checks, poster frames and the pledge."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from common.models import AuditEntry
from showcase.enums import WorkKind, WorkState
from showcase.errors import MediaRequired, PledgeRequired, StageNotOpen
from showcase.media import MediaRefused
from showcase.models import Pledge, WorkMedia
from showcase.selectors import works_visible_to
from showcase.services.works import add_media, create_work, submit_work, update_draft
from tests.factories import UserFactory
from tests.showcase.factories import ShowcaseFactory
from tests.showcase.media_files import make_video, needs_ffmpeg, png_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    showcase = ShowcaseFactory(stage="collection")
    return create_work(
        showcase,
        actor=UserFactory(),
        title="凌晨的抢修",
        kind=WorkKind.SHORT_VIDEO,
        direction="warm_service",
        authors="张三",
        description="说明",
        story="故事",
    )


@needs_ffmpeg
def test_video_checked_and_poster_made(draft, tmp_path):
    item = add_media(draft, make_video(tmp_path, seconds=3), actor=draft.submitter)

    assert item.kind == "video"
    assert item.codec == "h264"
    assert 2 <= item.duration_seconds <= 4
    draft.refresh_from_db()
    assert draft.poster.name.endswith(".jpg")


@needs_ffmpeg
def test_short_video_over_three_minutes_refused(draft, tmp_path):
    with pytest.raises(MediaRefused) as refused:
        add_media(draft, make_video(tmp_path, seconds=181), actor=draft.submitter)

    assert "3" in str(refused.value.message)
    assert not WorkMedia.objects.exists()


@needs_ffmpeg
def test_video_in_unsupported_codec_refused(draft, tmp_path):
    upload = make_video(tmp_path, seconds=2, codec="mpeg2video", suffix=".mpg")

    with pytest.raises(MediaRefused) as refused:
        add_media(draft, upload, actor=draft.submitter)

    assert "mpeg2video" in str(refused.value.message)


def test_text_file_posing_as_video_refused(draft):
    fake = SimpleUploadedFile("clip.mp4", b"this is not a video at all")

    with pytest.raises(MediaRefused):
        add_media(draft, fake, actor=draft.submitter)

    assert not WorkMedia.objects.exists()


def test_photo_opened_with_pillow(draft):
    update_draft(draft, actor=draft.submitter, kind=WorkKind.PHOTOGRAPHY)

    item = add_media(draft, png_upload(), actor=draft.submitter)
    with pytest.raises(MediaRefused):
        add_media(
            draft,
            SimpleUploadedFile("x.jpg", b"GIF89a not really"),
            actor=draft.submitter,
        )

    assert item.codec == "png"


def test_a_photo_gets_a_small_poster_of_its_own(draft):
    update_draft(draft, actor=draft.submitter, kind=WorkKind.PHOTOGRAPHY)
    buffer = io.BytesIO()
    Image.new("RGB", (2400, 1200), "blue").save(buffer, format="PNG")

    item = add_media(
        draft, SimpleUploadedFile("wide.png", buffer.getvalue()), actor=draft.submitter
    )

    draft.refresh_from_db()
    assert draft.poster.name != item.file.name
    with Image.open(draft.poster.path) as poster:
        assert poster.format == "JPEG"
        assert poster.size == (960, 480)


def test_submission_needs_pledge_and_stores_it(draft):
    update_draft(draft, actor=draft.submitter, kind=WorkKind.PHOTOGRAPHY)
    add_media(draft, png_upload(), actor=draft.submitter)

    with pytest.raises(PledgeRequired):
        submit_work(draft, actor=draft.submitter, pledge_accepted=False)

    submit_work(draft, actor=draft.submitter, pledge_accepted=True)

    draft.refresh_from_db()
    assert draft.state == WorkState.SUBMITTED
    pledge = Pledge.objects.get(work=draft)
    assert pledge.signer == draft.submitter
    assert pledge.text_version
    assert AuditEntry.objects.filter(action="showcase.work.submit").exists()


def test_draft_not_editable_after_collection(draft):
    draft.showcase.review_starts_at = draft.showcase.collection_starts_at
    draft.showcase.save()

    with pytest.raises(StageNotOpen):
        update_draft(draft, actor=draft.submitter, title="改名")

    draft.refresh_from_db()
    assert draft.title == "凌晨的抢修"


def test_my_works_page_saves_draft_and_hides_its_media(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    ShowcaseFactory(stage="collection")
    author = UserFactory()
    client.force_login(author)

    client.post(
        "/showcase/mine/",
        {
            "title": "楼道里的灯",
            "kind": WorkKind.PHOTOGRAPHY,
            "direction": "warm_service",
            "authors": "王五",
            "description": "说明",
            "story": "故事",
            "media": png_upload(),
        },
    )
    item = WorkMedia.objects.get()
    client.force_login(UserFactory())
    other = client.get(f"/showcase/media/{item.pk}/")

    assert item.work.state == WorkState.DRAFT
    assert item.work.submitter == author
    assert works_visible_to(author).filter(pk=item.work_id).exists()
    assert other.status_code == 404


def test_a_picture_is_stored_with_the_extension_of_its_real_type(draft, client):
    update_draft(draft, actor=draft.submitter, kind=WorkKind.PHOTOGRAPHY)

    item = add_media(draft, png_upload("photo.pdf"), actor=draft.submitter)
    client.force_login(draft.submitter)
    served = client.get(f"/showcase/media/{item.pk}/")
    served.close()

    assert item.file.name.endswith(".png")
    assert served["Content-Type"] == "image/png"


@needs_ffmpeg
def test_a_video_is_stored_with_the_extension_of_its_container(draft, tmp_path):
    upload = make_video(tmp_path, seconds=2, name="clip.pdf")

    item = add_media(draft, upload, actor=draft.submitter)

    assert item.file.name.endswith(".mp4")


def test_a_draft_without_media_cannot_be_submitted(draft):
    with pytest.raises(MediaRequired) as refused:
        submit_work(draft, actor=draft.submitter, pledge_accepted=True)

    draft.refresh_from_db()
    assert draft.state == WorkState.DRAFT
    assert not Pledge.objects.exists()
    assert "至少上传一个作品文件" in str(refused.value.message)
