"""The sample data of `make demo`: clearly marked, never mistaken for real.

Every sample company, partner and estate carries ``is_sample`` and the word
"示例" in its name. Estates are placed in real communities of Xiamen.
"""

import datetime as dt
import importlib
import importlib.util

from django.db import transaction

from accounts.models import RoleAssignment, User
from accounts.roles import Role
from common.validators import credit_check_character
from organizations.models import (
    GovernmentUnit,
    OwnersCommittee,
    Partner,
    PropertyCompany,
)
from places.models import Community, District, Estate, Household, Subdistrict

DEMO_PASSWORD = "hongguanjia-demo"  # noqa: S105 -- printed for the demonstration


def sample_credit_code(serial):
    body = f"91350200MA{serial:07d}"
    return body + credit_check_character(body)


COMPANIES = [
    ("鹭岛红管家物业服务有限公司（示例）", 1001),
    ("筼筜湖物业管理有限公司（示例）", 1002),
]
PARTNERS = [
    ("鹭岛家政服务有限公司（示例）", Partner.Kind.HOUSEKEEPING, 2001),
    ("厦门示例银行思明支行（示例）", Partner.Kind.BANK, 2002),
    ("鹭岛颐养中心（示例）", Partner.Kind.ELDER_CARE, 2003),
]
# (estate, community code, company index or None, households, buildings)
ESTATES = [
    ("鸿山花园（示例）", "350203001001", 0, 680, 8),
    ("蜂巢山小区（示例）", "350203001004", 0, 420, 6),
    ("福海苑（示例）", "350203001006", 1, 900, 12),
    ("下沃新村（示例）", "350203001011", None, 260, 5),
]


def _person(username, full_name, *roles, mobile=None, household=None):
    user, _ = User.objects.get_or_create(
        username=username,
        defaults={"full_name": full_name, "is_sample": True, "mobile": mobile},
    )
    user.set_password(DEMO_PASSWORD)
    user.household = household
    user.save()
    for role, scope in roles:
        RoleAssignment.objects.get_or_create(user=user, role=role, **scope)
    return user


@transaction.atomic
def seed_demo():
    """Create the sample organisations, estates and one account per role."""
    companies = [
        PropertyCompany.objects.get_or_create(
            credit_code=sample_credit_code(serial),
            defaults={"name": name, "is_sample": True},
        )[0]
        for name, serial in COMPANIES
    ]
    partners = [
        Partner.objects.get_or_create(
            credit_code=sample_credit_code(serial),
            defaults={"name": name, "kind": kind, "is_sample": True},
        )[0]
        for name, kind, serial in PARTNERS
    ]
    estates = []
    for name, community_code, company_index, households, buildings in ESTATES:
        estate, _ = Estate.objects.get_or_create(
            name=name,
            community=Community.objects.get(code=community_code),
            defaults={
                "address": f"厦门市思明区{name.removesuffix('（示例）')}路1号",
                "households": households,
                "buildings": buildings,
                "company": companies[company_index]
                if company_index is not None
                else None,
                "contract_start": dt.date(2024, 1, 1),
                "contract_end": dt.date(2027, 12, 31),
                "is_sample": True,
            },
        )
        estates.append(estate)
    OwnersCommittee.objects.get_or_create(
        estate=estates[0],
        defaults={
            "kind": OwnersCommittee.Kind.OWNERS,
            "formed_on": dt.date(2023, 5, 1),
        },
    )
    siming = District.objects.get(code="350203")
    xiagang = Subdistrict.objects.get(code="350203001")
    for name, kind, scope in [
        ("厦门市住房和建设局", GovernmentUnit.Kind.CITY_HOUSING, {}),
        (
            "思明区住房和建设局",
            GovernmentUnit.Kind.DISTRICT_HOUSING,
            {"district": siming},
        ),
        ("厦港街道办事处", GovernmentUnit.Kind.SUBDISTRICT, {"subdistrict": xiagang}),
        ("厦门市物业行业党委", GovernmentUnit.Kind.PARTY_COMMITTEE, {}),
        ("厦门市物业管理协会", GovernmentUnit.Kind.ASSOCIATION, {}),
    ]:
        GovernmentUnit.objects.get_or_create(
            name=name, defaults={"kind": kind, **scope}
        )

    household, _ = Household.objects.get_or_create(
        estate=estates[0], building="1", unit="2", room="301"
    )
    neighbour, _ = Household.objects.get_or_create(
        estate=estates[2], building="3", unit="1", room="502"
    )
    people = [
        _person(
            "resident",
            "林小红",
            (Role.RESIDENT, {}),
            mobile="13900000001",
            household=household,
        ),
        _person(
            "resident2",
            "陈阿明",
            (Role.RESIDENT, {}),
            mobile="13900000002",
            household=neighbour,
        ),
        _person(
            "company_admin", "王经理", (Role.COMPANY_ADMIN, {"company": companies[0]})
        ),
        _person(
            "estate_manager",
            "张项目",
            (Role.ESTATE_MANAGER, {"company": companies[0], "estate": estates[0]}),
        ),
        _person(
            "frontline", "李管家", (Role.FRONTLINE_STAFF, {"company": companies[0]})
        ),
        _person("partner", "赵家政", (Role.PARTNER_STAFF, {"partner": partners[0]})),
        _person(
            "subdistrict",
            "黄街道",
            (Role.SUBDISTRICT_OFFICER, {"subdistrict": xiagang}),
        ),
        _person("district", "吴区局", (Role.DISTRICT_OFFICER, {"district": siming})),
        _person("city", "周市局", (Role.CITY_OFFICER, {})),
        _person("party", "郑党委", (Role.PARTY_COMMITTEE_OFFICER, {})),
        _person("association", "孙协会", (Role.ASSOCIATION_STAFF, {})),
        _person("expert", "钱专家", (Role.EXPERT, {})),
        _person("expert2", "林专家", (Role.EXPERT, {})),
        _person("judge", "冯裁判", (Role.JUDGE, {})),
        _person("reviewer", "何审核", (Role.REVIEWER, {"company": companies[1]})),
        _person("chair", "陈组长", (Role.PANEL_CHAIR, {})),
        _person("sysadmin", "系统管理员", (Role.SYSTEM_ADMIN, {})),
    ]
    admin = people[-1]
    admin.is_staff = admin.is_superuser = True
    admin.save(update_fields=["is_staff", "is_superuser"])
    people.extend(seed_boards({person.username: person for person in people}))
    return people


# Apps whose ``sample.seed(people)`` adds their own sample data, in this order;
# ``people`` maps the usernames above to their accounts.
SAMPLE_APPS = (
    "campaign",
    "serviceweek",
    "complaints",
    "showcase",
    "indicators",
)


def seed_boards(people):
    """Run each app's sample seed; returns the further accounts they add."""
    added = []
    for app in SAMPLE_APPS:
        if importlib.util.find_spec(f"{app}.sample") is not None:
            added.extend(importlib.import_module(f"{app}.sample").seed(people) or [])
    return added
