from django.urls import path

from serviceweek import views
from serviceweek.views import console

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
