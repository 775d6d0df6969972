"""The two front doors (resident home, staff console) and error pages."""

import functools
import importlib
import importlib.util

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.permissions import can
from common.api import error_envelope_response
from common.middleware import current_request_id
from common.uploads import RequestTooLarge, upload_limit_bytes


def home(request):
    """The resident's mobile home: what is on now and their own items."""
    return render(request, "common/home.html", {"sections": home_sections(request)})


def home_sections(request):
    """Blocks of the home page contributed by each board.

    Each board app may define ``home_section(request)`` in its ``views`` module
    returning a context dict for its template ``<app>/home_section.html``, or
    None to show nothing. Sections appear in the order of ``HOME_SECTIONS``.
    """
    sections = []
    for app in HOME_SECTIONS:
        if importlib.util.find_spec(f"{app}.views") is None:
            continue
        module = importlib.import_module(f"{app}.views")
        provider = getattr(module, "home_section", None)
        if provider is None:
            continue
        context = provider(request)
        if context is not None:
            sections.append({"template": f"{app}/home_section.html", **context})
    return sections


HOME_SECTIONS = ("campaign", "serviceweek", "complaints", "showcase", "notifications")


@login_required(login_url="accounts:login")
def console(request):
    if not can(request.user, "console.enter"):
        raise PermissionDenied
    from accounts.capabilities import roles_of

    return render(request, "common/console.html", {"roles": roles_of(request.user)})


def bad_request(request, exception=None):
    if isinstance(exception, RequestTooLarge):
        limit_mb = upload_limit_bytes() // (1024 * 1024)
        return _error(
            request,
            413,
            "upload_too_large",
            _("The file is larger than %(mb)s MB.") % {"mb": limit_mb},
        )
    return _error(
        request, 400, "bad_request", _("The request could not be understood.")
    )


def forbidden(request, exception=None):
    return _error(request, 403, "forbidden", _("You are not allowed to see this page."))


def not_found(request, exception=None):
    return _error(request, 404, "not_found", _("This page does not exist."))


def method_not_allowed(request):
    if request.path.startswith("/api/"):
        message = _(
            "This address does not take this request method; see the API documentation."
        )
    else:
        message = _(
            "This address only takes a form being sent; please go back to the "
            "previous page and use its button."
        )
    return _error(request, 405, "method_not_allowed", message)


def server_error(request):
    return _error(
        request,
        500,
        "server_error",
        _("Something went wrong on our side; please try again later."),
    )


def csrf_failure(request, reason=""):
    return _error(
        request,
        403,
        "csrf_failed",
        _("The form has expired; please reload the page and submit it again."),
    )


def _error(request, status, code, message):
    """An error page, or the API's error envelope for paths under /api/.

    The page is ``<status>.html`` (templates/400.html and so on), or the
    shared ``common/error.html`` for another status. The 500 page is
    rendered without the request, so that neither the context processors
    nor the site's base page can fail it again.
    """
    if request.path.startswith("/api/"):
        return error_envelope_response(status=status, code=code, message=message)
    context = {"status": status, "message": message, "request_id": current_request_id()}
    if status == 500:
        return HttpResponseServerError(loader.get_template("500.html").render(context))
    template = loader.select_template([f"{status}.html", "common/error.html"])
    return HttpResponse(template.render(context, request), status=status)


def sign_in_then(page):
    """For a form's address that only takes POST: a signed-out person is sent
    to sign in and then to ``page`` (a URL name), not back to this address,
    which a link cannot open (it would answer 405)."""

    def decorate(view):
        @functools.wraps(view)
        def signed_in_only(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(reverse(page))
            return view(request, *args, **kwargs)

        return signed_in_only

    return decorate
