import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hongguanjia.settings")
application = get_wsgi_application()

# Load the URLconf (and with it every view module and the API schema) while
# the worker boots, not on its first request: otherwise the first requests a
# fresh worker takes wait seconds for the imports.
URL_PATTERNS = get_resolver().url_patterns
