"""Who is told what about an order. Every call queues after commit."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from notifications.services import notify


def _partner_staff(order):
    return User.objects.filter(
        roles__role=Role.PARTNER_STAFF,
        roles__partner_id=order.package.partner_id,
        is_active=True,
    ).distinct()


def _resident_side(order):
    people = {order.resident_id: order.resident}
    people.setdefault(order.booked_by_id, order.booked_by)
    return people.values()


def _resident_url(order):
    return reverse("serviceweek:order", args=[order.pk])


def _console_url(order):
    return reverse("serviceweek:console_order", args=[order.pk])


def _tell_residents(order, title, *, sms=False):
    for person in _resident_side(order):
        notify(
            person,
            title=title,
            body=str(order.package),
            url=_resident_url(order),
            sms=sms,
        )


def _tell_partner(order, title):
    for person in _partner_staff(order):
        notify(person, title=title, body=str(order.package), url=_console_url(order))


def order_booked(order):
    _tell_residents(order, _("Your booking of %(item)s is received") % _item(order))
    _tell_partner(order, _("New order: %(item)s") % _item(order))


def order_moved(order, event):
    """Tell each party of ``order`` about ``event`` (a step just taken)."""
    item = _item(order)
    if event == "accept":
        _tell_residents(order, _("Your order of %(item)s was accepted") % item)
    elif event == "decline":
        _tell_partner(order, _("An order is back in the pool: %(item)s") % item)
    elif event == "reject":
        _tell_residents(
            order, _("Your order of %(item)s could not be taken") % item, sms=True
        )
    elif event == "assign":
        _tell_residents(order, _("A worker is assigned to %(item)s") % item, sms=True)
        notify(
            order.worker,
            title=_("You are assigned: %(item)s") % item,
            url=_console_url(order),
            sms=True,
        )
    elif event == "start":
        _tell_residents(order, _("Your service %(item)s has started") % item)
    elif event == "complete":
        _tell_residents(
            order, _("Your service %(item)s is completed; please rate it") % item
        )
        _tell_partner(order, _("Order completed: %(item)s") % item)
    elif event == "cancel":
        _tell_residents(order, _("Your order of %(item)s is cancelled") % item)
        _tell_partner(order, _("Order cancelled: %(item)s") % item)
        if order.worker is not None:
            notify(order.worker, title=_("Order cancelled: %(item)s") % item)
    elif event == "rate":
        _tell_partner(order, _("Order rated: %(item)s") % item)


def _item(order):
    return {"item": order.package.service_item}
