"""Care registration, pairing and visits from the console."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.roles import Role
from common.models import AuditEntry
from serviceweek.enums import CareKind, VisitKind
from serviceweek.models import CarePairing, CareRecipient, CareVisit, PartyMember
from serviceweek.services import care
from tests.factories import EstateFactory, HouseholdFactory, person_with_role

pytestmark = pytest.mark.django_db

REGISTER = "/serviceweek/console/care/register/"
HOUSEHOLDS = "/serviceweek/console/care/households/"
VISIT = "/serviceweek/console/care/visit/"


def member_of(company, name="党员甲"):
    user = person_with_role(Role.FRONTLINE_STAFF, company=company)
    user.full_name = name
    user.save()
    return PartyMember.objects.create(user=user, company=company)


def registration(scene, **changes):
    data = {
        "estate": scene.estate.pk,
        "building": "3",
        "unit": "1",
        "room": "502",
        "kind": CareKind.ELDERLY_ALONE,
        "full_name": "陈阿婆",
        "mobile": "13912345678",
        "birth_year": "1948",
        "needs": "每周代购蔬菜",
        "consent_note": "本人口头同意，社区干部在场",
    }
    data.update(changes)
    return data


def registered(scene, member):
    return care.register_care_recipient(
        HouseholdFactory(estate=scene.estate),
        actor=member.user,
        kind=CareKind.ELDERLY_ALONE,
        full_name="陈阿婆",
        mobile="13912345678",
        consent_note="本人同意",
    )


def test_party_member_registers_a_household_from_the_console(client, scene):
    member = member_of(scene.estate.company)
    client.force_login(member.user)

    response = client.post(REGISTER, registration(scene))

    recipient = CareRecipient.objects.get()
    assert response.status_code == 302
    assert str(recipient.household) == f"{scene.estate} 3栋1单元502"
    assert (recipient.full_name, recipient.registered_by) == ("陈阿婆", member)
    assert recipient.consent_note == "本人口头同意，社区干部在场"
    assert AuditEntry.objects.filter(action="serviceweek.care.register").exists()
    listed = client.get(HOUSEHOLDS).content.decode()
    assert "陈阿婆" in listed
    assert "13912345678" in listed


def test_registration_without_consent_is_refused_and_keeps_the_input(client, scene):
    member = member_of(scene.estate.company)
    client.force_login(member.user)

    response = client.post(REGISTER, registration(scene, consent_note=" "))

    page = response.content.decode()
    assert response.status_code == 200
    assert "预登记须记录本人同意。" in page
    assert 'value="陈阿婆"' in page
    assert 'value="13912345678"' in page
    assert not CareRecipient.objects.exists()
    # The household row made for the registration is rolled back with it.
    assert not scene.estate.households_set.filter(room="502").exists()


def test_staff_who_are_not_party_members_cannot_register(client, scene):
    client.force_login(scene.company_staff)

    assert client.get(REGISTER).status_code == 403


def test_estates_of_another_company_are_not_offered(client, scene):
    member = member_of(scene.estate.company)
    elsewhere = EstateFactory()
    client.force_login(member.user)

    response = client.post(REGISTER, registration(scene, estate=elsewhere.pk))

    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()
    assert not CareRecipient.objects.exists()


def test_company_staff_pair_a_household_and_see_details_masked(client, scene):
    member = member_of(scene.estate.company)
    recipient = registered(scene, member)
    client.force_login(scene.company_staff)

    listed = client.get(HOUSEHOLDS).content.decode()
    response = client.post(
        HOUSEHOLDS,
        {
            "recipient": recipient.pk,
            "party_member": member.pk,
            "signed_on": "2026-07-05",
        },
    )

    assert "陈**" in listed
    assert "陈阿婆" not in listed
    assert "13912345678" not in listed
    assert response.status_code == 302
    pairing = CarePairing.objects.get()
    assert (pairing.recipient, pairing.party_member) == (recipient, member)
    assert AuditEntry.objects.filter(action="serviceweek.care.pair").exists()


def test_pairing_with_a_member_of_another_company_is_refused(scene):
    member = member_of(scene.estate.company)
    recipient = registered(scene, member)
    stranger = member_of(EstateFactory().company, name="党员乙")

    with pytest.raises(Exception) as caught:
        care.pair_care_recipient(
            recipient,
            actor=member.user,
            party_member=stranger,
            signed_on=dt.date(2026, 7, 5),
        )

    assert str(caught.value.message) == ("结对党员须属于该户所在小区的物业服务企业。")
    assert not CarePairing.objects.exists()


def test_paired_member_logs_a_visit_and_an_errand(client, scene):
    member = member_of(scene.estate.company)
    pairing = care.pair_care_recipient(
        registered(scene, member),
        actor=member.user,
        party_member=member,
        signed_on=dt.date(2026, 7, 5),
    )
    client.force_login(member.user)

    for kind in (VisitKind.VISIT, VisitKind.ERRAND):
        response = client.post(
            VISIT,
            {
                "pairing": pairing.pk,
                "kind": kind,
                "visited_on": "2026-07-06",
                "note": "代买米面",
            },
        )
        assert response.status_code == 302

    assert sorted(CareVisit.objects.values_list("kind", flat=True)) == [
        "errand",
        "visit",
    ]
    assert AuditEntry.objects.filter(action="serviceweek.care.visit").count() == 2


def test_a_member_cannot_log_a_visit_of_another_members_pairing(client, scene):
    member = member_of(scene.estate.company)
    other = member_of(scene.estate.company, name="党员乙")
    pairing = care.pair_care_recipient(
        registered(scene, member),
        actor=member.user,
        party_member=member,
        signed_on=dt.date(2026, 7, 5),
    )
    client.force_login(other.user)

    response = client.post(
        VISIT,
        {"pairing": pairing.pk, "kind": VisitKind.VISIT, "visited_on": "2026-07-06"},
    )

    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()
    assert not CareVisit.objects.exists()


def test_registration_of_an_unknown_kind_is_refused(scene):
    member = member_of(scene.estate.company)

    with pytest.raises(Exception) as caught:
        care.register_care_recipient(
            scene.household,
            actor=member.user,
            kind="lonely",
            full_name="陈阿婆",
            consent_note="本人同意",
        )

    assert str(caught.value.message) == (
        "请选择关爱类别：60 岁以上独居老人，或有残疾人的家庭。"
    )
    assert not CareRecipient.objects.exists()


def test_registration_refuses_a_short_mobile_at_the_field(client, scene):
    member = member_of(scene.estate.company)
    client.force_login(member.user)

    response = client.post(REGISTER, registration(scene, mobile="1390000"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "请输入有效的 11 位中国大陆手机号。" in page
    assert 'value="1390000"' in page
    assert not CareRecipient.objects.exists()


def test_registration_refuses_an_elderly_resident_under_sixty(client, scene):
    member = member_of(scene.estate.company)
    client.force_login(member.user)

    response = client.post(REGISTER, registration(scene, birth_year="1990"))

    page = response.content.decode()
    assert response.status_code == 200
    latest = timezone.localdate().year - 60
    assert f"60岁以上独居老人须在{latest}年或更早出生。" in page
    assert 'value="1990"' in page
    assert not CareRecipient.objects.exists()


@pytest.mark.parametrize("year", ["1800", "2999"])
def test_registration_refuses_an_impossible_year_of_birth(client, scene, year):
    member = member_of(scene.estate.company)
    client.force_login(member.user)

    response = client.post(
        REGISTER, registration(scene, kind=CareKind.DISABLED, birth_year=year)
    )

    assert response.status_code == 200
    this_year = timezone.localdate().year
    assert f"请填写真实的出生年份（1900至{this_year}年）。" in response.content.decode()
    assert not CareRecipient.objects.exists()


def test_a_disabled_member_may_be_young(client, scene):
    member = member_of(scene.estate.company)
    client.force_login(member.user)

    response = client.post(
        REGISTER, registration(scene, kind=CareKind.DISABLED, birth_year="1990")
    )

    assert response.status_code == 302
    assert CareRecipient.objects.get().birth_year == 1990


def test_the_service_refuses_a_bad_mobile_and_birth_year_too(scene):
    member = member_of(scene.estate.company)
    household = HouseholdFactory(estate=scene.estate)
    from common.errors import DomainError

    with pytest.raises(DomainError) as refused:
        care.register_care_recipient(
            household,
            actor=member.user,
            kind=CareKind.ELDERLY_ALONE,
            full_name="陈阿婆",
            mobile="1390000",
            consent_note="本人同意",
        )
    assert "mobile" in refused.value.fields
    with pytest.raises(DomainError) as refused:
        care.register_care_recipient(
            household,
            actor=member.user,
            kind=CareKind.ELDERLY_ALONE,
            full_name="陈阿婆",
            birth_year=1990,
            consent_note="本人同意",
        )
    assert "birth_year" in refused.value.fields
    assert not CareRecipient.objects.exists()


def test_pairing_form_signs_on_today_by_default(client, scene):
    member = member_of(scene.estate.company)
    registered(scene, member)
    client.force_login(member.user)

    page = client.get(HOUSEHOLDS).content.decode()

    today = timezone.localdate().isoformat()
    assert f'name="signed_on" value="{today}"' in page


def test_the_api_refuses_a_short_mobile_and_a_young_elderly_resident(client, scene):
    from accounts.tokens import issue_token

    member = member_of(scene.estate.company)
    household = HouseholdFactory(estate=scene.estate)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(member.user)}"}
    payload = {
        "household_id": household.pk,
        "kind": CareKind.ELDERLY_ALONE,
        "full_name": "陈阿婆",
        "consent_note": "本人同意",
    }

    short = client.post(
        "/api/v1/serviceweek/care",
        {**payload, "mobile": "1390000"},
        content_type="application/json",
        **headers,
    )
    young = client.post(
        "/api/v1/serviceweek/care",
        {**payload, "birth_year": 1990},
        content_type="application/json",
        **headers,
    )

    assert short.status_code == 422, short.json()
    assert short.json()["message"] == "请输入有效的 11 位中国大陆手机号。"
    assert young.status_code == 400, young.json()
    assert "年或更早出生" in young.json()["message"]
    assert not CareRecipient.objects.exists()
