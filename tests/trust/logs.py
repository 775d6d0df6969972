"""Capturing the log output exactly as production writes it."""

import contextlib
import io
import logging

from django.conf import settings
from django.utils.module_loading import import_string


@contextlib.contextmanager
def captured_log_output(level=logging.DEBUG):
    """The text every logger writes during the block, in the console format.

    Yields a StringIO; the root logger's level is lowered for the block so
    that nothing below the configured level hides a leak.
    """
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    for name in settings.LOGGING["handlers"]["console"]["filters"]:
        handler.addFilter(import_string(settings.LOGGING["filters"][name]["()"])())
    handler.setFormatter(
        logging.Formatter(settings.LOGGING["formatters"]["plain"]["format"])
    )
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(level)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
