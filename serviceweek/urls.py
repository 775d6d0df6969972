from django.urls import path

from serviceweek import views
from serviceweek.views import board, care, console, feedback, market, partner

app_name = "serviceweek"
urlpatterns = [
    path("", views.week, name="week"),
    path("day/<int:day_id>/", views.theme_day, name="theme_day"),
    path("packages/<int:package_id>/", views.package, name="package"),
    path("slots/<int:slot_id>/book/", views.book, name="book"),
    path("orders/", views.my_orders, name="my_orders"),
    path("orders/<int:order_id>/", views.order, name="order"),
    path("orders/<int:order_id>/cancel/", views.cancel, name="cancel"),
    path("orders/<int:order_id>/rate/", views.rate, name="rate"),
    path("survey/", feedback.survey, name="survey"),
    path("market/", board.market, name="market"),
    path("estates/<int:estate_id>/standards/", board.standards, name="standards"),
    path(
        "estates/<int:estate_id>/standards/publish/",
        board.publish_standards,
        name="publish_standards",
    ),
    path("console/actions/", board.actions, name="actions"),
    path("console/coverage/", board.coverage, name="coverage"),
    path(
        "console/actions/photos/<int:photo_id>/",
        board.action_photo,
        name="action_photo",
    ),
    path("console/book-for/", board.book_for, name="book_for"),
    path("console/care/", board.care_list, name="care"),
    path("console/care.xlsx", board.care_xlsx, name="care_xlsx"),
    path("console/care/households/", care.registrations, name="care_registrations"),
    path("console/care/register/", care.register, name="care_register"),
    path("console/care/visit/", care.visit, name="care_visit"),
    path("console/booths/", market.booths, name="booths"),
    path("console/booths/<int:booth_id>/", market.booth, name="booth"),
    path(
        "console/booths/<int:booth_id>/remove/",
        market.booth_remove,
        name="booth_remove",
    ),
    path("console/partner/", partner.packages, name="partner_packages"),
    path("console/partner/teams/new/", partner.team_form, name="partner_team_new"),
    path(
        "console/partner/teams/<int:team_id>/", partner.team_form, name="partner_team"
    ),
    path(
        "console/partner/packages/new/",
        partner.package_new,
        name="partner_package_new",
    ),
    path(
        "console/partner/packages/<int:package_id>/",
        partner.package_edit,
        name="partner_package",
    ),
    path(
        "console/partner/packages/<int:package_id>/publish/",
        partner.package_publish,
        name="partner_package_publish",
    ),
    path("console/follow-ups/", feedback.follow_ups, name="follow_ups"),
    path(
        "console/follow-ups/<int:follow_up_id>/close/",
        feedback.close,
        name="close_follow_up",
    ),
    path("console/", console.orders, name="console_orders"),
    path("console/orders/<int:order_id>/", console.order, name="console_order"),
    path(
        "console/orders/<int:order_id>/<str:step>/",
        console.step,
        name="console_step",
    ),
    path("console/figures/", console.figures, name="figures"),
    path("console/figures.xlsx", console.figures_xlsx, name="figures_xlsx"),
]
