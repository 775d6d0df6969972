"""Factories of the core models, shared by every app's tests."""

import factory
from django.utils import timezone

from accounts.models import RoleAssignment, User
from accounts.roles import Role
from common.validators import credit_check_character
from organizations.models import Partner, PropertyCompany
from places.models import Community, District, Estate, Household, Subdistrict


def credit_code(n):
    body = f"91350200MA{n:07d}"[:17]
    return body + credit_check_character(body)


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"3502{90 + n % 10:02d}")
    name = factory.Sequence(lambda n: f"测试区{n}")


class SubdistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subdistrict

    code = factory.Sequence(lambda n: f"350299{n:03d}")
    name = factory.Sequence(lambda n: f"测试街道{n}")
    kind = Subdistrict.Kind.STREET
    district = factory.SubFactory(DistrictFactory)


class CommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Community

    code = factory.Sequence(lambda n: f"350299{n:06d}")
    name = factory.Sequence(lambda n: f"测试社区{n}")
    subdistrict = factory.SubFactory(SubdistrictFactory)


class PropertyCompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PropertyCompany

    name = factory.Sequence(lambda n: f"测试物业服务有限公司{n}")
    credit_code = factory.Sequence(credit_code)


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"测试合作单位{n}")
    kind = Partner.Kind.HOUSEKEEPING
    credit_code = factory.Sequence(lambda n: credit_code(500000 + n))


class EstateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Estate

    name = factory.Sequence(lambda n: f"测试小区{n}")
    address = factory.Sequence(lambda n: f"测试路{n}号")
    community = factory.SubFactory(CommunityFactory)
    households = 500
    buildings = 10
    company = factory.SubFactory(PropertyCompanyFactory)


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    estate = factory.SubFactory(EstateFactory)
    building = "1"
    unit = "1"
    room = factory.Sequence(lambda n: f"{100 + n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"测试用户{n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse 1")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805 -- factory_boy hook
        if create:
            obj.save()


class ResidentFactory(UserFactory):
    mobile = factory.Sequence(lambda n: f"139{n:08d}")
    mobile_verified_at = factory.LazyFunction(timezone.now)
    household = factory.SubFactory(HouseholdFactory)

    @factory.post_generation
    def resident_role(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            RoleAssignment.objects.create(user=obj, role=Role.RESIDENT)


def person_with_role(role, **scope):
    """A new person holding ``role`` with the given scope (company=..., ...)."""
    user = UserFactory()
    RoleAssignment.objects.create(user=user, role=role, **scope)
    return user
