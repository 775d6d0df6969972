"""The submitter's pages: entering, editing and deleting works."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from showcase.enums import WorkState
from showcase.models import Work, WorkMedia
from tests.factories import UserFactory
from tests.showcase.factories import ShowcaseFactory
from tests.showcase.media_files import (
    make_video,
    needs_ffmpeg,
    png_header_only,
    png_upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    ShowcaseFactory(stage="collection")
    person = UserFactory()
    client.force_login(person)
    return person


def test_pledge_label_reads_as_one_sentence(client, author):
    page = client.get(reverse("showcase:my_works")).content.decode()

    assert "不侵犯任何人的权利。" in page
    assert "权利。：" not in page


FIELDS = {
    "title": "楼道里的灯",
    "kind": "photography",
    "direction": "warm_service",
    "authors": "王五",
    "description": "说明",
    "story": "故事",
}


@pytest.mark.parametrize(
    ("field", "value"),
    [("title", "灯\u0001"), ("authors", "王\u000b五"), ("story", "故\u0007事")],
)
def test_control_characters_refused_at_the_field(client, author, field, value):
    answer = client.post(reverse("showcase:my_works"), {**FIELDS, field: value})

    page = answer.content.decode()
    assert answer.status_code == 200
    assert "控制字符" in page
    assert FIELDS["description"] in page
    assert not Work.objects.exists()


def test_a_decompression_bomb_is_refused_with_a_reason_not_an_error(client, author):
    answer = client.post(
        reverse("showcase:my_works"),
        {**FIELDS, "media": png_header_only(20000, 10000)},
        follow=True,
    )

    assert answer.status_code == 200
    assert "图片像素过多" in answer.content.decode()


def enter(client, **changes):
    return client.post(reverse("showcase:my_works"), {**FIELDS, **changes})


def assert_refused_at_the_media_field(answer, reason):
    page = answer.content.decode()
    assert answer.status_code == 200
    assert reason in page
    # What was typed is still there, to correct the file and send again.
    assert 'value="楼道里的灯"' in page
    assert "说明</textarea>" in page
    assert not Work.objects.exists()
    assert not WorkMedia.objects.exists()


def test_a_fake_video_creates_nothing_however_often_it_is_sent(client, author):
    for _attempt in range(2):
        answer = enter(
            client,
            kind="short_video",
            media=SimpleUploadedFile("clip.mp4", b"this is not a video at all"),
        )

        assert_refused_at_the_media_field(answer, "该文件不是可以播放的视频。")


def test_a_file_lying_about_its_type_creates_nothing(client, author):
    answer = enter(client, media=SimpleUploadedFile("photo.png", b"GIF89a fake"))

    assert_refused_at_the_media_field(answer, "该文件不是可以打开的图片。")


@needs_ffmpeg
def test_a_too_long_video_creates_nothing(client, author, tmp_path):
    answer = enter(client, kind="short_video", media=make_video(tmp_path, seconds=181))

    assert_refused_at_the_media_field(answer, "此类作品时长不得超过3分钟。")


def test_a_work_with_its_picture_and_pledge_is_submitted_at_once(client, author):
    answer = enter(client, media=png_upload(), pledge="on")

    work = Work.objects.get()
    assert answer.status_code == 302
    assert work.state == WorkState.SUBMITTED
    assert work.media.count() == 1


def test_a_pledge_without_a_file_is_refused_at_the_file_field(client, author):
    answer = enter(client, pledge="on")

    assert_refused_at_the_media_field(answer, "提交前请至少上传一个作品文件")


def test_the_submit_button_refuses_a_draft_without_media(client, author):
    enter(client)
    work = Work.objects.get()

    answer = client.post(
        reverse("showcase:submit", args=[work.pk]), {"pledge": "on"}, follow=True
    )

    work.refresh_from_db()
    assert work.state == WorkState.DRAFT
    assert "提交前请至少上传一个作品文件" in answer.content.decode()
