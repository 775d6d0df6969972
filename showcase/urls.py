from django.urls import path

from showcase import views

app_name = "showcase"
urlpatterns = [
    path("", views.vote_page, name="vote"),
    path("works/<int:work_id>/vote/", views.vote, name="cast_vote"),
    path("ranking/", views.ranking_page, name="ranking"),
    path("ranking/table/", views.ranking_table, name="ranking_table"),
]
