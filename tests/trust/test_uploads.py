"""Uploads: generated names outside the code tree, served as inert downloads,
and refused past the size cap while they stream in."""

import io
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.http.multipartparser import MultiPartParser
from django.test import Client

from common.uploads import (
    CappedUploadHandler,
    GeneratedName,
    RequestTooLarge,
    serve_upload,
)

BOUNDARY = "TrustBoundary"


def multipart(size, filename="clip.mp4"):
    head = (
        f"--{BOUNDARY}\r\n"
        f'Content-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    return head + b"\x00" * size + f"\r\n--{BOUNDARY}--\r\n".encode()


class CountingStream(io.BytesIO):
    def read(self, *args):
        data = super().read(*args)
        self.consumed = getattr(self, "consumed", 0) + len(data)
        return data


@pytest.mark.parametrize(
    ("client_name", "expected_suffix"),
    [
        ("作品.MP4", ".mp4"),
        ("../../hongguanjia/settings.py", ".py"),
        ("page.html", ".html"),
        ("no-extension", ""),
        ("x.<script>", ""),
    ],
)
def test_generated_names_keep_only_a_plain_extension(client_name, expected_suffix):
    name = GeneratedName("showcase/works")(None, client_name)

    folder, file_name = name.split("/", 2)[:2], name.rsplit("/", 1)[1]
    assert folder == ["showcase", "works"]
    stem, _, suffix = file_name.partition(".")
    assert len(stem) == 32
    assert ("." + suffix if suffix else "") == expected_suffix
    assert ".." not in name


class Stored:
    """The part of a FieldFile that ``serve_upload`` uses."""

    def __init__(self, storage, name):
        self.storage = storage
        self.name = name

    def open(self, mode):
        return self.storage.open(self.name, mode)


@pytest.fixture
def storage(tmp_path):
    return FileSystemStorage(location=tmp_path)


@pytest.mark.parametrize(
    "filename",
    ["evil.html", "evil.svg", "evil.js", "evil.htm", "evil.xhtml", "evil"],
)
def test_active_content_is_served_as_a_sandboxed_attachment(storage, filename):
    name = storage.save(filename, ContentFile(b"<script>alert(1)</script>"))

    response = serve_upload(Stored(storage, name), download_name="上传的文件.html")

    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    response.file_to_stream.close()


def test_a_photo_is_shown_inline_still_with_nosniff_and_sandbox(storage):
    name = storage.save("photo.jpg", ContentFile(b"\xff\xd8\xff\xe0"))

    response = serve_upload(Stored(storage, name))

    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("inline;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    response.file_to_stream.close()


def test_media_is_not_served_by_a_public_url(client, db):
    assert client.get(f"{django_settings.MEDIA_URL}x.html").status_code == 404


def parse(stream, declared_length):
    meta = {
        "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
        "CONTENT_LENGTH": str(declared_length),
    }
    handlers = [CappedUploadHandler(), MemoryFileUploadHandler()]
    return MultiPartParser(meta, stream, handlers).parse()


def test_an_upload_declared_over_the_cap_is_refused_before_it_is_read(settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    body = multipart(3 * 1024 * 1024)
    stream = CountingStream(body)

    with pytest.raises(RequestTooLarge):
        parse(stream, len(body))

    assert getattr(stream, "consumed", 0) == 0


def test_an_upload_lying_about_its_length_is_cut_off_while_streaming(settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    body = multipart(8 * 1024 * 1024)
    stream = CountingStream(body)

    with pytest.raises(RequestTooLarge):
        parse(stream, 1000)

    assert stream.consumed < 2 * 1024 * 1024


def test_an_oversized_upload_gets_a_clear_413(settings, db):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    client = Client(raise_request_exception=False)

    page = client.post("/", {"file": ContentFile(b"x" * 2_000_000, name="v.mp4")})
    api = client.post(
        "/api/v1/anything", {"file": ContentFile(b"x" * 2_000_000, name="v.mp4")}
    )

    assert page.status_code == 413
    assert "文件超过 1 MB" in page.content.decode()
    assert api.status_code == 413
    assert api.json()["code"] == "upload_too_large"


def test_media_root_lies_outside_the_code_tree_in_production_check(settings):
    from common.checks import media_outside_code_tree

    settings.MEDIA_ROOT = Path(django_settings.BASE_DIR) / "media"
    assert [w.id for w in media_outside_code_tree(None)] == ["hongguanjia.W001"]
    settings.MEDIA_ROOT = Path("/srv/hongguanjia/media")
    assert media_outside_code_tree(None) == []
