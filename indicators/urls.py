from django.urls import path

from indicators import views

app_name = "indicators"
urlpatterns = [path("complaint-rate", views.complaint_rate, name="complaint_rate")]
