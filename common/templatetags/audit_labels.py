"""Readable names of audit actions and changes for history panels.

Actions are dotted codes (``serviceweek.order.accept``); people read the verb
at their end in their language. A verb without a name here is shown as its code.

The changed values beside an action are stored as the model's field names and
codes; :func:`audit_changes` shows each with the field's verbose name and the
value as people know it (a choice's label, a related record's name, yes or
no, a local date and time). A key that is no field of the model, or a value
that matches no choice or record, is shown as stored.
"""

from django import template
from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.template.defaultfilters import yesno
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext_lazy

from common.masking import mask_address, mask_mobile, mask_name

register = template.Library()

VERBS = {
    "accept": pgettext_lazy("audit", "accepted"),
    "admin_change": pgettext_lazy("audit", "changed in the back office"),
    "answer": pgettext_lazy("audit", "answered"),
    "approve": pgettext_lazy("audit", "approved"),
    "assign": pgettext_lazy("audit", "assigned"),
    "bind": pgettext_lazy("audit", "home recorded"),
    "bind_wechat": pgettext_lazy("audit", "WeChat bound"),
    "book": pgettext_lazy("audit", "booked"),
    "close": pgettext_lazy("audit", "closed"),
    "close_voting": pgettext_lazy("audit", "voting closed"),
    "complete": pgettext_lazy("audit", "completed"),
    "configure_voting": pgettext_lazy("audit", "voting rules set"),
    "confirm": pgettext_lazy("audit", "confirmed"),
    "confirm_scores": pgettext_lazy("audit", "scores confirmed"),
    "create": pgettext_lazy("audit", "created"),
    "import": pgettext_lazy("audit", "imported"),
    "invalidate": pgettext_lazy("audit", "votes invalidated"),
    "invalidate_by_veto": pgettext_lazy("audit", "votes dropped by veto"),
    "open": pgettext_lazy("audit", "opened"),
    "pair": pgettext_lazy("audit", "paired"),
    "pause": pgettext_lazy("audit", "paused"),
    "publish": pgettext_lazy("audit", "published"),
    "publish_results": pgettext_lazy("audit", "results published"),
    "rate": pgettext_lazy("audit", "rated"),
    "receive": pgettext_lazy("audit", "received"),
    "recategorise": pgettext_lazy("audit", "category changed"),
    "record": pgettext_lazy("audit", "recorded"),
    "register": pgettext_lazy("audit", "registered"),
    "reject": pgettext_lazy("audit", "rejected"),
    "remove": pgettext_lazy("audit", "removed"),
    "reopen": pgettext_lazy("audit", "reopened"),
    "resolve": pgettext_lazy("audit", "resolved"),
    "respond": pgettext_lazy("audit", "responded"),
    "resume": pgettext_lazy("audit", "resumed"),
    "reveal_contact": pgettext_lazy("audit", "contact details viewed"),
    "route": pgettext_lazy("audit", "routed"),
    "start": pgettext_lazy("audit", "started"),
    "status": pgettext_lazy("audit", "status changed"),
    "submit": pgettext_lazy("audit", "submitted"),
    "update": pgettext_lazy("audit", "changed"),
    "veto": pgettext_lazy("audit", "vetoed"),
    "visit": pgettext_lazy("audit", "visit logged"),
    "withdraw": pgettext_lazy("audit", "withdrawn"),
}


@register.filter
def action_label(action):
    """The readable name of the last part of a dotted audit action."""
    verb = str(action).rsplit(".", 1)[-1]
    return VERBS.get(verb, action)


# Keys recorded beside field values that are no field of the model.
KEYS = {
    "batch": pgettext_lazy("audit", "import batch"),
}
EMPTY = "—"


@register.simple_tag(takes_context=True)
def actor_name(context, entry):
    """Who did it, as the reader may see them: staff by name, a resident
    masked (their own entries excepted), so that a history shown to partner
    staff or officials does not name the resident the rest of the page masks."""
    if entry.actor is None:
        return gettext("system")
    return _person(entry.actor, _viewer(context))


def _viewer(context):
    return getattr(context.get("request"), "user", None)


def _person(person, viewer):
    name = str(person)
    if (viewer is not None and viewer.pk == person.pk) or person.is_staff_person:
        return name
    return mask_mobile(name) if name.isdigit() else mask_name(name)


def _household(household, viewer):
    if viewer is not None and getattr(viewer, "household_id", None) == household.pk:
        return str(household)
    return mask_address(str(household))


# Related records that name a person or where one lives are shown as the
# reader may see them (see actor_name); others by their name.
PERSONAL = {
    settings.AUTH_USER_MODEL: _person,
    "places.Household": _household,
}


@register.simple_tag(takes_context=True)
def audit_changes(context, entry):
    """The changes of one audit entry as ``[{label, before, has_before, after}]``."""
    viewer = _viewer(context)
    try:
        model = apps.get_model(entry.object_type)
    except (LookupError, ValueError):
        model = None
    before = entry.before or {}
    changes = []
    for key, value in (entry.after or {}).items():
        field = _field(model, key)
        changes.append(
            {
                "label": _label(field, key),
                "has_before": key in before,
                "before": _value(field, before.get(key), viewer),
                "after": _value(field, value, viewer),
            }
        )
    return changes


def _field(model, key):
    if model is None:
        return None
    try:
        field = model._meta.get_field(key)
    except FieldDoesNotExist:
        return None
    return field if field.concrete else None


def _label(field, key):
    if field is not None:
        return field.verbose_name
    return KEYS.get(key, key)


def _value(field, value, viewer):
    if value is None or value == "":
        return EMPTY
    shown = value
    if field is None:
        pass
    elif field.choices:
        shown = dict(field.flatchoices).get(value, value)
    elif isinstance(field, models.BooleanField) and isinstance(value, bool):
        shown = yesno(value)
    elif field.many_to_one or field.one_to_one:
        shown = _related(field, value, viewer)
    elif isinstance(field, models.DateTimeField):
        shown = _datetime(value)
    elif isinstance(field, models.DateField):
        shown = _date(value)
    return shown


def _related(field, value, viewer):
    related = field.related_model
    try:
        found = related._default_manager.filter(pk=value).first()
    except (ValueError, TypeError, ValidationError):
        found = None
    if found is None:
        return value
    shown = PERSONAL.get(related._meta.label)
    return shown(found, viewer) if shown else str(found)


def _date(value):
    try:
        parsed = parse_date(str(value))
    except ValueError:
        parsed = None
    return date_format(parsed, "Y-m-d") if parsed else value


def _datetime(value):
    try:
        parsed = parse_datetime(str(value))
    except ValueError:
        parsed = None
    if parsed is None:
        return value
    if timezone.is_aware(parsed):
        parsed = timezone.localtime(parsed)
    return date_format(parsed, "Y-m-d H:i")
