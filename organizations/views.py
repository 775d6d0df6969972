from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import can
from common.audit import history_of
from common.xlsx import template_response, workbook_response
from organizations import imports
from organizations.selectors import companies_visible_to, filter_companies
from places.selectors import estates_visible_to
from places.views import PAGE_SIZE, import_page


def _require(user, rule):
    if not can(user, rule):
        raise PermissionDenied


@login_required
def company_list(request):
    _require(request.user, "organizations.view_companies")
    q = request.GET.get("q", "").strip()
    companies = filter_companies(companies_visible_to(request.user), q=q)
    page = Paginator(companies, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "organizations/company_list.html",
        {
            "page": page,
            "q": q,
            "may_import": can(request.user, "organizations.import_companies"),
        },
    )


@login_required
def company_detail(request, pk):
    _require(request.user, "organizations.view_companies")
    company = get_object_or_404(companies_visible_to(request.user), pk=pk)
    return render(
        request,
        "organizations/company_detail.html",
        {
            "company": company,
            "estates": estates_visible_to(request.user).filter(company=company),
            "history": history_of(company),
        },
    )


@login_required
def company_export(request):
    _require(request.user, "organizations.view_companies")
    companies = filter_companies(
        companies_visible_to(request.user), q=request.GET.get("q", "").strip()
    )
    return workbook_response(
        f"物业服务企业名录-{timezone.localdate():%Y%m%d}.xlsx",
        [
            (
                _("Property companies"),
                imports.EXPORT_HEADER,
                imports.export_rows(companies),
            )
        ],
    )


@login_required
def company_template(request):
    _require(request.user, "organizations.import_companies")
    return template_response("物业服务企业导入模板.xlsx", imports.HEADER)


@login_required
def company_import(request):
    _require(request.user, "organizations.import_companies")
    return import_page(
        request,
        importer=imports.import_companies,
        columns=[(name, imports.COLUMN_NOTES[name]) for name in imports.HEADER],
        template_url="organizations:company_template",
        done_url="organizations:company_list",
        title=_("Import property companies"),
    )
