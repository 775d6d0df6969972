"""Standard lists, 7/1 actions and their coverage, care, market booths."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.roles import Role
from common.errors import NotAllowed
from notifications.models import Notification
from serviceweek.coverage import coverage_for
from serviceweek.enums import ActionKind, CareKind, MarketZone, VisitKind
from serviceweek.models import Booth, Order, PartyMember, StandardList
from serviceweek.selectors import booths_near
from serviceweek.services import care
from serviceweek.services.basic import publish_standard_list, record_day_one_action
from tests.factories import (
    CommunityFactory,
    EstateFactory,
    HouseholdFactory,
    ResidentFactory,
    person_with_role,
)
from tests.serviceweek.factories import ServiceWeekFactory

pytestmark = pytest.mark.django_db


@pytest.mark.django_db(transaction=True)
def test_standard_list_versions_and_residents_are_told(scene):
    first = publish_standard_list(
        scene.estate, actor=scene.company_staff, items=[("保洁", "楼道每日清扫")]
    )
    second = publish_standard_list(
        scene.estate,
        actor=scene.company_staff,
        items=[("保洁", "楼道每日清扫两次"), ("安保", "24小时值守")],
    )

    assert (first.version, second.version) == (1, 2)
    assert StandardList.objects.filter(estate=scene.estate).first() == second
    assert Notification.objects.filter(recipient=scene.resident).count() == 2


def test_standard_list_of_another_company_is_refused(scene):
    other = EstateFactory()

    with pytest.raises(NotAllowed):
        publish_standard_list(
            other, actor=scene.company_staff, items=[("保洁", "楼道每日清扫")]
        )

    assert not StandardList.objects.exists()


def test_standards_page_shows_the_current_version(client, scene):
    publish_standard_list(
        scene.estate, actor=scene.company_staff, items=[("保洁", "楼道每日清扫")]
    )
    client.force_login(scene.resident)

    page = client.get(f"/serviceweek/estates/{scene.estate.pk}/standards/")

    assert "楼道每日清扫" in page.content.decode()


def test_day_one_actions_show_as_coverage_by_district(scene, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    week = ServiceWeekFactory()
    EstateFactory(community=scene.estate.community, company=scene.estate.company)
    photo = SimpleUploadedFile("a.jpg", b"\xff\xd8\xff", content_type="image/jpeg")

    record_day_one_action(
        scene.estate,
        actor=scene.company_staff,
        week=week,
        kind=ActionKind.ELEVATOR,
        done_on=dt.date(2026, 7, 1),
        result="电梯5台全部排查，无隐患",
        photos=[photo],
    )
    official = person_with_role(Role.DISTRICT_OFFICER, district=scene.estate.district)
    result = coverage_for(official, week)

    row = result["district"][0]
    assert row["estates"] == 2
    elevator = next(c for c in row["cells"] if c["kind"] == "电梯排查")
    assert (elevator["done"], elevator["percent"]) == (1, 50)


def party_member_of(scene):
    user = person_with_role(Role.FRONTLINE_STAFF, company=scene.estate.company)
    user.full_name = "党员甲"
    user.save()
    return PartyMember.objects.create(user=user, company=scene.estate.company)


def test_care_registration_needs_consent(scene):
    member = party_member_of(scene)

    with pytest.raises(Exception) as caught:
        care.register_care_recipient(
            scene.household,
            actor=member.user,
            kind=CareKind.ELDERLY_ALONE,
            full_name="陈阿婆",
            consent_note=" ",
        )

    assert str(caught.value.message) == "预登记须记录本人同意。"


def test_care_missing_visit_listed_and_details_masked_for_officials(scene):
    member = party_member_of(scene)
    recipient = care.register_care_recipient(
        scene.household,
        actor=member.user,
        kind=CareKind.ELDERLY_ALONE,
        full_name="陈阿婆",
        mobile="13912345678",
        consent_note="本人口头同意，社区干部在场",
    )
    today = dt.date(2026, 7, 20)
    visited = care.pair_care_recipient(
        recipient, actor=member.user, party_member=member, signed_on=dt.date(2026, 7, 5)
    )
    other_household = HouseholdFactory(estate=scene.estate)
    other = care.register_care_recipient(
        other_household,
        actor=member.user,
        kind=CareKind.DISABLED,
        full_name="王大伯",
        consent_note="家属书面同意",
    )
    missed = care.pair_care_recipient(
        other, actor=member.user, party_member=member, signed_on=dt.date(2026, 7, 5)
    )
    care.log_care_visit(
        visited,
        actor=member.user,
        kind=VisitKind.VISIT,
        visited_on=dt.date(2026, 7, 18),
    )
    care.log_care_visit(
        missed,
        actor=member.user,
        kind=VisitKind.ERRAND,
        visited_on=dt.date(2026, 7, 19),
    )
    official = person_with_role(
        Role.SUBDISTRICT_OFFICER, subdistrict=scene.estate.subdistrict
    )

    missing = list(care.missing_weekly_visit(official, today=today))
    official_row = care.care_row(visited, viewer=official)
    member_row = care.care_row(visited, viewer=member.user)

    assert missing == [missed]
    assert official_row["name"] == "陈**"
    assert official_row["mobile"] == "139****5678"
    assert member_row["name"] == "陈阿婆"


def test_care_export_is_masked_for_officials(client, scene):
    member = party_member_of(scene)
    recipient = care.register_care_recipient(
        scene.household,
        actor=member.user,
        kind=CareKind.ELDERLY_ALONE,
        full_name="陈阿婆",
        mobile="13912345678",
        consent_note="本人同意",
    )
    care.pair_care_recipient(
        recipient, actor=member.user, party_member=member, signed_on=dt.date(2026, 7, 5)
    )
    client.force_login(person_with_role(Role.CITY_OFFICER))

    page = client.get("/serviceweek/console/care/")
    export = client.get("/serviceweek/console/care.xlsx")

    assert "陈**" in page.content.decode()
    assert "陈阿婆" not in page.content.decode()
    assert b"13912345678" not in export.content
    assert export.status_code == 200


def test_market_booths_near_the_resident_first(scene):
    week = ServiceWeekFactory()
    home = scene.estate.community
    neighbour = CommunityFactory(subdistrict=home.subdistrict)
    far = CommunityFactory()
    for community, name in ((neighbour, "邻社区"), (home, "本社区"), (far, "远处")):
        Booth.objects.create(
            week=week,
            community=community,
            zone=MarketZone.REPAIR,
            name=name,
            services="小家电维修",
            place="广场",
            opens_at=dt.time(9),
            closes_at=dt.time(12),
        )

    names = [booth.name for booth in booths_near(scene.resident, week)]

    assert names == ["本社区", "邻社区"]


def test_market_page_lists_the_zone_in_chinese(client, scene):
    week = ServiceWeekFactory()
    Booth.objects.create(
        week=week,
        community=scene.estate.community,
        zone=MarketZone.EXCHANGE,
        name="旧衣换绿植",
        services="5件旧衣换1盆绿植",
        place="广场",
        opens_at=dt.time(9),
        closes_at=dt.time(12),
    )
    client.force_login(ResidentFactory(household=scene.household))

    page = client.get("/serviceweek/market/").content.decode()

    assert "旧衣换绿植" in page
    assert "绿色置换区" in page


def test_action_photo_served_to_the_company_not_to_a_resident(
    client, scene, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    week = ServiceWeekFactory()
    photo = SimpleUploadedFile("a.jpg", b"\xff\xd8\xff", content_type="image/jpeg")
    action = record_day_one_action(
        scene.estate,
        actor=scene.company_staff,
        week=week,
        kind=ActionKind.DRILL,
        done_on=dt.date(2026, 7, 1),
        result="安保防暴演练完成",
        photos=[photo],
    )
    url = f"/serviceweek/console/actions/photos/{action.photos.get().pk}/"

    client.force_login(scene.company_staff)
    shown = client.get(url)
    body = b"".join(shown.streaming_content)
    client.force_login(scene.resident)
    refused = client.get(url)

    assert shown.status_code == 200
    assert body == b"\xff\xd8\xff"
    assert shown["X-Content-Type-Options"] == "nosniff"
    assert refused.status_code == 403


def test_book_for_page_records_the_staff_member_as_booker(client, scene):
    client.force_login(scene.company_staff)

    response = client.post(
        "/serviceweek/console/book-for/",
        {
            "mobile": scene.resident.mobile,
            "slot": scene.slot.pk,
            "idempotency_key": "x",
        },
    )

    order = Order.objects.get()
    assert response.status_code == 302
    assert order.booked_by == scene.company_staff
    assert order.resident == scene.resident


def test_book_for_page_refuses_a_resident_of_another_company(client, scene):
    client.force_login(scene.company_staff)

    response = client.post(
        "/serviceweek/console/book-for/",
        {"mobile": scene.stranger.mobile, "slot": scene.slot.pk},
        follow=True,
    )

    assert "本公司服务小区中没有使用该手机号的住户。" in response.content.decode()
    assert not Order.objects.exists()


def test_board_refusals_tell_why(scene):
    week = ServiceWeekFactory()
    member = party_member_of(scene)
    recipient = care.register_care_recipient(
        scene.household,
        actor=member.user,
        kind=CareKind.ELDERLY_ALONE,
        full_name="陈阿婆",
        consent_note="本人同意",
    )
    care.pair_care_recipient(
        recipient, actor=member.user, party_member=member, signed_on=dt.date(2026, 7, 5)
    )
    record_day_one_action(
        scene.estate,
        actor=scene.company_staff,
        week=week,
        kind=ActionKind.FIRE,
        done_on=dt.date(2026, 7, 1),
        result="消防系统排查完成",
    )
    attempts = [
        (
            lambda: publish_standard_list(
                scene.estate, actor=scene.company_staff, items=[("保洁", " ")]
            ),
            "清单至少需要一项。",
        ),
        (
            lambda: record_day_one_action(
                scene.estate,
                actor=scene.company_staff,
                week=week,
                kind=ActionKind.WATER,
                done_on=dt.date(2026, 7, 1),
                result=" ",
            ),
            "请填写结果。",
        ),
        (
            lambda: record_day_one_action(
                scene.estate,
                actor=scene.company_staff,
                week=week,
                kind="<script>x</script>",
                done_on=dt.date(2026, 7, 1),
                result="完成",
            ),
            "请选择行动类型。",
        ),
        (
            lambda: record_day_one_action(
                scene.estate,
                actor=scene.company_staff,
                week=week,
                kind=ActionKind.FIRE,
                done_on=dt.date(2026, 7, 1),
                result="再次记录",
            ),
            "该小区已记录过此项行动。",
        ),
        (
            lambda: care.pair_care_recipient(
                recipient,
                actor=member.user,
                party_member=member,
                signed_on=dt.date(2026, 7, 6),
            ),
            "该户已结对。",
        ),
    ]

    for attempt, message in attempts:
        with pytest.raises(Exception) as caught:
            attempt()
        assert str(caught.value.message) == message


def test_week_page_shows_agreements_and_timeline_to_officials(client, scene):
    from serviceweek.services.setup import record_agreement

    city = person_with_role(Role.CITY_OFFICER)
    week = scene.package.theme_day.week
    week.phases.create(
        position=0,
        name="筹备启动",
        starts_on=dt.date(week.year, 5, 13),
        ends_on=dt.date(week.year, 5, 31),
        tasks="资源对接",
    )
    record_agreement(
        actor=city,
        title="物业+生活服务战略合作协议",
        partners=[scene.package.partner],
        signed_on=dt.date(week.year, 7, 1),
        valid_from=dt.date(week.year, 7, 1),
        week=week,
    )
    client.force_login(city)

    page = client.get("/serviceweek/").content.decode()

    assert "物业+生活服务战略合作协议" in page
    assert "筹备启动" in page
    assert "100%" in page


def test_officials_care_list_shows_the_last_home_visit_and_their_number(client, scene):
    member = party_member_of(scene)
    recipient = care.register_care_recipient(
        scene.household,
        actor=member.user,
        kind=CareKind.ELDERLY_ALONE,
        full_name="陈阿婆",
        consent_note="本人同意",
    )
    pairing = care.pair_care_recipient(
        recipient, actor=member.user, party_member=member, signed_on=dt.date(2026, 7, 5)
    )
    for kind, day in (
        (VisitKind.VISIT, dt.date(2026, 7, 8)),
        (VisitKind.VISIT, dt.date(2026, 7, 15)),
        (VisitKind.ERRAND, dt.date(2026, 7, 17)),
    ):
        care.log_care_visit(pairing, actor=member.user, kind=kind, visited_on=day)
    client.force_login(person_with_role(Role.CITY_OFFICER))

    page = client.get("/serviceweek/console/care/").content.decode()

    assert "<th>最近一次探访</th><th>探访次数</th>" in page
    assert '<td class="sw-last-visit">2026-07-15</td>' in page
    assert '<td class="sw-visit-count">2</td>' in page
