"""System checks of the deployment (``manage.py check --deploy``)."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def media_outside_code_tree(app_configs, **kwargs):
    """Uploads must live outside the code tree (set HGJ_MEDIA_ROOT)."""
    media = Path(settings.MEDIA_ROOT).resolve()
    code = Path(settings.BASE_DIR).resolve()
    if media == code or code in media.parents:
        return [
            Warning(
                "MEDIA_ROOT lies inside the code tree.",
                hint="Set HGJ_MEDIA_ROOT to a directory outside it, e.g. "
                "/srv/hongguanjia/media (docs/deployment.md).",
                id="hongguanjia.W001",
            )
        ]
    return []
