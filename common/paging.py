"""Console lists in pages, so that none is cut off without saying so.

Usage::

    page = page_of(request, queryset)               # ?page=2
    rows = [row_of(item) for item in page]          # only this page's items
    render(..., {"page": page})
    {% include "common/pager.html" %}               # 第 2 / 5 页，共 230 条

A page number that is not a number or lies past the end gives the first or
the last page. A queryset without an order is listed newest first. Two lists
on one page use different ``param`` names.
"""

from django.core.paginator import Paginator

PER_PAGE = 50


def page_of(request, items, *, per_page=PER_PAGE, param="page"):
    """The page of ``items`` that ``request`` asks for, with links to its
    neighbours that keep every other query parameter (the filters)."""
    if getattr(items, "ordered", True) is False:
        items = items.order_by("-pk")
    page = Paginator(items, per_page).get_page(request.GET.get(param))
    page.previous_url = _url(request, param, page.has_previous(), page.number - 1)
    page.next_url = _url(request, param, page.has_next(), page.number + 1)
    return page


def _url(request, param, exists, number):
    if not exists:
        return ""
    query = request.GET.copy()
    query[param] = str(number)
    return f"?{query.urlencode()}"
