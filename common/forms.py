"""What the pages' forms share."""


def add_refusal(form, error):
    """Show a service's :class:`~common.errors.DomainError` on ``form``: at the
    fields it names that the form has, otherwise once above the form, so the
    form keeps what was typed and says why where it applies."""
    placed = False
    for field, messages in (error.fields or {}).items():
        if field in form.fields:
            for message in messages:
                form.add_error(field, str(message))
            placed = True
    if not placed:
        form.add_error(None, str(error.message))
