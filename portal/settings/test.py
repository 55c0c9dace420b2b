"""Test settings: fast hashing, plain static storage, no outgoing mail."""

import tempfile

from .base import *  # noqa: F403
from .environment import task_settings

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
_TMP = Path(tempfile.mkdtemp(prefix="portal-test-media-"))  # noqa: F405
MEDIA_ROOT = _TMP / "media"
PRIVATE_MEDIA_ROOT = _TMP / "private"
STORAGES["private"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "chrome",
    },
}
WAGTAILADMIN_BASE_URL = "http://testserver"
ALLOWED_HOSTS = ["*"]
# Tasks run at once, after the transaction that queued them commits
# (portal.tasks.enqueue_on_commit); tests/stack runs the real worker too.
TASKS = task_settings("immediate")
FRONTEND_CACHE_URL: list[str] = []
WAGTAILFRONTENDCACHE: dict = {}
PUBLIC_BASE_URL = "http://testserver"
