"""A double tap from two connections at once still makes one complaint."""

import threading

import pytest
from django.db import connection

from complaints.models import Complaint
from complaints.services import submit_complaint
from tests.factories import ResidentFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _race(resident, count, **kwargs):
    barrier = threading.Barrier(count)
    errors = []

    def tap():
        try:
            barrier.wait()
            submit_complaint(
                resident.household.estate,
                actor=resident,
                category="repair",
                description="同时提交的投诉",
                **kwargs,
            )
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=tap) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_simultaneous_taps_with_one_key_make_one_complaint():
    resident = ResidentFactory()

    errors = _race(resident, 6, idempotency_key="tap-1")

    assert errors == []
    assert Complaint.objects.count() == 1


def test_simultaneous_identical_taps_without_key_make_one_complaint():
    resident = ResidentFactory()

    errors = _race(resident, 6)

    assert errors == []
    assert Complaint.objects.count() == 1
