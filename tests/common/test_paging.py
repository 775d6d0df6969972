"""Console lists come in pages of 50 and say how many there are in all."""

import re

import pytest

from tests.complaints.factories import ComplaintFactory, company_staff

pytestmark = pytest.mark.django_db


def _numbers(html):
    return [int(n) for n in re.findall(r'complaints/console/(\d+)/">#', html)]


@pytest.fixture
def queue(client):
    first = ComplaintFactory()
    others = ComplaintFactory.create_batch(
        119, estate=first.estate, complainant=first.complainant
    )
    client.force_login(company_staff(first.estate))
    return [first, *others]


def test_the_complaint_queue_shows_its_first_fifty_and_how_many_in_all(client, queue):
    html = client.get("/complaints/console/?state=open").content.decode()

    assert len(_numbers(html)) == 50
    assert "第 1 / 3 页，共 120 条" in html
    assert 'href="?state=open&amp;page=2" rel="next">下一页' in html
    assert "上一页" not in html


def test_every_complaint_of_the_queue_is_on_exactly_one_page(client, queue):
    seen = []
    for number in (1, 2, 3):
        html = client.get(f"/complaints/console/?state=open&page={number}")
        seen += _numbers(html.content.decode())

    assert sorted(seen) == sorted(c.pk for c in queue)
    assert "第 3 / 3 页，共 120 条" in html.content.decode()


@pytest.mark.parametrize(("asked", "shown"), [("abc", 1), ("0", 3), ("99", 3)])
def test_a_page_number_out_of_range_shows_a_page_not_an_error(
    client, queue, asked, shown
):
    response = client.get(f"/complaints/console/?page={asked}")

    assert response.status_code == 200
    assert f"第 {shown} / 3 页" in response.content.decode()


def test_a_short_list_shows_no_pager(client):
    complaint = ComplaintFactory()
    client.force_login(company_staff(complaint.estate))

    html = client.get("/complaints/console/").content.decode()

    assert _numbers(html) == [complaint.pk]
    assert "共 1 条" not in html
    assert 'class="row pager"' not in html
