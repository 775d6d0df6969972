from django.urls import path

from places import views

app_name = "places"
urlpatterns = [
    path("estates/", views.estate_list, name="estate_list"),
    path("estates/export.xlsx", views.estate_export, name="estate_export"),
    path("estates/import/", views.estate_import, name="estate_import"),
    path("estates/import/template.xlsx", views.estate_template, name="estate_template"),
    path("estates/<int:pk>/", views.estate_detail, name="estate_detail"),
]
