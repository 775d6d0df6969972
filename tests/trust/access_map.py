"""Who may reach each page and each API operation: the classification.

Every URL pattern of the site (walked from Django's resolver) and every
operation of the JSON API (from its OpenAPI schema) has one entry here;
``tests/trust/test_permission_matrix.py`` fails when one appears without
one, or when an entry names something that no longer exists. The kinds:

``public``      anyone may open it, signed in or not; it shows no one's
                personal data (the plan, the published offers and works).
``sign-in``     signing in and out.
``own``         the signed-in person's own data only; it names no object.
``list``        a scoped list: it returns exactly what ``detail`` opens for
                the same person (``detail`` names that entry).
``detail``      a scoped detail of ``obj``: refused for an object outside the
                person's scope.
``write``       a scoped write at ``obj`` (in the path, or named in the body
                through ``{kind}`` placeholders): refused outside the scope,
                and nothing in the database changes.
``open-write``  any signed-in person of the right role may do it to any
                object (vote for a work, book a published slot, answer a
                gala question); the board's own tests cover its rules.
``role``        a console page, export, import or action of a role, naming no
                object of a scope (or one only organisers and panels reach);
                the board's own tests cover who may open it.
``admin``       the Django admin: staff only.

Object kinds are the keys of ``permission_world`` objects ("order",
"estate" ...). ``covered_by`` points at the test that covers an entry the
matrix cannot build data for (uploaded files).
"""

import datetime as dt
from dataclasses import dataclass, field

PUBLIC = "public"
SIGN_IN = "sign-in"
OWN = "own"
LIST = "list"
DETAIL = "detail"
WRITE = "write"
OPEN_WRITE = "open-write"
ROLE = "role"
ADMIN = "admin"
KINDS = {PUBLIC, SIGN_IN, OWN, LIST, DETAIL, WRITE, OPEN_WRITE, ROLE, ADMIN}


@dataclass(frozen=True)
class Access:
    kind: str
    obj: str | None = None  # the world object kind of the path's parameter
    detail: str | None = None  # for a list: the entry of its detail view
    kwargs: dict = field(default_factory=dict)  # fixed path arguments
    query: str = ""  # for a list: the query string showing every state
    body: dict | None = None  # for a write: what is sent ({kind} placeholders)
    # For a list that is one person's own part of what its detail shows
    # (their orders, while staff open those of their estates too): the roles
    # it is compared for.
    only: tuple = ()
    # For a form that refuses by showing the form again with this message.
    refused_with: str = ""
    # A list or detail that shows its public part (approved works) to
    # someone not signed in, rather than refusing them.
    public_part: bool = False
    # For a write: a role that may do it in its own scope, so that the same
    # request at its own side's object succeeds (the request itself is valid
    # and the refusal elsewhere is the scope's).
    allowed: str = ""
    # A form that offers the whole estate register to pick from (where one
    # lives), so it names estates of every scope by design.
    picks_any_estate: bool = False
    covered_by: str = ""

    def __post_init__(self):
        assert self.kind in KINDS, self.kind


def public():
    return Access(PUBLIC)


def role():
    return Access(ROLE)


def own():
    return Access(OWN)


def detail(obj, **extra):
    return Access(DETAIL, obj=obj, **extra)


def write(obj=None, **extra):
    return Access(WRITE, obj=obj, **extra)


def listing(detail_entry, obj, **extra):
    return Access(LIST, obj=obj, detail=detail_entry, **extra)


# A new slot may not start in the past: next year's service week.
SLOT_YEAR = dt.datetime.now(dt.UTC).year + 1

# What a form says when a choice names something outside the person's scope
# (Django's own message, shown at the field).
CHOICE_REFUSED = (
    "Select a valid choice. That choice is not one of the available choices."
)


