import os

from django.core.wsgi import get_wsgi_application

from config.env import prepare_process_env

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
prepare_process_env()

application = get_wsgi_application()
