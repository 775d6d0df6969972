import threading

import pytest
from django.db import connection

from accounts.roles import Role
from common.xlsx import ImportRaced, ImportRefused
from places.imports import HEADER, import_estates
from places.models import Estate, ImportBatch
from tests.factories import CommunityFactory, person_with_role
from tests.places.xlsx import xlsx_upload

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _rows(community):
    return [
        [f"小区{n}", f"路{n}号", community.code, "100", "2", "", "", "", "无", ""]
        for n in range(30)
    ]


def test_two_simultaneous_imports_of_one_file_register_each_estate_once():
    community = CommunityFactory()
    city = person_with_role(Role.CITY_OFFICER)
    files = [xlsx_upload(HEADER, _rows(community)) for _ in range(2)]
    start = threading.Barrier(2)
    outcomes = []

    def run(upload):
        try:
            start.wait()
            import_estates(upload, actor=city)
            outcomes.append("imported")
        except (ImportRaced, ImportRefused) as error:
            outcomes.append(type(error).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(f,)) for f in files]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("imported") == 1
    assert Estate.objects.count() == 30
    assert ImportBatch.objects.count() == 1
