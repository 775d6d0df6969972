"""Lottery draws of the gala: when they may be committed and run."""

import hashlib

import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.tokens import issue_token
from showcase.errors import InvalidField, NoEntrants, StageNotOpen, TooFewEntrants
from showcase.lottery import winners_of
from showcase.models import Draw, QuizQuestion
from showcase.services.draws import commit_draw, run_draw
from showcase.services.quiz import answer_question
from showcase.stages import gala_span
from tests.factories import ResidentFactory, person_with_role
from tests.showcase.factories import ShowcaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser():
    return person_with_role(Role.ASSOCIATION_STAFF)


@pytest.fixture
def gala():
    return ShowcaseFactory(stage="gala")


def answered_by(showcase, count):
    question = QuizQuestion.objects.create(
        showcase=showcase,
        text="物业服务周在每年几月？",
        choices=["5月", "7月", "9月"],
        correct_choice=1,
        is_open=True,
    )
    people = ResidentFactory.create_batch(count)
    for person in people:
        answer_question(question, actor=person, choice=1)
    return people


def test_draw_cannot_be_committed_before_the_gala(organiser):
    showcase = ShowcaseFactory(stage="collection")

    with pytest.raises(StageNotOpen) as refused:
        commit_draw(showcase, actor=organiser, title="一等奖", winners_count=1)

    span = gala_span(showcase)
    assert str(refused.value.message) == (
        f"抽奖只能在汇演阶段（{span['starts']}至{span['ends']}）进行。"
    )
    assert not Draw.objects.exists()


def test_draw_committed_at_the_gala_cannot_run_after_it(organiser, gala):
    answered_by(gala, 2)
    draw = commit_draw(gala, actor=organiser, title="一等奖", winners_count=1)

    with pytest.raises(StageNotOpen):
        run_draw(draw, actor=organiser, now=gala.ends_at)

    draw.refresh_from_db()
    assert draw.drawn_at is None


def test_draw_without_entrants_is_refused_and_stays_ready(organiser, gala):
    draw = commit_draw(gala, actor=organiser, title="幸运奖", winners_count=1)

    with pytest.raises(NoEntrants):
        run_draw(draw, actor=organiser)

    draw.refresh_from_db()
    assert draw.drawn_at is None
    answered_by(gala, 1)
    assert len(run_draw(draw, actor=organiser).winners) == 1


def test_draw_with_fewer_entrants_than_winners_is_refused(organiser, gala):
    answered_by(gala, 2)
    draw = commit_draw(gala, actor=organiser, title="二等奖", winners_count=3)

    with pytest.raises(TooFewEntrants) as refused:
        run_draw(draw, actor=organiser)

    assert "只有 2 人" in str(refused.value.message)
    draw.refresh_from_db()
    assert draw.drawn_at is None
    assert draw.winners == []


@pytest.mark.parametrize("count", [0, -1, 101, 40000, 99999999999999999999, True])
def test_draw_winners_count_out_of_range_is_refused(organiser, gala, count):
    with pytest.raises(InvalidField) as refused:
        commit_draw(gala, actor=organiser, title="一等奖", winners_count=count)

    assert refused.value.fields == {"winners_count": ["中奖人数须为1到100之间的整数。"]}
    assert not Draw.objects.exists()


@pytest.mark.parametrize("title", ["", "   ", None])
def test_draw_without_a_title_is_refused(organiser, gala, title):
    with pytest.raises(InvalidField) as refused:
        commit_draw(gala, actor=organiser, title=title, winners_count=1)

    assert list(refused.value.fields) == ["title"]
    assert not Draw.objects.exists()


def test_draw_title_is_kept_without_surrounding_blanks(organiser, gala):
    draw = commit_draw(gala, actor=organiser, title="  一等奖 ", winners_count=1)

    assert draw.title == "一等奖"


def test_draw_form_refusal_keeps_what_was_typed(client, organiser, gala):
    client.force_login(organiser)

    answer = client.post(
        reverse("showcase:commit_draw"), {"title": "一等奖", "winners_count": "40000"}
    )

    page = answer.content.decode()
    assert answer.status_code == 200
    assert "中奖人数须为1到100之间的整数。" in page
    assert 'value="一等奖"' in page
    assert 'value="40000"' in page
    assert not Draw.objects.exists()


def test_draw_form_without_title_says_so(client, organiser, gala):
    client.force_login(organiser)

    answer = client.post(
        reverse("showcase:commit_draw"), {"title": " ", "winners_count": "2"}
    )

    assert "请填写抽奖名称" in answer.content.decode()
    assert 'value="2"' in answer.content.decode()
    assert not Draw.objects.exists()


