"""Checks of uploaded media: is the file what it claims, and within the caps.

Videos are probed with ``ffprobe`` (Debian's ffmpeg): a video stream in an
allowed codec and a playing length within the work type's limit. The length
is measured from the timestamps of the audio and video packets (demuxing
only, nothing is decoded), since the duration in the header is whatever the
uploader wrote there; a header that disagrees grossly with the packets is
refused as well. Images are opened with Pillow, which reads their size from
the header: a picture over :data:`MAX_PIXELS` is refused before it is
decoded, the others are decoded once (for the poster) and refused when that
fails. The size cap of the type is checked first, before anything reads the
file whole. A poster frame is cut from each video with ``ffmpeg``; a
picture's poster is a smaller copy of it.

Known gap: WeasyPrint (the story collection's PDF) switches Pillow, for the
whole process, to fill in truncated pictures instead of failing; in a
process that has made a PDF, a picture cut short is accepted with its
missing part grey.
"""

import io
import json
import logging
import shutil
import subprocess
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from common.errors import DomainError
from common.uploads import check_size
from showcase.enums import WorkKind

logger = logging.getLogger(__name__)

PROBE_TIMEOUT = 30
# Listing every packet reads the whole file (up to VIDEO_MB) from disk, while
# the uploader's request waits; past this the upload is refused, to be tried
# again (there is no background check yet).
PACKETS_TIMEOUT = 120
# How far the header's duration may be from the measured length before the
# file is taken to lie: edit lists and audio priming move it by a second or
# so. An honest file with a larger gap is refused too, and its uploader asked
# to export it again.
HEADER_TOLERANCE_SECONDS = Decimal(2)
HEADER_TOLERANCE_SHARE = Decimal("0.05")
VIDEO_CODECS = {"h264", "hevc", "vp9", "av1", "mpeg4"}
# Each accepted picture format and the extension it is stored under.
IMAGE_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
# ffprobe's container names and the extension a video is stored under,
# whatever the uploader's file was called.
CONTAINERS = {
    "mov,mp4,m4a,3gp,3g2,mj2": ".mp4",
    "matroska,webm": ".mkv",
    "avi": ".avi",
    "mpegts": ".ts",
    "flv": ".flv",
    "asf": ".wmv",
}
# Codecs a WebM file may hold; a Matroska file of only these is stored .webm.
WEBM_CODECS = {"vp8", "vp9", "av1", "opus", "vorbis"}
VIDEO_MB = 500
IMAGE_MB = 20
# Decoded, a picture takes 3 to 4 bytes a pixel: 40 million pixels is up to
# 160 MB of a worker's memory, and more than any camera phone takes.
MAX_PIXELS = 40_000_000
# Longest side of a picture's poster, in pixels.
POSTER_PIXELS = 960
# Longest video of each type, in seconds (the plan: short video ≤ 3 min,
# sitcom ≤ 10 min; the others are bounded generously).
MAX_SECONDS = {
    WorkKind.SHORT_VIDEO: 180,
    WorkKind.SITCOM: 600,
    WorkKind.SHORT_DRAMA: 1800,
    WorkKind.ANIMATION: 600,
    WorkKind.SKETCH: 1200,
    WorkKind.POETRY_RECITAL: 600,
}


class MediaRefused(DomainError):
    code = "media_refused"


@dataclass(frozen=True)
class Checked:
    """What a checked file is. ``extension`` is that of the type found, which
    the file is stored under (never the one of the uploader's file name)."""

    kind: str
    size: int
    extension: str
    duration: Decimal | None = None
    codec: str = ""
    poster: bytes | None = None


@dataclass(frozen=True)
class Probe:
    """ffprobe's reading of a file's header."""

    duration: Decimal | None
    codec: str
    extension: str


def check_upload(uploaded, *, work_kind):
    """What ``uploaded`` is, or :class:`MediaRefused` with the reason."""
    if work_kind == WorkKind.PHOTOGRAPHY:
        check_size(uploaded, limit_mb=IMAGE_MB)
        return _check_image(uploaded)
    check_size(uploaded, limit_mb=VIDEO_MB)
    return _check_video(uploaded, work_kind)