# Pages, by URL name (namespace:name), or by route when a pattern has no name.
PAGES = {
    "home": public(),
    "console": role(),
    "api/docs": public(),
    "api-v1:openapi-json": public(),
    "api-v1:openapi-view": public(),
    "api-v1:api-root": public(),
    "accounts:login": Access(SIGN_IN),
    "accounts:sms_sign_in": Access(SIGN_IN),
    "accounts:logout": Access(SIGN_IN),
    "accounts:profile": own(),
    "accounts:household": Access(OWN, picks_any_estate=True),
    "notifications:inbox": own(),
    "notifications:read": write("notification", allowed="resident"),
    "places:estate_list": listing("places:estate_detail", "estate"),
    "places:estate_detail": detail("estate"),
    "places:estate_export": role(),
    "places:estate_import": role(),
    "places:estate_template": role(),
    "organizations:company_list": listing("organizations:company_detail", "company"),
    "organizations:company_detail": detail("company"),
    "organizations:company_export": role(),
    "organizations:company_import": role(),
    "organizations:company_template": role(),
    "campaign:schedule": public(),
    "campaign:schedule_ics": public(),
    "campaign:schedule_xlsx": public(),
    "campaign:task_list": listing("campaign:task_detail", "task"),
    "campaign:task_create": role(),
    "campaign:task_detail": detail("task"),
    "campaign:task_status": write(
        "task", allowed="district", body={"status": "in_progress"}
    ),
    "campaign:board_project": public(),
    "serviceweek:week": public(),
    "serviceweek:theme_day": public(),
    "serviceweek:package": public(),
    "serviceweek:book": Access(OPEN_WRITE),
    "serviceweek:my_orders": listing("serviceweek:order", "order", only=("resident",)),
    "serviceweek:order": detail("order"),
    "serviceweek:cancel": write(
        "order", allowed="resident", body={"reason": "不需要了"}
    ),
    "serviceweek:rate": write(
        "completed_order",
        allowed="resident",
        body={"overall": "5", "timeliness": "5", "attitude": "5", "comment": "好"},
    ),
    "serviceweek:survey": own(),
    "serviceweek:market": public(),
    "serviceweek:standards": detail("estate"),
    "serviceweek:publish_standards": write(
        "estate", allowed="company_admin", body={"items": "保洁\n绿化"}
    ),
    "serviceweek:actions": write(
        allowed="company_admin",
        body={"estate": "{estate}", "kind": "fire", "result": "已完成"},
    ),
    "serviceweek:coverage": role(),
    "serviceweek:action_photo": detail(
        "action_photo",
        covered_by="tests/serviceweek/test_board.py::"
        "test_action_photo_served_to_the_company_not_to_a_resident",
    ),
    "serviceweek:book_for": write(
        allowed="company_admin",
        body={"mobile": "{resident_mobile}", "slot": "{slot}"},
        refused_with="No resident of your estates has this number.",
    ),
    "serviceweek:care": role(),
    "serviceweek:care_xlsx": role(),
    "serviceweek:follow_ups": role(),
    "serviceweek:close_follow_up": write(
        "follow_up", allowed="company_admin", body={"outcome": "已回访"}
    ),
    "serviceweek:console_orders": listing("serviceweek:console_order", "order"),
    "serviceweek:console_order": detail("order"),
    "serviceweek:console_step": write(
        "order", allowed="partner", kwargs={"step": "accept"}
    ),
    "serviceweek:figures": role(),
    "serviceweek:figures_xlsx": role(),
    "serviceweek:partner_packages": role(),
    # A new team or package belongs to the partner firm the person works for;
    # the form names no firm to pick.
    "serviceweek:partner_team_new": role(),
    "serviceweek:partner_team": write(
        "team", allowed="partner", body={"name": "改名服务队", "slot_capacity": "3"}
    ),
    "serviceweek:partner_package_new": role(),
    "serviceweek:partner_package": write(
        "package",
        allowed="partner",
        body={
            "save": "1",
            "theme_day": "{theme_day}",
            "team": "{team}",
            "service_item": "改名服务",
            "unit": "piece",
            "list_price": "100.00",
            "red_price": "50.00",
        },
    ),
    "serviceweek:partner_package_publish": write(
        "package", allowed="partner", body={"published": "0"}
    ),
    "serviceweek:care_registrations": role(),
    "serviceweek:care_register": write(
        allowed="frontline",
        body={
            "estate": "{estate}",
            "building": "9",
            "room": "901",
            "kind": "elderly_alone",
            "full_name": "新登记",
            "consent_note": "本人同意",
        },
        refused_with=CHOICE_REFUSED,
    ),
    "serviceweek:care_visit": write(
        allowed="frontline",
        body={
            "pairing": "{pairing}",
            "kind": "visit",
            "visited_on": "2026-07-02",
            "note": "探访",
        },
        refused_with=CHOICE_REFUSED,
    ),
    # Booths belong to communities, kept by their subdistrict's officers; the
    # world has none, so tests/serviceweek/test_console_booths.py covers who
    # may change which booth.
    "serviceweek:booths": role(),
    "serviceweek:booth": role(),
    "serviceweek:booth_remove": role(),
    "complaints:mine": listing("complaints:detail", "complaint"),
    "complaints:new": Access(OPEN_WRITE),
    "complaints:detail": detail("complaint"),
    "complaints:confirm": write("complaint"),
    "complaints:reopen": write("complaint", body={"text": "还没修好"}),
    "complaints:rate": write(
        "complaint", body={"score": "5", "comment": "好", "satisfied": "on"}
    ),
    "complaints:note": write(
        "complaint", allowed="resident", body={"text": "补充说明"}
    ),
    "complaints:photo": detail(
        "complaint_photo",
        covered_by="tests/complaints/test_pages.py::"
        "test_photo_is_served_only_to_who_may_see_it",
    ),
    "complaints:queue": listing(
        "complaints:console_detail", "complaint", query="?state="
    ),
    "complaints:hotline": role(),
    "complaints:summary": role(),
    "complaints:console_detail": detail("complaint"),
    "complaints:act": write(
        "complaint",
        allowed="company_admin",
        kwargs={"action": "respond"},
        body={"text": "已安排维修"},
    ),
    "showcase:vote": public(),
    "showcase:cast_vote": Access(OPEN_WRITE),
    "showcase:ranking": public(),
    "showcase:work": detail("work", public_part=True),
    "showcase:top": public(),
    "showcase:ranking_table": public(),
    "showcase:my_works": own(),
    "showcase:submit": write("work"),
    "showcase:edit": write(
        "work",
        body={
            "title": "改名",
            "kind": "photography",
            "direction": "warm_service",
            "authors": "王五",
            "description": "说明",
            "story": "故事",
        },
    ),
    "showcase:delete": write("work"),
    "showcase:revise": write("work"),
    "showcase:media": detail(
        "work_media",
        covered_by="tests/showcase/test_submission.py::"
        "test_my_works_page_saves_draft_and_hides_its_media",
    ),
    "showcase:poster": public(),
    "showcase:gala": public(),
    "showcase:draw": public(),
    "showcase:answer": Access(OPEN_WRITE),
    "showcase:gala_console": role(),
    "showcase:add_question": role(),
    "showcase:edit_question": role(),
    "showcase:question_state": role(),
    "showcase:commit_draw": role(),
    "showcase:run_draw": role(),
    "showcase:review_queue": role(),
    "showcase:review_action": write("work", kwargs={"action": "approve"}),
    "showcase:anomalies": role(),
    "showcase:invalidate": role(),
    "showcase:expert": role(),
    "showcase:score": role(),
    "showcase:results": role(),
    "showcase:results_export": role(),
    "showcase:stories": role(),
    "showcase:stories_pdf": role(),
    "showcase:stories_docx": role(),
    "showcase:stage_action": role(),
    "showcase:confirm": role(),
    "showcase:chair": role(),
    "showcase:settings": role(),
    "showcase:settings_edit": role(),
    "indicators:complaint_rate": role(),
}

