"""Settings shared by every environment.

Every value that differs between deployments is read from the environment; the
variables are listed in `.env.example` and the README.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from .environment import cache_settings, env_bool, env_list, task_settings

BASE_DIR = Path(__file__).resolve().parent.parent.parent


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal",
    "cms_pages",
    "search",
    "portal.dossiers",
    "portal.backoffice",
    "portal.appointments",
    "portal.transparency",
    "portal.editorial",
    "portal.questions",
    "portal.security",
    "axes",
    "csp",
    "portal.eforms",
    "wagtail_localize",
    "wagtail_localize.locales",
    # Not "wagtail.contrib.frontend_cache": its app only connects a purge of
    # each published page's own URL, which portal.frontend_cache's purge
    # already covers (with its translations, listings and linking pages), so
    # every publish queued two purges; its backends and task are used
    # without it.
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "formtools",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # WhiteNoise directly after SecurityMiddleware, as its docs require.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # What several templates of one page ask for, looked up once per request.
    "portal.request_memo.RequestMemoMiddleware",
    # Above sessions, CSRF and messages: it must see the cookies they set.
    "portal.cache_control.FrontCacheMiddleware",
    "portal.security.csp.ContentSecurityPolicyMiddleware",
    "portal.security.csp.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.LocaleMiddleware",  # Django's, minus API 404 redirects
    # After the language is known: refuses NUL and control characters (400).
    "portal.security.input.ControlCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "portal.security.sessions.BackofficeIdleSessionMiddleware",
    # Last, as django-axes requires: turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out user name or address is refused before any
    # password check (django-axes).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms_pages.context_processors.fragment_cache",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Vietnamese is the source language, English the translation.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
WAGTAIL_I18N_ENABLED = True
# Admin languages offered in Account → Preferences. Wagtail lists only
# languages whose translation of its own admin is nearly complete, which
# leaves Vietnamese out; locale/vi fills the gaps editors meet.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# locale/: the project's own strings. locale_upstream/: Vietnamese for the
# Wagtail, wagtail-localize and Django admin strings their own catalogues
# leave out or word misleadingly here (see its header).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_upstream"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Dossier uploads live here and are never served by URL: only a
# permission-checked view streams them.
PRIVATE_MEDIA_ROOT = Path(
    os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media")
)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# WhiteNoise caches files with a hashed name (from the manifest) "forever"
# with `immutable`; plain names keep its short default (60 s), because their
# content can change under the same URL. So no WHITENOISE_MAX_AGE here.


DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Cổng Hành chính công"
# Page slugs are ASCII ("dang-ky-khai-sinh"): Vietnamese letters are folded by
# portal.editorial's slug widget and cms_pages.forms.PortalPageForm.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# An approved review publishes without the approver holding the publish
# permission, which nobody but administrators has (portal/editorial/roles.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "portal.editorial.review.publish_approved_change"
# Avatars are uploaded in Account, never fetched from gravatar.com: the admin's
# CSP allows images from this site only, so a gravatar showed as a broken image.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The one absolute base of every URL that leaves the site: e-mails, PDF
# receipts, QR codes, sitemap, hreflang, canonical, JSON-LD, API result URLs
# (portal.urls_public.absolute_url). Links between pages stay relative. In
# development it follows PORT, so `make run PORT=8811` links to itself.
PUBLIC_BASE_URL = (
    os.environ.get("PUBLIC_BASE_URL")
    or f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
).rstrip("/")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", PUBLIC_BASE_URL)
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "doc",
    "docx",
    "odt",
    "pdf",
    "rtf",
    "txt",
    "xls",
    "xlsx",
    "zip",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "svg"]

# Search cluster (see search/). Unset ELASTICSEARCH_URL = database search.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "portal")
# Seconds a visitor's search waits for the cluster before the database answers,
# and seconds the cluster is then skipped (circuit breaker). See docs/search.md.
SEARCH_TIMEOUT = float(os.environ.get("SEARCH_TIMEOUT", "1.0"))
SEARCH_BREAKER_SECONDS = float(os.environ.get("SEARCH_BREAKER_SECONDS", "30"))
# The breaker opens after this many failures within SEARCH_BREAKER_WINDOW s.
SEARCH_BREAKER_FAILURES = int(os.environ.get("SEARCH_BREAKER_FAILURES", "3"))
SEARCH_BREAKER_WINDOW = float(os.environ.get("SEARCH_BREAKER_WINDOW", "30"))
# Open a connection and read the thesaurus at worker start (portal/wsgi.py).
SEARCH_WARM_UP = env_bool("SEARCH_WARM_UP", default=True)
# A site's own thesaurus files on top of search/vocabulary/ (comma-separated
# paths, same format); `manage.py search_index reload` applies a change.
SEARCH_EXTRA_THESAURUS = os.environ.get("SEARCH_EXTRA_THESAURUS", "")

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
# Only read by the file-based backend (`make stack` writes e-mails there).
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "sent_mail"))
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "no-reply@hanhchinhcong.example.vn"
)

# Shared cache (docs/operations.md, "Shared cache"). With CACHE_URL (Redis)
# every app process and the worker share one cache: rate-limit counters,
# site chrome (menus, banners: an edit shows at once everywhere), page
# fragments, statistics. Without it the development defaults stay: the
# database cache for what must be shared, local memory for the chrome.
CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES = cache_settings(CACHE_URL)
# Sessions hold wizard state on the server (never cookies: formtools #45):
# in PostgreSQL, and with CACHE_URL also read through Redis (cached_db: every
# write still goes to the database, so an evicted key loses nothing).
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if CACHE_URL
    else "django.contrib.sessions.backends.db"
)

# Background tasks (django-tasks): `database` queues them in PostgreSQL for
# the worker (`deploy/worker.sh`, `manage.py db_worker`), in the transaction
# that enqueues them; `immediate` runs them at once in the process (after
# the transaction commits, see portal.tasks.enqueue_on_commit).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate")
TASKS = task_settings(TASKS_BACKEND)

# Front cache (Varnish, deploy/varnish/portal.vcl). FRONTEND_CACHE_URL lists
# the caches to purge (comma-separated; unset = no front cache, no purges).
# FRONTEND_CACHE_SECONDS is how long a shared cache may keep an anonymous
# page or public API answer (s-maxage); edits purge them at once, so it only
# bounds what no edit announces (a banner's start time, a clock).
FRONTEND_CACHE_URL = env_list("FRONTEND_CACHE_URL")
FRONTEND_CACHE_SECONDS = int(os.environ.get("FRONTEND_CACHE_SECONDS", "300"))
WAGTAILFRONTENDCACHE = {
    f"varnish{index}": {
        "BACKEND": "portal.frontend_cache.VarnishBackend",
        "LOCATION": location,
    }
    for index, location in enumerate(FRONTEND_CACHE_URL)
}
# Wagtail would rewrite each purged URL's language prefix into every other
# language, but a translated page has its own slug; portal.frontend_cache
# lists each translation's real URL instead.
WAGTAILFRONTENDCACHE_LANGUAGES: list[str] = []

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Wagtail's background tasks (django-tasks) log every run at INFO.
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        # The search clients log every request at INFO: two or three lines per
        # search, formatted and written by the worker. Failures stay visible
        # (WARNING), and the breaker logs its own changes (search.breaker).
        "opensearch": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
    },
}

# Online dossiers (portal/dossiers; see docs/dossiers.md).
DOSSIER_CODE_PATTERN = os.environ.get(
    "DOSSIER_CODE_PATTERN", "{prefix}-{date:%y%m%d}-{seq:04d}-{random}"
)
DOSSIER_CODE_SEQUENCE_SCOPE = os.environ.get(
    "DOSSIER_CODE_SEQUENCE_SCOPE", "{prefix}-{date:%y%m%d}"
)
DOSSIER_CODE_DEFAULT_PREFIX = os.environ.get("DOSSIER_CODE_DEFAULT_PREFIX", "HS")
DOSSIER_MAX_FILE_SIZE = int(
    os.environ.get("DOSSIER_MAX_FILE_SIZE", str(10 * 1024 * 1024))
)
DOSSIER_MAX_TOTAL_SIZE = int(
    os.environ.get("DOSSIER_MAX_TOTAL_SIZE", str(30 * 1024 * 1024))
)
DOSSIER_TRACKING_RATE_LIMIT = os.environ.get("DOSSIER_TRACKING_RATE_LIMIT", "30/600")

# --- Security (portal/security; docs/operations.md "Security") ---------------

# The client address: REMOTE_ADDR, or behind this many reverse proxies the
# right-most X-Forwarded-For entry no trusted proxy wrote (CONTRACTS.md).
# DOSSIER_TRUST_X_FORWARDED_FOR=true is a deprecated alias for 1.
TRUSTED_PROXY_COUNT = int(
    os.environ.get(
        "TRUSTED_PROXY_COUNT", "1" if env_bool("DOSSIER_TRUST_X_FORWARDED_FOR") else "0"
    )
)


def env_rates(name: str) -> dict[str, str]:
    """Read "scope=N/SECONDS,scope=N/SECONDS" (e.g. "tracking=30/600")."""
    pairs = (item.split("=", 1) for item in env_list(name) if "=" in item)
    return {scope.strip(): rate.strip() for scope, rate in pairs}


# Requests per client and scope (portal/security/ratelimit.py lists the scopes
# and their defaults); RATE_LIMITS="tracking=30/600,search_api=300/60" overrides.
RATE_LIMITS = {
    "tracking": DOSSIER_TRACKING_RATE_LIMIT,
    **env_rates("RATE_LIMITS"),
}

# Admin login throttling (django-axes): this many failures per user name, or
# per address, within LOGIN_LOCKOUT_MINUTES lock logins out for that long.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(
    minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15"))
)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "portal.security.client.axes_client_ip"
AXES_LOCKOUT_CALLABLE = "portal.security.lockout.lockout_response"
AXES_ENABLE_ADMIN = False  # lockouts are lifted in the Wagtail admin
AXES_VERBOSE = False

# Sessions: citizens keep theirs SESSION_COOKIE_AGE seconds; back-office users
# (anyone who may enter the admin) are logged out after this much idle time.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(14 * 24 * 3600)))
BACKOFFICE_SESSION_IDLE_SECONDS = int(
    os.environ.get("BACKOFFICE_SESSION_IDLE_SECONDS", str(30 * 60))
)

# Content-Security-Policy (django-csp). Scripts need our origin or the
# request's nonce; CSP_REPORT_ONLY=true sends the same policy report-only.
_CSP_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF, NONCE],
    "style-src": [SELF],
    # Server-drawn charts and progress bars set widths with style attributes.
    "style-src-attr": [UNSAFE_INLINE],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "frame-src": [
        SELF,
        *env_list(
            "CSP_FRAME_SRC", "https://www.youtube-nocookie.com,https://www.youtube.com"
        ),
    ],
    "frame-ancestors": [SELF],
    "form-action": [SELF],
    "base-uri": [SELF],
    "object-src": [NONE],
}
if os.environ.get("CSP_REPORT_URI"):
    _CSP_DIRECTIVES["report-uri"] = [os.environ["CSP_REPORT_URI"]]
# (Not named CSP_REPORT_ONLY in Python: django-csp 4 takes CSP_* settings for
# its old format and refuses to start.)
if env_bool("CSP_REPORT_ONLY"):
    CONTENT_SECURITY_POLICY = None
    CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": _CSP_DIRECTIVES}
else:
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_DIRECTIVES}
    CONTENT_SECURITY_POLICY_REPORT_ONLY = None
# The Wagtail admin keeps inline scripts and styles of its own.
CONTENT_SECURITY_POLICY_ADMIN_PREFIXES = ("/admin/",)
CONTENT_SECURITY_POLICY_ADMIN_REPLACE = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    # The dashboard's "new Wagtail release" check.
    "connect-src": [SELF, "https://releases.wagtail.org"],
}
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "interest-cohort=(), browsing-topics=()"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Personal data (Decree 13/2023): closed dossiers and settled questions are
# anonymised this many days after their last change, bookings this many days
# after the visit, by `manage.py purge_personal_data` (daily; portal/retention.py).
PERSONAL_DATA_RETENTION_DAYS = int(
    os.environ.get("PERSONAL_DATA_RETENTION_DAYS", str(5 * 365))
)

# Uploads (portal/dossiers/validators.py): images are decoded in full, and
# refused above this many pixels (Pillow's decompression-bomb guard).
UPLOAD_MAX_IMAGE_PIXELS = int(
    os.environ.get("UPLOAD_MAX_IMAGE_PIXELS", str(60_000_000))
)

# Visits to the centre (portal/appointments; see docs/appointments.md).
# Queue numbers only from these networks (the kiosks in the hall), e.g.
# "10.20.0.0/24"; empty = from anywhere (rate-limited per client).
APPOINTMENT_KIOSK_NETWORKS = env_list("APPOINTMENT_KIOSK_NETWORKS")
