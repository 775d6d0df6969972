"""Market-day booths kept by the communities' officials from the console."""

import datetime as dt
import re

import pytest

from accounts.roles import Role
from common.models import AuditEntry
from serviceweek.enums import MarketZone
from serviceweek.models import Booth
from tests.factories import CommunityFactory, SubdistrictFactory, person_with_role
from tests.serviceweek.factories import ServiceWeekFactory

pytestmark = pytest.mark.django_db

BOOTHS = "/serviceweek/console/booths/"


@pytest.fixture
def place(db):
    week = ServiceWeekFactory()
    community = CommunityFactory(name="鸿山社区")
    officer = person_with_role(
        Role.SUBDISTRICT_OFFICER, subdistrict=community.subdistrict
    )
    return week, community, officer


def booth_form(community, **changes):
    data = {
        "community": community.pk,
        "zone": MarketZone.REPAIR,
        "name": "便民维修摊",
        "services": "小家电维修、磨刀",
        "place": "社区广场东侧",
        "opens_at": "09:00",
        "closes_at": "17:00",
        "host": "鸿山社区居委会",
    }
    data.update(changes)
    return data


def test_subdistrict_officer_sets_up_a_booth(client, place):
    week, community, officer = place
    client.force_login(officer)

    response = client.post(BOOTHS, booth_form(community))

    booth = Booth.objects.get()
    assert response.status_code == 302
    assert (booth.week, booth.community, booth.zone) == (
        week,
        community,
        MarketZone.REPAIR,
    )
    assert (booth.opens_at, booth.closes_at) == (dt.time(9), dt.time(17))
    assert AuditEntry.objects.filter(action="serviceweek.booth.create").exists()
    assert "便民维修摊" in client.get("/serviceweek/market/").content.decode()


