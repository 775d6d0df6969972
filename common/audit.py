"""Writing and reading the audit log."""

from common.middleware import current_request_meta
from common.models import AuditEntry


def _type_of(obj):
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


def _jsonable(values):
    return {
        key: value if _is_plain(value) else str(value) for key, value in values.items()
    }


def _is_plain(value):
    return value is None or isinstance(value, bool | int | float | str)


def record(action, obj, *, actor, before=None, after=None, reason=""):
    """Append one audit entry for ``obj``; call it inside the change's transaction."""
    meta = current_request_meta()
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=_type_of(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        before=_jsonable(before or {}),
        after=_jsonable(after or {}),
        reason=reason,
        ip=meta.get("ip"),
        request_id=meta.get("request_id", ""),
    )


def history_of(obj):
    """The audit entries of one object, newest first."""
    # The actors' roles come along: history panels mask residents by them.
    return (
        AuditEntry.objects.filter(object_type=_type_of(obj), object_id=str(obj.pk))
        .select_related("actor")
        .prefetch_related("actor__roles")
    )