V1 = "/api/v1/"

# API operations, by "METHOD /api/v1/path" as the OpenAPI schema spells them.
API = {
    "POST /api/v1/accounts/sms-code": Access(SIGN_IN),
    "POST /api/v1/accounts/token": Access(SIGN_IN),
    "POST /api/v1/accounts/wechat/login": Access(SIGN_IN),
    "POST /api/v1/accounts/wechat/bind": Access(SIGN_IN),
    "POST /api/v1/accounts/logout": Access(SIGN_IN),
    "GET /api/v1/accounts/me": own(),
    "GET /api/v1/notifications/": own(),
    "GET /api/v1/notifications/unread-count": own(),
    "POST /api/v1/notifications/{notification_id}/read": write(
        "notification", allowed="resident"
    ),
    "POST /api/v1/notifications/read-all": own(),
    "GET /api/v1/places/districts": public(),
    "GET /api/v1/places/subdistricts": public(),
    "GET /api/v1/places/communities": public(),
    "GET /api/v1/places/estates": listing(
        "GET /api/v1/places/estates/{estate_id}", "estate"
    ),
    "GET /api/v1/places/estates/{estate_id}": detail("estate"),
    "GET /api/v1/organizations/companies": listing(
        "GET /api/v1/organizations/companies/{company_id}", "company"
    ),
    "GET /api/v1/organizations/companies/{company_id}": detail("company"),
    "GET /api/v1/organizations/government-units": public(),
    "GET /api/v1/campaign/phases": public(),
    "GET /api/v1/campaign/boards": public(),
    "GET /api/v1/campaign/boards/{code}": public(),
    "GET /api/v1/campaign/now": public(),
    "GET /api/v1/campaign/tasks": listing(
        "GET /api/v1/campaign/tasks/{task_id}", "task"
    ),
    "POST /api/v1/campaign/tasks": role(),
    "GET /api/v1/campaign/tasks/{task_id}": detail("task"),
    "POST /api/v1/campaign/tasks/{task_id}/status": write(
        "task", allowed="district", body={"status": "in_progress"}
    ),
    "GET /api/v1/serviceweek/theme-days": public(),
    "GET /api/v1/serviceweek/packages": public(),
    "GET /api/v1/serviceweek/packages/{package_id}": public(),
    "POST /api/v1/serviceweek/slots/{slot_id}/book": Access(OPEN_WRITE),
    "GET /api/v1/serviceweek/orders": listing(
        "GET /api/v1/serviceweek/orders/{order_id}", "order"
    ),
    "GET /api/v1/serviceweek/orders/{order_id}": detail("order"),
    "POST /api/v1/serviceweek/orders/{order_id}/accept": write(
        "order", allowed="partner"
    ),
    "POST /api/v1/serviceweek/orders/{order_id}/decline": write(
        "order", body={"reason": "排不开"}
    ),
    "POST /api/v1/serviceweek/orders/{order_id}/reject": write(
        "order", body={"reason": "不在服务范围"}
    ),
    "POST /api/v1/serviceweek/orders/{order_id}/assign": write(
        "order", body={"worker_id": "{worker_user}"}
    ),
    "POST /api/v1/serviceweek/orders/{order_id}/start": write("order"),
    "POST /api/v1/serviceweek/orders/{order_id}/complete": write("order"),
    "POST /api/v1/serviceweek/orders/{order_id}/cancel": write(
        "order", allowed="resident", body={"reason": "不需要了"}
    ),
    "POST /api/v1/serviceweek/orders/{order_id}/rate": write(
        "completed_order",
        allowed="resident",
        body={"overall": 5, "timeliness": 5, "attitude": 5, "comment": "好"},
    ),
    "POST /api/v1/serviceweek/survey": own(),
    "GET /api/v1/serviceweek/follow-ups": role(),
    "POST /api/v1/serviceweek/follow-ups/{follow_up_id}/close": write(
        "follow_up", allowed="company_admin", body={"outcome": "已回访"}
    ),
    "GET /api/v1/serviceweek/estates/{estate_id}/standards": detail("estate"),
    "POST /api/v1/serviceweek/estates/{estate_id}/standards": write(
        "estate",
        allowed="company_admin",
        body={"items": [{"text": "保洁"}, {"text": "绿化"}]},
    ),
    "POST /api/v1/serviceweek/estates/{estate_id}/actions": write(
        "estate",
        allowed="company_admin",
        body={"kind": "fire", "done_on": "2026-07-01", "result": "已完成"},
    ),
    "POST /api/v1/serviceweek/care": write(
        allowed="frontline",
        body={
            "household_id": "{household}",
            "kind": "elderly_alone",
            "full_name": "新登记",
            "consent_note": "本人同意",
        },
    ),
    "POST /api/v1/serviceweek/care/{recipient_id}/pair": write(
        "recipient",
        body={"party_member_user_id": "{party_member_user}", "signed_on": "2026-07-02"},
    ),
    "POST /api/v1/serviceweek/care/pairings/{pairing_id}/visits": write(
        "pairing",
        allowed="frontline",
        body={"kind": "visit", "visited_on": "2026-07-02", "note": "探访"},
    ),
    "GET /api/v1/serviceweek/care/pairings": role(),
    "GET /api/v1/serviceweek/booths": public(),
    "GET /api/v1/serviceweek/figures": role(),
    "POST /api/v1/serviceweek/partner/teams": write(
        allowed="partner",
        body={"partner_id": "{partner}", "name": "新服务队", "worker_ids": []},
    ),
    "POST /api/v1/serviceweek/partner/packages": write(
        allowed="partner",
        body={
            "partner_id": "{partner}",
            "theme_day_id": "{theme_day}",
            "team_id": "{team}",
            "service_item": "新服务",
            "unit": "piece",
            "list_price": "100.00",
            "red_price": "50.00",
        },
    ),
    "POST /api/v1/serviceweek/partner/packages/{package_id}/slots": write(
        "package",
        allowed="partner",
        body={
            "starts_at": f"{SLOT_YEAR}-07-04T09:00:00+08:00",
            "ends_at": f"{SLOT_YEAR}-07-04T11:00:00+08:00",
            "capacity": 3,
        },
    ),
    "GET /api/v1/complaints/": listing(
        "GET /api/v1/complaints/{complaint_id}", "complaint"
    ),
    "POST /api/v1/complaints/": Access(OPEN_WRITE),
    "POST /api/v1/complaints/hotline": write(
        allowed="company_admin",
        body={
            "estate_id": "{estate}",
            "category": "repair",
            "description": "热线来电：楼道灯坏了。",
            "mobile": "13700000000",
        },
    ),
    "GET /api/v1/complaints/summary": role(),
    "GET /api/v1/complaints/{complaint_id}": detail("complaint"),
    "GET /api/v1/complaints/{complaint_id}/notes": detail("complaint"),
    "POST /api/v1/complaints/{complaint_id}/notes": write(
        "complaint", allowed="resident", body={"text": "补充说明"}
    ),
    "POST /api/v1/complaints/{complaint_id}/photos": write("complaint", body="file"),
    "POST /api/v1/complaints/{complaint_id}/respond": write(
        "complaint", allowed="company_admin", body={"text": "已安排维修"}
    ),
    "POST /api/v1/complaints/{complaint_id}/resolve": write(
        "complaint", body={"text": "已修好"}
    ),
    "POST /api/v1/complaints/{complaint_id}/pause": write(
        "complaint", body={"text": "等住户在家"}
    ),
    "POST /api/v1/complaints/{complaint_id}/resume": write("complaint"),
    "POST /api/v1/complaints/{complaint_id}/recategorise": write(
        "complaint", body={"category": "cleaning", "reason": "分错了"}
    ),
    "POST /api/v1/complaints/{complaint_id}/close": write(
        "complaint", body={"outcome": "cannot_fix", "reason": "无法处理"}
    ),
    "POST /api/v1/complaints/{complaint_id}/confirm": write("complaint"),
    "POST /api/v1/complaints/{complaint_id}/reopen": write(
        "complaint", body={"text": "还没修好"}
    ),
    "POST /api/v1/complaints/{complaint_id}/rate": write(
        "complaint", body={"score": 5, "comment": "好"}
    ),
    "GET /api/v1/showcase/ping": public(),
    "GET /api/v1/showcase/current": public(),
    "GET /api/v1/showcase/works": listing(
        "GET /api/v1/showcase/works/{work_id}", "work", public_part=True
    ),
    "POST /api/v1/showcase/works": own(),
    "GET /api/v1/showcase/works/{work_id}": detail("work", public_part=True),
    "GET /api/v1/showcase/ranking": public(),
    "GET /api/v1/showcase/me/remaining": own(),
    "POST /api/v1/showcase/works/{work_id}/vote": Access(OPEN_WRITE),
    "POST /api/v1/showcase/works/{work_id}/approve": write("work"),
    "POST /api/v1/showcase/works/{work_id}/reject": write(
        "work", body={"reason": "导向不当"}
    ),
    "POST /api/v1/showcase/works/{work_id}/veto": write(
        "work", body={"reason": "侵权"}
    ),
    "POST /api/v1/showcase/works/{work_id}/submit": write(
        "work", body={"pledge_accepted": True}
    ),
    "GET /api/v1/showcase/me/works": own(),
    "PATCH /api/v1/showcase/works/{work_id}": write("work", body={"title": "改名"}),
    "DELETE /api/v1/showcase/works/{work_id}": write("work"),
    "POST /api/v1/showcase/works/{work_id}/media": write("work", body="file"),
    "DELETE /api/v1/showcase/media/{media_id}": write("work_media"),
    "POST /api/v1/showcase/works/{work_id}/revise": write("work"),
    "GET /api/v1/showcase/review-queue": role(),
    "POST /api/v1/showcase/votes/invalidate": role(),
    "POST /api/v1/showcase/close-voting": role(),
    "POST /api/v1/showcase/finalists/{finalist_id}/score": role(),
    "GET /api/v1/showcase/results": role(),
    "GET /api/v1/showcase/expert/finalists": role(),
    "GET /api/v1/showcase/chair/flagged": role(),
    "POST /api/v1/showcase/finalists/{finalist_id}/confirm": role(),
    "POST /api/v1/showcase/results/publish": role(),
    "GET /api/v1/showcase/top": public(),
    "GET /api/v1/showcase/showcases": role(),
    "POST /api/v1/showcase/showcases": role(),
    "PATCH /api/v1/showcase/showcases/{showcase_id}": role(),
    "POST /api/v1/showcase/quiz/{question_id}/answer": Access(OPEN_WRITE),
    "GET /api/v1/showcase/quiz": public(),
    "GET /api/v1/showcase/stories/works": role(),
    "GET /api/v1/showcase/stories/pdf": role(),
    "GET /api/v1/showcase/stories/docx": role(),
    "GET /api/v1/showcase/quiz/questions": role(),
    "POST /api/v1/showcase/quiz/questions": role(),
    "PUT /api/v1/showcase/quiz/questions/{question_id}": role(),
    "POST /api/v1/showcase/quiz/questions/{question_id}/open": role(),
    "POST /api/v1/showcase/quiz/questions/{question_id}/close": role(),
    "GET /api/v1/showcase/draws": public(),
    "GET /api/v1/showcase/draws/{draw_id}": public(),
    "POST /api/v1/showcase/draws": role(),
    "POST /api/v1/showcase/draws/{draw_id}/run": role(),
    "GET /api/v1/indicators/complaint-rate": role(),
}
