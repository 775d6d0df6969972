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

:func:`fetch_one` runs such statements: on PostgreSQL they are prepared once
per connection.
"""

import functools

from django.db import connections


def fetch_one(sql, params, *, using="default"):
    """The first row of ``sql`` (or None), for the statements run on every API
    request or every vote.

    On PostgreSQL the statement binds its parameters on the server instead
    of in the query text, so it is parsed and planned once per connection
    and then only executed (for the vote, planning was most of the
    database's work); each statement keeps its own cursor on the connection,
    so its result loaders are set up once too. That needs
    ``prepare_threshold`` in the database options, which the settings set
    unless ``HGJ_DB_PREPARED_STATEMENTS=0`` (for a pooler that cannot keep
    prepared statements). Every other query keeps Django's default cursor,
    which binds in the client and prepares nothing. Elsewhere (SQLite), and
    while queries are logged (DEBUG, a test counting queries), the ordinary
    cursor runs it, so that the log shows the statement with its values.
    Django's cursor wrapper runs it in every case, so errors are translated
    the same way.
    """
    connection = connections[using]
    if connection.vendor != "postgresql" or connection.queries_logged:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()
    from django.db.backends.postgresql.base import ServerBindingCursor

    connection.ensure_connection()
    connection.validate_thread_sharing()
    kept = connection.__dict__.setdefault("_statement_cursors", {})
    cursor = kept.get(sql)
    if cursor is None or cursor.connection is not connection.connection:
        with connection.wrap_database_errors:
            cursor = kept[sql] = ServerBindingCursor(connection.connection)
    wrapped = connection.make_cursor(cursor)
    wrapped.execute(sql, params)
    return wrapped.fetchone()


@functools.cache
def columns(model, alias, only=None):
    """The select list of the concrete columns of ``model``, in field order:
    all of them, or those of the fields named in ``only`` (a tuple)."""
    return ", ".join(f"{alias}.{field.column}" for field in _fields(model, only))


def width(model, only=None):
    """How many columns :func:`columns` selects."""
    return len(_fields(model, only))


def instance(model, row, *, only=None, using="default"):
    """``model`` from the first :func:`width` values of ``row``; with ``only``,
    the other fields are deferred (read from the database when first used)."""
    connection = connections[using]
    values = list(row[: width(model, only)])
    for position, converters, expression in _converters(model, only, connection):
        value = values[position]
        for converter in converters:
            value = converter(value, expression, connection)
        values[position] = value
    return model.from_db(using, _attnames(model, only), values)


@functools.cache
def _fields(model, only=None):
    fields = model._meta.concrete_fields
    if only is None:
        return tuple(fields)
    return tuple(field for field in fields if field.name in only)


@functools.cache
def _attnames(model, only=None):
    return tuple(field.attname for field in _fields(model, only))


def _converters(model, only, connection):
    # Kept on the connection: the backend's converters are its own methods,
    # and each thread has its own connection object.
    known = connection.__dict__.setdefault("_row_converters", {})
    if (model, only) not in known:
        found = []
        for position, field in enumerate(_fields(model, only)):
            expression = field.get_col(model._meta.db_table)
            converters = connection.ops.get_db_converters(
                expression
            ) + expression.get_db_converters(connection)
            if converters:
                found.append((position, tuple(converters), expression))
        known[model, only] = tuple(found)
    return known[model, only]
