"""Checks of uploaded media: real video length, picture size, stored type."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from showcase.enums import WorkKind
from showcase.media import MAX_PIXELS, MediaRefused, check_upload
from tests.showcase.media_files import (
    png_header_only,
    png_upload,
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


def test_a_picture_whose_data_cannot_be_decoded_is_refused():
    with pytest.raises(MediaRefused) as refused:
        check_upload(png_header_only(200, 100), work_kind=WorkKind.PHOTOGRAPHY)

    assert "不是可以打开的图片" in str(refused.value.message)


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
