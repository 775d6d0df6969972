import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.roles import Role
from common.models import AuditEntry
from common.xlsx import ImportRefused
from organizations.models import OwnersCommittee
from places.imports import HEADER, import_estates
from places.models import Estate, ImportBatch
from tests.factories import (
    CommunityFactory,
    EstateFactory,
    PropertyCompanyFactory,
    person_with_role,
)
from tests.places.xlsx import english_words_on_import_page, xlsx_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    return person_with_role(Role.CITY_OFFICER)


def _row(name, community, company="", **changes):
    row = {
        "小区名称": name,
        "地址": f"厦门市{name}路1号",
        "所属社区（名称或代码）": community,
        "户数": "300",
        "楼栋数": "6",
        "物业服务企业统一社会信用代码": company,
        "合同开始日期": "2024-01-01",
        "合同结束日期": "2026-12-31",
        "业主组织（业委会/临时物管会/无）": "无",
        "业主组织成立日期": "",
    }
    row.update(changes)
    return [row[column] for column in HEADER]


def _problems(error):
    return [(p.row, p.column, p.reason) for p in error.value.problems]


def test_a_40_row_file_with_an_error_on_row_37_imports_nothing_and_names_row_37(
    city,
):
    community = CommunityFactory()
    company = PropertyCompanyFactory()
    rows = [_row(f"小区{n}", community.code, company.credit_code) for n in range(2, 42)]
    rows[35] = _row("小区37", community.code, company.credit_code, 户数="三百")

    with pytest.raises(ImportRefused) as error:
        import_estates(xlsx_upload(HEADER, rows), actor=city)

    assert _problems(error) == [(37, "户数", "请填写整数，例如 680。")]
    assert not Estate.objects.exists()
    assert not ImportBatch.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_clean_file_imports_every_row_with_audit_entries(city):
    community = CommunityFactory()
    company = PropertyCompanyFactory()
    rows = [_row(f"小区{n}", community.code, company.credit_code) for n in range(40)]
    rows[0] = _row(
        "鸿山花园",
        community.code,
        company.credit_code,
        **{
            "业主组织（业委会/临时物管会/无）": "临时物管会",
            "业主组织成立日期": "2025/03/15",
        },
    )

    batch = import_estates(xlsx_upload(HEADER, rows), actor=city, file_name="a.xlsx")

    estate = Estate.objects.get(name="鸿山花园")
    assert Estate.objects.count() == 40
    assert (estate.company, estate.contract_end) == (company, dt.date(2026, 12, 31))
    assert estate.committee.kind == OwnersCommittee.Kind.TEMPORARY
    assert estate.committee.formed_on == dt.date(2025, 3, 15)
    assert AuditEntry.objects.filter(action="places.estate.import").count() == 40
    entry = AuditEntry.objects.get(action="places.estates.import")
    assert (entry.actor, entry.after) == (city, {"file": "a.xlsx", "rows": 40})
    assert batch.rows == 40


def test_a_community_is_found_by_name_with_or_without_its_suffix(city):
    community = CommunityFactory(name="鸿山社区居委会")

    import_estates(
        xlsx_upload(HEADER, [_row("甲", "鸿山社区居委会"), _row("乙", "鸿山社区")]),
        actor=city,
    )

    assert set(Estate.objects.values_list("community", flat=True)) == {community.pk}


def test_every_problem_of_the_file_is_listed_in_chinese(city):
    community = CommunityFactory()
    EstateFactory(name="已有小区", community=community)
    CommunityFactory(name="同名社区")
    CommunityFactory(name="同名社区")
    rows = [
        _row("已有小区", community.code),
        _row("新小区", community.code),
        _row("新小区", community.code),
        _row("丙", "同名社区"),
        _row("丁", "不存在社区"),
        _row("戊", community.code, "91350100M000100Y44"),
        _row("己", community.code, "91350100M000100Y43"),
        _row("庚", community.code, 合同开始日期="2025-13-01"),
        _row("辛", community.code, 合同结束日期="2023-01-01"),
        _row("壬", community.code, **{"业主组织（业委会/临时物管会/无）": "业委会"}),
        _row("", community.code),
    ]

    with pytest.raises(ImportRefused) as error:
        import_estates(xlsx_upload(HEADER, rows), actor=city)

    assert _problems(error) == [
        (2, "小区名称", "该社区已登记同名小区。"),
        (4, "小区名称", "本文件第 3 行已有同一小区。"),
        (5, "所属社区（名称或代码）", "多个社区同名，请填写社区代码。"),
        (6, "所属社区（名称或代码）", "厦门市没有该名称或代码的社区。"),
        (
            7,
            "物业服务企业统一社会信用代码",
            "统一社会信用代码校验位不正确，请核对。",
        ),
        (
            8,
            "物业服务企业统一社会信用代码",
            "没有该统一社会信用代码的物业服务企业，请先导入企业。",
        ),
        (9, "合同开始日期", "请填写日期，例如 2025-07-01。"),
        (10, "合同结束日期", "合同结束日期早于开始日期。"),
        (11, "业主组织成立日期", "请填写业主组织的成立日期。"),
        (12, "小区名称", "请填写小区名称。"),
    ]
    assert Estate.objects.count() == 1


