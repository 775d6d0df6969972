import io

import pytest
from openpyxl import load_workbook

from accounts.roles import Role
from common.models import AuditEntry
from common.xlsx import ImportRefused
from organizations.imports import HEADER, import_companies
from organizations.models import PropertyCompany
from tests.factories import (
    EstateFactory,
    PropertyCompanyFactory,
    credit_code,
    person_with_role,
)
from tests.places.xlsx import english_words_on_import_page, xlsx_upload

pytestmark = pytest.mark.django_db


def _problems(error):
    return [(p.row, p.column, p.reason) for p in error.value.problems]


def test_company_list_shows_only_companies_serving_the_officers_area(client):
    mine = EstateFactory()
    EstateFactory()
    client.force_login(
        person_with_role(Role.SUBDISTRICT_OFFICER, subdistrict=mine.subdistrict)
    )

    page = client.get("/organizations/companies/")

    assert [c.name for c in page.context["page"]] == [mine.company.name]


def test_company_staff_see_their_own_company_even_without_estates(client):
    own = PropertyCompanyFactory()
    PropertyCompanyFactory()
    client.force_login(person_with_role(Role.COMPANY_ADMIN, company=own))

    page = client.get("/organizations/companies/")

    assert [c.name for c in page.context["page"]] == [own.name]


def test_company_detail_lists_its_estates_in_scope_and_history(client):
    estate = EstateFactory()
    client.force_login(person_with_role(Role.CITY_OFFICER))

    page = client.get(f"/organizations/companies/{estate.company.pk}/")

    assert estate.name in page.content.decode()
    assert page.context["company"].estate_count == 1


def test_company_detail_outside_the_scope_is_not_found(client):
    client.force_login(
        person_with_role(Role.COMPANY_ADMIN, company=PropertyCompanyFactory())
    )

    response = client.get(f"/organizations/companies/{PropertyCompanyFactory().pk}/")

    assert response.status_code == 404


def test_company_import_checks_codes_and_duplicates_then_imports_nothing():
    existing = PropertyCompanyFactory()
    rows = [
        ["新公司甲", credit_code(9001).lower(), "0592-1234567"],
        ["新公司乙", credit_code(9001), ""],
        ["老公司", existing.credit_code, ""],
        ["坏代码", "91350100I000100Y43", ""],
        ["", credit_code(9002), "电话"],
    ]

    with pytest.raises(ImportRefused) as error:
        import_companies(
            xlsx_upload(HEADER, rows), actor=person_with_role(Role.CITY_OFFICER)
        )

    assert [(row, column) for row, column, _ in _problems(error)] == [
        (3, "统一社会信用代码"),
        (4, "统一社会信用代码"),
        (5, "统一社会信用代码"),
        (6, "企业名称"),
        (6, "联系电话"),
    ]
    assert PropertyCompany.objects.count() == 1


def test_company_import_stores_codes_in_upper_case_with_audit():
    actor = person_with_role(Role.ASSOCIATION_STAFF)

    import_companies(
        xlsx_upload(HEADER, [["新公司", credit_code(9003).lower(), ""]]), actor=actor
    )

    assert PropertyCompany.objects.get().credit_code == credit_code(9003)
    assert AuditEntry.objects.filter(action="organizations.companies.import").exists()


def test_import_page_explains_the_columns_in_chinese(client):
    client.force_login(person_with_role(Role.CITY_OFFICER))

    page = client.get("/organizations/companies/import/").content.decode()

    for column in HEADER:
        assert column in page
    assert "18 位" in page
    assert english_words_on_import_page(page) == []


def test_district_officers_do_not_import_companies(client):
    client.force_login(
        person_with_role(Role.DISTRICT_OFFICER, district=EstateFactory().district)
    )

    response = client.post(
        "/organizations/companies/import/",
        {"file": xlsx_upload(HEADER, [["新公司", credit_code(9004), ""]])},
    )

    assert response.status_code == 403
    assert not PropertyCompany.objects.filter(name="新公司").exists()


def test_company_export_keeps_credit_codes_as_text(client):
    PropertyCompanyFactory(credit_code="914403001922038216")
    client.force_login(person_with_role(Role.CITY_OFFICER))

    response = client.get("/organizations/companies/export.xlsx")

    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0] == ("企业名称", "统一社会信用代码", "联系电话", "服务小区数")
    assert rows[1][1] == "914403001922038216"


def test_company_api_lists_in_scope_with_the_envelope_on_denial(client):
    own = PropertyCompanyFactory()
    client.force_login(person_with_role(Role.COMPANY_ADMIN, company=own))

    listing = client.get("/api/v1/organizations/companies").json()
    hidden = client.get(
        f"/api/v1/organizations/companies/{PropertyCompanyFactory().pk}"
    )

    assert [row["credit_code"] for row in listing["items"]] == [own.credit_code]
    assert hidden.status_code == 404
    assert hidden.json()["code"] == "not_found"


def test_company_import_page_documents_columns_and_offers_the_template(client):
    client.force_login(person_with_role(Role.ASSOCIATION_STAFF))

    page = client.get("/organizations/companies/import/").content.decode()
    template = client.get("/organizations/companies/import/template.xlsx")

    for column in HEADER:
        assert column in page
    rows = list(load_workbook(io.BytesIO(template.content)).active.values)
    assert list(rows[0]) == HEADER


def test_company_import_page_imports_a_clean_file(client):
    client.force_login(person_with_role(Role.CITY_OFFICER))

    response = client.post(
        "/organizations/companies/import/",
        {"file": xlsx_upload(HEADER, [["新公司", credit_code(9005), ""]])},
        follow=True,
    )

    assert "已导入 1 行。" in response.content.decode()
    assert PropertyCompany.objects.get().name == "新公司"
