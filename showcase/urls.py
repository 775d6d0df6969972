from django.urls import path

from showcase import gala_views, staff_views, submit_views, views

app_name = "showcase"
urlpatterns = [
    path("", views.vote_page, name="vote"),
    path("works/<int:work_id>/", views.work_page, name="work"),
    path("works/<int:work_id>/vote/", views.vote, name="cast_vote"),
    path("ranking/", views.ranking_page, name="ranking"),
    path("top/", views.top_page, name="top"),
    path("ranking/table/", views.ranking_table, name="ranking_table"),
    path("mine/", submit_views.my_works, name="my_works"),
    path("mine/<int:work_id>/submit/", submit_views.submit, name="submit"),
    path("mine/<int:work_id>/edit/", submit_views.edit, name="edit"),
    path("mine/<int:work_id>/delete/", submit_views.delete, name="delete"),
    path("mine/<int:work_id>/revise/", submit_views.revise, name="revise"),
    path("media/<int:media_id>/", submit_views.media_file, name="media"),
    path("works/<int:work_id>/poster/", submit_views.poster, name="poster"),
    path("gala/", gala_views.gala_page, name="gala"),
    path("gala/questions/<int:question_id>/", gala_views.answer, name="answer"),
    path("gala/draws/", gala_views.commit_draw, name="commit_draw"),
    path("gala/draws/<int:draw_id>/", gala_views.run_draw, name="run_draw"),
    path("review/", staff_views.review_queue, name="review_queue"),
    path(
        "review/<int:work_id>/<slug:action>/",
        staff_views.review_action,
        name="review_action",
    ),
    path("anomalies/", staff_views.anomaly_report, name="anomalies"),
    path("anomalies/invalidate/", staff_views.invalidate, name="invalidate"),
    path("expert/", staff_views.expert_page, name="expert"),
    path("expert/<int:finalist_id>/score/", staff_views.score, name="score"),
    path("results/", staff_views.results_page, name="results"),
    path("results.xlsx", staff_views.results_export, name="results_export"),
    path("stories.pdf", staff_views.stories_pdf, name="stories_pdf"),
    path("stories.docx", staff_views.stories_docx, name="stories_docx"),
    path("results/<slug:action>/", staff_views.stage_action, name="stage_action"),
    path("results/confirm/<int:finalist_id>/", staff_views.confirm, name="confirm"),
]