def test_draw_form_outside_the_gala_says_so(client, organiser):
    ShowcaseFactory(stage="collection")
    client.force_login(organiser)

    answer = client.post(
        reverse("showcase:commit_draw"), {"title": "一等奖", "winners_count": "1"}
    )

    assert "抽奖只能在汇演阶段进行。" in answer.content.decode()
    assert not Draw.objects.exists()


def test_draw_form_refused_to_a_resident(client, gala):
    client.force_login(ResidentFactory())

    answer = client.post(
        reverse("showcase:commit_draw"), {"title": "一等奖", "winners_count": "1"}
    )

    assert answer.status_code == 403
    assert not Draw.objects.exists()


def api_post(client, user, path, body=None):
    return client.post(
        f"/api/v1/showcase{path}",
        data=body or {},
        content_type="application/json",
        headers={"Authorization": f"Bearer {issue_token(user)}"},
    )


@pytest.mark.parametrize("count", [0, 40000, 99999999999999999999])
def test_api_draw_winners_count_refused_in_the_envelope(client, organiser, gala, count):
    answer = api_post(
        client, organiser, "/draws", {"title": "一等奖", "winners_count": count}
    )

    body = answer.json()
    assert answer.status_code == 422
    assert body["fields"] == {"winners_count": ["中奖人数须为1到100之间的整数。"]}
    assert body["message"] == "中奖人数须为1到100之间的整数。"
    assert not Draw.objects.exists()


def test_api_draw_without_title_names_the_field(client, organiser, gala):
    answer = api_post(client, organiser, "/draws", {"title": "", "winners_count": 1})

    assert answer.status_code == 422
    assert list(answer.json()["fields"]) == ["title"]


def test_api_commits_and_runs_a_draw(client, organiser, gala):
    answered_by(gala, 3)

    committed = api_post(
        client, organiser, "/draws", {"title": "一等奖", "winners_count": 2}
    )
    drawn = api_post(client, organiser, f"/draws/{committed.json()['id']}/run")

    assert committed.status_code == 201
    assert committed.json()["seed"] is None
    assert drawn.status_code == 200
    assert len(drawn.json()["winners"]) == 2


def test_api_run_without_entrants_is_a_conflict(client, organiser, gala):
    draw = commit_draw(gala, actor=organiser, title="一等奖", winners_count=1)

    answer = api_post(client, organiser, f"/draws/{draw.pk}/run")

    assert answer.status_code == 409
    assert answer.json()["code"] == "draw_without_entrants"
    draw.refresh_from_db()
    assert draw.drawn_at is None


def test_api_draws_refused_to_a_resident(client, gala):
    answer = api_post(
        client, ResidentFactory(), "/draws", {"title": "一等奖", "winners_count": 1}
    )

    assert answer.status_code == 403
    assert not Draw.objects.exists()


def test_a_winner_of_the_gala_does_not_enter_its_later_draws(organiser, gala):
    answered_by(gala, 3)
    first = run_draw(
        commit_draw(gala, actor=organiser, title="一等奖", winners_count=1),
        actor=organiser,
    )

    second = run_draw(
        commit_draw(gala, actor=organiser, title="二等奖", winners_count=2),
        actor=organiser,
    )

    assert set(first.winners).isdisjoint(second.winners)
    assert set(first.winners).isdisjoint(second.entrants)
    assert second.excluded == first.winners
    assert len(second.entrants) == 2
    assert second.winners == winners_of(second.seed, second.entrants, 2)


def test_later_draw_refused_when_only_earlier_winners_remain(organiser, gala):
    answered_by(gala, 2)
    run_draw(
        commit_draw(gala, actor=organiser, title="一等奖", winners_count=1),
        actor=organiser,
    )
    second = commit_draw(gala, actor=organiser, title="二等奖", winners_count=2)

    with pytest.raises(TooFewEntrants):
        run_draw(second, actor=organiser)

    second.refresh_from_db()
    assert second.drawn_at is None


def test_gala_page_states_one_prize_per_person(client, organiser, gala):
    answered_by(gala, 2)
    run_draw(
        commit_draw(gala, actor=organiser, title="一等奖", winners_count=1),
        actor=organiser,
    )
    run_draw(
        commit_draw(gala, actor=organiser, title="二等奖", winners_count=1),
        actor=organiser,
    )

    page = client.get(reverse("showcase:gala")).content.decode()

    assert "已在本场汇演中奖的人不再参加之后的抽奖" in page
    assert "此前中奖者 1 人未参加" in page


