"""A logging filter that masks mobile and ID numbers in every record.

Code must not log personal data in the first place; this filter is the
safety net for what slips through (a number inside an exception message or a
third-party library's log line). It is installed on the console handler by
``settings.LOGGING``.
"""

import logging
import re

from common.masking import mask_mobile, mask_resident_id

MOBILE_RE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)")
RESIDENT_ID_RE = re.compile(r"(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])")


def redact(text):
    text = RESIDENT_ID_RE.sub(lambda m: mask_resident_id(m.group()), text)
    return MOBILE_RE.sub(lambda m: mask_mobile(m.group()[-11:]), text)


class RedactPersonalDataFilter(logging.Filter):
    def filter(self, record):
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True
