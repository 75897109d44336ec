"""Wrench settings: everything an operator may change comes from the environment."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF

from wrench import env

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("WRENCH_VAR_DIR", BASE_DIR / "var"))

DEBUG = env.env_bool("WRENCH_DEBUG", False)
SECRET_KEY = env.secret_key(VAR_DIR)
ALLOWED_HOSTS = env.env_list("WRENCH_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.env_list("WRENCH_CSRF_TRUSTED_ORIGINS", [])
WRENCH_PORT = env.env_int("WRENCH_PORT", 8000)
WRENCH_WORKERS = env.env_int("WRENCH_WORKERS", 2)
# Days between physical completion (CO) and the earliest close (CL), for invoices to arrive.
WRENCH_CLOSING_DELAY_DAYS = env.env_int("WRENCH_CLOSING_DELAY_DAYS", 14)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "simple_history",
    "axes",  # login throttling and lockout (django-axes)
    "ninja",  # the API docs page from our own static files, not a CDN (the CSP allows 'self')
    "wrench.core",
    "wrench.accounts",
    "wrench.coding",
    "wrench.assets",
    "wrench.workorders",
    # Order matters: approvals routes a work order entering WA/WL before notifications
    # (listening to the same signal) looks up whom to tell.
    "wrench.approvals",
    "wrench.planning",
    "wrench.materials",
    "wrench.labor",
    "wrench.notifications",
    "wrench.scheduling",
    "wrench.pm",
    "django_tasks",
    "django_tasks_db",
    "wrench.imports",
    "wrench.reports",
    # On top: the start page and the demo plant import the apps above; nothing imports them.
    "wrench.home",
    "wrench.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads input: NUL, controls, huge integers → 400 naming the field.
    "wrench.core.hygiene.InputHygieneMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",  # Content-Security-Policy (django-csp), policy below
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: answers a locked-out login with 429.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wrench.urls"
WSGI_APPLICATION = "wrench.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "wrench" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wrench.home.navigation.navigation",
            ],
        },
    },
]

DATABASES = {"default": env.database(os.environ.get("DATABASE_URL"), VAR_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
# Django's ModelBackend, with a person's permissions read in one query (accounts/backends.py).
# django-axes first: it refuses a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "wrench.accounts.backends.WrenchBackend",
]
# Login throttling (page login and admin login alike): after WRENCH_LOGIN_FAILURES wrong
# passwords for one username from one address, that pair is locked out (429) for
# WRENCH_LOGIN_COOLOFF_MINUTES. Keyed on the pair, not the address alone: a plant's people often
# share one address, and one person's typos must not lock out the shift. `wrench axes_reset`
# (django-axes) unlocks at once.
AXES_FAILURE_LIMIT = env.env_int("WRENCH_LOGIN_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env.env_int("WRENCH_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# SQLite ignores an index's INCLUDE columns (PostgreSQL uses them); nothing to act on.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"

LANGUAGE_CODE = "en"
TIME_ZONE = os.environ.get("WRENCH_TIME_ZONE", "UTC")
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "wrench" / "static"]  # wrench.css and the vendored htmx
# Attachments (photos, documents) are stored through Django's storage API, by default in
# var/attachments: outside the web root (nothing serves MEDIA_URL), and handed out only by
# /attachments/<id>/ to people of the attachment's site. For S3-compatible storage set
# WRENCH_ATTACHMENT_STORAGE=storages.backends.s3.S3Storage (needs django-storages, which then
# reads its own AWS_* settings from the environment; see docs/assets.md).
ATTACHMENT_STORAGE = os.environ.get(
    "WRENCH_ATTACHMENT_STORAGE", "django.core.files.storage.FileSystemStorage"
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    "attachments": {
        "BACKEND": ATTACHMENT_STORAGE,
        "OPTIONS": (
            {"location": str(VAR_DIR / "attachments"), "base_url": None}
            if ATTACHMENT_STORAGE.endswith("FileSystemStorage")
            else {}
        ),
    },
}
# Largest attachment accepted (MB), and the longest side a photo is scaled down to (px).
WRENCH_ATTACHMENT_MAX_MB = env.env_int("WRENCH_ATTACHMENT_MAX_MB", 15)
WRENCH_PHOTO_MAX_PX = env.env_int("WRENCH_PHOTO_MAX_PX", 2000)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.env_bool("WRENCH_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# HTTPS. Off by default so `make run` works on http://127.0.0.1; `wrench check` fails a
# server with a public host name until they are set (README, "Running in production").
# Behind a proxy that terminates TLS, WRENCH_PROXY_SSL_HEADER names the header it sets to
# "https" (X-Forwarded-Proto): only set it when the proxy always overwrites that header.
SECURE_SSL_REDIRECT = env.env_bool("WRENCH_SSL_REDIRECT", False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the load balancer's probe may speak plain HTTP
SECURE_HSTS_SECONDS = env.env_int("WRENCH_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.env_bool("WRENCH_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env.env_bool("WRENCH_HSTS_PRELOAD", False)
_proxy_header = os.environ.get("WRENCH_PROXY_SSL_HEADER", "").strip()
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https") if _proxy_header else None
)

# Content-Security-Policy (django-csp): scripts and styles only from our own static files (no
# inline script, no style= attribute: templates use classes, pages' behaviour is in static
# JS); images also as data: and blob: URLs (charts, photo previews). Attachments kept in S3
# add their host with WRENCH_CSP_IMG_HOSTS.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:", *env.env_list("WRENCH_CSP_IMG_HOSTS", [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Sections apps above the work orders add to a technician's My work page, by dotted path:
# each is called as f(request, user) and returns (template, context) or None.
WRENCH_MY_WORK_SECTIONS = ["wrench.scheduling.my_work.week_section"]
# Preventive maintenance forecast for the schedule's capacity (see scheduling/capacity.py):
# a dotted path to f(site, first_day, last_day) yielding PmForecast rows; empty for none.
# The pm app's provider is the default while pm is installed.
WRENCH_PM_FORECAST = os.environ.get(
    "WRENCH_PM_FORECAST",
    "wrench.pm.forecast.capacity_rows" if "wrench.pm" in INSTALLED_APPS else "",
)

# Background work: django-tasks with the database backend (no broker). `wrench db_worker`
# runs queued tasks; `wrench send_notifications` sends due messages without a worker.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Outgoing mail (notifications). Default: one file per message under var/mail, so nothing
# leaves the machine until an operator sets WRENCH_EMAIL_HOST (SMTP).
EMAIL_HOST = os.environ.get("WRENCH_EMAIL_HOST", "")
EMAIL_PORT = env.env_int("WRENCH_EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("WRENCH_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("WRENCH_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env.env_bool("WRENCH_EMAIL_TLS", True)
EMAIL_TIMEOUT = env.env_int("WRENCH_EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = os.environ.get("WRENCH_EMAIL_FROM", "wrench@localhost")
EMAIL_BACKEND = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
}[os.environ.get("WRENCH_EMAIL_BACKEND", "smtp" if EMAIL_HOST else "file")]
EMAIL_FILE_PATH = VAR_DIR / "mail"
# A failed send is retried this many times in all (backing off), then marked failed.
WRENCH_NOTIFY_MAX_ATTEMPTS = env.env_int("WRENCH_NOTIFY_MAX_ATTEMPTS", 6)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("WRENCH_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
