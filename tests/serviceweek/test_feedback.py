"""Ratings, their follow-ups, and the satisfaction survey after the week."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from accounts.roles import Role
from accounts.tokens import issue_token
from notifications.models import Notification
from serviceweek.enums import FollowUpState, OrderState
from serviceweek.figures import survey_results
from serviceweek.models import FollowUp, Rating, SurveyResponse
from serviceweek.services import orders as steps
from serviceweek.services.booking import book_slot
from serviceweek.services.feedback import answer_survey, close_follow_up, rate_order
from tests.factories import DistrictFactory, person_with_role

SHANGHAI = ZoneInfo("Asia/Shanghai")

pytestmark = pytest.mark.django_db(transaction=True)


def completed_order(scene):
    order = book_slot(scene.slot, actor=scene.resident)
    steps.accept_order(order, actor=scene.dispatcher)
    steps.assign_order(order, actor=scene.dispatcher, worker=scene.worker)
    steps.start_order(order, actor=scene.worker)
    steps.complete_order(order, actor=scene.worker)
    return order


def test_rating_low_opens_a_follow_up_for_the_property_company(scene):
    order = completed_order(scene)

    rating = rate_order(
        order, actor=scene.resident, overall=2, timeliness=4, attitude=3, comment="迟到"
    )

    follow_up = FollowUp.objects.get(rating=rating)
    assert follow_up.company == scene.estate.company
    assert Notification.objects.filter(
        recipient=scene.company_staff, title="有住户给出低分评价，请及时回访跟进"
    ).exists()


def test_rating_good_opens_no_follow_up(scene):
    order = completed_order(scene)

    rate_order(order, actor=scene.resident, overall=4, timeliness=3, attitude=5)

    assert not FollowUp.objects.exists()


def test_rating_page_refuses_a_too_long_comment_and_keeps_what_was_typed(client, scene):
    order = completed_order(scene)
    client.force_login(scene.resident)
    comment = "服务很好，" * 800  # 4,000 characters

    response = client.post(
        f"/serviceweek/orders/{order.pk}/rate/",
        {"overall": "4", "timeliness": "3", "attitude": "5", "comment": comment},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("最多可填写 1000 个字符") == 1
    assert f">{comment}</textarea>" in page
    assert 'maxlength="1000"' in page
    assert '<option value="3" selected>3</option>' in page
    order.refresh_from_db()
    assert order.state == OrderState.COMPLETED
    assert not Rating.objects.exists()


def test_order_page_shows_the_rating_in_points_and_the_comment(client, scene):
    order = completed_order(scene)
    rate_order(
        order,
        actor=scene.resident,
        overall=5,
        timeliness=4,
        attitude=5,
        comment="师傅很细心",
    )
    client.force_login(scene.resident)

    page = client.get(f"/serviceweek/orders/{order.pk}/").content.decode()

    assert "您的评价：综合5分，及时性4分，服务态度5分" in page
    assert "师傅很细心" in page


def test_rating_page_form_limits_the_comment(client, scene):
    order = completed_order(scene)
    client.force_login(scene.resident)

    page = client.get(f"/serviceweek/orders/{order.pk}/").content.decode()

    assert 'maxlength="1000"' in page


def test_rating_api_refuses_a_too_long_comment(client, scene):
    order = completed_order(scene)
    token = issue_token(scene.resident)

    response = client.post(
        f"/api/v1/serviceweek/orders/{order.pk}/rate",
        {"overall": 5, "timeliness": 5, "attitude": 5, "comment": "好" * 4000},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )

    assert response.status_code == 422, response.json()
    assert "1000" in response.json()["message"]
    assert not Rating.objects.exists()


def test_a_comment_of_exactly_the_limit_is_kept_whole(scene):
    order = completed_order(scene)

    rating = rate_order(
        order,
        actor=scene.resident,
        overall=5,
        timeliness=5,
        attitude=5,
        comment="好" * 1000,
    )

    assert len(rating.comment) == 1000


def test_follow_up_closed_by_company_staff_with_outcome(scene):
    order = completed_order(scene)
    rating = rate_order(
        order, actor=scene.resident, overall=1, timeliness=1, attitude=1
    )

    close_follow_up(rating.follow_up, actor=scene.company_staff, outcome="已上门致歉")

    rating.follow_up.refresh_from_db()
    assert rating.follow_up.state == FollowUpState.CLOSED


def survey_day(scene):
    year = scene.package.theme_day.week.year
    return dt.datetime(year, 7, 8, 10, tzinfo=SHANGHAI)


def test_survey_one_answer_per_household_tied_to_its_orders(scene):
    order = completed_order(scene)
    week = scene.package.theme_day.week

    with time_machine.travel(survey_day(scene), tick=False):
        response = answer_survey(week, actor=scene.resident, satisfaction=5)
        with pytest.raises(Exception) as caught:
            answer_survey(week, actor=scene.resident, satisfaction=1)

    assert list(response.orders.all()) == [order]
    assert str(caught.value.message) == "您家已填写过满意度调查。"
    assert SurveyResponse.objects.count() == 1


def test_survey_outside_the_window_is_refused(scene):
    week = scene.package.theme_day.week
    year = week.year

    late = dt.datetime(year, 7, 20, tzinfo=SHANGHAI)
    with time_machine.travel(late, tick=False), pytest.raises(Exception) as caught:
        answer_survey(week, actor=scene.resident, satisfaction=5)

    assert str(caught.value.message) == "满意度调查开放时间为7月7日至7月12日。"


def test_survey_results_by_district_partner_and_theme_day(scene):
    completed_order(scene)
    week = scene.package.theme_day.week
    with time_machine.travel(survey_day(scene), tick=False):
        answer_survey(week, actor=scene.resident, satisfaction=4)
    official = person_with_role(Role.DISTRICT_OFFICER, district=scene.estate.district)
    outsider = person_with_role(
        Role.DISTRICT_OFFICER, district=DistrictFactory(code="350205")
    )

    results = survey_results(week, official)
    elsewhere = survey_results(week, outsider)

    assert results["district"] == [
        {"name": scene.estate.district.name, "answers": 1, "average": 4}
    ]
    assert results["partner"][0]["name"] == scene.package.partner.name
    assert results["theme_day"][0]["name"] == "家政焕新日"
    assert elsewhere["district"] == []


def test_survey_page_refuses_a_too_long_comment_and_keeps_what_was_typed(client, scene):
    completed_order(scene)
    client.force_login(scene.resident)
    comment = "希望明年继续，" * 600  # 4,200 characters

    with time_machine.travel(survey_day(scene), tick=False):
        response = client.post(
            "/serviceweek/survey/", {"satisfaction": "2", "comment": comment}
        )

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("最多可填写 1000 个字符") == 1
    assert f">{comment}</textarea>" in page
    assert 'maxlength="1000"' in page
    assert '<option value="2" selected>不满意</option>' in page
    assert not SurveyResponse.objects.exists()


def test_survey_api_refuses_a_too_long_comment(client, scene):
    completed_order(scene)
    token = issue_token(scene.resident)

    with time_machine.travel(survey_day(scene), tick=False):
        response = client.post(
            "/api/v1/serviceweek/survey",
            {"satisfaction": 4, "comment": "好" * 4000},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )

    assert response.status_code == 422, response.json()
    assert "1000" in response.json()["message"]
    assert not SurveyResponse.objects.exists()


def test_survey_page_before_it_opens_says_when_instead_of_the_form(client, scene):
    completed_order(scene)
    client.force_login(scene.resident)
    year = scene.package.theme_day.week.year

    with time_machine.travel(dt.datetime(year, 7, 3, 10, tzinfo=SHANGHAI)):
        page = client.get("/serviceweek/survey/").content.decode()

    assert "满意度调查于7月7日至7月12日开放" in page
    assert 'name="satisfaction"' not in page


def test_survey_page_after_it_closes_says_so_instead_of_the_form(client, scene):
    completed_order(scene)
    client.force_login(scene.resident)
    year = scene.package.theme_day.week.year

    with time_machine.travel(dt.datetime(year, 7, 13, 10, tzinfo=SHANGHAI)):
        page = client.get("/serviceweek/survey/").content.decode()

    assert "7月7日至7月12日" in page
    assert "已结束" in page
    assert 'name="satisfaction"' not in page


def test_survey_choices_are_named(client, scene):
    completed_order(scene)
    client.force_login(scene.resident)

    with time_machine.travel(survey_day(scene), tick=False):
        page = client.get("/serviceweek/survey/").content.decode()

    for value, label in [
        (5, "非常满意"),
        (4, "满意"),
        (3, "一般"),
        (2, "不满意"),
        (1, "非常不满意"),
    ]:
        assert f'<option value="{value}">{label}</option>' in page
