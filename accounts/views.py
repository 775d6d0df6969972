from django.contrib.auth import views as auth_views


class StaffLoginView(auth_views.LoginView):
    """Password sign-in for staff; residents use their mobile number."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True
