"""The submitter's pages: entering, editing and deleting works."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.showcase.factories import ShowcaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    ShowcaseFactory(stage="collection")
    person = UserFactory()
    client.force_login(person)
    return person


def test_pledge_label_reads_as_one_sentence(client, author):
    page = client.get(reverse("showcase:my_works")).content.decode()

    assert "不侵犯任何人的权利。" in page
    assert "权利。：" not in page
