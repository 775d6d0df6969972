from django.conf import settings


def platform(request):
    return {"debug": settings.DEBUG}
