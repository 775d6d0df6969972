"""The submitter's pages: entering, editing and deleting works."""

import pytest
from django.urls import reverse

from showcase.models import Work
from tests.factories import UserFactory
from tests.showcase.factories import ShowcaseFactory
from tests.showcase.media_files import png_header_only

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


def test_a_decompression_bomb_is_refused_with_a_reason_not_an_error(client, author):
    answer = client.post(
        reverse("showcase:my_works"),
        {**FIELDS, "media": png_header_only(20000, 10000)},
        follow=True,
    )

    assert answer.status_code == 200
    assert "图片像素过多" in answer.content.decode()
