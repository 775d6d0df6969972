"""Checks of uploaded media: real video length, picture size, stored type."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageFile

from showcase.enums import WorkKind
from showcase.media import MAX_PIXELS, MediaRefused, check_upload
from tests.showcase.media_files import (
    declared_duration,
    make_video,
    needs_ffmpeg,
    png_header_only,
    png_upload,
    with_header_durations_scaled,
)

# -- pictures: refused by their declared size, before they are decoded -----


@pytest.mark.parametrize(("width", "height"), [(20000, 10000), (12000, 10000)])
def test_a_picture_of_too_many_pixels_is_refused_with_the_reason(width, height):
    with pytest.raises(MediaRefused) as refused:
        check_upload(png_header_only(width, height), work_kind=WorkKind.PHOTOGRAPHY)

    assert "像素过多" in str(refused.value.message)
    assert "40" in str(refused.value.message)


def test_the_pixel_count_is_checked_before_the_picture_is_decoded():
    # Just over the cap: its data could not even be decoded, yet the reason
    # given is its size, read from the header alone.
    upload = png_header_only(8000, MAX_PIXELS // 8000 + 1)

    with pytest.raises(MediaRefused) as refused:
        check_upload(upload, work_kind=WorkKind.PHOTOGRAPHY)

    assert "像素过多" in str(refused.value.message)


@pytest.fixture
def pillow_defaults(monkeypatch):
    # WeasyPrint, once imported by a test that makes a PDF, tells Pillow to
    # fill in truncated pictures for the whole process (docs/limitations.md).
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", False)


@pytest.mark.usefixtures("pillow_defaults")
def test_a_picture_whose_data_cannot_be_decoded_is_refused():
    with pytest.raises(MediaRefused) as refused:
        check_upload(png_header_only(200, 100), work_kind=WorkKind.PHOTOGRAPHY)

    assert "不是可以打开的图片" in str(refused.value.message)


@pytest.mark.usefixtures("pillow_defaults")
def test_a_truncated_jpeg_is_refused_not_an_error():
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), "green").save(buffer, format="JPEG")
    cut = SimpleUploadedFile("cut.jpg", buffer.getvalue()[:600])

    with pytest.raises(MediaRefused):
        check_upload(cut, work_kind=WorkKind.PHOTOGRAPHY)


def test_a_picture_within_the_cap_is_accepted():
    checked = check_upload(png_upload(size=(64, 48)), work_kind=WorkKind.PHOTOGRAPHY)

    assert checked.kind == "image"
    assert checked.poster


# -- videos: measured from their packets, not taken from the header --------


@pytest.fixture
def patched_four_minutes(tmp_path):
    """A four-minute video whose header says it lasts one minute."""
    video = make_video(tmp_path, seconds=240)
    patched = with_header_durations_scaled(video, 0.25)
    on_disk = tmp_path / "patched.mp4"
    on_disk.write_bytes(patched.read())
    patched.seek(0)
    assert declared_duration(on_disk) == pytest.approx(60, abs=0.5)
    return patched


@needs_ffmpeg
def test_a_video_whose_header_understates_its_length_is_refused(patched_four_minutes):
    with pytest.raises(MediaRefused) as refused:
        check_upload(patched_four_minutes, work_kind=WorkKind.SHORT_VIDEO)

    assert "3分钟" in str(refused.value.message)


@needs_ffmpeg
def test_a_header_disagreeing_with_the_content_is_refused(patched_four_minutes):
    # A sitcom may last ten minutes: the real length would pass, the lie not.
    with pytest.raises(MediaRefused) as refused:
        check_upload(patched_four_minutes, work_kind=WorkKind.SITCOM)

    message = str(refused.value.message)
    assert "60" in message
    assert "240" in message


@needs_ffmpeg
def test_a_video_is_measured_by_its_frames(tmp_path):
    checked = check_upload(
        make_video(tmp_path, seconds=5), work_kind=WorkKind.SHORT_VIDEO
    )

    assert checked.duration == 5
