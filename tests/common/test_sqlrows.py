"""common.sqlrows gives the same instances as the ORM."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from accounts.models import User
from common import sqlrows
from showcase.models import Showcase
from tests.factories import ResidentFactory
from tests.showcase.factories import ShowcaseFactory

pytestmark = pytest.mark.django_db


def _read(model, pk, extra=""):
    table = model._meta.db_table
    sql = f"SELECT {sqlrows.columns(model, 'm')}{extra} FROM {table} m WHERE m.id = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk])
        return cursor.fetchone()


def _fields(instance):
    return {
        f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields
    }


def test_an_instance_from_a_row_equals_the_orms():
    frozen = timezone.now().replace(microsecond=123456)
    showcase = ShowcaseFactory(
        tally_frozen_at=frozen, weight_appeal=Decimal("1.25"), is_sample=True
    )
    row = _read(Showcase, showcase.pk, ", 42")
    made = sqlrows.instance(Showcase, row)

    assert _fields(made) == _fields(Showcase.objects.get(pk=showcase.pk))
    assert made.tally_frozen_at == frozen and made.tally_frozen_at.tzinfo is not None
    assert made.is_sample is True
    assert made.weight_appeal == Decimal("1.25")
    assert row[sqlrows.width(Showcase) :] == (42,)
    assert made._state.adding is False


def test_a_person_from_a_row_saves_like_one_read_by_the_orm():
    person = ResidentFactory(mobile_verified_at=timezone.now() - dt.timedelta(days=1))
    made = sqlrows.instance(User, _read(User, person.pk))

    assert _fields(made) == _fields(User.objects.get(pk=person.pk))
    made.full_name = "王小明"
    made.save(update_fields=["full_name"])
    assert User.objects.get(pk=person.pk).full_name == "王小明"


def _prepared_votes():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements"
            " WHERE statement LIKE 'WITH p AS MATERIALIZED%%'"
        )
        return cursor.fetchone()[0]


@pytest.mark.postgres
def test_a_vote_is_prepared_once_per_connection():
    from showcase.services.voting import cast_vote
    from tests.showcase.factories import WorkFactory

    works = WorkFactory.create_batch(2, showcase=ShowcaseFactory())
    voter = ResidentFactory()

    results = [cast_vote(work, actor=voter) for work in works]

    assert [r.votes for r in results] == [1, 1]
    # One per combination of parameter types this connection has seen.
    assert 1 <= _prepared_votes() <= 4


@pytest.mark.postgres
def test_while_queries_are_logged_a_vote_shows_in_the_log_with_its_values():
    from django.test.utils import CaptureQueriesContext

    from showcase.services.voting import cast_vote
    from tests.showcase.factories import WorkFactory

    work = WorkFactory(showcase=ShowcaseFactory())
    voter = ResidentFactory()

    with CaptureQueriesContext(connection) as queries:
        cast_vote(work, actor=voter)

    [vote] = [q["sql"] for q in queries if "INSERT INTO showcase_vote" in q["sql"]]
    assert f"u.id = {voter.pk}" in vote


@pytest.mark.postgres
def test_without_prepared_statements_the_vote_still_counts():
    from showcase.services.voting import cast_vote
    from tests.showcase.factories import WorkFactory

    work = WorkFactory(showcase=ShowcaseFactory())
    connection.connection.prepare_threshold = None
    try:
        result = cast_vote(work, actor=ResidentFactory())
    finally:
        connection.connection.prepare_threshold = 0

    work.refresh_from_db()
    assert (result.votes, work.vote_count) == (1, 1)


@pytest.mark.parametrize("by_token", [True, False])
def test_the_vote_statement_is_short_enough_for_psycopg_to_keep_it_converted(by_token):
    from psycopg._queries import MAX_CACHED_STATEMENT_LENGTH

    from showcase.services.vote_statement import statement

    assert len(statement(by_token=by_token).encode()) <= MAX_CACHED_STATEMENT_LENGTH


def test_an_instance_of_some_fields_defers_the_others():
    showcase = ShowcaseFactory(votes_per_day=2)
    only = ("id", "votes_per_day", "voting_ends_at")
    table = Showcase._meta.db_table
    sql = (
        f"SELECT {sqlrows.columns(Showcase, 'm', only)} FROM {table} m WHERE m.id = %s"  # noqa: S608
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [showcase.pk])
        row = cursor.fetchone()

    made = sqlrows.instance(Showcase, row, only=only)

    assert sqlrows.width(Showcase, only) == len(row) == 3
    assert (made.pk, made.votes_per_day) == (showcase.pk, 2)
    assert made.voting_ends_at == showcase.voting_ends_at
    assert "title" in made.get_deferred_fields()


@pytest.mark.postgres
def test_a_refused_vote_is_one_statement():
    from django.test.utils import CaptureQueriesContext

    from showcase.errors import QuotaUsed
    from showcase.services.voting import cast_vote
    from tests.showcase.factories import WorkFactory

    works = WorkFactory.create_batch(4, showcase=ShowcaseFactory())
    voter = ResidentFactory()
    for work in works[:3]:
        cast_vote(work, actor=voter)

    with CaptureQueriesContext(connection) as queries, pytest.raises(QuotaUsed):
        cast_vote(works[3], actor=voter, ip="203.0.113.9")

    assert len(queries) == 1
