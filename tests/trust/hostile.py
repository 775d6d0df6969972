"""Hostile strings, and generic ways to push them through the application."""

XSS_FLAG = "__hgj_xss"
XSS_ATTR = "data-hgj-xss"

MARKUP = [
    f"<script>window.{XSS_FLAG}=1</script>",
    f'"><b {XSS_ATTR}>x</b><"',
    f"'><img src=x {XSS_ATTR} onerror=window.{XSS_FLAG}=1>",
    f"<svg/onload=window.{XSS_FLAG}=1 {XSS_ATTR}>",
    f"javascript:window.{XSS_FLAG}=1",
    "{{ 7|add:7 }}{% now 'Y' %}",
]
SQL = [
    "'; DROP TABLE accounts_user; --",
    "1' OR '1'='1",
    "\\'; SELECT pg_sleep(5); --",
]
UNICODE = [
    "红管家\u202e\u2066تجربة\u2069\u200f",  # RTL override and isolates
    "\u200b\u200d\ufeff零宽",
    "😀👩‍👩‍👧‍👦🇨🇳",
    "\U00020bb7\U0002a6a5 生僻字",
    "e\u0301\u0301\u0301 combining",
    "\ud7ff\ue000\uffff",
    "行1\r\n行2\t\v\f",
]
LONG = ["长" * 5000, "a" * 100_000]
NUL = ["before\x00after"]
# A lone UTF-16 surrogate: JSON can carry one ("\ud800"), UTF-8 cannot, so a
# form or a multipart body never holds one.
SURROGATE = ["lone\ud800surrogate"]

CORPUS = MARKUP + SQL + UNICODE + LONG + NUL
JSON_CORPUS = CORPUS + SURROGATE

NUL_REFUSAL = "空字符"
SURROGATE_REFUSAL = "无效字符"


def has_nul(value):
    return "\x00" in value


def has_surrogate(value):
    return any("\ud800" <= char <= "\udfff" for char in value)
