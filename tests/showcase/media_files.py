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


# Boxes of an MP4 file that hold other boxes on the way to the durations.
MP4_CONTAINERS = {b"moov", b"trak", b"mdia"}


def _boxes(data, start, end):
    position = start
    while position + 8 <= end:
        size, kind = struct.unpack(">I4s", data[position : position + 8])
        header = 8
        if size == 1:
            (size,) = struct.unpack(">Q", data[position + 8 : position + 16])
            header = 16
        elif size == 0:
            size = end - position
        yield kind, position + header, position + size
        position += size


def with_header_durations_scaled(video, ratio):
    """``video`` (an MP4 upload) with the durations its header declares
    (mvhd, tkhd, mdhd) multiplied by ``ratio``; the frames stay as they are."""
    data = bytearray(video.read())

    def scale(offset, wide):
        fmt = ">Q" if wide else ">I"
        (old,) = struct.unpack_from(fmt, data, offset)
        struct.pack_into(fmt, data, offset, int(old * ratio))

    def visit(start, end):
        for kind, body, stop in _boxes(data, start, end):
            if kind in MP4_CONTAINERS:
                visit(body, stop)
                continue
            wide = data[body] == 1  # version 1: 64-bit times and duration
            # version and flags, then creation and modification times
            times = body + 4 + (16 if wide else 8)
            if kind in (b"mvhd", b"mdhd"):
                scale(times + 4, wide)  # after the timescale
            elif kind == b"tkhd":
                scale(times + 8, wide)  # after the track id and a reserved word

    visit(0, len(data))
    return SimpleUploadedFile(video.name, bytes(data))


def declared_duration(path):
    """The duration ffprobe reads from the file's header, in seconds."""
    result = subprocess.run(  # noqa: S603 -- fixed program and arguments
        [
            shutil.which("ffprobe"), "-v", "error", "-show_entries",
            "format=duration", "-of", "csv=p=0", str(path),
        ],
        capture_output=True,
        check=True,
        text=True,
    )  # fmt: skip
    return float(result.stdout.strip())
