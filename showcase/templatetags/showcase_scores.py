"""The ``score`` filter: a result figure as shown (half up, 2 places)."""

from django import template

from showcase.scores import shown

register = template.Library()


@register.filter
def score(value):
    return "" if value is None else shown(value)
