from django.urls import path

from organizations import views

app_name = "organizations"
urlpatterns = [
    path("companies/", views.company_list, name="company_list"),
    path("companies/export.xlsx", views.company_export, name="company_export"),
    path("companies/import/", views.company_import, name="company_import"),
    path(
        "companies/import/template.xlsx",
        views.company_template,
        name="company_template",
    ),
    path("companies/<int:pk>/", views.company_detail, name="company_detail"),
]