def answered_by_named(showcase, people):
    """People of ``(full_name, mobile)`` who answer a question correctly."""
    question = QuizQuestion.objects.create(
        showcase=showcase, text="题目", choices=["甲", "乙"], correct_choice=0
    )
    question.is_open = True
    question.save()
    made = [ResidentFactory(full_name=name, mobile=mobile) for name, mobile in people]
    for person in made:
        answer_question(question, actor=person, choice=0)
    return made


def test_gala_page_shows_winners_masked_with_their_mobile_tail(client, organiser, gala):
    answered_by_named(gala, [("张三丰", "13912345678"), ("", "13800001111")])
    run_draw(
        commit_draw(gala, actor=organiser, title="一等奖", winners_count=2),
        actor=organiser,
    )

    page = client.get(reverse("showcase:gala")).content.decode()

    assert "张**（尾号5678）" in page
    assert "住户（尾号1111）" in page
    assert "13912345678" not in page
    assert "张三丰" not in page


def test_draw_page_publishes_entrants_in_the_draws_order(client, organiser, gala):
    people = answered_by_named(
        gala,
        [("李四", "13700000001"), ("王五", "13700000002"), ("赵六", "13700000003")],
    )
    draw = run_draw(
        commit_draw(gala, actor=organiser, title="一等奖", winners_count=1),
        actor=organiser,
    )
    order = sorted(
        people, key=lambda p: hashlib.sha256(f"{draw.seed}:{p.pk}".encode()).digest()
    )

    page = client.get(reverse("showcase:draw", args=[draw.pk])).content.decode()

    assert draw.seed in page
    assert draw.seed_hash in page
    entrants = page[page.index('data-testid="entrants"') :]
    positions = [entrants.index(f"尾号{p.mobile[-4:]}") for p in order]
    assert positions == sorted(positions)
    assert f"{order[0].full_name[0]}*（尾号{order[0].mobile[-4:]}）" in page
    assert "sha256sum" in page
    for person in people:
        assert person.mobile not in page


def test_draw_page_before_the_draw_shows_only_the_hash(client, organiser, gala):
    answered_by_named(gala, [("李四", "13700000001")])
    draw = commit_draw(gala, actor=organiser, title="一等奖", winners_count=1)

    page = client.get(reverse("showcase:draw", args=[draw.pk])).content.decode()

    assert draw.seed_hash in page
    assert draw.seed not in page
    assert "尾号" not in page


def test_draw_page_names_earlier_winners_left_out(client, organiser, gala):
    answered_by_named(gala, [("李四", "13700000001"), ("王五", "13700000002")])
    first = run_draw(
        commit_draw(gala, actor=organiser, title="一等奖", winners_count=1),
        actor=organiser,
    )
    second = run_draw(
        commit_draw(gala, actor=organiser, title="二等奖", winners_count=1),
        actor=organiser,
    )

    page = client.get(reverse("showcase:draw", args=[second.pk])).content.decode()

    excluded = page[page.index('data-testid="excluded"') :]
    assert f"（{first.winners[0]}）" in excluded


def test_api_draw_record_lets_anyone_recompute_the_winners(client, organiser, gala):
    answered_by_named(
        gala,
        [("李四", "13700000001"), ("王五", "13700000002"), ("赵六", "13700000003")],
    )
    draw = run_draw(
        commit_draw(gala, actor=organiser, title="一等奖", winners_count=2),
        actor=organiser,
    )

    record = client.get(f"/api/v1/showcase/draws/{draw.pk}").json()

    seed = record["seed"]
    assert hashlib.sha256(seed.encode()).hexdigest() == record["seed_hash"]
    tickets = [
        hashlib.sha256(f"{seed}:{e['number']}".encode()).hexdigest()
        for e in record["entrants"]
    ]
    assert tickets == [e["ticket"] for e in record["entrants"]] == sorted(tickets)
    assert [w["number"] for w in record["winners"]] == [
        e["number"] for e in record["entrants"][:2]
    ]
    assert all("尾号" in e["name"] for e in record["entrants"])
    assert "13700000001" not in str(record)
    assert record["algorithm"].startswith("开奖前")


def test_api_draw_list_names_winners_as_the_audience_sees_them(client, organiser, gala):
    answered_by_named(gala, [("李四", "13700000001")])
    run_draw(
        commit_draw(gala, actor=organiser, title="一等奖", winners_count=1),
        actor=organiser,
    )

    [draw] = client.get("/api/v1/showcase/draws").json()

    assert draw["winners"] == [
        {"number": draw["winners"][0]["number"], "name": "李*（尾号0001）"}
    ]
    assert draw["entrants_count"] == 1
