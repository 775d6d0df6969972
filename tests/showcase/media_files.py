"""Media files for the showcase's tests: made with ffmpeg and Pillow, or
written byte by byte where a file must lie about itself."""

import io
import shutil
import struct
import subprocess
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

needs_ffmpeg = pytest.mark.skipif(
    shutil.which("ffmpeg") is None, reason="needs Debian's ffmpeg"
)


def make_video(tmp_path, *, seconds, codec="libx264", suffix=".mp4", name=None):
    target = tmp_path / f"clip-{codec}-{seconds}{suffix}"
    subprocess.run(  # noqa: S603 -- fixed program and arguments
        [
            shutil.which("ffmpeg"), "-v", "error", "-f", "lavfi",
            "-i", f"color=c=red:s=32x32:r=2:d={seconds}",
            "-c:v", codec, "-y", str(target),
        ],
        check=True,
    )  # fmt: skip
    return SimpleUploadedFile(name or target.name, target.read_bytes())


def png_upload(name="photo.png", size=(20, 20)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue())


def png_header_only(width, height, name="huge.png"):
    """A PNG that declares ``width`` × ``height`` but holds almost no data:
    opening it reads the declared size; decoding it would fail (or, for a
    real one, fill the memory)."""

    def chunk(kind, data):
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )
    return SimpleUploadedFile(name, body)