def _check_image(uploaded):
    image_format, (width, height) = _image_header(uploaded)
    if image_format not in IMAGE_FORMATS:
        raise MediaRefused(_("Pictures must be JPEG, PNG or WebP."))
    if width * height > MAX_PIXELS:
        raise _too_many_pixels()
    poster = thumbnail(uploaded)
    if poster is None:
        raise MediaRefused(_("The file is not a picture that can be opened."))
    return Checked(
        kind="image",
        size=uploaded.size,
        extension=IMAGE_FORMATS[image_format],
        codec=image_format.lower(),
        poster=poster,
    )


def _image_header(uploaded):
    """The picture's format and declared size, read without decoding it."""
    try:
        with Image.open(uploaded) as image:
            facts = image.format, image.size
            image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        # Pillow's own guard, far above ours; the warning is an error in tests.
        raise _too_many_pixels() from error
    except Exception as error:
        # Pillow raises many kinds of error on a malformed file (ValueError,
        # struct.error, IndexError ...); each means the same to the uploader.
        message = _("The file is not a picture that can be opened.")
        raise MediaRefused(message) from error
    finally:
        uploaded.seek(0)
    return facts


def _too_many_pixels():
    return MediaRefused(
        _(
            "The picture has too many pixels: at most %(millions)s million "
            "(for example %(example)s); please make it smaller and upload it again."
        )
        % {"millions": MAX_PIXELS // 1_000_000, "example": "8000 × 5000"}
    )


def thumbnail(uploaded, *, longest=POSTER_PIXELS):
    """A JPEG of the picture at most ``longest`` pixels wide or high, as bytes:
    the poster shown in lists, so that a phone does not load the original.
    None when the picture cannot be decoded."""
    try:
        with Image.open(uploaded) as original:
            # A JPEG is decoded at a reduced scale straight away.
            original.draft("RGB", (longest, longest))
            image = ImageOps.exif_transpose(original)
            image.thumbnail((longest, longest))
            buffer = io.BytesIO()
            image.convert("RGB").save(buffer, format="JPEG", quality=82)
    except Exception:  # any Pillow error: see _image_header
        logger.info("a picture could not be decoded", exc_info=True)
        return None
    finally:
        uploaded.seek(0)
    return buffer.getvalue()


@contextmanager
def _on_disk(uploaded):
    path = getattr(uploaded, "temporary_file_path", None)
    if path is not None:
        yield Path(path())
        return
    with tempfile.NamedTemporaryFile(suffix=".upload") as handle:
        for chunk in uploaded.chunks():
            handle.write(chunk)
        handle.flush()
        uploaded.seek(0)
        yield Path(handle.name)


def probe(path):
    """ffprobe's reading of ``path``'s header (:class:`Probe`)."""
    ffprobe = shutil.which("ffprobe")
    if ffprobe is None:
        raise MediaRefused(_("Videos cannot be checked on this server just now."))
    try:
        result = subprocess.run(  # noqa: S603 -- fixed program, file path argument
            [
                ffprobe,
                "-v",
                "error",
                "-show_entries",
                "format=duration,format_name:stream=codec_type,codec_name",
                "-of",
                "json",
                str(path),
            ],
            capture_output=True,
            timeout=PROBE_TIMEOUT,
            check=False,
        )
        info = json.loads(result.stdout or b"{}")
    except (subprocess.TimeoutExpired, ValueError):
        info = {}
    streams = info.get("streams", [])
    videos = [s for s in streams if s.get("codec_type") == "video"]
    if not videos:
        raise MediaRefused(_("The file is not a video that can be played."))
    codecs = {s.get("codec_name", "") for s in streams}
    return Probe(
        duration=_seconds(info.get("format", {}).get("duration")),
        codec=videos[0].get("codec_name", ""),
        extension=_container_extension(info["format"].get("format_name", ""), codecs),
    )


def _seconds(value):
    try:
        seconds = Decimal(value)
    except (TypeError, ArithmeticError):
        return None
    return seconds if seconds.is_finite() else None


def playing_length(path):
    """How long the video plays, in seconds: from the first audio or video
    packet's start to the end of the last one (its timestamp plus its
    duration). Packets are demuxed, not decoded, and read as ffprobe lists
    them, so that a file of millions of tiny packets never fills the memory.
    None when no packet has a timestamp."""
    ffprobe = shutil.which("ffprobe")
    if ffprobe is None:
        raise MediaRefused(_("Videos cannot be checked on this server just now."))
    command = [
        ffprobe,
        "-v",
        "error",
        "-show_entries",
        "packet=codec_type,pts_time,dts_time,duration_time",
        "-of",
        "compact=p=0",
        str(path),
    ]
    start = end = None
    with subprocess.Popen(  # noqa: S603 -- fixed program, file path argument
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    ) as process:
        timer = threading.Timer(PACKETS_TIMEOUT, process.kill)
        timer.start()
        try:
            for line in process.stdout:
                span = _packet_span(line)
                if span is not None:
                    start = span[0] if start is None else min(start, span[0])
                    end = span[1] if end is None else max(end, span[1])
        finally:
            timed_out = not timer.is_alive()
            timer.cancel()
    if timed_out:
        logger.warning("listing a video's packets took over %ss", PACKETS_TIMEOUT)
        raise MediaRefused(
            _("The video could not be measured in time; please try again later.")
        )
    return None if end is None else end - start


def _packet_span(line):
    """``(start, end)`` of one audio or video packet of ffprobe's listing."""
    packet = dict(item.partition("=")[::2] for item in line.strip().split("|"))
    if packet.get("codec_type") not in ("video", "audio"):
        return None
    at = _seconds(packet.get("pts_time"))
    if at is None:
        at = _seconds(packet.get("dts_time"))
    if at is None:
        return None
    return at, at + (_seconds(packet.get("duration_time")) or 0)


def _container_extension(format_name, codecs):
    extension = CONTAINERS.get(format_name)
    if extension == ".mkv" and codecs <= WEBM_CODECS:
        return ".webm"
    if extension is None:
        first = format_name.split(",")[0]
        extension = f".{first}" if first.isalnum() and len(first) <= 8 else ".video"
    return extension


def _check_video(uploaded, work_kind):
    with _on_disk(uploaded) as path:
        header = probe(path)
        if header.codec not in VIDEO_CODECS:
            raise MediaRefused(
                _("Videos must be H.264, H.265, VP9, AV1 or MPEG-4; this one is %(c)s.")
                % {"c": header.codec or "?"}
            )
        duration = playing_length(path)
        if duration is None:
            raise MediaRefused(_("The file is not a video that can be played."))
        limit = MAX_SECONDS[WorkKind(work_kind)]
        if duration > limit:
            raise MediaRefused(
                _("This type of work may last at most %(m)s minutes.")
                % {"m": limit // 60}
            )
        if header.duration is not None and _disagree(header.duration, duration):
            raise MediaRefused(
                _(
                    "The video's header says it lasts %(declared)s seconds, but it "
                    "plays for %(real)s seconds; please export it again."
                )
                % {"declared": round(header.duration), "real": round(duration)}
            )
        poster = poster_frame(path, at_seconds=1 if duration > 2 else 0)
    return Checked(
        kind="video",
        size=uploaded.size,
        extension=header.extension,
        duration=duration.quantize(Decimal("0.01")),
        codec=header.codec,
        poster=poster,
    )


def _disagree(declared, measured):
    tolerance = max(HEADER_TOLERANCE_SECONDS, measured * HEADER_TOLERANCE_SHARE)
    return abs(declared - measured) > tolerance


def poster_of(item):
    """The poster of a stored media file (a ``WorkMedia``) as JPEG bytes, or
    None: a smaller copy of a picture, a frame of a video."""
    with item.file.open("rb") as stored:
        if item.kind == "image":
            return thumbnail(stored)
        with _on_disk(stored) as path:
            seconds = item.duration_seconds or 0
            return poster_frame(path, at_seconds=1 if seconds > 2 else 0)


def poster_frame(video_path, *, at_seconds=1):
    """A JPEG frame of the video as bytes, or None if ffmpeg cannot cut one."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "poster.jpg"
        try:
            subprocess.run(  # noqa: S603 -- fixed program, file path argument
                [
                    ffmpeg,
                    "-v",
                    "error",
                    "-ss",
                    str(at_seconds),
                    "-i",
                    str(video_path),
                    "-frames:v",
                    "1",
                    "-y",
                    str(target),
                ],
                capture_output=True,
                timeout=PROBE_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return None
        if not target.exists() or target.stat().st_size == 0:
            return None
        return target.read_bytes()
