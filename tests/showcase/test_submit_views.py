"""The submitter's pages: entering, editing and deleting works."""

import pytest
from django.urls import reverse

from showcase.models import Work
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


FIELDS = {
    "title": "楼道里的灯",
    "kind": "photography",
    "direction": "warm_service",
    "authors": "王五",
    "description": "说明",
    "story": "故事",
}


@pytest.mark.parametrize(
    ("field", "value"),
    [("title", "灯\u0001"), ("authors", "王\u000b五"), ("story", "故\u0007事")],
)
def test_control_characters_refused_at_the_field(client, author, field, value):
    answer = client.post(reverse("showcase:my_works"), {**FIELDS, field: value})

    page = answer.content.decode()
    assert answer.status_code == 200
    assert "控制字符" in page
    assert FIELDS["description"] in page
    assert not Work.objects.exists()
