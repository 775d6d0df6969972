"""Links of the showcase's pages that depend on who is looking."""

from django import template

from accounts.permissions import can

register = template.Library()


@register.simple_tag(takes_context=True)
def may_enter_works(context):
    """Whether the person looking may enter works (and so wants the link to
    their works): ``{% may_enter_works as may_enter %}``."""
    request = context.get("request")
    return can(getattr(request, "user", None), "showcase.submit_work")
