"""The gala's quiz: organisers' questions, answers, and who enters the draws."""

import json

import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.tokens import issue_token
from common.errors import NotAllowed
from common.models import AuditEntry
from showcase.errors import (
    AnswerOutOfRange,
    InvalidField,
    QuestionAnswered,
    QuestionClosed,
    QuestionOfAnotherShowcase,
    StageNotOpen,
)
from showcase.models import QuizQuestion
from showcase.services.draws import commit_draw, run_draw
from showcase.services.quiz import (
    add_question,
    answer_question,
    change_question,
    close_question,
    open_question,
)
from showcase.stages import gala_span
from tests.factories import ResidentFactory, person_with_role
from tests.showcase.factories import ShowcaseFactory

pytestmark = pytest.mark.django_db

MONTHS = ["5月", "7月", "9月"]


@pytest.fixture
def organiser():
    return person_with_role(Role.ASSOCIATION_STAFF)


@pytest.fixture
def gala():
    return ShowcaseFactory(stage="gala")


@pytest.fixture
def question(gala, organiser):
    added = add_question(
        gala,
        actor=organiser,
        text="物业服务周在每年几月？",
        choices=MONTHS,
        correct_choice=1,
    )
    return open_question(added, actor=organiser)


def refusal(call):
    with pytest.raises(InvalidField) as refused:
        call()
    [(field, [message])] = refused.value.fields.items()
    return field, str(message)


# -- questions --------------------------------------------------------------


def test_added_question_is_closed_and_audited(gala, organiser):
    added = add_question(
        gala, actor=organiser, text=" 题目 ", choices=[" 甲", "乙 "], correct_choice=0
    )

    assert (added.text, added.choices, added.is_open) == ("题目", ["甲", "乙"], False)
    assert AuditEntry.objects.get(action="showcase.quiz.add").object_id == str(added.pk)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"text": " "}, ("text", "请填写题目。")),
        ({"text": "题" * 301}, ("text", "最多可填写 300 个字符。")),
        ({"choices": ["甲"]}, ("choices", "请填写2到8个选项。")),
        ({"choices": list("甲乙丙丁戊己庚辛壬")}, ("choices", "请填写2到8个选项。")),
        ({"choices": ["甲", " "]}, ("choices", "选项不能为空。")),
        ({"choices": ["甲", "甲"]}, ("choices", "各选项不能相同。")),
        ({"choices": ["甲", "乙" * 101]}, ("choices", "每个选项最多 100 个字符。")),
        ({"correct_choice": 7}, ("correct_choice", "正确答案须是所列选项之一。")),
        ({"correct_choice": -1}, ("correct_choice", "正确答案须是所列选项之一。")),
        ({"correct_choice": None}, ("correct_choice", "正确答案须是所列选项之一。")),
    ],
)
def test_question_rules(gala, organiser, fields, expected):
    values = {"text": "题目", "choices": MONTHS, "correct_choice": 1, **fields}

    assert refusal(lambda: add_question(gala, actor=organiser, **values)) == expected
    assert not QuizQuestion.objects.exists()


def test_question_added_only_by_organisers(gala):
    with pytest.raises(NotAllowed):
        add_question(
            gala,
            actor=ResidentFactory(),
            text="题目",
            choices=MONTHS,
            correct_choice=0,
        )


def test_question_changes_until_somebody_answers(question, organiser):
    changed = change_question(
        question, actor=organiser, text="新题目", choices=["甲", "乙"], correct_choice=0
    )
    answer_question(changed, actor=ResidentFactory(), choice=0)

    with pytest.raises(QuestionAnswered):
        change_question(
            changed,
            actor=organiser,
            text="再改",
            choices=["甲", "乙"],
            correct_choice=1,
        )

    changed.refresh_from_db()
    assert (changed.text, changed.correct_choice) == ("新题目", 0)


def test_question_opens_only_during_the_gala(organiser):
    showcase = ShowcaseFactory(stage="expert_review")
    added = add_question(
        showcase, actor=organiser, text="题目", choices=MONTHS, correct_choice=0
    )

    with pytest.raises(StageNotOpen) as refused:
        open_question(added, actor=organiser)

    span = gala_span(showcase)
    assert str(refused.value.message) == (
        f"题目只能在汇演阶段（{span['starts']}至{span['ends']}）开放作答。"
    )
    added.refresh_from_db()
    assert not added.is_open


