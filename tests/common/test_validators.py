import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from common.validators import (
    credit_check_character,
    id_check_character,
    normalize_credit_code,
    normalize_mobile,
    validate_credit_code,
    validate_mobile,
    validate_multi_line_text,
    validate_resident_id,
    validate_single_line_text,
)


def _code_of(error_info):
    return error_info.value.error_list[0].code


# Mobile numbers ----------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["13900000001", "19912345678", "+86 139 0000 0001", "139-0000-0001", "16612345678"],
)
def test_mobile_accepts_mainland_numbers_as_people_write_them(value):
    validate_mobile(value)


@pytest.mark.parametrize(
    "value",
    [
        "12900000001",  # no mobile prefix 12
        "1390000000",  # 10 digits
        "139000000012",  # 12 digits
        "23900000001",
        "0591-2345678",  # a landline
        "1390000000a",
        "",
        None,
        "１３９００００００01",  # full-width digits are not a phone number
        "139٠٠٠٠٠٠٠١",  # neither are Arabic-Indic digits
    ],
)
def test_mobile_refuses_what_is_not_a_mainland_mobile(value):
    with pytest.raises(ValidationError) as error:
        validate_mobile(value)

    assert _code_of(error) == "mobile"


def test_normalize_mobile_drops_country_code_and_separators():
    assert normalize_mobile("+86 139-0000-0001") == "13900000001"


# Resident ID numbers (GB 11643) -----------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "11010519491231002X",  # the standard's own example, check character X
        "11010519491231002x",  # a lower-case x as typed on a phone keyboard
        " 440524188001010014 ",  # born 1880, surrounding spaces
        "110101200002290018",  # 29 February of a leap year
    ],
)
def test_resident_id_accepts_valid_numbers(value):
    validate_resident_id(value)


def test_check_character_ten_is_written_x():
    assert id_check_character("11010519491231002") == "X"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("110105194912310021", "resident_id_check"),  # X replaced by a digit
        ("11010519491231003X", "resident_id_check"),  # one digit changed
        ("11010519491231002Y", "resident_id_format"),
        ("1101051949123100X2", "resident_id_format"),  # X only at the end
        ("110105491231002", "resident_id_format"),  # the old 15-digit number
        ("11010519490230002X", "resident_id_birth"),  # 30 February
        ("11010119000229001X", "resident_id_birth"),  # 1900 was not a leap year
        ("11010519491331002X", "resident_id_birth"),  # month 13
        ("１１０１０５１９４９１２３１００２X", "resident_id_format"),  # full-width
    ],
)
def test_resident_id_refuses_wrong_numbers_with_the_reason(value, code):
    with pytest.raises(ValidationError) as error:
        validate_resident_id(value)

    assert _code_of(error) == code


@time_machine.travel(dt.datetime(2026, 12, 4, 12, tzinfo=dt.UTC), tick=False)
def test_resident_id_refuses_a_birth_date_in_the_future():
    body = "35020320270101001"
    value = body + id_check_character(body)

    with pytest.raises(ValidationError) as error:
        validate_resident_id(value)

    assert _code_of(error) == "resident_id_birth"


def test_resident_id_refuses_a_birth_date_before_1800():
    body = "35020317991231001"
    value = body + id_check_character(body)

    with pytest.raises(ValidationError) as error:
        validate_resident_id(value)

    assert _code_of(error) == "resident_id_birth"


# Unified social credit codes (GB 32100) ----------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "91350100M000100Y43",  # the standard's example: letters M and Y inside
        "9144030071526726XG",  # a real company: check character G
        "91330100799655058B",
        "91110000600037341L",
        "914403001922038216",  # check character a digit
        "91330100799655058b",  # lower case as typed
    ],
)
def test_credit_code_accepts_valid_codes(value):
    validate_credit_code(value)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("91330100799655058C", "credit_code_check"),
        ("91330100799655057B", "credit_code_check"),
        ("9133010079965505B", "credit_code_format"),  # 17 characters
        ("91330100799655058BB", "credit_code_format"),  # 19 characters
        ("91350100I000100Y43", "credit_code_format"),  # I is not in the alphabet
        ("91350100O000100Y43", "credit_code_format"),  # nor O
        ("91350100Z000100Y43", "credit_code_format"),  # nor Z
        ("91350100S000100Y43", "credit_code_format"),  # nor S
        ("91350100V000100Y43", "credit_code_format"),  # nor V
        ("9135 0100M000100Y43", "credit_code_format"),
        ("", "credit_code_format"),
        (None, "credit_code_format"),
    ],
)
def test_credit_code_refuses_wrong_codes_with_the_reason(value, code):
    with pytest.raises(ValidationError) as error:
        validate_credit_code(value)

    assert _code_of(error) == code


def test_credit_check_character_zero_when_the_sum_is_a_multiple_of_31():
    # Searching a body whose weighted sum is divisible by 31: check is "0".
    for serial in range(1000):
        body = f"91350200MA{serial:07d}"
        if credit_check_character(body) == "0":
            validate_credit_code(body + "0")
            return
    pytest.fail("no body with check character 0 found")


def test_normalize_credit_code_gives_the_stored_form():
    assert normalize_credit_code(" 91330100799655058b ") == "91330100799655058B"


# Free text ---------------------------------------------------------------


@pytest.mark.parametrize(
    "value", ["标题\u0001", "a\u000bb", "\u001b[31m红", "x\u007f", "行\n"]
)
def test_single_line_text_refuses_every_control_character(value):
    with pytest.raises(ValidationError) as refused:
        validate_single_line_text(value)

    assert _code_of(refused) == "control_character"


def test_multi_line_text_keeps_line_breaks_and_tabs_only():
    validate_multi_line_text("第一段\r\n第二段\t完")

    with pytest.raises(ValidationError) as refused:
        validate_multi_line_text("第一段\u000b第二段")

    assert refused.value.error_list[0].params == {"code": "U+000B"}
