import os

from django.core.wsgi import get_wsgi_application

from config.env import prepare_process_env

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
prepare_process_env()

application = get_wsgi_application()


def _refuse_wrong_keys() -> None:
    """A web worker serves nothing with a key that does not open the stored identities (see
    complaints.keys)."""
    from config.env import StartRefused, forget_generated_secrets
    from core.startup import run_key_checks

    try:
        run_key_checks()
    except StartRefused:
        forget_generated_secrets()
        raise


_refuse_wrong_keys()