def test_closed_question_takes_no_answers(question, organiser):
    close_question(question, actor=organiser)
    question.refresh_from_db()

    with pytest.raises(QuestionClosed):
        answer_question(question, actor=ResidentFactory(), choice=1)


@pytest.mark.parametrize("choice", [3, 7, -1, True])
def test_answer_out_of_range_has_its_own_message(question, choice):
    with pytest.raises(AnswerOutOfRange) as refused:
        answer_question(question, actor=ResidentFactory(), choice=choice)

    assert str(refused.value.message) == "请选择题目所列的选项之一。"
    assert not question.answers.exists()


# -- who enters a draw ------------------------------------------------------


def answer_all(question, choices):
    people = [ResidentFactory() for _ in choices]
    for person, choice in zip(people, choices, strict=True):
        answer_question(question, actor=person, choice=choice)
    return people


def test_only_correct_answers_enter_a_draw(question, organiser):
    right = answer_all(question, [1, 1])
    answer_all(question, [0, 2])

    drawn = run_draw(
        commit_draw(question.showcase, actor=organiser, title="奖", winners_count=2),
        actor=organiser,
    )

    assert drawn.entrants == sorted(p.pk for p in right)


def test_a_draw_naming_a_question_takes_its_correct_answerers(question, organiser):
    other = open_question(
        add_question(
            question.showcase,
            actor=organiser,
            text="另一题",
            choices=["对", "错"],
            correct_choice=0,
        ),
        actor=organiser,
    )
    right_here = answer_all(question, [1])
    answer_all(other, [0, 0])

    drawn = run_draw(
        commit_draw(
            question.showcase,
            actor=organiser,
            title="本题幸运奖",
            winners_count=1,
            question=question,
        ),
        actor=organiser,
    )

    assert drawn.entrants == [right_here[0].pk]


def test_a_draw_cannot_name_another_showcases_question(question, organiser):
    later = ShowcaseFactory(stage="gala")

    with pytest.raises(QuestionOfAnotherShowcase):
        commit_draw(
            later, actor=organiser, title="奖", winners_count=1, question=question
        )


def test_draw_record_says_who_entered(client, question, organiser):
    answer_all(question, [1])
    draw = commit_draw(
        question.showcase,
        actor=organiser,
        title="奖",
        winners_count=1,
        question=question,
    )

    page = client.get(reverse("showcase:draw", args=[draw.pk])).content.decode()

    assert "答对“物业服务周在每年几月？”的人均可参加。" in page


# -- the console page -------------------------------------------------------


def test_console_lists_questions_with_their_correct_answer(client, question, organiser):
    answer_all(question, [1, 0])
    client.force_login(organiser)

    page = client.get(reverse("showcase:gala_console")).content.decode()

    row = page[page.index(f'data-testid="question-{question.pk}"') :]
    row = row[: row.index("</tr>")]
    assert '7月 <span class="tag ok">正确答案</span>' in row
    assert "开放作答" in row


def test_console_refused_to_residents(client, gala):
    client.force_login(ResidentFactory())

    assert client.get(reverse("showcase:gala_console")).status_code == 403


def test_console_adds_a_question_typed_one_choice_per_line(client, gala, organiser):
    client.force_login(organiser)

    client.post(
        reverse("showcase:add_question"),
        {
            "text": "垃圾分类有几类？",
            "choices": "2类\r\n\r\n 4类 \r\n6类\r\n",
            "correct_choice": "1",
        },
    )

    added = QuizQuestion.objects.get()
    assert (added.choices, added.correct_choice) == (["2类", "4类", "6类"], 1)


def test_console_refusal_keeps_what_was_typed(client, gala, organiser):
    client.force_login(organiser)

    answer = client.post(
        reverse("showcase:add_question"),
        {"text": "垃圾分类有几类？", "choices": "2类\n4类\n6类", "correct_choice": "7"},
    )

    page = answer.content.decode()
    assert "正确答案须是所列选项之一。" in page
    assert 'value="垃圾分类有几类？"' in page
    assert "2类\n4类\n6类</textarea>" in page
    assert '<option value="2">3. 6类</option>' in page
    assert not QuizQuestion.objects.exists()


def test_console_edits_a_question_from_its_current_choices(client, gala, organiser):
    added = add_question(
        gala, actor=organiser, text="题目", choices=MONTHS, correct_choice=1
    )
    client.force_login(organiser)

    form = client.get(reverse("showcase:edit_question", args=[added.pk]))
    client.post(
        reverse("showcase:edit_question", args=[added.pk]),
        {"text": "题目", "choices": "5月\n7月\n9月\n11月", "correct_choice": "3"},
    )

    assert '<option value="1" selected>2. 7月</option>' in form.content.decode()
    added.refresh_from_db()
    assert (added.choices[-1], added.correct_choice) == ("11月", 3)


