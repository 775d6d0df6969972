"""Masked forms of personal data, for everyone who does not need it whole."""


def mask_mobile(value):
    value = str(value or "")
    if len(value) < 7:
        return "*" * len(value)
    return f"{value[:3]}****{value[-4:]}"


def mask_resident_id(value):
    value = str(value or "")
    if len(value) < 8:
        return "*" * len(value)
    return f"{value[:4]}{'*' * (len(value) - 8)}{value[-4:]}"


def mask_name(value):
    value = str(value or "")
    if len(value) <= 1:
        return value
    return value[0] + "*" * (len(value) - 1)


def mask_address(value):
    value = str(value or "")
    keep = min(6, len(value) // 2)
    return value[:keep] + "****" if value else ""
