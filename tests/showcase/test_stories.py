"""《红管家故事集》: picking works and the PDF and .docx read back."""

import io
import shutil
import subprocess
from urllib.parse import unquote

import pytest
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from accounts.roles import Role
from accounts.tokens import issue_token
from showcase.enums import WorkState
from tests.factories import PropertyCompanyFactory, ResidentFactory, person_with_role
from tests.showcase.factories import ShowcaseFactory, WorkFactory

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def showcase():
    return ShowcaseFactory(year=2026, stage="gala")


@pytest.fixture
def works(showcase):
    company = PropertyCompanyFactory(name="鹭岛物业服务有限公司")
    return [
        WorkFactory(
            showcase=showcase,
            title="暖心瞬间",
            story="那天夜里下着大雨",
            vote_count=5,
            company=company,
        ),
        WorkFactory(showcase=showcase, title="楼道里的灯", vote_count=9),
        WorkFactory(showcase=showcase, title="邻里守望", vote_count=1),
    ]


@pytest.fixture
def official(client):
    client.force_login(person_with_role(Role.CITY_OFFICER))
    return client


def poppler(program, content, tmp_path, *args):
    """The output of a poppler tool (pdftotext, pdfinfo) run on ``content``."""
    path = tmp_path / "stories.pdf"
    path.write_bytes(content)
    return subprocess.run(  # noqa: S603 -- poppler's tool on our own file
        [
            shutil.which(program),
            *args,
            str(path),
            *(["-"] if program == "pdftotext" else []),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def docx_text(content):
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def query(*ids):
    return "?" + "&".join(f"work={i}" for i in ids)


def test_picker_lists_approved_works_in_the_collections_order(official, works):
    WorkFactory(showcase=works[0].showcase, title="草稿作品", state=WorkState.DRAFT)

    page = official.get(reverse("showcase:stories")).content.decode()

    order = [page.index(f'data-testid="story-{w.pk}"') for w in works]
    assert order[1] < order[0] < order[2]  # most votes first
    assert "鹭岛物业服务有限公司" in page
    assert "张三、李四" in page
    assert "草稿作品" not in page


@pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdfinfo")),
    reason="reads the PDF back with poppler-utils",
)
def test_pdf_holds_the_picked_works_only_and_is_titled(official, works, tmp_path):
    picked = [works[0], works[2]]

    answer = official.get(
        reverse("showcase:stories_pdf") + query(works[2].pk, works[0].pk)
    )

    text = poppler("pdftotext", answer.content, tmp_path, "-enc", "UTF-8")
    assert "红管家故事集" in text
    assert "那天夜里下着大雨" in text
    assert text.index(picked[0].title) < text.index(picked[1].title)
    assert "楼道里的灯" not in text
    info = poppler("pdfinfo", answer.content, tmp_path)
    assert "Title:           红管家故事集（2026）" in info
    assert unquote(answer["Content-Disposition"]) == (
        "attachment; filename*=utf-8''红管家故事集-2026.pdf"
    )


def test_docx_holds_the_picked_works_with_chinese_fonts(official, works):
    answer = official.get(reverse("showcase:stories_docx") + query(works[0].pk))

    document = Document(io.BytesIO(answer.content))
    text = docx_text(answer.content)
    assert answer["Content-Type"] == DOCX
    assert unquote(answer["Content-Disposition"]).endswith("红管家故事集-2026.docx")
    assert "那天夜里下着大雨" in text
    assert "楼道里的灯" not in text
    assert document.core_properties.title == "红管家故事集（2026）"
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        properties = document.styles[name].element.rPr
        assert properties.rFonts.get(qn("w:eastAsia")) in ("宋体", "黑体"), name
        assert properties.rFonts.get(qn("w:eastAsiaTheme")) is None, name
        assert properties.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ("?work=%C2%B2", "“²”不是作品编号。"),
        ("?work=abc", "“abc”不是作品编号。"),
        ("?work=99999999999999999999", "不是作品编号。"),
        ("?work=-3", "“-3”不是作品编号。"),
        ("", "请至少选择一件作品。"),
    ],
)
def test_bad_work_ids_get_a_message_not_an_error(official, works, values, message):
    for name in ("showcase:stories_pdf", "showcase:stories_docx"):
        answer = official.get(reverse(name) + values)

        assert answer.status_code == 400
        assert message in answer.content.decode()


def test_a_work_outside_the_collection_is_named(official, works):
    draft = WorkFactory(showcase=works[0].showcase, state=WorkState.DRAFT)

    answer = official.get(
        reverse("showcase:stories_pdf") + query(works[0].pk, draft.pk)
    )

    page = answer.content.decode()
    assert answer.status_code == 400
    assert f"以下编号不是本届已通过审核的作品：{draft.pk}。" in page
    assert f'value="{works[0].pk}" id="work-{works[0].pk}" checked' in page


def test_story_collection_refused_to_residents(client, works):
    client.force_login(ResidentFactory())

    assert client.get(reverse("showcase:stories")).status_code == 403
    assert (
        client.get(reverse("showcase:stories_pdf") + query(works[0].pk)).status_code
        == 403
    )


def bearer(user):
    return {"Authorization": f"Bearer {issue_token(user)}"}


def test_api_lists_works_to_pick_and_builds_the_docx(client, works):
    headers = bearer(person_with_role(Role.CITY_OFFICER))

    listed = client.get("/api/v1/showcase/stories/works", headers=headers).json()
    answer = client.get(
        "/api/v1/showcase/stories/docx" + query(listed[0]["id"]), headers=headers
    )

    assert [w["place"] for w in listed] == [1, 2, 3]
    assert listed[0]["title"] == "楼道里的灯"
    assert "楼道里的灯" in docx_text(answer.content)


def test_api_refuses_a_pick_outside_the_collection_in_the_envelope(client, works):
    headers = bearer(person_with_role(Role.CITY_OFFICER))

    answer = client.get("/api/v1/showcase/stories/pdf?work=999999", headers=headers)

    assert answer.status_code == 422
    assert answer.json()["fields"] == {
        "work": ["以下编号不是本届已通过审核的作品：999999。"]
    }
