from django.urls import path

from complaints import views
from complaints.views import console

app_name = "complaints"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("new", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/confirm", views.confirm, name="confirm"),
    path("<int:pk>/reopen", views.reopen, name="reopen"),
    path("<int:pk>/rate", views.rate, name="rate"),
    path("<int:pk>/note", views.note, name="note"),
    path("<int:pk>/photos/<int:photo_pk>", views.photo, name="photo"),
    path("console/", console.queue, name="queue"),
    path("console/hotline", console.hotline, name="hotline"),
    path("console/summary", console.summary, name="summary"),
    path("console/<int:pk>/", console.detail, name="console_detail"),
    path("console/<int:pk>/<slug:action>", console.act, name="act"),
]
