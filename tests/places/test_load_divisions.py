import pytest
from django.core.management import call_command

from places.models import Community, District, Subdistrict

pytestmark = pytest.mark.django_db


def test_load_divisions_loads_xiamen_and_is_idempotent():
    call_command("load_divisions")
    call_command("load_divisions")

    assert District.objects.count() == 6
    assert Subdistrict.objects.exclude(kind=Subdistrict.Kind.SPECIAL).count() == 45
    assert Subdistrict.objects.filter(kind=Subdistrict.Kind.SPECIAL).count() == 9
    assert Community.objects.count() == 555
    assert Subdistrict.objects.get(code="350203001").name == "厦港街道"
