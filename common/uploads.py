"""Uploaded files: stored under generated names, served as downloads.

Uploads live under ``MEDIA_ROOT`` (outside the code tree) and are never
served by the web server's static handler: a view checks permission and
calls :func:`serve_upload`, which sends the file with a safe content type,
``X-Content-Type-Options: nosniff`` and ``Content-Disposition``, so that an
uploaded page or script is never rendered or run by a browser.
"""

import mimetypes
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler
from django.http import FileResponse
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from common.errors import DomainError

# Types a browser may show inline; anything else is sent as an attachment.
INLINE_TYPES = {"image/jpeg", "image/png", "image/webp", "video/mp4", "application/pdf"}


class UploadTooLarge(DomainError):
    code = "upload_too_large"
    status = 400

    def __init__(self, limit_mb):
        super().__init__(_("The file is larger than %(mb)s MB.") % {"mb": limit_mb})


@deconstructible
class GeneratedName:
    """An ``upload_to`` that keeps only the extension of the client's file name.

    Use as ``FileField(upload_to=GeneratedName("showcase/works"))``.
    """

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        suffix = PurePosixPath(filename).suffix.lower()[:10]
        if not suffix[1:].isalnum():
            suffix = ""
        return f"{self.folder}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other):
        return isinstance(other, GeneratedName) and other.folder == self.folder

    def __hash__(self):
        return hash(self.folder)


class RequestTooLarge(RequestDataTooBig):
    """A request body over ``UPLOAD_MAX_BYTES``; answered with status 413."""


def upload_limit_bytes():
    return settings.UPLOAD_MAX_BYTES


class CappedUploadHandler(FileUploadHandler):
    """First in ``FILE_UPLOAD_HANDLERS``: aborts an upload past the cap.

    It refuses at once when the declared length is over the cap, and counts
    the bytes as they stream in otherwise (a client can lie about the
    length), so an oversized file is never read whole into memory or onto
    disk. The other handlers then store what it passes on.
    """

    def handle_raw_input(
        self, input_data, meta, content_length, boundary, encoding=None
    ):
        self.received = 0
        if content_length and content_length > upload_limit_bytes():
            raise RequestTooLarge("upload over the limit")

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > upload_limit_bytes():
            raise RequestTooLarge("upload over the limit")
        return raw_data

    def file_complete(self, file_size):
        return None


def check_size(uploaded, *, limit_mb):
    """Refuse ``uploaded`` before it is read when it is over ``limit_mb``."""
    if uploaded.size > limit_mb * 1024 * 1024:
        raise UploadTooLarge(limit_mb)


def serve_upload(field_file, *, download_name=None):
    content_type, _encoding = mimetypes.guess_type(field_file.name)
    if content_type not in INLINE_TYPES:
        content_type = "application/octet-stream"
    response = FileResponse(
        field_file.open("rb"),
        content_type=content_type,
        as_attachment=content_type == "application/octet-stream",
        filename=download_name or PurePosixPath(field_file.name).name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
