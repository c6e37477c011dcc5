from config.env import use_fresh_data_dir

# Keys, uploads and generated files of a test run go to a fresh directory, never into a developer's data dir
# (whose keys may be the published ones the settings refuse); set before the base settings read it.
DATA_DIR = use_fresh_data_dir("prongsai-test-")

from .base import *  # noqa: E402, F403 (after DATA_DIR, which the base settings read)
from .base import STORAGES  # noqa: E402

MEDIA_ROOT = DATA_DIR / "uploads"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir()
FILE_UPLOAD_TEMP_DIR = DATA_DIR / "tmp-uploads"
FILE_UPLOAD_TEMP_DIR.mkdir(exist_ok=True)
STORAGES = {
    **STORAGES,
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(MEDIA_ROOT)}},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Each test process keeps its own cache in memory (the data dir is per process anyway).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The immediate backend would render the compiled PDF inside every test that sends a report; the tests of
# that refresh turn it on.
REPORTS_PDF_PRERENDER = False