def test_console_opens_and_closes_a_question(client, gala, organiser):
    added = add_question(
        gala, actor=organiser, text="题目", choices=MONTHS, correct_choice=1
    )
    client.force_login(organiser)

    client.post(reverse("showcase:question_state", args=[added.pk, "open"]))
    opened = QuizQuestion.objects.get().is_open
    client.post(reverse("showcase:question_state", args=[added.pk, "close"]))

    assert opened is True
    assert QuizQuestion.objects.get().is_open is False


def test_console_commits_a_draw_for_one_question(client, question, organiser):
    client.force_login(organiser)

    client.post(
        reverse("showcase:commit_draw"),
        {"title": "本题幸运奖", "winners_count": "1", "question": str(question.pk)},
    )

    assert question.draws.get().title == "本题幸运奖"


def test_gala_page_answer_out_of_range_says_so(client, question):
    client.force_login(ResidentFactory())

    answer = client.post(
        reverse("showcase:answer", args=[question.pk]), {"choice": "7"}, follow=True
    )

    assert "请选择题目所列的选项之一。" in answer.content.decode()
    assert not question.answers.exists()


# -- the API ----------------------------------------------------------------


def api(client, user, method, path, body=None):
    return client.generic(
        method,
        f"/api/v1/showcase{path}",
        data=json.dumps(body or {}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {issue_token(user)}"},
    )


def test_api_question_rules_name_the_field(client, gala, organiser):
    answer = api(
        client,
        organiser,
        "POST",
        "/quiz/questions",
        {"text": "题目", "choices": MONTHS, "correct_choice": 7},
    )

    assert answer.status_code == 422
    assert answer.json()["fields"] == {"correct_choice": ["正确答案须是所列选项之一。"]}


def test_api_runs_the_quiz_from_question_to_answer(client, gala, organiser):
    resident = ResidentFactory()
    added = api(
        client,
        organiser,
        "POST",
        "/quiz/questions",
        {"text": "题目", "choices": MONTHS, "correct_choice": 1},
    ).json()
    opened = api(client, organiser, "POST", f"/quiz/questions/{added['id']}/open")
    listed = client.get("/api/v1/showcase/quiz").json()
    answered = api(
        client, resident, "POST", f"/quiz/{added['id']}/answer", {"choice": 1}
    )
    changed = api(
        client,
        organiser,
        "PUT",
        f"/quiz/questions/{added['id']}",
        {"text": "改", "choices": MONTHS, "correct_choice": 0},
    )
    counted = api(client, organiser, "GET", "/quiz/questions").json()

    assert opened.json()["is_open"] is True
    assert listed == [{"id": added["id"], "text": "题目", "choices": MONTHS}]
    assert answered.status_code == 200
    assert changed.status_code == 409
    assert counted[0]["correct_count"] == 1


def test_api_answer_out_of_range_names_the_choice(client, question):
    answer = api(
        client, ResidentFactory(), "POST", f"/quiz/{question.pk}/answer", {"choice": 9}
    )

    assert answer.status_code == 422
    assert answer.json()["code"] == "answer_out_of_range"
    assert answer.json()["fields"] == {"choice": ["请选择题目所列的选项之一。"]}


def test_api_questions_refused_to_residents(client, gala):
    answer = api(client, ResidentFactory(), "GET", "/quiz/questions")

    assert answer.status_code == 403


def test_api_draw_naming_another_showcases_question_names_the_field(
    client, question, organiser
):
    ShowcaseFactory(stage="gala")  # the current showcase is now a later one

    answer = api(
        client,
        organiser,
        "POST",
        "/draws",
        {"title": "奖", "winners_count": 1, "question_id": question.pk},
    )

    assert answer.status_code == 422
    assert list(answer.json()["fields"]) == ["question_id"]


def test_api_shows_choices_stored_as_numbers_as_text(client, gala):
    QuizQuestion.objects.create(
        showcase=gala, text="几月？", choices=[5, 7], correct_choice=1, is_open=True
    )

    listed = client.get("/api/v1/showcase/quiz")

    assert listed.status_code == 200
    assert listed.json()[0]["choices"] == ["5", "7"]
