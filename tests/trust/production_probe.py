"""Run under production settings in a child process; prints what it saw as JSON.

``python -m tests.trust.production_probe`` with HGJ_PRODUCTION=1 and a
throwaway DATABASE_URL and HGJ_VAR_DIR: it migrates, collects the static
files, signs a person in over HTTPS through the real login form and reports
the cookies and headers that came back.
"""

import json
import os
import sys


def cookie_flags(morsel):
    return {
        "secure": bool(morsel["secure"]),
        "httponly": bool(morsel["httponly"]),
        "samesite": morsel["samesite"],
    }


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hongguanjia.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    from accounts.models import User

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    User.objects.create_user("probe", password="a long probe password 1")

    host = settings.ALLOWED_HOSTS[0]
    client = Client(enforce_csrf_checks=True, HTTP_HOST=host)
    plain = client.get("/", secure=False)
    page = client.get("/accounts/login/", secure=True)
    token = page.cookies[settings.CSRF_COOKIE_NAME].value
    signed_in = client.post(
        "/accounts/login/",
        {
            "username": "probe",
            "password": "a long probe password 1",
            "csrfmiddlewaretoken": token,
        },
        secure=True,
        HTTP_REFERER=f"https://{host}/accounts/login/",
    )
    report = {
        "debug": settings.DEBUG,
        "plain_http_status": plain.status_code,
        "plain_http_location": plain.get("Location", ""),
        "login_status": signed_in.status_code,
        "csrf_cookie": cookie_flags(page.cookies[settings.CSRF_COOKIE_NAME]),
        "session_cookie": cookie_flags(signed_in.cookies[settings.SESSION_COOKIE_NAME]),
        "headers": {name: page.get(name, "") for name in HEADERS},
    }
    sys.stdout.write(json.dumps(report) + "\n")


HEADERS = (
    "Strict-Transport-Security",
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Request-ID",
)

if __name__ == "__main__":
    main()
