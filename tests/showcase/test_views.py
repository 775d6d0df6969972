"""The resident's voting pages, without a browser."""

import pytest
from django.urls import reverse

from showcase.enums import WorkState
from showcase.models import Vote
from tests.factories import ResidentFactory
from tests.showcase.factories import ShowcaseFactory, WorkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def works():
    return WorkFactory.create_batch(4, showcase=ShowcaseFactory())


def test_vote_page_lists_approved_works_and_votes_left(client, works):
    client.force_login(ResidentFactory())

    page = client.get(reverse("showcase:vote")).content.decode()

    assert all(work.title in page for work in works)
    assert 'data-testid="remaining">3<' in page


def test_vote_by_htmx_shows_the_refusal_on_the_fourth(client, works):
    voter = ResidentFactory()
    client.force_login(voter)

    answers = [
        client.post(
            reverse("showcase:cast_vote", args=[work.pk]),
            {"key": f"k{work.pk}"},
            headers={"HX-Request": "true"},
        ).content.decode()
        for work in works
    ]

    assert "今天的3票已全部投完" in answers[3]
    assert 'data-testid="remaining">0<' in answers[3]
    assert Vote.objects.filter(voter=voter).count() == 3


def test_vote_form_without_htmx_redirects_with_message(client, works):
    client.force_login(ResidentFactory())
    url = reverse("showcase:cast_vote", args=[works[0].pk])

    client.post(url, {"key": "a"})
    response = client.post(url, {"key": "b"}, follow=True)

    assert "您今天已为该作品投过票" in response.content.decode()


def test_vote_signed_out_goes_to_sign_in_and_back_to_the_voting_page(client, works):
    response = client.post(reverse("showcase:cast_vote", args=[works[0].pk]))

    assert response.status_code == 302
    assert response["Location"] == "/accounts/sign-in/?next=/showcase/"
    assert Vote.objects.count() == 0


def test_ranking_table_counts_equal_valid_votes(client, works):
    client.force_login(ResidentFactory())
    client.post(reverse("showcase:cast_vote", args=[works[2].pk]), {"key": "x"})

    table = client.get(reverse("showcase:ranking_table")).content.decode()

    assert f'data-testid="rank-votes-{works[2].pk}">1<' in table
    assert table.index(works[2].title) < table.index(works[0].title)


def test_home_section_shows_votes_left(client, works):
    client.force_login(ResidentFactory())

    page = client.get("/").content.decode()

    assert "我的投票" in page


def test_top_page_waits_for_publication(client, works):
    page = client.get(reverse("showcase:top")).content.decode()

    assert "结果尚未公布" in page


def test_vote_buttons_say_why_they_are_off(client, works):
    voter = ResidentFactory()
    client.force_login(voter)
    url = reverse("showcase:cast_vote", args=[works[0].pk])

    after_one = client.post(url, {"key": "a"}, headers={"HX-Request": "true"})
    for work in works[1:3]:
        client.post(reverse("showcase:cast_vote", args=[work.pk]), {"key": work.pk})
    page = client.get(reverse("showcase:vote")).content.decode()

    assert (
        f'<button type="submit" disabled data-testid="vote-{works[0].pk}">今日已投<'
        in after_one.content.decode()
    )
    assert f'data-testid="vote-{works[1].pk}">投票<' in after_one.content.decode()
    assert f'disabled data-testid="vote-{works[3].pk}">今日票数已用完<' in page
    assert f'disabled data-testid="vote-{works[1].pk}">今日已投<' in page


def test_work_page_sends_a_signed_out_resident_to_the_sms_sign_in(client, works):
    path = reverse("showcase:work", args=[works[0].pk])

    page = client.get(path).content.decode()

    assert f'href="{reverse("accounts:sms_sign_in")}?next={path}"' in page
    assert reverse("accounts:login") not in page.split("<main", 1)[1]


def test_work_page_shows_an_approved_work_only(client, works):
    draft = WorkFactory(showcase=works[0].showcase, state=WorkState.DRAFT)

    page = client.get(reverse("showcase:work", args=[works[0].pk]))
    hidden = client.get(reverse("showcase:work", args=[draft.pk]))

    assert page.status_code == 200
    assert works[0].title in page.content.decode()
    assert "创作故事" in page.content.decode()
    assert hidden.status_code == 404


def test_voting_page_gives_the_phone_a_device_id_that_its_votes_carry(client, works):
    client.force_login(ResidentFactory())

    page = client.get(reverse("showcase:vote"))
    cookie = page.cookies["hgj_device"]
    client.post(reverse("showcase:cast_vote", args=[works[0].pk]), {"key": "a"})
    again = client.get(reverse("showcase:vote"))

    assert len(cookie.value) == 32
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == 365 * 24 * 3600
    assert Vote.objects.get().device == cookie.value
    assert "hgj_device" not in again.cookies  # kept, not replaced


def test_vote_with_a_forged_client_address_keeps_the_connections(client, works):
    client.force_login(ResidentFactory())

    client.post(
        reverse("showcase:cast_vote", args=[works[0].pk]),
        {"key": "a"},
        headers={"X-Real-IP": "abc"},
    )

    assert Vote.objects.get().ip == "127.0.0.1"


def test_voting_page_tells_a_person_without_a_verified_mobile_to_verify(client, works):
    from tests.factories import UserFactory

    client.force_login(UserFactory())

    page = client.get(reverse("showcase:vote")).content.decode()

    assert 'data-testid="remaining">0<' in page
    assert "验证手机号后才能投票" in page


def test_a_resident_votes_from_the_work_page_and_comes_back_to_it(client, works):
    client.force_login(ResidentFactory())
    url = reverse("showcase:work", args=[works[0].pk])

    page = client.get(url).content.decode()
    answer = client.post(
        reverse("showcase:cast_vote", args=[works[0].pk]),
        {"key": "w1", "back": "work"},
        follow=True,
    )

    assert f'data-testid="vote-{works[0].pk}"' in page
    assert answer.redirect_chain[-1][0] == url
    after = answer.content.decode()
    assert "感谢您的投票" in after
    assert "今日已投" in after


def test_the_headers_sign_in_link_comes_back_to_the_page(client, works):
    page = client.get(reverse("showcase:ranking")).content.decode()

    assert 'href="/accounts/sign-in/?next=/showcase/ranking/"' in page
