from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.StaffLoginView.as_view(), name="login"),
    path("sign-in/", views.sms_sign_in, name="sms_sign_in"),
    path("logout/", auth_views.LogoutView.as_view(next_page="home"), name="logout"),
    path("me/", views.profile, name="profile"),
    path("me/household/", views.household, name="household"),
]
