from django.urls import path

from campaign import views

app_name = "campaign"
urlpatterns = [
    path("schedule/", views.schedule, name="schedule"),
    path("schedule.ics", views.schedule_ics, name="schedule_ics"),
    path("schedule.xlsx", views.schedule_xlsx, name="schedule_xlsx"),
    path("tasks/", views.task_list, name="task_list"),
    path("tasks/new/", views.task_create, name="task_create"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
    path("tasks/<int:pk>/status/", views.task_status, name="task_status"),
    path("boards/<slug:code>/", views.board_project, name="board_project"),
]
