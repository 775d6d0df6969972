"""Validators of identity numbers, with messages a clerk understands.

- Mobile numbers: mainland China, 11 digits starting 1[3-9].
- Resident identity numbers: GB 11643-1999, 18 characters, the last a check
  character (0-9 or X) computed with ISO 7064 MOD 11-2.
- Unified social credit codes: GB 32100-2015, 18 characters from a 31-letter
  alphabet (no I, O, Z, S, V), the last a MOD 31 check character.
- Free text: no control characters (a pasted escape sequence, a vertical tab);
  line breaks and tabs only where the text has several lines.
"""

import datetime as dt
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# ASCII digits only: ``\d`` would also accept full-width and other scripts' digits.
MOBILE_RE = re.compile(r"1[3-9][0-9]{9}")

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"
# GB 11643 numbers were issued from 1999 to people alive then; a birth date
# before 1800 or after today is a typing error.
EARLIEST_BIRTH = dt.date(1800, 1, 1)

CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def normalize_mobile(value):
    value = re.sub(r"[\s-]", "", str(value or ""))
    if value.startswith("+86"):
        value = value[3:]
    return value


def validate_mobile(value):
    if not MOBILE_RE.fullmatch(normalize_mobile(value)):
        raise ValidationError(
            _("Enter a valid 11-digit mainland mobile number."), code="mobile"
        )


def id_check_character(first17):
    total = sum(
        int(digit) * weight for digit, weight in zip(first17, ID_WEIGHTS, strict=True)
    )
    return ID_CHECK[total % 11]


def validate_resident_id(value):
    value = str(value or "").strip().upper()
    if not re.fullmatch(r"[0-9]{17}[0-9X]", value):
        raise ValidationError(
            _("A resident ID number has 17 digits followed by a digit or X."),
            code="resident_id_format",
        )
    try:
        born = dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        born = None
    if born is None or not EARLIEST_BIRTH <= born <= timezone.localdate():
        raise ValidationError(
            _("The birth date inside this ID number does not exist."),
            code="resident_id_birth",
        )
    if id_check_character(value[:17]) != value[17]:
        raise ValidationError(
            _("The check digit of this ID number is wrong; please check it again."),
            code="resident_id_check",
        )


def credit_check_character(first17):
    total = sum(
        CREDIT_ALPHABET.index(char) * weight
        for char, weight in zip(first17, CREDIT_WEIGHTS, strict=True)
    )
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(value):
    value = normalize_credit_code(value)
    if len(value) != 18 or any(char not in CREDIT_ALPHABET for char in value):
        raise ValidationError(
            _(
                "A unified social credit code has 18 characters: digits and "
                "capital letters other than I, O, Z, S and V."
            ),
            code="credit_code_format",
        )
    if credit_check_character(value[:17]) != value[17]:
        raise ValidationError(
            _("The check character of this credit code is wrong; please check it."),
            code="credit_code_check",
        )


def normalize_credit_code(value):
    """The stored form of a credit code: without surrounding spaces, upper case."""
    return str(value or "").strip().upper()


# Line breaks and tabs belong in text of several lines; every other control
# character (Unicode category Cc) is invisible noise or a terminal escape.
LINE_CONTROLS = frozenset("\n\r\t")


def _refuse_control_characters(value, allowed=frozenset()):
    for char in str(value or ""):
        if char not in allowed and unicodedata.category(char) == "Cc":
            raise ValidationError(
                _("Remove the invisible control character (%(code)s) from the text."),
                code="control_character",
                params={"code": f"U+{ord(char):04X}"},
            )


def validate_single_line_text(value):
    """A title or a name: no control character at all, no line break."""
    _refuse_control_characters(value)


def validate_multi_line_text(value):
    """Text of several lines: line breaks and tabs, no other control character."""
    _refuse_control_characters(value, LINE_CONTROLS)
