"""Model instances from hand-written SQL on the hottest paths.

Building a query with the ORM, or reading a raw queryset's column
description, costs far more CPU than the database spends on a one-row
lookup; on paths that run for every API request or every vote that
difference is most of the request. Here the select list of a model is built
once, the row is read with a plain cursor, and the instance is made as the
ORM makes it (the backend's and fields' converters, then ``from_db``), so it
is the same object a queryset would give.

Usage::

    sql = f"SELECT {columns(User, 'u')} FROM accounts_user u WHERE u.id = %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk])
        row = cursor.fetchone()
    user = instance(User, row)          # the model's columns come first
    extra = row[width(User):]           # anything selected after them
"""

import functools

from django.db import connections


@functools.cache
def columns(model, alias):
    """The select list of every concrete column of ``model``, in field order."""
    return ", ".join(f"{alias}.{field.column}" for field in _fields(model))


def width(model):
    """How many columns :func:`columns` selects."""
    return len(_fields(model))


def instance(model, row, *, using="default"):
    """``model`` from the first :func:`width` values of ``row``."""
    connection = connections[using]
    values = list(row[: width(model)])
    for position, converters, expression in _converters(model, connection):
        value = values[position]
        for converter in converters:
            value = converter(value, expression, connection)
        values[position] = value
    return model.from_db(using, _attnames(model), values)


@functools.cache
def _fields(model):
    return tuple(model._meta.concrete_fields)


@functools.cache
def _attnames(model):
    return tuple(field.attname for field in _fields(model))


def _converters(model, connection):
    # Kept on the connection: the backend's converters are its own methods,
    # and each thread has its own connection object.
    known = connection.__dict__.setdefault("_row_converters", {})
    if model not in known:
        found = []
        for position, field in enumerate(_fields(model)):
            expression = field.get_col(model._meta.db_table)
            converters = connection.ops.get_db_converters(
                expression
            ) + expression.get_db_converters(connection)
            if converters:
                found.append((position, tuple(converters), expression))
        known[model] = tuple(found)
    return known[model]
