import tempfile
from pathlib import Path

from .base import *  # noqa: F401,F403
from .base import STORAGES

# Uploads and generated files of a test run go to a fresh directory, never into a developer's data dir.
DATA_DIR = Path(tempfile.mkdtemp(prefix="prongsai-test-"))
MEDIA_ROOT = DATA_DIR / "uploads"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir()
FILE_UPLOAD_TEMP_DIR = DATA_DIR / "tmp-uploads"
FILE_UPLOAD_TEMP_DIR.mkdir()
STORAGES = {
    **STORAGES,
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(MEDIA_ROOT)}},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The immediate backend would render the compiled PDF inside every test that sends a report; the tests of
# that refresh turn it on.
REPORTS_PDF_PRERENDER = False
