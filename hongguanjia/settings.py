"""Django settings of hongguanjia.

Development defaults are safe to run on one machine: SQLite under ``var/``,
media under ``var/media``, SMS codes written to the log. Production sets
``HGJ_PRODUCTION=1`` and the variables listed in docs/deployment.md.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from hongguanjia.env import env, env_bool, env_list

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env("VAR_DIR", str(BASE_DIR / "var")))

PRODUCTION = env_bool("PRODUCTION")
DEBUG = env_bool("DEBUG", default=not PRODUCTION)
SECRET_KEY = env("SECRET_KEY") or (
    "" if PRODUCTION else "insecure-development-key-never-used-in-production"
)
if PRODUCTION and len(SECRET_KEY) < 50:
    # Sessions, CSRF tokens and password resets are signed with it: a server
    # must not start in production with a missing or guessable key.
    raise ImproperlyConfigured("HGJ_SECRET_KEY must be set to 50+ random characters")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The platform's apps come first so that their wording wins where Django's
    # own catalogs translate the same message differently ("Filter": 筛选).
    "common",
    "places",
    "organizations",
    "accounts",
    "notifications",
    "campaign",
    "serviceweek",
    "complaints",
    "showcase",
    "indicators",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    # Serves the API documentation's Swagger UI from the site's own static
    # files instead of a CDN (the platform runs on a government intranet).
    "ninja",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "common.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "common.middleware.RefuseNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Innermost, so that the page it makes gets the headers of the others.
    "common.middleware.MethodNotAllowedPageMiddleware",
]

if PRODUCTION:
    # Static files are collected into STATIC_ROOT and served by WhiteNoise (or
    # nginx in front of it); in development runserver serves them itself.
    MIDDLEWARE.insert(2, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "hongguanjia.urls"
WSGI_APPLICATION = "hongguanjia.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "common.context_processors.platform",
                "notifications.context_processors.inbox",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'hongguanjia.sqlite3'}"),
        conn_max_age=int(env("DB_CONN_MAX_AGE", "0")),
    )
}
# The hottest statements (common.sqlrows.fetch_one) are prepared on first
# use; all others bind in the client and are never prepared. Off for a pooler
# in transaction mode that cannot keep prepared statements.
POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if POSTGRES and env("DB_PREPARED_STATEMENTS", "1") == "1":
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 0
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the worker read while the web server writes; the timeout makes a
    # second writer wait instead of failing at once.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Residents are most of the people sent to sign in; the SMS page links to the
# staff password page.
LOGIN_URL = "accounts:sms_sign_in"
LOGIN_REDIRECT_URL = "home"

LANGUAGE_CODE = "zh-hans"
# Only Simplified Chinese is maintained; a browser asking for English still gets
# Chinese rather than the untranslated source text.
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Request bodies other than files are refused above this size (400).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Files above this size go to a temporary file instead of memory ...
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# ... and a request with more than this in files is aborted while it streams
# in (413), before it is read whole; each form may also cap its own field
# lower with common.uploads.check_size.
UPLOAD_MAX_BYTES = int(env("UPLOAD_MAX_MB", "200")) * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "common.uploads.CappedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_PERMISSIONS = 0o640

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "hgj_cache",
        }
    }

TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Outside services, each behind an interface with a local stand-in.
# Production sends through the gateway unless told otherwise; the log sender
# keeps codes readable in the database, which only a demonstration may do.
SMS_SENDER = env(
    "SMS_SENDER",
    "common.sms.HttpSmsSender" if PRODUCTION else "common.sms.LogSmsSender",
)
SMS_GATEWAY_URL = env("SMS_GATEWAY_URL", "")
SMS_GATEWAY_KEY = env("SMS_GATEWAY_KEY", "")
WECHAT_CODE2SESSION_URL = env(
    "WECHAT_CODE2SESSION_URL", "https://api.weixin.qq.com/sns/jscode2session"
)
WECHAT_APPID = env("WECHAT_APPID", "")
WECHAT_SECRET = env("WECHAT_SECRET", "")
# The code2session client: a local stand-in unless production names the real one.
WECHAT_CLIENT = env(
    "WECHAT_CLIENT",
    "accounts.wechat.HttpWechatClient"
    if PRODUCTION
    else "accounts.wechat.LocalWechatClient",
)

# Security: strict under production settings, checked by `check --deploy`
# (tests/trust/test_production_settings.py runs it); docs/security.md.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "common.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    # Pages read the CSRF token from the template (forms, hx-headers), never
    # from the cookie, so scripts need no access to it.
    CSRF_COOKIE_HTTPONLY = True
    SECURE_SSL_REDIRECT = env_bool("SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "media-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "common.middleware.RequestIdLogFilter"},
        "redact": {"()": "common.logredact.RedactPersonalDataFilter"},
    },
    "formatters": {
        "plain": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id", "redact"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "hongguanjia.request": {"level": "INFO"},
        "django.server": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
    },
}