def test_booth_closing_before_it_opens_is_refused_and_keeps_the_input(client, place):
    _week, community, officer = place
    client.force_login(officer)

    response = client.post(
        BOOTHS, booth_form(community, opens_at="15:00", closes_at="10:00")
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "摊位的结束时间须晚于开始时间。" in page
    assert 'value="便民维修摊"' in page
    assert not Booth.objects.exists()


def test_blank_services_are_refused(client, place):
    _week, community, officer = place
    client.force_login(officer)

    response = client.post(BOOTHS, booth_form(community, services="   "))

    assert "此项为必填项。" in response.content.decode()
    assert not Booth.objects.exists()


def test_officer_edits_and_removes_a_booth(client, place):
    _week, community, officer = place
    client.force_login(officer)
    client.post(BOOTHS, booth_form(community))
    booth = Booth.objects.get()

    edited = client.post(
        f"{BOOTHS}{booth.pk}/",
        booth_form(community, zone=MarketZone.POLICY, closes_at="12:00"),
    )
    booth.refresh_from_db()
    removed = client.post(f"{BOOTHS}{booth.pk}/remove/")

    assert edited.status_code == 302
    assert (booth.zone, booth.closes_at) == (MarketZone.POLICY, dt.time(12))
    assert removed.status_code == 302
    assert not Booth.objects.exists()
    update = AuditEntry.objects.get(action="serviceweek.booth.update")
    assert update.after == {"zone": "policy", "closes_at": "12:00"}
    assert AuditEntry.objects.filter(action="serviceweek.booth.remove").exists()


def test_officer_of_another_subdistrict_cannot_touch_the_booth(client, place):
    _week, community, officer = place
    client.force_login(officer)
    client.post(BOOTHS, booth_form(community))
    booth = Booth.objects.get()
    elsewhere = CommunityFactory()
    outsider = person_with_role(
        Role.SUBDISTRICT_OFFICER, subdistrict=elsewhere.subdistrict
    )
    client.force_login(outsider)

    listed = client.get(BOOTHS).content.decode()
    edited = client.post(f"{BOOTHS}{booth.pk}/", booth_form(elsewhere, name="改名"))
    removed = client.post(f"{BOOTHS}{booth.pk}/remove/")
    created = client.post(BOOTHS, booth_form(community, name="插进来的摊"))

    assert "便民维修摊" not in listed
    assert [edited.status_code, removed.status_code] == [403, 403]
    assert created.status_code == 200
    assert list(Booth.objects.values_list("name", flat=True)) == ["便民维修摊"]


def test_blank_services_are_refused_by_the_service(place):
    from serviceweek.services import market

    week, community, officer = place

    with pytest.raises(Exception) as caught:
        market.create_booth(
            week,
            actor=officer,
            **{**booth_form(community, services=" "), "community": community},
        )

    assert str(caught.value.message) == "请填写服务内容。"


def test_residents_and_partners_cannot_keep_booths(client, scene):
    for person in (scene.resident, scene.dispatcher, scene.company_staff):
        client.force_login(person)
        assert client.get(BOOTHS).status_code == 403


def test_booth_page_names_fields_as_the_form_does(client, place):
    _week, community, officer = place
    client.force_login(officer)
    client.post(BOOTHS, booth_form(community))
    booth = Booth.objects.get()

    page = client.get(f"{BOOTHS}{booth.pk}/").content.decode()
    listed = client.get(BOOTHS).content.decode()

    assert "名称：</label>" in page
    assert "姓名" not in page
    assert "<th>名称</th>" in listed
    assert "姓名" not in listed
    history = page[page.index('id="history"') :]
    assert "社区：鸿山社区" in history
    assert "功能区：" in history
    assert "名称：便民维修摊" in history
    assert "承办方：鸿山社区居委会" in history
    assert "community" not in history
    assert "专区" not in history
    assert "主办方" not in history


def _community_options(page):
    form = page.split('class="card sw-booth-form"', 1)[1].split("</form>", 1)[0]
    select = form.split('name="community"', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="(\d+)"', select)


@pytest.fixture
def district_area(db):
    ServiceWeekFactory()
    siming = SubdistrictFactory(name="鹭江街道")
    kaiyuan = SubdistrictFactory(name="开元街道", district=siming.district)
    officer = person_with_role(Role.DISTRICT_OFFICER, district=siming.district)
    return {
        siming: CommunityFactory.create_batch(2, subdistrict=siming),
        kaiyuan: CommunityFactory.create_batch(3, subdistrict=kaiyuan),
    }, officer


def test_a_district_officer_picks_a_subdistrict_then_its_communities(
    client, district_area
):
    communities, officer = district_area
    [_siming, kaiyuan] = communities
    client.force_login(officer)

    first = client.get(BOOTHS).content.decode()
    chosen = client.get(f"{BOOTHS}?subdistrict={kaiyuan.pk}").content.decode()

    assert "鹭江街道" in first and "开元街道" in first
    assert "请先在上方选择街道（镇）" in first
    assert _community_options(first) == []
    assert sorted(_community_options(chosen)) == sorted(
        str(c.pk) for c in communities[kaiyuan]
    )


def test_a_community_of_any_subdistrict_of_the_area_can_be_posted(
    client, district_area
):
    communities, officer = district_area
    [siming, _kaiyuan] = communities
    client.force_login(officer)
    target = communities[siming][1]

    response = client.post(BOOTHS, booth_form(target))

    assert response.status_code == 302
    assert Booth.objects.get().community == target


def test_a_community_outside_the_area_is_refused_and_nothing_saved(
    client, district_area
):
    _communities, officer = district_area
    client.force_login(officer)

    response = client.post(BOOTHS, booth_form(CommunityFactory()))

    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()
    assert not Booth.objects.exists()


def test_the_booth_page_offers_the_communities_of_the_booths_subdistrict(
    client, district_area
):
    communities, officer = district_area
    [siming, _kaiyuan] = communities
    client.force_login(officer)
    client.post(BOOTHS, booth_form(communities[siming][0]))
    booth = Booth.objects.get()

    page = client.get(f"{BOOTHS}{booth.pk}/").content.decode()

    assert sorted(_community_options(page)) == sorted(
        str(c.pk) for c in communities[siming]
    )