def test_id_like_cells_typed_as_numbers_still_match(city):
    community = CommunityFactory(code="350203001001")
    rows = [_row("甲", community.code)]
    rows[0][2] = 350203001001  # Excel kept the community code as a number
    rows[0][3] = 300.0

    import_estates(xlsx_upload(HEADER, rows), actor=city)

    assert Estate.objects.get().community == community


def test_a_district_officer_may_only_import_into_their_district():
    inside = CommunityFactory()
    outside = CommunityFactory()
    officer = person_with_role(
        Role.DISTRICT_OFFICER, district=inside.subdistrict.district
    )

    with pytest.raises(ImportRefused) as error:
        import_estates(
            xlsx_upload(HEADER, [_row("甲", inside.code), _row("乙", outside.code)]),
            actor=officer,
        )

    assert _problems(error) == [
        (3, "所属社区（名称或代码）", "该社区不在您的管辖范围内。")
    ]
    assert not Estate.objects.exists()


def test_a_missing_column_refuses_the_file_on_row_1(city):
    header = [column for column in HEADER if column != "户数"]

    with pytest.raises(ImportRefused) as error:
        import_estates(xlsx_upload(header, [["x"] * len(header)]), actor=city)

    assert _problems(error) == [(1, "户数", "缺少该列。")]


def test_a_file_that_is_not_xlsx_is_refused(city):
    upload = SimpleUploadedFile("a.xlsx", b"name,address\n")

    with pytest.raises(ImportRefused) as error:
        import_estates(upload, actor=city)

    assert _problems(error) == [(0, "", "该文件不是 .xlsx 工作簿。")]


@pytest.mark.parametrize(
    "role", [Role.SUBDISTRICT_OFFICER, Role.COMPANY_ADMIN, Role.RESIDENT]
)
def test_only_city_and_district_officers_import_estates(role, client):
    community = CommunityFactory()
    scope = {
        Role.SUBDISTRICT_OFFICER: {"subdistrict": community.subdistrict},
        Role.COMPANY_ADMIN: {"company": PropertyCompanyFactory()},
        Role.RESIDENT: {},
    }[role]
    client.force_login(person_with_role(role, **scope))

    response = client.post(
        "/places/estates/import/",
        {"file": xlsx_upload(HEADER, [_row("甲", community.code)])},
    )

    assert response.status_code == 403
    assert not Estate.objects.exists()


def test_import_page_lists_the_problems_and_imports_nothing(client, city):
    community = CommunityFactory()
    rows = [_row(f"小区{n}", community.code) for n in range(40)]
    rows[35][3] = "-5"
    client.force_login(city)

    response = client.post(
        "/places/estates/import/", {"file": xlsx_upload(HEADER, rows)}
    )

    page = response.content.decode()
    assert response.status_code == 422
    assert "文件未导入" in page
    assert '<td class="num">37</td><td>户数</td>' in page
    assert not Estate.objects.exists()


def test_import_page_documents_the_header_and_offers_the_template(client, city):
    client.force_login(city)

    page = client.get("/places/estates/import/").content.decode()
    template = client.get("/places/estates/import/template.xlsx")

    for column in HEADER:
        assert column in page
    assert "必填" in page
    assert english_words_on_import_page(page) == []
    assert template["Content-Type"].startswith("application/vnd.openxmlformats")


def test_import_page_imports_a_clean_file(client, city):
    community = CommunityFactory()
    client.force_login(city)

    response = client.post(
        "/places/estates/import/",
        {"file": xlsx_upload(HEADER, [_row("甲", community.code)])},
        follow=True,
    )

    assert "已导入 1 行。" in response.content.decode()
    assert Estate.objects.get().name == "甲"


def test_the_template_is_the_header_alone_with_text_cells(client, city):
    import io

    from openpyxl import load_workbook

    client.force_login(city)

    response = client.get("/places/estates/import/template.xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == HEADER
    assert sheet["C2"].value is None
    assert sheet["C2"].number_format == "@"
