from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import can
from common.audit import history_of
from common.errors import DomainError
from common.uploads import check_size
from common.xlsx import ImportRefused, template_response, workbook_response
from organizations.models import OwnersCommittee
from places import imports
from places.forms import ImportForm
from places.models import Subdistrict
from places.selectors import districts, estates_visible_to, filter_estates

PAGE_SIZE = 50
IMPORT_LIMIT_MB = 10
FILTERS = ("q", "district", "subdistrict", "company", "committee")


def _require(user, rule):
    if not can(user, rule):
        raise PermissionDenied


def _filtered(request):
    params = {name: request.GET.get(name, "").strip() for name in FILTERS}
    return filter_estates(estates_visible_to(request.user), **params), params


@login_required
def estate_list(request):
    _require(request.user, "places.view_estates")
    estates, params = _filtered(request)
    page = Paginator(estates, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "places/estate_list.html",
        {
            "page": page,
            "params": params,
            "districts": districts(),
            "subdistricts": Subdistrict.objects.filter(
                pk__in=estates_visible_to(request.user).values("subdistrict_id")
            ),
            "committee_choices": [
                ("any", _("has a committee")),
                ("none", _("no committee")),
                *OwnersCommittee.Kind.choices,
            ],
            "may_import": can(request.user, "places.import_estates"),
        },
    )


@login_required
def estate_detail(request, pk):
    _require(request.user, "places.view_estates")
    estate = get_object_or_404(estates_visible_to(request.user), pk=pk)
    return render(
        request,
        "places/estate_detail.html",
        {
            "estate": estate,
            "committee": getattr(estate, "committee", None),
            "history": history_of(estate),
        },
    )


@login_required
def estate_export(request):
    _require(request.user, "places.view_estates")
    estates, _params = _filtered(request)
    return workbook_response(
        f"小区名录-{timezone.localdate():%Y%m%d}.xlsx",
        [(_("Estates"), imports.EXPORT_HEADER, imports.export_rows(estates))],
    )


@login_required
def estate_template(request):
    _require(request.user, "places.import_estates")
    return template_response("小区导入模板.xlsx", imports.HEADER)


@login_required
def estate_import(request):
    _require(request.user, "places.import_estates")
    return import_page(
        request,
        importer=imports.import_estates,
        columns=[(name, imports.COLUMN_NOTES[name]) for name in imports.HEADER],
        template_url="places:estate_template",
        done_url="places:estate_list",
        title=_("Import estates"),
    )


def import_page(request, *, importer, columns, template_url, done_url, title):
    """The import page shared by estates and companies: form, problems, result."""
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            check_size(upload, limit_mb=IMPORT_LIMIT_MB)
            batch = importer(upload, actor=request.user, file_name=upload.name)
        except ImportRefused as refused:
            problems = refused.problems
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("%(rows)d rows imported.") % {"rows": batch.rows},
            )
            return redirect(done_url)
    return render(
        request,
        "places/import.html",
        {
            "form": form,
            "problems": problems,
            "columns": columns,
            "template_url": template_url,
            "title": title,
        },
        status=422 if problems else 200,
    )
