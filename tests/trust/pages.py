"""Discovering the pages of the site generically, for checks over all of them.

Start from every URL pattern that takes no argument, then follow the links of
each page (same site, bounded), so the pages of every board and the detail
pages its lists link to are reached without naming them.
"""

from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

from django.urls import URLPattern, URLResolver, get_resolver

SKIPPED_PREFIXES = ("/admin/", "/api/", "/static/", "/media/", "/accounts/logout")
MAX_PAGES = 120


def _walk(patterns, prefix=""):
    for entry in patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern):
            yield prefix + route


def argument_free_paths():
    """Paths of the URL patterns that need no argument, e.g. ``/console/``."""
    paths = []
    for route in _walk(get_resolver().url_patterns):
        if any(mark in route for mark in ("<", "(", "^", "$", "?", "*")):
            continue
        path = "/" + route
        if not path.startswith(SKIPPED_PREFIXES) and path not in paths:
            paths.append(path)
    return paths


class PageParser(HTMLParser):
    """Collects links, forms, scripts and inline handlers of one page."""

    def __init__(self):
        super().__init__()
        self.links = []
        self.forms = []
        self.inline_scripts = []
        self.inline_handlers = []
        self.style_attributes = []
        self.injected = []
        self._in_script = None
        self._form = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-hgj-xss" in attrs:
            self.injected.append(tag)
        for name in attrs:
            if name.startswith("on"):
                self.inline_handlers.append((tag, name))
        if "style" in attrs:
            self.style_attributes.append(tag)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "script":
            self._in_script = attrs
            if not attrs.get("src"):
                self.inline_scripts.append("")
        if tag == "form":
            self._form = {
                "method": (attrs.get("method") or "get").lower(),
                "action": attrs.get("action") or "",
                "inputs": [],
            }
            self.forms.append(self._form)
        if tag in {"input", "textarea", "select"} and self._form is not None:
            self._form["inputs"].append(
                {
                    "tag": tag,
                    "type": (attrs.get("type") or "text").lower(),
                    "name": attrs.get("name") or "",
                    "value": attrs.get("value") or "",
                    "maxlength": attrs.get("maxlength"),
                    "checked": "checked" in attrs,
                }
            )
            if tag == "select":
                self._select = self._form["inputs"][-1]
        if (
            tag == "option"
            and self._select is not None
            and (not self._select["value"] or "selected" in attrs)
        ):
            self._select["value"] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None
        if tag == "form":
            self._form = None
        if tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._in_script is not None and not self._in_script.get("src"):
            self.inline_scripts[-1] += data


def parse(html):
    parser = PageParser()
    parser.feed(html)
    return parser


def internal_path(href):
    href = urldefrag(href)[0]
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path.startswith("/"):
        return None
    path = parts.path
    if parts.query:
        path = f"{path}?{parts.query}"
    return None if path.startswith(SKIPPED_PREFIXES) else path


def crawl(client, *, start=None, limit=MAX_PAGES):
    """GET pages breadth-first; yields ``(path, response)`` of each HTML page."""
    queue = list(start or argument_free_paths())
    seen = set(queue)
    fetched = 0
    while queue and fetched < limit:
        path = queue.pop(0)
        response = client.get(path)
        fetched += 1
        if "text/html" not in response.get("Content-Type", ""):
            continue
        yield path, response
        if response.status_code != 200:
            continue
        for href in parse(response.content.decode()).links:
            target = internal_path(href)
            if target and target not in seen:
                seen.add(target)
                queue.append(target)
