"""Stored hostile markup is shown as text: in a real browser no injected
script runs and no injected element exists, on any page we can reach.

The strings are planted directly in every plain text column of the sample
data (as if a bug elsewhere had let them in), then every crawled page is
opened in headless Chromium as several kinds of person.
"""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError, models, transaction
from django.test import Client

from accounts.sample import seed_demo
from common.models import AuditEntry
from tests.browser import sign_in
from tests.trust.hostile import MARKUP, XSS_ATTR, XSS_FLAG
from tests.trust.pages import crawl

SKIPPED_FIELDS = {"username", "password", "email", "mobile", "wechat_openid"}
VIEWERS = ["anonymous", "resident", "company_admin", "city", "sysadmin"]
MAX_PAGES = 40


def plain_text_fields(model):
    for field in model._meta.concrete_fields:
        if (
            isinstance(field, models.CharField | models.TextField)
            and not field.choices
            and not field.unique
            and not field.primary_key
            and not field._validators
            and field.name not in SKIPPED_FIELDS
        ):
            yield field


def plant_markup():
    """Put the markup payloads into every plain text column of every row."""
    planted = 0
    for model in project_models():
        for index, field in enumerate(plain_text_fields(model)):
            payload = MARKUP[index % len(MARKUP)]
            if field.max_length and len(payload) > field.max_length:
                payload = MARKUP[1][: field.max_length]
            try:
                with transaction.atomic():
                    planted += model._default_manager.update(**{field.name: payload})
            except IntegrityError:
                continue  # the column is part of a uniqueness rule
    return planted


def project_models():
    base = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if base not in path.parents or "site-packages" in path.parts:
            continue
        for model in config.get_models():
            if model is not AuditEntry:
                yield model


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_stored_markup_is_rendered_inert(page, live_server):
    call_command("load_divisions", verbosity=0)
    people = {person.username: person for person in seed_demo()}
    assert plant_markup() > 0
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    visited = 0
    for who in VIEWERS:
        page.context.clear_cookies()
        client = Client()
        if who != "anonymous":
            sign_in(page, live_server, people[who])
            client.force_login(people[who])
        paths = [
            path
            for path, response in crawl(client, limit=MAX_PAGES)
            if response.status_code == 200
        ]
        for path in paths:
            page.goto(live_server.url + path)
            visited += 1
            assert page.evaluate(f"typeof window.{XSS_FLAG}") == "undefined", path
            assert page.locator(f"[{XSS_ATTR}]").count() == 0, path
    assert visited >= len(VIEWERS)
    assert dialogs == []
